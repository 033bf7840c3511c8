//! Ordering: the rows of the drawing and the order of the items in each.
//!
//! Layer `l` of steps is row `2l`; row `2l + 1` below it holds the first point of every link that
//! leaves the layer, which carries the link's answer label. Labels so take room in a row as steps
//! do, and no other line passes through one. A link that spans more layers gets a point in every
//! row it crosses (virtual nodes), so long links get room of their own; a back link gets one point,
//! under its step, where it turns towards its lane.
//!
//! Items are ordered by barycenter sweeps, ties in reading order, keeping the order with the
//! fewest crossings (counted with a Fenwick tree): O(sweeps × (items + pieces) log items).

use super::layout::{Back, Fwd, Item, ItemOf, Layout, Seg, cmp_f};
use super::rank::Csr;
use super::route::loops_room;

/// Half the width of a link point without a label.
pub(super) const POINT_HALF: f64 = 2.0;
const SWEEPS: usize = 8;
/// Past this many items, fewer sweeps: each costs a sort of every row.
const MANY_ITEMS: usize = 3000;

/// Makes the items: the steps, then the points of every link, and the pieces between them.
pub(super) fn items(lay: &mut Layout) {
    let ranks = &lay.ranks;
    let layer = &ranks.layer;
    for (v, g) in lay.nodes.iter().enumerate() {
        let half = g.w / 2.0;
        let loops = &lay.loops[v];
        let mut right = half;
        if loops.count > 0 {
            right += loops_room(loops);
        }
        let tie = ranks.key(v) as f64;
        lay.items.push(Item { of: ItemOf::Step(v), row: 2 * layer[v], left: half, right, tie, pos: 0, x: 0.0 });
    }
    for &edge in &ranks.links {
        let (from, to) = lay.ends[edge];
        let label_half = lay.label_sizes[edge].as_ref().map(|s| s.w / 2.0);
        let tie = ranks.key(from) as f64 + 0.5;
        let mut point = |row: usize, label: bool, tie: f64| {
            let half = if label { label_half.unwrap_or(POINT_HALF).max(POINT_HALF) } else { POINT_HALF };
            let of = ItemOf::Link { edge, label };
            lay.items.push(Item { of, row, left: half, right: half, tie, pos: 0, x: 0.0 });
            lay.items.len() - 1
        };
        let seg = |upper: usize, lower: usize| Seg { upper, lower, top_x: 0.0, bottom_x: 0.0, track: 0, drawn: true };
        if ranks.back[edge] {
            // After the forward links of the same step: towards the outside.
            let exit = point(2 * layer[from] + 1, label_half.is_some(), tie + 0.25);
            lay.segs.push(seg(from, exit));
            lay.backs.push(Back {
                edge,
                from,
                to,
                exit,
                exit_seg: lay.segs.len() - 1,
                right: true,
                exit_side: false,
                entry_side: false,
                lane: 0.0,
                entry_port: 0.0,
                exit_dy: 0.0,
                entry_dy: 0.0,
                exit_track: 0,
                entry_track: 0,
            });
            continue;
        }
        let first_seg = lay.segs.len();
        let mut upper = from;
        for row in 2 * layer[from] + 1..2 * layer[to] {
            let item = point(row, row == 2 * layer[from] + 1 && label_half.is_some(), tie);
            lay.segs.push(seg(upper, item));
            upper = item;
        }
        lay.segs.push(seg(upper, to));
        lay.fwds.push(Fwd { edge, from, to, first_seg, end_seg: lay.segs.len() });
    }
    lay.rows = vec![Vec::new(); 2 * ranks.layer_count];
    for (i, item) in lay.items.iter().enumerate() {
        lay.rows[item.row].push(i);
    }
    let m = lay.items.len();
    lay.below = Csr::new(m, lay.segs.iter().map(|s| (s.upper, s.lower)));
    lay.above = Csr::new(m, lay.segs.iter().map(|s| (s.lower, s.upper)));
}

/// Orders the items of every row.
pub(super) fn order(lay: &mut Layout) {
    let m = lay.items.len();
    let (down, up) = (&lay.below, &lay.above);
    let below = |v: usize| down.of(v);
    let above = |v: usize| up.of(v);
    let items = &lay.items;
    let rows = &mut lay.rows;
    let mut pos = vec![0usize; m];
    let mut keys: Vec<(f64, f64, usize)> = Vec::new();
    // First pass, top-down: each item under the mean of the items above it.
    for (r, row) in rows.iter_mut().enumerate() {
        keys.clear();
        for &v in row.iter() {
            let bc = if r == 0 { 0.0 } else { mean_pos(above(v), &pos).unwrap_or(f64::INFINITY) };
            keys.push((bc, items[v].tie, v));
        }
        sort_keys(&mut keys);
        for (j, k) in keys.iter().enumerate() {
            row[j] = k.2;
            pos[k.2] = j;
        }
    }
    let mut counter = Crossings::new(rows);
    let mut best_crossings = counter.count(rows, &pos, &below);
    if best_crossings > 0 && rows.len() > 1 {
        let mut best = rows.clone();
        let sweeps = if m > MANY_ITEMS { SWEEPS / 2 } else { SWEEPS };
        for sweep in 0..sweeps {
            let downward = sweep % 2 == 1;
            let order: Vec<usize> =
                if downward { (1..rows.len()).collect() } else { (0..rows.len() - 1).rev().collect() };
            for r in order {
                keys.clear();
                for &v in &rows[r] {
                    let near = if downward { above(v) } else { below(v) };
                    let bc = mean_pos(near, &pos).unwrap_or(pos[v] as f64);
                    keys.push((bc, pos[v] as f64, v));
                }
                sort_keys(&mut keys);
                for (j, k) in keys.iter().enumerate() {
                    rows[r][j] = k.2;
                    pos[k.2] = j;
                }
            }
            if m <= MANY_ITEMS {
                transpose(rows, &mut pos, &above, &below);
            }
            let c = counter.count(rows, &pos, &below);
            if c < best_crossings {
                best_crossings = c;
                best.clone_from(rows);
                if c == 0 {
                    break;
                }
            }
        }
        *rows = best;
    }
    for row in rows.iter() {
        for (j, &v) in row.iter().enumerate() {
            lay.items[v].pos = j;
        }
    }
}

/// Swaps neighbours in a row while that removes crossings with the rows above and below (dot's
/// "transpose"): a few passes, each O(Σ degree(u) × degree(v)) over neighbours u, v.
fn transpose<'a>(
    rows: &mut [Vec<usize>],
    pos: &mut [usize],
    above: &impl Fn(usize) -> &'a [usize],
    below: &impl Fn(usize) -> &'a [usize],
) {
    const PASSES: usize = 4;
    // Crossings between the lines of u and those of v, u on the left.
    let sides: [&dyn Fn(usize) -> &'a [usize]; 2] = [above, below];
    let crossings = |u: usize, v: usize, pos: &[usize]| {
        let mut c = 0;
        for near in sides {
            for &a in near(u) {
                c += near(v).iter().filter(|&&b| pos[a] > pos[b]).count();
            }
        }
        c
    };
    for _ in 0..PASSES {
        let mut improved = false;
        for row in rows.iter_mut() {
            for j in 1..row.len() {
                let (u, v) = (row[j - 1], row[j]);
                if crossings(v, u, pos) < crossings(u, v, pos) {
                    row.swap(j - 1, j);
                    pos[u] = j;
                    pos[v] = j - 1;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn mean_pos(near: &[usize], pos: &[usize]) -> Option<f64> {
    if near.is_empty() { None } else { Some(near.iter().map(|&u| pos[u] as f64).sum::<f64>() / near.len() as f64) }
}

fn sort_keys(keys: &mut [(f64, f64, usize)]) {
    keys.sort_by(|a, b| cmp_f(a.0, b.0).then(cmp_f(a.1, b.1)).then(a.2.cmp(&b.2)));
}

/// Counts crossings between consecutive rows as inversions, with a Fenwick tree.
struct Crossings {
    tree: Vec<usize>,
    lower: Vec<usize>,
}

impl Crossings {
    fn new(rows: &[Vec<usize>]) -> Crossings {
        let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
        Crossings { tree: vec![0; widest + 1], lower: Vec::new() }
    }

    fn count<'a>(&mut self, rows: &[Vec<usize>], pos: &[usize], below: &impl Fn(usize) -> &'a [usize]) -> usize {
        let mut total = 0;
        for r in 0..rows.len().saturating_sub(1) {
            self.lower.clear();
            for &u in &rows[r] {
                let first = self.lower.len();
                self.lower.extend(below(u).iter().map(|&v| pos[v]));
                self.lower[first..].sort_unstable();
            }
            let size = rows[r + 1].len();
            self.tree[..=size].fill(0);
            // For each lower end, how many earlier ones lie right of it.
            for (seen, &p) in self.lower.iter().enumerate() {
                let mut at_most = 0;
                let mut i = p + 1;
                while i > 0 {
                    at_most += self.tree[i];
                    i &= i - 1;
                }
                total += seen - at_most;
                let mut i = p + 1;
                while i <= size {
                    self.tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::{Chart, Edge, Node, NodeKind};
    use super::*;

    fn chart(n: usize, edges: &[(usize, usize, Option<&str>)]) -> Chart {
        Chart {
            title: String::new(),
            description: String::new(),
            nodes: (0..n)
                .map(|i| Node {
                    id: format!("p{i}"),
                    number: i + 1,
                    kind: NodeKind::Action,
                    label: "Passo".into(),
                    link_label: String::new(),
                })
                .collect(),
            edges: edges.iter().map(|&(from, to, label)| Edge { from, to, label: label.map(String::from) }).collect(),
            start: 0,
        }
    }

    #[test]
    fn every_link_gets_a_point_in_each_row_it_crosses_and_the_first_carries_its_label() {
        // 0 → 1 → 2 and a long 0 → 2 "Pular"; 2 → 0 goes back.
        let lay = layout(&chart(3, &[(0, 1, None), (1, 2, None), (0, 2, Some("Pular")), (2, 0, Some("De novo"))]));
        assert_eq!(lay.rows.len(), 6);
        let long = lay.fwds.iter().find(|f| f.edge == 2).unwrap();
        // Rows 1, 2 and 3: three points, four pieces.
        assert_eq!(long.end_seg - long.first_seg, 4);
        let first = lay.segs[long.first_seg].lower;
        assert_eq!(lay.items[first].of, ItemOf::Link { edge: 2, label: true });
        assert_eq!(lay.items[first].row, 1);
        assert!(lay.items[first].left > 10.0, "the label's room");
        let back = &lay.backs[0];
        assert_eq!((back.edge, lay.items[back.exit].row), (3, 5));
        assert_eq!(lay.items[back.exit].of, ItemOf::Link { edge: 3, label: true });
    }

    #[test]
    fn children_go_under_their_parents_before_file_order() {
        // 0 → 1, 0 → 2, then 1 → 4 and 2 → 3: 3 comes first in the file but its parent is on the
        // right, so it goes right.
        let lay = layout(&chart(5, &[(0, 1, None), (0, 2, None), (1, 4, None), (2, 3, None)]));
        let x = |v: usize| lay.items[v].x;
        assert!(x(1) < x(2) && x(4) < x(3));
    }
}
