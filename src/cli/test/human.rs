//! The `cargo test` look: a line per scenario, the failures as rustc does, a summary line.

use super::{Run, coverage};
use crate::lint::report::{HumanOptions, human};
use crate::load::KnowledgeBase;
use crate::text::escape_controls;

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

pub fn report(kb: &KnowledgeBase, run: &Run, color: bool) -> String {
    let paint = |text: &str, code: &str| if color { format!("{code}{text}{RESET}") } else { text.to_string() };
    let options = HumanOptions { color };
    let mut out = String::new();
    if !run.unreadable.is_empty() {
        out.push_str(&human(kb, &run.unreadable, &options));
    }
    let n = run.cases.len();
    out.push_str(&format!("\nrunning {n} scenario{}\n", if n == 1 { "" } else { "s" }));
    for case in &run.cases {
        let verdict = if case.passed() { paint("ok", GREEN) } else { paint("FAILED", RED) };
        out.push_str(&format!("test {} ... {verdict}\n", escape_controls(&case.full_name(kb))));
    }
    let failed: Vec<_> = run.cases.iter().filter(|c| !c.passed()).collect();
    if !failed.is_empty() {
        out.push_str("\nfailures:\n\n");
        let findings: Vec<_> = failed.iter().filter_map(|c| c.failure.as_deref().cloned()).collect();
        out.push_str(&human(kb, &findings, &options));
        out.push_str("failures:\n");
        for case in &failed {
            out.push_str(&format!("    {}\n", escape_controls(&case.full_name(kb))));
        }
    }
    let verdict = if run.ok() { paint("ok", GREEN) } else { paint("FAILED", RED) };
    out.push_str(&format!("\ntest result: {verdict}. {} passed; {} failed", run.passed(), run.failed()));
    if run.filtered > 0 {
        out.push_str(&format!("; {} filtered out", run.filtered));
    }
    if !run.unreadable.is_empty() {
        let files = run.unreadable.iter().map(|f| f.file).collect::<std::collections::BTreeSet<_>>().len();
        out.push_str(&format!("; {files} procedure file{} could not be read", if files == 1 { "" } else { "s" }));
    }
    out.push('\n');
    if !run.coverage.is_empty() {
        out.push('\n');
        out.push_str(&coverage::table(kb, run));
    }
    out
}
