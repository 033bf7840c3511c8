//! One integration test binary, a module per feature (as mdBook does): fixture knowledge bases
//! with snapshots, the command line, graph properties, the book, and scale.

mod agreement;
mod backslash_paths;
mod book;
mod book_examples;
mod business_days;
mod checklist;
mod cli;
mod collisions;
mod durability;
mod fixtures;
mod git;
mod graph_refs;
mod hardening;
mod history;
mod history_site;
mod home;
mod images;
mod import;
mod import_hostile;
mod import_library;
mod import_real;
mod incremental;
mod init_new;
mod language;
mod layers;
mod links;
mod names;
mod outputs;
mod pipes;
mod properties;
mod rules_meta;
mod scale;
mod scenarios;
mod schema;
mod semantic_diff;
mod serve;
mod site;
mod special_files;
mod unsafe_urls;
mod worked_examples;

use std::path::{Path, PathBuf};

/// `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixed "today" of every test, so `review-overdue` does not change with the calendar.
pub const TODAY: &str = "2026-11-27";

/// The binary, with a fixed "today", no colour and no locale. The fixtures under `tests/` do not see this
/// repository's git history (which changes with every commit), as a base outside git.
pub fn sopbook() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("sopbook").unwrap();
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    cmd.env("SOPBOOK_TODAY", TODAY).env("NO_COLOR", "1").env("GIT_CEILING_DIRECTORIES", tests);
    // The messages' language: the default (pt-BR) unless a test says otherwise, whatever the
    // machine's locale.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(name);
    }
    cmd
}

/// A knowledge base in a temporary folder: `kb/` with `files`, next to whatever a test puts
/// outside it (a link target, the site).
pub fn base(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    (dir, root)
}

/// Copies a fixture knowledge base, so a test can change it.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
