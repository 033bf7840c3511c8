//! The linter: a registry of rules, one per file under `rules/`, run over a loaded knowledge base.
//! Procedure rules run in parallel, one procedure per task; knowledge-base rules run after them.
//! Each rule is declared once (see `declare.rs`), and its id is a [`RuleId`], never a string.

mod declare;
pub mod graph;
mod overrides;
pub mod report;
pub mod rules;
mod severity;
mod within;

use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;

use crate::load::{KnowledgeBase, Problem, ProblemKind, SourceFile};
use crate::model::{Date, Procedure, Span};
use crate::timeline::Timeline;
pub use graph::StepGraph;
pub use rules::{RULES, RuleId};
pub use severity::{Level, Severity};
pub use within::{span_within, spans_within};

/// What a rule is, for `sopbook rules`, the book and SARIF. Made by `declare_rule!`.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: RuleId,
    /// `id` as users write it; read through [`RuleId::as_str`].
    text: &'static str,
    /// `allow` for a rule that only runs when a knowledge base turns it on.
    pub default_level: Level,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown: what it finds, why it matters, a failing example, the fix.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The files of the failing example of the doc, as `(path, text)` (see
    /// `declare::example_files`). A test lints them and expects the rule to fire.
    pub fn example(&self) -> Vec<(String, String)> {
        declare::example_files(self.doc)
    }
}

impl RuleId {
    /// The stable id, as in `sopbook.toml [lint]` and in every output: `dead-end`.
    pub fn as_str(self) -> &'static str {
        self.meta().text
    }

    /// The rule whose id is `id`, as users write it.
    pub fn parse(id: &str) -> Option<RuleId> {
        RULES.iter().copied().find(|r| r.as_str() == id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What a rule checks. Its id, severity and doc come from its `declare_rule!`.
pub trait Rule: Sync {
    /// Checks one procedure. Runs in parallel with the other procedures.
    fn check_procedure(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks what spans the whole knowledge base (duplicates, names).
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
    /// The git history, when the caller read it (`build`, `lint`, `serve`).
    pub history: Option<&'a crate::timeline::Timeline>,
    /// The walks of the procedure's scenarios, made by the first rule that asks.
    walks: std::cell::OnceCell<Vec<Option<crate::scenarios::Walk>>>,
}

impl Context<'_> {
    /// The walk of each scenario, in file order (`None` for one that could not be read).
    pub fn walks(&self) -> &[Option<crate::scenarios::Walk>] {
        self.walks.get_or_init(|| crate::scenarios::walks(self.procedure))
    }

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
    pub rule: RuleId,
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
    /// A finding of `rule`, an error until severities are applied. The id is typed, so that a
    /// misspelt one cannot compile (a string once did, and its findings were silently dropped):
    ///
    /// ```
    /// use sopbook::lint::{Finding, RuleId};
    /// let finding = Finding::new(RuleId::DeadEnd, 0, 0..0, "step `a` leads nowhere".into());
    /// assert_eq!(finding.rule.to_string(), "dead-end");
    /// ```
    ///
    /// ```compile_fail
    /// let _ = sopbook::lint::Finding::new("dead-end", 0, 0..0, String::new());
    /// ```
    pub fn new(rule: RuleId, file: usize, span: Span, message: String) -> Self {
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

    /// [`Finding::step`] for a text that may be the procedure's own (no step).
    pub fn step_opt(mut self, id: Option<&str>) -> Self {
        self.step = id.map(str::to_string);
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

/// Runs every rule and returns the findings in file order, with severities applied.
pub fn run(kb: &KnowledgeBase) -> Outcome {
    run_on(kb, crate::load::today())
}

/// [`run`] with a fixed "today", for reproducible output.
pub fn run_on(kb: &KnowledgeBase, today: Date) -> Outcome {
    run_with(kb, today, None)
}

/// [`run_on`] with the git history, for the rules that look at it.
pub fn run_with(kb: &KnowledgeBase, today: Date, history: Option<&Timeline>) -> Outcome {
    let rules = enabled(kb);
    let findings = kb
        .procedures
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, _)| procedure_findings(kb, i, today, history, &rules))
        .collect();
    finish(kb, findings)
}

/// The rules that run: one set to `allow` (by default, or in `[lint]`) would have its findings
/// dropped by [`finish`], so it is not run at all (its messages are not formatted for nothing).
/// A change of `sopbook.toml` reloads the whole base, and with it this list.
fn enabled(kb: &KnowledgeBase) -> Vec<RuleId> {
    let severities = overrides::Severities::from_config(kb, &mut Vec::new());
    RULES.iter().copied().filter(|&rule| severities.of(rule).is_some()).collect()
}

/// What the procedure rules in `rules` find in procedure `index`.
fn procedure_findings(
    kb: &KnowledgeBase,
    index: usize,
    today: Date,
    history: Option<&Timeline>,
    rules: &[RuleId],
) -> Vec<Finding> {
    let procedure = &kb.procedures[index];
    let graph = StepGraph::build(procedure);
    let file = kb.file_of(procedure);
    let cx = Context { kb, index, procedure, file, graph, today, history, walks: Default::default() };
    let mut out = Vec::new();
    for id in rules {
        id.rule().check_procedure(&cx, &mut out);
    }
    out
}

/// Adds the load problems and what the knowledge-base rules find, applies the severities (a rule
/// set to `allow` drops its findings) and sorts.
fn finish(kb: &KnowledgeBase, mut findings: Vec<Finding>) -> Outcome {
    findings.extend(kb.problems.iter().map(load_finding));
    let severities = overrides::Severities::from_config(kb, &mut findings);
    for id in RULES.iter().filter(|&&rule| severities.of(rule).is_some()) {
        id.rule().check_knowledge_base(kb, &mut findings);
    }
    findings.retain_mut(|f| match severities.of(f.rule) {
        Some(level) => {
            f.severity = level;
            true
        }
        None => false,
    });
    // By the id's text, as before ids were typed: the order of the output does not change.
    findings.sort_by(|a, b| (a.file, a.span.start, a.rule.as_str()).cmp(&(b.file, b.span.start, b.rule.as_str())));
    findings.dedup();
    let procedures = kb.files.iter().filter(|f| f.path.starts_with("procedures/")).count();
    Outcome { findings, procedures }
}

/// A failed scenario (see [`crate::scenarios::explain`]) as a `failing-scenario` finding.
pub(crate) fn scenario_finding(file: usize, explained: crate::scenarios::Explained) -> Finding {
    let mut finding = Finding::new(RuleId::FailingScenario, file, explained.span, explained.message)
        .help_opt(explained.help)
        .step_opt(explained.step.as_deref());
    finding.label = explained.label;
    for (span, label) in explained.related {
        finding = finding.related(file, span, label);
    }
    finding
}

/// A problem of the loader as a finding of the rule that reports it.
pub(crate) fn load_finding(problem: &Problem) -> Finding {
    let rule = match problem.kind {
        ProblemKind::TomlSyntax => RuleId::TomlSyntax,
        ProblemKind::Schema => RuleId::Schema,
        ProblemKind::Unreadable => RuleId::Unreadable,
        ProblemKind::UnsafeUrl => RuleId::UnsafeUrl,
    };
    Finding::new(rule, problem.file, problem.span.clone(), problem.message.clone())
        .help_opt(problem.help.clone())
        .step_opt(problem.step.as_deref())
}

/// A lint run that keeps each procedure's findings, so that after an edit only the edited
/// procedures are checked again (with the knowledge-base rules), as `serve` needs. Procedure
/// rules look at other procedures only through their breadcrumbs and step IDs: an edit that
/// changes those needs [`Incremental::new`] again.
pub struct Incremental {
    per_procedure: Vec<Vec<Finding>>,
    rules: Vec<RuleId>,
    today: Date,
    history: Option<Arc<Timeline>>,
}

impl Incremental {
    pub fn new(kb: &KnowledgeBase) -> (Incremental, Outcome) {
        Incremental::with_history(kb, None)
    }

    /// [`Incremental::new`] with the git history.
    pub fn with_history(kb: &KnowledgeBase, history: Option<Arc<Timeline>>) -> (Incremental, Outcome) {
        let today = crate::load::today();
        let rules = enabled(kb);
        let per_procedure: Vec<Vec<Finding>> = (0..kb.procedures.len())
            .into_par_iter()
            .map(|i| procedure_findings(kb, i, today, history.as_deref(), &rules))
            .collect();
        let outcome = finish(kb, per_procedure.iter().flatten().cloned().collect());
        (Incremental { per_procedure, rules, today, history }, outcome)
    }

    pub fn history(&self) -> Option<Arc<Timeline>> {
        self.history.clone()
    }

    /// The history read again after an edit; [`Incremental::rerun`] checks with it.
    pub fn set_history(&mut self, history: Option<Arc<Timeline>>) {
        self.history = history;
    }

    /// Checks again the procedures at `changed` (indices into `kb.procedures`, whose number has
    /// not changed); on a new day, all of them.
    pub fn rerun(&mut self, kb: &KnowledgeBase, changed: &[usize]) -> Outcome {
        if self.today != crate::load::today() || self.per_procedure.len() != kb.procedures.len() {
            let (fresh, outcome) = Incremental::with_history(kb, self.history.take());
            *self = fresh;
            return outcome;
        }
        for &i in changed {
            self.per_procedure[i] = procedure_findings(kb, i, self.today, self.history.as_deref(), &self.rules);
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
