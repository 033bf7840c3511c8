//! Load + lint of a synthetic knowledge base (see `sopbook::synth`), from files on disk as
//! `sopbook lint` reads them. Run: `cargo bench --bench lint`.

use std::path::PathBuf;
use std::sync::OnceLock;

use sopbook::lint;
use sopbook::load::KnowledgeBase;

fn main() {
    divan::main();
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
