//! The scenarios on the site: each procedure page's worked examples (the walk, the answers, the
//! outcome, the link that replays it in the guided mode) and the review page's coverage.

use crate::base;
use crate::site::{build, page, select, text};

/// The seed's graph: decisions `acesso-maquina`, `chave-exportavel` and `backup-gerado`, two
/// answers each (6 in all).
const SEED: &str = r#"
title = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner = "Suporte"
updated = 2026-11-01

[steps.acesso-maquina]
title = "Acesso à máquina"
text = "O cliente ainda tem acesso à máquina da primeira instalação?"
branches = [{ when = "Sim", next = "chave-exportavel" }, { when = "Não", next = "chamado" }]

[steps.chave-exportavel]
title = "Chave exportável"
text = "A opção de exportar a chave privada está disponível?"
branches = [{ when = "Sim", next = "gerar-backup" }, { when = "Não, está inibida", next = "recuperar-debug" }]

[steps.gerar-backup]
title = "Gerar backup"
text = "Gere um novo backup."
next = "backup-gerado"

[steps.recuperar-debug]
title = "Recuperar via DEBUG"
text = "Recupere via DEBUG."
next = "backup-gerado"

[steps.backup-gerado]
title = "Backup gerado?"
text = "Foi possível gerar o novo backup?"
branches = [{ when = "Sim", next = "resolvido" }, { when = "Não", next = "chamado" }]

[steps.resolvido]
end = "resolution"

[steps.chamado]
title = "Chamado para o Relacionamento"
end = "escalation"
to = "Relacionamento"
sla = "24h"
"#;

/// Covers 4 of the seed's 6 answers: both of `acesso-maquina`, `Não, está inibida`, and `Sim`
/// of `backup-gerado`.
const SEED_SCENARIOS: &str = r#"
[[scenarios]]
name    = "Máquina formatada"
answers = ["Não"]
expect  = { end = "escalation", to = "Relacionamento" }

[[scenarios]]
name    = "Chave inibida"
answers = { acesso-maquina = "Sim", chave-exportavel = "Não, está inibida", backup-gerado = "Sim" }
expect  = "resolvido"
"#;

/// One decision of three answers; its scenario, with a hostile name, covers 1.
const MENU: &str = r#"
title = "Menu"
section = "Outros"
owner = "Suporte"
updated = 2026-11-01

[steps.qual]
text = "Qual opção?"
branches = [{ when = "A", next = "fim" }, { when = "B", next = "fim" }, { when = "C", next = "fim" }]

[steps.fim]
end = "resolution"

[[scenarios]]
name    = "<script>alert(1)</script> & <b>x</b>"
answers = ["A"]
expect  = "fim"
"#;

/// No decision, no scenario.
const PLAIN: &str = r#"
title = "Reiniciar"
section = "Outros"
owner = "Suporte"
updated = 2026-11-01

[steps.reiniciar]
text = "Reinicie o computador."
next = "fim"

[steps.fim]
end = "resolution"
"#;

/// A decision of two answers, no scenario.
const UNTESTED: &str = r#"
title = "Sem testes"
section = "Outros"
owner = "Suporte"
updated = 2026-11-01

[steps.liga]
text = "Liga?"
branches = [{ when = "Sim", next = "fim" }, { when = "Não", next = "fim" }]

[steps.fim]
end = "resolution"
"#;

const SITE: &str = "[site]\ntitle = \"Base\"\n";

fn knowledge_base(config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let seed = format!("{SEED}{SEED_SCENARIOS}");
    base(&[
        ("sopbook.toml", config),
        ("procedures/perda.toml", &seed),
        ("procedures/menu.toml", MENU),
        ("procedures/reiniciar.toml", PLAIN),
        ("procedures/sem-testes.toml", UNTESTED),
    ])
}

/// Each example's lines, as read: `Passo 1: Acesso à máquina Resposta: Não`.
fn walk_lines(example: &scraper::ElementRef<'_>) -> Vec<String> {
    example.select(&scraper::Selector::parse(".example-walk > li").unwrap()).map(|li| text(&li)).collect()
}

fn first(example: &scraper::ElementRef<'_>, css: &str) -> String {
    example.select(&scraper::Selector::parse(css).unwrap()).next().map(|e| text(&e)).unwrap_or_default()
}

fn guided_href(example: &scraper::ElementRef<'_>) -> Option<String> {
    let link = example.select(&scraper::Selector::parse("a.example-guided").unwrap()).next()?;
    assert!(link.value().attr("hidden").is_some(), "shown by guided.js only");
    link.value().attr("href").map(String::from)
}

#[test]
fn each_scenario_is_a_worked_example_with_its_walk_answers_outcome_and_replay() {
    let (_kb, root) = knowledge_base(SITE);
    let (_dir, out) = build(&root, &[]);
    let html = page(&out, "procedures/perda.html");
    assert_eq!(text(&select(&html, "#sb_examples")[0]), "Exemplos de atendimento");
    let examples = select(&html, ".examples-section .example");
    assert_eq!(examples.len(), 2);

    assert_eq!(first(&examples[0], ".example-name"), "Máquina formatada");
    assert_eq!(
        walk_lines(&examples[0]),
        ["Passo 1: Acesso à máquina Resposta: Não", "Passo 7: Chamado para o Relacionamento"]
    );
    assert_eq!(
        first(&examples[0], ".example-outcome"),
        "Resultado: escalonado para Relacionamento — retorno em até 24 horas"
    );
    assert_eq!(guided_href(&examples[0]).as_deref(), Some("#guia=acesso-maquina.chamado"));
    assert_eq!(first(&examples[0], ".example-guided"), "Percorrer no modo guiado");
    // Scripts off, the link points at its own example: it stays a link into the page.
    assert_eq!(examples[0].value().id(), Some("guia=acesso-maquina.chamado"));
    // Each step links to its place in the list of steps.
    let hrefs: Vec<_> = examples[0]
        .select(&scraper::Selector::parse(".example-step").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs, ["#acesso-maquina", "#chamado"]);

    assert_eq!(first(&examples[1], ".example-name"), "Chave inibida");
    assert_eq!(
        walk_lines(&examples[1]),
        [
            "Passo 1: Acesso à máquina Resposta: Sim",
            "Passo 2: Chave exportável Resposta: Não, está inibida",
            "Passo 4: Recuperar via DEBUG",
            "Passo 5: Backup gerado? Resposta: Sim",
            // A terminal without title or text is named by its kind.
            "Passo 6: Resolução",
        ]
    );
    assert_eq!(first(&examples[1], ".example-outcome"), "Resultado: caso resolvido");
    assert_eq!(
        guided_href(&examples[1]).as_deref(),
        Some("#guia=acesso-maquina.chave-exportavel.recuperar-debug.backup-gerado.resolvido")
    );
    assert!(select(&html, ".example-failing, .example-failing-note").is_empty());

    // The examples come after the steps; a procedure without scenarios has no such section.
    let raw = std::fs::read_to_string(out.join("procedures/perda.html")).unwrap();
    assert!(raw.find("id=\"sb_steps\"").unwrap() < raw.find("id=\"sb_examples\"").unwrap());
    let plain = std::fs::read_to_string(out.join("procedures/reiniciar.html")).unwrap();
    assert!(!plain.contains("examples-section") && !plain.contains("Exemplos de atendimento"));
}

#[test]
fn a_scenario_name_is_text_never_html() {
    let (_kb, root) = knowledge_base(SITE);
    let (_dir, out) = build(&root, &[]);
    let html = page(&out, "procedures/menu.html");
    let example = &select(&html, ".example")[0];
    assert_eq!(first(example, ".example-name"), "<script>alert(1)</script> & <b>x</b>");
    assert!(select(&html, ".example-name script, .example-name b").is_empty());
    let raw = std::fs::read_to_string(out.join("procedures/menu.html")).unwrap();
    assert!(raw.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"), "escaped");
    assert!(!raw.contains("<script>alert(1)"));
    assert_eq!(walk_lines(example), ["Passo 1: Qual opção? Resposta: A", "Passo 2: Resolução"]);
    assert_eq!(guided_href(example).as_deref(), Some("#guia=qual.fim"));
}

/// 4 of 6 answers in the seed, 1 of 3 in the menu, 0 of 2 in the untested one, none to cover in
/// the plain one: 5 of 11 in all.
#[test]
fn the_review_page_shows_each_procedures_coverage_and_the_bases() {
    let (_kb, root) = knowledge_base(SITE);
    let (_dir, out) = build(&root, &[]);
    let html = page(&out, "review.html");
    assert_eq!(text(&select(&html, "#sb_coverage")[0]), "Cobertura dos cenários");
    let cell = |tr: &scraper::ElementRef<'_>, css: &str| first(tr, css);
    let rows: Vec<[String; 3]> = select(&html, ".coverage-table tbody tr")
        .iter()
        .map(|tr| [cell(tr, "td a"), cell(tr, "td.coverage-count"), cell(tr, "td:last-child")])
        .collect();
    let expected = [
        ["Sem testes", "0", "0 de 2 respostas (0%)"],
        ["Menu", "1", "1 de 3 respostas (33%)"],
        ["Perda do Backup A1", "2", "4 de 6 respostas (67%)"],
        ["Reiniciar", "0", "— sem decisões"],
    ];
    assert_eq!(rows, expected.map(|row| row.map(String::from)));
    assert_eq!(text(&select(&html, ".coverage-table tfoot th")[0]), "Toda a base");
    assert_eq!(text(&select(&html, ".coverage-table tfoot td")[0]), "5 de 11 respostas (45%)");
    let link = select(&html, ".coverage-table tbody a")[2].value().attr("href").unwrap();
    assert_eq!(link, "procedures/perda.html");
}

#[test]
fn a_base_without_scenarios_says_so_on_the_review_page() {
    let (_kb, root) = base(&[("sopbook.toml", SITE), ("procedures/reiniciar.toml", PLAIN)]);
    let (_dir, out) = build(&root, &[]);
    let html = page(&out, "review.html");
    assert_eq!(
        text(&select(&html, ".coverage")[0]),
        "Cobertura dos cenários Nenhum procedimento tem cenários de teste ainda."
    );
    assert!(select(&html, ".coverage-table").is_empty());
}

#[test]
fn worked_examples_and_coverage_in_english() {
    let (_kb, root) = knowledge_base("[site]\ntitle = \"Base\"\nlanguage = \"en\"\n");
    let (_dir, out) = build(&root, &[]);
    let html = page(&out, "procedures/perda.html");
    assert_eq!(text(&select(&html, "#sb_examples")[0]), "Worked examples");
    let example = &select(&html, ".example")[0];
    assert_eq!(walk_lines(example)[0], "Step 1: Acesso à máquina Answer: Não");
    assert_eq!(first(example, ".example-outcome"), "Outcome: escalated to Relacionamento — return within 24 hours");
    assert_eq!(first(example, ".example-guided"), "Walk through in guided mode");
    assert_eq!(first(&select(&html, ".example")[1], ".example-outcome"), "Outcome: case resolved");
    let review = page(&out, "review.html");
    assert_eq!(text(&select(&review, "#sb_coverage")[0]), "Scenario coverage");
    let cells: Vec<String> = select(&review, ".coverage-table tbody td:last-child").iter().map(text).collect();
    assert_eq!(cells, ["0 of 2 answers (0%)", "1 of 3 answers (33%)", "4 of 6 answers (67%)", "— no decisions"]);
    assert_eq!(text(&select(&review, ".coverage-table tfoot th")[0]), "Whole knowledge base");
    assert_eq!(text(&select(&review, ".coverage-table tfoot td")[0]), "5 of 11 answers (45%)");
}

/// Lint stops the build at a failing scenario; forced, the page still shows what was walked.
#[test]
fn failing_unreadable_and_long_scenarios_still_render() {
    let loops = r#"
title = "Laço"
section = "Outros"
owner = "Suporte"
updated = 2026-11-01

[steps.tentar]
title = "Tentar de novo"
text = "Funcionou?"
branches = [{ when = "Não", next = "esperar" }, { when = "Sim", next = "fim" }]

[steps.esperar]
text = "Espere um minuto."
next = "tentar"

[steps.fim]
end = "resolution"

[[scenarios]]
name    = "Termina em outro lugar"
answers = ["Não", "Sim"]
expect  = { end = "escalation" }

[[scenarios]]
name    = "Sem fim"
answers = { tentar = "Não" }
expect  = "fim"

[[scenarios]]
name    = "Sem expect"
answers = ["Sim"]

[[scenarios]]
name    = "Sessenta tentativas"
answers = ["Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Não", "Sim"]
expect  = "fim"
"#;
    let (_kb, root) = base(&[("sopbook.toml", SITE), ("procedures/laco.toml", loops)]);
    crate::sopbook().arg("build").arg(&root).arg("--out").arg(root.join("x")).assert().code(1);
    let (_dir, out) = build(&root, &["--allow-errors"]);
    let html = page(&out, "procedures/laco.html");
    let examples = select(&html, ".example");
    let names: Vec<String> = examples.iter().map(|e| first(e, ".example-name")).collect();
    assert_eq!(names, ["Termina em outro lugar", "Sem fim", "Sessenta tentativas"], "the unreadable one is left out");

    let wrong_end = &examples[0];
    assert!(wrong_end.value().classes().any(|c| c == "example-failing"));
    assert_eq!(
        walk_lines(wrong_end),
        [
            "Passo 1: Tentar de novo Resposta: Não",
            "Passo 2: Espere um minuto.",
            "Passo 1: Tentar de novo Resposta: Sim",
            "Passo 3: Resolução"
        ]
    );
    assert_eq!(first(wrong_end, ".example-outcome"), "Resultado: caso resolvido");
    assert!(first(wrong_end, ".example-failing-note").starts_with("Este exemplo não chega ao fim esperado"));
    assert_eq!(guided_href(wrong_end), None, "no replay of a failing example");
    assert_eq!(wrong_end.value().id(), None);

    // Round the loop until the walk sees it can only go round: no end reached.
    let endless = &examples[1];
    assert_eq!(walk_lines(endless)[..2], ["Passo 1: Tentar de novo Resposta: Não", "Passo 2: Espere um minuto."]);
    assert!(first(endless, ".example-failing-note").starts_with("Este exemplo não chega ao fim esperado"));
    assert_eq!(first(endless, ".example-outcome"), "");

    // A long walk that passes: 60 turns of two steps, then the answer out and the end.
    let long = &examples[2];
    let lines = walk_lines(long);
    assert_eq!(lines.len(), 101);
    assert_eq!(lines[50], "… 22 passos omitidos …");
    assert_eq!(lines[100], "Passo 3: Resolução");
    let numbers: Vec<_> = long
        .select(&scraper::Selector::parse(".example-walk > li[value]").unwrap())
        .map(|li| li.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(numbers, ["73"], "the list goes on at the step's place in the walk");
    let href = guided_href(long).unwrap();
    assert_eq!(href.matches("tentar").count(), 61);
    assert!(href.ends_with(".tentar.fim"));
}
