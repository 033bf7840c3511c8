//! Chart quality, measured on the layout's geometry (step boxes, label boxes, polylines): what
//! makes a chart ambiguous must never happen, and crossings are counted so that they cannot grow
//! unnoticed. Run over every procedure of the repository's knowledge bases and over a few hundred
//! generated graphs.

use std::path::Path;

use super::layout;
use super::layout::Layout;
use super::{Chart, Edge, Node, NodeKind, is_dense};
use crate::load::KnowledgeBase;
use crate::render::lang::Strings;
use crate::render::links::LinkTable;
use crate::render::media::Media;
use crate::render::theme::Theme;
use crate::render::views::ViewBuilder;

/// An axis-aligned box.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x0: x, y0: y, x1: x + w, y1: y + h }
    }

    fn inset(self, d: f64) -> Rect {
        Rect { x0: self.x0 + d, y0: self.y0 + d, x1: self.x1 - d, y1: self.y1 - d }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// A segment from `p` to `q` passes through the box (its border excluded).
    fn cut_by(&self, p: (f64, f64), q: (f64, f64)) -> bool {
        let seg = Rect { x0: p.0.min(q.0), y0: p.1.min(q.1), x1: p.0.max(q.0), y1: p.1.max(q.1) };
        seg.x0 < self.x1 && self.x0 < seg.x1 && seg.y0 < self.y1 && self.y0 < seg.y1
    }
}

/// What was found in one chart. Everything but `crossings` must be zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Quality {
    pub node_node: usize,
    pub label_label: usize,
    pub label_node: usize,
    /// Labels with a line other than their own through them.
    pub label_edge: usize,
    /// Lines through a step they do not start or end at (or through their own, midway).
    pub edge_node: usize,
    /// Two links running along the same line.
    pub edge_edge: usize,
    /// Pieces neither horizontal nor vertical.
    pub slanted: usize,
    /// Pairs of links that cross (reported, not judged).
    pub crossings: usize,
}

impl Quality {
    pub fn faults(&self) -> usize {
        self.node_node
            + self.label_label
            + self.label_node
            + self.label_edge
            + self.edge_node
            + self.edge_edge
            + self.slanted
    }

    fn add(&mut self, o: &Quality) {
        self.node_node += o.node_node;
        self.label_label += o.label_label;
        self.label_node += o.label_node;
        self.label_edge += o.label_edge;
        self.edge_node += o.edge_node;
        self.edge_edge += o.edge_edge;
        self.slanted += o.slanted;
        self.crossings += o.crossings;
    }
}

type Piece = ((f64, f64), (f64, f64));

/// Measures a laid-out chart.
pub(super) fn measure(lay: &Layout) -> Quality {
    let mut q = Quality::default();
    let nodes: Vec<Rect> = lay.nodes.iter().map(|g| Rect::new(g.left(), g.top(), g.w, g.h)).collect();
    let labels: Vec<Rect> = lay.labels.iter().map(|l| Rect::new(l.x, l.y, l.w, l.h)).collect();
    let pieces: Vec<Vec<Piece>> =
        lay.edges.iter().map(|e| e.points.windows(2).map(|w| (w[0], w[1])).filter(|(p, q)| p != q).collect()).collect();
    for (i, a) in nodes.iter().enumerate() {
        q.node_node += nodes[i + 1..].iter().filter(|b| a.inset(0.5).overlaps(b)).count();
    }
    for (i, a) in labels.iter().enumerate() {
        q.label_label += labels[i + 1..].iter().filter(|b| a.inset(0.5).overlaps(b)).count();
        q.label_node += nodes.iter().filter(|n| a.inset(0.5).overlaps(n)).count();
        let own = lay.labels[i].edge;
        let inner = a.inset(1.0);
        let foreign = |k: usize| lay.edges[k].edge != own && pieces[k].iter().any(|&(p, r)| inner.cut_by(p, r));
        q.label_edge += usize::from((0..pieces.len()).any(foreign));
    }
    for (k, e) in lay.edges.iter().enumerate() {
        let (from, to) = lay.ends[e.edge];
        let last = pieces[k].len().saturating_sub(1);
        for (s, &(p, r)) in pieces[k].iter().enumerate() {
            q.slanted += usize::from((p.0 - r.0).abs() > 1e-6 && (p.1 - r.1).abs() > 1e-6);
            // A line may cross its own step's box where it leaves it or enters it, nowhere else.
            let leaves_or_enters = |v: usize| (v == from && s == 0) || (v == to && s == last);
            q.edge_node +=
                nodes.iter().enumerate().filter(|&(v, n)| !leaves_or_enters(v) && n.inset(1.0).cut_by(p, r)).count();
        }
    }
    for i in 0..pieces.len() {
        for j in i + 1..pieces.len() {
            let (a, b) = (&pieces[i], &pieces[j]);
            q.edge_edge += usize::from(a.iter().any(|&s| b.iter().any(|&t| along(s, t))));
            q.crossings += usize::from(a.iter().any(|&s| b.iter().any(|&t| crosses(s, t))));
        }
    }
    q
}

/// Two pieces on one line, sharing more than a pixel.
fn along(s: Piece, t: Piece) -> bool {
    let vertical = |p: Piece| (p.0.0 - p.1.0).abs() < 1e-6;
    let shared = |a0: f64, a1: f64, b0: f64, b1: f64| a0.max(a1).min(b0.max(b1)) - a0.min(a1).max(b0.min(b1)) > 1.0;
    match (vertical(s), vertical(t)) {
        (true, true) => (s.0.0 - t.0.0).abs() < 1.0 && shared(s.0.1, s.1.1, t.0.1, t.1.1),
        (false, false) => (s.0.1 - t.0.1).abs() < 1.0 && shared(s.0.0, s.1.0, t.0.0, t.1.0),
        _ => false,
    }
}

/// A horizontal piece and a vertical one crossing inside both.
fn crosses(s: Piece, t: Piece) -> bool {
    let vertical = |p: Piece| (p.0.0 - p.1.0).abs() < 1e-6;
    let (h, v) = match (vertical(s), vertical(t)) {
        (false, true) => (s, t),
        (true, false) => (t, s),
        _ => return false,
    };
    let inside = |x: f64, a: f64, b: f64| x > a.min(b) + 0.5 && x < a.max(b) - 0.5;
    inside(v.0.0, h.0.0, h.1.0) && inside(h.0.1, v.0.1, v.1.1)
}

/// The chart as the site draws it: simplified when dense.
fn drawn(chart: &Chart) -> Layout {
    if is_dense(chart) { layout(&super::cost::simplified(chart)) } else { layout(chart) }
}

/// Every procedure's chart in the knowledge base at `root`, named by its slug.
fn charts_in(root: &Path) -> Vec<(String, Chart)> {
    charts_of(&KnowledgeBase::load(root).expect("a knowledge base"))
}

/// Every procedure's chart in `kb`, as the site makes it, named by its slug.
pub(super) fn charts_of(kb: &KnowledgeBase) -> Vec<(String, Chart)> {
    let theme = Theme::load(&kb.root, &kb.config.build.theme).expect("its theme");
    let t = Strings::load(&theme, kb.config.site.language).expect("its language");
    let links = LinkTable::build(kb);
    let media = Media::default();
    let views = ViewBuilder {
        kb,
        links: &links,
        t: &t,
        today: crate::load::today(),
        media: &media,
        history: None,
        paper: false,
    };
    (0..kb.procedures.len())
        .map(|i| (kb.procedures[i].slug.clone(), Chart::new(&views.procedure(i, Vec::new(), Vec::new()), &t)))
        .collect()
}

/// The repository's knowledge bases: its own, every test fixture's and the search benchmark's.
fn knowledge_bases() -> Vec<std::path::PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![repo.to_path_buf(), repo.join("benches/search/kb")];
    let mut fixtures: Vec<_> = std::fs::read_dir(repo.join("tests/fixtures"))
        .expect("tests/fixtures")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.join("procedures").is_dir())
        .collect();
    fixtures.sort();
    roots.extend(fixtures);
    roots
}

/// Crossings in every procedure chart of the repository (74 charts), at the last change of the
/// layout. A change that adds some fails; one that removes some lowers this figure.
const FIXTURE_CROSSINGS: usize = 7;

#[test]
fn fixture_charts_have_no_overlaps() {
    let mut total = Quality::default();
    let mut charts = 0;
    for root in knowledge_bases() {
        for (slug, chart) in charts_in(&root) {
            let q = measure(&drawn(&chart));
            assert_eq!(q.faults(), 0, "{}: {slug}: {q:?}", root.display());
            total.add(&q);
            charts += 1;
        }
    }
    eprintln!("{charts} fixture charts: {total:?}");
    assert!(charts > 60, "{charts} charts");
    assert!(total.crossings <= FIXTURE_CROSSINGS, "{} crossings, up from {FIXTURE_CROSSINGS}", total.crossings);
}

/// A small seeded generator (PCG-style LCG): the same graphs on every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, m: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % m as u64) as usize
    }
}

const TEXTS: [&str; 6] = [
    "Curto",
    "Verificar as luzes do modem com o cliente",
    "Ligue o cabo em outra porta do roteador e confira se a luz da porta aparece no painel do roteador.",
    "Decidir?",
    "O cliente ainda tem acesso à máquina da primeira instalação do certificado, e ela não foi formatada?",
    "Abrir chamado",
];
const ANSWERS: [&str; 7] = [
    "Sim",
    "Não",
    "Não, mas ainda há outra porta a testar",
    "Não, e todas as portas foram testadas",
    "Talvez",
    "Outro erro",
    "Ainda não",
];

/// A generated chart of `n` steps; `links` says where each step leads.
fn generated(rng: &mut Seeded, n: usize, links: &[(usize, usize)]) -> Chart {
    let kinds = [NodeKind::Action, NodeKind::Decision, NodeKind::Resolution, NodeKind::Escalation, NodeKind::Other];
    let mut out_degree = vec![0usize; n];
    for &(from, _) in links {
        out_degree[from] += 1;
    }
    let nodes = (0..n)
        .map(|i| Node {
            id: format!("passo-{i}"),
            number: i + 1,
            kind: if out_degree[i] > 1 { NodeKind::Decision } else { kinds[rng.below(kinds.len())] },
            label: TEXTS[rng.below(TEXTS.len())].into(),
            link_label: String::new(),
        })
        .collect();
    let edges = links
        .iter()
        .map(|&(from, to)| {
            let label = (out_degree[from] > 1).then(|| ANSWERS[rng.below(ANSWERS.len())].to_string());
            Edge { from, to, label }
        })
        .collect();
    Chart { title: "t".into(), description: "d".into(), nodes, edges, start: 0 }
}

/// Chains, fans, retry loops and random graphs with back links, up to 40 steps.
fn generated_charts() -> Vec<Chart> {
    let mut rng = Seeded(0x5EED_C4A7);
    let mut charts = Vec::new();
    for n in 2..=40 {
        // A chain.
        let chain: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        charts.push(generated(&mut rng, n, &chain));
        // A fan: one question, every other step an answer.
        if n <= 12 {
            let fan: Vec<(usize, usize)> = (1..n).map(|j| (0, j)).collect();
            charts.push(generated(&mut rng, n, &fan));
        }
    }
    for _ in 0..100 {
        // A chain with retries: some steps ask whether it worked and go back a few steps.
        let n = 3 + rng.below(30);
        let mut links: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        for i in 2..n {
            if rng.below(3) == 0 {
                links.push((i, i - 1 - rng.below(i.min(4))));
            }
            if rng.below(5) == 0 {
                links.push((i, n - 1));
            }
        }
        charts.push(generated(&mut rng, n, &links));
    }
    for _ in 0..150 {
        // Random: mostly forward links, some back, some self-loops and parallel links.
        let n = 2 + rng.below(39);
        let mut links = Vec::new();
        for from in 0..n {
            for _ in 0..rng.below(4) {
                let to = match rng.below(10) {
                    0..=6 => (from + 1 + rng.below(4)).min(n - 1),
                    7 | 8 => rng.below(n),
                    _ => from,
                };
                links.push((from, to));
            }
        }
        charts.push(generated(&mut rng, n, &links));
    }
    charts
}

/// Crossings in the 300 generated charts, at the last change of the layout (most in the random
/// graphs, whose links go back and forth at will).
const GENERATED_CROSSINGS: usize = 1395;

#[test]
fn generated_charts_have_no_overlaps() {
    let charts = generated_charts();
    let mut total = Quality::default();
    for (k, chart) in charts.iter().enumerate() {
        let q = measure(&drawn(chart));
        let links: Vec<(usize, usize)> = chart.edges.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(q.faults(), 0, "generated chart {k} ({} steps, links {links:?}): {q:?}", chart.nodes.len());
        total.add(&q);
    }
    eprintln!("{} generated charts: {total:?}", charts.len());
    assert!(charts.len() >= 300);
    assert!(total.crossings <= GENERATED_CROSSINGS, "{} crossings, up from {GENERATED_CROSSINGS}", total.crossings);
    // Not one of them is dense: the check is on full drawings.
    assert!(charts.iter().all(|c| !is_dense(c)));
}

#[test]
fn the_checker_sees_what_it_must() {
    let a = ((0.0, 0.0), (10.0, 0.0));
    assert!(crosses(a, ((5.0, -5.0), (5.0, 5.0))));
    assert!(!crosses(a, ((10.0, -5.0), (10.0, 5.0))), "meeting at an end is no crossing");
    assert!(along(a, ((5.0, 0.5), (20.0, 0.5))));
    assert!(!along(a, ((10.5, 0.0), (20.0, 0.0))));
    let r = Rect::new(0.0, 0.0, 10.0, 10.0);
    assert!(r.cut_by((5.0, -5.0), (5.0, 15.0)));
    assert!(!r.cut_by((10.0, -5.0), (10.0, 15.0)), "along the border");
    assert!(r.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)) && !r.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
}
