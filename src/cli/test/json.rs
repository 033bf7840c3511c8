//! One JSON object: every scenario with its walk and failure, the summary, and with
//! `--coverage` the branches per procedure.

use serde::Serialize;

use super::{Case, Run};
use crate::lint::Finding;
use crate::load::KnowledgeBase;
use crate::scenarios::Coverage;

#[derive(Serialize)]
struct Report<'a> {
    passed: usize,
    failed: usize,
    filtered: usize,
    /// Procedure files that could not be read, as `lint --format json` prints findings.
    unreadable: Vec<Diagnostic<'a>>,
    scenarios: Vec<Scenario<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<CoverageReport<'a>>,
}

#[derive(Serialize)]
struct Scenario<'a> {
    procedure: &'a str,
    file: &'a str,
    name: &'a str,
    line: usize,
    column: usize,
    outcome: &'static str,
    /// The steps met, with the answer given at each decision.
    path: Vec<Visit<'a>>,
    /// The terminal the walk ended at.
    reached: Option<&'a str>,
    failure: Option<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Visit<'a> {
    step: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<&'a str>,
}

#[derive(Serialize)]
struct CoverageReport<'a> {
    branches: usize,
    covered: usize,
    /// `null` when no procedure has a decision.
    percent: Option<f64>,
    procedures: Vec<ProcedureCoverage<'a>>,
}

#[derive(Serialize)]
struct ProcedureCoverage<'a> {
    procedure: &'a str,
    file: &'a str,
    branches: usize,
    covered: usize,
    percent: Option<f64>,
    missed: Vec<Missed<'a>>,
}

#[derive(Serialize)]
struct Missed<'a> {
    step: &'a str,
    answer: &'a str,
    line: usize,
    column: usize,
}

pub fn report(kb: &KnowledgeBase, run: &Run) -> String {
    let report = Report {
        passed: run.passed(),
        failed: run.failed(),
        filtered: run.filtered,
        unreadable: run.unreadable.iter().map(|f| diagnostic(kb, f)).collect(),
        scenarios: run.cases.iter().map(|c| scenario(kb, c)).collect(),
        coverage: (!run.coverage.is_empty()).then(|| coverage(kb, &run.coverage)),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("a report always serialises");
    text.push('\n');
    text
}

fn scenario<'a>(kb: &'a KnowledgeBase, case: &'a Case) -> Scenario<'a> {
    let procedure = &kb.procedures[case.procedure];
    let file = &kb.files[procedure.file];
    let (line, column) = file.line_col(procedure.scenarios[case.index].anchor().start);
    let id = |step: usize| procedure.steps[step].id.get_ref().as_str();
    let path = case.walk.iter().flat_map(|w| &w.path).map(|visit| Visit {
        step: id(visit.step),
        answer: visit.branch.and_then(|b| {
            let when = procedure.steps[visit.step].branches.as_ref()?.get_ref()[b].when.as_ref()?;
            Some(when.get_ref().as_str())
        }),
    });
    Scenario {
        procedure: &procedure.slug,
        file: &file.path,
        name: &case.name,
        line,
        column,
        outcome: if case.passed() { "passed" } else { "failed" },
        path: path.collect(),
        reached: case.walk.as_ref().and_then(|w| w.reached).map(id),
        failure: case.failure.as_ref().map(|f| diagnostic(kb, f)),
    }
}

fn diagnostic<'a>(kb: &'a KnowledgeBase, finding: &'a Finding) -> Diagnostic<'a> {
    let file = &kb.files[finding.file];
    let (line, column) = file.line_col(finding.span.start);
    Diagnostic {
        rule: finding.rule.as_str(),
        file: &file.path,
        line,
        column,
        message: &finding.message,
        help: finding.help.as_deref(),
        step: finding.step.as_deref(),
    }
}

fn coverage<'a>(kb: &'a KnowledgeBase, per_procedure: &'a [(usize, Coverage)]) -> CoverageReport<'a> {
    let procedures: Vec<ProcedureCoverage<'a>> = per_procedure
        .iter()
        .map(|(i, coverage)| {
            let procedure = &kb.procedures[*i];
            let file = &kb.files[procedure.file];
            let missed = coverage.missed.iter().filter_map(|&(step, branch)| {
                let step = &procedure.steps[step];
                let when = step.branches.as_ref()?.get_ref()[branch].when.as_ref()?;
                let (line, column) = file.line_col(when.span().start);
                Some(Missed { step: step.id.get_ref(), answer: when.get_ref(), line, column })
            });
            ProcedureCoverage {
                procedure: &procedure.slug,
                file: &file.path,
                branches: coverage.branches,
                covered: coverage.covered(),
                percent: coverage.percent().map(round),
                missed: missed.collect(),
            }
        })
        .collect();
    let total = Coverage::sum(per_procedure.iter().map(|(_, c)| c));
    CoverageReport {
        branches: total.branches,
        covered: total.covered(),
        percent: total.percent().map(round),
        procedures,
    }
}

/// Two decimals, as the human table shows.
fn round(percent: f64) -> f64 {
    (percent * 100.0).round() / 100.0
}
