//! The linter: a registry of rules, one per file under `rules/`, run over a loaded knowledge base.
//! Procedure rules run in parallel, one procedure per task; knowledge-base rules run after them.

pub mod graph;
pub mod report;
pub mod rules;
mod severity;
mod within;

use rayon::prelude::*;

use crate::load::{KnowledgeBase, SourceFile};
use crate::model::{Date, Procedure, Span};
pub use graph::StepGraph;
pub use rules::RULES;
pub use severity::Severity;
pub use within::{span_within, spans_within};

/// What a rule is, for `sopbook rules`, the book and SARIF.
#[derive(Debug)]
pub struct RuleMeta {
    /// The stable id, as in `sopbook.toml [lint]` and in the output.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown: what it finds, why it matters, a failing example, the fix.
    pub doc: &'static str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one procedure. Runs in parallel with the other procedures.
    fn check_procedure(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks what spans the whole knowledge base (duplicates, load problems).
    fn check_knowledge_base(&self, _kb: &KnowledgeBase, _out: &mut Vec<Finding>) {}
}

/// One procedure and what rules need around it, built once and shared by every rule.
pub struct Context<'a> {
    pub kb: &'a KnowledgeBase,
    /// Index into `kb.procedures`.
    pub index: usize,
    pub procedure: &'a Procedure,
    pub file: &'a SourceFile,
    pub graph: StepGraph,
    /// Today's date, read once per run (see [`crate::load::today`]).
    pub today: Date,
}

impl Context<'_> {
    pub fn finding(&self, rule: &'static RuleMeta, span: Span, message: String) -> Finding {
        Finding::new(rule.id, self.procedure.file, span, message)
    }
}

/// A place where something else relevant stands (the first of two duplicates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: usize,
    pub span: Span,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    /// Set from the rule's default and `sopbook.toml [lint]` once all rules have run.
    pub severity: Severity,
    pub file: usize,
    pub span: Span,
    pub message: String,
    /// Said under the underline.
    pub label: Option<String>,
    /// The `= help:` line: how to fix it.
    pub help: Option<String>,
    /// The step the finding belongs to.
    pub step: Option<String>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn new(rule: &'static str, file: usize, span: Span, message: String) -> Self {
        Finding {
            rule,
            severity: Severity::Error,
            file,
            span,
            message,
            label: None,
            help: None,
            step: None,
            related: Vec::new(),
        }
    }

    pub fn step(mut self, id: &str) -> Self {
        self.step = Some(id.to_string());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn related(mut self, file: usize, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related { file, span, label: label.into() });
        self
    }
}

/// The result of a lint run.
#[derive(Debug)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// How many procedure files were checked, for the summary line.
    pub procedures: usize,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }
}

pub fn find_rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// Runs every rule and returns the findings in file order, with severities applied.
pub fn run(kb: &KnowledgeBase) -> Outcome {
    run_on(kb, crate::load::today())
}

/// [`run`] with a fixed "today", for reproducible output.
pub fn run_on(kb: &KnowledgeBase, today: Date) -> Outcome {
    let findings =
        kb.procedures.par_iter().enumerate().flat_map_iter(|(i, _)| procedure_findings(kb, i, today)).collect();
    finish(kb, findings)
}

/// What the procedure rules find in procedure `index`.
fn procedure_findings(kb: &KnowledgeBase, index: usize, today: Date) -> Vec<Finding> {
    let procedure = &kb.procedures[index];
    let cx = Context { kb, index, procedure, file: kb.file_of(procedure), graph: StepGraph::build(procedure), today };
    let mut out = Vec::new();
    for rule in RULES {
        rule.check_procedure(&cx, &mut out);
    }
    out
}

/// Adds what the knowledge-base rules find, applies the severities and sorts.
fn finish(kb: &KnowledgeBase, mut findings: Vec<Finding>) -> Outcome {
    for rule in RULES {
        rule.check_knowledge_base(kb, &mut findings);
    }
    let severities = severity::Severities::from_config(kb, &mut findings);
    findings.retain_mut(|f| match severities.of(f.rule) {
        Some(level) => {
            f.severity = level;
            true
        }
        None => false,
    });
    findings.sort_by(|a, b| (a.file, a.span.start, a.rule).cmp(&(b.file, b.span.start, b.rule)));
    findings.dedup();
    let procedures = kb.files.iter().filter(|f| f.path.starts_with("procedures/")).count();
    Outcome { findings, procedures }
}

/// A lint run that keeps each procedure's findings, so that after an edit only the edited
/// procedures are checked again (with the knowledge-base rules), as `serve` needs. Procedure
/// rules look at other procedures only through their breadcrumbs and step IDs: an edit that
/// changes those needs [`Incremental::new`] again.
pub struct Incremental {
    per_procedure: Vec<Vec<Finding>>,
    today: Date,
}

impl Incremental {
    pub fn new(kb: &KnowledgeBase) -> (Incremental, Outcome) {
        let today = crate::load::today();
        let per_procedure: Vec<Vec<Finding>> =
            (0..kb.procedures.len()).into_par_iter().map(|i| procedure_findings(kb, i, today)).collect();
        let outcome = finish(kb, per_procedure.iter().flatten().cloned().collect());
        (Incremental { per_procedure, today }, outcome)
    }

    /// Checks again the procedures at `changed` (indices into `kb.procedures`, whose number has
    /// not changed); on a new day, all of them.
    pub fn rerun(&mut self, kb: &KnowledgeBase, changed: &[usize]) -> Outcome {
        if self.today != crate::load::today() || self.per_procedure.len() != kb.procedures.len() {
            let (fresh, outcome) = Incremental::new(kb);
            *self = fresh;
            return outcome;
        }
        for &i in changed {
            self.per_procedure[i] = procedure_findings(kb, i, self.today);
        }
        finish(kb, self.per_procedure.iter().flatten().cloned().collect())
    }
}

/// Findings of one knowledge base given as in-memory files, for tests.
#[doc(hidden)]
pub fn lint_files(files: &[(&str, &str)]) -> Vec<Finding> {
    let kb = KnowledgeBase::from_memory(files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect());
    run(&kb).findings
}
