//! A failed walk in words: where it diverged, what was given, what was possible, where it ended.

use super::{Failure, Walk};
use crate::model::{Answers, EndKind, Expect, Procedure, Scenario, Span, StepKind};
use crate::suggest;
use crate::t;
use crate::text::{fold, quoted_list};

/// A failure as a diagnostic: the span of the scenario it points at and what to say there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub span: Span,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    /// Other places in the same file: (span, label).
    pub related: Vec<(Span, String)>,
    /// The step where the walk stopped or diverged.
    pub step: Option<String>,
}

/// Explains why `walk` of `scenario` (the `index`th) failed; `None` when it passed.
pub fn explain(procedure: &Procedure, index: usize, scenario: &Scenario, walk: &Walk) -> Option<Explained> {
    let failure = walk.failure.as_ref()?;
    let name = scenario.display_name(index);
    let id = |step: usize| procedure.steps[step].id.get_ref().as_str();
    let expect_span = scenario.expect.as_ref().map_or_else(|| scenario.anchor(), |e| e.span());
    let mut out = Explained {
        span: scenario.anchor(),
        message: String::new(),
        label: None,
        help: None,
        related: Vec::new(),
        step: None,
    };
    match failure {
        Failure::ExpectUnknown => {
            let Some(Expect::Step(wanted)) = scenario.expect.as_ref().map(|e| e.get_ref()) else { return None };
            out.span = expect_span;
            out.message = t!("scenario-expect-unknown", name = &name, wanted = wanted);
            out.help = Some(match suggest::closest(wanted, terminals(procedure)) {
                Some(best) => t!("scenario-did-you-mean", best = best),
                None => t!("scenario-expect-unknown.help", terminals = quoted_list(terminals(procedure))),
            });
        }
        Failure::ExpectNotTerminal { step } => {
            out.span = expect_span;
            out.message = t!("scenario-expect-not-terminal", name = &name, step = id(*step));
            out.label = Some(t!("scenario-expect-not-terminal.label"));
            out.related.push((procedure.steps[*step].span.clone(), t!("scenario-expect-not-terminal.related")));
            out.help = Some(t!("scenario-expect-not-terminal.help", terminals = quoted_list(terminals(procedure))));
        }
        Failure::NotADecision { key, step } => {
            let Answers::ByStep(by_step) = &scenario.answers else { return None };
            let written = &by_step[*key].step;
            out.span = written.span();
            let decisions = decisions(procedure);
            out.message = match step {
                None => t!("scenario-answers-unknown-step", name = &name, step = written.get_ref()),
                Some(s) => t!("scenario-answers-not-decision", name = &name, step = id(*s)),
            };
            out.help = Some(match suggest::closest(written.get_ref(), decisions.iter().copied()) {
                Some(best) => t!("scenario-did-you-mean", best = best),
                None => t!("scenario-decisions-are", decisions = quoted_list(decisions)),
            });
        }
        Failure::NoStart => {
            out.message = t!("scenario-no-start", name = &name);
        }
        Failure::Broken { step } => {
            out.message = t!("scenario-broken", name = &name, step = id(*step));
            out.related.push((procedure.steps[*step].span.clone(), t!("scenario-broken.related")));
            out.help = Some(t!("scenario-broken.help"));
            out.step = Some(id(*step).into());
        }
        Failure::NoAnswer { step } => {
            out.span = scenario.answers_span.clone().unwrap_or_else(|| scenario.anchor());
            out.message = t!("scenario-no-answer", name = &name, step = id(*step));
            let path = path_text(procedure, &before_last(walk));
            out.label = Some(t!("scenario-no-answer.label", step = id(*step), path = path));
            out.related.push((procedure.steps[*step].span.clone(), t!("scenario-no-answer.related")));
            let choices = quoted_list(answers_of(procedure, *step));
            out.help = Some(match &scenario.answers {
                Answers::InOrder(_) => t!("scenario-no-answer.help-in-order", choices = choices),
                Answers::ByStep(_) => t!("scenario-no-answer.help-by-step", step = id(*step), choices = choices),
            });
            out.step = Some(id(*step).into());
        }
        Failure::UnknownAnswer { step, answer, given } => {
            out.span = answer.clone();
            out.message = t!("scenario-unknown-answer", step = id(*step), given = given);
            out.label = Some(match walk.path.len() {
                0 | 1 => t!("scenario-unknown-answer.label-first", step = id(*step)),
                _ => {
                    let path = path_text(procedure, &before_last(walk));
                    t!("scenario-unknown-answer.label", step = id(*step), path = path)
                }
            });
            let branches = procedure.steps[*step].branches.as_ref().map(|b| b.span());
            out.related.extend(branches.map(|span| (span, t!("scenario-unknown-answer.related"))));
            let choices = answers_of(procedure, *step);
            out.help = Some(match similar_answer(given, &choices) {
                Some(best) => t!("scenario-unknown-answer.help-similar", best = best, choices = quoted_list(choices)),
                None => t!("scenario-unknown-answer.help", choices = quoted_list(choices)),
            });
            out.step = Some(id(*step).into());
        }
        Failure::Endless { step } => {
            out.message = t!("scenario-endless", name = &name);
            out.label = Some(if walk.path.len() > super::MAX_MOVES {
                t!("scenario-endless.label-limit", count = super::MAX_MOVES)
            } else {
                t!("scenario-endless.label-loop", step = id(*step))
            });
            out.related.push((procedure.steps[*step].span.clone(), t!("scenario-endless.related")));
            out.help = Some(t!("scenario-endless.help"));
            out.step = Some(id(*step).into());
        }
        Failure::WrongEnd { reached } => {
            out.span = expect_span;
            let expected = scenario.expect.as_ref().map_or(String::new(), |e| expectation(e.get_ref()));
            out.message = t!("scenario-wrong-end", name = &name, reached = id(*reached), expected = &expected);
            out.label = Some(t!("scenario-wrong-end.label", expected = &expected));
            out.related.push((
                procedure.steps[*reached].span.clone(),
                t!("scenario-wrong-end.related", ending = ending(procedure, *reached)),
            ));
            out.help = Some(t!("scenario-wrong-end.help", path = path_text(procedure, walk)));
            out.step = Some(id(*reached).into());
        }
        Failure::Unused => {
            out.span = walk.unused.first().cloned().unwrap_or_else(|| scenario.anchor());
            let count = walk.unused.len();
            let ended = walk.reached.map_or("", id);
            out.message = t!("scenario-unused", name = &name, count = count, ended = ended);
            out.label = Some(t!("scenario-unused.label"));
            out.help = Some(t!("scenario-unused.help", path = path_text(procedure, walk)));
        }
    }
    Some(out)
}

/// `` `acesso-maquina` (`Sim`) → `chave-exportavel` (`Não, está inibida`) → `recuperar-debug` ``.
pub fn path_text(procedure: &Procedure, walk: &Walk) -> String {
    if walk.path.is_empty() {
        return t!("scenario-path-nowhere");
    }
    // A long walk shows its beginning and its end: the message stays a few lines.
    const SHOWN: usize = 12;
    let len = walk.path.len();
    let shown = |i: &usize| len <= 2 * SHOWN || *i < SHOWN || *i >= len - SHOWN;
    let parts: Vec<String> = (0..len)
        .filter(shown)
        .map(|i| {
            let visit = &walk.path[i];
            let step = &procedure.steps[visit.step];
            let answer = visit.branch.and_then(|b| step.branches.as_ref()?.get_ref()[b].when.as_ref());
            match answer {
                Some(when) => format!("`{}` (`{}`)", step.id.get_ref(), when.get_ref()),
                None => format!("`{}`", step.id.get_ref()),
            }
        })
        .collect();
    if len > 2 * SHOWN {
        let (head, tail) = parts.split_at(SHOWN);
        let skipped = t!("scenario-path-skipped", count = len - 2 * SHOWN);
        return format!("{} → {skipped} → {}", head.join(" → "), tail.join(" → "));
    }
    parts.join(" → ")
}

/// The walk without the step it stopped at (which the message names already).
fn before_last(walk: &Walk) -> Walk {
    let path = walk.path[..walk.path.len().saturating_sub(1)].to_vec();
    Walk { path, reached: None, unused: Vec::new(), failure: None }
}

/// The answer `given` was probably meant as: a near spelling, or the one answer that begins
/// with it once case and accents are set aside (`Não` for `Não, foi formatada`).
fn similar_answer<'a>(given: &str, choices: &[&'a str]) -> Option<&'a str> {
    if let Some(best) = suggest::closest(given, choices.iter().copied()) {
        return Some(best);
    }
    let given = fold(given.trim());
    let mut starting = choices.iter().filter(|c| {
        let c = fold(c);
        !given.is_empty() && (c.starts_with(&given) || given.starts_with(&c))
    });
    match (starting.next(), starting.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// `an escalation to `Relacionamento``, `a resolution`, `` `resolvido` ``.
fn expectation(expect: &Expect) -> String {
    match expect {
        Expect::Step(id) => format!("`{id}`"),
        Expect::End { kind: EndKind::Resolution, .. } => t!("scenario-end-resolution"),
        Expect::End { kind: EndKind::Escalation, to: None } => t!("scenario-end-escalation"),
        Expect::End { kind: EndKind::Escalation, to: Some(to) } => t!("scenario-end-escalation-to", to = to),
    }
}

/// What terminal `step` is: `a resolution`, `an escalation to `Relacionamento``.
fn ending(procedure: &Procedure, step: usize) -> String {
    let step = &procedure.steps[step];
    match (step.kind(), &step.to) {
        (StepKind::Escalation, Some(to)) => t!("scenario-end-escalation-to", to = to.get_ref()),
        (StepKind::Escalation, None) => t!("scenario-end-escalation"),
        _ => t!("scenario-end-resolution"),
    }
}

fn terminals(procedure: &Procedure) -> Vec<&str> {
    let ends = procedure.steps.iter().filter(|s| matches!(s.kind(), StepKind::Resolution | StepKind::Escalation));
    ends.map(|s| s.id.get_ref().as_str()).collect()
}

fn decisions(procedure: &Procedure) -> Vec<&str> {
    let decisions = procedure.steps.iter().filter(|s| s.kind() == StepKind::Decision);
    decisions.map(|s| s.id.get_ref().as_str()).collect()
}

fn answers_of(procedure: &Procedure, step: usize) -> Vec<&str> {
    let branches = procedure.steps[step].branches.as_ref().map_or(&[][..], |b| b.get_ref().as_slice());
    branches.iter().filter_map(|b| b.when.as_ref()).map(|w| w.get_ref().as_str()).collect()
}
