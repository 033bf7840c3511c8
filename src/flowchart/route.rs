//! Routing: orthogonal polylines for every link.
//!
//! Links leave a step's bottom and enter a step's top at ports spread along it, and jog
//! horizontally on tracks in the gaps between rows, each run below the earlier runs it meets
//! (quadratic in the runs of one gap at worst). Back links go down to their point under the step
//! (or leave by the side facing their lane when they carry no answer and nothing stands beside the
//! step), climb a lane outside every row they pass (quadratic in the number of back links: each
//! lane is set against the others), and enter the target's side or top. Self-loops are small loops
//! on a step's right side.

use super::layout::{DrawnEdge, GAP_LINKS, ItemOf, Layout, Loops, TRACK_GAP, cmp_f};
use super::measure::NodeBox;

const PORT_GAP: f64 = 14.0;
const SIDE_PORT_GAP: f64 = 12.0;
/// Least space between two runs on one track.
const TRACK_CLEAR: f64 = 6.0;
/// Vertical lines nearer than this look like one.
const LINES_APART: f64 = 3.0;
const LANE_GAP: f64 = 20.0;
const LANE_STEP: f64 = 12.0;
pub(super) const LOOP_OUT: f64 = 16.0;
pub(super) const LOOP_STEP: f64 = 10.0;
/// Space between a self-loop and its label.
pub(super) const LOOP_LABEL_SPACE: f64 = 6.0;

/// Room on a step's right for its self-loops and their labels.
pub(super) fn loops_room(loops: &Loops) -> f64 {
    let mut room = LOOP_OUT + LOOP_STEP * loops.count.saturating_sub(1) as f64 + 2.0;
    if loops.label_w > 0.0 {
        room += LOOP_LABEL_SPACE + loops.label_w;
    }
    room
}

/// The side of each back link's lane, and whether it leaves and enters by the side.
pub(super) fn choose_sides(lay: &mut Layout) {
    let n = lay.nodes.len();
    // Steps with no other step beside them on the right (left) in their row.
    let mut right_clear = vec![false; n];
    let mut left_clear = vec![false; n];
    for row in &lay.rows {
        let steps = || row.iter().filter(|&&i| lay.items[i].is_step());
        if let Some(&v) = steps().next_back() {
            right_clear[v] = lay.loops[v].count == 0;
        }
        if let Some(&v) = steps().next() {
            left_clear[v] = true;
        }
    }
    let lo = lay.items.iter().map(|i| i.x - i.left).fold(f64::INFINITY, f64::min);
    let hi = lay.items.iter().map(|i| i.x + i.right).fold(f64::NEG_INFINITY, f64::max);
    // Items between an item and the side: each has a line the link would cross on its way out.
    let beyond = |item: usize, right: bool| {
        let it = &lay.items[item];
        (if right { lay.rows[it.row].len() - 1 - it.pos } else { it.pos }) as f64
    };
    let mut moves = Vec::new();
    for bi in 0..lay.backs.len() {
        let b = lay.backs[bi];
        let (u, v) = (&lay.nodes[b.from], &lay.nodes[b.to]);
        let labelled = lay.label_sizes[b.edge].is_some();
        // The exit point can move to either end of its step's points.
        let (first, last) = siblings(lay, b.exit, b.from);
        let row_len = lay.rows[lay.items[b.exit].row].len();
        // Lines crossed on the way out and in, then the way round as a tie-breaker.
        let cost = |right: bool| {
            let clear = if right { right_clear[b.from] } else { left_clear[b.from] };
            let exit = if clear && !labelled {
                beyond(b.from, right)
            } else {
                (if right { row_len - 1 - last } else { first }) as f64
            };
            let far = if right { hi - u.right() + hi - v.right() } else { u.left() - lo + v.left() - lo };
            exit + beyond(b.to, right) + far / 1e5
        };
        let right = cost(true) <= cost(false);
        let (exit_clear, entry_clear) =
            if right { (right_clear[b.from], right_clear[b.to]) } else { (left_clear[b.from], left_clear[b.to]) };
        let b = &mut lay.backs[bi];
        b.right = right;
        // An answer is drawn on the way down from the bottom, never beside the step.
        b.exit_side = exit_clear && !labelled;
        b.entry_side = entry_clear;
        if b.exit_side {
            lay.segs[b.exit_seg].drawn = false;
        } else {
            moves.push((b.exit, if right { last } else { first }));
        }
    }
    for (item, to) in moves {
        move_within_siblings(lay, item, to);
    }
}

/// The positions of the points next to `item` in its row that belong to links from step `from`.
fn siblings(lay: &Layout, item: usize, from: usize) -> (usize, usize) {
    let row = &lay.rows[lay.items[item].row];
    let of_from = |i: usize| matches!(lay.items[i].of, ItemOf::Link { edge, .. } if lay.ends[edge].0 == from);
    let p = lay.items[item].pos;
    let first = (0..p).rev().take_while(|&j| of_from(row[j])).last().unwrap_or(p);
    let last = (p + 1..row.len()).take_while(|&j| of_from(row[j])).last().unwrap_or(p);
    (first, last)
}

/// Moves `item` to position `to` among its siblings, packed again from the block's left end at the
/// least gaps (all are link points), so the block can only shrink and meets no other item.
fn move_within_siblings(lay: &mut Layout, item: usize, to: usize) {
    let (r, from) = (lay.items[item].row, lay.items[item].pos);
    if from == to {
        return;
    }
    let (lo, hi) = (from.min(to), from.max(to));
    let mut left = lay.items[lay.rows[r][lo]].x - lay.items[lay.rows[r][lo]].left;
    let moved = lay.rows[r].remove(from);
    lay.rows[r].insert(to, moved);
    for j in lo..=hi {
        let v = lay.rows[r][j];
        let it = &mut lay.items[v];
        it.pos = j;
        it.x = left + it.left;
        left = it.x + it.right + GAP_LINKS;
    }
}

/// Which end a port belongs to.
#[derive(Clone, Copy)]
enum PortOf {
    /// The top (on bottoms) or bottom (on tops) of a piece.
    Seg(usize),
    /// A back link entering its target's top.
    Entry(usize),
}

/// An end of a link on a step's bottom or top, wanting to be at `desired`.
#[derive(Clone, Copy)]
struct Port {
    step: usize,
    desired: f64,
    tie: f64,
    of: PortOf,
}

/// Ports on every step's bottom and top, and the ends of every piece.
pub(super) fn ports(lay: &mut Layout) {
    let mut ports: Vec<Port> = Vec::new();
    for (si, s) in lay.segs.iter().enumerate() {
        if let ItemOf::Step(step) = lay.items[s.upper].of
            && s.drawn
        {
            let x = lay.items[s.lower].x;
            ports.push(Port { step, desired: x, tie: x, of: PortOf::Seg(si) });
        }
    }
    for (p, x) in spread_all(&mut ports, &lay.nodes) {
        if let PortOf::Seg(si) = p.of {
            lay.segs[si].top_x = x;
        }
    }
    ports.clear();
    for (si, s) in lay.segs.iter().enumerate() {
        if let ItemOf::Step(step) = lay.items[s.lower].of {
            let x = lay.items[s.upper].x;
            ports.push(Port { step, desired: x, tie: x, of: PortOf::Seg(si) });
        }
    }
    for (bi, b) in lay.backs.iter().enumerate() {
        if !b.entry_side {
            let desired = if b.right { f64::MAX } else { f64::MIN };
            ports.push(Port { step: b.to, desired, tie: -(bi as f64), of: PortOf::Entry(bi) });
        }
    }
    for (p, x) in spread_all(&mut ports, &lay.nodes) {
        match p.of {
            PortOf::Seg(si) => lay.segs[si].bottom_x = x,
            PortOf::Entry(bi) => lay.backs[bi].entry_port = x,
        }
    }
    for s in lay.segs.iter_mut() {
        let (upper, lower) = (&lay.items[s.upper], &lay.items[s.lower]);
        // A port that nearly lines up with the point it leads to is lined up with it.
        if upper.is_step() {
            if (s.top_x - lower.x).abs() <= 0.5 {
                s.top_x = lower.x;
            }
        } else {
            s.top_x = upper.x;
        }
        if lower.is_step() {
            if (s.bottom_x - upper.x).abs() <= 0.5 {
                s.bottom_x = upper.x;
            }
        } else {
            s.bottom_x = lower.x;
        }
    }
}

/// Spreads the ports of each step along its side; the port and its x.
fn spread_all(ports: &mut [Port], nodes: &[NodeBox]) -> Vec<(Port, f64)> {
    ports.sort_by(|a, b| a.step.cmp(&b.step).then(cmp_f(a.desired, b.desired)).then(cmp_f(a.tie, b.tie)));
    let mut out = Vec::with_capacity(ports.len());
    let mut xs = Vec::new();
    let mut desired = Vec::new();
    for group in ports.chunk_by(|a, b| a.step == b.step) {
        let g = &nodes[group[0].step];
        desired.clear();
        desired.extend(group.iter().map(|p| p.desired));
        spread(g.cx, g.port_half(), &desired, &mut xs);
        out.extend(group.iter().copied().zip(xs.iter().copied()));
    }
    out
}

/// Spreads ports along `[c - a, c + a]`, each as near its desired x as order and gaps allow.
/// `desired` is sorted; writes the x of each port into `xs`.
fn spread(c: f64, a: f64, desired: &[f64], xs: &mut Vec<f64>) {
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
        let step = 2.0 * a / (k - 1) as f64;
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

/// A lane already placed: its side, the rows it spans and its x.
struct Lane {
    right: bool,
    top: usize,
    bottom: usize,
    x: f64,
}

/// x of every back link's lane: outside every row it passes and beside the lanes it meets,
/// shorter links inside.
pub(super) fn lanes(lay: &mut Layout) {
    let rows = lay.rows.len();
    let mut row_lo = vec![f64::INFINITY; rows];
    let mut row_hi = vec![f64::NEG_INFINITY; rows];
    for item in &lay.items {
        row_lo[item.row] = row_lo[item.row].min(item.x - item.left);
        row_hi[item.row] = row_hi[item.row].max(item.x + item.right);
    }
    let layer = &lay.ranks.layer;
    // The rows each lane passes, from its target's to its exit's.
    let spans: Vec<(usize, usize)> = lay
        .backs
        .iter()
        .map(|b| (2 * layer[b.to], if b.exit_side { 2 * layer[b.from] } else { 2 * layer[b.from] + 1 }))
        .collect();
    let mut order: Vec<usize> = (0..lay.backs.len()).collect();
    order.sort_by_key(|&bi| (spans[bi].1 - spans[bi].0, lay.backs[bi].edge));
    let mut placed: Vec<Lane> = Vec::new();
    for bi in order {
        let (top, bottom) = spans[bi];
        let right = lay.backs[bi].right;
        let outside = |a: f64, b: f64| if right { a.max(b) } else { a.min(b) };
        let mut x = if right { f64::NEG_INFINITY } else { f64::INFINITY };
        for r in top..=bottom {
            x = outside(x, if right { row_hi[r] } else { row_lo[r] });
        }
        x += if right { LANE_GAP } else { -LANE_GAP };
        for lane in &placed {
            if lane.right == right && lane.top <= bottom + 1 && top <= lane.bottom + 1 {
                x = outside(x, lane.x + if right { LANE_STEP } else { -LANE_STEP });
            }
        }
        lay.backs[bi].lane = x;
        placed.push(Lane { right, top, bottom, x });
    }
}

/// Which piece a horizontal run belongs to.
#[derive(Clone, Copy)]
enum RunOf {
    Seg(usize),
    /// From a back link's point to its lane.
    Exit(usize),
    /// From a back link's lane to its target's top.
    Entry(usize),
}

/// A horizontal run in gap `gap`, from `lo` to `hi`, with the x of the lines that reach it from
/// above and go on below (lanes apart). Runs take tracks by `group`, then `key`, which keeps runs
/// of one direction from crossing each other.
#[derive(Clone, Copy)]
struct Run {
    gap: usize,
    group: u8,
    key: f64,
    lo: f64,
    hi: f64,
    above: Option<f64>,
    below: Option<f64>,
    of: RunOf,
}

impl Run {
    fn meets(&self, o: &Run) -> bool {
        self.lo < o.hi + TRACK_CLEAR && o.lo < self.hi + TRACK_CLEAR
    }

    /// Put above `o`, its line going on below would run along `o`'s line from above.
    fn must_go_under(&self, o: &Run) -> bool {
        matches!((self.below, o.above), (Some(a), Some(b)) if (a - b).abs() < LINES_APART)
    }
}

/// Tracks for every horizontal run, gap by gap.
pub(super) fn tracks(lay: &mut Layout) {
    let mut runs: Vec<Run> = Vec::new();
    for (si, s) in lay.segs.iter().enumerate() {
        if s.drawn && s.jogs() {
            let gap = lay.items[s.upper].row + 1;
            let (t, b) = (s.top_x, s.bottom_x);
            let (above, below, of) = (Some(t), Some(b), RunOf::Seg(si));
            // Rightward runs that start further right go higher; leftward ones the other way.
            runs.push(if t < b {
                Run { gap, group: 1, key: -t, lo: t, hi: b, above, below, of }
            } else {
                Run { gap, group: 2, key: t, lo: b, hi: t, above, below, of }
            });
        }
    }
    let layer = &lay.ranks.layer;
    for (bi, b) in lay.backs.iter().enumerate() {
        if !b.exit_side {
            let x = lay.items[b.exit].x;
            let (lo, hi) = (x.min(b.lane), x.max(b.lane));
            let gap = 2 * layer[b.from] + 2;
            let key = (b.lane - x).abs();
            runs.push(Run { gap, group: 0, key, lo, hi, above: Some(x), below: None, of: RunOf::Exit(bi) });
        }
        if !b.entry_side {
            let (lo, hi) = (b.entry_port.min(b.lane), b.entry_port.max(b.lane));
            let gap = 2 * layer[b.to];
            let key = -(b.lane - b.entry_port).abs();
            runs.push(Run { gap, group: 3, key, lo, hi, above: None, below: Some(b.entry_port), of: RunOf::Entry(bi) });
        }
    }
    runs.sort_by(|a, b| a.gap.cmp(&b.gap).then(a.group.cmp(&b.group)).then(cmp_f(a.key, b.key)));
    lay.gaps = vec![Default::default(); lay.rows.len() + 1];
    let mut placed: Vec<(Run, usize)> = Vec::new();
    for gap_runs in runs.chunk_by(|a, b| a.gap == b.gap) {
        placed.clear();
        let mut used = 0;
        for run in put_first_what_must_go_above(gap_runs) {
            // Below every earlier run it meets, never in a hole above one: the order is the one
            // that keeps runs from crossing where they need not.
            let t = placed.iter().filter(|(o, _)| o.meets(&run)).map(|&(_, t)| t + 1).max().unwrap_or(0);
            used = used.max(t + 1);
            placed.push((run, t));
            match run.of {
                RunOf::Seg(si) => lay.segs[si].track = t,
                RunOf::Exit(bi) => lay.backs[bi].exit_track = t,
                RunOf::Entry(bi) => lay.backs[bi].entry_track = t,
            }
        }
        lay.gaps[gap_runs[0].gap].tracks = used;
    }
}

/// The runs of one gap in track order: sorted, except that a run whose line from above is where an
/// earlier run's line goes on below moves before it (else the two lines would run along each
/// other between the tracks). A few passes, each quadratic in the runs; such pairs are rare.
fn put_first_what_must_go_above(runs: &[Run]) -> Vec<Run> {
    const PASSES: usize = 4;
    let mut order: Vec<Run> = runs.to_vec();
    for _ in 0..PASSES {
        let mut changed = false;
        for i in 0..order.len() {
            let run = order[i];
            let must_go_above = |o: &Run| o.meets(&run) && o.must_go_under(&run) && !run.must_go_under(o);
            if let Some(j) = order[..i].iter().position(must_go_above) {
                order.remove(i);
                order.insert(j, run);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    order
}

/// A back link's end on a step's side.
struct SidePort {
    step: usize,
    right: bool,
    /// Exits above entries.
    entry: bool,
    key: f64,
    back: usize,
}

/// Offsets of the side ports: exits on top (nearest lane first), entries below (farthest first).
pub(super) fn side_ports(lay: &mut Layout) {
    let mut side: Vec<SidePort> = Vec::new();
    for (bi, b) in lay.backs.iter().enumerate() {
        let dist = |v: usize| (b.lane - lay.nodes[v].cx).abs();
        if b.exit_side {
            side.push(SidePort { step: b.from, right: b.right, entry: false, key: dist(b.from), back: bi });
        }
        if b.entry_side {
            side.push(SidePort { step: b.to, right: b.right, entry: true, key: -dist(b.to), back: bi });
        }
    }
    side.sort_by(|a, b| {
        (a.step, a.right, a.entry).cmp(&(b.step, b.right, b.entry)).then(cmp_f(a.key, b.key)).then(a.back.cmp(&b.back))
    });
    for group in side.chunk_by(|a, b| a.step == b.step && a.right == b.right) {
        let k = group.len();
        let range = lay.nodes[group[0].step].side_half();
        let step = if k > 1 { SIDE_PORT_GAP.min(2.0 * range / (k - 1) as f64) } else { 0.0 };
        for (q, s) in group.iter().enumerate() {
            let dy = (q as f64 - (k - 1) as f64 / 2.0) * step;
            let b = &mut lay.backs[s.back];
            if s.entry { b.entry_dy = dy } else { b.exit_dy = dy }
        }
    }
}

/// The polyline of every link, in edge order.
pub(super) fn paths(lay: &mut Layout) {
    let track_y = |gap: usize, t: usize| lay.gaps[gap].track_top + TRACK_GAP * (t as f64 + 0.5);
    let mut edges: Vec<DrawnEdge> = Vec::with_capacity(lay.fwds.len() + lay.backs.len() + lay.ranks.loops.len());
    for f in &lay.fwds {
        let segs = &lay.segs[f.first_seg..f.end_seg];
        let first = segs[0].top_x;
        let last = segs[segs.len() - 1].bottom_x;
        let mut points = vec![(first, lay.nodes[f.from].boundary_y(first, false))];
        for s in segs {
            if s.jogs() {
                let y = track_y(lay.items[s.upper].row + 1, s.track);
                points.push((s.top_x, y));
                points.push((s.bottom_x, y));
            }
        }
        points.push((last, lay.nodes[f.to].boundary_y(last, true)));
        edges.push(DrawnEdge { edge: f.edge, back: false, points });
    }
    for b in &lay.backs {
        let (from, to) = (&lay.nodes[b.from], &lay.nodes[b.to]);
        let mut points = Vec::with_capacity(8);
        if b.exit_side {
            let y = from.cy + b.exit_dy;
            points.push((from.boundary_x(b.exit_dy, b.right), y));
            points.push((b.lane, y));
        } else {
            let s = &lay.segs[b.exit_seg];
            points.push((s.top_x, from.boundary_y(s.top_x, false)));
            if s.jogs() {
                let y = track_y(lay.items[s.upper].row + 1, s.track);
                points.push((s.top_x, y));
                points.push((s.bottom_x, y));
            }
            let y = track_y(lay.items[b.exit].row + 1, b.exit_track);
            points.push((s.bottom_x, y));
            points.push((b.lane, y));
        }
        if b.entry_side {
            let y = to.cy + b.entry_dy;
            points.push((b.lane, y));
            points.push((to.boundary_x(b.entry_dy, b.right), y));
        } else {
            let y = track_y(2 * lay.ranks.layer[b.to], b.entry_track);
            points.push((b.lane, y));
            points.push((b.entry_port, y));
            points.push((b.entry_port, to.boundary_y(b.entry_port, true)));
        }
        edges.push(DrawnEdge { edge: b.edge, back: true, points });
    }
    let mut seen = vec![0usize; lay.nodes.len()];
    for &e in &lay.ranks.loops {
        let step = lay.ends[e].0;
        let g = &lay.nodes[step];
        let k = seen[step];
        seen[step] += 1;
        // Nested, each one 5 px wider than the last, or spread evenly when the side is short.
        let (range, count) = (g.side_half().max(4.0), lay.loops[step].count);
        let dy = if 6.0 + 5.0 * (count - 1) as f64 <= range {
            6.0 + 5.0 * k as f64
        } else {
            range * (k + 1) as f64 / count as f64
        };
        let x = g.right() + LOOP_OUT + LOOP_STEP * k as f64;
        let points = vec![
            (g.boundary_x(dy, true), g.cy + dy),
            (x, g.cy + dy),
            (x, g.cy - dy),
            (g.boundary_x(-dy, true), g.cy - dy),
        ];
        edges.push(DrawnEdge { edge: e, back: true, points });
    }
    edges.sort_by_key(|e| e.edge);
    lay.edges = edges;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_keep_their_order_and_gaps_inside_the_side() {
        let mut xs = Vec::new();
        spread(0.0, 30.0, &[-100.0, 0.0, 100.0], &mut xs);
        assert_eq!(xs, [-30.0, 0.0, 30.0]);
        spread(0.0, 30.0, &[5.0, 6.0], &mut xs);
        assert_eq!(xs, [5.0, 19.0]);
        // More than fit: evenly spread over the whole side.
        spread(0.0, 10.0, &[0.0, 0.0, 0.0], &mut xs);
        assert_eq!(xs, [-10.0, 0.0, 10.0]);
        // One port may stand a little past the side to keep its line straight.
        spread(0.0, 30.0, &[33.0], &mut xs);
        assert_eq!(xs, [33.0]);
    }

    fn run(group: u8, above: f64, below: f64) -> Run {
        let (lo, hi) = (above.min(below), above.max(below));
        let key = if group == 1 { -above } else { above };
        Run { gap: 1, group, key, lo, hi, above: Some(above), below: Some(below), of: RunOf::Seg(0) }
    }

    #[test]
    fn a_run_goes_above_one_whose_line_below_would_run_along_its_line_from_above() {
        // Rightward 0 → 50 sorts first, but its line down at 50 would run along the line that
        // comes down at 50 to the leftward run 50 → 10, so that one goes first.
        let runs = [run(1, 0.0, 50.0), run(2, 50.0, 10.0)];
        let order = put_first_what_must_go_above(&runs);
        assert_eq!(order.iter().map(|r| r.above).collect::<Vec<_>>(), [Some(50.0), Some(0.0)]);
        // Lines apart: the sort order stands.
        let runs = [run(1, 0.0, 40.0), run(2, 50.0, 10.0)];
        assert_eq!(put_first_what_must_go_above(&runs)[0].above, Some(0.0));
    }
}
