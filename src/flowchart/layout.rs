//! The layout: one [`Layout`] value that the phases fill in turn, from the measured steps to the
//! polylines and label boxes the SVG back end draws.

use super::Chart;
use super::measure::{LabelSize, NodeBox, measure, measure_label};
use super::rank::{Csr, Ranks};

/// Horizontal gap between two links side by side in a row (placement keeps it; routing puts a
/// link's lane that far from the items it passes).
pub(super) const GAP_LINKS: f64 = 12.0;
/// Vertical room of one track in the gap between two rows (routing stacks runs on tracks;
/// placement makes each gap as tall as its tracks).
pub(super) const TRACK_GAP: f64 = 10.0;

/// Space between the stacked labels of one step's self-loops.
pub(super) const LOOP_LABEL_GAP: f64 = 2.0;

/// A thing placed in a row: a step, or a point a link passes through.
#[derive(Clone, Copy, Debug)]
pub(super) struct Item {
    pub of: ItemOf,
    pub row: usize,
    /// Room taken left and right of `x`.
    pub left: f64,
    pub right: f64,
    /// Breaks ties when ordering: reading order.
    pub tie: f64,
    /// Position in its row, left to right.
    pub pos: usize,
    pub x: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ItemOf {
    Step(usize),
    /// A point of link `edge`; `label` when its answer is drawn there, centred on the line.
    Link {
        edge: usize,
        label: bool,
    },
}

impl Item {
    pub fn is_step(&self) -> bool {
        matches!(self.of, ItemOf::Step(_))
    }
}

/// A piece of a link between an item and one in the next row.
#[derive(Clone, Copy, Debug)]
pub(super) struct Seg {
    pub upper: usize,
    pub lower: usize,
    /// x where it leaves the upper item and where it reaches the lower one (ports, on steps).
    pub top_x: f64,
    pub bottom_x: f64,
    /// Track of its horizontal run in the gap between the two rows, when the ends differ.
    pub track: usize,
    /// False for the first piece of a back link that leaves its step by the side instead.
    pub drawn: bool,
}

impl Seg {
    pub fn jogs(&self) -> bool {
        (self.top_x - self.bottom_x).abs() > 0.5
    }
}

/// A link drawn downward, through the items of `segs[first_seg..end_seg]`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fwd {
    pub edge: usize,
    pub from: usize,
    pub to: usize,
    pub first_seg: usize,
    pub end_seg: usize,
}

/// A link drawn upward, on a lane beside the layout.
#[derive(Clone, Copy, Debug)]
pub(super) struct Back {
    pub edge: usize,
    /// The lower step, where it leaves, and the upper one, where it arrives.
    pub from: usize,
    pub to: usize,
    /// The item under `from` where it turns towards its lane and carries its answer, and the
    /// piece from `from` down to it.
    pub exit: usize,
    pub exit_seg: usize,
    /// The lane is on the right.
    pub right: bool,
    /// It leaves `from` (enters `to`) by the side facing the lane rather than the bottom (top).
    pub exit_side: bool,
    pub entry_side: bool,
    pub lane: f64,
    pub entry_port: f64,
    /// Offsets of the side ports from the step's centre line.
    pub exit_dy: f64,
    pub entry_dy: f64,
    /// Tracks of the runs to and from the lane, in the gaps below the exit and above `to`.
    pub exit_track: usize,
    pub entry_track: usize,
}

/// The self-loops of one step, drawn on its right with their labels beside them.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Loops {
    pub count: usize,
    pub label_w: f64,
    /// The labels stacked, with their spacing.
    pub label_h: f64,
}

/// The vertical extent of a row.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Band {
    pub top: f64,
    pub h: f64,
}

/// The space above row `g` (below the last row for `g` = the number of rows), where links run
/// horizontally on tracks.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Gap {
    pub tracks: usize,
    /// y of the first track's top.
    pub track_top: f64,
}

#[derive(Debug)]
pub(super) struct DrawnEdge {
    pub edge: usize,
    pub back: bool,
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug)]
pub(super) struct DrawnLabel {
    pub edge: usize,
    pub back: bool,
    /// Top-left corner and size of the background.
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

/// Everything the phases know about the drawing, filled in order.
#[derive(Debug)]
pub(super) struct Layout {
    /// The steps each edge links, (from, to), as the chart gives them.
    pub ends: Vec<(usize, usize)>,
    /// Measure: step boxes (centres set by place), answer sizes by edge, self-loops by step.
    pub nodes: Vec<NodeBox>,
    pub label_sizes: Vec<Option<LabelSize>>,
    pub loops: Vec<Loops>,
    /// Rank: links sorted by how they are drawn, layers.
    pub ranks: Ranks,
    /// Order: items (steps first, by step index, then link points), the rows left to right, and
    /// the links through them.
    pub items: Vec<Item>,
    pub rows: Vec<Vec<usize>>,
    pub segs: Vec<Seg>,
    /// The pieces as adjacency, made once for order and place: the items below and above each.
    pub below: Csr,
    pub above: Csr,
    pub fwds: Vec<Fwd>,
    pub backs: Vec<Back>,
    /// Place (y): rows and the gaps above them.
    pub bands: Vec<Band>,
    pub gaps: Vec<Gap>,
    /// Route and labels: what the back end draws.
    pub edges: Vec<DrawnEdge>,
    pub labels: Vec<DrawnLabel>,
    pub bounds: Bounds,
}

impl Layout {
    /// The steps and answers measured, their places still empty.
    pub(super) fn measured(chart: &Chart, ends: Vec<(usize, usize)>, ranks: Ranks) -> Layout {
        let label_sizes: Vec<Option<LabelSize>> =
            chart.edges.iter().map(|e| measure_label(e.label.as_deref())).collect();
        let mut loops = vec![Loops::default(); chart.nodes.len()];
        for &e in &ranks.loops {
            let l = &mut loops[chart.edges[e].from];
            l.count += 1;
            if let Some(size) = &label_sizes[e] {
                l.label_w = l.label_w.max(size.w);
                l.label_h += size.h + LOOP_LABEL_GAP;
            }
        }
        Layout {
            ends,
            nodes: chart.nodes.iter().map(measure).collect(),
            label_sizes,
            loops,
            ranks,
            items: Vec::new(),
            rows: Vec::new(),
            segs: Vec::new(),
            below: Csr::default(),
            above: Csr::default(),
            fwds: Vec::new(),
            backs: Vec::new(),
            bands: Vec::new(),
            gaps: Vec::new(),
            edges: Vec::new(),
            labels: Vec::new(),
            bounds: Bounds { min_x: 0.0, min_y: 0.0, max_x: 0.0, max_y: 0.0 },
        }
    }
}

pub(super) fn bounds(lay: &Layout) -> Bounds {
    let mut b = Bounds { min_x: f64::INFINITY, min_y: 0.0, max_x: f64::NEG_INFINITY, max_y: 0.0 };
    let mut add = |x0: f64, y0: f64, x1: f64, y1: f64| {
        b.min_x = b.min_x.min(x0);
        b.min_y = b.min_y.min(y0);
        b.max_x = b.max_x.max(x1);
        b.max_y = b.max_y.max(y1);
    };
    for g in &lay.nodes {
        add(g.left(), g.top(), g.right(), g.top() + g.h);
    }
    for l in &lay.labels {
        add(l.x, l.y, l.x + l.w, l.y + l.h);
    }
    for e in &lay.edges {
        for &(x, y) in &e.points {
            add(x, y, x, y);
        }
    }
    let bottom = lay.bands.last().map_or(0.0, |last| last.top + last.h);
    b.max_y = b.max_y.max(bottom);
    b
}

/// Total order on f64 for sorting.
pub(super) fn cmp_f(a: f64, b: f64) -> std::cmp::Ordering {
    a.total_cmp(&b)
}
