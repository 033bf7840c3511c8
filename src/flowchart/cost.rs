//! Cost: the layout takes O(s log s) time for s steps, links and virtual nodes, except in three
//! places, counted here before they are paid: the virtual nodes of long links (a dense graph has
//! cubically many), the lanes of back links (quadratic in their number) and the tracks of one gap
//! (quadratic in the links leaving a row, plus the long links passing it, which the virtual nodes
//! count). Over a limit, the chart is simplified.

use super::rank::{Ranks, rank};
use super::{Chart, Edge};

/// Most virtual nodes (layers crossed by long links) a chart may lay out. The largest real
/// procedures have fewer than 10; a complete graph of 300 steps has 4.5 million.
pub const BUDGET: usize = 5_000;

/// Most links drawn upward (back links); their lanes cost the square of their number.
pub const MAX_BACK_LINKS: usize = 500;

/// Most links leaving one layer; their horizontal runs are set on tracks against each other.
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
            Some(crate::t!("dense-chart-why-layers", count = self.virtual_nodes, budget = BUDGET))
        } else if self.back_links > MAX_BACK_LINKS {
            Some(crate::t!("dense-chart-why-back", count = self.back_links, budget = MAX_BACK_LINKS))
        } else if self.widest_channel > MAX_CHANNEL {
            Some(crate::t!("dense-chart-why-row", count = self.widest_channel, budget = MAX_CHANNEL))
        } else {
            None
        }
    }
}

/// The cost of `n` steps linked by `pairs` (from, to), from `start`, with the layers the layout
/// would use: O((n + m) log n) for m links, like the ranking it runs. Out-of-range links are
/// ignored, as the layout does.
pub fn cost(n: usize, start: usize, pairs: &[(usize, usize)]) -> Cost {
    of_ranks(n, pairs, &rank(n, start, pairs))
}

/// [`cost`] from the ranks the layout will use.
pub(super) fn of_ranks(n: usize, pairs: &[(usize, usize)], ranks: &Ranks) -> Cost {
    let mut cost = Cost {
        steps: n,
        links: ranks.links.len() + ranks.loops.len(),
        virtual_nodes: 0,
        back_links: 0,
        widest_channel: 0,
    };
    let mut leaving = vec![0usize; ranks.layer_count];
    for &e in &ranks.links {
        let (from, to) = pairs[e];
        if ranks.back[e] {
            cost.back_links += 1;
            continue;
        }
        let span = ranks.layer[to] - ranks.layer[from];
        cost.virtual_nodes = cost.virtual_nodes.saturating_add(span - 1);
        leaving[ranks.layer[from]] += 1;
    }
    cost.widest_channel = leaving.into_iter().max().unwrap_or(0);
    cost
}

fn chart_cost(chart: &Chart) -> Cost {
    let pairs: Vec<(usize, usize)> = chart.edges.iter().map(|e| (e.from, e.to)).collect();
    cost(chart.nodes.len(), chart.start, &pairs)
}

/// Whether the chart is over the budget and is drawn simplified: only the links from each step to
/// the next one in file order.
pub fn is_dense(chart: &Chart) -> bool {
    chart_cost(chart).over_budget()
}

/// The chart with only the links from a step to the next one in file order: the steps in one
/// column, in step order, with no long links, so its cost is linear.
pub(super) fn simplified(chart: &Chart) -> Chart {
    let mut edges: Vec<Edge> = chart.edges.iter().filter(|e| e.to == e.from + 1).cloned().collect();
    // One link per pair: repeated answers to the same step would each be drawn.
    edges.dedup_by(|a, b| a.from == b.from && a.to == b.to);
    Chart {
        title: chart.title.clone(),
        description: chart.description.clone(),
        nodes: chart.nodes.clone(),
        edges,
        start: chart.start,
    }
}

/// Adversarial graphs: what is laid out always stays within the budget, so its work is bounded,
/// and the drawing is small. Their time and memory are measured, not asserted here: the
/// `chart_*` benchmarks of `benches/pipeline.rs`, and the figures of `book/desempenho.md`.
#[cfg(test)]
mod bounded {
    use super::*;
    use crate::flowchart::{Node, NodeKind, render};

    const MAX_SVG: usize = 20 << 20;

    /// `n` steps; a decision at each of the first `decisions` leads to every later step.
    fn graph(n: usize, edges: Vec<(usize, usize)>) -> Chart {
        Chart {
            title: "Fluxograma: denso".into(),
            description: "denso".into(),
            nodes: (0..n)
                .map(|i| Node {
                    id: "p".into(),
                    number: i + 1,
                    kind: NodeKind::Decision,
                    label: "Decisão".into(),
                    link_label: "Passo".into(),
                })
                .collect(),
            edges: edges
                .into_iter()
                .map(|(from, to)| Edge { from, to, label: Some("Ir para o passo".into()) })
                .collect(),
            start: 0,
        }
    }

    fn complete(n: usize) -> Chart {
        graph(n, (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect())
    }

    fn assert_bounded(name: &str, chart: &Chart) {
        let laid_out = if is_dense(chart) { chart_cost(&simplified(chart)) } else { chart_cost(chart) };
        assert!(!laid_out.over_budget(), "{name}: {laid_out:?}");
        let svg = render(chart);
        assert!(svg.len() < MAX_SVG, "{name}: SVG of {} bytes", svg.len());
    }

    #[test]
    fn complete_graphs_are_simplified_within_the_budget() {
        for n in [150, 300, 400] {
            let chart = complete(n);
            assert!(is_dense(&chart), "{n}");
            assert_bounded(&format!("complete {n}"), &chart);
            assert_eq!(super::super::draw(&chart).dropped, n * (n - 1) / 2 - (n - 1));
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
    fn long_links_up_to_the_budget_are_drawn_in_full() {
        // 0 → 1 → … → 5, then 900 answers of step 5, each also reached straight from 0: 900 long
        // links through every gap, 4,500 virtual nodes, their runs set against each other.
        let mut links: Vec<(usize, usize)> = (0..5).map(|i| (i, i + 1)).collect();
        links.extend((6..906).flat_map(|j| [(5, j), (0, j)]));
        let chart = graph(906, links);
        let cost = chart_cost(&chart);
        assert_eq!((cost.virtual_nodes, cost.widest_channel), (4500, 901));
        assert!(!is_dense(&chart));
        assert_bounded("900 long links", &chart);
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
        assert!(cost(MAX_CHANNEL + 2, 0, &fan).why().is_some_and(|w| w.contains("saem de uma mesma linha")));
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
