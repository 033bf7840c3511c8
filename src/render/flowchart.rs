//! Flowchart: an inline SVG drawing of a procedure's step graph, laid out at build time, with no
//! JavaScript. Shapes and colours come from CSS classes (`themes/default/static/flowchart.css`).
//!
//! The layout is layered (Sugiyama-style), top-down, done by hand:
//!
//! 1. **Cycles** are broken by a depth-first search from the start, then from the nodes not yet
//!    visited in file order. An edge to a node on the search stack (and any edge into the start)
//!    is a *back edge*: reversed for layering, drawn upward along a lane beside the layout.
//! 2. **Layers** by longest path from the sources, so the start is on top; sources other than the
//!    start are pulled down next to their highest successor.
//! 3. **Virtual nodes** on edges that span more than one layer, so long edges get their own room.
//! 4. **Order** within layers by barycenter sweeps (ties by depth-first order, which follows file
//!    order), keeping the order with the fewest crossings.
//! 5. **x** by sweeps that pull each node to the weighted mean of its neighbours in the adjacent
//!    layer, solved per layer as an isotonic regression that keeps order and minimum gaps (pool
//!    adjacent violators, linear time); **y** by layer.
//! 6. **Edges** are orthogonal: they leave a node's bottom and enter a node's top at ports spread
//!    along it, jog horizontally on tracks in the channel between two layers, and carry their answer
//!    label in a band just under the source. Back edges leave the source's side (or its bottom when
//!    another node is in the way), climb a lane outside the nodes they pass, and enter the target's
//!    side (or top). Self-loops are small loops on a node's right side.
//!
//! Everything is linear or `n log n` in the size of the graph except lane placement (quadratic in
//! the number of back edges) and label placement (quadratic in the labels of one channel).

use std::fmt::Write as _;

/// A procedure's step graph, ready to draw.
pub struct Chart<'a> {
    /// Accessible title, e.g. "Fluxograma: Perda do Backup A1".
    pub title: &'a str,
    /// Accessible description, e.g. "7 passos, 3 decisões; começa em “Acesso à máquina”.".
    pub description: &'a str,
    /// In file order; index = step number - 1.
    pub nodes: Vec<Node<'a>>,
    pub edges: Vec<Edge<'a>>,
    /// Index of the start node.
    pub start: usize,
}

#[derive(Clone)]
pub struct Node<'a> {
    /// Step ID (lower-case letters, digits, '-'; anything in broken procedures).
    pub id: &'a str,
    /// 1-based step number shown in the node.
    pub number: usize,
    pub kind: NodeKind,
    /// Plain text; wrapped, and cut with an ellipsis after four lines.
    pub label: &'a str,
    /// Accessible name of the node link, e.g. "Passo 3: Gerar novo backup".
    pub link_label: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Action,
    Decision,
    Resolution,
    Escalation,
    /// A broken step.
    Other,
}

#[derive(Clone)]
pub struct Edge<'a> {
    pub from: usize,
    pub to: usize,
    /// Branch answer.
    pub label: Option<&'a str>,
}

/// An `<svg>` element (no XML declaration) to inline in an HTML page.
pub fn render(chart: &Chart<'_>) -> String {
    let mut out = String::with_capacity(2048 + chart.nodes.len() * 520 + chart.edges.len() * 160);
    if chart.nodes.is_empty() {
        out.push_str(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc fc-empty\" viewBox=\"0 0 16 16\" \
             width=\"16\" height=\"16\" aria-labelledby=\"fc-title fc-desc\">",
        );
        write_title_desc(&mut out, chart);
        out.push_str("</svg>");
        return out;
    }
    if is_dense(chart) {
        let simple = simplified(chart);
        write_svg(&mut out, &simple, &layout(&simple));
    } else {
        write_svg(&mut out, chart, &layout(chart));
    }
    out
}

// ------------------------------------------------------------------------------------------------
// Cost: the layout is linear in steps and links except in three places, counted here before
// they are paid: the virtual nodes of long links (a dense graph has cubically many), the lanes of
// back links and the labels of one channel (both quadratic). Over a limit, the chart is simplified.

/// Most virtual nodes (layers crossed by long links) a chart may lay out. The largest real
/// procedures have fewer than 10; a complete graph of 300 steps has 4.5 million.
pub const BUDGET: usize = 5_000;

/// Most links drawn upward (back links); their lanes cost the square of their number.
pub const MAX_BACK_LINKS: usize = 500;

/// Most links leaving one layer; their answer labels are placed against each other.
pub const MAX_CHANNEL: usize = 1_000;

/// What laying out a chart costs, counted before it is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    pub steps: usize,
    pub links: usize,
    /// One per layer a forward link crosses without stopping: Σ (layer span − 1).
    pub virtual_nodes: usize,
    /// Links drawn upward, on lanes beside the layout.
    pub back_links: usize,
    /// The most forward links leaving one layer.
    pub widest_channel: usize,
}

impl Cost {
    pub fn over_budget(&self) -> bool {
        self.why().is_some()
    }

    /// Why the chart is over budget, in the lint's words; `None` when it is not.
    pub fn why(&self) -> Option<String> {
        if self.virtual_nodes > BUDGET {
            Some(format!("its long links cross {} layers, over the budget of {BUDGET}", self.virtual_nodes))
        } else if self.back_links > MAX_BACK_LINKS {
            Some(format!("{} links go back up, over the budget of {MAX_BACK_LINKS}", self.back_links))
        } else if self.widest_channel > MAX_CHANNEL {
            Some(format!("{} links leave one row, over the budget of {MAX_CHANNEL}", self.widest_channel))
        } else {
            None
        }
    }
}

/// The cost of `n` steps linked by `pairs` (from, to), from `start`, with the layers the layout
/// would use. Linear in steps plus links. Out-of-range links are ignored, as the layout does.
pub fn cost(n: usize, start: usize, pairs: &[(usize, usize)]) -> Cost {
    let start = if start < n { start } else { 0 };
    let plain: Vec<usize> =
        (0..pairs.len()).filter(|&e| pairs[e].0 < n && pairs[e].1 < n && pairs[e].0 != pairs[e].1).collect();
    let links = pairs.iter().filter(|&&(f, t)| f < n && t < n).count();
    let mut cost = Cost { steps: n, links, virtual_nodes: 0, back_links: 0, widest_channel: 0 };
    if n == 0 {
        return cost;
    }
    let lay = layering(n, start, pairs, &plain);
    let mut leaving = vec![0usize; n];
    for &e in &plain {
        let (f, t) = pairs[e];
        if lay.is_back[e] {
            cost.back_links += 1;
            continue;
        }
        let span = lay.layer[t].saturating_sub(lay.layer[f]);
        cost.virtual_nodes = cost.virtual_nodes.saturating_add(span.saturating_sub(1));
        leaving[lay.layer[f].min(n - 1)] += 1;
    }
    cost.widest_channel = leaving.into_iter().max().unwrap_or(0);
    cost
}

fn chart_cost(chart: &Chart<'_>) -> Cost {
    let pairs: Vec<(usize, usize)> = chart.edges.iter().map(|e| (e.from, e.to)).collect();
    cost(chart.nodes.len(), chart.start, &pairs)
}

/// Whether the chart is over the budget and is drawn simplified (see [`simplified`]).
pub fn is_dense(chart: &Chart<'_>) -> bool {
    chart_cost(chart).over_budget()
}

/// How many links a simplified chart leaves out (0 when the chart is drawn in full).
pub fn dropped_links(chart: &Chart<'_>) -> usize {
    if is_dense(chart) { chart.edges.len() - simplified(chart).edges.len() } else { 0 }
}

/// The chart with only the links from a step to the next one in file order: the steps in one
/// column, in step order, with no long links, so its cost is linear.
fn simplified<'a>(chart: &Chart<'a>) -> Chart<'a> {
    let mut edges: Vec<Edge<'a>> = chart.edges.iter().filter(|e| e.to == e.from + 1).cloned().collect();
    // One link per pair: repeated answers to the same step would each be drawn.
    edges.dedup_by(|a, b| a.from == b.from && a.to == b.to);
    Chart { title: chart.title, description: chart.description, nodes: chart.nodes.clone(), edges, start: chart.start }
}

// ------------------------------------------------------------------------------------------------
// Sizes, in CSS pixels of the natural size (the CSS scales the whole drawing down to fit).

const FONT: f64 = 13.0;
/// Estimated advance of one character: 0.6 em.
const CHAR_W: f64 = FONT * 0.6;
const LINE_H: f64 = 16.0;
const MAX_LINES: usize = 4;
const BOX_TEXT_W: f64 = 186.0;
const BOX_MIN_W: f64 = 150.0;
const BOX_PAD_X: f64 = 12.0;
const BOX_PAD_Y: f64 = 11.0;
const DIAMOND_TEXT_W: f64 = 132.0;
const LABEL_FONT: f64 = 11.5;
const LABEL_CHAR_W: f64 = LABEL_FONT * 0.6;
const LABEL_LINE_H: f64 = 14.0;
const LABEL_TEXT_W: f64 = 140.0;
const LABEL_MAX_LINES: usize = 2;
const LABEL_PAD_X: f64 = 4.0;
const LABEL_PAD_Y: f64 = 2.0;
/// Horizontal gaps between neighbours in a layer: two nodes, a node and a long edge, two long edges.
const GAP_REAL: f64 = 32.0;
const GAP_MIXED: f64 = 20.0;
const GAP_VIRTUAL: f64 = 12.0;
const VIRTUAL_HALF: f64 = 2.0;
const PORT_GAP: f64 = 14.0;
const SIDE_PORT_GAP: f64 = 12.0;
const TRACK_GAP: f64 = 10.0;
const BAND_TOP: f64 = 5.0;
const MIN_CHANNEL: f64 = 40.0;
/// Room for an arrowhead above the node an edge enters.
const ARROW_ROOM: f64 = 16.0;
const LANE_GAP: f64 = 20.0;
const LANE_STEP: f64 = 12.0;
const LOOP_OUT: f64 = 16.0;
const LOOP_STEP: f64 = 10.0;
const MARGIN: f64 = 6.0;
const CORNER: f64 = 5.0;
const ORDER_SWEEPS: usize = 8;
const PLACE_SWEEPS: usize = 8;

// ------------------------------------------------------------------------------------------------
// Text measurement and wrapping.

/// Width of a character in units of an average character (0.6 em).
fn char_units(c: char) -> f64 {
    let u = c as u32;
    if (0x300..0x370).contains(&u) || (0x200B..=0x200F).contains(&u) {
        0.0
    } else if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x1F300..=0x1FAFF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u)
    {
        1.7
    } else {
        1.0
    }
}

fn str_units(s: &str) -> f64 {
    if s.is_ascii() { s.len() as f64 } else { s.chars().map(char_units).sum() }
}

/// Text broken into lines: byte ranges into the original text.
#[derive(Clone, Debug, Default)]
struct Wrapped {
    lines: Vec<(usize, usize)>,
    /// The last line is cut and ends with "…".
    ellipsis: bool,
    /// Width of the widest line, in character units (the first line's indent included).
    widest: f64,
}

/// Greedy wrapping at spaces into lines of at most `max` units; words longer than a line are
/// broken hard. The first line starts `indent` units in (the step number goes there).
fn wrap(text: &str, max: f64, indent: f64, max_lines: usize) -> Wrapped {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut widest = indent;
    let mut cur: Option<usize> = None;
    let mut cur_end = 0;
    let mut cur_w = indent;
    let mut truncated = false;
    let base = text.as_ptr() as usize;
    'words: for word in text.split_whitespace() {
        let ws = word.as_ptr() as usize - base;
        let we = ws + word.len();
        let ww = str_units(word);
        if let Some(start) = cur {
            if cur_w + 1.0 + ww <= max {
                cur_end = we;
                cur_w += 1.0 + ww;
                continue;
            }
            lines.push((start, cur_end));
            widest = widest.max(cur_w);
            cur = None;
            cur_w = 0.0;
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if cur_w + ww <= max {
            cur = Some(ws);
            cur_end = we;
            cur_w += ww;
            continue;
        }
        // A word longer than the line: break it hard.
        let mut pos = ws;
        loop {
            let mut w = cur_w;
            let mut end = pos;
            for (i, c) in text[pos..we].char_indices() {
                let u = char_units(c);
                if w + u > max && end > pos {
                    break;
                }
                w += u;
                end = pos + i + c.len_utf8();
            }
            if end == we {
                cur = Some(pos);
                cur_end = we;
                cur_w = w;
                break;
            }
            lines.push((pos, end));
            widest = widest.max(w);
            cur_w = 0.0;
            if lines.len() == max_lines {
                truncated = true;
                break 'words;
            }
            pos = end;
        }
    }
    if !truncated {
        if let Some(start) = cur {
            lines.push((start, cur_end));
            widest = widest.max(cur_w);
        }
    } else if let Some(last) = lines.last_mut() {
        // Make room for the ellipsis and drop a dangling separator before it.
        let (s, mut e) = *last;
        let lead = if lines.len() == 1 { indent } else { 0.0 };
        let mut w = lead + str_units(&text[s..e]);
        while e > s {
            let c = text[s..e].chars().next_back().unwrap_or(' ');
            let dangling = c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–' | '—');
            if w + 1.0 <= max && !dangling {
                break;
            }
            w -= char_units(c);
            e -= c.len_utf8();
        }
        if let Some(last) = lines.last_mut() {
            last.1 = e;
        }
        widest = widest.max(w + 1.0);
    }
    Wrapped { lines, ellipsis: truncated, widest }
}

// ------------------------------------------------------------------------------------------------
// Node geometry.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Action: rounded box.
    Rect,
    /// Decision.
    Diamond,
    /// Resolution: stadium.
    Pill,
    /// Escalation: box with a double border.
    Double,
    /// Broken step: box with a dashed border (CSS).
    Dashed,
}

fn shape_of(kind: NodeKind) -> Shape {
    match kind {
        NodeKind::Action => Shape::Rect,
        NodeKind::Decision => Shape::Diamond,
        NodeKind::Resolution => Shape::Pill,
        NodeKind::Escalation => Shape::Double,
        NodeKind::Other => Shape::Dashed,
    }
}

/// The marker that tells kinds apart without colour, before the step number.
fn marker(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Resolution => "✓ ",
        NodeKind::Escalation => "▲ ",
        NodeKind::Other => "? ",
        NodeKind::Action | NodeKind::Decision => "",
    }
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

#[derive(Clone, Debug)]
struct Geo {
    cx: f64,
    cy: f64,
    w: f64,
    h: f64,
    shape: Shape,
    text: Wrapped,
}

impl Geo {
    /// Half the span of the top and bottom along which ports are spread.
    fn port_half(&self) -> f64 {
        match self.shape {
            Shape::Diamond => self.w * 0.25,
            Shape::Pill => ((self.w - self.h) / 2.0).max(0.0),
            _ => (self.w / 2.0 - 12.0).max(0.0),
        }
    }

    /// Half the span of a side along which side ports are spread.
    fn side_half(&self) -> f64 {
        match self.shape {
            Shape::Diamond => self.h * 0.2,
            Shape::Pill => (self.h / 2.0 - 7.0).max(0.0),
            _ => (self.h / 2.0 - 8.0).max(0.0),
        }
    }

    /// y where a vertical line at `x` meets the top (or bottom) of the shape.
    fn boundary_y(&self, x: f64, top: bool) -> f64 {
        let dy = match self.shape {
            Shape::Diamond => {
                let t = ((x - self.cx).abs() / (self.w / 2.0)).clamp(0.0, 1.0);
                self.h / 2.0 * (1.0 - t)
            }
            _ => self.h / 2.0,
        };
        if top { self.cy - dy } else { self.cy + dy }
    }

    /// x where a horizontal line at `cy + dy` meets the right (or left) side of the shape.
    fn boundary_x(&self, dy: f64, right: bool) -> f64 {
        let dx = match self.shape {
            Shape::Diamond => {
                let t = (dy.abs() / (self.h / 2.0)).clamp(0.0, 1.0);
                self.w / 2.0 * (1.0 - t)
            }
            Shape::Pill => {
                let r = self.h / 2.0;
                self.w / 2.0 - r + (r * r - dy * dy).max(0.0).sqrt()
            }
            _ => self.w / 2.0,
        };
        if right { self.cx + dx } else { self.cx - dx }
    }

    fn left(&self) -> f64 {
        self.cx - self.w / 2.0
    }
    fn right(&self) -> f64 {
        self.cx + self.w / 2.0
    }
    fn top(&self) -> f64 {
        self.cy - self.h / 2.0
    }
}

fn prefix_units(node: &Node<'_>) -> f64 {
    str_units(marker(node.kind)) + digits(node.number) as f64 + 2.0
}

fn measure(node: &Node<'_>) -> Geo {
    let shape = shape_of(node.kind);
    let indent = prefix_units(node);
    let (w, h, text) = match shape {
        Shape::Diamond => {
            let text = wrap(node.label, DIAMOND_TEXT_W / CHAR_W, indent, MAX_LINES);
            let tw = text.widest * CHAR_W;
            let th = text.lines.len().max(1) as f64 * LINE_H;
            let w = (tw * 1.8 + 28.0).clamp(120.0, 270.0);
            let free = (1.0 - (tw + 12.0) / w).max(0.2);
            let h = (th / free + 14.0).max(64.0);
            (w, h, text)
        }
        _ => {
            let text = wrap(node.label, BOX_TEXT_W / CHAR_W, indent, MAX_LINES);
            let tw = text.widest * CHAR_W;
            let lines = text.lines.len().max(1) as f64;
            let extra = if shape == Shape::Double { 4.0 } else { 0.0 };
            let h = lines * LINE_H + 2.0 * (BOX_PAD_Y + extra);
            let w = if shape == Shape::Pill {
                (tw + h * 0.6 + 2.0 * BOX_PAD_X).max(BOX_MIN_W)
            } else {
                (tw + 2.0 * (BOX_PAD_X + extra)).max(BOX_MIN_W)
            };
            (w, h, text)
        }
    };
    Geo { cx: 0.0, cy: 0.0, w, h, shape, text }
}

/// An edge answer, measured.
#[derive(Clone, Debug)]
struct LabelSize {
    text: Wrapped,
    w: f64,
    h: f64,
}

fn measure_label(label: Option<&str>) -> Option<LabelSize> {
    let label = label?;
    if label.trim().is_empty() {
        return None;
    }
    let text = wrap(label, LABEL_TEXT_W / LABEL_CHAR_W, 0.0, LABEL_MAX_LINES);
    let w = text.widest * LABEL_CHAR_W + 2.0 * LABEL_PAD_X;
    let h = text.lines.len().max(1) as f64 * LABEL_LINE_H + 2.0 * LABEL_PAD_Y;
    Some(LabelSize { text, w, h })
}

// ------------------------------------------------------------------------------------------------
// The computed drawing.

#[derive(Debug)]
struct DrawnEdge {
    edge: usize,
    back: bool,
    points: Vec<(f64, f64)>,
}

#[derive(Debug)]
struct DrawnLabel {
    edge: usize,
    back: bool,
    /// Top-left corner and size of the background.
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Debug)]
struct Layout {
    nodes: Vec<Geo>,
    edges: Vec<DrawnEdge>,
    labels: Vec<DrawnLabel>,
    /// Label sizes by edge index.
    label_sizes: Vec<Option<LabelSize>>,
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

/// Compressed adjacency: the values of key `k` are `list[off[k]..off[k + 1]]`, in input order.
fn csr(n: usize, pairs: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut off = vec![0usize; n + 1];
    for &(k, _) in pairs {
        off[k + 1] += 1;
    }
    for k in 0..n {
        off[k + 1] += off[k];
    }
    let mut fill = off.clone();
    let mut list = vec![0usize; pairs.len()];
    for &(k, v) in pairs {
        list[fill[k]] = v;
        fill[k] += 1;
    }
    (off, list)
}

/// Steps not connected to the start's part of the graph (broken procedures) go below it rather
/// than beside it, so the chart stays narrow: each connected part under the previous one, in
/// reading order, and lone steps a few to a row at the bottom.
fn stack_components(n: usize, plain: &[usize], chart: &Chart<'_>, rank: &[usize], layer: &mut [usize]) {
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    let mut parent: Vec<usize> = (0..n).collect();
    for &e in plain {
        let (a, b) = (find(&mut parent, chart.edges[e].from), find(&mut parent, chart.edges[e].to));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    // Per root: first rank, size, lowest and highest layer.
    let mut info: Vec<(usize, usize, usize, usize)> = vec![(usize::MAX, 0, usize::MAX, 0); n];
    let mut root = vec![0usize; n];
    for v in 0..n {
        let r = find(&mut parent, v);
        root[v] = r;
        let i = &mut info[r];
        *i = (i.0.min(rank[v]), i.1 + 1, i.2.min(layer[v]), i.3.max(layer[v]));
    }
    let mut roots: Vec<usize> = (0..n).filter(|&v| root[v] == v).collect();
    if roots.len() < 2 {
        return;
    }
    // The start has rank 0, so its part comes first.
    roots.sort_by_key(|&r| info[r].0);
    const LONE_PER_ROW: usize = 3;
    let mut offset = vec![0usize; n];
    let mut next = 0;
    let mut lone = Vec::new();
    for (k, &r) in roots.iter().enumerate() {
        if k > 0 && info[r].1 == 1 {
            lone.push(r);
            continue;
        }
        offset[r] = next;
        next += info[r].3 - info[r].2 + 1;
    }
    for (k, &r) in lone.iter().enumerate() {
        offset[r] = next + k / LONE_PER_ROW;
    }
    for v in 0..n {
        let r = root[v];
        layer[v] = offset[r] + layer[v] - info[r].2;
    }
}

/// A piece of a forward edge between two consecutive layers.
#[derive(Clone, Copy, Debug)]
struct Seg {
    fwd: usize,
    upper: usize,
    lower: usize,
    first: bool,
    last: bool,
}

/// A forward edge (drawn downward), through its virtual nodes.
#[derive(Clone, Copy, Debug)]
struct Fwd {
    edge: usize,
    from: usize,
    to: usize,
    segs: (usize, usize),
}

/// A back edge (drawn upward around the layout).
#[derive(Clone, Copy, Debug)]
struct Back {
    edge: usize,
    /// Source (lower) and target (upper).
    from: usize,
    to: usize,
    right: bool,
    exit_side: bool,
    entry_side: bool,
    lane: f64,
    exit_port: f64,
    entry_port: f64,
    exit_track: usize,
    entry_track: usize,
    /// Position of the side-exit label (x of its left edge).
    label_x: f64,
    /// Offsets of the side ports from the centre line.
    exit_dy: f64,
    entry_dy: f64,
}

fn cmp_f(a: f64, b: f64) -> std::cmp::Ordering {
    a.total_cmp(&b)
}

/// Places the items of one layer as close as possible (weighted least squares) to `desired`,
/// in the given order and at least `gaps[j]` apart (`gaps[0]` unused): isotonic regression by pool
/// adjacent violators on `desired - offset`.
fn place_layer(desired: &[f64], weight: &[f64], gaps: &[f64], out: &mut [f64], blocks: &mut Vec<(f64, f64, usize)>) {
    let k = desired.len();
    blocks.clear();
    let mut offset = 0.0;
    for j in 0..k {
        if j > 0 {
            offset += gaps[j];
        }
        let y = desired[j] - offset;
        let w = weight[j];
        blocks.push((w * y, w, 1));
        while blocks.len() >= 2 {
            let b = blocks[blocks.len() - 1];
            let a = blocks[blocks.len() - 2];
            if a.0 / a.1 > b.0 / b.1 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
            } else {
                break;
            }
        }
    }
    let mut j = 0;
    let mut offset = 0.0;
    for &(sy, sw, count) in blocks.iter() {
        let y = sy / sw;
        for _ in 0..count {
            if j > 0 {
                offset += gaps[j];
            }
            out[j] = y + offset;
            j += 1;
        }
    }
}

/// Spreads ports along `[c - a, c + a]`, each as near its desired x as order and gaps allow.
/// `ports` is sorted; writes the x of each port into `xs`.
fn spread_ports(c: f64, a: f64, desired: &[f64], xs: &mut Vec<f64>) {
    xs.clear();
    let k = desired.len();
    if k == 0 {
        return;
    }
    if k == 1 {
        // A few pixels past the range are fine when they make a line straight.
        let d = desired[0];
        xs.push(if (d - c).abs() <= a + 4.0 { d } else { d.clamp(c - a, c + a) });
        return;
    }
    let need = (k - 1) as f64 * PORT_GAP;
    if need >= 2.0 * a {
        let step = if k > 1 { 2.0 * a / (k - 1) as f64 } else { 0.0 };
        xs.extend((0..k).map(|j| c - a + step * j as f64));
        return;
    }
    for (j, &d) in desired.iter().enumerate() {
        let mut x = d.clamp(c - a, c + a);
        if j > 0 {
            x = x.max(xs[j - 1] + PORT_GAP);
        }
        xs.push(x);
    }
    if xs[k - 1] > c + a {
        xs[k - 1] = c + a;
        for j in (0..k - 1).rev() {
            xs[j] = xs[j].min(xs[j + 1] - PORT_GAP);
        }
    }
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Phases 1 and 2: depth-first ranks, back edges and layers. `pairs` holds every edge as
/// (from, to); `plain` the drawable ones that are not self-loops.
struct Layering {
    rank: Vec<usize>,
    is_back: Vec<bool>,
    layer: Vec<usize>,
}

fn layering(n: usize, start: usize, pairs: &[(usize, usize)], plain: &[usize]) -> Layering {
    // 1. Depth-first search: preorder rank and back edges.
    let out_pairs: Vec<(usize, usize)> = plain.iter().map(|&e| (pairs[e].0, e)).collect();
    let (out_off, out_list) = csr(n, &out_pairs);
    let mut state = vec![0u8; n];
    let mut rank = vec![0usize; n];
    let mut next_rank = 0;
    let mut is_back = vec![false; pairs.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in std::iter::once(start).chain(0..n) {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        rank[root] = next_rank;
        next_rank += 1;
        stack.push((root, out_off[root]));
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            if k < out_off[u + 1] {
                top.1 += 1;
                let e = out_list[k];
                let v = pairs[e].1;
                if v == start || state[v] == 1 {
                    is_back[e] = true;
                } else if state[v] == 0 {
                    state[v] = 1;
                    rank[v] = next_rank;
                    next_rank += 1;
                    stack.push((v, out_off[v]));
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }

    // 2. Layers: longest path over the acyclic graph (back edges reversed).
    let dag_pairs: Vec<(usize, usize)> = plain
        .iter()
        .map(|&e| {
            let (f, t) = (pairs[e].0, pairs[e].1);
            if is_back[e] { (t, f) } else { (f, t) }
        })
        .collect();
    let (dag_off, dag_list) = csr(n, &dag_pairs);
    let mut indeg = vec![0usize; n];
    for &(_, t) in &dag_pairs {
        indeg[t] += 1;
    }
    let sources: Vec<bool> = indeg.iter().map(|&d| d == 0).collect();
    let mut layer = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head];
        head += 1;
        for &v in &dag_list[dag_off[u]..dag_off[u + 1]] {
            layer[v] = layer[v].max(layer[u] + 1);
            indeg[v] -= 1;
            if indeg[v] == 0 {
                queue.push(v);
            }
        }
    }
    for v in 0..n {
        if v != start && sources[v] && dag_off[v + 1] > dag_off[v] {
            let lowest = dag_list[dag_off[v]..dag_off[v + 1]].iter().map(|&w| layer[w]).min().unwrap_or(1);
            layer[v] = lowest.saturating_sub(1);
        }
    }
    Layering { rank, is_back, layer }
}

fn layout(chart: &Chart<'_>) -> Layout {
    let n = chart.nodes.len();
    let start = if chart.start < n { chart.start } else { 0 };
    let mut geo: Vec<Geo> = chart.nodes.iter().map(measure).collect();
    let label_sizes: Vec<Option<LabelSize>> = chart.edges.iter().map(|e| measure_label(e.label)).collect();

    // Edges that can be drawn; self-loops apart.
    let mut loops: Vec<usize> = Vec::new();
    let mut plain: Vec<usize> = Vec::new();
    for (i, e) in chart.edges.iter().enumerate() {
        if e.from >= n || e.to >= n {
            continue;
        }
        if e.from == e.to { loops.push(i) } else { plain.push(i) }
    }

    let pairs: Vec<(usize, usize)> = chart.edges.iter().map(|e| (e.from, e.to)).collect();
    let Layering { rank, is_back, mut layer } = layering(n, start, &pairs, &plain);
    stack_components(n, &plain, chart, &rank, &mut layer);
    let layer_count = layer.iter().copied().max().unwrap_or(0) + 1;

    // Self-loops widen their node on the right.
    let mut loop_count = vec![0usize; n];
    let mut loop_label_w = vec![0.0f64; n];
    let mut loop_label_h = vec![0.0f64; n];
    for &e in &loops {
        let v = chart.edges[e].from;
        loop_count[v] += 1;
        if let Some(l) = &label_sizes[e] {
            loop_label_w[v] = loop_label_w[v].max(l.w);
            loop_label_h[v] += l.h + 2.0;
        }
    }

    // 3. Items: the nodes, then the virtual nodes of long edges.
    let mut item_layer: Vec<usize> = layer.clone();
    let mut virt: Vec<bool> = vec![false; n];
    let mut tie: Vec<f64> = rank.iter().map(|&r| r as f64).collect();
    let mut half_l: Vec<f64> = geo.iter().map(|g| g.w / 2.0).collect();
    let mut half_r: Vec<f64> = geo.iter().map(|g| g.w / 2.0).collect();
    for v in 0..n {
        if loop_count[v] > 0 {
            half_r[v] += LOOP_OUT + LOOP_STEP * (loop_count[v] - 1) as f64 + 2.0;
            if loop_label_w[v] > 0.0 {
                half_r[v] += 6.0 + loop_label_w[v];
            }
        }
    }
    let mut fwds: Vec<Fwd> = Vec::new();
    let mut segs: Vec<Seg> = Vec::new();
    let mut backs: Vec<Back> = Vec::new();
    for &e in &plain {
        let (f, t) = (chart.edges[e].from, chart.edges[e].to);
        if is_back[e] {
            backs.push(Back {
                edge: e,
                from: f,
                to: t,
                right: true,
                exit_side: false,
                entry_side: false,
                lane: 0.0,
                exit_port: 0.0,
                entry_port: 0.0,
                exit_track: 0,
                entry_track: 0,
                label_x: 0.0,
                exit_dy: 0.0,
                entry_dy: 0.0,
            });
            continue;
        }
        let fi = fwds.len();
        let first_seg = segs.len();
        let mut prev = f;
        for l in layer[f] + 1..layer[t] {
            let item = item_layer.len();
            item_layer.push(l);
            virt.push(true);
            tie.push(rank[f] as f64 + 0.5);
            half_l.push(VIRTUAL_HALF);
            half_r.push(VIRTUAL_HALF);
            segs.push(Seg { fwd: fi, upper: prev, lower: item, first: prev == f, last: false });
            prev = item;
        }
        segs.push(Seg { fwd: fi, upper: prev, lower: t, first: prev == f, last: true });
        fwds.push(Fwd { edge: e, from: f, to: t, segs: (first_seg, segs.len()) });
    }
    let m = item_layer.len();
    let (down_off, down_list) = csr(m, &segs.iter().map(|s| (s.upper, s.lower)).collect::<Vec<_>>());
    let (up_off, up_list) = csr(m, &segs.iter().map(|s| (s.lower, s.upper)).collect::<Vec<_>>());

    // 4. Order within layers.
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for i in 0..m {
        layers[item_layer[i]].push(i);
    }
    let mut pos = vec![0usize; m];
    let mut keys: Vec<(f64, f64, usize)> = Vec::new();
    layers[0].sort_by(|&a, &b| cmp_f(tie[a], tie[b]).then(a.cmp(&b)));
    for (j, &i) in layers[0].iter().enumerate() {
        pos[i] = j;
    }
    for layer in layers.iter_mut().skip(1) {
        keys.clear();
        for &v in layer.iter() {
            let nb = &up_list[up_off[v]..up_off[v + 1]];
            let bc = if nb.is_empty() {
                f64::INFINITY
            } else {
                nb.iter().map(|&u| pos[u] as f64).sum::<f64>() / nb.len() as f64
            };
            keys.push((bc, tie[v], v));
        }
        keys.sort_by(|a, b| cmp_f(a.0, b.0).then(cmp_f(a.1, b.1)).then(a.2.cmp(&b.2)));
        for (j, k) in keys.iter().enumerate() {
            layer[j] = k.2;
            pos[k.2] = j;
        }
    }
    let widest_layer = layers.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut bit = vec![0usize; widest_layer + 1];
    let mut pairs: Vec<usize> = Vec::new();
    let mut count_crossings = |layers: &[Vec<usize>], pos: &[usize]| -> usize {
        let mut total = 0;
        for l in 0..layers.len().saturating_sub(1) {
            pairs.clear();
            for &u in &layers[l] {
                let first = pairs.len();
                pairs.extend(down_list[down_off[u]..down_off[u + 1]].iter().map(|&v| pos[v]));
                pairs[first..].sort_unstable();
            }
            let size = layers[l + 1].len();
            bit[..=size].fill(0);
            // Inversions: for each lower position, how many earlier ones are greater.
            for (seen, &p) in pairs.iter().enumerate() {
                let mut le = 0;
                let mut i = p + 1;
                while i > 0 {
                    le += bit[i];
                    i &= i - 1;
                }
                total += seen - le;
                let mut i = p + 1;
                while i <= size {
                    bit[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    };
    let mut best_crossings = count_crossings(&layers, &pos);
    if best_crossings > 0 && layer_count > 1 {
        let mut best = layers.clone();
        let sweeps = if m > 3000 { 4 } else { ORDER_SWEEPS };
        for sweep in 0..sweeps {
            let down = sweep % 2 == 1;
            let range: Vec<usize> =
                if down { (1..layer_count).collect() } else { (0..layer_count - 1).rev().collect() };
            for l in range {
                keys.clear();
                for &v in &layers[l] {
                    let nb = if down {
                        &up_list[up_off[v]..up_off[v + 1]]
                    } else {
                        &down_list[down_off[v]..down_off[v + 1]]
                    };
                    let bc = if nb.is_empty() {
                        pos[v] as f64
                    } else {
                        nb.iter().map(|&u| pos[u] as f64).sum::<f64>() / nb.len() as f64
                    };
                    keys.push((bc, pos[v] as f64, v));
                }
                keys.sort_by(|a, b| cmp_f(a.0, b.0).then(cmp_f(a.1, b.1)));
                for (j, k) in keys.iter().enumerate() {
                    layers[l][j] = k.2;
                    pos[k.2] = j;
                }
            }
            let c = count_crossings(&layers, &pos);
            if c < best_crossings {
                best_crossings = c;
                best.clone_from(&layers);
                if c == 0 {
                    break;
                }
            }
        }
        layers = best;
        for layer in &layers {
            for (j, &i) in layer.iter().enumerate() {
                pos[i] = j;
            }
        }
    }

    // 5. x: pull every item towards its neighbours, keeping order and gaps.
    let gap = |a: usize, b: usize| -> f64 {
        half_r[a]
            + half_l[b]
            + match (virt[a], virt[b]) {
                (false, false) => GAP_REAL,
                (true, true) => GAP_VIRTUAL,
                _ => GAP_MIXED,
            }
    };
    let mut x = vec![0.0f64; m];
    let mut gaps: Vec<f64> = Vec::new();
    let mut desired: Vec<f64> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut placed: Vec<f64> = Vec::new();
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for layer in &layers {
        let mut cur = 0.0;
        for (j, &i) in layer.iter().enumerate() {
            if j > 0 {
                cur += gap(layer[j - 1], i);
            }
            x[i] = cur;
        }
        for &i in layer {
            x[i] -= cur / 2.0;
        }
    }
    let seg_weight = |a: usize, b: usize| -> f64 {
        match (virt[a], virt[b]) {
            (true, true) => 8.0,
            (false, false) => 1.0,
            _ => 2.0,
        }
    };
    if layer_count > 1 {
        let sweeps = if m > 3000 { 4 } else { PLACE_SWEEPS };
        for sweep in 0..=sweeps {
            // Down, up, ..., and last both ways.
            let both = sweep == sweeps;
            let down = sweep % 2 == 0;
            let range: Vec<usize> =
                if down || both { (1..layer_count).collect() } else { (0..layer_count - 1).rev().collect() };
            for l in range.into_iter().chain(if both { Some(0) } else { None }) {
                let order = &layers[l];
                gaps.clear();
                desired.clear();
                weights.clear();
                for (j, &v) in order.iter().enumerate() {
                    gaps.push(if j > 0 { gap(order[j - 1], v) } else { 0.0 });
                    let mut sw = 0.0;
                    let mut sx = 0.0;
                    if down || both {
                        for &u in &up_list[up_off[v]..up_off[v + 1]] {
                            let w = seg_weight(u, v);
                            sw += w;
                            sx += w * x[u];
                        }
                    }
                    if !down || both {
                        for &u in &down_list[down_off[v]..down_off[v + 1]] {
                            let w = seg_weight(u, v);
                            sw += w;
                            sx += w * x[u];
                        }
                    }
                    desired.push(if sw > 0.0 { sx / sw } else { x[v] });
                    weights.push(if sw > 0.0 { 1.0 } else { 0.25 });
                }
                placed.resize(order.len(), 0.0);
                place_layer(&desired, &weights, &gaps, &mut placed, &mut blocks);
                for (j, &v) in order.iter().enumerate() {
                    x[v] = placed[j];
                }
            }
        }
    }
    // Straighten long edges: each run of virtual nodes whose neighbours allow it gets one x.
    for f in &fwds {
        let virts = &segs[f.segs.0..f.segs.1 - 1];
        let mut k = 0;
        let mut prefer = x[f.from];
        while k < virts.len() {
            let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
            let mut end = k;
            while end < virts.len() {
                let v = virts[end].lower;
                let order = &layers[item_layer[v]];
                let p = pos[v];
                let l = if p > 0 { x[order[p - 1]] + gap(order[p - 1], v) } else { f64::NEG_INFINITY };
                let h = if p + 1 < order.len() { x[order[p + 1]] - gap(v, order[p + 1]) } else { f64::INFINITY };
                let (l, h) = (l.min(x[v]), h.max(x[v]));
                if lo.max(l) > hi.min(h) {
                    break;
                }
                lo = lo.max(l);
                hi = hi.min(h);
                end += 1;
            }
            let c = prefer.clamp(lo, hi);
            for s in &virts[k..end.max(k + 1)] {
                x[s.lower] = c;
            }
            prefer = c;
            k = end.max(k + 1);
        }
    }
    for v in 0..n {
        geo[v].cx = x[v];
    }

    // Which nodes have no other node beside them on the right (left) in their layer.
    let mut right_clear = vec![false; n];
    let mut left_clear = vec![false; n];
    for layer in &layers {
        if let Some(&v) = layer.iter().rev().find(|&&i| !virt[i]) {
            right_clear[v] = loop_count[v] == 0;
        }
        if let Some(&v) = layer.iter().find(|&&i| !virt[i]) {
            left_clear[v] = true;
        }
    }
    let (mut all_lo, mut all_hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..m {
        all_lo = all_lo.min(x[i] - half_l[i]);
        all_hi = all_hi.max(x[i] + half_r[i]);
    }
    for b in backs.iter_mut() {
        let (u, v) = (&geo[b.from], &geo[b.to]);
        let cost = |clear_u: bool, clear_v: bool, du: f64, dv: f64| {
            (if clear_u { 0.0 } else { 1000.0 }) + (if clear_v { 0.0 } else { 1000.0 }) + du + dv
        };
        let cost_r = cost(right_clear[b.from], right_clear[b.to], all_hi - u.right(), all_hi - v.right());
        let cost_l = cost(left_clear[b.from], left_clear[b.to], u.left() - all_lo, v.left() - all_lo);
        b.right = cost_r <= cost_l;
        b.exit_side = if b.right { right_clear[b.from] } else { left_clear[b.from] };
        b.entry_side = if b.right { right_clear[b.to] } else { left_clear[b.to] };
    }

    // 6a. Ports on bottoms (out) and tops (in).
    let nf = fwds.len();
    let mut out_port = vec![0.0f64; nf];
    let mut in_port = vec![0.0f64; nf];
    // (node, desired, tie, slot): slot < nf is a forward edge, else back edge slot - nf.
    let mut ports: Vec<(usize, f64, f64, usize)> = Vec::new();
    for (fi, f) in fwds.iter().enumerate() {
        let s = segs[f.segs.0];
        let (u, h) = (s.upper, s.lower);
        let a0 = geo[u].port_half();
        let a1 = if virt[h] { 0.0 } else { geo[h].port_half() };
        let lo = (x[u] - a0).max(x[h] - a1);
        let hi = (x[u] + a0).min(x[h] + a1);
        let d = if lo <= hi { x[h].clamp(lo, hi) } else { x[h] };
        ports.push((u, d, x[h], fi));
    }
    for (bi, b) in backs.iter().enumerate() {
        if !b.exit_side {
            let d = if b.right { f64::MAX } else { f64::MIN };
            ports.push((b.from, d, bi as f64, nf + bi));
        }
    }
    let mut xs: Vec<f64> = Vec::new();
    let mut assign = |ports: &mut Vec<(usize, f64, f64, usize)>,
                      geo: &[Geo],
                      fwd_port: &mut [f64],
                      backs: &mut [Back],
                      exit: bool| {
        ports.sort_by(|a, b| a.0.cmp(&b.0).then(cmp_f(a.1, b.1)).then(cmp_f(a.2, b.2)).then(a.3.cmp(&b.3)));
        let mut i = 0;
        while i < ports.len() {
            let node = ports[i].0;
            let mut j = i;
            while j < ports.len() && ports[j].0 == node {
                j += 1;
            }
            desired.clear();
            desired.extend(ports[i..j].iter().map(|p| p.1));
            spread_ports(geo[node].cx, geo[node].port_half(), &desired, &mut xs);
            for (k, p) in ports[i..j].iter().enumerate() {
                if p.3 < nf {
                    fwd_port[p.3] = xs[k];
                } else if exit {
                    backs[p.3 - nf].exit_port = xs[k];
                } else {
                    backs[p.3 - nf].entry_port = xs[k];
                }
            }
            i = j;
        }
    };
    assign(&mut ports, &geo, &mut out_port, &mut backs, true);
    ports.clear();
    for (fi, f) in fwds.iter().enumerate() {
        let s = segs[f.segs.1 - 1];
        let d = if s.first { out_port[fi] } else { x[s.upper] };
        ports.push((f.to, d, x[s.upper], fi));
    }
    for (bi, b) in backs.iter().enumerate() {
        if !b.entry_side {
            let d = if b.right { f64::MAX } else { f64::MIN };
            ports.push((b.to, d, -(bi as f64), nf + bi));
        }
    }
    assign(&mut ports, &geo, &mut in_port, &mut backs, false);

    // x at the top and bottom of every segment.
    // Ends that nearly line up are lined up, so lines are exactly vertical or horizontal.
    let mut seg_x = vec![(0.0f64, 0.0f64); segs.len()];
    for (fi, f) in fwds.iter().enumerate() {
        let mut carry = out_port[fi];
        for (si, s) in segs.iter().enumerate().take(f.segs.1).skip(f.segs.0) {
            let mut bottom = if s.last { in_port[fi] } else { x[s.lower] };
            if (carry - bottom).abs() <= 0.5 {
                bottom = carry;
            }
            if s.last {
                in_port[fi] = bottom;
            }
            seg_x[si] = (carry, bottom);
            carry = bottom;
        }
    }

    // 6b. Labels in the band under each layer (channel below layer l).
    // Lines crossing the band: (x, owner); owner = segment index, or segs.len() + back index.
    let mut band_lines: Vec<Vec<(f64, usize)>> = vec![Vec::new(); layer_count];
    let mut band_labels: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); layer_count]; // (x, owner, edge)
    for (si, s) in segs.iter().enumerate() {
        let l = item_layer[s.upper];
        band_lines[l].push((seg_x[si].0, si));
        if s.first && label_sizes[fwds[s.fwd].edge].is_some() {
            band_labels[l].push((seg_x[si].0, si, fwds[s.fwd].edge));
        }
    }
    for (bi, b) in backs.iter().enumerate() {
        if !b.exit_side {
            let l = layer[b.from];
            band_lines[l].push((b.exit_port, segs.len() + bi));
            if label_sizes[b.edge].is_some() {
                band_labels[l].push((b.exit_port, segs.len() + bi, b.edge));
            }
        }
    }
    // Placed band labels: (channel layer, edge, back, x, dy, w, h).
    let mut band_placed: Vec<(usize, usize, bool, f64, f64, f64, f64)> = Vec::new();
    let mut band_h = vec![0.0f64; layer_count];
    let mut chan_lo = vec![f64::INFINITY; layer_count];
    let mut chan_hi = vec![f64::NEG_INFINITY; layer_count];
    for l in 0..layer_count {
        if band_labels[l].is_empty() {
            continue;
        }
        band_labels[l].sort_by(|a, b| cmp_f(a.0, b.0).then(a.2.cmp(&b.2)));
        let first = band_placed.len();
        for &(lx, owner, e) in &band_labels[l] {
            let Some(size) = &label_sizes[e] else {
                continue;
            };
            let (w, h) = (size.w, size.h);
            let clash = |r: (f64, f64, f64, f64), lines: bool, placed: &[(usize, usize, bool, f64, f64, f64, f64)]| {
                placed.iter().any(|p| overlaps(r, (p.3 - 2.0, p.4 - 2.0, p.5 + 4.0, p.6 + 4.0)))
                    || (lines && band_lines[l].iter().any(|&(x, o)| o != owner && x > r.0 - 3.0 && x < r.0 + r.2 + 3.0))
            };
            let mut spot = None;
            'rows: for row in 0..6 {
                let dy = row as f64 * (LABEL_LINE_H / 2.0 + 1.0);
                for x0 in [lx - w / 2.0, lx + 4.0, lx - 4.0 - w] {
                    if !clash((x0, dy, w, h), true, &band_placed[first..]) {
                        spot = Some((x0, dy));
                        break 'rows;
                    }
                }
            }
            let (x0, dy) = spot.unwrap_or_else(|| {
                let mut row = 0;
                loop {
                    let dy = row as f64 * (LABEL_LINE_H / 2.0 + 1.0);
                    if !clash((lx - w / 2.0, dy, w, h), false, &band_placed[first..]) {
                        break (lx - w / 2.0, dy);
                    }
                    row += 1;
                }
            });
            let back = owner >= segs.len();
            band_placed.push((l, e, back, x0, dy, w, h));
            band_h[l] = band_h[l].max(dy + h);
            chan_lo[l] = chan_lo[l].min(x0);
            chan_hi[l] = chan_hi[l].max(x0 + w);
        }
    }

    // 6c. Labels of back edges that leave a node's side, beside it; then the lanes.
    let mut row_lo = vec![f64::INFINITY; layer_count];
    let mut row_hi = vec![f64::NEG_INFINITY; layer_count];
    for i in 0..m {
        let l = item_layer[i];
        row_lo[l] = row_lo[l].min(x[i] - half_l[i]);
        row_hi[l] = row_hi[l].max(x[i] + half_r[i]);
    }
    let mut side_used_r = vec![0.0f64; n];
    let mut side_used_l = vec![0.0f64; n];
    for b in backs.iter_mut() {
        if !b.exit_side {
            continue;
        }
        let Some(size) = &label_sizes[b.edge] else {
            continue;
        };
        let g = &geo[b.from];
        let l = layer[b.from];
        // Beyond the long edges that pass beside the node, so the label hides none of them.
        let order = &layers[l];
        let p = pos[b.from];
        if b.right {
            let past = order[p + 1..].iter().map(|&i| x[i] + VIRTUAL_HALF + 4.0).fold(g.right(), f64::max);
            b.label_x = past + 8.0 + side_used_r[b.from];
            side_used_r[b.from] += size.w + 6.0;
            row_hi[l] = row_hi[l].max(b.label_x + size.w);
        } else {
            let past = order[..p].iter().map(|&i| x[i] - VIRTUAL_HALF - 4.0).fold(g.left(), f64::min);
            b.label_x = past - 8.0 - side_used_l[b.from] - size.w;
            side_used_l[b.from] += size.w + 6.0;
            row_lo[l] = row_lo[l].min(b.label_x);
        }
    }
    let mut lane_order: Vec<usize> = (0..backs.len()).collect();
    lane_order.sort_by_key(|&bi| (layer[backs[bi].from] - layer[backs[bi].to], backs[bi].edge));
    // Placed lanes: (right, top layer, bottom layer, x).
    let mut lanes: Vec<(bool, usize, usize, f64)> = Vec::new();
    for &bi in &lane_order {
        let b = backs[bi];
        let (top, bottom) = (layer[b.to], layer[b.from]);
        let mut need = if b.right { f64::NEG_INFINITY } else { f64::INFINITY };
        for l in top..=bottom {
            need = if b.right { need.max(row_hi[l]) } else { need.min(row_lo[l]) };
        }
        for l in top.saturating_sub(1)..=bottom {
            if chan_lo[l].is_finite() {
                need = if b.right { need.max(chan_hi[l]) } else { need.min(chan_lo[l]) };
            }
        }
        need += if b.right { LANE_GAP } else { -LANE_GAP };
        for &(right, t, bt, lx) in &lanes {
            if right == b.right && t <= bottom + 1 && top <= bt + 1 {
                need = if b.right { need.max(lx + LANE_STEP) } else { need.min(lx - LANE_STEP) };
            }
        }
        backs[bi].lane = need;
        lanes.push((b.right, top, bottom, need));
    }

    // 6d. Tracks for horizontal runs in each channel; channel c is above layer c (c = layer_count:
    // below the last layer).
    // (channel, group, key, lo, hi, slot): slot < segs.len() a segment, else 2 * back (+1 entry).
    let mut runs: Vec<(usize, u8, f64, f64, f64, usize)> = Vec::new();
    let ns = segs.len();
    for (si, s) in segs.iter().enumerate() {
        let (t, b) = seg_x[si];
        if (t - b).abs() > 0.5 {
            let c = item_layer[s.upper] + 1;
            if t < b { runs.push((c, 1, -t, t, b, si)) } else { runs.push((c, 2, t, b, t, si)) }
        }
    }
    for (bi, b) in backs.iter().enumerate() {
        if !b.exit_side {
            let c = layer[b.from] + 1;
            let (lo, hi) = if b.right { (b.exit_port, b.lane) } else { (b.lane, b.exit_port) };
            runs.push((c, 0, bi as f64, lo, hi, ns + 2 * bi));
        }
        if !b.entry_side {
            let c = layer[b.to];
            let (lo, hi) = if b.right { (b.entry_port, b.lane) } else { (b.lane, b.entry_port) };
            runs.push((c, 3, -(b.lane - b.entry_port).abs(), lo, hi, ns + 2 * bi + 1));
        }
    }
    runs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(cmp_f(a.2, b.2)).then(a.5.cmp(&b.5)));
    let mut seg_track = vec![0usize; ns];
    let mut tracks_in = vec![0usize; layer_count + 1];
    let mut tracks: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let c = runs[i].0;
        for t in tracks.iter_mut() {
            t.clear();
        }
        let mut used = 0;
        while i < runs.len() && runs[i].0 == c {
            let (_, _, _, lo, hi, slot) = runs[i];
            let mut t = 0;
            while t < used && tracks[t].iter().any(|&(a, b)| lo < b + 6.0 && a < hi + 6.0) {
                t += 1;
            }
            if t == used {
                used += 1;
                if tracks.len() < used {
                    tracks.push(Vec::new());
                }
            }
            tracks[t].push((lo, hi));
            if slot < ns {
                seg_track[slot] = t;
            } else if (slot - ns).is_multiple_of(2) {
                backs[(slot - ns) / 2].exit_track = t;
            } else {
                backs[(slot - ns) / 2].entry_track = t;
            }
            i += 1;
        }
        tracks_in[c] = used;
    }

    // 7. y: layers and channels.
    let mut row_h = vec![20.0f64; layer_count];
    for v in 0..n {
        row_h[layer[v]] = row_h[layer[v]].max(geo[v].h);
    }
    let mut row_top = vec![0.0f64; layer_count];
    let mut chan_top = vec![0.0f64; layer_count + 1];
    let mut track_top = vec![0.0f64; layer_count + 1];
    let mut y = 0.0;
    for c in 0..=layer_count {
        if c > 0 {
            row_top[c - 1] = y;
            y += row_h[c - 1];
        }
        chan_top[c] = y;
        let band = if c > 0 { band_h[c - 1] } else { 0.0 };
        let t = tracks_in[c] as f64 * TRACK_GAP;
        let inner = c > 0 && c < layer_count;
        let before = BAND_TOP + band + if band > 0.0 { 4.0 } else { 0.0 };
        let height = if c == layer_count {
            if band > 0.0 || t > 0.0 { before + t + 6.0 } else { 0.0 }
        } else if c == 0 {
            if t > 0.0 { 4.0 + t + ARROW_ROOM } else { 0.0 }
        } else {
            (before + t + ARROW_ROOM).max(if inner { MIN_CHANNEL } else { 0.0 })
        };
        let extra = if c > 0 && c < layer_count { (height - (before + t + ARROW_ROOM)).max(0.0) } else { 0.0 };
        track_top[c] = y + if c == 0 { 4.0 } else { before + extra / 2.0 };
        y += height;
    }
    let total_h = y;
    let track_y = |c: usize, t: usize| track_top[c] + TRACK_GAP * (t as f64 + 0.5);
    for v in 0..n {
        geo[v].cy = row_top[layer[v]] + row_h[layer[v]] / 2.0;
    }

    // Side ports: exits on top (nearest lane first), entries below (farthest lane first).
    // (node, right, group, key, back, is exit)
    let mut side: Vec<(usize, bool, u8, f64, usize, bool)> = Vec::new();
    for (bi, b) in backs.iter().enumerate() {
        let dist = |v: usize| (b.lane - geo[v].cx).abs();
        if b.exit_side {
            side.push((b.from, b.right, 0, dist(b.from), bi, true));
        }
        if b.entry_side {
            side.push((b.to, b.right, 1, -dist(b.to), bi, false));
        }
    }
    side.sort_by(|a, b| {
        a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(cmp_f(a.3, b.3)).then(a.4.cmp(&b.4))
    });
    let mut i = 0;
    while i < side.len() {
        let mut j = i;
        while j < side.len() && side[j].0 == side[i].0 && side[j].1 == side[i].1 {
            j += 1;
        }
        let k = j - i;
        let range = geo[side[i].0].side_half();
        let step = if k > 1 { SIDE_PORT_GAP.min(2.0 * range / (k - 1) as f64) } else { 0.0 };
        for (q, s) in side[i..j].iter().enumerate() {
            let dy = (q as f64 - (k - 1) as f64 / 2.0) * step;
            if s.5 { backs[s.4].exit_dy = dy } else { backs[s.4].entry_dy = dy }
        }
        i = j;
    }

    // 8. Paths and labels.
    let mut edges: Vec<DrawnEdge> = Vec::with_capacity(fwds.len() + backs.len() + loops.len());
    let mut labels: Vec<DrawnLabel> = Vec::new();
    for (fi, f) in fwds.iter().enumerate() {
        let mut pts = Vec::with_capacity(2 + 2 * (f.segs.1 - f.segs.0));
        let (su, sv) = (&geo[f.from], &geo[f.to]);
        pts.push((out_port[fi], su.boundary_y(out_port[fi], false)));
        for si in f.segs.0..f.segs.1 {
            let (t, b) = seg_x[si];
            if (t - b).abs() > 0.5 {
                let ty = track_y(item_layer[segs[si].upper] + 1, seg_track[si]);
                pts.push((t, ty));
                pts.push((b, ty));
            }
        }
        pts.push((in_port[fi], sv.boundary_y(in_port[fi], true)));
        edges.push(DrawnEdge { edge: f.edge, back: false, points: pts });
    }
    for &(l, e, back, x0, dy, w, h) in &band_placed {
        labels.push(DrawnLabel { edge: e, back, x: x0, y: chan_top[l + 1] + BAND_TOP + dy, w, h });
    }
    for b in &backs {
        let (su, sv) = (&geo[b.from], &geo[b.to]);
        let mut pts = Vec::with_capacity(6);
        if b.exit_side {
            let y = su.cy + b.exit_dy;
            pts.push((su.boundary_x(b.exit_dy, b.right), y));
            pts.push((b.lane, y));
            if let Some(size) = &label_sizes[b.edge] {
                labels.push(DrawnLabel {
                    edge: b.edge,
                    back: true,
                    x: b.label_x,
                    y: y - size.h / 2.0,
                    w: size.w,
                    h: size.h,
                });
            }
        } else {
            let ty = track_y(layer[b.from] + 1, b.exit_track);
            pts.push((b.exit_port, su.boundary_y(b.exit_port, false)));
            pts.push((b.exit_port, ty));
            pts.push((b.lane, ty));
        }
        if b.entry_side {
            let y = sv.cy + b.entry_dy;
            pts.push((b.lane, y));
            pts.push((sv.boundary_x(b.entry_dy, b.right), y));
        } else {
            let ty = track_y(layer[b.to], b.entry_track);
            pts.push((b.lane, ty));
            pts.push((b.entry_port, ty));
            pts.push((b.entry_port, sv.boundary_y(b.entry_port, true)));
        }
        edges.push(DrawnEdge { edge: b.edge, back: true, points: pts });
    }
    let mut loop_seen = vec![0usize; n];
    let mut loop_label_used = vec![0.0f64; n];
    for &e in &loops {
        let v = chart.edges[e].from;
        let g = &geo[v];
        let k = loop_seen[v];
        loop_seen[v] += 1;
        let count = loop_count[v];
        let dy = (6.0 + 5.0 * k as f64).min(g.side_half().max(4.0));
        let xo = g.right() + LOOP_OUT + LOOP_STEP * k as f64;
        let pts = vec![
            (g.boundary_x(dy, true), g.cy + dy),
            (xo, g.cy + dy),
            (xo, g.cy - dy),
            (g.boundary_x(-dy, true), g.cy - dy),
        ];
        edges.push(DrawnEdge { edge: e, back: true, points: pts });
        if let Some(size) = &label_sizes[e] {
            let lx = g.right() + LOOP_OUT + LOOP_STEP * (count - 1) as f64 + 6.0;
            // Labels of several loops on one node stack around the centre line.
            let ly = g.cy - (loop_label_h[v] - 2.0) / 2.0 + loop_label_used[v];
            loop_label_used[v] += size.h + 2.0;
            labels.push(DrawnLabel { edge: e, back: true, x: lx, y: ly, w: size.w, h: size.h });
        }
    }

    // Edges in file order in the document.
    edges.sort_by_key(|e| e.edge);

    // Bounds.
    let (mut min_x, mut max_x) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut min_y, mut max_y) = (0.0f64, total_h);
    for g in &geo {
        min_x = min_x.min(g.left());
        max_x = max_x.max(g.right());
        min_y = min_y.min(g.top());
        max_y = max_y.max(g.cy + g.h / 2.0);
    }
    for l in &labels {
        min_x = min_x.min(l.x);
        max_x = max_x.max(l.x + l.w);
        min_y = min_y.min(l.y);
        max_y = max_y.max(l.y + l.h);
    }
    for e in &edges {
        for &(px, py) in &e.points {
            min_x = min_x.min(px);
            max_x = max_x.max(px);
            min_y = min_y.min(py);
            max_y = max_y.max(py);
        }
    }
    Layout { nodes: geo, edges, labels, label_sizes, min_x, min_y, max_x, max_y }
}

// ------------------------------------------------------------------------------------------------
// Writing the SVG.

fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Escapes text for HTML/SVG content and attribute values; drops code points HTML forbids.
fn esc(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // Copies clean runs whole; `start` and `i` always sit on character boundaries when used.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let with = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => " ",
            0..=0x1F | 0x7F => "\u{FFFD}",
            // Lead bytes of C1 controls and of noncharacters.
            0xC2 | 0xEF | 0xF0..=0xF4 => {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !is_forbidden(c) {
                    i += c.len_utf8();
                    continue;
                }
                out.push_str(&s[start..i]);
                out.push('\u{FFFD}');
                i += c.len_utf8();
                start = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(with);
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// Writes an unsigned integer.
fn uint(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// Percent-encodes a step ID for a URL fragment (characters safe in a fragment and in an HTML
/// attribute stay as they are).
fn fragment(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$()*+,;=:@/?".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Writes a coordinate with at most one decimal.
fn num(out: &mut String, v: f64) {
    let t = v * 10.0;
    // Rounds half away from zero; NaN becomes 0 and infinities saturate (they never occur).
    let t = if t >= 0.0 { (t + 0.5) as i64 } else { (t - 0.5) as i64 };
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    uint(out, t / 10);
    if t % 10 != 0 {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

fn attr(out: &mut String, name: &str, v: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    num(out, v);
    out.push('"');
}

fn write_title_desc(out: &mut String, chart: &Chart<'_>) {
    out.push_str("<title id=\"fc-title\">");
    esc(out, chart.title);
    out.push_str("</title><desc id=\"fc-desc\">");
    esc(out, chart.description);
    out.push_str("</desc>");
}

fn write_lines(out: &mut String, text: &str, w: &Wrapped, cx: f64, first_baseline: f64, line_h: f64) {
    for (i, &(s, e)) in w.lines.iter().enumerate() {
        out.push_str("<tspan");
        attr(out, "x", cx);
        attr(out, "y", first_baseline + i as f64 * line_h);
        out.push('>');
        esc(out, &text[s..e]);
        if w.ellipsis && i + 1 == w.lines.len() {
            out.push('…');
        }
        out.push_str("</tspan>");
    }
}

/// A character of an XML 1.0 name, after the first (SVG element ids must be XML names); no colon.
fn is_name_char(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '\u{B7}')
        || (0xC0..=0x2FF).contains(&u) && u != 0xD7 && u != 0xF7
        || (0x300..=0x37D).contains(&u)
        || (0x37F..=0x1FFF).contains(&u)
        || (0x200C..=0x200D).contains(&u)
        || (0x203F..=0x2040).contains(&u)
        || (0x2070..=0x218F).contains(&u)
        || (0x2C00..=0x2FEF).contains(&u)
        || (0x3001..=0xD7FF).contains(&u)
        || (0xF900..=0xFDCF).contains(&u)
        || (0xFDF0..=0xFFFD).contains(&u)
        || (0x10000..=0xEFFFF).contains(&u)
}

/// Step IDs that can be used as `fc-ID` element ids: non-empty XML names, not clashing with the
/// chart's own ids, first of their name. Other nodes get no id (their link still works).
fn usable_ids(chart: &Chart<'_>) -> Vec<bool> {
    let mut ok: Vec<bool> = chart
        .nodes
        .iter()
        .map(|n| !n.id.is_empty() && n.id.chars().all(is_name_char) && !matches!(n.id, "title" | "desc"))
        .collect();
    let mut sorted: Vec<usize> = (0..chart.nodes.len()).collect();
    sorted.sort_by(|&a, &b| chart.nodes[a].id.cmp(chart.nodes[b].id).then(a.cmp(&b)));
    for w in sorted.windows(2) {
        if chart.nodes[w[0]].id == chart.nodes[w[1]].id {
            ok[w[1]] = false;
        }
    }
    ok
}

fn write_points(out: &mut String, pts: &[(f64, f64)], ox: f64, oy: f64) {
    // Drop repeated and collinear points, then round the corners.
    let mut p: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for &q in pts {
        if let Some(&last) = p.last()
            && (q.0 - last.0).abs() < 0.05
            && (q.1 - last.1).abs() < 0.05
        {
            continue;
        }
        if p.len() >= 2 {
            let (a, b) = (p[p.len() - 2], p[p.len() - 1]);
            let cross = (b.0 - a.0) * (q.1 - b.1) - (b.1 - a.1) * (q.0 - b.0);
            let dot = (b.0 - a.0) * (q.0 - b.0) + (b.1 - a.1) * (q.1 - b.1);
            if cross.abs() < 0.01 && dot > 0.0 {
                p.pop();
            }
        }
        p.push(q);
    }
    out.push_str(" d=\"M");
    num(out, p[0].0 - ox);
    out.push(' ');
    num(out, p[0].1 - oy);
    for i in 1..p.len() {
        let b = p[i];
        if i + 1 < p.len() {
            let (a, c) = (p[i - 1], p[i + 1]);
            let d1 = ((b.0 - a.0).hypot(b.1 - a.1) / 2.0).min(CORNER);
            let d2 = ((c.0 - b.0).hypot(c.1 - b.1) / 2.0).min(CORNER);
            let r = d1.min(d2);
            if r > 0.5 {
                let l1 = (b.0 - a.0).hypot(b.1 - a.1);
                let l2 = (c.0 - b.0).hypot(c.1 - b.1);
                let p1 = (b.0 - (b.0 - a.0) / l1 * r, b.1 - (b.1 - a.1) / l1 * r);
                let p2 = (b.0 + (c.0 - b.0) / l2 * r, b.1 + (c.1 - b.1) / l2 * r);
                out.push('L');
                num(out, p1.0 - ox);
                out.push(' ');
                num(out, p1.1 - oy);
                out.push('Q');
                num(out, b.0 - ox);
                out.push(' ');
                num(out, b.1 - oy);
                out.push(' ');
                num(out, p2.0 - ox);
                out.push(' ');
                num(out, p2.1 - oy);
                continue;
            }
        }
        out.push('L');
        num(out, b.0 - ox);
        out.push(' ');
        num(out, b.1 - oy);
    }
    out.push('"');
}

fn write_svg(out: &mut String, chart: &Chart<'_>, lay: &Layout) {
    let ox = lay.min_x - MARGIN;
    let oy = lay.min_y - MARGIN;
    let width = (lay.max_x - lay.min_x + 2.0 * MARGIN).ceil();
    let height = (lay.max_y - lay.min_y + 2.0 * MARGIN).ceil();
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc\" viewBox=\"0 0 ");
    num(out, width);
    out.push(' ');
    num(out, height);
    out.push('"');
    attr(out, "width", width);
    attr(out, "height", height);
    out.push_str(" aria-labelledby=\"fc-title fc-desc\">");
    write_title_desc(out, chart);
    out.push_str(
        "<defs><marker id=\"fc_arrow\" class=\"fc-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">\
         <path d=\"M0 0L10 5L0 10z\"/></marker>\
         <marker id=\"fc_arrow_back\" class=\"fc-arrow fc-back\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">\
         <path d=\"M0 0L10 5L0 10z\"/></marker></defs>",
    );

    // Edges under everything.
    out.push_str("<g class=\"fc-edges\">");
    for e in &lay.edges {
        if e.points.len() < 2 {
            continue;
        }
        out.push_str(if e.back { "<path class=\"fc-edge fc-back\"" } else { "<path class=\"fc-edge\"" });
        write_points(out, &e.points, ox, oy);
        out.push_str(if e.back {
            " fill=\"none\" stroke=\"currentColor\" marker-end=\"url(#fc_arrow_back)\"/>"
        } else {
            " fill=\"none\" stroke=\"currentColor\" marker-end=\"url(#fc_arrow)\"/>"
        });
    }
    out.push_str("</g>");

    // Nodes.
    let ids = usable_ids(chart);
    out.push_str("<g class=\"fc-nodes\">");
    for (i, (node, g)) in chart.nodes.iter().zip(&lay.nodes).enumerate() {
        out.push_str("<a href=\"#");
        fragment(out, node.id);
        // No aria-label: the link's name is its visible text (number and label), as WCAG's
        // "label in name" wants; a shortened label keeps the whole one in a <title>.
        out.push_str("\"><g class=\"fc-node ");
        out.push_str(match node.kind {
            NodeKind::Action => "fc-action",
            NodeKind::Decision => "fc-decision",
            NodeKind::Resolution => "fc-resolution",
            NodeKind::Escalation => "fc-escalation",
            NodeKind::Other => "fc-other",
        });
        // As in the layout: a start out of range falls back to the first step.
        if i == chart.start || (i == 0 && chart.start >= chart.nodes.len()) {
            out.push_str(" fc-start");
        }
        out.push('"');
        if ids[i] {
            out.push_str(" id=\"fc-");
            esc(out, node.id);
            out.push('"');
        }
        out.push('>');
        if g.text.ellipsis {
            out.push_str("<title>");
            esc(out, if node.link_label.trim().is_empty() { node.label } else { node.link_label });
            out.push_str("</title>");
        }
        let (cx, cy) = (g.cx - ox, g.cy - oy);
        let (l, t) = (g.left() - ox, g.top() - oy);
        match g.shape {
            Shape::Diamond => {
                out.push_str("<polygon class=\"fc-shape\" points=\"");
                for (k, (px, py)) in
                    [(cx, t), (cx + g.w / 2.0, cy), (cx, t + g.h), (cx - g.w / 2.0, cy)].into_iter().enumerate()
                {
                    if k > 0 {
                        out.push(' ');
                    }
                    num(out, px);
                    out.push(',');
                    num(out, py);
                }
                out.push_str("\" fill=\"none\" stroke=\"currentColor\"/>");
            }
            _ => {
                let rx = match g.shape {
                    Shape::Pill => g.h / 2.0,
                    Shape::Rect => 7.0,
                    _ => 3.0,
                };
                out.push_str("<rect class=\"fc-shape\"");
                attr(out, "x", l);
                attr(out, "y", t);
                attr(out, "width", g.w);
                attr(out, "height", g.h);
                attr(out, "rx", rx);
                out.push_str(" fill=\"none\" stroke=\"currentColor\"/>");
                if g.shape == Shape::Double {
                    out.push_str("<rect class=\"fc-inner\"");
                    attr(out, "x", l + 4.0);
                    attr(out, "y", t + 4.0);
                    attr(out, "width", g.w - 8.0);
                    attr(out, "height", g.h - 8.0);
                    attr(out, "rx", 1.5);
                    out.push_str(" fill=\"none\" stroke=\"currentColor\"/>");
                }
            }
        }
        // Text: the number (after the kind marker) starts the first line.
        let lines = g.text.lines.len().max(1);
        let baseline = cy - (lines - 1) as f64 * LINE_H / 2.0 + FONT * 0.35;
        out.push_str("<text class=\"fc-text\" text-anchor=\"middle\">");
        let mut first = true;
        let write_num = |out: &mut String| {
            out.push_str("<tspan class=\"fc-num\">");
            out.push_str(marker(node.kind));
            uint(out, node.number as u64);
            out.push('.');
            out.push_str("</tspan>");
        };
        if g.text.lines.is_empty() {
            out.push_str("<tspan");
            attr(out, "x", cx);
            attr(out, "y", baseline);
            out.push('>');
            write_num(out);
            out.push_str("</tspan>");
        }
        for (k, &(s, e)) in g.text.lines.iter().enumerate() {
            out.push_str("<tspan");
            attr(out, "x", cx);
            attr(out, "y", baseline + k as f64 * LINE_H);
            out.push('>');
            if first {
                write_num(out);
                out.push(' ');
                first = false;
            }
            esc(out, &node.label[s..e]);
            if g.text.ellipsis && k + 1 == g.text.lines.len() {
                out.push('…');
            }
            out.push_str("</tspan>");
        }
        out.push_str("</text></g></a>");
    }
    out.push_str("</g>");

    // Answer labels over the edges.
    if !lay.labels.is_empty() {
        out.push_str("<g class=\"fc-labels\">");
        for l in &lay.labels {
            let Some(size) = &lay.label_sizes[l.edge] else {
                continue;
            };
            let Some(text) = chart.edges[l.edge].label else {
                continue;
            };
            out.push_str(if l.back { "<g class=\"fc-edge-label fc-back\">" } else { "<g class=\"fc-edge-label\">" });
            if size.text.ellipsis {
                out.push_str("<title>");
                esc(out, text);
                out.push_str("</title>");
            }
            out.push_str("<rect");
            attr(out, "x", l.x - ox);
            attr(out, "y", l.y - oy);
            attr(out, "width", l.w);
            attr(out, "height", l.h);
            out.push_str(" rx=\"3\" fill=\"none\"/><text text-anchor=\"middle\">");
            let lines = size.text.lines.len().max(1);
            let cy = l.y + l.h / 2.0 - oy;
            let baseline = cy - (lines - 1) as f64 * LABEL_LINE_H / 2.0 + LABEL_FONT * 0.35;
            write_lines(out, text, &size.text, l.x + l.w / 2.0 - ox, baseline, LABEL_LINE_H);
            out.push_str("</text></g>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    type Spec = (&'static str, NodeKind, &'static str);

    fn chart(steps: &[Spec], edges: &[(usize, usize, Option<&'static str>)], start: usize) -> Chart<'static> {
        Chart {
            title: "Fluxograma: teste",
            description: "teste",
            nodes: steps
                .iter()
                .enumerate()
                .map(|(i, &(id, kind, label))| Node { id, number: i + 1, kind, label, link_label: label })
                .collect(),
            edges: edges.iter().map(|&(from, to, label)| Edge { from, to, label }).collect(),
            start,
        }
    }

    fn seed() -> Chart<'static> {
        use NodeKind::*;
        chart(
            &[
                ("acesso-maquina", Decision, "Acesso à máquina da primeira instalação"),
                ("chave-exportavel", Decision, "Opção de exportar a chave privada"),
                ("gerar-backup", Action, "Gerar novo arquivo"),
                ("recuperar-debug", Action, "Recuperar via DEBUG"),
                ("backup-gerado", Decision, "Resultado"),
                ("resolvido", Resolution, "Novo backup do certificado digital A1 gerado."),
                ("chamado", Escalation, "Chamado para o Relacionamento"),
            ],
            &[
                (0, 1, Some("Sim")),
                (0, 6, Some("Não")),
                (1, 2, Some("Sim")),
                (1, 3, Some("Não, está inibida")),
                (2, 4, None),
                (3, 4, None),
                (4, 5, Some("Sim")),
                (4, 6, Some("Não")),
            ],
            0,
        )
    }

    /// Steps 0..n in a chain, with retry loops, a self-loop and parallel edges.
    fn loops() -> Chart<'static> {
        use NodeKind::*;
        chart(
            &[
                ("a", Action, "Começar"),
                ("b", Decision, "Funcionou na primeira tentativa?"),
                ("c", Action, "Reiniciar o equipamento e aguardar"),
                ("d", Decision, "Já tentou três vezes?"),
                ("e", Action, "Testar outro cabo"),
                ("f", Decision, "E agora?"),
                ("g", Resolution, "Resolvido"),
                ("h", Escalation, "Escalar para o nível 2"),
                ("i", Other, "Passo quebrado"),
            ],
            &[
                (0, 1, None),
                (1, 6, Some("Sim")),
                (1, 2, Some("Não")),
                (2, 3, None),
                (3, 1, Some("Não")),
                (3, 4, Some("Sim")),
                (4, 5, None),
                (5, 4, Some("Repetir")),
                (5, 6, Some("Sim")),
                (5, 7, Some("Não")),
                (5, 7, Some("Talvez")),
                (4, 4, Some("De novo")),
                (8, 7, None),
            ],
            0,
        )
    }

    fn rect(g: &Geo) -> (f64, f64, f64, f64) {
        (g.left(), g.top(), g.w, g.h)
    }

    /// Invariants of any drawing: deterministic, no overlapping nodes or labels, no edge through a
    /// node it does not touch, every ID and answer present.
    fn check(c: &Chart<'_>) {
        let svg = render(c);
        assert_eq!(svg, render(c), "deterministic");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "finite numbers");
        let lay = layout(c);
        let n = c.nodes.len();
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (rect(&lay.nodes[i]), rect(&lay.nodes[j]));
                assert!(!overlaps(a, b), "nodes {i} and {j} overlap: {a:?} {b:?}");
            }
            for l in &lay.labels {
                assert!(
                    !overlaps(rect(&lay.nodes[i]), (l.x + 0.5, l.y + 0.5, l.w - 1.0, l.h - 1.0)),
                    "label of edge {} over node {i}",
                    l.edge
                );
            }
        }
        for (i, a) in lay.labels.iter().enumerate() {
            for b in &lay.labels[i + 1..] {
                assert!(
                    !overlaps((a.x, a.y, a.w, a.h), (b.x + 0.5, b.y + 0.5, b.w - 1.0, b.h - 1.0)),
                    "labels of edges {} and {} overlap: {a:?} {b:?} in {:?}",
                    a.edge,
                    b.edge,
                    c.edges.iter().map(|e| (e.from, e.to, e.label)).collect::<Vec<_>>()
                );
            }
        }
        for e in &lay.edges {
            let (from, to) = (c.edges[e.edge].from, c.edges[e.edge].to);
            for w in e.points.windows(2) {
                let (p, q) = (w[0], w[1]);
                assert!(
                    (p.0 - q.0).abs() < 1e-6 || (p.1 - q.1).abs() < 1e-6,
                    "edge {} not orthogonal: {:?}",
                    e.edge,
                    e.points
                );
                let seg = (p.0.min(q.0), p.1.min(q.1), (p.0 - q.0).abs(), (p.1 - q.1).abs());
                for (k, g) in lay.nodes.iter().enumerate() {
                    if k == from || k == to {
                        continue;
                    }
                    let r = (g.left() + 1.0, g.top() + 1.0, g.w - 2.0, g.h - 2.0);
                    let hit = seg.0 <= r.0 + r.2 && r.0 <= seg.0 + seg.2 && seg.1 <= r.1 + r.3 && r.1 <= seg.1 + seg.3;
                    assert!(!hit, "edge {} ({from}->{to}) crosses node {k}: {:?}", e.edge, e.points);
                }
            }
        }
        let ids = usable_ids(c);
        for (i, node) in c.nodes.iter().enumerate() {
            if ids[i] {
                let mut id = String::from("id=\"fc-");
                esc(&mut id, node.id);
                assert!(svg.contains(&id), "{id} missing");
            }
        }
    }

    #[test]
    fn seed_is_complete_and_deterministic() {
        let c = seed();
        check(&c);
        let svg = render(&c);
        for node in &c.nodes {
            assert!(svg.contains(&format!("id=\"fc-{}\"", node.id)));
            assert!(svg.contains(&format!("href=\"#{}\"", node.id)));
        }
        for answer in ["Sim", "Não", "Não, está inibida"] {
            assert!(svg.contains(&format!(">{answer}</tspan>")), "{answer}");
        }
        assert_eq!(svg.matches("class=\"fc-edge\"").count(), 8);
        assert!(!svg.contains("fc-edge fc-back"));
        assert!(svg.contains("class=\"fc-node fc-decision fc-start\" id=\"fc-acesso-maquina\""));
        assert!(svg.contains("class=\"fc-node fc-resolution\""));
        assert!(svg.contains("class=\"fc-node fc-escalation\""));
        assert!(svg.contains("✓ 6.") && svg.contains("▲ 7."));
        assert!(svg.contains("aria-labelledby=\"fc-title fc-desc\""));
        assert!(!svg.contains("role="));
    }

    #[test]
    fn back_edges_and_loops_go_around() {
        let c = loops();
        check(&c);
        let svg = render(&c);
        // 3 -> 1, 5 -> 4 and the self-loop on 4.
        assert_eq!(svg.matches("class=\"fc-edge fc-back\"").count(), 3);
        assert_eq!(svg.matches("class=\"fc-edge\"").count(), 10);
        for answer in ["Repetir", "De novo", "Talvez"] {
            assert!(svg.contains(&format!(">{answer}</tspan>")), "{answer}");
        }
        let lay = layout(&c);
        // The start is on top, the loop sources below their targets.
        let top = lay.nodes.iter().map(|g| g.cy).fold(f64::INFINITY, f64::min);
        assert_eq!(lay.nodes[0].cy, top);
        assert!(lay.nodes[3].cy > lay.nodes[1].cy && lay.nodes[5].cy > lay.nodes[4].cy);
        // Back edges climb a lane outside both of their nodes.
        for e in lay.edges.iter().filter(|e| e.back && c.edges[e.edge].from != c.edges[e.edge].to) {
            let (u, v) = (&lay.nodes[c.edges[e.edge].from], &lay.nodes[c.edges[e.edge].to]);
            let lane = e.points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
            let lane_l = e.points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            assert!(
                lane > u.right().max(v.right()) || lane_l < u.left().min(v.left()),
                "lane of edge {} inside: {:?}",
                e.edge,
                e.points
            );
        }
    }

    #[test]
    fn hostile_text_is_escaped() {
        let c = Chart {
            title: "<script>alert('t')</script>",
            description: "a & b \"c\"",
            nodes: vec![
                Node {
                    id: "x\"><script>alert(1)</script>",
                    number: 1,
                    kind: NodeKind::Action,
                    label: "<script>alert(\"x\")</script> & 'y' \u{1}\u{7f}",
                    link_label: "Passo 1: <b>\"'&",
                },
                Node { id: "a b", number: 2, kind: NodeKind::Other, label: "", link_label: "" },
                Node { id: "a b", number: 3, kind: NodeKind::Other, label: "x", link_label: "" },
                Node { id: "title", number: 4, kind: NodeKind::Resolution, label: "ok", link_label: "ok" },
            ],
            edges: vec![Edge { from: 0, to: 1, label: Some("<img src=x onerror=alert(1)> & \"") }],
            start: 0,
        };
        check(&c);
        let svg = render(&c);
        assert!(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/") && svg.contains("&amp; &#39;y&#39;"));
        assert!(!svg.contains("aria-label="), "node links are named by their visible text");
        assert!(svg.contains("&lt;img src=x") && svg.contains("alert(1)&gt; &amp;…"));
        assert!(svg.contains("href=\"#x%22%3E%3Cscript%3Ealert(1)%3C/script%3E\""));
        assert!(!svg.contains('\u{1}') && !svg.contains('\u{7f}'));
        // IDs with spaces, repeated or taken by the chart get no element id, only the link.
        assert!(!svg.contains("id=\"fc-a b\"") && svg.contains("href=\"#a%20b\""));
        assert_eq!(svg.matches("id=\"fc-title\"").count(), 1);
    }

    #[test]
    fn degenerate_charts_do_not_panic() {
        let empty = Chart { title: "t", description: "d", nodes: vec![], edges: vec![], start: 0 };
        let svg = render(&empty);
        assert!(svg.starts_with("<svg ") && svg.contains("<title id=\"fc-title\">t</title>"));
        let one = chart(&[("a", NodeKind::Action, "só")], &[(0, 0, Some("de novo")), (0, 0, None)], 0);
        check(&one);
        assert_eq!(render(&one).matches("fc-edge fc-back").count(), 2);
        let broken = chart(
            &[("a", NodeKind::Decision, ""), ("b", NodeKind::Other, "   ")],
            &[(0, 7, None), (9, 0, None), (1, 0, Some("")), (0, 1, None), (0, 1, None), (1, 1, None)],
            42,
        );
        check(&broken);
        assert_eq!(render(&broken).matches("fc-start").count(), 1);
        let long = "Palavra".repeat(40) + " " + &"muito longa ".repeat(30);
        let words = chart(&[("a", NodeKind::Decision, "x"), ("b", NodeKind::Action, "y")], &[(0, 1, None)], 0);
        let c = Chart {
            nodes: vec![
                Node { id: "a", number: 1, kind: NodeKind::Decision, label: &long, link_label: "" },
                Node { id: "b", number: 22, kind: NodeKind::Action, label: &long, link_label: "" },
            ],
            ..words
        };
        check(&c);
        let svg = render(&c);
        assert!(svg.contains("…") && svg.contains("<title>"));
        let lay = layout(&c);
        assert!(lay.nodes.iter().all(|g| g.text.lines.len() <= MAX_LINES && g.w <= 280.0));
    }

    #[test]
    fn wrapping() {
        let w = wrap("um dois três quatro cinco", 9.0, 0.0, 4);
        let lines: Vec<&str> = w.lines.iter().map(|&(s, e)| &"um dois três quatro cinco"[s..e]).collect();
        assert_eq!(lines, ["um dois", "três", "quatro", "cinco"]);
        assert!(!w.ellipsis);
        let text = "abcdefghijklmnopqrstuvwxyz";
        let w = wrap(text, 10.0, 3.0, 2);
        let lines: Vec<&str> = w.lines.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["abcdefg", "hijklmnop"]);
        assert!(w.ellipsis && w.widest <= 10.0);
        assert!(wrap("", 10.0, 2.0, 4).lines.is_empty());
    }

    #[test]
    fn numbers_and_escapes() {
        let mut out = String::new();
        for v in [0.0, -0.04, 12.25, -3.5, 7.0, 1234.56, f64::NAN] {
            num(&mut out, v);
            out.push(' ');
        }
        assert_eq!(out, "0 0 12.3 -3.5 7 1234.6 0 ");
        out.clear();
        esc(&mut out, "a\u{85}b\u{FDD0}c\u{FFFF}d\u{1FFFE}e é ç ✓ 𝄞 <&>");
        assert_eq!(out, "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e é ç ✓ 𝄞 &lt;&amp;&gt;");
        out.clear();
        fragment(&mut out, "passo-1 é#%");
        assert_eq!(out, "passo-1%20%C3%A9%23%25");
    }

    /// Pseudo-random graphs: cycles, self-loops, parallel and dangling edges, any start.
    #[test]
    fn random_graphs_keep_the_invariants() {
        const LABELS: [&str; 6] = ["Sim", "Não", "Não, tentar de novo mais tarde", "", "Talvez <x>", "Outro"];
        const TEXTS: [&str; 4] = [
            "Curto",
            "Verificar as luzes do modem com o cliente",
            "Uma descrição bem mais longa que precisa de várias linhas para caber na caixa do passo",
            "Decidir?",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) % m as u64) as usize
        };
        let kinds = [NodeKind::Action, NodeKind::Decision, NodeKind::Resolution, NodeKind::Escalation, NodeKind::Other];
        let ids: Vec<String> = (0..40).map(|i| format!("passo-{i}")).collect();
        for _ in 0..200 {
            let n = 1 + next(30);
            let nodes: Vec<Node<'_>> = (0..n)
                .map(|i| Node {
                    id: &ids[i],
                    number: i + 1,
                    kind: kinds[next(kinds.len())],
                    label: TEXTS[next(TEXTS.len())],
                    link_label: "x",
                })
                .collect();
            let mut edges = Vec::new();
            for from in 0..n {
                for _ in 0..next(4) {
                    // Mostly forward, sometimes back, rarely out of range.
                    let to = match next(10) {
                        0..=5 => (from + 1 + next(3)).min(n - 1),
                        6..=8 => next(n),
                        _ => n + next(3),
                    };
                    let label = if next(2) == 0 { Some(LABELS[next(LABELS.len())]) } else { None };
                    edges.push(Edge { from, to, label });
                }
            }
            let c = Chart { title: "t", description: "d", nodes, edges, start: next(n + 1) };
            check(&c);
        }
    }

    #[test]
    fn big_charts_finish() {
        let labels: Vec<String> = (0..2000).map(|i| format!("Passo número {i} da cadeia")).collect();
        let ids: Vec<String> = (0..2000).map(|i| format!("p{i}")).collect();
        let nodes: Vec<Node<'_>> = (0..2000)
            .map(|i| Node { id: &ids[i], number: i + 1, kind: NodeKind::Action, label: &labels[i], link_label: "" })
            .collect();
        let chain: Vec<Edge<'_>> = (0..1999).map(|i| Edge { from: i, to: i + 1, label: None }).collect();
        let begin = std::time::Instant::now();
        let svg = render(&Chart { title: "t", description: "d", nodes, edges: chain, start: 0 });
        eprintln!("2,000-node chain: {:?}, {} bytes", begin.elapsed(), svg.len());
        assert!(svg.contains("id=\"fc-p1999\""));

        // Dense and tangled: branches forward and back everywhere.
        let nodes: Vec<Node<'_>> = (0..2000)
            .map(|i| Node { id: &ids[i], number: i + 1, kind: NodeKind::Decision, label: &labels[i], link_label: "" })
            .collect();
        let mut edges = Vec::new();
        for i in 0..2000usize {
            edges.push(Edge { from: i, to: (i * 7 + 3) % 2000, label: Some("Sim") });
            edges.push(Edge { from: i, to: (i * 13 + 11) % 2000, label: Some("Não") });
        }
        let begin = std::time::Instant::now();
        let svg = render(&Chart { title: "t", description: "d", nodes, edges, start: 0 });
        eprintln!("2,000 nodes, 4,000 tangled edges: {:?}, {} bytes", begin.elapsed(), svg.len());
        assert!(svg.ends_with("</svg>"));
    }
}

/// Adversarial graphs: every chart is made in bounded time and size.
#[cfg(test)]
mod bounded {
    use std::time::{Duration, Instant};

    use super::*;

    /// The requirement is 2 s on a release build; unoptimised test builds are about ten times
    /// slower. The old layout took 26 s (release) on the 300-step graph, so both limits bite.
    const LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 2 });
    const MAX_SVG: usize = 20 << 20;

    /// `n` steps; a decision at each of the first `decisions` leads to every later step.
    fn graph(n: usize, edges: Vec<(usize, usize)>) -> Chart<'static> {
        Chart {
            title: "Fluxograma: denso",
            description: "denso",
            nodes: (0..n)
                .map(|i| Node {
                    id: "p",
                    number: i + 1,
                    kind: NodeKind::Decision,
                    label: "Decisão",
                    link_label: "Passo",
                })
                .collect(),
            edges: edges.into_iter().map(|(from, to)| Edge { from, to, label: Some("Ir para o passo") }).collect(),
            start: 0,
        }
    }

    fn complete(n: usize) -> Chart<'static> {
        graph(n, (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect())
    }

    fn assert_bounded(name: &str, chart: &Chart<'_>) {
        let began = Instant::now();
        let svg = render(chart);
        let took = began.elapsed();
        assert!(took < LIMIT, "{name}: chart took {took:?}");
        assert!(svg.len() < MAX_SVG, "{name}: SVG of {} bytes", svg.len());
    }

    #[test]
    fn complete_graphs_are_simplified_in_bounded_time() {
        for n in [150, 300, 400] {
            let chart = complete(n);
            assert!(is_dense(&chart), "{n}");
            assert_bounded(&format!("complete {n}"), &chart);
            assert_eq!(dropped_links(&chart), n * (n - 1) / 2 - (n - 1));
        }
    }

    #[test]
    fn a_long_chain_and_a_wide_fan_are_drawn_in_full() {
        let chain = graph(2000, (0..1999).map(|i| (i, i + 1)).collect());
        assert!(!is_dense(&chain));
        assert_bounded("chain 2000", &chain);
        let fan = graph(1001, (1..1001).map(|j| (0, j)).collect());
        assert!(!is_dense(&fan));
        assert_bounded("fan 1000", &fan);
    }

    #[test]
    fn cost_counts_virtual_nodes_of_long_links() {
        // 0→1→2→3 and 0→3: the long link crosses layers 1 and 2.
        let c = cost(4, 0, &[(0, 1), (1, 2), (2, 3), (0, 3)]);
        assert_eq!(c, Cost { steps: 4, links: 4, virtual_nodes: 2, back_links: 0, widest_channel: 2 });
        assert!(c.why().is_none());
        // A back link (3→0) is drawn on a lane, not through virtual nodes.
        let back = cost(4, 0, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert_eq!((back.virtual_nodes, back.back_links), (0, 1));
        // Many back links are over budget on their own: their lanes cost a square.
        let retries: Vec<(usize, usize)> =
            (1..=MAX_BACK_LINKS + 1).map(|i| (i, 0)).chain((1..=MAX_BACK_LINKS + 1).map(|i| (0, i))).collect();
        assert!(cost(MAX_BACK_LINKS + 2, 0, &retries).over_budget());
        // Self-loops and links out of range add no virtual nodes; no panic on odd input.
        assert_eq!(cost(2, 9, &[(0, 0), (0, 7), (1, 0)]).virtual_nodes, 0);
        assert_eq!(
            cost(0, 0, &[(0, 1)]),
            Cost { steps: 0, links: 0, virtual_nodes: 0, back_links: 0, widest_channel: 0 }
        );
        // Too many links out of one row: their labels are placed against each other.
        let fan: Vec<(usize, usize)> = (1..=MAX_CHANNEL + 1).map(|j| (0, j)).collect();
        assert!(cost(MAX_CHANNEL + 2, 0, &fan).why().is_some_and(|w| w.contains("leave one row")));
    }

    #[test]
    fn cost_of_a_complete_graph_grows_as_a_cube() {
        // Links i→j cross j − i − 1 layers: Σ = C(n, 3).
        let n = 100;
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
        let c = cost(n, 0, &pairs);
        assert_eq!(c.virtual_nodes, n * (n - 1) * (n - 2) / 6);
        assert!(c.over_budget());
        assert!(
            !cost(10, 0, &pairs.iter().copied().filter(|&(i, j)| j < 10 && i < 10).collect::<Vec<_>>()).over_budget()
        );
    }
}
