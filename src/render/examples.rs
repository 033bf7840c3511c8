//! A procedure page's worked examples: each scenario's walk, step by step with the answers given,
//! where it ends, and the address that replays it in the guided mode (`#guia=a.b.c`).

use std::collections::HashSet;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::lang::Strings;
use super::views::StepView;
use crate::model::{Procedure, StepKind};
use crate::scenarios::{self, Walk};

/// One scenario as a worked example.
#[derive(Debug, Serialize)]
pub struct ExampleView {
    pub name: String,
    /// The steps met, in order (a long walk: its beginning and its end).
    pub moves: Vec<MoveView>,
    /// The terminal reached, if the walk reached one.
    pub outcome: Option<OutcomeView>,
    /// The walk does not end where the scenario expects (lint's `failing-scenario`).
    pub failing: bool,
    /// `#guia=a.b.c`, which the guided mode replays; empty for a failing example.
    pub replay: String,
    /// `guia=a.b.c`: the element the replay link points at when scripts are off, so that the
    /// link stays a link to this page. Only the first example of a walk has it (ids are unique).
    pub anchor: String,
}

/// One step met on a walk.
#[derive(Debug, Serialize)]
pub struct MoveView {
    pub id: String,
    pub number: usize,
    pub kind: StepKind,
    /// The step's title, else the start of its text, else its kind's name.
    pub label: String,
    /// The answer given, at a decision.
    pub answer: Option<String>,
    /// How many steps of the walk are left out before this one.
    pub skipped: usize,
    /// 1-based place in the walk (the list's number after a gap).
    pub position: usize,
}

#[derive(Debug, Serialize)]
pub struct OutcomeView {
    /// `resolution` or `escalation`.
    pub kind: StepKind,
    pub to: String,
    pub sla_text: String,
}

/// A walk longer than twice this shows this many steps at each end.
const SHOWN: usize = 50;

/// What `encodeURIComponent` leaves as it is (guided.js reads the hash back with
/// `decodeURIComponent`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The worked examples of `procedure`, whose steps the page shows as `steps`: one per scenario
/// that could be read, in file order.
pub fn examples(procedure: &Procedure, steps: &[StepView], t: &Strings) -> Vec<ExampleView> {
    let mut anchors = HashSet::new();
    let walks = scenarios::walks(procedure);
    let read = procedure.scenarios.iter().enumerate().zip(walks).filter_map(|(s, w)| Some((s, w?)));
    read.map(|((index, scenario), walk)| {
        let mut example = example(scenario.display_name(index), &walk, steps, t);
        if !example.anchor.is_empty() && !anchors.insert(example.anchor.clone()) {
            example.anchor.clear();
        }
        example
    })
    .collect()
}

fn example(name: String, walk: &Walk, steps: &[StepView], t: &Strings) -> ExampleView {
    let ids: Vec<&str> = walk.path.iter().map(|v| steps[v.step].id.as_str()).collect();
    let replayed = walk.passed() && !ids.is_empty();
    ExampleView {
        name,
        moves: moves(walk, steps, t),
        outcome: walk.reached.and_then(|i| outcome(&steps[i])),
        failing: !walk.passed(),
        replay: if replayed { replay(&ids) } else { String::new() },
        anchor: if replayed { format!("guia={}", ids.join(".")) } else { String::new() },
    }
}

/// `#guia=a.b.c`, as guided.js writes it (`hashOf`).
pub fn replay(ids: &[&str]) -> String {
    let encoded: Vec<String> = ids.iter().map(|id| utf8_percent_encode(id, COMPONENT).to_string()).collect();
    format!("#guia={}", encoded.join("."))
}

fn moves(walk: &Walk, steps: &[StepView], t: &Strings) -> Vec<MoveView> {
    let len = walk.path.len();
    let long = len > 2 * SHOWN;
    let shown = (0..len).filter(|&i| !long || i < SHOWN || i >= len - SHOWN);
    shown
        .map(|i| {
            let visit = walk.path[i];
            let step = &steps[visit.step];
            let label = if step.title.is_empty() && step.text_plain.is_empty() {
                t.get(&format!("kind_{}", step.kind.name())).to_string()
            } else {
                step.label.clone()
            };
            MoveView {
                id: step.id.clone(),
                number: step.number,
                kind: step.kind,
                label,
                answer: visit.branch.and_then(|b| step.branches.get(b)).map(|b| b.when.clone()),
                skipped: if long && i == len - SHOWN { len - 2 * SHOWN } else { 0 },
                position: i + 1,
            }
        })
        .collect()
}

fn outcome(step: &StepView) -> Option<OutcomeView> {
    matches!(step.kind, StepKind::Resolution | StepKind::Escalation).then(|| OutcomeView {
        kind: step.kind,
        to: step.to.clone(),
        sla_text: step.sla_text.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replay_is_encoded_as_encode_uri_component_does() {
        assert_eq!(replay(&["acesso-maquina", "chamado"]), "#guia=acesso-maquina.chamado");
        assert_eq!(replay(&["a b", "ç&#", "x_y.z~!*'()"]), "#guia=a%20b.%C3%A7%26%23.x_y.z~!*'()");
    }
}
