//! A test case of a procedure (`[[scenarios]]`): the answers of one call and where it must end.

use toml::Spanned;

use super::{EndKind, Span};

/// One `[[scenarios]]` table. Fields that were missing or malformed are `None` (the loader has
/// recorded a `schema` problem); such a scenario is not walked.
#[derive(Debug)]
pub struct Scenario {
    pub name: Option<Spanned<String>>,
    pub answers: Answers,
    /// The `answers` value, when written.
    pub answers_span: Option<Span>,
    pub expect: Option<Spanned<Expect>>,
    /// The scenario's table, for findings about the whole of it.
    pub span: Span,
    /// A key was missing or malformed (a `schema` problem): the scenario cannot be walked.
    pub invalid: bool,
}

impl Scenario {
    /// The name as written, or `scenario N` (1-based) when it has none.
    pub fn display_name(&self, index: usize) -> String {
        match &self.name {
            Some(name) => name.get_ref().clone(),
            None => crate::t!("load-scenario-number", number = index + 1),
        }
    }

    /// Where a finding about the whole scenario points: its name, else its table.
    pub fn anchor(&self) -> Span {
        self.name.as_ref().map_or_else(|| self.span.clone(), Spanned::span)
    }
}

/// The answers given at the decisions met on the walk.
#[derive(Debug)]
pub enum Answers {
    /// `answers = ["Sim", "Não"]`: one per decision met, in order.
    InOrder(Vec<Spanned<String>>),
    /// `answers = { step-id = "Sim" }`: by the decision's ID. A string answers every time the
    /// decision is met; an array answers the first meeting, then the second, and so on.
    ByStep(Vec<StepAnswers>),
}

impl Default for Answers {
    fn default() -> Self {
        Answers::InOrder(Vec::new())
    }
}

/// The answers of one decision in `answers = { … }`.
#[derive(Debug)]
pub struct StepAnswers {
    pub step: Spanned<String>,
    pub answers: Vec<Spanned<String>>,
    /// Written as one string: it answers every meeting, not only the first.
    pub every_time: bool,
}

/// Where the walk must end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// `expect = "chamado"`: this terminal step.
    Step(String),
    /// `expect = { end = "escalation", to = "Relacionamento" }`: a terminal of this kind, and for
    /// an escalation, to this sector when `to` is given.
    End { kind: EndKind, to: Option<String> },
}
