//! Flowchart: an inline SVG drawing of a procedure's step graph, laid out at build time, with no
//! JavaScript. Shapes and colours come from CSS classes (`themes/default/static/flowchart.css`).
//!
//! The layout engine stands below `lint` and `render`, which both use it: `render::chart` makes a
//! [`Chart`] of a procedure's page, and the `dense-chart` rule asks [`cost()`] whether it will be
//! drawn simplified. It uses nothing of the crate but `model` and `text`.
//!
//! The layout is layered (Sugiyama-style), top-down, one module per phase, each filling in the one
//! `Layout` value the next phase reads:
//!
//! 1. `measure` (with `text`): each step's box from its whole text, wrapped in as many lines as
//!    it needs, and each answer's label.
//! 2. `rank`: a link is drawn upward (a *back link*) when it closes a cycle and points back in the
//!    file (strongly connected components, petgraph), or enters the start. Layers follow a
//!    topological order that takes the earliest step in the file first, each step never above the
//!    one taken before it, so the chart reads top-down in step order wherever the links allow.
//!    Parts not linked to the start's are stacked below it (petgraph's union-find).
//! 3. `order`: each layer is a row, with a row under it for the first point of every link leaving
//!    it, which carries the link's answer label; long links get a point in every row they cross
//!    (virtual nodes). Barycenter sweeps and neighbour swaps order each row, ties in file order,
//!    keeping the order with the fewest crossings.
//! 4. `place`: x by sweeps that pull each item to the weighted mean of its neighbours, solved per
//!    row as an isotonic regression that keeps the order and the gaps, so no label touches another
//!    label, a step or a line; long links straightened; y row by row, each gap as tall as its tracks.
//! 5. `route`: orthogonal polylines. Links leave a step's bottom and enter a step's top at ports
//!    spread along it and jog on tracks in the gaps between rows, never through a row. Back links
//!    climb a lane outside every row they pass and enter the target's side or top; unlabelled ones
//!    leave by the side when nothing stands beside the step. Self-loops sit on a step's right.
//! 6. `labels`: each answer centred on its link's point; self-loop answers beside their loops.
//! 7. `svg`: the back end, which only draws.
//!
//! Time: O(s log s) for s = steps + links + virtual nodes, except in four places: lanes are set
//! against each other (quadratic in the back links), runs against the others of their gap
//! (quadratic in the links crossing one gap), neighbour swaps cost the product of the degrees of
//! the swapped items (done only below 3,000 items), and long links take one virtual node per layer
//! they cross (cubically many in a dense graph). [`cost()`] counts the virtual nodes, back links and
//! widest row before the layout runs; over its budget the chart is drawn simplified, with only the
//! links from each step to the next (linear).

mod cost;
mod labels;
mod layout;
mod measure;
mod order;
mod place;
#[cfg(test)]
mod quality;
mod rank;
mod route;
mod svg;
mod text;

#[cfg(test)]
mod tests;

pub use cost::{BUDGET, Cost, MAX_BACK_LINKS, MAX_CHANNEL, cost, is_dense};

use crate::model::StepKind;
use layout::Layout;

/// A procedure's step graph, ready to draw.
pub struct Chart {
    /// Accessible title, e.g. "Fluxograma: Perda do Backup A1".
    pub title: String,
    /// Accessible description, e.g. "7 passos; começa em “Acesso à máquina”.".
    pub description: String,
    /// In file order; index = step number - 1.
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Index of the start node.
    pub start: usize,
}

#[derive(Clone)]
pub struct Node {
    /// Step ID (lower-case letters, digits, '-'; anything in broken procedures).
    pub id: String,
    /// 1-based step number shown in the node.
    pub number: usize,
    pub kind: NodeKind,
    /// Plain text, shown whole: wrapped in as many lines as it needs (a pathological length is cut).
    pub label: String,
    /// Accessible name of the node link, e.g. "Passo 3: Gerar novo backup".
    pub link_label: String,
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

impl From<StepKind> for NodeKind {
    fn from(kind: StepKind) -> NodeKind {
        match kind {
            StepKind::Action => NodeKind::Action,
            StepKind::Decision => NodeKind::Decision,
            StepKind::Resolution => NodeKind::Resolution,
            StepKind::Escalation => NodeKind::Escalation,
            StepKind::Mixed | StepKind::Incomplete => NodeKind::Other,
        }
    }
}

#[derive(Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Branch answer.
    pub label: Option<String>,
}

/// A chart drawn: an `<svg>` element (no XML declaration) to inline in an HTML page, and its natural
/// width in CSS pixels.
pub struct Drawing {
    pub svg: String,
    pub width: f64,
    /// Links the simplified drawing of a chart over the budget leaves out; 0 when drawn in full.
    pub dropped: usize,
}

/// Widest page column the theme tells apart (in steps of 100 px, from 300 px) to hide its
/// "full size" switch where the drawing is shown unshrunk anyway: its 72rem less the padding.
const WIDEST_FIT: u32 = 1100;
/// The theme's frame around the drawing: padding and border on both sides.
const FRAME: f64 = 20.0;

impl Drawing {
    /// The page column width, rounded up to 100 px, from which the drawing is shown at its natural
    /// size; 0 when it is wider than any the theme tells apart.
    pub fn fits(&self) -> u32 {
        let fits = (((self.width + FRAME) / 100.0).ceil() as u32 * 100).max(300);
        if fits > WIDEST_FIT { 0 } else { fits }
    }
}

/// Draws `chart`: simplified when it is over the layout's budget (see [`is_dense`]). The steps
/// are ranked once, for the cost and for the layout.
pub fn draw(chart: &Chart) -> Drawing {
    if chart.nodes.is_empty() {
        return Drawing { svg: svg::empty(chart), width: 16.0, dropped: 0 };
    }
    let ends = ends(chart);
    let ranks = rank::rank(chart.nodes.len(), chart.start, &ends);
    if cost::of_ranks(chart.nodes.len(), &ends, &ranks).over_budget() {
        let simple = cost::simplified(chart);
        let lay = layout(&simple);
        let dropped = chart.edges.len() - simple.edges.len();
        return Drawing { svg: svg::write(&simple, &lay), width: svg::width(&lay), dropped };
    }
    let lay = layout_ranked(chart, ends, ranks);
    Drawing { svg: svg::write(chart, &lay), width: svg::width(&lay), dropped: 0 }
}

/// The links of `chart` as (from, to) pairs.
fn ends(chart: &Chart) -> Vec<(usize, usize)> {
    chart.edges.iter().map(|e| (e.from, e.to)).collect()
}

/// Lays out `chart`: every phase in order.
fn layout(chart: &Chart) -> Layout {
    let ends = ends(chart);
    let ranks = rank::rank(chart.nodes.len(), chart.start, &ends);
    layout_ranked(chart, ends, ranks)
}

/// [`layout`] with the steps already ranked.
fn layout_ranked(chart: &Chart, ends: Vec<(usize, usize)>, mut ranks: rank::Ranks) -> Layout {
    rank::stack_parts(&mut ranks, &ends);
    let mut lay = Layout::measured(chart, ends, ranks);
    order::items(&mut lay);
    order::order(&mut lay);
    place::place_x(&mut lay);
    route::choose_sides(&mut lay);
    route::ports(&mut lay);
    route::lanes(&mut lay);
    route::tracks(&mut lay);
    place::place_y(&mut lay);
    route::side_ports(&mut lay);
    route::paths(&mut lay);
    labels::place(&mut lay);
    lay.bounds = layout::bounds(&lay);
    lay
}

/// The `<svg>` element of `chart` (see [`draw`]).
pub fn render(chart: &Chart) -> String {
    draw(chart).svg
}
