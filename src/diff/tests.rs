//! One test per kind of change, on a procedure written as the seed ones are.

use super::*;

const SEED: &str = r#"
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
summary = "Quando o cliente não localiza o backup do certificado."
owner   = "Suporte Técnico"
updated = 2019-11-22
tags    = ["a1", "backup"]
aliases = ["perdi o pfx"]

[steps.acesso]
title = "Acesso à máquina"
text  = "O cliente ainda tem acesso à máquina da primeira instalação?"
branches = [
  { when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },
]

[steps.exportar]
title = "Conseguiu exportar?"
text  = "Ao exportar, a opção *Sim, exportar a chave privada* está disponível?"
branches = [
  { when = "Sim", next = "orientar" },
  { when = "Não", next = "debug" },
]

[steps.orientar]
title = "Gerar novo arquivo"
text  = "Peça ao cliente o arquivo do certificado, conforme [[Certificado Digital > A1 > Exportar]]."
see   = ["Certificado Digital > A1 > Senhas"]
image = { src = "exportar.png", alt = "Tela de exportação" }
next  = "resolvido"

[steps.debug]
title = "Recuperar via DEBUG"
text  = "Recupere o certificado via DEBUG."
next  = "resolvido"

[steps.resolvido]
end  = "resolution"
text = "Novo backup gerado."

[steps.chamado]
title  = "Abrir chamado"
end    = "escalation"
text   = "Abra um chamado."
to     = "Suporte"
sla    = "24h"
fields = ["CNPJ", "Nome", { name = "Telefone 2", required = false }]

[[scenarios]]
name    = "Máquina formatada"
answers = ["Não"]
expect  = "chamado"
"#;

/// The changes after replacing `from` by `to` in the seed (which must contain it).
fn edit(from: &str, to: &str) -> Vec<Change> {
    assert!(SEED.contains(from), "not in the seed: {from}");
    procedure(SEED, &SEED.replacen(from, to, 1))
}

fn step(number: usize, id: &str, title: Option<&str>) -> StepRef {
    StepRef { id: id.into(), number: Some(number), title: title.map(Into::into) }
}

fn pt(changes: &[Change]) -> Vec<String> {
    changes.iter().map(|c| c.describe(Language::PtBr)).collect()
}

#[test]
fn the_same_text_has_no_change() {
    assert!(procedure(SEED, SEED).is_empty());
    // Comments and layout are not changes either.
    let reformatted = SEED.replace("title   = ", "# o título\ntitle = ").replace("  { when", "{ when");
    assert!(procedure(SEED, &reformatted).is_empty(), "{:?}", procedure(SEED, &reformatted));
}

#[test]
fn a_reroute_names_both_steps_with_numbers_and_titles() {
    let changes = edit(r#"{ when = "Não", next = "debug" }"#, r#"{ when = "Não", next = "chamado" }"#);
    assert_eq!(
        changes,
        [Change::Rerouted {
            step: step(2, "exportar", Some("Conseguiu exportar?")),
            answer: "Não".into(),
            old: Some(step(4, "debug", Some("Recuperar via DEBUG"))),
            new: Some(step(6, "chamado", Some("Abrir chamado"))),
        }]
    );
    assert_eq!(
        pt(&changes),
        ["Passo 2 (Conseguiu exportar?): a resposta \"Não\" agora leva ao passo 6 (Abrir chamado) em vez do passo 4 \
         (Recuperar via DEBUG)"]
    );
    assert!(changes[0].touches_steps());
}

#[test]
fn an_answer_renamed_keeps_its_target() {
    let changes = edit(r#"{ when = "Não", next = "debug" }"#, r#"{ when = "Não, está inibida", next = "debug" }"#);
    assert_eq!(
        changes,
        [Change::AnswerRenamed {
            step: step(2, "exportar", Some("Conseguiu exportar?")),
            old: "Não".into(),
            new: "Não, está inibida".into(),
            to: Some(step(4, "debug", Some("Recuperar via DEBUG"))),
        }]
    );
    assert_eq!(pt(&changes), ["Passo 2 (Conseguiu exportar?): resposta \"Não\" renomeada para \"Não, está inibida\""]);
}

#[test]
fn an_answer_in_the_same_place_with_a_new_word_and_target_is_renamed_and_rerouted() {
    let changes = edit(r#"{ when = "Não", next = "debug" }"#, r#"{ when = "Talvez", next = "chamado" }"#);
    let kinds: Vec<String> = changes.iter().map(kind_of).collect();
    assert_eq!(kinds, ["answer-renamed", "rerouted"]);
    assert!(matches!(&changes[1], Change::Rerouted { answer, .. } if answer == "Talvez"));
}

#[test]
fn answers_added_removed_and_reordered() {
    let three = r#"{ when = "Sim", next = "orientar" },
  { when = "Não", next = "debug" },
  { when = "Não sei", next = "chamado" },"#;
    let changes = edit(
        r#"{ when = "Sim", next = "orientar" },
  { when = "Não", next = "debug" },"#,
        three,
    );
    assert_eq!(
        changes,
        [Change::AnswerAdded {
            step: step(2, "exportar", Some("Conseguiu exportar?")),
            answer: "Não sei".into(),
            to: Some(step(6, "chamado", Some("Abrir chamado"))),
        }]
    );
    assert_eq!(
        pt(&changes),
        ["Passo 2 (Conseguiu exportar?): resposta \"Não sei\" adicionada, levando ao passo 6 (Abrir chamado)"]
    );
    let back = procedure(
        &SEED.replacen(
            r#"{ when = "Sim", next = "orientar" },
  { when = "Não", next = "debug" },"#,
            three,
            1,
        ),
        SEED,
    );
    assert!(matches!(&back[..], [Change::AnswerRemoved { answer, .. }] if answer == "Não sei"), "{back:?}");
    let swapped = edit(
        r#"{ when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },"#,
        r#"{ when = "Não", next = "chamado" },
  { when = "Sim", next = "exportar" },"#,
    );
    assert_eq!(
        swapped,
        [Change::AnswersReordered {
            step: step(1, "acesso", Some("Acesso à máquina")),
            old: vec!["Sim".into(), "Não".into()],
            new: vec!["Não".into(), "Sim".into()],
        }]
    );
}

#[test]
fn next_of_an_action() {
    let changes = edit(
        "text  = \"Recupere o certificado via DEBUG.\"\nnext  = \"resolvido\"",
        "text  = \"Recupere o certificado via DEBUG.\"\nnext  = \"chamado\"",
    );
    assert_eq!(
        changes,
        [Change::NextChanged {
            step: step(4, "debug", Some("Recuperar via DEBUG")),
            old: Some(step(5, "resolvido", None)),
            new: Some(step(6, "chamado", Some("Abrir chamado"))),
        }]
    );
    assert_eq!(
        pt(&changes),
        ["Passo 4 (Recuperar via DEBUG): agora segue para o passo 6 (Abrir chamado) em vez do passo 5 `resolvido`"]
    );
}

#[test]
fn a_resolution_that_becomes_an_escalation_gets_its_sector_and_sla() {
    let changes = edit(
        "end  = \"resolution\"\ntext = \"Novo backup gerado.\"",
        "end  = \"escalation\"\ntext = \"Novo backup gerado.\"\nto = \"Relacionamento\"\nsla = \"2du\"",
    );
    let s = || step(5, "resolvido", None);
    assert_eq!(
        changes,
        [
            Change::KindChanged { step: s(), old: StepKind::Resolution, new: StepKind::Escalation },
            Change::SectorChanged { step: s(), old: None, new: Some("Relacionamento".into()) },
            Change::SlaChanged { step: s(), old: None, new: Some("2du".into()) },
        ]
    );
    assert_eq!(
        pt(&changes),
        [
            "Passo 5 `resolvido`: a resolução virou um escalonamento",
            "Passo 5 `resolvido`: setor do escalonamento definido: Relacionamento",
            "Passo 5 `resolvido`: prazo (SLA) definido: 2du",
        ]
    );
    // The other way, the escalation's keys are not listed one by one as removed.
    let back = edit("end    = \"escalation\"", "end    = \"resolution\"");
    assert_eq!(
        back,
        [Change::KindChanged {
            step: step(6, "chamado", Some("Abrir chamado")),
            old: StepKind::Escalation,
            new: StepKind::Resolution,
        }]
    );
}

#[test]
fn an_action_that_becomes_a_decision() {
    let changes = edit(
        "text  = \"Recupere o certificado via DEBUG.\"\nnext  = \"resolvido\"",
        "text  = \"Deu certo?\"\nbranches = [{ when = \"Sim\", next = \"resolvido\" }, { when = \"Não\", next = \"chamado\" }]",
    );
    let kinds: Vec<String> = changes.iter().map(kind_of).collect();
    assert_eq!(kinds, ["kind-changed", "step-text", "answer-added", "answer-added"], "{changes:?}");
    assert_eq!(pt(&changes)[0], "Passo 4 (Recuperar via DEBUG): tipo alterado: ação → decisão");
}

#[test]
fn escalation_sector_sla_via_and_fields() {
    let changes = edit(
        "to     = \"Suporte\"\nsla    = \"24h\"\nfields = [\"CNPJ\", \"Nome\", { name = \"Telefone 2\", required = false }]",
        "to     = \"Relacionamento\"\nsla    = \"2du\"\nvia = \"Certificado Digital > A1 > Chamado\"\n\
         fields = [\"CNPJ\", { name = \"Nome\", kind = \"cpf\" }, \"Telefone 2\", \"E-mail\"]",
    );
    let s = || step(6, "chamado", Some("Abrir chamado"));
    let field = |name: &str, field_kind, required| TicketField { name: name.into(), field_kind, required };
    assert_eq!(
        changes,
        [
            Change::SectorChanged { step: s(), old: Some("Suporte".into()), new: Some("Relacionamento".into()) },
            Change::SlaChanged { step: s(), old: Some("24h".into()), new: Some("2du".into()) },
            Change::ViaChanged { step: s(), old: None, new: Some("Certificado Digital > A1 > Chamado".into()) },
            Change::FieldChanged {
                step: s(),
                old: field("Nome", FieldKind::Text, true),
                new: field("Nome", FieldKind::Cpf, true)
            },
            Change::FieldChanged {
                step: s(),
                old: field("Telefone 2", FieldKind::Phone, false),
                new: field("Telefone 2", FieldKind::Phone, true)
            },
            Change::FieldAdded { step: s(), field: field("E-mail", FieldKind::Email, true) },
        ]
    );
    assert_eq!(
        pt(&changes),
        [
            "Passo 6 (Abrir chamado): setor do escalonamento alterado: Suporte → Relacionamento",
            "Passo 6 (Abrir chamado): prazo (SLA): 24h → 2du",
            "Passo 6 (Abrir chamado): procedimento de abertura do chamado (`via`) definido: Certificado Digital > A1 > \
         Chamado",
            "Passo 6 (Abrir chamado): dado do chamado \"Nome\": tipo texto → CPF",
            "Passo 6 (Abrir chamado): dado do chamado \"Telefone 2\": agora obrigatório",
            "Passo 6 (Abrir chamado): dado do chamado adicionado: \"E-mail\" (e-mail, obrigatório)",
        ]
    );
    let removed = edit("fields = [\"CNPJ\", \"Nome\",", "fields = [\"CNPJ\",");
    assert_eq!(pt(&removed), ["Passo 6 (Abrir chamado): dado do chamado removido: \"Nome\""]);
}

#[test]
fn steps_added_and_removed_in_reading_order() {
    let added = edit("[steps.debug]", "[steps.novo]\ntitle = \"Novo passo\"\nnext = \"resolvido\"\n\n[steps.debug]");
    assert_eq!(added, [Change::StepAdded { step: step(4, "novo", Some("Novo passo")), step_kind: StepKind::Action }]);
    assert_eq!(pt(&added), ["Passo 4 (Novo passo): passo adicionado (ação)"]);
    // The removed step comes right after the step it followed; its number is its old one.
    let without = SEED
        .replacen(
            "[steps.debug]\ntitle = \"Recuperar via DEBUG\"\ntext  = \"Recupere o certificado via DEBUG.\"\nnext  = \"resolvido\"\n",
            "",
            1,
        )
        .replacen(r#"{ when = "Não", next = "debug" }"#, r#"{ when = "Não", next = "chamado" }"#, 1);
    let removed = procedure(SEED, &without);
    let kinds: Vec<String> = removed.iter().map(kind_of).collect();
    assert_eq!(kinds, ["rerouted", "step-removed"], "{removed:?}");
    assert!(
        matches!(&removed[0], Change::Rerouted { old: Some(old), .. } if *old == step(4, "debug", Some("Recuperar via DEBUG")))
    );
    assert_eq!(
        removed[1],
        Change::StepRemoved { step: step(4, "debug", Some("Recuperar via DEBUG")), step_kind: StepKind::Action }
    );
    assert_eq!(pt(&removed)[1], "Passo 4 (Recuperar via DEBUG): passo removido (ação)");
    // Removing the first step puts its removal first.
    let first = SEED.replacen("[steps.acesso]", "[steps.zzz]\nnext = \"acesso\"\n\n[steps.acesso]", 1);
    let changes = procedure(&first, SEED);
    assert!(
        matches!(&changes[..], [Change::StartChanged { .. }, Change::StepRemoved { step, .. }] if step.number == Some(1)),
        "{changes:?}"
    );
}

#[test]
fn a_step_that_changed_place() {
    let block = "[steps.debug]\ntitle = \"Recuperar via DEBUG\"\ntext  = \"Recupere o certificado via DEBUG.\"\nnext  = \"resolvido\"\n";
    let moved = SEED.replacen(block, "", 1).replacen("[steps.orientar]", &format!("{block}\n[steps.orientar]"), 1);
    let changes = procedure(SEED, &moved);
    assert_eq!(changes, [Change::StepMoved { step: step(3, "debug", Some("Recuperar via DEBUG")), old_number: 4 }]);
    assert_eq!(pt(&changes), ["Passo 3 (Recuperar via DEBUG): mudou de lugar; era o passo 4"]);
}

#[test]
fn step_texts_with_word_diffs() {
    let changes = edit("Peça ao cliente o arquivo do certificado", "Peça ao cliente a cópia do certificado");
    let [Change::StepText { field: StepField::Text, words, .. }] = &changes[..] else { panic!("{changes:?}") };
    assert!(words.contains(&Piece::Removed("o arquivo".into())) && words.contains(&Piece::Added("a cópia".into())));
    assert_eq!(
        pt(&changes),
        ["Passo 3 (Gerar novo arquivo): texto: Peça ao cliente [-o arquivo-]{+a cópia+} do certificado, conforme \
          [[Certificado Digital > A1 > Exportar]]."]
    );
    let note = edit(
        "text  = \"Recupere o certificado via DEBUG.\"",
        "text  = \"Recupere o certificado via DEBUG.\"\nwarning = \"Não formate!\"",
    );
    assert_eq!(pt(&note), ["Passo 4 (Recuperar via DEBUG): aviso (Atenção) adicionado: Não formate!"]);
    let title = edit("title = \"Recuperar via DEBUG\"", "title = \"Recuperar pelo DEBUG\"");
    assert!(
        matches!(&title[..], [Change::StepText { field: StepField::Title, step, .. }] if step.title.as_deref() == Some("Recuperar pelo DEBUG"))
    );
}

#[test]
fn references_see_and_images() {
    let changes = edit(
        "conforme [[Certificado Digital > A1 > Exportar]].\"\nsee   = [\"Certificado Digital > A1 > Senhas\"]\n\
         image = { src = \"exportar.png\", alt = \"Tela de exportação\" }",
        "conforme [[Certificado Digital > A1 > Trocar senha#passo|aqui]].\"\nsee   = [\"Certificado Digital > A1 > Debug\"]\n\
         image = [{ src = \"exportar.png\", alt = \"Tela de exportar\" }, { src = \"senha.png\" }]",
    );
    let kinds: Vec<String> = changes.iter().map(kind_of).collect();
    assert_eq!(
        kinds,
        [
            "step-text",
            "reference-added",
            "reference-removed",
            "see-added",
            "see-removed",
            "image-changed",
            "image-added"
        ]
    );
    assert!(
        matches!(&changes[1], Change::ReferenceAdded { target, .. } if target == "Certificado Digital > A1 > Trocar senha#passo")
    );
    let lines = pt(&changes);
    assert_eq!(
        lines[1],
        "Passo 3 (Gerar novo arquivo): referência adicionada: `[[Certificado Digital > A1 > Trocar senha#passo]]`"
    );
    assert_eq!(lines[3], "Passo 3 (Gerar novo arquivo): \"Veja também\" ganhou: Certificado Digital > A1 > Debug");
    assert_eq!(
        lines[5],
        "Passo 3 (Gerar novo arquivo): imagem `exportar.png`: texto alternativo \"Tela de exportação\" → \"Tela de exportar\""
    );
    assert_eq!(lines[6], "Passo 3 (Gerar novo arquivo): imagem adicionada: `senha.png`");
    let gone = edit("\nimage = { src = \"exportar.png\", alt = \"Tela de exportação\" }", "");
    assert_eq!(pt(&gone), ["Passo 3 (Gerar novo arquivo): imagem removida: `exportar.png` (\"Tela de exportação\")"]);
}

#[test]
fn start_and_metadata() {
    let changes = edit(
        r#"title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
summary = "Quando o cliente não localiza o backup do certificado."
owner   = "Suporte Técnico"
updated = 2019-11-22
tags    = ["a1", "backup"]
aliases = ["perdi o pfx"]"#,
        r#"title   = "Perda do backup"
section = "Certificado Digital > A1"
summary = "Quando o cliente não encontra o backup do certificado."
owner   = "Relacionamento"
updated = 2026-11-27
review_months = 6
tags    = ["backup", "pfx"]
aliases = ["perdi o pfx", "formatei"]
start = "exportar""#,
    );
    assert_eq!(
        pt(&changes),
        [
            "Título alterado: Perda do Backup A1 → Perda do backup",
            "Resumo: Quando o cliente não [-localiza-]{+encontra+} o backup do certificado.",
            "Responsável alterado: Suporte Técnico → Relacionamento",
            "Última revisão (`updated`) alterada: 22/11/2019 → 27/11/2026",
            "Ciclo de revisão: o padrão da base → 6 meses",
            "Etiquetas: adicionada \"pfx\"; removida \"a1\"",
            "Frases do cliente (aliases): adicionada \"formatei\"",
            "O procedimento agora começa no passo 2 (Conseguiu exportar?) em vez do passo 1 (Acesso à máquina)",
        ]
    );
    let touching: Vec<bool> = changes.iter().map(Change::touches_steps).collect();
    assert_eq!(touching, [false, false, false, false, false, false, false, true]);
    let english: Vec<String> = changes.iter().map(|c| c.describe(Language::En)).collect();
    assert_eq!(english[0], "Title changed: Perda do Backup A1 → Perda do backup");
    assert_eq!(
        english[7],
        "The procedure now starts at step 2 (Conseguiu exportar?) instead of step 1 (Acesso à máquina)"
    );
}

#[test]
fn scenarios_by_name() {
    let changes = edit(
        "name    = \"Máquina formatada\"\nanswers = [\"Não\"]\nexpect  = \"chamado\"",
        "name    = \"Máquina formatada\"\nanswers = { acesso = \"Não\" }\nexpect  = { end = \"escalation\", to = \"Suporte\" }\n\n\
         [[scenarios]]\nname = \"Exporta\"\nanswers = [\"Sim\", \"Sim\"]\nexpect = \"resolvido\"",
    );
    assert_eq!(
        changes,
        [
            Change::ScenarioChanged {
                name: "Máquina formatada".into(),
                old: ScenarioInfo { answers: "[\"Não\"]".into(), expect: "\"chamado\"".into() },
                new: ScenarioInfo {
                    answers: "{ acesso = \"Não\" }".into(),
                    expect: "{ end = \"escalation\", to = \"Suporte\" }".into()
                },
            },
            Change::ScenarioAdded { name: "Exporta".into() },
        ]
    );
    assert_eq!(pt(&changes)[1], "Cenário de teste adicionado: \"Exporta\"");
    assert!(changes.iter().all(|c| !c.touches_steps()));
    let removed = procedure(
        &SEED.replacen("[[scenarios]]", "[[scenarios]]\nname = \"Só\"\nexpect = \"chamado\"\n\n[[scenarios]]", 1),
        SEED,
    );
    assert_eq!(removed, [Change::ScenarioRemoved { name: "Só".into() }]);
}

#[test]
fn an_unreadable_side_is_one_change() {
    let broken = "title = \"sem aspas\n[steps";
    let changes = procedure(SEED, broken);
    let [Change::Unreadable { side: Side::New, message }] = &changes[..] else { panic!("{changes:?}") };
    assert!(message.contains("(linha 2, coluna 7)"), "{message}");
    assert!(pt(&changes)[0].starts_with("A versão nova não pôde ser lida: "), "{:?}", pt(&changes));
    assert!(matches!(&procedure(broken, SEED)[..], [Change::Unreadable { side: Side::Old, .. }]));
    assert!(procedure(broken, broken).is_empty());
    let both = procedure(broken, "x = ");
    assert_eq!(both.len(), 2);
}

#[test]
fn json_names_the_kind() {
    let changes = edit(r#"{ when = "Não", next = "debug" }"#, r#"{ when = "Não", next = "chamado" }"#);
    let json = serde_json::to_value(&changes[0]).unwrap();
    assert_eq!(json["kind"], "rerouted");
    assert_eq!(json["step"]["number"], 2);
    assert_eq!(json["new"]["id"], "chamado");
    let text = edit("Peça ao cliente o arquivo", "Peça ao cliente a cópia");
    let json = serde_json::to_value(&text[0]).unwrap();
    assert_eq!(json["kind"], "step-text");
    assert_eq!(json["field"], "text");
    assert_eq!(json["words"][1], serde_json::json!({ "removed": "o arquivo" }));
    let added = edit("[steps.debug]", "[steps.novo]\nend = \"resolution\"\n\n[steps.debug]");
    assert_eq!(serde_json::to_value(&added[0]).unwrap()["step_kind"], "resolution");
}

#[test]
fn two_thousand_steps_diff_quickly() {
    let big = |edited: bool| {
        let mut text = String::from("title = \"Grande\"\nsection = \"Teste\"\n");
        for i in 0..2000 {
            let next = if i == 1999 { "fim".to_string() } else { format!("p{}", i + 1) };
            let word = if edited && i % 3 == 0 { "alterado" } else { "original" };
            text.push_str(&format!("\n[steps.p{i}]\ntitle = \"Passo {i}\"\ntext = \"Um texto {word} de exemplo, {i}.\"\nnext = \"{next}\"\n"));
        }
        // Reversed order in the new version: every step but one changes place.
        text.push_str("\n[steps.fim]\nend = \"resolution\"\n");
        text
    };
    let (old, new) = (big(false), big(true));
    let started = std::time::Instant::now();
    let changes = procedure(&old, &new);
    assert_eq!(changes.len(), 667);
    let mut reversed = String::from("title = \"Grande\"\nsection = \"Teste\"\n");
    for block in new.split("\n[steps.").skip(1).collect::<Vec<_>>().into_iter().rev() {
        reversed.push_str(&format!("\n[steps.{block}"));
    }
    let changes = procedure(&old, &reversed);
    assert!(changes.iter().filter(|c| matches!(c, Change::StepMoved { .. })).count() >= 1999);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

fn kind_of(change: &Change) -> String {
    serde_json::to_value(change).unwrap()["kind"].as_str().unwrap().to_string()
}

#[test]
fn the_html_of_a_change_escapes_what_editors_wrote() {
    let old = "title = \"T\"\nsection = \"S\"\n[steps.a]\nend = \"resolution\"\ntext = \"Abra o <b>menu</b>\"\n";
    let new = "title = \"T\"\nsection = \"S\"\n[steps.a]\nend = \"resolution\"\ntext = \"Abra o <script>alert(1)</script>\"\n";
    let changes = procedure(old, new);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let html = changes[0].describe_html(Language::PtBr);
    assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
    assert!(html.contains("<del>") && html.contains("<ins>script</ins>&gt;") && html.contains("&lt;"), "{html}");
}

/// The diff words its sentences with `tr!` (in the language asked for), which the catalogue's
/// own test does not see: every `"diff-…"` id of these files must be in both languages.
#[test]
fn every_id_the_diff_uses_is_in_the_catalogue() {
    use crate::i18n::{Language, message_in};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/diff");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("\"diff-") {
            let rest = &text[at + 1..];
            let id = &rest[..rest.find('"').unwrap()];
            // The agreeing forms `Words` picks by adding an attribute to the id.
            let mut needed = vec![id.to_string()];
            if ["diff-value-", "diff-text-", "diff-image-none"].iter().any(|p| id.starts_with(p)) {
                needed.push(format!("{id}.feminine"));
            }
            if id.starts_with("diff-list-") {
                needed.push(format!("{id}.one"));
            }
            for id in &needed {
                for language in [Language::PtBr, Language::En] {
                    assert_ne!(&message_in(language, id, &[]), id, "`{id}` is not in the catalogue ({path:?})");
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "{seen}");
}

#[test]
fn the_terminal_and_markdown_forms_follow_the_language() {
    use crate::i18n::Language;
    let old = vec![("procedures/a.toml".to_string(), SEED.to_string())];
    let new = vec![("procedures/a.toml".to_string(), SEED.replace("Conseguiu exportar?", "Exportou?"))];
    let diff = super::bases(&old, &new);
    let pt = super::human(&diff, false, Language::PtBr);
    assert!(pt.starts_with("alterado: procedures/a.toml"), "{pt}");
    assert!(pt.ends_with("1 procedimento alterado, 0 adicionados, 0 removidos, 0 renomeados\n"), "{pt}");
    let en = super::human(&diff, false, Language::En);
    assert!(en.starts_with("changed: procedures/a.toml"), "{en}");
    assert!(en.ends_with("1 procedure changed, 0 added, 0 removed, 0 renamed\n"), "{en}");
    let md = super::markdown(&diff, Language::PtBr);
    assert!(md.starts_with("## Mudanças nos procedimentos\n\n1 procedimento alterado"), "{md}");
    assert_eq!(super::human(&Default::default(), false, Language::En), "No changes to procedures\n");
    assert_eq!(
        super::markdown(&Default::default(), Language::PtBr),
        "## Mudanças nos procedimentos\n\nNenhuma mudança.\n"
    );
}
