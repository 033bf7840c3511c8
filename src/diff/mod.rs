//! What changed between two versions of a procedure, or of a whole knowledge base, in the
//! editors' terms: steps added or removed, an answer that now leads elsewhere, an escalation's
//! new sector, words of a text. Pure: texts come in, structured [`Change`]s come out; the caller
//! reads git or disk. [`human`] and [`markdown`] show a [`BaseDiff`]; serde gives its JSON.
//!
//! # JSON
//!
//! `BaseDiff` serializes as `{"added": [Entry], "removed": [Entry], "renamed": [Renamed],
//! "changed": [Changed]}`, each list sorted by path (`renamed` by its new path). An `Entry` is
//! `{"path", "breadcrumb", "title"}` (the last two `null` when the file could not be read); a
//! `Renamed` is `{"from", "to", "by_file", "by_breadcrumb", "changes"}`; a `Changed` is
//! `{"path", "breadcrumb", "changes"}`. Each change is an object whose `kind` names it
//! (`"rerouted"`, `"step-added"`…, the kebab-case of the [`Change`] variant) with the variant's
//! fields beside it; a step's or a ticket field's own kind is `step_kind` or `field_kind`, since
//! `kind` names the change. A step is `{"id", "number", "title"}`; a word diff is a list of
//! `{"same": "…"}`, `{"removed": "…"}`, `{"added": "…"}`. These names are stable.
//!
//! # Step numbers
//!
//! A step's number is its 1-based position in file order, as the site shows it: in the new
//! version when the step is still there, else in the old one. `null` when the ID names no step.

/// [`crate::t!`] in a given language: a diff is worded in the language it is asked for (the
/// site's, for its changes page), which need not be the command line's.
macro_rules! tr {
    ($language:expr, $id:literal) => {
        $crate::i18n::message_in($language, $id, &[])
    };
    ($language:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message_in($language, $id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

mod bases;
mod compare;
mod describe;
mod human;
mod markdown;
#[cfg(test)]
mod tests;
mod words;

use serde::Serialize;

pub use crate::load::config::Language;
pub use crate::model::{FieldKind, StepKind};
pub use bases::bases;
pub use compare::procedure;
pub use human::human;
pub use markdown::markdown;
pub use words::{Piece, html_words, words};

/// Every procedure file added, removed, renamed or changed between two knowledge bases.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BaseDiff {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub renamed: Vec<Renamed>,
    /// Only files with at least one change.
    pub changed: Vec<Changed>,
}

impl BaseDiff {
    /// Nothing added, removed, renamed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty() && self.changed.is_empty()
    }
}

/// A procedure file on one side of the diff.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    /// Relative to the knowledge base's root: `procedures/a/b.toml`.
    pub path: String,
    /// `Section > Title`, when the file could be read and has both.
    pub breadcrumb: Option<String>,
    pub title: Option<String>,
}

/// A procedure that moved to another file, got another breadcrumb, or both.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Renamed {
    pub from: Entry,
    pub to: Entry,
    /// The file changed (the path differs).
    pub by_file: bool,
    /// The breadcrumb changed. Both flags: the step graphs showed it is the same procedure.
    pub by_breadcrumb: bool,
    /// What changed inside, besides the title and section that the breadcrumbs already show.
    pub changes: Vec<Change>,
}

/// A procedure file at the same path, with the same breadcrumb, and at least one change.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Changed {
    pub path: String,
    pub breadcrumb: Option<String>,
    pub changes: Vec<Change>,
}

/// Which version of a file.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Old,
    New,
}

/// A step named by a change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StepRef {
    pub id: String,
    /// 1-based position in file order (see the module doc); `None` when no step has this ID.
    pub number: Option<usize>,
    pub title: Option<String>,
}

/// A text field of the procedure itself.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ProcedureField {
    Title,
    Section,
    Summary,
    Owner,
}

/// A Markdown text of a step.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StepField {
    Title,
    Text,
    Note,
    Warning,
}

/// An entry of an escalation's `fields`, as it reads.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TicketField {
    pub name: String,
    /// Declared, or inferred from the name.
    pub field_kind: FieldKind,
    pub required: bool,
}

/// An image of a step.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImageInfo {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// A test case, written back as TOML: `answers = ["Sim"]`, `expect = "resolvido"`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScenarioInfo {
    pub answers: String,
    pub expect: String,
}

/// One change, in the editors' terms. Steps, answers and values are kept as data;
/// [`Change::describe`] puts them into a sentence.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// One version is not a procedure file at all (not TOML): nothing else can be compared.
    Unreadable {
        side: Side,
        message: String,
    },
    /// `title`, `section`, `summary` or `owner`; `words` is empty unless both are present.
    MetadataChanged {
        field: ProcedureField,
        old: Option<String>,
        new: Option<String>,
        words: Vec<Piece>,
    },
    /// `updated`, as `YYYY-MM-DD`.
    UpdatedChanged {
        old: Option<String>,
        new: Option<String>,
    },
    ReviewChanged {
        old: Option<u32>,
        new: Option<u32>,
    },
    TagsChanged {
        added: Vec<String>,
        removed: Vec<String>,
    },
    AliasesChanged {
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// The step where reading starts (`start`, or the first step).
    StartChanged {
        old: Option<StepRef>,
        new: Option<StepRef>,
    },
    StepAdded {
        step: StepRef,
        step_kind: StepKind,
    },
    StepRemoved {
        step: StepRef,
        step_kind: StepKind,
    },
    /// The step changed place among the steps both versions have.
    StepMoved {
        step: StepRef,
        old_number: usize,
    },
    /// `title`, `text`, `note` or `warning` of a step; `words` is empty unless both are present.
    StepText {
        step: StepRef,
        field: StepField,
        old: Option<String>,
        new: Option<String>,
        words: Vec<Piece>,
    },
    /// Action, decision, resolution, escalation (or broken).
    KindChanged {
        step: StepRef,
        old: StepKind,
        new: StepKind,
    },
    /// An action's `next`.
    NextChanged {
        step: StepRef,
        old: Option<StepRef>,
        new: Option<StepRef>,
    },
    /// The answer `answer` of a decision leads elsewhere.
    Rerouted {
        step: StepRef,
        answer: String,
        old: Option<StepRef>,
        new: Option<StepRef>,
    },
    AnswerAdded {
        step: StepRef,
        answer: String,
        to: Option<StepRef>,
    },
    AnswerRemoved {
        step: StepRef,
        answer: String,
        to: Option<StepRef>,
    },
    /// The same branch (same target, or same place) with another `when`.
    AnswerRenamed {
        step: StepRef,
        old: String,
        new: String,
        to: Option<StepRef>,
    },
    /// The same answers in another order.
    AnswersReordered {
        step: StepRef,
        old: Vec<String>,
        new: Vec<String>,
    },
    /// An escalation's `to`.
    SectorChanged {
        step: StepRef,
        old: Option<String>,
        new: Option<String>,
    },
    SlaChanged {
        step: StepRef,
        old: Option<String>,
        new: Option<String>,
    },
    /// The procedure that opens the ticket (`via`).
    ViaChanged {
        step: StepRef,
        old: Option<String>,
        new: Option<String>,
    },
    FieldAdded {
        step: StepRef,
        field: TicketField,
    },
    FieldRemoved {
        step: StepRef,
        field: TicketField,
    },
    /// A ticket field of the same name with another kind or `required`.
    FieldChanged {
        step: StepRef,
        old: TicketField,
        new: TicketField,
    },
    /// A `[[…]]` in a step's texts, or in the summary (`step` is `None`), written as
    /// `Breadcrumb#step-id` without its shown text.
    ReferenceAdded {
        step: Option<StepRef>,
        target: String,
    },
    ReferenceRemoved {
        step: Option<StepRef>,
        target: String,
    },
    /// An entry of a step's `see`.
    SeeAdded {
        step: StepRef,
        target: String,
    },
    SeeRemoved {
        step: StepRef,
        target: String,
    },
    ImageAdded {
        step: StepRef,
        image: ImageInfo,
    },
    ImageRemoved {
        step: StepRef,
        image: ImageInfo,
    },
    /// The same `src` with another alt text or caption.
    ImageChanged {
        step: StepRef,
        old: ImageInfo,
        new: ImageInfo,
    },
    ScenarioAdded {
        name: String,
    },
    ScenarioRemoved {
        name: String,
    },
    ScenarioChanged {
        name: String,
        old: ScenarioInfo,
        new: ScenarioInfo,
    },
}

impl Change {
    /// The step the change belongs to, if any.
    pub fn step(&self) -> Option<&StepRef> {
        use Change::*;
        match self {
            StepAdded { step, .. }
            | StepRemoved { step, .. }
            | StepMoved { step, .. }
            | StepText { step, .. }
            | KindChanged { step, .. }
            | NextChanged { step, .. }
            | Rerouted { step, .. }
            | AnswerAdded { step, .. }
            | AnswerRemoved { step, .. }
            | AnswerRenamed { step, .. }
            | AnswersReordered { step, .. }
            | SectorChanged { step, .. }
            | SlaChanged { step, .. }
            | ViaChanged { step, .. }
            | FieldAdded { step, .. }
            | FieldRemoved { step, .. }
            | FieldChanged { step, .. }
            | SeeAdded { step, .. }
            | SeeRemoved { step, .. }
            | ImageAdded { step, .. }
            | ImageRemoved { step, .. }
            | ImageChanged { step, .. } => Some(step),
            ReferenceAdded { step, .. } | ReferenceRemoved { step, .. } => step.as_ref(),
            Unreadable { .. }
            | MetadataChanged { .. }
            | UpdatedChanged { .. }
            | ReviewChanged { .. }
            | TagsChanged { .. }
            | AliasesChanged { .. }
            | StartChanged { .. }
            | ScenarioAdded { .. }
            | ScenarioRemoved { .. }
            | ScenarioChanged { .. } => None,
        }
    }

    /// True when the change touches the step graph or the steps' texts, images and references,
    /// not only the procedure's metadata (title, section, summary, owner, `updated`, review
    /// cycle, tags, aliases) or its scenarios: for "steps changed without `updated` moved".
    /// An unreadable side says nothing either way: false.
    pub fn touches_steps(&self) -> bool {
        matches!(self, Change::StartChanged { .. }) || self.step().is_some()
    }
}
