//! Tests of the whole drawing: invariants on hand-made and random charts.

use super::layout::{layout, overlaps};
use super::measure::{MAX_LINES, NodeBox};
use super::svg::{esc, usable_ids};
use super::*;

type Spec = (&'static str, NodeKind, &'static str);

fn chart(steps: &[Spec], edges: &[(usize, usize, Option<&'static str>)], start: usize) -> Chart {
    Chart {
        title: "Fluxograma: teste".into(),
        description: "teste".into(),
        nodes: steps
            .iter()
            .enumerate()
            .map(|(i, &(id, kind, label))| Node {
                id: id.into(),
                number: i + 1,
                kind,
                label: label.into(),
                link_label: label.into(),
            })
            .collect(),
        edges: edges.iter().map(|&(from, to, label)| Edge { from, to, label: label.map(String::from) }).collect(),
        start,
    }
}

fn seed() -> Chart {
    use NodeKind::*;
    chart(
        &[
            ("acesso-maquina", Decision, "Acesso à máquina da primeira instalação"),
            ("chave-exportavel", Decision, "Opção de exportar a chave privada"),
            ("gerar-backup", Action, "Gerar novo arquivo"),
            ("recuperar-debug", Action, "Recuperar via DEBUG"),
            ("backup-gerado", Decision, "Resultado"),
            ("resolvido", Resolution, "Novo backup do certificado digital A1 gerado."),
            ("chamado", Escalation, "Chamado para o Relacionamento"),
        ],
        &[
            (0, 1, Some("Sim")),
            (0, 6, Some("Não")),
            (1, 2, Some("Sim")),
            (1, 3, Some("Não, está inibida")),
            (2, 4, None),
            (3, 4, None),
            (4, 5, Some("Sim")),
            (4, 6, Some("Não")),
        ],
        0,
    )
}

/// Steps 0..n in a chain, with retry loops, a self-loop and parallel edges.
fn loops() -> Chart {
    use NodeKind::*;
    chart(
        &[
            ("a", Action, "Começar"),
            ("b", Decision, "Funcionou na primeira tentativa?"),
            ("c", Action, "Reiniciar o equipamento e aguardar"),
            ("d", Decision, "Já tentou três vezes?"),
            ("e", Action, "Testar outro cabo"),
            ("f", Decision, "E agora?"),
            ("g", Resolution, "Resolvido"),
            ("h", Escalation, "Escalar para o nível 2"),
            ("i", Other, "Passo quebrado"),
        ],
        &[
            (0, 1, None),
            (1, 6, Some("Sim")),
            (1, 2, Some("Não")),
            (2, 3, None),
            (3, 1, Some("Não")),
            (3, 4, Some("Sim")),
            (4, 5, None),
            (5, 4, Some("Repetir")),
            (5, 6, Some("Sim")),
            (5, 7, Some("Não")),
            (5, 7, Some("Talvez")),
            (4, 4, Some("De novo")),
            (8, 7, None),
        ],
        0,
    )
}

fn rect(g: &NodeBox) -> (f64, f64, f64, f64) {
    (g.left(), g.top(), g.w, g.h)
}

/// Invariants of any drawing: deterministic, no overlapping nodes or labels, no edge through a
/// node it does not touch, every ID and answer present.
fn check(c: &Chart) {
    let svg = render(c);
    assert_eq!(svg, render(c), "deterministic");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "finite numbers");
    let lay = layout(c);
    let n = c.nodes.len();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (rect(&lay.nodes[i]), rect(&lay.nodes[j]));
            assert!(!overlaps(a, b), "nodes {i} and {j} overlap: {a:?} {b:?}");
        }
        for l in &lay.labels {
            assert!(
                !overlaps(rect(&lay.nodes[i]), (l.x + 0.5, l.y + 0.5, l.w - 1.0, l.h - 1.0)),
                "label of edge {} over node {i}",
                l.edge
            );
        }
    }
    for (i, a) in lay.labels.iter().enumerate() {
        for b in &lay.labels[i + 1..] {
            assert!(
                !overlaps((a.x, a.y, a.w, a.h), (b.x + 0.5, b.y + 0.5, b.w - 1.0, b.h - 1.0)),
                "labels of edges {} and {} overlap: {a:?} {b:?} in {:?}",
                a.edge,
                b.edge,
                c.edges.iter().map(|e| (e.from, e.to, e.label.as_deref())).collect::<Vec<_>>()
            );
        }
    }
    for e in &lay.edges {
        let (from, to) = (c.edges[e.edge].from, c.edges[e.edge].to);
        for w in e.points.windows(2) {
            let (p, q) = (w[0], w[1]);
            assert!(
                (p.0 - q.0).abs() < 1e-6 || (p.1 - q.1).abs() < 1e-6,
                "edge {} not orthogonal: {:?}",
                e.edge,
                e.points
            );
            let seg = (p.0.min(q.0), p.1.min(q.1), (p.0 - q.0).abs(), (p.1 - q.1).abs());
            for (k, g) in lay.nodes.iter().enumerate() {
                if k == from || k == to {
                    continue;
                }
                let r = (g.left() + 1.0, g.top() + 1.0, g.w - 2.0, g.h - 2.0);
                let hit = seg.0 <= r.0 + r.2 && r.0 <= seg.0 + seg.2 && seg.1 <= r.1 + r.3 && r.1 <= seg.1 + seg.3;
                assert!(!hit, "edge {} ({from}->{to}) crosses node {k}: {:?}", e.edge, e.points);
            }
        }
    }
    let ids = usable_ids(c);
    for (i, node) in c.nodes.iter().enumerate() {
        if ids[i] {
            let mut id = String::from("id=\"fc-");
            esc(&mut id, &node.id);
            assert!(svg.contains(&id), "{id} missing");
        }
    }
}

#[test]
fn seed_is_complete_and_deterministic() {
    let c = seed();
    check(&c);
    let svg = render(&c);
    for node in &c.nodes {
        assert!(svg.contains(&format!("id=\"fc-{}\"", node.id)));
        assert!(svg.contains(&format!("href=\"#{}\"", node.id)));
    }
    for answer in ["Sim", "Não", "Não, está inibida"] {
        assert!(svg.contains(&format!(">{answer}</tspan>")), "{answer}");
    }
    assert_eq!(svg.matches("class=\"fc-edge\"").count(), 8);
    assert!(!svg.contains("fc-edge fc-back"));
    assert!(svg.contains("class=\"fc-node fc-decision fc-start\" id=\"fc-acesso-maquina\""));
    assert!(svg.contains("class=\"fc-node fc-resolution\""));
    assert!(svg.contains("class=\"fc-node fc-escalation\""));
    assert!(svg.contains("✓ 6.") && svg.contains("▲ 7."));
    assert!(svg.contains("aria-labelledby=\"fc-title fc-desc\""));
    assert!(!svg.contains("role="));
}

#[test]
fn back_edges_and_loops_go_around() {
    let c = loops();
    check(&c);
    let svg = render(&c);
    // 3 -> 1, 5 -> 4 and the self-loop on 4.
    assert_eq!(svg.matches("class=\"fc-edge fc-back\"").count(), 3);
    assert_eq!(svg.matches("class=\"fc-edge\"").count(), 10);
    for answer in ["Repetir", "De novo", "Talvez"] {
        assert!(svg.contains(&format!(">{answer}</tspan>")), "{answer}");
    }
    let lay = layout(&c);
    // The start is on top, the loop sources below their targets.
    let top = lay.nodes.iter().map(|g| g.cy).fold(f64::INFINITY, f64::min);
    assert_eq!(lay.nodes[0].cy, top);
    assert!(lay.nodes[3].cy > lay.nodes[1].cy && lay.nodes[5].cy > lay.nodes[4].cy);
    // Back edges climb a lane outside both of their nodes.
    for e in lay.edges.iter().filter(|e| e.back && c.edges[e.edge].from != c.edges[e.edge].to) {
        let (u, v) = (&lay.nodes[c.edges[e.edge].from], &lay.nodes[c.edges[e.edge].to]);
        let lane = e.points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        let lane_l = e.points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        assert!(
            lane > u.right().max(v.right()) || lane_l < u.left().min(v.left()),
            "lane of edge {} inside: {:?}",
            e.edge,
            e.points
        );
    }
}

#[test]
fn hostile_text_is_escaped() {
    let c = Chart {
        title: "<script>alert('t')</script>".into(),
        description: "a & b \"c\"".into(),
        nodes: vec![
            Node {
                id: "x\"><script>alert(1)</script>".into(),
                number: 1,
                kind: NodeKind::Action,
                label: "<script>alert(\"x\")</script> & 'y' \u{1}\u{7f}".into(),
                link_label: "Passo 1: <b>\"'&".into(),
            },
            Node { id: "a b".into(), number: 2, kind: NodeKind::Other, label: "".into(), link_label: "".into() },
            Node { id: "a b".into(), number: 3, kind: NodeKind::Other, label: "x".into(), link_label: "".into() },
            Node {
                id: "title".into(),
                number: 4,
                kind: NodeKind::Resolution,
                label: "ok".into(),
                link_label: "ok".into(),
            },
        ],
        edges: vec![Edge { from: 0, to: 1, label: Some("<img src=x onerror=alert(1)> & \"".into()) }],
        start: 0,
    };
    check(&c);
    let svg = render(&c);
    assert!(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<b>"));
    assert!(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/") && svg.contains("&amp; &#39;y&#39;"));
    assert!(!svg.contains("aria-label="), "node links are named by their visible text");
    assert!(svg.contains("&lt;img src=x") && svg.contains("alert(1)&gt; &amp;…"));
    assert!(svg.contains("href=\"#x%22%3E%3Cscript%3Ealert(1)%3C/script%3E\""));
    assert!(!svg.contains('\u{1}') && !svg.contains('\u{7f}'));
    // IDs with spaces, repeated or taken by the chart get no element id, only the link.
    assert!(!svg.contains("id=\"fc-a b\"") && svg.contains("href=\"#a%20b\""));
    assert_eq!(svg.matches("id=\"fc-title\"").count(), 1);
}

#[test]
fn degenerate_charts_do_not_panic() {
    let empty = Chart { title: "t".into(), description: "d".into(), nodes: vec![], edges: vec![], start: 0 };
    let svg = render(&empty);
    assert!(svg.starts_with("<svg ") && svg.contains("<title id=\"fc-title\">t</title>"));
    let one = chart(&[("a", NodeKind::Action, "só")], &[(0, 0, Some("de novo")), (0, 0, None)], 0);
    check(&one);
    assert_eq!(render(&one).matches("fc-edge fc-back").count(), 2);
    let broken = chart(
        &[("a", NodeKind::Decision, ""), ("b", NodeKind::Other, "   ")],
        &[(0, 7, None), (9, 0, None), (1, 0, Some("")), (0, 1, None), (0, 1, None), (1, 1, None)],
        42,
    );
    check(&broken);
    assert_eq!(render(&broken).matches("fc-start").count(), 1);
    let long = "Palavra".repeat(40) + " " + &"muito longa ".repeat(30);
    let words = chart(&[("a", NodeKind::Decision, "x"), ("b", NodeKind::Action, "y")], &[(0, 1, None)], 0);
    let c = Chart {
        nodes: vec![
            Node { id: "a".into(), number: 1, kind: NodeKind::Decision, label: long.clone(), link_label: "".into() },
            Node { id: "b".into(), number: 22, kind: NodeKind::Action, label: long.clone(), link_label: "".into() },
        ],
        ..words
    };
    check(&c);
    let svg = render(&c);
    assert!(svg.contains("…") && svg.contains("<title>"));
    let lay = layout(&c);
    assert!(lay.nodes.iter().all(|g| g.text.lines.len() <= MAX_LINES && g.w <= 280.0));
}

/// Pseudo-random graphs: cycles, self-loops, parallel and dangling edges, any start.
#[test]
fn random_graphs_keep_the_invariants() {
    const LABELS: [&str; 6] = ["Sim", "Não", "Não, tentar de novo mais tarde", "", "Talvez <x>", "Outro"];
    const TEXTS: [&str; 4] = [
        "Curto",
        "Verificar as luzes do modem com o cliente",
        "Uma descrição bem mais longa que precisa de várias linhas para caber na caixa do passo",
        "Decidir?",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % m as u64) as usize
    };
    let kinds = [NodeKind::Action, NodeKind::Decision, NodeKind::Resolution, NodeKind::Escalation, NodeKind::Other];
    for _ in 0..200 {
        let n = 1 + next(30);
        let nodes: Vec<Node> = (0..n)
            .map(|i| Node {
                id: format!("passo-{i}"),
                number: i + 1,
                kind: kinds[next(kinds.len())],
                label: TEXTS[next(TEXTS.len())].into(),
                link_label: "x".into(),
            })
            .collect();
        let mut edges = Vec::new();
        for from in 0..n {
            for _ in 0..next(4) {
                // Mostly forward, sometimes back, rarely out of range.
                let to = match next(10) {
                    0..=5 => (from + 1 + next(3)).min(n - 1),
                    6..=8 => next(n),
                    _ => n + next(3),
                };
                let label = if next(2) == 0 { Some(LABELS[next(LABELS.len())]) } else { None };
                edges.push(Edge { from, to, label: label.map(String::from) });
            }
        }
        let c = Chart { title: "t".into(), description: "d".into(), nodes, edges, start: next(n + 1) };
        check(&c);
    }
}

#[test]
fn big_charts_finish() {
    let labels: Vec<String> = (0..2000).map(|i| format!("Passo número {i} da cadeia")).collect();
    let ids: Vec<String> = (0..2000).map(|i| format!("p{i}")).collect();
    let nodes: Vec<Node> = (0..2000)
        .map(|i| Node {
            id: ids[i].clone(),
            number: i + 1,
            kind: NodeKind::Action,
            label: labels[i].clone(),
            link_label: String::new(),
        })
        .collect();
    let chain: Vec<Edge> = (0..1999).map(|i| Edge { from: i, to: i + 1, label: None }).collect();
    let begin = std::time::Instant::now();
    let svg = render(&Chart { title: "t".into(), description: "d".into(), nodes, edges: chain, start: 0 });
    eprintln!("2,000-node chain: {:?}, {} bytes", begin.elapsed(), svg.len());
    assert!(svg.contains("id=\"fc-p1999\""));

    // Dense and tangled: branches forward and back everywhere.
    let nodes: Vec<Node> = (0..2000)
        .map(|i| Node {
            id: ids[i].clone(),
            number: i + 1,
            kind: NodeKind::Decision,
            label: labels[i].clone(),
            link_label: String::new(),
        })
        .collect();
    let mut edges = Vec::new();
    for i in 0..2000usize {
        edges.push(Edge { from: i, to: (i * 7 + 3) % 2000, label: Some("Sim".into()) });
        edges.push(Edge { from: i, to: (i * 13 + 11) % 2000, label: Some("Não".into()) });
    }
    let begin = std::time::Instant::now();
    let svg = render(&Chart { title: "t".into(), description: "d".into(), nodes, edges, start: 0 });
    eprintln!("2,000 nodes, 4,000 tangled edges: {:?}, {} bytes", begin.elapsed(), svg.len());
    assert!(svg.ends_with("</svg>"));
}
