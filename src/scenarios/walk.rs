//! Walking one scenario through its procedure's graph, as an analyst would walk the call.

use std::collections::HashMap;

use crate::model::{Answers, Branch, EndKind, Expect, Procedure, Scenario, Span, StepKind};

/// The longest walk followed before giving up: a loop that consumes one answer per turn could
/// otherwise run steps × answers moves.
pub const MAX_MOVES: usize = 100_000;

/// One step met on the walk, and the branch taken when it is a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visit {
    pub step: usize,
    pub branch: Option<usize>,
}

/// Where a scenario's walk went and whether it ended where it should.
#[derive(Debug)]
pub struct Walk {
    /// Every step met, in order; the last one is where the walk stopped.
    pub path: Vec<Visit>,
    /// The terminal reached, if the walk reached one.
    pub reached: Option<usize>,
    /// Answers given but never used, in file order.
    pub unused: Vec<Span>,
    pub failure: Option<Failure>,
}

impl Walk {
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// Why a scenario fails. Step indexes are into the procedure's steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `expect` names no step of the procedure.
    ExpectUnknown,
    /// `expect` names a step that is not a terminal: no walk ends there.
    ExpectNotTerminal { step: usize },
    /// A key of `answers = { … }` names no step (`step` is `None`) or a step that is no decision.
    NotADecision { key: usize, step: Option<usize> },
    /// The procedure has no step to start from.
    NoStart,
    /// The walk reached a step it cannot go on from: a link to no step, or a broken step.
    Broken { step: usize },
    /// A decision met with no answer left for it.
    NoAnswer { step: usize },
    /// The answer given is not one of the decision's.
    UnknownAnswer { step: usize, answer: Span, given: String },
    /// The walk goes round a loop without using an answer, or past [`MAX_MOVES`].
    Endless { step: usize },
    /// The walk ended at another terminal than expected.
    WrongEnd { reached: usize },
    /// The walk ended where expected, but answers were left over.
    Unused,
}

/// A procedure's steps by ID, looked up once for the walks of all its scenarios (a walk may
/// take 100,000 moves: each must not scan the steps).
pub struct Steps<'p> {
    procedure: &'p Procedure,
    by_id: HashMap<&'p str, usize>,
}

impl<'p> Steps<'p> {
    pub fn new(procedure: &'p Procedure) -> Self {
        let mut by_id = HashMap::with_capacity(procedure.steps.len());
        for (i, step) in procedure.steps.iter().enumerate() {
            by_id.entry(step.id.get_ref().as_str()).or_insert(i);
        }
        Steps { procedure, by_id }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// Walks `scenario` through `procedure`. The scenario must be valid (`!scenario.invalid`).
pub fn walk(procedure: &Procedure, scenario: &Scenario) -> Walk {
    walk_in(&Steps::new(procedure), scenario)
}

/// [`walk`] with the steps already indexed.
pub fn walk_in(steps: &Steps<'_>, scenario: &Scenario) -> Walk {
    let procedure = steps.procedure;
    let mut walk = Walk { path: Vec::new(), reached: None, unused: Vec::new(), failure: None };
    let entries = check_expect(steps, scenario).and_then(|()| check_keys(steps, scenario));
    let entries = match entries {
        Ok(entries) => entries,
        Err(failure) => {
            walk.failure = Some(failure);
            return walk;
        }
    };
    let mut answers = Supply::new(&scenario.answers, entries);
    walk.failure = follow(steps, &mut answers, &mut walk.path).err();
    if walk.failure.is_none() {
        walk.reached = walk.path.last().map(|v| v.step);
    }
    walk.unused = answers.unused();
    if walk.failure.is_none() {
        walk.failure = judge(procedure, scenario, walk.reached, &walk.unused);
    }
    walk
}

fn check_expect(steps: &Steps<'_>, scenario: &Scenario) -> Result<(), Failure> {
    let Some(Expect::Step(id)) = scenario.expect.as_ref().map(|e| e.get_ref()) else {
        return Ok(());
    };
    let step = steps.index(id).ok_or(Failure::ExpectUnknown)?;
    match steps.procedure.steps[step].kind() {
        StepKind::Resolution | StepKind::Escalation => Ok(()),
        _ => Err(Failure::ExpectNotTerminal { step }),
    }
}

/// For answers by step: which entry answers each decision (by step index).
fn check_keys(steps: &Steps<'_>, scenario: &Scenario) -> Result<HashMap<usize, usize>, Failure> {
    let Answers::ByStep(by_step) = &scenario.answers else {
        return Ok(HashMap::new());
    };
    let mut entries = HashMap::with_capacity(by_step.len());
    for (key, entry) in by_step.iter().enumerate() {
        let step = steps.index(entry.step.get_ref());
        match step {
            Some(s) if steps.procedure.steps[s].kind() == StepKind::Decision => entries.insert(s, key),
            _ => return Err(Failure::NotADecision { key, step }),
        };
    }
    Ok(entries)
}

/// Moves from the start to a terminal, taking the given answers at decisions.
fn follow(index: &Steps<'_>, answers: &mut Supply<'_>, path: &mut Vec<Visit>) -> Result<(), Failure> {
    let procedure = index.procedure;
    let steps = &procedure.steps;
    let mut at = procedure.start_index().ok_or(Failure::NoStart)?;
    // When each step was last met, counted in answers used: met again with none used since, the
    // walk can only go round the same loop forever.
    let mut met_after = vec![usize::MAX; steps.len()];
    loop {
        if met_after[at] == answers.used || path.len() >= MAX_MOVES {
            path.push(Visit { step: at, branch: None });
            return Err(Failure::Endless { step: at });
        }
        met_after[at] = answers.used;
        let step = &steps[at];
        let (branch, next) = match step.kind() {
            StepKind::Resolution | StepKind::Escalation => {
                path.push(Visit { step: at, branch: None });
                return Ok(());
            }
            StepKind::Action => (None, step.next.as_ref().map(|n| n.get_ref().as_str())),
            StepKind::Decision => {
                let branches = step.branches.as_ref().map_or(&[][..], |b| b.get_ref().as_slice());
                let chosen = match choose(branches, at, answers) {
                    Ok(chosen) => chosen,
                    Err(failure) => {
                        path.push(Visit { step: at, branch: None });
                        return Err(failure);
                    }
                };
                (Some(chosen), branches[chosen].next.as_ref().map(|n| n.get_ref().as_str()))
            }
            StepKind::Mixed | StepKind::Incomplete => (None, None),
        };
        path.push(Visit { step: at, branch });
        at = next.and_then(|id| index.index(id)).ok_or(Failure::Broken { step: at })?;
    }
}

/// The branch the next answer for decision `at` takes.
fn choose(branches: &[Branch], at: usize, answers: &mut Supply<'_>) -> Result<usize, Failure> {
    let (given, span) = answers.take(at).ok_or(Failure::NoAnswer { step: at })?;
    let matches = |b: &Branch| b.when.as_ref().is_some_and(|w| w.get_ref().trim() == given.trim());
    branches.iter().position(matches).ok_or_else(|| Failure::UnknownAnswer {
        step: at,
        answer: span,
        given: given.to_string(),
    })
}

/// Whether the walk ended where the scenario expects, with every answer used.
fn judge(procedure: &Procedure, scenario: &Scenario, reached: Option<usize>, unused: &[Span]) -> Option<Failure> {
    let reached = reached?;
    let expect = scenario.expect.as_ref()?.get_ref();
    if !ends_as(procedure, reached, expect) {
        return Some(Failure::WrongEnd { reached });
    }
    (!unused.is_empty()).then_some(Failure::Unused)
}

/// Whether terminal `reached` is the end `expect` describes.
pub fn ends_as(procedure: &Procedure, reached: usize, expect: &Expect) -> bool {
    let step = &procedure.steps[reached];
    match expect {
        Expect::Step(id) => step.id.get_ref() == id,
        Expect::End { kind, to } => {
            let kind_matches = step.end.as_ref().is_some_and(|e| e.get_ref() == kind);
            let to_matches = match (kind, to) {
                (EndKind::Escalation, Some(to)) => step.to.as_ref().is_some_and(|t| same_sector(t.get_ref(), to)),
                _ => true,
            };
            kind_matches && to_matches
        }
    }
}

/// Sectors compare as the desk says them: case and surrounding spaces do not matter.
fn same_sector(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The scenario's answers, handed out as the walk meets decisions.
struct Supply<'s> {
    answers: &'s Answers,
    /// By step: the entry of each decision that has one (by step index).
    entries: HashMap<usize, usize>,
    /// By position: the next answer. By step: the next answer of each entry.
    next: Vec<usize>,
    /// How many answers have been handed out (an answer given every time counts each time).
    used: usize,
}

impl<'s> Supply<'s> {
    fn new(answers: &'s Answers, entries: HashMap<usize, usize>) -> Self {
        let step_entries = entries;
        let count = match answers {
            Answers::InOrder(_) => 1,
            Answers::ByStep(by_step) => by_step.len(),
        };
        Supply { answers, entries: step_entries, next: vec![0; count], used: 0 }
    }

    /// The answer for the decision at step index `step`, with where it is written.
    /// `used` grows only when the supply changes: an answer given every time changes it once.
    fn take(&mut self, step: usize) -> Option<(&'s str, Span)> {
        let (entry, answer) = match self.answers {
            Answers::InOrder(list) => (0, list.get(self.next[0])?),
            Answers::ByStep(by_step) => {
                let entry = *self.entries.get(&step)?;
                let answers = &by_step[entry].answers;
                let index = if by_step[entry].every_time { 0 } else { self.next[entry] };
                (entry, answers.get(index)?)
            }
        };
        let changes = !matches!(self.answers, Answers::ByStep(b) if b[entry].every_time && self.next[entry] > 0);
        if changes {
            self.next[entry] += 1;
            self.used += 1;
        }
        Some((answer.get_ref().as_str(), answer.span()))
    }

    /// The answers never handed out, in file order: a step's string counts as used once met.
    fn unused(&self) -> Vec<Span> {
        let mut unused: Vec<Span> = match self.answers {
            Answers::InOrder(list) => list[self.next[0].min(list.len())..].iter().map(|a| a.span()).collect(),
            Answers::ByStep(by_step) => by_step
                .iter()
                .zip(&self.next)
                .flat_map(|(entry, &next)| {
                    let from = if entry.every_time { next.min(1) } else { next.min(entry.answers.len()) };
                    entry.answers[from..].iter().map(|a| a.span())
                })
                .collect(),
        };
        unused.sort_by_key(|s| s.start);
        unused
    }
}
