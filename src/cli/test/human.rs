//! The `cargo test` look: a line per scenario, the failures as rustc does, a summary line.

use super::{Run, coverage};
use crate::lint::report::{HumanOptions, human};
use crate::load::KnowledgeBase;
use crate::t;
use crate::text::escape_controls;

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

pub fn report(kb: &KnowledgeBase, run: &Run, color: bool) -> String {
    let paint = |text: String, code: &str| if color { format!("{code}{text}{RESET}") } else { text };
    let verdict = |ok: bool| if ok { paint(t!("test-ok"), GREEN) } else { paint(t!("test-failed"), RED) };
    let options = HumanOptions { color };
    let mut out = String::new();
    if !run.unreadable.is_empty() {
        out.push_str(&human(kb, &run.unreadable, &options));
    }
    out.push_str(&format!("\n{}\n", t!("test-running", count = run.cases.len())));
    for case in &run.cases {
        let name = escape_controls(&case.full_name(kb));
        out.push_str(&format!("{}\n", t!("test-case", name = name, verdict = verdict(case.passed()))));
    }
    let failed: Vec<_> = run.cases.iter().filter(|c| !c.passed()).collect();
    if !failed.is_empty() {
        out.push_str(&format!("\n{}\n\n", t!("test-failures")));
        let findings: Vec<_> = failed.iter().filter_map(|c| c.failure.as_deref().cloned()).collect();
        out.push_str(&human(kb, &findings, &options));
        out.push_str(&format!("{}\n", t!("test-failures")));
        for case in &failed {
            out.push_str(&format!("    {}\n", escape_controls(&case.full_name(kb))));
        }
    }
    let result = t!("test-result", verdict = verdict(run.ok()), passed = run.passed(), failed = run.failed());
    out.push_str(&format!("\n{result}"));
    if run.filtered > 0 {
        out.push_str(&t!("test-result-filtered", count = run.filtered));
    }
    if !run.unreadable.is_empty() {
        let files = run.unreadable.iter().map(|f| f.file).collect::<std::collections::BTreeSet<_>>().len();
        out.push_str(&t!("test-result-unreadable", count = files));
    }
    out.push('\n');
    if !run.coverage.is_empty() {
        out.push('\n');
        out.push_str(&coverage::table(kb, run));
    }
    out
}
