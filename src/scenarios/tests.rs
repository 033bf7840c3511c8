use super::*;
use crate::load::KnowledgeBase;

/// The seed's graph, short: two decisions before the end, a third after two actions.
const SEED: &str = r#"
title = "Perda do Backup A1"
section = "Certificado Digital > A1"

[steps.acesso-maquina]
text = "O cliente ainda tem acesso à máquina da primeira instalação?"
branches = [{ when = "Sim", next = "chave-exportavel" }, { when = "Não", next = "chamado" }]

[steps.chave-exportavel]
text = "A opção de exportar a chave privada está disponível?"
branches = [{ when = "Sim", next = "gerar-backup" }, { when = "Não, está inibida", next = "recuperar-debug" }]

[steps.gerar-backup]
text = "Gere um novo backup."
next = "backup-gerado"

[steps.recuperar-debug]
text = "Recupere via DEBUG."
next = "backup-gerado"

[steps.backup-gerado]
text = "Foi possível gerar o novo backup?"
branches = [{ when = "Sim", next = "resolvido" }, { when = "Não", next = "chamado" }]

[steps.resolvido]
end = "resolution"

[steps.chamado]
end = "escalation"
to = "Relacionamento"
sla = "24h"
"#;

fn kb(scenarios: &str) -> KnowledgeBase {
    let text = format!("{SEED}\n{scenarios}");
    KnowledgeBase::from_memory(vec![("procedures/p.toml".into(), text)])
}

/// The one scenario's walk, after checking the file read without problems.
fn walk_of(scenarios: &str) -> (KnowledgeBase, Walk) {
    let kb = kb(scenarios);
    assert!(kb.problems.is_empty(), "{:?}", kb.problems);
    let walk = walk(&kb.procedures[0], &kb.procedures[0].scenarios[0]);
    (kb, walk)
}

fn ids(kb: &KnowledgeBase, walk: &Walk) -> Vec<String> {
    walk.path.iter().map(|v| kb.procedures[0].steps[v.step].id.get_ref().clone()).collect()
}

#[test]
fn answers_by_position_reach_the_expected_escalation() {
    let (kb, walk) = walk_of(
        r#"[[scenarios]]
name = "Máquina formatada"
answers = ["Não"]
expect = { end = "escalation", to = "Relacionamento" }"#,
    );
    assert!(walk.passed(), "{walk:?}");
    assert_eq!(ids(&kb, &walk), ["acesso-maquina", "chamado"]);
    assert_eq!(walk.path[0].branch, Some(1));
}

#[test]
fn answers_by_step_reach_the_expected_terminal() {
    let (kb, walk) = walk_of(
        r#"[[scenarios]]
name = "Chave inibida, DEBUG resolve"
answers = { acesso-maquina = "Sim", chave-exportavel = "Não, está inibida", backup-gerado = "Sim" }
expect = "resolvido""#,
    );
    assert!(walk.passed(), "{walk:?}");
    let path = ["acesso-maquina", "chave-exportavel", "recuperar-debug", "backup-gerado", "resolvido"];
    assert_eq!(ids(&kb, &walk), path);
    assert_eq!(walk.reached, Some(5));
}

#[test]
fn a_terminal_of_another_kind_or_sector_is_a_wrong_end() {
    for expect in [r#""resolvido""#, r#"{ end = "resolution" }"#, r#"{ end = "escalation", to = "Financeiro" }"#] {
        let (_, walk) = walk_of(&format!("[[scenarios]]\nname = \"x\"\nanswers = [\"Não\"]\nexpect = {expect}"));
        assert_eq!(walk.failure, Some(Failure::WrongEnd { reached: 6 }), "{expect}");
    }
    let (_, walk) = walk_of(
        "[[scenarios]]\nname = \"x\"\nanswers = [\"Não\"]\nexpect = { end = \"escalation\", to = \" relacionamento\" }",
    );
    assert!(walk.passed(), "sectors compare without case and outer spaces");
}

#[test]
fn an_answer_that_no_longer_exists_stops_the_walk_where_it_is_given() {
    let text = "[[scenarios]]\nname = \"x\"\nanswers = [\"Sim\", \"Nao\"]\nexpect = \"resolvido\"";
    let (kb, walk) = walk_of(text);
    let Some(Failure::UnknownAnswer { step, answer, given }) = walk.failure.clone() else { panic!("{walk:?}") };
    assert_eq!((step, given.as_str()), (1, "Nao"));
    assert_eq!(&kb.files[0].text[answer], "\"Nao\"");
    assert_eq!(ids(&kb, &walk), ["acesso-maquina", "chave-exportavel"]);
}

#[test]
fn running_out_of_answers_at_a_decision_is_a_failure() {
    let (_, walk) = walk_of("[[scenarios]]\nname = \"x\"\nanswers = [\"Sim\"]\nexpect = \"resolvido\"");
    assert_eq!(walk.failure, Some(Failure::NoAnswer { step: 1 }));
    let (_, walk) =
        walk_of("[[scenarios]]\nname = \"x\"\nanswers = { acesso-maquina = \"Sim\" }\nexpect = \"resolvido\"");
    assert_eq!(walk.failure, Some(Failure::NoAnswer { step: 1 }));
}

#[test]
fn answers_left_over_fail_a_walk_that_ends_well() {
    let text = "[[scenarios]]\nname = \"x\"\nanswers = [\"Não\", \"Sim\", \"Sim\"]\nexpect = \"chamado\"";
    let (kb, walk) = walk_of(text);
    assert_eq!(walk.failure, Some(Failure::Unused));
    let unused: Vec<&str> = walk.unused.iter().map(|s| &kb.files[0].text[s.clone()]).collect();
    assert_eq!(unused, ["\"Sim\"", "\"Sim\""]);
    let text = "[[scenarios]]\nname = \"x\"\nanswers = { acesso-maquina = \"Não\", backup-gerado = \"Sim\" }\nexpect = \"chamado\"";
    let (kb, walk) = walk_of(text);
    assert_eq!(walk.failure, Some(Failure::Unused), "a decision the walk never met");
    assert_eq!(&kb.files[0].text[walk.unused[0].clone()], "\"Sim\"");
}

#[test]
fn keys_that_name_no_decision_and_expects_that_name_no_terminal_fail_before_walking() {
    let (_, walk) = walk_of("[[scenarios]]\nname = \"x\"\nanswers = { acesso = \"Sim\" }\nexpect = \"chamado\"");
    assert_eq!(walk.failure, Some(Failure::NotADecision { key: 0, step: None }));
    let (_, walk) = walk_of("[[scenarios]]\nname = \"x\"\nanswers = { gerar-backup = \"Sim\" }\nexpect = \"chamado\"");
    assert_eq!(walk.failure, Some(Failure::NotADecision { key: 0, step: Some(2) }));
    let (_, walk) = walk_of("[[scenarios]]\nname = \"x\"\nanswers = [\"Não\"]\nexpect = \"chamdo\"");
    assert_eq!(walk.failure, Some(Failure::ExpectUnknown));
    let (_, walk) = walk_of("[[scenarios]]\nname = \"x\"\nanswers = [\"Não\"]\nexpect = \"gerar-backup\"");
    assert_eq!(walk.failure, Some(Failure::ExpectNotTerminal { step: 2 }));
    assert!(walk.path.is_empty());
}

const LOOP: &str = r#"
title = "Porta"
section = "Rede"

[steps.testar]
text = "Teste a porta."
next = "funcionou"

[steps.funcionou]
text = "Funcionou?"
branches = [{ when = "Sim", next = "ok" }, { when = "Não", next = "outra" }]

[steps.outra]
text = "Há outra porta?"
branches = [{ when = "Sim", next = "testar" }, { when = "Não", next = "chamado" }]

[steps.ok]
end = "resolution"

[steps.chamado]
end = "escalation"
to = "Redes"
sla = "2d"
"#;

fn loop_walk(scenario: &str) -> Walk {
    let kb = KnowledgeBase::from_memory(vec![("procedures/p.toml".into(), format!("{LOOP}\n{scenario}"))]);
    assert!(kb.problems.is_empty(), "{:?}", kb.problems);
    walk(&kb.procedures[0], &kb.procedures[0].scenarios[0])
}

#[test]
fn a_loop_is_walked_as_often_as_the_answers_say() {
    let walk = loop_walk(
        "[[scenarios]]\nname = \"x\"\nanswers = [\"Não\", \"Sim\", \"Não\", \"Sim\", \"Sim\"]\nexpect = \"ok\"",
    );
    assert!(walk.passed(), "{walk:?}");
    assert_eq!(walk.path.len(), 9);
    let walk = loop_walk(
        "[[scenarios]]\nname = \"x\"\nanswers = { funcionou = [\"Não\", \"Sim\"], outra = \"Sim\" }\nexpect = \"ok\"",
    );
    assert!(walk.passed(), "{walk:?}");
}

#[test]
fn a_loop_answered_the_same_way_every_time_is_endless() {
    let walk =
        loop_walk("[[scenarios]]\nname = \"x\"\nanswers = { funcionou = \"Não\", outra = \"Sim\" }\nexpect = \"ok\"");
    assert_eq!(walk.failure, Some(Failure::Endless { step: 0 }));
    // Round once using the answers, once more using none: then `testar` is met a third time.
    assert_eq!(walk.path.len(), 7, "{walk:?}");
}

#[test]
fn a_walk_that_consumes_an_answer_per_turn_stops_at_the_move_limit() {
    let answers = vec!["\"Não\", \"Sim\""; MAX_MOVES].join(", ");
    let walk = loop_walk(&format!("[[scenarios]]\nname = \"x\"\nanswers = [{answers}]\nexpect = \"ok\""));
    assert!(matches!(walk.failure, Some(Failure::Endless { .. })), "{:?}", walk.failure);
    assert!(walk.path.len() <= MAX_MOVES + 1);
}

#[test]
fn a_link_to_no_step_stops_the_walk() {
    let text = LOOP.replace("next = \"funcionou\"", "next = \"funciono\"");
    let kb = KnowledgeBase::from_memory(vec![(
        "procedures/p.toml".into(),
        format!("{text}\n[[scenarios]]\nname = \"x\"\nexpect = \"ok\""),
    )]);
    let walk = walk(&kb.procedures[0], &kb.procedures[0].scenarios[0]);
    assert_eq!(walk.failure, Some(Failure::Broken { step: 0 }));
}

#[test]
fn coverage_counts_every_answer_the_walks_take() {
    let kb = kb(r#"
[[scenarios]]
name = "a"
answers = ["Não"]
expect = "chamado"

[[scenarios]]
name = "b"
answers = ["Sim", "Sim", "Nao"]
expect = "chamado"
"#);
    let walks = walks(&kb.procedures[0]);
    let coverage = coverage(&kb.procedures[0], walks.iter().flatten());
    assert_eq!(coverage.branches, 6);
    // "Não" and "Sim" at the first decision, "Sim" at the second; the failing walk stops at the third.
    assert_eq!(coverage.missed, [(1, 1), (4, 0), (4, 1)]);
    assert_eq!(coverage.covered(), 3);
    assert_eq!(coverage.percent(), Some(50.0));
}

#[test]
fn a_scenario_with_a_schema_problem_is_not_walked() {
    let kb = kb("[[scenarios]]\nname = \"x\"\nanswers = [\"Não\"]\nexpect = { end = \"escalaton\" }");
    assert_eq!(kb.problems.len(), 1, "{:?}", kb.problems);
    assert!(kb.problems[0].help.as_deref().unwrap().contains("escalation"));
    assert!(walks(&kb.procedures[0])[0].is_none());
}

/// Each move looks its next step up by ID: over a 20,000-step chain, 50 scenarios cost a million
/// moves, which a scan of the steps at each move would turn into 20 billion comparisons.
#[test]
fn long_chains_are_walked_by_many_scenarios() {
    let n = 20_000;
    let mut text = String::from("title = \"Longa\"\nsection = \"S\"\n[steps.d]\ntext = \"?\"\n");
    text.push_str("branches = [{ when = \"Sim\", next = \"s0\" }, { when = \"Não\", next = \"fim\" }]\n");
    for i in 0..n {
        text.push_str(&format!(
            "[steps.s{i}]\nnext = \"{}\"\n",
            if i + 1 < n { format!("s{}", i + 1) } else { "fim".into() }
        ));
    }
    text.push_str("[steps.fim]\nend = \"resolution\"\n");
    for i in 0..50 {
        text.push_str(&format!("[[scenarios]]\nname = \"c{i}\"\nanswers = {{ d = \"Sim\" }}\nexpect = \"fim\"\n"));
    }
    let kb = KnowledgeBase::from_memory(vec![("procedures/p.toml".into(), text)]);
    let walks = walks(&kb.procedures[0]);
    assert!(walks.iter().flatten().all(|w| w.passed() && w.path.len() == n + 2));
}
