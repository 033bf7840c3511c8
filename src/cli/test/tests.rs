use super::*;

const PROCEDURE: &str = r#"
title = "Perda do Backup A1"
section = "Certificado Digital > A1"

[steps.acesso]
text = "O cliente ainda tem acesso à máquina?"
branches = [{ when = "Sim", next = "chave" }, { when = "Não", next = "chamado" }]

[steps.chave]
text = "A chave privada é exportável?"
branches = [{ when = "Sim", next = "resolvido" }, { when = "Não, está inibida", next = "chamado" }]

[steps.resolvido]
end = "resolution"

[steps.chamado]
end = "escalation"
to = "Relacionamento"
sla = "24h"
"#;

/// A passing, a failing (wrong end) and a stale (answer renamed) scenario; one file not TOML.
fn kb() -> KnowledgeBase {
    let scenarios = r#"
[[scenarios]]
name = "Máquina formatada"
answers = ["Não"]
expect = { end = "escalation", to = "Relacionamento" }

[[scenarios]]
name = "Exporta normalmente"
answers = ["Sim", "Sim"]
expect = "chamado"

[[scenarios]]
name = "Chave <inibida> & \"velha\""
answers = { acesso = "Sim", chave = "Nao, esta inibida" }
expect = "chamado"
"#;
    KnowledgeBase::from_memory(vec![
        ("procedures/a.toml".into(), format!("{PROCEDURE}{scenarios}")),
        ("procedures/b.toml".into(), PROCEDURE.into()),
        ("procedures/c.toml".into(), "title = \"x\"\n[steps\n".into()),
    ])
}

#[test]
fn each_scenario_gets_a_line_and_each_failure_a_diagnostic() {
    let kb = kb();
    let run = test(&kb, None, false);
    assert_eq!((run.passed(), run.failed(), run.unreadable.len()), (1, 2, 1));
    let text = human::report(&kb, &run, false);
    assert!(text.contains("erro[toml-syntax]"), "the unreadable file first:\n{text}");
    assert!(text.contains("\nrodando 3 cenários\n"), "{text}");
    assert!(text.contains("teste a :: Máquina formatada ... ok\n"), "{text}");
    assert!(text.contains("teste a :: Exporta normalmente ... FALHOU\n"), "{text}");
    assert!(
        text.contains(
            "erro[failing-scenario]: o cenário `Exporta normalmente` termina em `resolvido`, e não em `chamado`"
        ),
        "{text}"
    );
    assert!(text.contains("  --> procedures/a.toml:"), "points at the file: {text}");
    assert!(text.contains("ajuda: você quis dizer `Não, está inibida`?"), "{text}");
    assert!(text.contains("falhas:\n    a :: Exporta normalmente\n    a :: Chave <inibida> & \"velha\"\n"), "{text}");
    assert!(
        text.ends_with("resultado: FALHOU. 1 aprovado; 2 reprovados; 1 arquivo de procedimento não pôde ser lido\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when off");
}

#[test]
fn the_summary_reads_as_cargo_test_in_english() {
    use crate::i18n::{Arg, Language, message_in};
    let args = |passed: usize, failed: usize| {
        [("verdict", Arg::from("ok")), ("passed", Arg::from(passed)), ("failed", Arg::from(failed))]
    };
    assert_eq!(message_in(Language::En, "test-result", &args(1, 0)), "test result: ok. 1 passed; 0 failed");
    assert_eq!(message_in(Language::PtBr, "test-result", &args(3, 0)), "resultado: ok. 3 aprovados; 0 reprovados");
    assert_eq!(message_in(Language::PtBr, "test-result", &args(0, 1)), "resultado: ok. 0 aprovados; 1 reprovado");
    let running = |language, count: usize| message_in(language, "test-running", &[("count", Arg::from(count))]);
    assert_eq!(running(Language::En, 1), "running 1 scenario");
    assert_eq!(running(Language::En, 0), "running 0 scenarios");
    assert_eq!(running(Language::PtBr, 1), "rodando 1 cenário");
    assert_eq!(running(Language::PtBr, 0), "rodando 0 cenários");
}

#[test]
fn a_clean_run_says_ok_and_the_filter_counts_what_it_leaves_out() {
    let kb = kb();
    let run = test(&kb, Some("formatada"), false);
    assert_eq!((run.passed(), run.failed(), run.filtered), (1, 0, 2));
    assert!(!run.ok(), "the unreadable file still fails the run");
    let kb = KnowledgeBase::from_memory(vec![("procedures/a.toml".into(), kb.files[0].text.clone())]);
    let run = test(&kb, Some("formatada"), false);
    assert!(run.ok());
    let text = human::report(&kb, &run, true);
    assert!(text.contains("resultado: \x1b[32mok\x1b[0m. 1 aprovado; 0 reprovados; 2 filtrados\n"), "{text}");
}

#[test]
fn coverage_matches_a_hand_count() {
    let kb = kb();
    let run = test(&kb, None, true);
    // a: "Não" and "Sim" at `acesso` (the stale walk took "Sim" too), "Sim" at `chave`: 3 of 4.
    // b: no scenario, 0 of 4.
    let rows: Vec<(usize, usize, usize)> = run.coverage.iter().map(|(i, c)| (*i, c.branches, c.missed.len())).collect();
    assert_eq!(rows, [(0, 4, 1), (1, 4, 4)]);
    let table = coverage::table(&kb, &run);
    assert!(table.starts_with("Procedimento  Respostas  Sem cenário  Cobertura\n------"), "{table}");
    assert!(table.contains("a                     4            1     75,00%\n"), "{table}");
    assert!(table.contains("b                     4            4      0,00%\n"), "{table}");
    assert!(table.contains("TOTAL                 8            5     37,50%\n"), "{table}");
    assert!(table.contains("respostas que nenhum cenário usa:\n"), "{table}");
    assert!(table.contains("  procedures/a.toml:11:60  chave → \"Não, está inibida\"\n"), "{table}");
    // With a filter, coverage still counts every scenario.
    assert_eq!(test(&kb, Some("nothing"), true).coverage[0].1.missed.len(), 1);
}

#[test]
fn json_has_every_walk_and_the_coverage() {
    let kb = kb();
    let run = test(&kb, None, true);
    let value: serde_json::Value = serde_json::from_str(&json::report(&kb, &run)).unwrap();
    assert_eq!((value["passed"].as_u64(), value["failed"].as_u64()), (Some(1), Some(2)));
    let first = &value["scenarios"][0];
    assert_eq!(first["outcome"], "passed");
    assert_eq!(first["path"], serde_json::json!([{ "step": "acesso", "answer": "Não" }, { "step": "chamado" }]));
    assert_eq!(first["reached"], "chamado");
    let stale = &value["scenarios"][2];
    assert_eq!(stale["failure"]["rule"], "failing-scenario");
    assert_eq!(stale["failure"]["step"], "chave");
    assert_eq!(stale["reached"], serde_json::Value::Null);
    assert_eq!(value["unreadable"][0]["file"], "procedures/c.toml");
    assert_eq!(value["coverage"]["branches"], 8);
    assert_eq!(value["coverage"]["covered"], 3);
    assert_eq!(value["coverage"]["percent"], 37.5);
    assert_eq!(value["coverage"]["procedures"][0]["missed"][0]["answer"], "Não, está inibida");
}

#[test]
fn junit_reads_back_with_the_counts_names_and_failures() {
    use quick_xml::events::Event;
    let kb = kb();
    let run = test(&kb, None, false);
    let xml = junit::report(&kb, &run);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures, mut errors) = (Vec::new(), 0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "testcase" => {
                let name = e.try_get_attribute("name").unwrap().unwrap();
                cases.push(name.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned());
            }
            Event::Start(e) if e.name().as_ref() == "failure" => failures += 1,
            Event::Start(e) if e.name().as_ref() == "error" => errors += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(cases, ["Máquina formatada", "Exporta normalmente", "Chave <inibida> & \"velha\"", "ler o arquivo"]);
    assert_eq!((failures, errors), (2, 1));
    assert!(xml.contains(r#"<testsuites name="sopbook test" tests="4" failures="2" errors="1">"#), "{xml}");
}

#[test]
fn junit_carries_no_character_xml_forbids() {
    let text = format!(
        "{PROCEDURE}\n[[scenarios]]\nname = \"bell \\u0007 esc \\u001b[31m\"\nanswers = [\"Sim\"]\nexpect = \"chamado\"\n"
    );
    let kb = KnowledgeBase::from_memory(vec![("procedures/a.toml".into(), text)]);
    let xml = junit::report(&kb, &test(&kb, None, false));
    assert!(!xml.contains('\u{7}') && !xml.contains('\u{1b}'), "{xml}");
    assert!(xml.contains("bell \u{fffd} esc \u{fffd}[31m"), "{xml}");
}
