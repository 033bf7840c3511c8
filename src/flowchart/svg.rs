//! Writing the SVG: the back end, which only draws what the layout placed.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::layout::Layout;
use super::measure::{FONT, LABEL_FONT, LABEL_LINE_H, LINE_H, NodeBox, Shape, marker};
use super::text::Wrapped;
use super::{Chart, Node, NodeKind};
use crate::text::push_markup as esc;

const MARGIN: f64 = 6.0;
const CORNER: f64 = 5.0;

/// The natural width of the drawing of `lay`, in CSS pixels.
pub(super) fn width(lay: &Layout) -> f64 {
    (lay.bounds.max_x - lay.bounds.min_x + 2.0 * MARGIN).ceil()
}

/// The drawing of `chart` laid out as `lay`.
pub(super) fn write(chart: &Chart, lay: &Layout) -> String {
    let mut out = String::with_capacity(1024 + chart.nodes.len() * 360 + chart.edges.len() * 110);
    write_svg(&mut out, chart, lay);
    out
}

/// The drawing of a chart without steps: its title and description only.
pub(super) fn empty(chart: &Chart) -> String {
    let mut out = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc fc-empty\" viewBox=\"0 0 16 16\" \
         width=\"16\" height=\"16\" aria-labelledby=\"fc-title fc-desc\">",
    );
    write_title_desc(&mut out, chart);
    out.push_str("</svg>");
    out
}

/// Writes an unsigned integer (a chart has thousands: `itoa` skips `fmt`'s machinery).
fn uint(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Percent-encodes a step ID for a URL fragment (characters safe in a fragment and in an HTML
/// attribute stay as they are).
fn fragment(out: &mut String, s: &str) {
    out.extend(utf8_percent_encode(s, FRAGMENT));
}

/// What [`fragment`] encodes: all but letters, digits and `-._~!$()*+,;=:@/?`.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// A coordinate in tenths, rounded half away from zero; NaN becomes 0 and infinities saturate
/// (they never occur).
fn tenths(v: f64) -> i64 {
    let t = v * 10.0;
    if t >= 0.0 { (t + 0.5) as i64 } else { (t - 0.5) as i64 }
}

/// Writes a number of tenths as a decimal: `-3.5`, `7`.
fn push_tenths(out: &mut String, t: i64) {
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    uint(out, t / 10);
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

/// Writes a coordinate with at most one decimal.
fn num(out: &mut String, v: f64) {
    push_tenths(out, tenths(v));
}

fn attr(out: &mut String, name: &str, v: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    num(out, v);
    out.push('"');
}

fn write_title_desc(out: &mut String, chart: &Chart) {
    out.push_str("<title id=\"fc-title\">");
    esc(out, &chart.title);
    out.push_str("</title><desc id=\"fc-desc\">");
    esc(out, &chart.description);
    out.push_str("</desc>");
}

/// Opens a `<text>` at its first line (the anchor, middle, is set once on the `<svg>`).
fn open_text(out: &mut String, at: Lines) {
    out.push_str("<text");
    attr(out, "x", at.x);
    attr(out, "y", at.y);
    out.push('>');
}

/// Where a `<text>`'s lines go: centred on `x`, the first baseline at `y`, the next ones
/// `line_h` apart.
#[derive(Clone, Copy)]
struct Lines {
    x: f64,
    y: f64,
    line_h: f64,
}

/// Writes the lines of `w` cut from `text`, the `<text>` being open at the first line's start:
/// each next line is a tspan back at `at.x`, one line lower. Each baseline is rounded on its own,
/// as an absolute `y` always was; it is written as `dy` from the line above where that is the line
/// height and lands exactly (see [`lands_exactly`]).
fn write_lines(out: &mut String, text: &str, w: &Wrapped, at: Lines) {
    let mut above = tenths(at.y);
    for (i, &(s, e)) in w.lines.iter().enumerate() {
        if i > 0 {
            let y = tenths(at.y + i as f64 * at.line_h);
            out.push_str("<tspan");
            attr(out, "x", at.x);
            if y - above == tenths(at.line_h) && lands_exactly(above, y) {
                out.push_str(" dy=\"");
                push_tenths(out, y - above);
            } else {
                out.push_str(" y=\"");
                push_tenths(out, y);
            }
            out.push_str("\">");
            above = y;
        }
        esc(out, &text[s..e]);
        if w.ellipsis && i + 1 == w.lines.len() {
            out.push('…');
        }
        if i > 0 {
            out.push_str("</tspan>");
        }
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
pub(super) fn usable_ids(chart: &Chart) -> Vec<bool> {
    let mut ok: Vec<bool> = chart
        .nodes
        .iter()
        .map(|n| !n.id.is_empty() && n.id.chars().all(is_name_char) && !matches!(n.id.as_str(), "title" | "desc"))
        .collect();
    let mut sorted: Vec<usize> = (0..chart.nodes.len()).collect();
    sorted.sort_by(|&a, &b| chart.nodes[a].id.cmp(&chart.nodes[b].id).then(a.cmp(&b)));
    for w in sorted.windows(2) {
        if chart.nodes[w[0]].id == chart.nodes[w[1]].id {
            ok[w[1]] = false;
        }
    }
    ok
}

/// A point in tenths of the drawing's coordinates.
type Tenths = (i64, i64);

/// A piece of a path: a line to a point, or a quadratic curve (control point, end).
#[derive(Clone, Copy)]
enum Piece {
    Line(Tenths),
    Curve(Tenths, Tenths),
}

/// The pieces of the polyline `pts`, shifted by `o`, with its corners rounded; the first point
/// is where it starts.
fn pieces(pts: &[(f64, f64)], o: (f64, f64)) -> (Tenths, Vec<Piece>) {
    let p = simplified(pts);
    let at = |q: (f64, f64)| (tenths(q.0 - o.0), tenths(q.1 - o.1));
    let mut out = Vec::with_capacity(2 * p.len());
    for i in 1..p.len() {
        let b = p[i];
        if i + 1 < p.len() {
            let (a, c) = (p[i - 1], p[i + 1]);
            let l1 = (b.0 - a.0).hypot(b.1 - a.1);
            let l2 = (c.0 - b.0).hypot(c.1 - b.1);
            let r = (l1 / 2.0).min(l2 / 2.0).min(CORNER);
            if r > 0.5 {
                let p1 = (b.0 - (b.0 - a.0) / l1 * r, b.1 - (b.1 - a.1) / l1 * r);
                let p2 = (b.0 + (c.0 - b.0) / l2 * r, b.1 + (c.1 - b.1) / l2 * r);
                out.push(Piece::Line(at(p1)));
                out.push(Piece::Curve(at(b), at(p2)));
                continue;
            }
        }
        out.push(Piece::Line(at(b)));
    }
    (at(p[0]), out)
}

/// `pts` without repeated points and without the middle of three collinear ones.
fn simplified(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
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
    p
}

/// Writes a command and its numbers (in tenths): a space between numbers, none before a minus.
fn command(out: &mut String, letter: char, nums: &[i64]) {
    out.push(letter);
    for (i, &n) in nums.iter().enumerate() {
        if i > 0 && n >= 0 {
            out.push(' ');
        }
        push_tenths(out, n);
    }
}

/// Whether a browser that adds an offset to the pen in single precision (Chromium does, for
/// relative commands) lands on the very float the absolute number parses to: yes when the
/// offset is whole pixels and the point is whole too or keeps the pen's binade, the same
/// spacing of floats, on which whole pixels sit. A float off by one step can flip a pixel's
/// antialiasing where an arrowhead's box meets a pixel's edge.
fn lands_exactly(from: i64, to: i64) -> bool {
    let whole = |t: i64| t % 10 == 0;
    let binade = |t: i64| (t < 0, (t.unsigned_abs() / 10).leading_zeros());
    whole(to - from) && (whole(to) || binade(from) == binade(to))
}

/// Writes `piece` drawn from `pen`: relative to `pen` where that is shorter and lands exactly
/// (see [`lands_exactly`]), else absolute.
fn write_piece(out: &mut String, rel: &mut String, pen: Tenths, piece: Piece) {
    rel.clear();
    let d = |q: Tenths| [q.0 - pen.0, q.1 - pen.1];
    let exact = |q: Tenths| lands_exactly(pen.0, q.0) && lands_exactly(pen.1, q.1);
    let start = out.len();
    let relative = match piece {
        Piece::Line(q) if q.1 == pen.1 => {
            command(out, 'H', &[q.0]);
            command(rel, 'h', &d(q)[..1]);
            exact(q)
        }
        Piece::Line(q) if q.0 == pen.0 => {
            command(out, 'V', &[q.1]);
            command(rel, 'v', &d(q)[1..]);
            exact(q)
        }
        Piece::Line(q) => {
            command(out, 'L', &[q.0, q.1]);
            command(rel, 'l', &d(q));
            exact(q)
        }
        Piece::Curve(c, q) => {
            command(out, 'Q', &[c.0, c.1, q.0, q.1]);
            let (dc, dq) = (d(c), d(q));
            command(rel, 'q', &[dc[0], dc[1], dq[0], dq[1]]);
            exact(c) && exact(q)
        }
    };
    if relative && rel.len() < out.len() - start {
        out.truncate(start);
        out.push_str(rel);
    }
}

/// Writes the `d` attribute of the polyline `pts` shifted by `o`, its corners rounded.
fn write_path(out: &mut String, pts: &[(f64, f64)], o: (f64, f64)) {
    let (start, pieces) = pieces(pts, o);
    out.push_str(" d=\"");
    command(out, 'M', &[start.0, start.1]);
    let mut rel = String::new();
    let mut pen = start;
    for piece in pieces {
        write_piece(out, &mut rel, pen, piece);
        pen = match piece {
            Piece::Line(q) | Piece::Curve(_, q) => q,
        };
    }
    out.push('"');
}

/// The arrowheads: 9 px in the drawing's units whatever the line width, the tip 0.9 px past the
/// line's end. Their 9 px box clips their edges' antialiasing, as it always did. Their colours
/// are in the CSS.
const DEFS: &str = "<defs><marker id=\"fc_arrow\" refX=\"8.1\" refY=\"4.5\" markerUnits=\"userSpaceOnUse\" \
     markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0 0L9 4.5L0 9z\"/></marker>\
     <marker id=\"fc_arrow_back\" refX=\"8.1\" refY=\"4.5\" markerUnits=\"userSpaceOnUse\" \
     markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0 0L9 4.5L0 9z\"/></marker></defs>";

/// Opens the `<svg>`: size, name, markers. What every line, box and text shares is said here
/// once (fill, stroke and text-anchor are inherited), so the drawing is readable even with a
/// theme's CSS that styles none of it.
fn write_open(out: &mut String, chart: &Chart, lay: &Layout) {
    let width = width(lay);
    let height = (lay.bounds.max_y - lay.bounds.min_y + 2.0 * MARGIN).ceil();
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc\" viewBox=\"0 0 ");
    num(out, width);
    out.push(' ');
    num(out, height);
    out.push('"');
    attr(out, "width", width);
    attr(out, "height", height);
    out.push_str(" aria-labelledby=\"fc-title fc-desc\" fill=\"none\" stroke=\"currentColor\" text-anchor=\"middle\">");
    write_title_desc(out, chart);
    out.push_str(DEFS);
}

fn write_edges(out: &mut String, lay: &Layout, o: (f64, f64)) {
    out.push_str("<g class=\"fc-edges\" marker-end=\"url(#fc_arrow)\">");
    for e in lay.edges.iter().filter(|e| e.points.len() >= 2) {
        out.push_str(if e.back { "<path class=\"fc-edge fc-back\"" } else { "<path class=\"fc-edge\"" });
        write_path(out, &e.points, o);
        out.push_str(if e.back { " marker-end=\"url(#fc_arrow_back)\"/>" } else { "/>" });
    }
    out.push_str("</g>");
}

fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Action => "fc-action",
        NodeKind::Decision => "fc-decision",
        NodeKind::Resolution => "fc-resolution",
        NodeKind::Escalation => "fc-escalation",
        NodeKind::Other => "fc-other",
    }
}

/// Writes a step: a link around its group (classes and `fc-ID` for the CSS and the guided mode),
/// its shape and its text.
fn write_node(out: &mut String, chart: &Chart, i: usize, g: &NodeBox, id_ok: bool, o: (f64, f64)) {
    let node = &chart.nodes[i];
    out.push_str("<a href=\"#");
    fragment(out, &node.id);
    // No aria-label: the link's name is its visible text (number and label), as WCAG's
    // "label in name" wants; a shortened label keeps the whole one in a <title>.
    out.push_str("\"><g class=\"fc-node ");
    out.push_str(kind_class(node.kind));
    // As in the layout: a start out of range falls back to the first step.
    if i == chart.start || (i == 0 && chart.start >= chart.nodes.len()) {
        out.push_str(" fc-start");
    }
    out.push('"');
    if id_ok {
        out.push_str(" id=\"fc-");
        esc(out, &node.id);
        out.push('"');
    }
    out.push('>');
    if g.text.ellipsis {
        out.push_str("<title>");
        esc(out, if node.link_label.trim().is_empty() { &node.label } else { &node.link_label });
        out.push_str("</title>");
    }
    write_shape(out, g, o);
    write_node_text(out, node, g, o);
    out.push_str("</g></a>");
}

/// Writes a step's outline (class `fc-shape`) and, for a double box, its inner box.
fn write_shape(out: &mut String, g: &NodeBox, o: (f64, f64)) {
    let (cx, cy) = (g.cx - o.0, g.cy - o.1);
    let (l, t) = (g.left() - o.0, g.top() - o.1);
    if g.shape == Shape::Diamond {
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
        out.push_str("\"/>");
        return;
    }
    let rx = match g.shape {
        Shape::Pill => g.pill_r(),
        Shape::Rect => 7.0,
        _ => 3.0,
    };
    out.push_str("<rect class=\"fc-shape\"");
    write_box(out, l, t, g.w, g.h, rx);
    if g.shape == Shape::Double {
        out.push_str("<rect");
        write_box(out, l + 4.0, t + 4.0, g.w - 8.0, g.h - 8.0, 1.5);
    }
}

/// Writes the geometry of a `<rect>` and closes it.
fn write_box(out: &mut String, x: f64, y: f64, w: f64, h: f64, rx: f64) {
    attr(out, "x", x);
    attr(out, "y", y);
    attr(out, "width", w);
    attr(out, "height", h);
    attr(out, "rx", rx);
    out.push_str("/>");
}

/// Writes a step's text: its number (after the kind marker, bold: the text's first tspan) starts
/// the first line.
fn write_node_text(out: &mut String, node: &Node, g: &NodeBox, o: (f64, f64)) {
    let cx = g.cx - o.0;
    let lines = g.text.lines.len().max(1);
    let at = Lines { x: cx, y: g.cy - o.1 - (lines - 1) as f64 * LINE_H / 2.0 + FONT * 0.35, line_h: LINE_H };
    open_text(out, at);
    out.push_str("<tspan>");
    out.push_str(marker(node.kind));
    uint(out, node.number as u64);
    out.push_str(".</tspan>");
    if !g.text.lines.is_empty() {
        out.push(' ');
    }
    write_lines(out, &node.label, &g.text, at);
    out.push_str("</text>");
}

/// Writes the answer labels over the edges.
fn write_labels(out: &mut String, chart: &Chart, lay: &Layout, o: (f64, f64)) {
    for l in &lay.labels {
        let (Some(size), Some(text)) = (&lay.label_sizes[l.edge], chart.edges[l.edge].label.as_deref()) else {
            continue;
        };
        out.push_str(if l.back { "<g class=\"fc-edge-label fc-back\">" } else { "<g class=\"fc-edge-label\">" });
        if size.text.ellipsis {
            out.push_str("<title>");
            esc(out, text);
            out.push_str("</title>");
        }
        out.push_str("<rect");
        write_box(out, l.x - o.0, l.y - o.1, l.w, l.h, 3.0);
        let lines = size.text.lines.len().max(1);
        let cy = l.y + l.h / 2.0 - o.1;
        let cx = l.x + l.w / 2.0 - o.0;
        let y = cy - (lines - 1) as f64 * LABEL_LINE_H / 2.0 + LABEL_FONT * 0.35;
        let at = Lines { x: cx, y, line_h: LABEL_LINE_H };
        open_text(out, at);
        write_lines(out, text, &size.text, at);
        out.push_str("</text></g>");
    }
}

fn write_svg(out: &mut String, chart: &Chart, lay: &Layout) {
    let o = (lay.bounds.min_x - MARGIN, lay.bounds.min_y - MARGIN);
    write_open(out, chart, lay);
    // Edges under the steps, answers over both.
    write_edges(out, lay, o);
    let ids = usable_ids(chart);
    for (i, g) in lay.nodes.iter().enumerate().take(chart.nodes.len()) {
        write_node(out, chart, i, g, ids[i], o);
    }
    write_labels(out, chart, lay, o);
    out.push_str("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn each_line_sits_on_its_own_rounded_baseline() {
        let text = "a b c d e f";
        let lines = (0..6).map(|k| (2 * k, 2 * k + 1)).collect();
        let w = Wrapped { lines, ellipsis: false, widest: 1.0 };
        for y in [29.55, 45.35, 480.05, 500.1, 1000.25, 2030.0] {
            let mut out = String::new();
            write_lines(&mut out, text, &w, Lines { x: 5.0, y, line_h: 16.0 });
            let mut at = tenths(y);
            let mut got = vec![at];
            for line in out.split("<tspan x=\"5\" ").skip(1) {
                let (name, v) = line.split_once("=\"").unwrap();
                let v = tenths(v[..v.find('"').unwrap()].parse().unwrap());
                at = if name == "dy" { at + v } else { v };
                got.push(at);
            }
            let want: Vec<i64> = (0..6).map(|k| tenths(y + k as f64 * 16.0)).collect();
            assert_eq!(got, want, "{out}");
        }
        // Past 512 px floats are coarser: that line is placed absolutely.
        let mut out = String::new();
        write_lines(&mut out, text, &w, Lines { x: 5.0, y: 500.1, line_h: 16.0 });
        assert!(out.starts_with("a<tspan x=\"5\" y=\"516.1\">b</tspan><tspan x=\"5\" dy=\"16\">c"), "{out}");
    }

    fn path(pts: &[(f64, f64)], o: (f64, f64)) -> String {
        let mut out = String::new();
        write_path(&mut out, pts, o);
        out
    }

    #[test]
    fn paths_take_the_shorter_of_absolute_and_relative() {
        // Corners rounded by 5 px: the curves are shorter relative, the long runs absolute.
        let down_right = [(10.0, 10.0), (10.0, 50.0), (60.0, 50.0), (60.0, 100.0)];
        assert_eq!(path(&down_right, (0.0, 0.0)), " d=\"M10 10V45q0 5 5 5H55q5 0 5 5v45\"");
        // A minus sign separates numbers by itself. Shifted by half a pixel, the relative runs
        // would be shorter, but from 10.3 to 45.3 and from 94.5 to 19.5 the spacing of floats
        // changes, so they stay absolute; the corner stays within it.
        let down_left = [(100.0, 10.0), (100.0, 50.0), (20.0, 50.0)];
        assert_eq!(path(&down_left, (0.0, 0.0)), " d=\"M100 10V45q0 5-5 5H20\"");
        assert_eq!(path(&down_left, (0.5, -0.25)), " d=\"M99.5 10.3V45.3q0 5-5 5H19.5\"");
        // Corners tighter than 5 px give offsets of a fraction of a pixel: absolute, even when
        // longer. Between the two corners, a line of no length.
        let tight = [(10.0, 10.0), (10.0, 30.0), (14.4, 30.0), (14.4, 50.0)];
        assert_eq!(path(&tight, (0.0, 0.0)), " d=\"M10 10V27.8Q10 30 12.2 30h0Q14.4 30 14.4 32.2V50\"");
        // Slanted pieces (never drawn, but written) and a corner too tight to round.
        assert_eq!(path(&[(0.0, 0.0), (3.0, 4.0), (3.0, 4.6)], (0.0, 0.0)), " d=\"M0 0L3 4V4.6\"");
    }

    /// The points a path written by [`write_path`] passes through (ends of its pieces and control
    /// points), in tenths, relative commands resolved.
    fn decode(d: &str) -> Vec<Tenths> {
        let mut pts = Vec::new();
        let mut pen = (0, 0);
        let mut rest = d;
        while let Some(letter) = rest.chars().next() {
            let end = rest[1..].find(|c: char| c.is_ascii_alphabetic()).map_or(rest.len(), |i| i + 1);
            let nums: Vec<i64> =
                rest[1..end].replace('-', " -").split_whitespace().map(|n| tenths(n.parse::<f64>().unwrap())).collect();
            rest = &rest[end..];
            let base = if letter.is_ascii_lowercase() { pen } else { (0, 0) };
            let to = match letter.to_ascii_uppercase() {
                'M' | 'L' => (base.0 + nums[0], base.1 + nums[1]),
                'H' => (base.0 + nums[0], pen.1),
                'V' => (pen.0, base.1 + nums[0]),
                'Q' => {
                    pts.push((base.0 + nums[0], base.1 + nums[1]));
                    (base.0 + nums[2], base.1 + nums[3])
                }
                c => panic!("command {c}"),
            };
            pts.push(to);
            pen = to;
        }
        pts
    }

    #[test]
    fn offsets_said_exact_land_on_the_float_of_the_absolute_number() {
        let float = |t: i64| format!("{}.{}", t / 10, t % 10).parse::<f32>().unwrap();
        let (mut exact, mut seen) = (0, 0);
        for from in (0..40_000).step_by(7) {
            for delta in [-3000, -1270, -50, -10, 0, 10, 50, 400, 1230, 2560, 3, -47, 355] {
                let to = from + delta;
                if to < 0 {
                    continue;
                }
                seen += 1;
                if lands_exactly(from, to) {
                    exact += 1;
                    assert_eq!(float(from) + float(delta.abs()) * delta.signum() as f32, float(to), "{from} {to}");
                }
            }
        }
        assert!(exact > seen / 3, "{exact} of {seen}");
    }

    #[test]
    fn relative_pieces_land_exactly_on_the_absolute_points() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for _ in 0..500 {
            // Orthogonal routes with jogs of any length, as the router makes.
            let mut pts = vec![(next() * 900.0, next() * 900.0)];
            for k in 0..2 + (next() * 6.0) as usize {
                let (x, y) = pts[pts.len() - 1];
                let step = (next() - 0.5) * 300.0;
                pts.push(if k % 2 == 0 { (x, y + step) } else { (x + step, y) });
            }
            let o = (next() * 50.0, next() * 50.0);
            let written = path(&pts, o);
            let d = &written[" d=\"".len()..written.len() - 1];
            let (start, pieces) = pieces(&pts, o);
            let mut want = vec![start];
            for piece in pieces {
                match piece {
                    Piece::Line(q) => want.push(q),
                    Piece::Curve(c, q) => want.extend([c, q]),
                }
            }
            assert_eq!(decode(d), want, "{d}");
        }
    }
}
