//! The semantic diff on the real procedures of `procedures/`, edited as an editor would: what
//! each edit becomes, in data and in words, and the terminal and Markdown forms of one review.

use std::path::Path;

use sopbook::diff::{self, BaseDiff, Change, Language, Piece, Side, StepRef};

const BACKUP: &str = "procedures/certificado-digital/a1/perda-do-backup-a1.toml";
const CHAMADO: &str = "procedures/certificado-digital/a1/chamado-para-o-relacionamento.toml";

fn real(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The real knowledge base's procedure files, as `bases` takes them.
fn seed() -> Vec<(String, String)> {
    vec![(BACKUP.to_string(), real(BACKUP)), (CHAMADO.to_string(), real(CHAMADO))]
}

/// `text` with `from` replaced by `to`, which must be there.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "not in the text: {from}");
    text.replacen(from, to, 1)
}

fn backup_edited(from: &str, to: &str) -> Vec<Change> {
    let text = real(BACKUP);
    diff::procedure(&text, &edited(&text, from, to))
}

fn pt(changes: &[Change]) -> Vec<String> {
    changes.iter().map(|c| c.describe(Language::PtBr)).collect()
}

fn step(number: usize, id: &str, title: Option<&str>) -> StepRef {
    StepRef { id: id.into(), number: Some(number), title: title.map(Into::into) }
}

#[test]
fn a_rerouted_answer_of_the_seed() {
    let changes = backup_edited(
        r#"{ when = "Não, está inibida", next = "recuperar-debug" }"#,
        r#"{ when = "Não, está inibida", next = "chamado" }"#,
    );
    assert_eq!(
        changes,
        [Change::Rerouted {
            step: step(2, "chave-exportavel", Some("Opção de exportar a chave privada")),
            answer: "Não, está inibida".into(),
            old: Some(step(4, "recuperar-debug", Some("Recuperar via DEBUG"))),
            new: Some(step(7, "chamado", Some("Chamado para o Relacionamento"))),
        }]
    );
    assert_eq!(
        pt(&changes),
        [
            "Passo 2 (Opção de exportar a chave privada): a resposta \"Não, está inibida\" agora leva ao passo 7 (Chamado \
         para o Relacionamento) em vez do passo 4 (Recuperar via DEBUG)"
        ]
    );
}

#[test]
fn a_renamed_answer_of_the_seed() {
    let changes = backup_edited(
        r#"{ when = "Não, está inibida", next = "recuperar-debug" }"#,
        r#"{ when = "Não (opção inibida)", next = "recuperar-debug" }"#,
    );
    assert!(
        matches!(&changes[..], [Change::AnswerRenamed { old, new, to: Some(to), .. }]
            if old == "Não, está inibida" && new == "Não (opção inibida)" && to.id == "recuperar-debug"),
        "{changes:?}"
    );
    assert_eq!(
        pt(&changes),
        ["Passo 2 (Opção de exportar a chave privada): resposta \"Não, está inibida\" renomeada para \"Não (opção \
         inibida)\""]
    );
}

#[test]
fn an_escalation_of_the_seed_gets_another_sector_sla_and_fields() {
    let text = real(CHAMADO);
    let new =
        edited(&text, "to     = \"Relacionamento\"\nsla    = \"24h\"", "to     = \"Financeiro\"\nsla    = \"2du\"");
    let new = edited(&new, "  \"Dados do cartão\",\n", "");
    let new = edited(&new, "  \"Telefone 2\",", "  { name = \"Telefone 2\", required = false },\n  \"CPF\",");
    let lines = pt(&diff::procedure(&text, &new));
    assert_eq!(
        lines,
        [
            "Passo 4 `encaminhado`: setor do escalonamento alterado: Relacionamento → Financeiro",
            "Passo 4 `encaminhado`: prazo (SLA): 24h → 2du",
            "Passo 4 `encaminhado`: dado do chamado \"Telefone 2\": agora opcional",
            "Passo 4 `encaminhado`: dado do chamado adicionado: \"CPF\" (CPF, obrigatório)",
            "Passo 4 `encaminhado`: dado do chamado removido: \"Dados do cartão\"",
        ]
    );
}

#[test]
fn a_step_added_and_one_removed_in_the_seed() {
    let text = real(BACKUP);
    let added = edited(
        &text,
        "[steps.recuperar-debug]",
        "[steps.conferir-senha]\ntitle = \"Conferir a senha\"\ntext  = \"Confira a senha do certificado.\"\nnext  = \
         \"backup-gerado\"\n\n[steps.recuperar-debug]",
    );
    let changes = diff::procedure(&text, &added);
    assert_eq!(
        changes,
        [Change::StepAdded {
            step: step(4, "conferir-senha", Some("Conferir a senha")),
            step_kind: diff::StepKind::Action,
        }]
    );
    assert_eq!(pt(&changes), ["Passo 4 (Conferir a senha): passo adicionado (ação)"]);
    let removed = diff::procedure(&added, &text);
    assert_eq!(pt(&removed), ["Passo 4 (Conferir a senha): passo removido (ação)"]);
    assert!(removed[0].touches_steps());
}

#[test]
fn a_reworded_step_text_gives_a_word_diff() {
    let changes = backup_edited(
        "abra um chamado com o setor responsável, explicando todo o processo realizado",
        "abra um chamado com o Relacionamento, explicando o processo realizado",
    );
    let [Change::StepText { words, .. }] = &changes[..] else { panic!("{changes:?}") };
    let removed: Vec<&str> =
        words.iter().filter_map(|p| if let Piece::Removed(t) = p { Some(t.as_str()) } else { None }).collect();
    let added: Vec<&str> =
        words.iter().filter_map(|p| if let Piece::Added(t) = p { Some(t.as_str()) } else { None }).collect();
    assert_eq!((removed, added), (vec!["setor responsável", "todo "], vec!["Relacionamento"]));
    assert!(pt(&changes)[0].contains("com o [-setor responsável-]{+Relacionamento+}, explicando [-todo -]o processo"));
    assert_eq!(
        diff::html_words(words).matches("<del>").count(),
        2,
        "the HTML form marks the same runs: {}",
        diff::html_words(words)
    );
}

#[test]
fn identical_bases_have_no_difference() {
    let diff = diff::bases(&seed(), &seed());
    assert!(diff.is_empty());
    assert_eq!(diff::markdown(&diff, Language::PtBr), "## Mudanças nos procedimentos\n\nNenhuma mudança.\n");
    assert_eq!(diff::human(&diff, false, Language::En), "No changes to procedures\n");
}

#[test]
fn a_moved_file_is_a_rename_by_file() {
    let mut new = seed();
    new[1].0 = "procedures/relacionamento/chamado.toml".into();
    new[1].1 = edited(&new[1].1, "updated = 2019-11-22", "updated = 2026-11-27");
    let diff = diff::bases(&seed(), &new);
    assert!(diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty(), "{diff:?}");
    let [renamed] = &diff.renamed[..] else { panic!("{diff:?}") };
    assert_eq!(
        (renamed.from.path.as_str(), renamed.to.path.as_str()),
        (CHAMADO, "procedures/relacionamento/chamado.toml")
    );
    assert!(renamed.by_file && !renamed.by_breadcrumb);
    assert_eq!(pt(&renamed.changes), ["Última revisão (`updated`) alterada: 22/11/2019 → 27/11/2026"]);
    assert!(!renamed.changes[0].touches_steps());
}

#[test]
fn a_new_title_in_place_is_a_rename_by_breadcrumb() {
    let mut new = seed();
    new[0].1 = edited(&new[0].1, "title   = \"Perda do Backup A1\"", "title   = \"Perda do backup\"");
    let diff = diff::bases(&seed(), &new);
    let [renamed] = &diff.renamed[..] else { panic!("{diff:?}") };
    assert!(diff.changed.is_empty(), "reported as renamed, not as changed");
    assert!(!renamed.by_file && renamed.by_breadcrumb);
    assert_eq!(renamed.from.breadcrumb.as_deref(), Some("Certificado Digital > A1 > Perda do Backup A1"));
    assert_eq!(renamed.to.breadcrumb.as_deref(), Some("Certificado Digital > A1 > Perda do backup"));
    assert!(renamed.changes.is_empty(), "the title change is the breadcrumb's: {:?}", renamed.changes);
}

#[test]
fn moved_and_retitled_is_found_by_its_steps() {
    let mut new = seed();
    new[0].0 = "procedures/certificado-digital/backup.toml".into();
    new[0].1 = edited(&new[0].1, "title   = \"Perda do Backup A1\"", "title   = \"Backup perdido\"");
    new[0].1 = edited(&new[0].1, "title = \"Resultado\"", "title = \"Deu certo?\"");
    let diff = diff::bases(&seed(), &new);
    let [renamed] = &diff.renamed[..] else { panic!("{diff:?}") };
    assert!(renamed.by_file && renamed.by_breadcrumb);
    assert!(diff.added.is_empty() && diff.removed.is_empty());
    assert_eq!(pt(&renamed.changes), ["Passo 5 (Deu certo?): título: [-Resultado-]{+Deu certo?+}"]);
    // A different procedure in another file is not taken for it.
    let mut other = seed();
    other[0] = ("procedures/rede/wifi.toml".into(), wifi());
    let diff = diff::bases(&seed(), &other);
    assert!(diff.renamed.is_empty(), "{diff:?}");
    assert_eq!(diff.added[0].breadcrumb.as_deref(), Some("Rede > Wi-Fi"));
    assert_eq!(diff.removed[0].path, BACKUP);
}

fn wifi() -> String {
    r#"title = "Wi-Fi"
section = "Rede"

[steps.conectar]
title = "Conectar"
text = "O cliente conecta na rede?"
branches = [{ when = "Sim", next = "resolvido" }, { when = "Não", next = "chamado" }]

[steps.resolvido]
end = "resolution"

[steps.chamado]
end = "escalation"
to = "Infraestrutura"
sla = "4h"
"#
    .to_string()
}

#[test]
fn an_unparsable_side_is_reported_not_panicked_on() {
    let mut new = seed();
    new[0].1 = edited(&new[0].1, "[steps.resolvido]", "[steps.resolvido");
    let diff = diff::bases(&seed(), &new);
    let [changed] = &diff.changed[..] else { panic!("{diff:?}") };
    assert_eq!(changed.path, BACKUP);
    assert!(
        matches!(&changed.changes[..], [Change::Unreadable { side: Side::New, message }] if message.contains("(linha 47, coluna 17)")),
        "{:?}",
        changed.changes
    );
    assert!(diff::human(&diff, false, Language::PtBr).contains("  = a versão nova não pôde ser lida: TOML inválido"));
    // Not a procedure file at all: ignored, as the loader ignores it.
    let mut noise = seed();
    noise.push(("sopbook.toml".into(), "[site".into()));
    noise.push(("procedures/_rascunho.toml".into(), "x".into()));
    noise.push(("procedures/leia-me.md".into(), "x".into()));
    assert!(diff::bases(&seed(), &noise).is_empty());
}

#[test]
fn hostile_editor_text_cannot_change_the_comment() {
    let mut new = seed();
    new[0].1 = edited(
        &new[0].1,
        "title = \"Resultado\"",
        "title = \"<script>alert(1)</script> **x** [l](javascript:y)\"\nnote = \"# título\\n\\n- item\\n@todos #1 | a |\"",
    );
    let markdown = diff::markdown(&diff::bases(&seed(), &new), Language::PtBr);
    for forbidden in ["<script>", "**x**", "[l](", "\n# ", "\n- item", " @todos", " #1"] {
        assert!(!markdown.contains(forbidden), "{forbidden:?} in\n{markdown}");
    }
    assert!(markdown.contains(r"\<script\>alert(1)\</script\>"), "{markdown}");
    // Rendered, the comment is one heading and one list: the editor's text made no other block.
    let events: Vec<_> = pulldown_cmark::Parser::new_ext(&markdown, pulldown_cmark::Options::all()).collect();
    let blocks = events
        .iter()
        .filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })))
        .count();
    assert_eq!(blocks, 2, "the comment's heading and the procedure's:\n{markdown}");
    assert!(!events.iter().any(|e| matches!(e, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_))));
    assert!(!events.iter().any(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. }))));
    // The terminal gets no escape sequence from a procedure either.
    new[0].1 = edited(&new[0].1, "<script>", "\\u001b[31m");
    let human = diff::human(&diff::bases(&seed(), &new), false, Language::PtBr);
    assert!(!human.contains('\x1b'), "{human}");
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

/// One review an editor might send: a reroute, a reworded text, an escalation moved to another
/// sector, a file moved, a procedure added.
fn realistic() -> BaseDiff {
    let mut new = seed();
    let backup = &mut new[0].1;
    *backup = edited(backup, "updated = 2019-11-22", "updated = 2026-11-27");
    *backup = edited(
        backup,
        r#"{ when = "Não", next = "chamado" },
]

[steps.resolvido]"#,
        r#"{ when = "Não", next = "recuperar-debug" },
]

[steps.resolvido]"#,
    );
    *backup = edited(backup, "explicando todo o processo realizado", "explicando o processo *realizado*");
    *backup = edited(backup, "sla    = \"24h\"", "sla    = \"2du\"");
    new[1].0 = "procedures/certificado-digital/chamado-relacionamento.toml".into();
    new.push(("procedures/rede/wifi.toml".into(), wifi()));
    diff::bases(&seed(), &new)
}

#[test]
fn human_and_markdown_of_a_realistic_review() {
    let diff = realistic();
    let human = diff::human(&diff, false, Language::PtBr);
    assert!(human.ends_with("1 procedimento alterado, 1 adicionado, 0 removidos, 1 renomeado\n"), "{human}");
    insta::assert_snapshot!("semantic_diff_human", human);
    insta::assert_snapshot!("semantic_diff_human_en", diff::human(&diff, false, Language::En));
    let markdown = diff::markdown(&diff, Language::PtBr);
    assert!(markdown.contains("~~"), "{markdown}");
    insta::assert_snapshot!("semantic_diff_markdown", markdown);
    let colored = diff::human(&diff, true, Language::PtBr);
    assert!(colored.contains("explicando \x1b[31m[-todo -]\x1b[0mo processo \x1b[32m{+*+}\x1b[0m"), "{colored}");
    assert!(colored.contains("\x1b[1m\x1b[33malterado:\x1b[0m procedures/"), "{colored}");
    assert_eq!(strip_ansi(&colored), human, "colour adds nothing but escape sequences");
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(json["changed"][0]["path"], BACKUP);
    assert_eq!(json["renamed"][0]["by_file"], true);
    assert_eq!(json["added"][0]["breadcrumb"], "Rede > Wi-Fi");
    assert!(json["changed"][0]["changes"].as_array().unwrap().iter().any(|c| c["kind"] == "rerouted"));
}
