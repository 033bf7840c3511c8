//! The coverage table, as `cargo llvm-cov` prints its summary: one row per procedure, a total,
//! then every answer no scenario takes, with where it is written.

use super::Run;
use crate::load::KnowledgeBase;
use crate::scenarios::Coverage;
use crate::text::escape_controls;

pub fn table(kb: &KnowledgeBase, run: &Run) -> String {
    let rows: Vec<(String, &Coverage)> =
        run.coverage.iter().map(|(i, c)| (escape_controls(&kb.procedures[*i].slug), c)).collect();
    let width = rows.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0).max("Procedure".len());
    let mut out = format!("{:width$}  {:>8}  {:>6}  {:>7}\n", "Procedure", "Branches", "Missed", "Cover");
    out.push_str(&format!("{}\n", "-".repeat(width + 29)));
    for (name, coverage) in &rows {
        out.push_str(&row(name, width, coverage));
    }
    out.push_str(&format!("{}\n", "-".repeat(width + 29)));
    out.push_str(&row("TOTAL", width, &Coverage::sum(rows.iter().map(|(_, c)| *c))));
    let untested = untested(kb, run);
    if !untested.is_empty() {
        out.push_str("\nanswers no scenario takes:\n");
        out.push_str(&untested);
    }
    out
}

fn row(name: &str, width: usize, coverage: &Coverage) -> String {
    let (branches, missed) = (coverage.branches, coverage.missed.len());
    format!("{name:width$}  {branches:>8}  {missed:>6}  {:>7}\n", percent(coverage))
}

/// `66.67%`, or `-` when there is nothing to cover (as llvm-cov shows it).
fn percent(coverage: &Coverage) -> String {
    coverage.percent().map_or_else(|| "-".into(), |p| format!("{p:.2}%"))
}

/// `  procedures/x.toml:12:5  acesso-maquina → "Sim"`, one line per answer no walk takes.
fn untested(kb: &KnowledgeBase, run: &Run) -> String {
    let mut out = String::new();
    for (i, coverage) in &run.coverage {
        let procedure = &kb.procedures[*i];
        let file = &kb.files[procedure.file];
        for &(step, branch) in &coverage.missed {
            let step = &procedure.steps[step];
            let Some(when) = step.branches.as_ref().and_then(|b| b.get_ref()[branch].when.as_ref()) else { continue };
            let (line, column) = file.line_col(when.span().start);
            let place = format!("{}:{line}:{column}", file.path);
            let answer = format!("{} → \"{}\"", step.id.get_ref(), when.get_ref());
            out.push_str(&format!("  {}  {}\n", escape_controls(&place), escape_controls(&answer)));
        }
    }
    out
}
