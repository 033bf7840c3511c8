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

mod cost;
mod layout;
mod measure;
mod svg;
mod text;

#[cfg(test)]
mod tests;

pub use cost::{BUDGET, Cost, MAX_BACK_LINKS, MAX_CHANNEL, cost, dropped_links, is_dense};

use crate::model::StepKind;
use crate::render::lang::Strings;
use crate::render::views::ProcedureView;

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
    /// Plain text; wrapped, and cut with an ellipsis after four lines.
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

impl Chart {
    /// The chart of a procedure as its page shows it, with the interface words of `t`: the one
    /// constructor the site, `sopbook graph` and `serve` draw from.
    pub fn new(procedure: &ProcedureView, t: &Strings) -> Chart {
        let steps = &procedure.steps;
        let nodes = steps
            .iter()
            .map(|s| Node {
                id: s.id.clone(),
                number: s.number,
                kind: NodeKind::from(s.kind),
                label: s.label.clone(),
                link_label: t.fill("step_label", &[("n", &s.number.to_string()), ("title", &s.label)]),
            })
            .collect();
        let mut edges = Vec::new();
        for (from, s) in steps.iter().enumerate() {
            if let Some(next) = &s.next {
                edges.push(Edge { from, to: next.number - 1, label: None });
            }
            for branch in &s.branches {
                if let Some(target) = &branch.target {
                    edges.push(Edge { from, to: target.number - 1, label: Some(branch.when.clone()) });
                }
            }
        }
        let start_label = steps.get(procedure.start).map_or("", |s| s.label.as_str());
        Chart {
            title: t.fill("flowchart_title", &[("title", &procedure.title)]),
            description: t.fill("flowchart_desc", &[("n", &steps.len().to_string()), ("start", start_label)]),
            nodes,
            edges,
            start: procedure.start,
        }
    }
}

/// An `<svg>` element (no XML declaration) to inline in an HTML page.
pub fn render(chart: &Chart) -> String {
    if chart.nodes.is_empty() {
        return svg::empty(chart);
    }
    if is_dense(chart) {
        let simple = cost::simplified(chart);
        svg::write(&simple, &layout::layout(&simple))
    } else {
        svg::write(chart, &layout::layout(chart))
    }
}
