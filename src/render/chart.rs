//! A procedure's flowchart as its page shows it: the one [`Chart`] the site, `sopbook graph` and
//! `serve` draw (see [`crate::flowchart`] for the layout).

use super::lang::Strings;
use super::views::{ProcedureView, StepView};
use crate::flowchart::{Chart, Edge, Node, NodeKind};

impl Chart {
    /// The chart of a procedure as its page shows it, with the interface words of `t`: the one
    /// constructor the site, `sopbook graph` and `serve` draw from.
    pub fn new(procedure: &ProcedureView, t: &Strings) -> Chart {
        let steps = &procedure.steps;
        let nodes = steps
            .iter()
            .map(|s| {
                let label = full_text(s);
                Node {
                    id: s.id.clone(),
                    number: s.number,
                    kind: NodeKind::from(s.kind),
                    link_label: t.fill("step_label", &[("n", &s.number.to_string()), ("title", &label)]),
                    label,
                }
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

/// What a step's box shows, whole: its title, or without one its text, or its ID.
fn full_text(step: &StepView) -> String {
    [&step.title, &step.text_plain, &step.id].into_iter().find(|t| !t.trim().is_empty()).unwrap_or(&step.id).clone()
}
