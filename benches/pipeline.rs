//! The pipeline on a synthetic knowledge base (see `sopbook::synth`), read from files on disk as
//! the commands read them: load + lint, lint alone, and the whole build.
//! Run: `cargo bench --bench pipeline` (add `-- --sample-count 2` for a quick run in CI).

use std::path::PathBuf;
use std::sync::OnceLock;

use sopbook::lint;
use sopbook::load::KnowledgeBase;

fn main() {
    divan::main();
}

/// tmpfs when the machine has it: file creation on disk varies too much between runs.
fn scratch() -> &'static str {
    if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "." }
}

/// One knowledge base per size, written once to a temporary folder (tmpfs when available).
fn corpus(n: usize) -> PathBuf {
    static DIRS: OnceLock<std::sync::Mutex<Vec<(usize, tempfile::TempDir)>>> = OnceLock::new();
    let dirs = DIRS.get_or_init(Default::default);
    let mut dirs = dirs.lock().unwrap();
    if let Some((_, dir)) = dirs.iter().find(|(size, _)| *size == n) {
        return dir.path().to_path_buf();
    }
    let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "." };
    let dir = tempfile::Builder::new().prefix("sopbook-bench-").tempdir_in(base).unwrap();
    sopbook::synth::write(dir.path(), n).unwrap();
    let path = dir.path().to_path_buf();
    dirs.push((n, dir));
    path
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load_and_lint(bencher: divan::Bencher, n: usize) {
    let root = corpus(n);
    bencher.bench(|| {
        let kb = KnowledgeBase::load(&root).unwrap();
        let outcome = lint::run(&kb);
        assert!(outcome.findings.is_empty());
        outcome.procedures
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn lint_only(bencher: divan::Bencher, n: usize) {
    let kb = KnowledgeBase::load(&corpus(n)).unwrap();
    bencher.bench(|| lint::run(&kb).findings.len());
}

/// The whole `sopbook build` (load, lint, every page, flowcharts, search index, write) into a
/// fresh folder on tmpfs.
#[divan::bench(args = [1_000], sample_count = 5)]
fn build(bencher: divan::Bencher, n: usize) {
    let root = corpus(n);
    let out = tempfile::Builder::new().prefix("sopbook-bench-site-").tempdir_in(scratch()).unwrap();
    let today = sopbook::model::Date::new(2026, 11, 27).unwrap();
    bencher.bench(|| {
        let kb = KnowledgeBase::load(&root).unwrap();
        let outcome = lint::run(&kb);
        let options =
            sopbook::render::Options { out: out.path().join("site"), allow_errors: false, today, progress: false };
        sopbook::render::build(&kb, &outcome, &options).unwrap().pages
    });
}
