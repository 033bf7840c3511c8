//! `sopbook test`: walks every scenario of every procedure and reports as `cargo test` does, in
//! rustc-style diagnostics, JSON or JUnit XML; `--coverage` adds which answers the walks take.

mod coverage;
mod human;
mod json;
mod junit;

use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;

use super::lint::Color;
use super::{FINDINGS, SUCCESS, print};
use crate::lint::{Finding, load_finding, scenario_finding};
use crate::load::{KnowledgeBase, ProblemKind};
use crate::model::Procedure;
use crate::scenarios::{self, Coverage, Walk};
use crate::t;

#[derive(clap::Args)]
pub struct Args {
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(default_value = ".")]
    root: PathBuf,
    /// Run only the scenarios whose `procedure :: name` contains this text.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Also report which answers of which decisions the scenarios take.
    #[arg(long)]
    coverage: bool,
    /// How to print the results: `human`, one line per scenario, then each failure as rustc does,
    /// then a summary; `json`, one JSON object: every scenario with its walk, and the coverage
    /// with `--coverage`; `junit`, JUnit XML, one test suite per procedure, which CI systems show.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    // One line per scenario, then each failure as rustc does, then a summary.
    Human,
    // One JSON object: every scenario with its walk, and the coverage with `--coverage`.
    Json,
    // JUnit XML, one test suite per procedure, which CI systems show.
    Junit,
}

/// One scenario's result.
pub struct Case {
    /// Index into `kb.procedures`.
    pub procedure: usize,
    /// Index into the procedure's `scenarios`.
    pub index: usize,
    pub name: String,
    /// `None` when the scenario could not be read.
    pub walk: Option<Walk>,
    /// Why it failed (boxed: most cases pass, and a `Finding` is large).
    pub failure: Option<Box<Finding>>,
}

impl Case {
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }

    /// `certificado-digital/a1/perda-do-backup-a1 :: Máquina formatada`.
    pub fn full_name(&self, kb: &KnowledgeBase) -> String {
        format!("{} :: {}", kb.procedures[self.procedure].slug, self.name)
    }
}

/// Every result of a run.
pub struct Run {
    pub cases: Vec<Case>,
    /// Procedure files that could not be read: their scenarios could not run.
    pub unreadable: Vec<Finding>,
    /// Scenarios left out by `--filter`.
    pub filtered: usize,
    /// Per procedure with decisions or scenarios, with `--coverage`.
    pub coverage: Vec<(usize, Coverage)>,
}

impl Run {
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.passed()).count()
    }

    pub fn failed(&self) -> usize {
        self.cases.len() - self.passed()
    }

    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.unreadable.is_empty()
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    let run = test(&kb, args.filter.as_deref(), args.coverage);
    let text = match args.format {
        Format::Human => human::report(&kb, &run, args.color.on_stdout()),
        Format::Json => json::report(&kb, &run),
        Format::Junit => junit::report(&kb, &run),
    };
    print(&text);
    Ok(if run.ok() { SUCCESS } else { FINDINGS })
}

/// Walks the scenarios of every procedure (in parallel), in file order.
pub fn test(kb: &KnowledgeBase, filter: Option<&str>, with_coverage: bool) -> Run {
    let per_procedure: Vec<(Vec<Case>, usize, Option<Coverage>)> = kb
        .procedures
        .par_iter()
        .enumerate()
        .map(|(i, procedure)| test_procedure(kb, i, procedure, filter, with_coverage))
        .collect();
    let count = per_procedure.iter().map(|(cases, ..)| cases.len()).sum();
    let mut run =
        Run { cases: Vec::with_capacity(count), unreadable: unreadable(kb), filtered: 0, coverage: Vec::new() };
    for (i, (cases, filtered, coverage)) in per_procedure.into_iter().enumerate() {
        run.cases.extend(cases);
        run.filtered += filtered;
        run.coverage
            .extend(coverage.filter(|c| c.branches > 0 || !kb.procedures[i].scenarios.is_empty()).map(|c| (i, c)));
    }
    run
}

fn test_procedure(
    kb: &KnowledgeBase,
    i: usize,
    procedure: &Procedure,
    filter: Option<&str>,
    with_coverage: bool,
) -> (Vec<Case>, usize, Option<Coverage>) {
    let mut cases = Vec::with_capacity(procedure.scenarios.len());
    let mut filtered = 0;
    let steps = scenarios::Steps::new(procedure);
    for (index, scenario) in procedure.scenarios.iter().enumerate() {
        let name = scenario.display_name(index);
        if filter.is_some_and(|f| !format!("{} :: {name}", procedure.slug).contains(f)) {
            filtered += 1;
            continue;
        }
        let walk = (!scenario.invalid).then(|| scenarios::walk_in(&steps, scenario));
        let failure = match &walk {
            Some(walk) => scenarios::explain(procedure, index, scenario, walk)
                .map(|e| Box::new(scenario_finding(procedure.file, e))),
            None => Some(Box::new(unread_scenario(kb, procedure, index))),
        };
        cases.push(Case { procedure: i, index, name, walk, failure });
    }
    // Coverage counts every scenario's walk, not only those the filter kept.
    let coverage = with_coverage.then(|| {
        if filtered == 0 {
            return scenarios::coverage(procedure, cases.iter().filter_map(|c| c.walk.as_ref()));
        }
        let walks = scenarios::walks(procedure);
        scenarios::coverage(procedure, walks.iter().flatten())
    });
    (cases, filtered, coverage)
}

/// The `schema` problem that kept a scenario from being read, as its failure.
fn unread_scenario(kb: &KnowledgeBase, procedure: &Procedure, index: usize) -> Finding {
    let scenario = &procedure.scenarios[index];
    let inside = |span: &crate::model::Span| span.start >= scenario.span.start && span.end <= scenario.span.end;
    let problem = kb.problems.iter().find(|p| p.file == procedure.file && inside(&p.span));
    match problem {
        Some(problem) => load_finding(problem),
        None => {
            let message = t!("test-unread-scenario", name = scenario.display_name(index));
            Finding::new(crate::lint::RuleId::Schema, procedure.file, scenario.anchor(), message)
                .help(t!("test-unread-scenario.help"))
        }
    }
}

/// Procedure files that are not TOML or could not be read: nothing of them can be walked.
fn unreadable(kb: &KnowledgeBase) -> Vec<Finding> {
    let procedure_file = |file: usize| kb.files[file].path.starts_with("procedures/");
    kb.problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::TomlSyntax | ProblemKind::Unreadable) && procedure_file(p.file))
        .map(load_finding)
        .collect()
}

#[cfg(test)]
mod tests;
