//! One integration test binary, a module per feature (as mdBook does): fixture knowledge bases
//! with snapshots, the command line, graph properties, the book, and scale.

mod book;
mod checklist;
mod cli;
mod fixtures;
mod graph_refs;
mod hardening;
mod import;
mod init_new;
mod properties;
mod rules_meta;
mod scale;
mod schema;
mod serve;
mod site;

use std::path::{Path, PathBuf};

/// `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixed "today" of every test, so `review-overdue` does not change with the calendar.
pub const TODAY: &str = "2026-11-27";
