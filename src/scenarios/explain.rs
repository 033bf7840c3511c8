//! A failed walk in words: where it diverged, what was given, what was possible, where it ended.

use super::{Failure, Walk};
use crate::model::{Answers, EndKind, Expect, Procedure, Scenario, Span, StepKind};
use crate::suggest;
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
            out.message = format!("scenario `{name}` expects step `{wanted}`, which does not exist");
            out.help = Some(match suggest::closest(wanted, terminals(procedure)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the terminals are: {}", quoted_list(terminals(procedure))),
            });
        }
        Failure::ExpectNotTerminal { step } => {
            out.span = expect_span;
            out.message = format!("scenario `{name}` expects step `{}`, which is not a terminal", id(*step));
            out.label = Some("no walk ends here".into());
            out.related.push((procedure.steps[*step].span.clone(), "this step goes on to others".into()));
            out.help = Some(format!("expect one of the terminals: {}", quoted_list(terminals(procedure))));
        }
        Failure::NotADecision { key, step } => {
            let Answers::ByStep(by_step) = &scenario.answers else { return None };
            let written = &by_step[*key].step;
            out.span = written.span();
            let decisions = decisions(procedure);
            out.message = match step {
                None => format!("scenario `{name}` answers step `{}`, which does not exist", written.get_ref()),
                Some(s) => format!("scenario `{name}` answers step `{}`, which is not a decision", id(*s)),
            };
            out.help = Some(match suggest::closest(written.get_ref(), decisions.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the decisions are: {}", quoted_list(decisions)),
            });
        }
        Failure::NoStart => {
            out.message = format!("scenario `{name}` cannot start: the procedure has no start step");
        }
        Failure::Broken { step } => {
            out.message = format!("the walk of scenario `{name}` stops at step `{}`, which leads nowhere", id(*step));
            out.related.push((procedure.steps[*step].span.clone(), "the walk stops here".into()));
            out.help = Some("fix the step first: `sopbook lint` says what is wrong with it".into());
            out.step = Some(id(*step).into());
        }
        Failure::NoAnswer { step } => {
            out.span = scenario.answers_span.clone().unwrap_or_else(|| scenario.anchor());
            out.message =
                format!("the walk of scenario `{name}` reaches decision `{}` with no answer for it", id(*step));
            out.label = Some(format!("at `{}`, after {}", id(*step), path_text(procedure, &before_last(walk))));
            out.related.push((procedure.steps[*step].span.clone(), "the decision".into()));
            let choices = quoted_list(answers_of(procedure, *step));
            out.help = Some(match &scenario.answers {
                Answers::InOrder(_) => format!("add its answer at the end of `answers`: one of {choices}"),
                Answers::ByStep(_) => format!("add `{} = \"…\"` to `answers`, with one of {choices}", id(*step)),
            });
            out.step = Some(id(*step).into());
        }
        Failure::UnknownAnswer { step, answer, given } => {
            out.span = answer.clone();
            out.message = format!("decision `{}` has no answer `{given}`", id(*step));
            out.label = Some(match walk.path.len() {
                0 | 1 => format!("given at `{}`, the first decision", id(*step)),
                _ => format!("given at `{}`, after {}", id(*step), path_text(procedure, &before_last(walk))),
            });
            let branches = procedure.steps[*step].branches.as_ref().map(|b| b.span());
            out.related.extend(branches.map(|span| (span, "the answers it has".into())));
            let choices = answers_of(procedure, *step);
            out.help = Some(match similar_answer(given, &choices) {
                Some(best) => format!("did you mean `{best}`? The answers are: {}", quoted_list(choices)),
                None => format!("the answers are: {}", quoted_list(choices)),
            });
            out.step = Some(id(*step).into());
        }
        Failure::Endless { step } => {
            out.message = format!("the walk of scenario `{name}` never reaches a terminal");
            out.label = Some(if walk.path.len() > super::MAX_MOVES {
                format!("it has gone through {} steps", super::MAX_MOVES)
            } else {
                format!("it goes round through `{}` for ever", id(*step))
            });
            out.related.push((procedure.steps[*step].span.clone(), "met again with no answer used since".into()));
            out.help = Some("give the loop's decision an answer that leaves it, e.g. as a list of answers".into());
            out.step = Some(id(*step).into());
        }
        Failure::WrongEnd { reached } => {
            out.span = expect_span;
            let expected = scenario.expect.as_ref().map_or(String::new(), |e| expectation(e.get_ref()));
            out.message = format!("scenario `{name}` ends at `{}`, not at {expected}", id(*reached));
            out.label = Some(format!("expected {expected}"));
            out.related.push((
                procedure.steps[*reached].span.clone(),
                format!("the walk ends here, {}", ending(procedure, *reached)),
            ));
            out.help = Some(format!("the walk went {}", path_text(procedure, walk)));
            out.step = Some(id(*reached).into());
        }
        Failure::Unused => {
            out.span = walk.unused.first().cloned().unwrap_or_else(|| scenario.anchor());
            let count = walk.unused.len();
            let ended = walk.reached.map_or("", id);
            out.message = format!(
                "scenario `{name}` leaves {count} answer{} unused: the walk ends at `{ended}` first",
                if count == 1 { "" } else { "s" }
            );
            out.label = Some("never used".into());
            out.help = Some(format!(
                "remove the answers left over, or check the earlier ones: the walk went {}",
                path_text(procedure, walk)
            ));
        }
    }
    Some(out)
}

/// `` `acesso-maquina` (`Sim`) → `chave-exportavel` (`Não, está inibida`) → `recuperar-debug` ``.
pub fn path_text(procedure: &Procedure, walk: &Walk) -> String {
    if walk.path.is_empty() {
        return "nowhere".into();
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
        return format!("{} → … {} steps … → {}", head.join(" → "), len - 2 * SHOWN, tail.join(" → "));
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
        Expect::End { kind: EndKind::Resolution, .. } => "a resolution".into(),
        Expect::End { kind: EndKind::Escalation, to: None } => "an escalation".into(),
        Expect::End { kind: EndKind::Escalation, to: Some(to) } => format!("an escalation to `{to}`"),
    }
}

/// What terminal `step` is: `a resolution`, `an escalation to `Relacionamento``.
fn ending(procedure: &Procedure, step: usize) -> String {
    let step = &procedure.steps[step];
    match (step.kind(), &step.to) {
        (StepKind::Escalation, Some(to)) => format!("an escalation to `{}`", to.get_ref()),
        (StepKind::Escalation, None) => "an escalation".into(),
        _ => "a resolution".into(),
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
