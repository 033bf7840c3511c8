//! Draws two flowcharts into standalone HTML pages to look at (the theme's flowchart.css inlined):
//! `cargo run --example flowchart -- /tmp/fc` writes `/tmp/fc/seed.html` (the seed procedure) and
//! `/tmp/fc/loops.html` (25 steps, two retry loops, step 16 marked as the guided mode's current
//! step), and prints how long rendering takes.

use sopbook::flowchart::{Chart, Edge, Node, NodeKind, render};
use std::time::Instant;

const CSS: &str = include_str!("../themes/default/static/flowchart.css");

/// (id, kind, label, [(answer, target id)])
type Step = (&'static str, NodeKind, &'static str, &'static [(Option<&'static str>, &'static str)]);

const SEED: &[Step] = &[
    (
        "acesso-maquina",
        NodeKind::Decision,
        "Acesso à máquina da primeira instalação",
        &[(Some("Sim"), "chave-exportavel"), (Some("Não"), "chamado")],
    ),
    (
        "chave-exportavel",
        NodeKind::Decision,
        "Opção de exportar a chave privada",
        &[(Some("Sim"), "gerar-backup"), (Some("Não, está inibida"), "recuperar-debug")],
    ),
    ("gerar-backup", NodeKind::Action, "Gerar novo arquivo", &[(None, "backup-gerado")]),
    ("recuperar-debug", NodeKind::Action, "Recuperar via DEBUG", &[(None, "backup-gerado")]),
    ("backup-gerado", NodeKind::Decision, "Resultado", &[(Some("Sim"), "resolvido"), (Some("Não"), "chamado")]),
    ("resolvido", NodeKind::Resolution, "Novo backup do certificado digital A1 gerado.", &[]),
    ("chamado", NodeKind::Escalation, "Chamado para o Relacionamento", &[]),
];

const LOOPS: &[Step] = &[
    (
        "inicio",
        NodeKind::Action,
        "Confirmar a identidade do cliente e o número do contrato",
        &[(None, "tipo-problema")],
    ),
    (
        "tipo-problema",
        NodeKind::Decision,
        "Qual é o tipo de problema relatado?",
        &[
            (Some("Sem conexão"), "verificar-luzes"),
            (Some("Lentidão"), "teste-velocidade"),
            (Some("Outro"), "escalar-n2"),
        ],
    ),
    ("verificar-luzes", NodeKind::Action, "Verificar as luzes do modem com o cliente", &[(None, "luz-los")]),
    (
        "luz-los",
        NodeKind::Decision,
        "A luz LOS está vermelha?",
        &[(Some("Sim"), "chamado-tecnico"), (Some("Não"), "reiniciar-modem")],
    ),
    (
        "reiniciar-modem",
        NodeKind::Action,
        "Pedir ao cliente para reiniciar o modem e aguardar dois minutos",
        &[(None, "conexao-voltou")],
    ),
    (
        "conexao-voltou",
        NodeKind::Decision,
        "A conexão voltou?",
        &[(Some("Sim"), "resolvido-conexao"), (Some("Não"), "tentativas")],
    ),
    (
        "tentativas",
        NodeKind::Decision,
        "Já foram feitas três tentativas de reinício?",
        &[(Some("Não, tentar de novo"), "reiniciar-modem"), (Some("Sim"), "verificar-cabo")],
    ),
    (
        "verificar-cabo",
        NodeKind::Action,
        "Verificar o cabo de rede entre o modem e o computador",
        &[(None, "testar-cabo")],
    ),
    (
        "testar-cabo",
        NodeKind::Decision,
        "Com outro cabo funciona?",
        &[(Some("Sim"), "resolvido-cabo"), (Some("Não"), "reset-fabrica")],
    ),
    ("reset-fabrica", NodeKind::Action, "Restaurar as configurações de fábrica do modem", &[(None, "reset-ok")]),
    (
        "reset-ok",
        NodeKind::Decision,
        "A conexão voltou após o reset?",
        &[(Some("Sim"), "resolvido-conexao"), (Some("Não"), "chamado-tecnico")],
    ),
    (
        "teste-velocidade",
        NodeKind::Action,
        "Executar o teste de velocidade no site oficial",
        &[(None, "velocidade-ok")],
    ),
    (
        "velocidade-ok",
        NodeKind::Decision,
        "Velocidade acima de 80% do contratado?",
        &[(Some("Sim"), "orientar-wifi"), (Some("Não"), "verificar-dispositivos")],
    ),
    (
        "orientar-wifi",
        NodeKind::Action,
        "Orientar sobre o posicionamento do roteador e as interferências no Wi-Fi (micro-ondas, paredes, telefones sem fio e redes vizinhas no mesmo canal)",
        &[(None, "resolvido-lentidao")],
    ),
    (
        "verificar-dispositivos",
        NodeKind::Action,
        "Verificar quantos dispositivos estão conectados",
        &[(None, "desconectar")],
    ),
    ("desconectar", NodeKind::Action, "Pedir para desconectar os dispositivos ociosos", &[(None, "novo-teste")]),
    ("novo-teste", NodeKind::Action, "Repetir o teste de velocidade", &[(None, "melhorou")]),
    (
        "melhorou",
        NodeKind::Decision,
        "A velocidade melhorou?",
        &[(Some("Sim"), "resolvido-lentidao"), (Some("Não"), "contador-teste")],
    ),
    (
        "contador-teste",
        NodeKind::Decision,
        "Já repetiu o teste duas vezes?",
        &[(Some("Não"), "desconectar"), (Some("Sim"), "chamado-rede")],
    ),
    ("resolvido-lentidao", NodeKind::Resolution, "Lentidão resolvida com orientação ao cliente", &[]),
    ("resolvido-conexao", NodeKind::Resolution, "Conexão restabelecida", &[]),
    ("resolvido-cabo", NodeKind::Resolution, "Cabo substituído; conexão restabelecida", &[]),
    ("chamado-tecnico", NodeKind::Escalation, "Abrir chamado para visita técnica", &[]),
    ("escalar-n2", NodeKind::Escalation, "Transferir para o suporte de nível 2", &[]),
    ("chamado-rede", NodeKind::Escalation, "Abrir chamado para a equipe de rede com o resultado dos testes", &[]),
];

fn chart(title: &str, steps: &[Step]) -> Chart {
    let index = |id: &str| steps.iter().position(|s| s.0 == id).expect("known step");
    let decisions = steps.iter().filter(|s| s.1 == NodeKind::Decision).count();
    let nodes = steps
        .iter()
        .enumerate()
        .map(|(i, s)| Node {
            id: s.0.into(),
            number: i + 1,
            kind: s.1,
            label: s.2.into(),
            link_label: format!("Passo {}: {}", i + 1, s.2),
        })
        .collect();
    let edges = steps
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.3.iter().map(move |&(label, to)| (i, label, to)))
        .map(|(from, label, to)| Edge { from, to: index(to), label: label.map(String::from) })
        .collect();
    let description = format!("{} passos, {} decisões; começa em “{}”.", steps.len(), decisions, steps[0].2);
    Chart { title: title.into(), description, nodes, edges, start: 0 }
}

fn page(title: &str, steps: &[Step], svg: &str) -> String {
    let mut list = String::new();
    for (i, s) in steps.iter().enumerate() {
        list.push_str(&format!("<li id=\"{}\">{} <small>({})</small></li>\n", s.0, s.2, i + 1));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
         <style>\nbody {{ font-family: system-ui, sans-serif; max-width: 900px; margin: 1rem auto; padding: 0 1rem; }}\n\
         @media (prefers-color-scheme: dark) {{ body {{ background: #0d1117; color: #e6edf3; }} }}\n\
         .flowchart {{ margin: 0; }}\n.flowchart svg {{ display: block; margin: 0 auto; }}\n{CSS}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<figure class=\"flowchart\">{svg}</figure>\n<ol>\n{list}</ol>\n</body>\n</html>\n"
    )
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: flowchart FOLDER");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    if let Err(error) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {error}", dir.display());
        std::process::exit(2);
    }
    let seed = chart("Fluxograma: Perda do Backup A1", SEED);
    let loops = chart("Fluxograma: Cliente sem internet ou com lentidão", LOOPS);

    let seed_svg = render(&seed);
    // Show the guided mode's highlight on one step.
    let loops_svg = render(&loops).replace(
        "class=\"fc-node fc-action\" id=\"fc-desconectar\"",
        "class=\"fc-node fc-action fc-current\" id=\"fc-desconectar\"",
    );
    for (name, title, steps, svg) in [
        ("seed.html", "Perda do Backup A1", SEED, &seed_svg),
        ("loops.html", "Cliente sem internet ou com lentidão", LOOPS, &loops_svg),
    ] {
        let path = dir.join(name);
        if let Err(error) = std::fs::write(&path, page(title, steps, svg)) {
            eprintln!("error: cannot write {}: {error}", path.display());
            std::process::exit(2);
        }
        println!("wrote {} ({} bytes of SVG)", path.display(), svg.len());
    }

    for (name, c, times) in [("seed (7 steps)", &seed, 10_000), ("loops (25 steps)", &loops, 10_000)] {
        let begin = Instant::now();
        let mut bytes = 0;
        for _ in 0..times {
            bytes += render(c).len();
        }
        let elapsed = begin.elapsed();
        println!(
            "{name}: {times} renders in {:.1} ms, {:.1} µs each ({bytes} bytes)",
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e6 / times as f64
        );
    }
}
