//! Ranking: which links are drawn upward (cycle breaking) and the layer of every step.
//!
//! A link is a *back link*, drawn upward, when it closes a cycle and points back in the reading
//! order (the start first, then file order): inside a strongly connected component the file
//! order is how the editor reads the loop, so a link to an earlier step is the way back. Links
//! between components close no cycle and always point down, whatever the file says. Links into
//! the start are back links too, so the start stays on top.
//!
//! Layers follow a topological order that takes the earliest step in reading order first; a step
//! goes one layer below its lowest predecessor, and never above the step taken before it, so the
//! chart reads top-down in file order wherever the links allow it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::unionfind::UnionFind;

/// The links sorted by how they are drawn, and the layer of every step.
#[derive(Debug)]
pub(super) struct Ranks {
    /// Index of the start (the first step when the chart's is out of range).
    pub start: usize,
    /// Links between two steps, in input order (in range, not self-loops).
    pub links: Vec<usize>,
    /// Self-loops, in input order.
    pub loops: Vec<usize>,
    /// By edge: drawn upward.
    pub back: Vec<bool>,
    /// By step.
    pub layer: Vec<usize>,
    pub layer_count: usize,
}

impl Ranks {
    /// Reading order of step `v`: the start first, then the file.
    pub fn key(&self, v: usize) -> usize {
        reading_key(self.start, v)
    }
}

fn reading_key(start: usize, v: usize) -> usize {
    if v == start { 0 } else { v + 1 }
}

/// Ranks `n` steps linked by `pairs` (from, to), from `start`. Links out of range are left out.
/// O((n + m) log n) for n steps and m links.
pub(super) fn rank(n: usize, start: usize, pairs: &[(usize, usize)]) -> Ranks {
    let start = if start < n { start } else { 0 };
    let mut links = Vec::new();
    let mut loops = Vec::new();
    for (e, &(from, to)) in pairs.iter().enumerate() {
        if from < n && to < n {
            if from == to { loops.push(e) } else { links.push(e) }
        }
    }
    let back = back_links(n, start, pairs, &links);
    let layer = layers(n, start, pairs, &links, &back);
    let layer_count = layer.iter().max().map_or(0, |&l| l + 1);
    Ranks { start, links, loops, back, layer, layer_count }
}

/// By edge: whether the link closes a cycle going back in reading order, or enters the start.
fn back_links(n: usize, start: usize, pairs: &[(usize, usize)], links: &[usize]) -> Vec<bool> {
    let component = components(&Csr::new(n, links.iter().map(|&e| pairs[e])));
    let mut back = vec![false; pairs.len()];
    for &e in links {
        let (from, to) = pairs[e];
        let closes_cycle = component[from] == component[to];
        back[e] = to == start || (closes_cycle && reading_key(start, to) < reading_key(start, from));
    }
    back
}

/// The strongly connected component of every step (Tarjan's, iterative): only which steps share
/// one matters. Not petgraph's `TarjanScc`: it recurses once per step on the path and overflows
/// the stack on a 20,000-step chain (`lint`'s `dense-chart` ranks every procedure).
fn components(next: &Csr) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = next.len();
    let mut index = vec![NONE; n];
    let mut low = vec![0; n];
    let mut component = vec![NONE; n];
    let mut open = Vec::new();
    // The depth-first path: each step with how many of its links it has followed.
    let mut path: Vec<(usize, usize)> = Vec::new();
    let (mut visited, mut found) = (0, 0);
    for root in 0..n {
        if index[root] != NONE {
            continue;
        }
        index[root] = visited;
        low[root] = visited;
        visited += 1;
        open.push(root);
        path.push((root, 0));
        while let Some(top) = path.last_mut() {
            let v = top.0;
            if let Some(&w) = next.of(v).get(top.1) {
                top.1 += 1;
                if index[w] == NONE {
                    index[w] = visited;
                    low[w] = visited;
                    visited += 1;
                    open.push(w);
                    path.push((w, 0));
                } else if component[w] == NONE {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            path.pop();
            if let Some(&(u, _)) = path.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = open.pop() {
                    component[w] = found;
                    if w == v {
                        break;
                    }
                }
                found += 1;
            }
        }
    }
    component
}

/// Layers over the links as drawn (back links reversed, which leaves no cycle): Kahn's
/// topological sort with a heap that takes the earliest ready step in reading order (petgraph's
/// `toposort` follows its own depth-first order, not the file's).
fn layers(n: usize, start: usize, pairs: &[(usize, usize)], links: &[usize], back: &[bool]) -> Vec<usize> {
    let down = || {
        links.iter().map(|&e| {
            let (from, to) = pairs[e];
            if back[e] { (to, from) } else { (from, to) }
        })
    };
    let next = Csr::new(n, down());
    let mut indegree = vec![0usize; n];
    for (_, to) in down() {
        indegree[to] += 1;
    }
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> =
        (0..n).filter(|&v| indegree[v] == 0).map(|v| Reverse((reading_key(start, v), v))).collect();
    let mut layer = vec![0usize; n];
    let mut floor = 0;
    while let Some(Reverse((_, u))) = ready.pop() {
        layer[u] = layer[u].max(floor);
        floor = layer[u];
        for &v in next.of(u) {
            layer[v] = layer[v].max(layer[u] + 1);
            indegree[v] -= 1;
            if indegree[v] == 0 {
                ready.push(Reverse((reading_key(start, v), v)));
            }
        }
    }
    layer
}

/// Compressed adjacency: the values of key `k` are `list[off[k]..off[k + 1]]`, in input order.
#[derive(Debug, Default)]
pub(super) struct Csr {
    off: Vec<usize>,
    list: Vec<usize>,
}

impl Csr {
    /// The adjacency of keys `0..n` from (key, value) `pairs`, walked twice.
    pub fn new(n: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Csr {
        let mut off = vec![0usize; n + 1];
        for (k, _) in pairs.clone() {
            off[k + 1] += 1;
        }
        for k in 0..n {
            off[k + 1] += off[k];
        }
        let mut fill = off.clone();
        let mut list = vec![0usize; off[n]];
        for (k, v) in pairs {
            list[fill[k]] = v;
            fill[k] += 1;
        }
        Csr { off, list }
    }

    /// The values of key `k`.
    pub fn of(&self, k: usize) -> &[usize] {
        &self.list[self.off[k]..self.off[k + 1]]
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.off.len().saturating_sub(1)
    }
}

/// One connected part of the graph: where it starts in reading order, its size and layers.
#[derive(Clone, Copy)]
struct Part {
    first: usize,
    size: usize,
    top: usize,
    bottom: usize,
}

/// Steps not connected to the start's part of the graph (broken procedures) go below it rather
/// than beside it, so the chart stays narrow: each connected part under the previous one, in
/// reading order, and lone steps a few to a row at the bottom.
pub(super) fn stack_parts(ranks: &mut Ranks, pairs: &[(usize, usize)]) {
    const LONE_PER_ROW: usize = 3;
    let n = ranks.layer.len();
    let mut sets = UnionFind::<usize>::new(n);
    for &e in &ranks.links {
        sets.union(pairs[e].0, pairs[e].1);
    }
    let root = sets.into_labeling();
    let empty = Part { first: usize::MAX, size: 0, top: usize::MAX, bottom: 0 };
    let mut parts = vec![empty; n];
    for v in 0..n {
        let part = &mut parts[root[v]];
        part.first = part.first.min(ranks.key(v));
        part.size += 1;
        part.top = part.top.min(ranks.layer[v]);
        part.bottom = part.bottom.max(ranks.layer[v]);
    }
    let mut roots: Vec<usize> = (0..n).filter(|&v| root[v] == v).collect();
    if roots.len() < 2 {
        return;
    }
    // The start's key is 0, so its part comes first.
    roots.sort_by_key(|&r| parts[r].first);
    let mut offset = vec![0usize; n];
    let mut next = 0;
    let mut lone = Vec::new();
    for (k, &r) in roots.iter().enumerate() {
        if k > 0 && parts[r].size == 1 {
            lone.push(r);
            continue;
        }
        offset[r] = next;
        next += parts[r].bottom - parts[r].top + 1;
    }
    for (k, &r) in lone.iter().enumerate() {
        offset[r] = next + k / LONE_PER_ROW;
    }
    for (layer, &r) in ranks.layer.iter_mut().zip(&root) {
        *layer = offset[r] + *layer - parts[r].top;
    }
    ranks.layer_count = ranks.layer.iter().max().map_or(0, |&l| l + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backs(r: &Ranks, pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
        (0..pairs.len()).filter(|&e| r.back[e]).map(|e| pairs[e]).collect()
    }

    #[test]
    fn a_chain_and_a_loop_far_deeper_than_the_stack_are_ranked() {
        let n = 200_000;
        let mut pairs: Vec<(usize, usize)> = (1..n).map(|v| (v - 1, v)).collect();
        let r = rank(n, 0, &pairs);
        assert_eq!(r.layer_count, n);
        pairs.push((n - 1, 0));
        let r = rank(n, 0, &pairs);
        assert_eq!(backs(&r, &pairs), [(n - 1, 0)]);
    }

    #[test]
    fn a_loop_goes_back_in_file_order_and_the_rest_reads_down() {
        // The shape: 0 → 3 ("Sim") and 0 → 1 → 2 → 3, with 3 → 2 ("outra porta").
        let pairs = [(0, 3), (0, 1), (1, 2), (2, 3), (3, 5), (3, 2), (3, 4), (4, 5), (4, 6)];
        let r = rank(7, 0, &pairs);
        assert_eq!(backs(&r, &pairs), [(3, 2)]);
        assert_eq!(r.layer, [0, 1, 2, 3, 4, 5, 5]);
    }

    #[test]
    fn a_link_back_in_the_file_outside_a_cycle_points_down() {
        // 0 → 2 → 1: no cycle, so nothing is drawn upward; 1 goes below 2.
        let pairs = [(0, 2), (2, 1)];
        let r = rank(3, 0, &pairs);
        assert!(r.back.iter().all(|&b| !b));
        assert_eq!(r.layer, [0, 2, 1]);
    }

    #[test]
    fn links_into_the_start_go_back_and_the_start_is_on_top() {
        let pairs = [(1, 2), (2, 1), (2, 0), (0, 2)];
        let r = rank(3, 2, &pairs);
        assert_eq!(r.start, 2);
        assert_eq!(r.key(2), 0);
        assert_eq!(backs(&r, &pairs), [(1, 2), (0, 2)]);
        assert_eq!(r.layer[2], 0);
        assert!(r.layer[0] > 0 && r.layer[1] > 0);
    }

    #[test]
    fn siblings_share_a_layer_and_a_later_branch_waits_for_the_earlier_one() {
        // A fan: every answer on one row.
        let fan: Vec<(usize, usize)> = (1..5).map(|j| (0, j)).collect();
        assert_eq!(rank(5, 0, &fan).layer, [0, 1, 1, 1, 1]);
        // 0 → 1 → 2 and 0 → 3 → 4 written one after the other: 3 is not drawn above 2.
        let r = rank(5, 0, &[(0, 1), (1, 2), (0, 3), (3, 4)]);
        assert_eq!(r.layer, [0, 1, 2, 2, 3]);
    }

    #[test]
    fn self_loops_and_links_out_of_range_are_set_apart() {
        let pairs = [(0, 0), (0, 9), (9, 0), (0, 1)];
        let r = rank(2, 7, &pairs);
        assert_eq!((r.start, r.links.clone(), r.loops.clone()), (0, vec![3], vec![0]));
        assert_eq!(r.layer, [0, 1]);
    }

    #[test]
    fn parts_not_linked_to_the_start_are_stacked_below() {
        // 0 → 1, then 2 → 3 on its own, then two lone steps.
        let pairs = [(0, 1), (2, 3)];
        let mut r = rank(6, 0, &pairs);
        assert_eq!(r.layer, [0, 1, 1, 2, 2, 2]);
        stack_parts(&mut r, &pairs);
        assert_eq!(r.layer, [0, 1, 2, 3, 4, 4]);
        assert_eq!(r.layer_count, 5);
    }
}
