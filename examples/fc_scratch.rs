//! TEMPORARY (not to be committed): random charts to look at.
use sopbook::render::flowchart::*;
const CSS: &str = include_str!("../themes/default/static/flowchart.css");
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    const LABELS: [&str; 6] = ["Sim", "Não", "Não, tentar de novo mais tarde", "", "Talvez", "Outro"];
    const TEXTS: [&str; 4] = [
        "Curto",
        "Verificar as luzes do modem com o cliente",
        "Uma descrição bem mais longa que precisa de várias linhas para caber na caixa do passo",
        "Decidir?",
    ];
    let kinds = [NodeKind::Action, NodeKind::Decision, NodeKind::Resolution, NodeKind::Escalation, NodeKind::Action];
    let ids: Vec<String> = (0..40).map(|i| format!("passo-{i}")).collect();
    for seed in 1..=6u64 {
        let mut state: u64 = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = |m: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) % m as u64) as usize
        };
        let n = 12 + next(14);
        let nodes: Vec<Node> = (0..n)
            .map(|i| Node { id: &ids[i], number: i + 1, kind: kinds[next(5)], label: TEXTS[next(4)], link_label: "x" })
            .collect();
        let mut edges = Vec::new();
        for from in 0..n {
            for _ in 0..next(3) + if from + 1 < n { 0 } else { 0 } {
                let to = match next(10) {
                    0..=6 => (from + 1 + next(3)).min(n - 1),
                    _ => next(n),
                };
                let label = if next(2) == 0 { Some(LABELS[next(6)]) } else { None };
                edges.push(Edge { from, to, label });
            }
        }
        let c = Chart { title: "t", description: "d", nodes, edges, start: 0 };
        let svg = render(&c);
        std::fs::write(format!("{dir}/r{seed}.html"), format!("<!DOCTYPE html><html lang=pt><meta charset=utf-8><title>r</title><style>body{{max-width:900px;margin:1rem auto;font-family:system-ui}}.fc{{display:block;margin:auto}}{CSS}</style><body><figure class=flowchart>{svg}</figure>")).unwrap();
    }

    let long = "palavra".repeat(50);
    let hostile = Chart {
        title: "<t> & \"q\" 'a'",
        description: "d\u{1}\u{85}",
        nodes: vec![
            Node {
                id: "x\"><script>alert(1)</script>",
                number: 1,
                kind: NodeKind::Decision,
                label: "<script>alert(\"x\")</script> & 'y' \u{1}\u{7f}\u{FDD0}",
                link_label: "Passo 1: <b>\"'&",
            },
            Node { id: "a b", number: 2, kind: NodeKind::Other, label: "", link_label: "" },
            Node { id: "a b", number: 3, kind: NodeKind::Other, label: "x", link_label: "" },
            Node { id: "title", number: 4, kind: NodeKind::Resolution, label: "ok", link_label: "ok" },
            Node { id: "", number: 5, kind: NodeKind::Escalation, label: &long, link_label: "" },
            Node { id: "é%#", number: 6, kind: NodeKind::Action, label: "Ação", link_label: "" },
        ],
        edges: vec![
            Edge { from: 0, to: 1, label: Some("<img src=x onerror=alert(1)> & \" tem um texto muito longo aqui") },
            Edge { from: 1, to: 0, label: Some("volta") },
            Edge { from: 2, to: 2, label: Some("<loop>") },
            Edge { from: 0, to: 4, label: None },
            Edge { from: 4, to: 5, label: Some("") },
            Edge { from: 9, to: 1, label: None },
        ],
        start: 0,
    };
    let empty = Chart { title: "vazio", description: "nada", nodes: vec![], edges: vec![], start: 3 };
    let page = |svg: String| {
        format!(
            "<!DOCTYPE html><html lang=pt><meta charset=utf-8><title>r</title><style>{CSS}</style><body><figure class=flowchart>{svg}</figure>"
        )
    };
    std::fs::write(format!("{dir}/hostile.html"), page(render(&hostile))).unwrap();
    std::fs::write(format!("{dir}/empty.html"), page(render(&empty))).unwrap();
}
