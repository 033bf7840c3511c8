//! Placement: x of every item, then y of every row and gap.
//!
//! x: sweeps that pull each item to the weighted mean of its neighbours in the adjacent row,
//! solved per row as an isotonic regression that keeps the order and the minimum gaps (pool
//! adjacent violators, linear in the row); then every long link gets one x where its neighbours
//! allow, so it runs straight. y: rows stacked with their gaps, each gap as tall as its tracks.

use super::layout::{Band, GAP_LINKS, Gap, Item, Layout, TRACK_GAP};

/// Horizontal gaps between neighbours in a row: two steps, a step and a link, two links.
const GAP_STEPS: f64 = 32.0;
const GAP_MIXED: f64 = 20.0;
const SWEEPS: usize = 8;
/// Past this many items, fewer sweeps.
const MANY_ITEMS: usize = 3000;

/// Least height of a row of steps.
const MIN_ROW: f64 = 20.0;
/// Least distance between two rows of steps.
const MIN_CHANNEL: f64 = 40.0;
/// Room for an arrowhead above the step a link enters.
pub(super) const ARROW_ROOM: f64 = 16.0;
/// Space under a step before the first track, and above a row of labels.
const UNDER_STEP: f64 = 6.0;
const OVER_LABELS: f64 = 4.0;
/// Space under a row of labels before the first track.
const UNDER_LABELS: f64 = 4.0;

/// Least distance between the centres of neighbours `a` and `b`.
fn gap(a: &Item, b: &Item) -> f64 {
    a.right
        + b.left
        + match (a.is_step(), b.is_step()) {
            (true, true) => GAP_STEPS,
            (false, false) => GAP_LINKS,
            _ => GAP_MIXED,
        }
}

/// How strongly a piece between `a` and `b` pulls them into line (by whether each is a step):
/// long links most.
fn weight(a_step: bool, b_step: bool) -> f64 {
    match (a_step, b_step) {
        (false, false) => 8.0,
        (true, true) => 1.0,
        _ => 2.0,
    }
}

/// x of every item (and of every step's centre).
pub(super) fn place_x(lay: &mut Layout) {
    let m = lay.items.len();
    // Taken out while the rows are placed, which changes the layout.
    let (down, up) = (std::mem::take(&mut lay.below), std::mem::take(&mut lay.above));
    pack(lay);
    let rows = lay.rows.len();
    if rows > 1 {
        // The sweeps read only these, kept apart from the items: x, whether each is a step, and
        // the least gaps in each row (fixed, as the order is).
        let mut xs: Vec<f64> = lay.items.iter().map(|i| i.x).collect();
        let step: Vec<bool> = lay.items.iter().map(Item::is_step).collect();
        let gaps: Vec<Vec<f64>> = lay.rows.iter().map(|row| row_gaps(&lay.items, row)).collect();
        let mut row = RowPlacer::default();
        let sweeps = if m > MANY_ITEMS { SWEEPS / 2 } else { SWEEPS };
        for sweep in 0..=sweeps {
            // Down, up, ..., and last both ways.
            let both = sweep == sweeps;
            let downward = sweep % 2 == 0;
            let order: Vec<usize> = if downward || both { (1..rows).collect() } else { (0..rows - 1).rev().collect() };
            for r in order.into_iter().chain(both.then_some(0)) {
                let near = |v: usize| {
                    let above = if downward || both { up.of(v) } else { &[][..] };
                    let below = if !downward || both { down.of(v) } else { &[][..] };
                    above.iter().chain(below).copied()
                };
                row.place(&lay.rows[r], &gaps[r], &step, &mut xs, near);
            }
        }
        for (item, x) in lay.items.iter_mut().zip(xs) {
            item.x = x;
        }
    }
    (lay.below, lay.above) = (down, up);
    straighten(lay);
    for (v, g) in lay.nodes.iter_mut().enumerate() {
        g.cx = lay.items[v].x;
    }
}

/// Every row packed at its least gaps, centred on 0.
fn pack(lay: &mut Layout) {
    for row in &lay.rows {
        let mut x = 0.0;
        for (j, &i) in row.iter().enumerate() {
            if j > 0 {
                x += gap(&lay.items[row[j - 1]], &lay.items[i]);
            }
            lay.items[i].x = x;
        }
        for &i in row {
            lay.items[i].x -= x / 2.0;
        }
    }
}

/// A run of items placed together at the weighted mean of what they want.
#[derive(Clone, Copy)]
struct Block {
    sum: f64,
    weight: f64,
    count: usize,
    /// `sum / weight`, kept: the merge loop compares it at every step.
    mean: f64,
}

impl Block {
    fn new(sum: f64, weight: f64, count: usize) -> Block {
        Block { sum, weight, count, mean: sum / weight }
    }
}

/// Buffers for placing one row.
#[derive(Default)]
struct RowPlacer {
    desired: Vec<f64>,
    weights: Vec<f64>,
    blocks: Vec<Block>,
    placed: Vec<f64>,
}

impl RowPlacer {
    /// Moves the items of row `order` (least `gaps` apart) towards the mean x of their `near`
    /// items.
    fn place<I: Iterator<Item = usize>>(
        &mut self,
        order: &[usize],
        gaps: &[f64],
        step: &[bool],
        xs: &mut [f64],
        near: impl Fn(usize) -> I,
    ) {
        self.desired.clear();
        self.weights.clear();
        for &v in order {
            let (mut sum, mut total) = (0.0, 0.0);
            for u in near(v) {
                let w = weight(step[u], step[v]);
                sum += w * xs[u];
                total += w;
            }
            self.desired.push(if total > 0.0 { sum / total } else { xs[v] });
            self.weights.push(if total > 0.0 { 1.0 } else { 0.25 });
        }
        isotonic(&self.desired, &self.weights, gaps, &mut self.blocks, &mut self.placed);
        for (&v, &x) in order.iter().zip(&self.placed) {
            xs[v] = x;
        }
    }
}

/// The least gaps between neighbours in `row`, the first 0 (unused).
fn row_gaps(items: &[Item], row: &[usize]) -> Vec<f64> {
    (0..row.len()).map(|j| if j > 0 { gap(&items[row[j - 1]], &items[row[j]]) } else { 0.0 }).collect()
}

/// Places the items of one row as close as possible (weighted least squares) to `desired`, in
/// order and at least `gaps[j]` apart (`gaps[0]` unused): isotonic regression by pool adjacent
/// violators on `desired - offset`. The places go to `out`; both buffers are reused row to row.
fn isotonic(desired: &[f64], weight: &[f64], gaps: &[f64], blocks: &mut Vec<Block>, out: &mut Vec<f64>) {
    blocks.clear();
    let mut offset = 0.0;
    for j in 0..desired.len() {
        if j > 0 {
            offset += gaps[j];
        }
        let w = weight[j];
        blocks.push(Block::new(w * (desired[j] - offset), w, 1));
        while let [.., a, b] = blocks[..] {
            if a.mean <= b.mean {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = Block::new(a.sum + b.sum, a.weight + b.weight, a.count + b.count);
        }
    }
    out.clear();
    let mut offset = 0.0;
    for block in blocks.iter() {
        let x = block.mean;
        for _ in 0..block.count {
            let j = out.len();
            if j > 0 {
                offset += gaps[j];
            }
            out.push(x + offset);
        }
    }
}

/// Gives each run of a long link's points one x, as near its source as the neighbours allow,
/// and lines up points less than half a pixel apart.
fn straighten(lay: &mut Layout) {
    for f in lay.fwds.clone() {
        let points: Vec<usize> = lay.segs[f.first_seg..f.end_seg - 1].iter().map(|s| s.lower).collect();
        let mut k = 0;
        let mut prefer = lay.items[f.from].x;
        while k < points.len() {
            let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
            let mut end = k;
            while end < points.len() {
                let (l, h) = room(lay, points[end]);
                if lo.max(l) > hi.min(h) {
                    break;
                }
                lo = lo.max(l);
                hi = hi.min(h);
                end += 1;
            }
            // A point's own x is always in its room, so `end > k` and `lo <= hi`.
            let x = prefer.clamp(lo, hi);
            for &v in &points[k..end] {
                lay.items[v].x = x;
            }
            prefer = x;
            k = end;
        }
        for pair in points.windows(2) {
            let (a, b) = (lay.items[pair[0]].x, lay.items[pair[1]].x);
            if (a - b).abs() <= 0.5 {
                lay.items[pair[1]].x = a;
            }
        }
    }
}

/// How far item `v` may move between its neighbours (its own x always allowed).
fn room(lay: &Layout, v: usize) -> (f64, f64) {
    let item = &lay.items[v];
    let row = &lay.rows[item.row];
    let p = item.pos;
    let lo = if p > 0 {
        let left = &lay.items[row[p - 1]];
        left.x + gap(left, item)
    } else {
        f64::NEG_INFINITY
    };
    let hi = if p + 1 < row.len() {
        let right = &lay.items[row[p + 1]];
        right.x - gap(item, right)
    } else {
        f64::INFINITY
    };
    (lo.min(item.x), hi.max(item.x))
}

/// y of every row and gap, and of every step's centre. Needs the tracks of every gap.
pub(super) fn place_y(lay: &mut Layout) {
    let rows = lay.rows.len();
    let mut row_h = vec![0.0f64; rows];
    for (r, h) in row_h.iter_mut().enumerate() {
        if r % 2 == 0 {
            *h = MIN_ROW;
        }
    }
    for item in &lay.items {
        let h = match item.of {
            super::layout::ItemOf::Step(v) => lay.nodes[v].h.max(lay.loops[v].label_h),
            super::layout::ItemOf::Link { edge, label: true } => lay.label_sizes[edge].as_ref().map_or(0.0, |s| s.h),
            super::layout::ItemOf::Link { .. } => 0.0,
        };
        row_h[item.row] = row_h[item.row].max(h);
    }
    lay.bands = vec![Band::default(); rows];
    let mut gap_h = vec![0.0f64; rows + 1];
    let mut y = 0.0;
    for g in 0..=rows {
        let tracks = lay.gaps[g].tracks as f64 * TRACK_GAP;
        let (h, track_top) = if g == 0 {
            if tracks > 0.0 { (4.0 + tracks + ARROW_ROOM, 4.0) } else { (0.0, 0.0) }
        } else if g == rows {
            if tracks > 0.0 { (UNDER_LABELS + tracks + 6.0, UNDER_LABELS) } else { (0.0, 0.0) }
        } else if g % 2 == 1 {
            (UNDER_STEP + tracks + OVER_LABELS, UNDER_STEP)
        } else {
            // Between a row of labels and the next row of steps: at least the least channel.
            let h = UNDER_LABELS + tracks + ARROW_ROOM;
            let channel = gap_h[g - 1] + row_h[g - 1] + h;
            let extra = (MIN_CHANNEL - channel).max(0.0);
            (h + extra, UNDER_LABELS + extra / 2.0)
        };
        gap_h[g] = h;
        lay.gaps[g] = Gap { tracks: lay.gaps[g].tracks, track_top: y + track_top };
        y += h;
        if g < rows {
            lay.bands[g] = Band { top: y, h: row_h[g] };
            y += row_h[g];
        }
    }
    for (v, g) in lay.nodes.iter_mut().enumerate() {
        let band = lay.bands[lay.items[v].row];
        g.cy = band.top + band.h / 2.0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::{Chart, Edge, Node, NodeKind};
    use super::*;

    #[test]
    fn answers_get_a_band_of_their_own_between_rows_of_steps() {
        let node = |i: usize| Node {
            id: format!("p{i}"),
            number: i + 1,
            kind: NodeKind::Decision,
            label: "Passo".into(),
            link_label: String::new(),
        };
        let edge = |to, label: &str| Edge { from: 0, to, label: Some(label.into()) };
        let chart = Chart {
            title: String::new(),
            description: String::new(),
            nodes: (0..3).map(node).collect(),
            edges: vec![edge(1, "Sim"), edge(2, "Não, com uma resposta longa que ocupa duas linhas")],
            start: 0,
        };
        let lay = layout(&chart);
        let [steps, answers, next, ..] = lay.bands[..] else { panic!("{:?}", lay.bands) };
        assert!(steps.top + steps.h < answers.top && answers.top + answers.h < next.top);
        assert_eq!(answers.h, lay.label_sizes[1].as_ref().unwrap().h, "the tallest answer");
        assert!(next.top - (steps.top + steps.h) >= MIN_CHANNEL);
        // Neighbours at least their gap apart.
        for row in &lay.rows {
            for w in row.windows(2) {
                let (a, b) = (&lay.items[w[0]], &lay.items[w[1]]);
                assert!(b.x - a.x >= gap(a, b) - 1e-9);
            }
        }
    }

    #[test]
    fn isotonic_keeps_order_and_gaps_at_least_squares() {
        let (mut blocks, mut out) = (Vec::new(), Vec::new());
        let mut iso = |desired: &[f64], weight: &[f64], gaps: &[f64]| {
            isotonic(desired, weight, gaps, &mut blocks, &mut out);
            out.clone()
        };
        // Free to go where they want.
        assert_eq!(iso(&[0.0, 100.0], &[1.0, 1.0], &[0.0, 10.0]), [0.0, 100.0]);
        // Both want 50 but must stay 10 apart: they share the difference.
        assert_eq!(iso(&[50.0, 50.0], &[1.0, 1.0], &[0.0, 10.0]), [45.0, 55.0]);
        // Out of order: pooled, the heavier one moves less.
        assert_eq!(iso(&[60.0, 0.0], &[3.0, 1.0], &[0.0, 20.0]), [40.0, 60.0]);
    }
}
