//! The pipeline on a synthetic knowledge base (see `sopbook::synth`), read from files on disk as
//! the commands read them: load + lint, lint alone, and the whole build; and the two corners that
//! were quadratic: `graph` of one huge procedure and `import` of a huge manual; the flowchart of
//! adversarial graphs (complete, a long chain, a wide fan).
//! Run: `cargo bench --bench pipeline` (add `-- --sample-count 2` for a quick run in CI).

use std::path::PathBuf;
use std::sync::Mutex;

use sopbook::lint;
use sopbook::load::KnowledgeBase;

// The allocator of the `sopbook` binary, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The corpora written so far, removed when the benchmarks end (a static is never dropped).
static CORPORA: Mutex<Vec<(usize, tempfile::TempDir)>> = Mutex::new(Vec::new());

fn main() {
    divan::main();
    CORPORA.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// tmpfs when the machine has it: file creation on disk varies too much between runs.
fn scratch() -> &'static str {
    if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "." }
}

/// One knowledge base per size, written once to a temporary folder (tmpfs when available).
fn corpus(n: usize) -> PathBuf {
    let mut dirs = CORPORA.lock().unwrap();
    if let Some((_, dir)) = dirs.iter().find(|(size, _)| *size == n) {
        return dir.path().to_path_buf();
    }
    let dir = tempfile::Builder::new().prefix("sopbook-bench-").tempdir_in(scratch()).unwrap();
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

/// `sopbook test`: load, then walk every scenario (5 a procedure in the synthetic base); issue 16
/// wants it faster than `load_and_lint` of the same base.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load_and_test(bencher: divan::Bencher, n: usize) {
    let root = corpus(n);
    bencher.bench(|| {
        let kb = KnowledgeBase::load(&root).unwrap();
        let run = sopbook::cli::test::test(&kb, None, false);
        assert!(run.ok());
        run.passed()
    });
}

/// The walks alone, on a loaded base.
#[divan::bench(args = [10_000], sample_count = 10)]
fn test_only(bencher: divan::Bencher, n: usize) {
    let kb = KnowledgeBase::load(&corpus(n)).unwrap();
    bencher.bench(|| sopbook::cli::test::test(&kb, None, false).passed());
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
        let options = sopbook::render::Options { out: out.path().join("site"), today, progress: false, history: None };
        sopbook::render::build(&kb, &outcome, &options).unwrap().pages
    });
}

/// What `serve` does after one procedure file of a 10,000-procedure base is saved: reread it,
/// lint it (and the knowledge-base rules), rewrite its pages and those of its neighbours, then the
/// lists, `checklists.html` and the search index. The watcher's quiet period (40 ms) is not included.
#[divan::bench(sample_count = 10)]
fn serve_update_one_procedure(bencher: divan::Bencher) {
    let root = corpus(10_000);
    let out = tempfile::Builder::new().prefix("sopbook-bench-live-").tempdir_in(scratch()).unwrap();
    let mut kb = KnowledgeBase::load(&root).unwrap();
    let (mut incremental, outcome) = lint::Incremental::new(&kb);
    let today = sopbook::model::Date::new(2026, 11, 27).unwrap();
    let options = sopbook::render::Options { out: out.path().join("site"), today, progress: false, history: None };
    let (mut live, _) = sopbook::render::Live::build(&kb, &outcome, &options).unwrap();
    let rel = "procedures/secao-05/sub-5/procedimento-00005.toml";
    let index = kb.procedures.iter().position(|p| kb.files[p.file].path == rel).unwrap();
    let original = std::fs::read_to_string(root.join(rel)).unwrap();
    let mut edit = 0;
    bencher.bench_local(|| {
        edit += 1;
        std::fs::write(
            root.join(rel),
            original.replacen("problema número 5,", &format!("problema número 5 ({edit}),"), 1),
        )
        .unwrap();
        assert_eq!(kb.reload_procedure(rel).map(|r| r.relinked), Some(false));
        let outcome = incremental.rerun(&kb, &[index]);
        let mut first = std::time::Duration::ZERO;
        let started = std::time::Instant::now();
        live.update(&kb, &outcome, &[index], false, |_| first = started.elapsed()).unwrap();
        first
    });
    std::fs::write(root.join(rel), original).unwrap();
}

/// One procedure of `n` steps chained by `next`, the last a resolution.
fn chain(n: usize) -> KnowledgeBase {
    let mut text = String::from("title = \"Longo\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n");
    for i in 0..n - 1 {
        text.push_str(&format!("[steps.s{i}]\ntext = \"Passo {i}.\"\nnext = \"s{}\"\n", i + 1));
    }
    text.push_str(&format!("[steps.s{}]\nend = \"resolution\"\n", n - 1));
    KnowledgeBase::from_memory(vec![("procedures/p.toml".to_string(), text)])
}

/// `sopbook graph --format dot` of a procedure of 100,000 steps (15 s when every edge scanned
/// the steps for its target).
#[divan::bench(args = [100_000], sample_count = 5)]
fn graph_dot(bencher: divan::Bencher, n: usize) {
    let kb = chain(n);
    bencher.bench(|| sopbook::cli::graph::dot_of(&kb.procedures[0]).len());
}

/// `sopbook graph --format mermaid` of the same procedure.
#[divan::bench(args = [100_000], sample_count = 5)]
fn graph_mermaid(bencher: divan::Bencher, n: usize) {
    let kb = chain(n);
    bencher.bench(|| sopbook::cli::graph::mermaid_of(&kb.procedures[0]).len());
}

/// `sopbook import` of a text manual of 100,000 numbered lines, from its bytes to the procedure
/// file's text (44 s when every sentence was searched for in the whole skeleton).
#[divan::bench(args = [100_000], sample_count = 3)]
fn import_numbered_lines(bencher: divan::Bencher, n: usize) {
    use sopbook::import::{self, Format, Options};
    let mut text = String::from("Manual grande\n\n");
    for i in 1..=n {
        text.push_str(&format!("{i}. Faça a ação número {i} com cuidado.\n"));
    }
    bencher.bench(|| {
        let source = import::from_bytes("grande.txt", Format::Text, text.as_bytes()).unwrap();
        let skeleton = import::import(&source, &Options::default()).unwrap();
        import::write::to_toml(&skeleton).len()
    });
}

/// A chart of `n` decisions, each linked to `targets(i)`: the adversarial graphs of the flowchart.
fn dense_chart(n: usize, targets: impl Fn(usize) -> Vec<usize>) -> sopbook::flowchart::Chart {
    use sopbook::flowchart::{Chart, Edge, Node, NodeKind};
    let node = |i: usize| Node {
        id: format!("p{i}"),
        number: i + 1,
        kind: NodeKind::Decision,
        label: format!("Verifique o item {i} com o cliente"),
        link_label: format!("Passo {}", i + 1),
    };
    let edges = (0..n)
        .flat_map(|i| targets(i).into_iter().map(move |j| Edge { from: i, to: j, label: Some("Ir adiante".into()) }))
        .collect();
    Chart {
        title: "Fluxograma".into(),
        description: "denso".into(),
        nodes: (0..n).map(node).collect(),
        edges,
        start: 0,
    }
}

/// The flowchart of a complete graph (every step linked to every later one): simplified, as its
/// cost is cubic (26 s and 1.4 GB for 300 steps before the budget).
#[divan::bench(args = [150, 300, 400], sample_count = 5)]
fn chart_complete(bencher: divan::Bencher, n: usize) {
    let chart = dense_chart(n, |i| (i + 1..n).collect());
    bencher.bench(|| sopbook::flowchart::draw(&chart).svg.len());
}

/// The flowchart of a chain of 2,000 steps and of a fan of 1,000 answers: drawn in full.
#[divan::bench(args = ["chain", "fan"], sample_count = 5)]
fn chart_long_and_wide(bencher: divan::Bencher, shape: &str) {
    let chart = match shape {
        "chain" => dense_chart(2000, |i| if i + 1 < 2000 { vec![i + 1] } else { Vec::new() }),
        _ => dense_chart(1001, |i| if i == 0 { (1..1001).collect() } else { Vec::new() }),
    };
    bencher.bench(|| sopbook::flowchart::draw(&chart).svg.len());
}
