//! The layout: where every node, edge and label goes.

use super::Chart;
use super::measure::{LABEL_LINE_H, LabelSize, NodeBox, measure, measure_label};

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
const ORDER_SWEEPS: usize = 8;
const PLACE_SWEEPS: usize = 8;

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

#[derive(Debug)]
pub(super) struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<DrawnEdge>,
    pub labels: Vec<DrawnLabel>,
    /// Label sizes by edge index.
    pub label_sizes: Vec<Option<LabelSize>>,
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
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
fn stack_components(n: usize, plain: &[usize], chart: &Chart, rank: &[usize], layer: &mut [usize]) {
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

pub(super) fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Phases 1 and 2: depth-first ranks, back edges and layers. `pairs` holds every edge as
/// (from, to); `plain` the drawable ones that are not self-loops.
pub(super) struct Layering {
    pub rank: Vec<usize>,
    pub is_back: Vec<bool>,
    pub layer: Vec<usize>,
}

pub(super) fn layering(n: usize, start: usize, pairs: &[(usize, usize)], plain: &[usize]) -> Layering {
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

pub(super) fn layout(chart: &Chart) -> Layout {
    let n = chart.nodes.len();
    let start = if chart.start < n { chart.start } else { 0 };
    let mut geo: Vec<NodeBox> = chart.nodes.iter().map(measure).collect();
    let label_sizes: Vec<Option<LabelSize>> = chart.edges.iter().map(|e| measure_label(e.label.as_deref())).collect();

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
                      geo: &[NodeBox],
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
