//! SLAs in business days (`sla = "2du"`) and the holidays of `[calendar]`: said in words on every
//! page, checklist and the guided mode's data, and a bad `[calendar]` pointed at in sopbook.toml.

use serde_json::Value;

use crate::site::{build, guided, page, select, text};
use crate::{base, sopbook};

const BOLETO: &str = r#"title   = "Boleto vencido"
section = "Financeiro"
owner   = "Financeiro"
updated = 2026-11-01

[steps.vencido]
text = "O boleto venceu há mais de 30 dias?"
branches = [
  { when = "Sim", next = "cobranca" },
  { when = "Não", next = "segunda-via" },
]

[steps.segunda-via]
text = "Emita a segunda via."
next = "fim"

[steps.fim]
end = "resolution"

[steps.cobranca]
title  = "Chamado para a Cobrança"
end    = "escalation"
to     = "Cobrança"
sla    = "2du"
fields = ["CNPJ"]
"#;

/// The same procedure, another breadcrumb, another SLA.
fn boleto(title: &str, sla: &str) -> String {
    BOLETO.replace("Boleto vencido", title).replace("\"2du\"", &format!("\"{sla}\""))
}

const CALENDAR: &str = "[calendar]\nholidays = [2026-12-25, 2027-01-01]\n";

#[test]
fn business_days_are_said_in_words_on_the_pages_and_reach_the_guided_mode_with_the_holidays() {
    let one = boleto("Boleto vencido há um dia", "1 DU");
    let hours = boleto("Boleto vencido hoje", "24h");
    let (_dir, root) = base(&[
        ("sopbook.toml", CALENDAR),
        ("procedures/financeiro/boleto.toml", BOLETO),
        ("procedures/financeiro/um-dia.toml", &one),
        ("procedures/financeiro/hoje.toml", &hours),
    ]);
    sopbook().arg("lint").arg(&root).assert().code(0);
    let (_out_dir, out) = build(&root, &[]);

    let html = page(&out, "procedures/financeiro/boleto.html");
    assert_eq!(
        text(&select(&html, "#cobranca .terminal-label")[0]),
        "▲ Escalonar para Cobrança — retorno em até 2 dias úteis"
    );
    assert_eq!(text(&select(&html, "#cobranca .escalation-details dd")[1]), "2 dias úteis");
    let data = guided(&html);
    let cobranca = &data["steps"]["cobranca"];
    assert_eq!(cobranca["sla"], "2du");
    assert_eq!(cobranca["sla_text"], "2 dias úteis");
    assert_eq!(cobranca["sla_business_days"], 2);
    assert!(cobranca.get("sla_days").is_none() && cobranca.get("sla_hours").is_none(), "{cobranca}");
    assert_eq!(data["holidays"], serde_json::json!(["2026-12-25", "2027-01-01"]));

    let html = page(&out, "procedures/financeiro/um-dia.html");
    assert_eq!(text(&select(&html, "#cobranca .escalation-details dd")[1]), "1 dia útil");
    // A page without business days carries no holidays.
    let data = guided(&page(&out, "procedures/financeiro/hoje.html"));
    assert_eq!(data["steps"]["cobranca"]["sla_hours"], 24);
    assert!(data.get("holidays").is_none(), "{data}");

    // The escalations page, sorted by length: 24 h, 1 business day, 2 business days.
    let html = page(&out, "escalations.html");
    let slas: Vec<String> = select(&html, "tbody td:last-child").iter().map(text).collect();
    assert_eq!(slas, ["24 horas", "1 dia útil", "2 dias úteis"]);

    let checklist = std::fs::read_to_string(out.join("checklists/financeiro.html")).unwrap();
    assert!(checklist.contains("Escalonar para Cobrança — retorno em até 2 dias úteis"), "{checklist}");
    for (format, expected) in [
        ("text", "Escalonar para Cobrança - retorno em até 2 dias úteis"),
        ("markdown", "Escalonar para Cobrança - retorno em até 2 dias úteis"),
    ] {
        let run = sopbook()
            .args(["checklist", "financeiro/boleto", "--format", format, "--root"])
            .arg(&root)
            .assert()
            .code(0);
        let printed = String::from_utf8(run.get_output().stdout.clone()).unwrap();
        assert!(printed.contains(expected), "{format}:\n{printed}");
    }
}

#[test]
fn business_days_in_english() {
    let settings = format!("[site]\nlanguage = \"en\"\n{CALENDAR}");
    let one = boleto("Boleto vencido há um dia", "1du");
    let (_dir, root) = base(&[
        ("sopbook.toml", settings.as_str()),
        ("procedures/financeiro/boleto.toml", BOLETO),
        ("procedures/financeiro/um-dia.toml", &one),
    ]);
    let (_out_dir, out) = build(&root, &[]);
    let html = page(&out, "procedures/financeiro/boleto.html");
    assert_eq!(text(&select(&html, "#cobranca .escalation-details dd")[1]), "2 business days");
    assert_eq!(guided(&html)["steps"]["cobranca"]["sla_text"], "2 business days");
    let html = page(&out, "procedures/financeiro/um-dia.html");
    assert_eq!(text(&select(&html, "#cobranca .escalation-details dd")[1]), "1 business day");
}

/// `(rule, line, column, message)` of each finding of `lint --format json`.
fn findings(root: &std::path::Path) -> Vec<(String, String, u64, u64, String)> {
    let run = sopbook().args(["lint", "--format", "json"]).arg(root).assert().code(1);
    let json: Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn calendar_mistakes_point_into_sopbook_toml() {
    let settings = "[calendar]\n\
                    holidays = [2026-12-25, \"2027-01-01\", 2027-01-01T10:00:00, 3]\n\
                    [calendr]\n";
    let (_dir, root) = base(&[("sopbook.toml", settings), ("procedures/financeiro/boleto.toml", BOLETO)]);
    let file = "sopbook.toml".to_string();
    let schema = |line, column, message: &str| ("schema".to_string(), file.clone(), line, column, message.to_string());
    assert_eq!(
        findings(&root),
        [
            schema(2, 25, "um feriado deveria ser uma data, mas é o texto \"2027-01-01\""),
            schema(2, 39, "um feriado deveria ser uma data, mas é a data e hora `2027-01-01T10:00:00`"),
            schema(2, 60, "um feriado deveria ser uma data, mas é um número inteiro"),
            schema(3, 2, "chave desconhecida `calendr`"),
        ]
    );
    let run = sopbook().arg("lint").arg(&root).assert().code(1);
    let human = String::from_utf8(run.get_output().stderr.clone()).unwrap()
        + &String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(human.contains("escreva a data sem aspas: `2027-01-01`"), "{human}");
    assert!(human.contains("escreva só a data: `2027-01-01`"), "{human}");
    assert!(human.contains("você quis dizer `calendar`?"), "{human}");

    let (_dir, root) = base(&[
        ("sopbook.toml", "[calendar]\nferiados = [2026-12-25]\n"),
        ("procedures/financeiro/boleto.toml", BOLETO),
    ]);
    assert_eq!(findings(&root), [schema(2, 1, "chave desconhecida `feriados`")]);
    let (_dir, root) = base(&[
        ("sopbook.toml", "[calendar]\nholidays = \"2026-12-25\"\n"),
        ("procedures/financeiro/boleto.toml", BOLETO),
    ]);
    assert_eq!(findings(&root), [schema(2, 12, "`holidays` deveria ser uma lista, mas é o texto \"2026-12-25\"")]);
}
