//! Tests of the whole drawing: invariants on hand-made and random charts.

use super::measure::MAX_LINES;
use super::quality;
use super::svg::usable_ids;
use super::*;
use crate::text::push_markup as esc;

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

/// Invariants of any drawing: deterministic, finite, no overlap of any kind (see [`quality`]),
/// every ID present.
fn check(c: &Chart) {
    let svg = render(c);
    assert_eq!(svg, render(c), "deterministic");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "finite numbers");
    let q = quality::measure(&layout(c));
    let links: Vec<_> = c.edges.iter().map(|e| (e.from, e.to, e.label.as_deref())).collect();
    assert_eq!(q.faults(), 0, "{q:?} in {links:?}");
    // What every element shares is said once, on the <svg>; a text's next lines go back to its
    // x, one line down (or at their own y, see svg::write_lines).
    for shared in ["fill=\"", "stroke=\"", "text-anchor=\""] {
        assert_eq!(svg.matches(shared).count(), 1, "{shared}");
    }
    for text in svg.split("<text x=\"").skip(1) {
        let x = &text[..text.find('"').unwrap()];
        let body = &text[..text.find("</text>").unwrap()];
        for line in body.split("<tspan x=\"").skip(1) {
            let (line_x, rest) = line.split_once('"').unwrap();
            let down = [" dy=\"16\">", " dy=\"14\">", " y=\""].iter().any(|d| rest.starts_with(d));
            assert!(line_x == x && down, "{body}");
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
        assert!(svg.contains(&format!(">{answer}</t")), "{answer}");
    }
    assert_eq!(svg.matches("class=\"fc-edge\"").count(), 8);
    assert!(!svg.contains("fc-edge fc-back"));
    assert!(svg.contains("class=\"fc-node fc-decision fc-start\" id=\"fc-acesso-maquina\""));
    assert!(svg.contains("class=\"fc-node fc-resolution\""));
    assert!(svg.contains("class=\"fc-node fc-escalation\""));
    assert!(svg.contains("<tspan>✓ 6.</tspan> Novo backup") && svg.contains("<tspan>▲ 7.</tspan> Chamado"));
    assert_eq!(svg.matches("class=\"fc-shape\"").count(), 7);
    assert_eq!(svg.matches("<text ").count(), 7 + 6, "a text per step and per answer");
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
        assert!(svg.contains(&format!(">{answer}</t")), "{answer}");
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
    assert!(svg.contains("&lt;img src=x") && svg.contains("alert(1)&gt; &amp;") && svg.contains(">&quot;<"));
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
    // Far past what a step box shows whole: cut, with the whole text in a tooltip.
    let long = "Palavra".repeat(40) + " " + &"muito longa ".repeat(100);
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
    assert!(lay.nodes.iter().all(|g| g.text.lines.len() == MAX_LINES && g.text.ellipsis && g.w <= 370.0));
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

/// The issue's procedure: seven steps, and a question whose "Não, mas ainda há outra porta a
/// testar" goes back to an earlier step. The old layout drew it 1, 4, 2/5, 3 from the top, the
/// answer beside another line, and step 3 cut after four lines.
const SEM_INTERNET: &str = r#"
title = "Sem internet pelo cabo"

[steps.luz-porta]
title = "Luz da porta"
text  = "A luz da porta do roteador onde o cabo está ligado está acesa?"
branches = [
  { when = "Sim", next = "navega" },
  { when = "Não", next = "trocar-cabo" },
]

[steps.trocar-cabo]
title = "Trocar o cabo"
text  = "Troque o cabo de rede por um que funcione em outro computador."
next  = "outra-porta"

[steps.outra-porta]
text = "Ligue o cabo em outra porta do roteador e confira se a luz da porta aparece no painel do roteador. Se o painel estiver longe do computador, peça ao cliente que leia para você a cor de cada luz, da esquerda para a direita."
next = "navega"

[steps.navega]
title = "Navegação"
text  = "O computador navega na internet?"
branches = [
  { when = "Sim", next = "resolvido" },
  { when = "Não, mas ainda há outra porta a testar", next = "outra-porta" },
  { when = "Não, e todas as portas foram testadas", next = "reiniciar" },
]

[steps.reiniciar]
title = "Reiniciar o roteador"
text  = "Depois de reiniciar o roteador e aguardar dois minutos, o computador navega?"
branches = [
  { when = "Sim", next = "resolvido" },
  { when = "Não", next = "chamado" },
]

[steps.resolvido]
end  = "resolution"
text = "O computador voltou a navegar pelo cabo."

[steps.chamado]
title = "Chamado para a Infraestrutura"
end   = "escalation"
text  = "Abra um chamado para a Infraestrutura com as portas e cabos testados."
to    = "Infraestrutura"
sla   = "24h"
"#;

#[test]
fn a_procedure_with_a_loop_reads_top_down_in_file_order() {
    let kb = crate::load::KnowledgeBase::from_memory(vec![(
        "procedures/rede/sem-internet.toml".into(),
        SEM_INTERNET.into(),
    )]);
    let (_, c) = quality::charts_of(&kb).pop().expect("the procedure");
    assert_eq!(c.nodes.len(), 7);
    let lay = layout(&c);
    let y: Vec<f64> = lay.nodes.iter().map(|g| g.cy).collect();
    // Every step at or below the one before it in the file, the way to the loop strictly down.
    assert!(y.windows(2).all(|w| w[0] <= w[1]), "{y:?}");
    assert!(y[0] < y[1] && y[1] < y[2] && y[2] < y[3] && y[3] < y[4], "{y:?}");
    // The one link drawn upward is the loop back, on a lane right of every step.
    let back: Vec<_> = lay.edges.iter().filter(|e| e.back).collect();
    assert_eq!(back.len(), 1);
    assert_eq!(c.edges[back[0].edge].label.as_deref(), Some("Não, mas ainda há outra porta a testar"));
    let lane = back[0].points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    assert!(lay.nodes.iter().all(|g| g.right() < lane));
    // Its answer on its own line and nothing else; nothing crosses.
    assert_eq!(quality::measure(&lay), quality::Quality::default());
    // The untitled step is shown whole, without a tooltip.
    let svg = render(&c);
    assert!(svg.contains(">direita.</t") && !svg.contains('…') && !svg.contains("<title>"), "{svg}");
    assert!(svg.contains(">testadas</t"), "every answer whole");
}

#[test]
fn a_drawing_says_from_which_column_width_it_fits_whole() {
    let fits = |width: f64| Drawing { svg: String::new(), width, dropped: 0 }.fits();
    // Its width and a 20 px frame, rounded up to 100 px, from 300 px; past 1,100 px, never.
    assert_eq!((fits(16.0), fits(280.0), fits(281.0), fits(477.0)), (300, 300, 400, 500));
    assert_eq!((fits(1080.0), fits(1081.0)), (1100, 0));
    assert_eq!(draw(&seed()).width, render(&seed()).split('"').nth(7).unwrap().parse::<f64>().unwrap());
}
