//! A procedure's steps as a directed graph (petgraph), and the two questions the graph rules
//! ask of it: which steps the start reaches, and which steps can still reach an end. Both are
//! breadth-first searches, linear in the size of the procedure and free of recursion.

use std::collections::{HashMap, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{Bfs, Reversed, VisitMap, Visitable, Walker};

use crate::model::{Procedure, StepKind};

/// Node `i` is step `i` of the procedure, in file order.
pub struct StepGraph {
    graph: DiGraph<(), ()>,
    /// Steps already reported by a structural rule (`dead-end`, `mixed-step`, `unknown-step`):
    /// the search for an exit stops there instead of reporting them twice.
    broken: Vec<bool>,
    terminal: Vec<bool>,
    start: Option<usize>,
}

impl StepGraph {
    pub fn build(procedure: &Procedure) -> StepGraph {
        let steps = &procedure.steps;
        let ids: HashMap<&str, usize> = steps.iter().enumerate().map(|(i, s)| (s.id.get_ref().as_str(), i)).collect();
        let mut graph = DiGraph::with_capacity(steps.len(), steps.len() * 2);
        for _ in steps {
            graph.add_node(());
        }
        let mut broken = vec![false; steps.len()];
        let mut terminal = vec![false; steps.len()];
        for (i, step) in steps.iter().enumerate() {
            let kind = step.kind();
            terminal[i] = matches!(kind, StepKind::Resolution | StepKind::Escalation);
            broken[i] = matches!(kind, StepKind::Mixed | StepKind::Incomplete)
                || ["next", "branches", "end"].iter().any(|k| step.is_invalid(k));
            for target in step.targets() {
                match ids.get(target.get_ref().as_str()) {
                    Some(&j) => {
                        graph.add_edge(NodeIndex::new(i), NodeIndex::new(j), ());
                    }
                    None => broken[i] = true,
                }
            }
        }
        StepGraph { graph, broken, terminal, start: procedure.start_index() }
    }

    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Direct successors of step `i`.
    pub fn successors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph.neighbors(NodeIndex::new(i)).map(|n| n.index())
    }

    /// Steps that no path from the start reaches, in file order. Empty when there is no valid
    /// start (that is reported by `unknown-step`).
    pub fn unreachable(&self) -> Vec<usize> {
        let Some(start) = self.start else {
            return Vec::new();
        };
        let mut seen = vec![false; self.len()];
        for node in Bfs::new(&self.graph, NodeIndex::new(start)).iter(&self.graph) {
            seen[node.index()] = true;
        }
        (0..self.len()).filter(|&i| !seen[i]).collect()
    }

    /// Steps from which no terminal (nor an already-reported broken step) can be reached,
    /// grouped into connected regions, each in file order, regions ordered by their first step.
    pub fn trapped_regions(&self) -> Vec<Vec<usize>> {
        let n = self.len();
        let mut can_exit = vec![false; n];
        let reversed = Reversed(&self.graph);
        // One breadth-first search backwards from every exit at once.
        let mut bfs = Bfs { stack: VecDeque::new(), discovered: self.graph.visit_map() };
        for exit in (0..n).filter(|&i| self.terminal[i] || self.broken[i]) {
            let node: NodeIndex = NodeIndex::new(exit);
            bfs.discovered.visit(node);
            bfs.stack.push_back(node);
        }
        while let Some(node) = bfs.next(reversed) {
            can_exit[node.index()] = true;
        }
        let mut regions = UnionFind::new(n);
        for edge in self.graph.raw_edges() {
            let (a, b) = (edge.source().index(), edge.target().index());
            if !can_exit[a] && !can_exit[b] {
                regions.union(a, b);
            }
        }
        let mut grouped: Vec<Vec<usize>> = Vec::new();
        let mut slot_of_root: HashMap<usize, usize> = HashMap::new();
        for i in (0..n).filter(|&i| !can_exit[i]) {
            let slot = *slot_of_root.entry(regions.find(i)).or_insert_with(|| {
                grouped.push(Vec::new());
                grouped.len() - 1
            });
            grouped[slot].push(i);
        }
        grouped
    }
}
