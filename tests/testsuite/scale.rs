//! Size, not speed (speed is measured by `cargo bench`): huge procedures lint without recursion
//! or quadratic blow-up, and give the right answer.

use sopbook::lint::{RuleId, lint_files};

fn chain(n: usize, last: &str) -> String {
    let mut text = String::from("title = \"Longo\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n");
    for i in 0..n - 1 {
        text.push_str(&format!("[steps.s{i}]\nnext = \"s{}\"\n", i + 1));
    }
    text.push_str(&format!("[steps.s{}]\n{last}\n", n - 1));
    text
}

#[test]
fn a_20000_step_chain_is_clean() {
    let text = chain(20_000, "end = \"resolution\"");
    assert_eq!(lint_files(&[("procedures/p.toml", &text)]), vec![]);
}

#[test]
fn a_20000_step_loop_is_one_trapped_region() {
    let text = chain(20_000, "next = \"s0\"");
    let findings = lint_files(&[("procedures/p.toml", &text)]);
    assert_eq!(findings.len(), 1, "{:?}", findings.iter().map(|f| f.rule).collect::<Vec<_>>());
    assert_eq!(findings[0].rule, RuleId::NoExit);
}

/// `graph --format dot|mermaid` looks every edge's target up in a map: a scan per edge took 15 s
/// at 100,000 steps (minutes in a debug build at this size), linear takes well under a second.
#[test]
fn the_graph_of_a_50000_step_chain_has_every_edge() {
    let n = 50_000;
    let kb = sopbook::load::KnowledgeBase::from_memory(vec![(
        "procedures/p.toml".to_string(),
        chain(n, "end = \"resolution\""),
    )]);
    let procedure = &kb.procedures[0];
    let dot = sopbook::cli::graph::dot_of(procedure);
    assert_eq!(dot.matches(" -> ").count(), n, "the start arrow and n - 1 edges");
    assert!(dot.contains("\"s49998\" -> \"s49999\";"));
    let mermaid = sopbook::cli::graph::mermaid_of(procedure);
    assert_eq!(mermaid.matches(" --> ").count(), n);
    assert!(!dot.contains("dashed") && !mermaid.contains("broken\n  class"), "no edge is lost");
}

/// `import` of a long manual: every sentence is still checked against the skeleton, step IDs
/// made unique, references, sectors and promised returns collected, each with a set or a map
/// instead of a scan per paragraph (a scan per sentence took 44 s at 100,000 lines in a release
/// build; this size took minutes in a debug build, and takes seconds now).
#[test]
fn an_import_of_20000_paragraphs_keeps_every_sentence() {
    use sopbook::import::{self, Format, Options};
    let n = 20_000;
    let mut text = String::from("Manual grande\n\nUm manual com muitos passos.\n\n");
    for i in 0..n {
        text.push_str(&match i % 4 {
            0 => format!("Faça a ação número {i} com cuidado. Depois confira o resultado {i}.\n\n"),
            1 => format!("Veja o manual **Base > Seção > Manual {i}** no Qualitor.\n\n"),
            2 => format!("Abra um chamado para o Setor {i} com retorno em até {i} horas.\n\n"),
            _ => format!("# Título {i}\n\n"),
        });
    }
    let source = import::from_bytes("grande.md", Format::Markdown, text.as_bytes()).unwrap();
    let skeleton = import::import(&source, &Options::default()).unwrap();
    let toml_text = import::write::to_toml(&skeleton);
    let parsed: toml::Table = toml::from_str(&toml_text).unwrap();
    let steps = parsed["steps"].as_table().unwrap();
    assert_eq!(steps.len(), skeleton.steps.len());
    // Thousands of escalations, each with an ID of its own (a TOML table has no duplicate keys).
    let escalations = steps.keys().filter(|k| k.starts_with("chamado")).count();
    assert!(escalations > n / 4 * 9 / 10, "{escalations}");
    assert_eq!(skeleton.references.len(), n / 4);
    // Every sentence is in the skeleton, and none needed a note of text that could not be placed.
    assert!(!toml_text.contains("não soube posicionar"));
    for i in [0, 1, 2, 3, n / 2, n - 4, n - 3, n - 2, n - 1] {
        let expected = match i % 4 {
            0 => format!("Depois confira o resultado {i}."),
            1 => format!("Manual {i}]]"),
            2 => format!("Setor {i} com retorno em até {i} horas."),
            _ => format!("Título {i}"),
        };
        assert!(toml_text.contains(&expected), "{expected}");
    }
}
