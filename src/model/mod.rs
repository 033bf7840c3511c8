//! The knowledge base as plain data: procedures, steps, branches, manuals. No I/O here.

mod breadcrumb;
mod calendar;
mod date;
mod field;
pub(crate) mod limits;
pub mod markdown;
mod scenario;
mod sla;

pub use breadcrumb::{Breadcrumb, Reference};
pub use calendar::Calendar;
pub use date::Date;
pub use field::{Field, FieldKind};
pub use limits::{MAX_NAME_CHARS, MAX_SECTION_PARTS};
pub use markdown::references;
pub use scenario::{Answers, Expect, Scenario, StepAnswers};
pub use sla::{Sla, SlaError, SlaUnit};

use std::ops::Range;
use toml::Spanned;

/// Byte range into a source file.
pub type Span = Range<usize>;

/// One procedure file, as far as it could be read. Fields that were missing or malformed are
/// `None`; the loader has already recorded a `schema` problem for them.
#[derive(Debug, Default)]
pub struct Procedure {
    /// Index of the file in [`crate::load::KnowledgeBase::files`].
    pub file: usize,
    /// Path under `procedures/` without `.toml`, with `/` separators.
    pub slug: String,
    pub title: Option<Spanned<String>>,
    pub section: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub owner: Option<Spanned<String>>,
    pub updated: Option<Spanned<Date>>,
    pub review_months: Option<Spanned<u32>>,
    pub tags: Vec<Spanned<String>>,
    /// The customer's own phrasings of the problem, for the search.
    pub aliases: Vec<Spanned<String>>,
    pub start: Option<Spanned<String>>,
    /// Steps in file order, which is the reading order.
    pub steps: Vec<Step>,
    /// The test cases of `sopbook test`, in file order.
    pub scenarios: Vec<Scenario>,
    /// Keys of the top-level table that were present but invalid (already reported).
    pub invalid_keys: Vec<&'static str>,
}

impl Procedure {
    /// The `src` of every step's `image`, with the ID of its step.
    pub fn image_sources(&self) -> impl Iterator<Item = (&str, &Spanned<String>)> {
        self.steps.iter().flat_map(|step| {
            step.images.iter().filter_map(move |i| Some((step.id.get_ref().as_str(), i.src.as_ref()?)))
        })
    }

    /// Every Markdown text of the procedure with the ID of its step: the `summary` (no step),
    /// then each step's `title`, `text`, `note` and `warning`.
    pub fn markdown_texts(&self) -> impl Iterator<Item = (Option<&str>, &Spanned<String>)> {
        let summary = self.summary.iter().map(|s| (None, s));
        let steps = self
            .steps
            .iter()
            .flat_map(|step| step.markdown_fields().map(move |t| (Some(step.id.get_ref().as_str()), t)));
        summary.chain(steps)
    }

    /// `section > title`, when both are present.
    pub fn breadcrumb(&self) -> Option<Breadcrumb> {
        let (section, title) = (self.section.as_ref()?, self.title.as_ref()?);
        Some(Breadcrumb::of_procedure(section.get_ref(), title.get_ref()))
    }

    /// Index of the step with this ID.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id.get_ref() == id)
    }

    /// The step where reading starts: `start` if given, else the first step. `None` when `start`
    /// names a step that does not exist (that is an `unknown-step` finding).
    pub fn start_index(&self) -> Option<usize> {
        match &self.start {
            Some(start) => self.step_index(start.get_ref()),
            None => (!self.steps.is_empty()).then_some(0),
        }
    }
}

/// What a step does, derived from which of `next`, `branches`, `end` it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Action,
    Decision,
    Resolution,
    Escalation,
    /// More than one of `next`, `branches`, `end` (a `mixed-step` finding).
    Mixed,
    /// None of them (a `dead-end` finding), or only invalid ones.
    Incomplete,
}

impl StepKind {
    /// The name pages, templates and `guided.js` use; both unfinished kinds show as `broken`.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Action => "action",
            StepKind::Decision => "decision",
            StepKind::Resolution => "resolution",
            StepKind::Escalation => "escalation",
            StepKind::Mixed | StepKind::Incomplete => "broken",
        }
    }
}

// By hand, because two variants share one name, which a derive cannot say.
impl serde::Serialize for StepKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    Resolution,
    Escalation,
}

#[derive(Debug)]
pub struct Step {
    /// The ID, spanning the key in `[steps.ID]`.
    pub id: Spanned<String>,
    /// Where the step begins: the whole `[steps.ID]` header, for findings about the step itself.
    pub span: Span,
    pub title: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub warning: Option<Spanned<String>>,
    pub see: Vec<Spanned<String>>,
    pub images: Vec<Image>,
    pub next: Option<Spanned<String>>,
    pub branches: Option<Spanned<Vec<Branch>>>,
    pub end: Option<Spanned<EndKind>>,
    pub to: Option<Spanned<String>>,
    pub sla: Option<Spanned<String>>,
    pub via: Option<Spanned<String>>,
    pub fields: Vec<Field>,
    /// Keys present but invalid (already reported as `schema`), so other rules stay quiet on them.
    pub invalid_keys: Vec<&'static str>,
}

impl Step {
    pub fn new(id: Spanned<String>) -> Self {
        Step {
            span: id.span(),
            id,
            title: None,
            text: None,
            note: None,
            warning: None,
            see: Vec::new(),
            images: Vec::new(),
            next: None,
            branches: None,
            end: None,
            to: None,
            sla: None,
            via: None,
            fields: Vec::new(),
            invalid_keys: Vec::new(),
        }
    }

    pub fn kind(&self) -> StepKind {
        let present = [self.next.is_some(), self.branches.is_some(), self.end.is_some()];
        match present.iter().filter(|p| **p).count() {
            0 => StepKind::Incomplete,
            1 if self.next.is_some() => StepKind::Action,
            1 if self.branches.is_some() => StepKind::Decision,
            1 => match self.end.as_ref().map(|e| *e.get_ref()) {
                Some(EndKind::Resolution) => StepKind::Resolution,
                _ => StepKind::Escalation,
            },
            _ => StepKind::Mixed,
        }
    }

    pub fn is_invalid(&self, key: &str) -> bool {
        self.invalid_keys.contains(&key)
    }

    /// The IDs this step leads to, with their spans, in order.
    pub fn targets(&self) -> Vec<&Spanned<String>> {
        let mut targets: Vec<_> = self.next.iter().collect();
        if let Some(branches) = &self.branches {
            targets.extend(branches.get_ref().iter().filter_map(|b| b.next.as_ref()));
        }
        targets
    }

    /// The Markdown texts of the step, where `[[…]]` references live.
    pub fn markdown_fields(&self) -> impl Iterator<Item = &Spanned<String>> {
        [&self.title, &self.text, &self.note, &self.warning].into_iter().flatten()
    }
}

#[derive(Debug)]
pub struct Branch {
    pub when: Option<Spanned<String>>,
    pub next: Option<Spanned<String>>,
    /// The whole `{ when = …, next = … }`.
    pub span: Span,
}

#[derive(Debug)]
pub struct Image {
    pub src: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
    /// Shown under the image; the alt text when absent.
    pub caption: Option<Spanned<String>>,
    pub span: Span,
}

/// A manual that still lives only in Qualitor, from `manuals.toml`.
#[derive(Debug)]
pub struct Manual {
    pub path: Spanned<String>,
    pub url: Option<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::StepKind;

    #[test]
    fn a_kind_serialises_as_its_name() {
        let kinds = [
            StepKind::Action,
            StepKind::Decision,
            StepKind::Resolution,
            StepKind::Escalation,
            StepKind::Mixed,
            StepKind::Incomplete,
        ];
        let names: Vec<String> = kinds.iter().map(|k| serde_json::to_value(k).unwrap().to_string()).collect();
        assert_eq!(
            names,
            ["\"action\"", "\"decision\"", "\"resolution\"", "\"escalation\"", "\"broken\"", "\"broken\""]
        );
    }
}
