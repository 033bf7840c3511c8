//! The coverage table, as `cargo llvm-cov` prints its summary: one row per procedure, a total,
//! then every answer no scenario takes, with where it is written.

use super::Run;
use crate::load::KnowledgeBase;
use crate::scenarios::Coverage;
use crate::t;
use crate::text::escape_controls;

pub fn table(kb: &KnowledgeBase, run: &Run) -> String {
    let rows: Vec<(String, &Coverage)> =
        run.coverage.iter().map(|(i, c)| (escape_controls(&kb.procedures[*i].slug), c)).collect();
    let headers = [
        t!("test-coverage-procedure"),
        t!("test-coverage-branches"),
        t!("test-coverage-missed"),
        t!("test-coverage-cover"),
    ];
    let chars = |text: &str| text.chars().count();
    let name = rows.iter().map(|(name, _)| chars(name)).max().unwrap_or(0).max(chars(&headers[0]));
    // The numbers' columns as wide as in llvm-cov's table, or as their header.
    let widths = Widths {
        name,
        branches: chars(&headers[1]).max(8),
        missed: chars(&headers[2]).max(6),
        cover: chars(&headers[3]).max(7),
    };
    let [procedure, branches, missed, cover] = &headers;
    let Widths { name: w, branches: b, missed: m, cover: c } = widths;
    let mut out = format!("{procedure:w$}  {branches:>b$}  {missed:>m$}  {cover:>c$}\n");
    let rule = "-".repeat(w + b + m + c + 8);
    out.push_str(&format!("{rule}\n"));
    for (name, coverage) in &rows {
        out.push_str(&row(name, &widths, coverage));
    }
    out.push_str(&format!("{rule}\n"));
    out.push_str(&row(&t!("test-coverage-total"), &widths, &Coverage::sum(rows.iter().map(|(_, c)| *c))));
    let untested = untested(kb, run);
    if !untested.is_empty() {
        out.push_str(&format!("\n{}\n", t!("test-coverage-untested")));
        out.push_str(&untested);
    }
    out
}

/// The width of each column, in characters.
#[derive(Clone, Copy)]
struct Widths {
    name: usize,
    branches: usize,
    missed: usize,
    cover: usize,
}

fn row(name: &str, widths: &Widths, coverage: &Coverage) -> String {
    let (branches, missed) = (coverage.branches, coverage.missed.len());
    let Widths { name: w, branches: b, missed: m, cover: c } = *widths;
    format!("{name:w$}  {branches:>b$}  {missed:>m$}  {:>c$}\n", percent(coverage))
}

/// `66.67%` (`66,67%` in Portuguese), or `-` when there is nothing to cover (as llvm-cov shows it).
fn percent(coverage: &Coverage) -> String {
    let decimal = |text: String| match crate::i18n::current() {
        crate::i18n::Language::PtBr => text.replace('.', ","),
        crate::i18n::Language::En => text,
    };
    coverage.percent().map_or_else(|| "-".into(), |p| decimal(format!("{p:.2}%")))
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
