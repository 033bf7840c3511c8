//! `sopbook import` on documents that real writers made (issue 17): one manual in the seed's
//! style as HTML, as the .docx LibreOffice writes (from a flat ODT) and as the .docx python-docx
//! writes, in `tests/fixtures/import/real/` (`make_real_docx.py` made them). From each: every
//! sentence lands in its step, both pictures are written beside the procedure and named in
//! `image`, the table of fields is a Markdown table, the list inside step 2.1 is a nested list,
//! bold, italic and the link survive, and what is not the manual's text (the page header and
//! footer, the word a tracked change deleted) stays out. The site and the checklists show the
//! table and the list as a table and a list.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::sopbook;

const SOURCES: [&str; 3] = ["renovacao-a1.html", "renovacao-a1-libreoffice.docx", "renovacao-a1-python-docx.docx"];
const PROCEDURE: &str = "procedures/certificado-digital/a1/renovacao-do-certificado-a1.toml";
const SLUG: &str = "certificado-digital/a1/renovacao-do-certificado-a1";

fn real(name: &str) -> PathBuf {
    crate::fixture("import/real").join(name)
}

/// The two pictures of the manual, as the HTML version has them: a file beside it, a `data:` URI.
fn source_pictures() -> [Vec<u8>; 2] {
    let first = std::fs::read(real("renovacao-a1_arquivos/tela-cadastro.png")).unwrap();
    let html = std::fs::read_to_string(real("renovacao-a1.html")).unwrap();
    let start = html.find("data:image/png;base64,").unwrap() + "data:image/png;base64,".len();
    let end = start + html[start..].find('"').unwrap();
    let second = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &html[start..end]).unwrap();
    [first, second]
}

struct Imported {
    kb: tempfile::TempDir,
    text: String,
    table: toml::Table,
    report: String,
}

impl Imported {
    fn step(&self, id: &str) -> &toml::Table {
        self.table["steps"][id].as_table().unwrap_or_else(|| panic!("no step {id}:\n{}", self.text))
    }

    /// A step's title, text, note and warning, without Markdown emphasis, `[[…]]` and link targets.
    fn said(&self, id: &str) -> String {
        let step = self.step(id);
        let parts = ["title", "text", "note", "warning"].iter().filter_map(|k| step.get(*k)?.as_str());
        plain(&parts.collect::<Vec<_>>().join("\n"))
    }
}

fn import(name: &str) -> Imported {
    let kb = tempfile::tempdir().unwrap();
    std::fs::create_dir(kb.path().join("procedures")).unwrap();
    let out = sopbook().arg("import").arg(real(name)).arg("--root").arg(kb.path()).output().unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{name}: {report}{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(kb.path().join(PROCEDURE)).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
    Imported { kb, text, table, report }
}

fn plain(text: &str) -> String {
    let text = text.replace("[[", "").replace("]]", "").replace("**", "").replace('*', "");
    let text = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap().replace_all(&text, "$1").into_owned();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every sentence of the manual, and the step it belongs to.
const SENTENCES: &[(&str, &str)] = &[
    ("passo-1-1", "Conferindo os dados"),
    (
        "passo-1-1",
        "Abra o cadastro do cliente no Qualitor (Certificado Digital > A1 > Cadastro) e confira os dados, conforme imagem abaixo.",
    ),
    ("passo-1-1", "Procedimento Operacional Padrão - SOP; SUPORTE TÉCNICO; Porto Alegre, 10 de março de 2025."),
    ("passo-1-2", "Preencha os campos da solicitação com os dados do cliente:"),
    ("passo-1-2", "Confira o CNPJ com o cliente antes de salvar; um número errado gera um certificado que não serve."),
    ("passo-2-1", "Enviando a solicitação"),
    ("passo-2-1", "Na tela de renovação, siga a ordem abaixo:"),
    ("passo-2-1", "Clique em Renovar."),
    ("passo-2-1", "Escolha o tipo de validação:"),
    ("passo-2-1", "Videoconferência, com agendamento pelo portal da AR;"),
    ("passo-2-1", "Presencial, em um posto de atendimento."),
    ("passo-2-1", "Confirme o envio."),
    ("passo-2-1", "Ao final, a tela mostra o protocolo da solicitação, conforme imagem abaixo."),
    ("passo-2-2", "Informe ao cliente o número do protocolo gerado."),
    (
        "chamado",
        "Nos casos em que o cliente não receber o e-mail de confirmação em até 2 dias úteis, deverá abrir um chamado com o setor Financeiro.",
    ),
];

#[test]
fn every_sentence_lands_in_its_step() {
    for name in SOURCES {
        let imported = import(name);
        let ids: Vec<&String> = imported.table["steps"].as_table().unwrap().keys().collect();
        assert_eq!(ids, ["passo-1-1", "passo-1-2", "passo-2-1", "passo-2-2", "chamado"], "{name}");
        for (step, sentence) in SENTENCES {
            assert!(imported.said(step).contains(sentence), "{name}: `{sentence}` not in {step}:\n{}", imported.text);
        }
        let table = &imported.table;
        assert_eq!(table["title"].as_str(), Some("Renovação do Certificado A1"), "{name}");
        assert_eq!(
            table["summary"].as_str(),
            Some(
                "Este manual orienta o analista a renovar o certificado digital do tipo A1 do cliente antes do vencimento."
            ),
            "{name}"
        );
        assert_eq!(table["owner"].as_str(), Some("Suporte Técnico"), "{name}");
        // The closing date is a date field in both .docx: its shown value is read.
        assert_eq!(table["updated"].to_string(), "2025-03-10", "{name}");
        // "em até 2 dias úteis": a promise in business days, not calendar days.
        let escalation = imported.step("chamado");
        assert_eq!(
            (escalation["to"].as_str(), escalation["sla"].as_str()),
            (Some("Financeiro"), Some("2du")),
            "{name}"
        );
        // The tracked change: the deleted word is gone, the inserted one is in.
        assert!(!imported.text.contains("anterior"), "{name}:\n{}", imported.text);
        // The page header and footer (with its page number fields) are not the manual's text.
        for furniture in ["Manual interno", "Página"] {
            assert!(!imported.text.contains(furniture), "{name}: `{furniture}`:\n{}", imported.text);
        }
    }
}

#[test]
fn every_picture_is_written_beside_the_procedure_and_named_at_its_step() {
    let [first, second] = source_pictures();
    for name in SOURCES {
        let imported = import(name);
        let with_image: Vec<&String> = imported.table["steps"]
            .as_table()
            .unwrap()
            .iter()
            .filter(|(_, s)| s.get("image").is_some())
            .map(|(id, _)| id)
            .collect();
        assert_eq!(with_image, ["passo-1-1", "passo-2-1"], "{name}");
        let image = |id: &str| imported.step(id)["image"].as_table().unwrap().clone();
        let described = image("passo-1-1");
        assert_eq!(described["src"].as_str(), Some("renovacao-do-certificado-a1/passo-1-1-1.png"), "{name}");
        assert_eq!(described["alt"].as_str(), Some("Tela de cadastro do cliente no Qualitor"), "{name}");
        // The second picture has no description: an empty alt, which `image-alt` reports.
        let undescribed = image("passo-2-1");
        assert_eq!(undescribed["src"].as_str(), Some("renovacao-do-certificado-a1/passo-2-1-1.png"), "{name}");
        assert_eq!(undescribed["alt"].as_str(), Some(""), "{name}");
        assert!(imported.text.contains("# sopbook import: a imagem \"passo-2-1-1.png\" veio sem descrição"), "{name}");
        // The files, byte for byte, and nothing else beside the procedure.
        let folder = imported.kb.path().join("procedures/certificado-digital/a1/renovacao-do-certificado-a1");
        assert_eq!(std::fs::read(folder.join("passo-1-1-1.png")).unwrap(), first, "{name}");
        assert_eq!(std::fs::read(folder.join("passo-2-1-1.png")).unwrap(), second, "{name}");
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2, "{name}");
        assert!(
            imported.report.contains("  imagens:      2 (gravadas ao lado do procedimento)\n"),
            "{name}: {}",
            imported.report
        );
        assert!(imported.report.contains("    renovacao-do-certificado-a1/passo-1-1-1.png\n"), "{name}");
        // No note says a picture is missing any more.
        assert!(!imported.text.contains("Imagem ausente"), "{name}:\n{}", imported.text);

        let lint = sopbook().args(["lint", "--format", "json"]).arg(imported.kb.path()).output().unwrap();
        let findings: Vec<serde_json::Value> = serde_json::from_slice(&lint.stdout).unwrap();
        let of = |rule: &str| -> Vec<String> {
            findings
                .iter()
                .filter(|f| f["rule"] == rule)
                .map(|f| f["step"].as_str().unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(of("image-alt"), ["passo-2-1"], "{name}");
        assert!(of("missing-image").is_empty(), "{name}: {findings:#?}");
        assert!(findings.iter().all(|f| f["severity"] != "error"), "{name}: {findings:#?}");
    }
}

/// The cells of every table of a Markdown text.
fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut cell)),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                tables.last_mut().unwrap().push(std::mem::take(&mut row));
            }
            _ => {}
        }
    }
    tables
}

/// Every list item of a Markdown text: its depth, whether its list is numbered, its text.
fn items(text: &str) -> Vec<(usize, bool, String)> {
    let mut out = Vec::new();
    let mut lists: Vec<bool> = Vec::new();
    let mut current: Option<usize> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::List(start)) => lists.push(start.is_some()),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                out.push((lists.len() - 1, *lists.last().unwrap(), String::new()));
                current = Some(out.len() - 1);
            }
            Event::Text(t) => {
                if let Some(i) = current {
                    out[i].2.push_str(&t);
                }
            }
            Event::End(TagEnd::Item) => current = None,
            _ => {}
        }
    }
    out
}

const FIELDS: [[&str; 2]; 4] = [
    ["Campo", "Exemplo"],
    ["CNPJ", "00.000.000/0001-00"],
    ["Razão social", "Empresa Exemplo Ltda."],
    ["E-mail", "contato@exemplo.com.br"],
];

fn expected_items() -> Vec<(usize, bool, String)> {
    [
        (0, true, "Clique em Renovar."),
        (0, true, "Escolha o tipo de validação:"),
        (1, false, "Videoconferência, com agendamento pelo portal da AR;"),
        (1, false, "Presencial, em um posto de atendimento."),
        (0, true, "Confirme o envio."),
    ]
    .iter()
    .map(|(d, o, t)| (*d, *o, t.to_string()))
    .collect()
}

#[test]
fn tables_are_tables_and_lists_are_nested_lists_with_their_formatting() {
    let fields: Vec<Vec<String>> = FIELDS.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let mut texts = Vec::new();
    for name in SOURCES {
        let imported = import(name);
        let text = imported.step("passo-1-2")["text"].as_str().unwrap();
        assert_eq!(tables(text), std::slice::from_ref(&fields), "{name}:\n{text}");
        // Not six one-word paragraphs.
        assert!(!text.contains("\n\nCampo\n\n"), "{name}:\n{text}");
        let text = imported.step("passo-2-1")["text"].as_str().unwrap();
        assert_eq!(items(text), expected_items(), "{name}:\n{text}");
        assert!(text.contains("Clique em **Renovar**."), "{name}:\n{text}");
        assert!(text.contains("[portal da AR](https://ar.example.com.br/agenda)"), "{name}:\n{text}");
        assert!(imported.step("passo-1-2")["note"].as_str().unwrap().contains("Confira o *CNPJ* com"), "{name}");
        texts.push((name, imported.text));
    }
    // The three writers give the same procedure: only the file name in the first line differs.
    let body = |text: &str| text.split_once('\n').unwrap().1.to_string();
    assert_eq!(body(&texts[1].1), body(&texts[0].1), "{} and {}", texts[1].0, texts[0].0);
    assert_eq!(body(&texts[2].1), body(&texts[0].1), "{} and {}", texts[2].0, texts[0].0);
    insta::assert_snapshot!("import_real_libreoffice", texts[1].1);
}

#[test]
fn check_reports_the_pictures_and_writes_nothing() {
    let kb = tempfile::tempdir().unwrap();
    std::fs::create_dir(kb.path().join("procedures")).unwrap();
    let out = sopbook()
        .arg("import")
        .arg(real("renovacao-a1-libreoffice.docx"))
        .arg("--check")
        .arg("--root")
        .arg(kb.path())
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.contains("  imagens:      2 (seriam gravadas ao lado do procedimento)\n"), "{report}");
    assert!(report.contains("    renovacao-do-certificado-a1/passo-2-1-1.png\n"), "{report}");
    assert!(report.contains("passo-2-1: a imagem `passo-2-1-1.png` não tem descrição no manual"), "{report}");
    assert_eq!(walkdir::WalkDir::new(kb.path()).into_iter().count(), 2, "only the base and procedures/");
}

/// The imported procedure on the site and in the checklists: the table and the nested list as
/// a table and a list, the pictures published.
#[test]
fn the_site_and_the_checklists_show_the_table_and_the_list() {
    let imported = import("renovacao-a1-python-docx.docx");
    let root = imported.kb.path();
    let (_dir, out) = crate::site::build(root, &[]);
    let page = crate::site::page(&out, &format!("procedures/{SLUG}.html"));
    let cells: Vec<String> =
        crate::site::select(&page, "table th, table td").iter().map(|c| c.text().collect::<String>()).collect();
    assert_eq!(cells, FIELDS.concat(), "the table of fields on the procedure page");
    assert_eq!(crate::site::select(&page, "ol > li > ul > li").len(), 2, "the nested list on the procedure page");
    let images = crate::site::select(&page, "img[src^='../../../media/']");
    assert_eq!(images.len(), 2, "both pictures published");
    let (folder, name) = SLUG.rsplit_once('/').unwrap();
    let checklist = crate::site::page(&out, &format!("checklists/{folder}.html"));
    let cells = crate::site::select(&checklist, &format!("article#{name} .cl-body table td"));
    assert_eq!(cells.len(), 6, "the table in the printable checklist");
    let css = std::fs::read_to_string(out.join("assets/checklist.css")).unwrap();
    assert!(css.contains(".cl-body table th, .cl-body table td"), "the checklist rules its tables");

    let checklist = |format: &str| {
        let out = sopbook().args(["checklist", SLUG, "--format", format]).arg("--root").arg(root).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = checklist("text");
    for line in [
        "       Campo         Exemplo",
        "       ------------  ----------------------",
        "       CNPJ          00.000.000/0001-00",
        "       Razão social  Empresa Exemplo Ltda.",
        "       1. Clique em Renovar.",
        "       2. Escolha o tipo de validação:",
        "         - Videoconferência, com agendamento pelo portal da AR;",
        "       3. Confirme o envio.",
    ] {
        assert!(text.lines().any(|l| l == line), "`{line}` not in:\n{text}");
    }
    let markdown = checklist("markdown");
    let fields: Vec<Vec<String>> = FIELDS.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(tables(&markdown), [fields], "{markdown}");
    // The step's list, nested inside the checklist's own list of steps.
    let nested: Vec<(usize, bool, String)> = items(&markdown).into_iter().filter(|(depth, _, _)| *depth > 0).collect();
    let expected: Vec<(usize, bool, String)> =
        expected_items().into_iter().map(|(depth, ordered, text)| (depth + 1, ordered, text)).collect();
    assert_eq!(nested, expected, "{markdown}");
}

/// The fixtures are what `make_real_docx.py` writes: the pictures in the .docx are the very
/// bytes the script drew (LibreOffice and python-docx copy them as they are).
#[test]
fn the_fixtures_hold_the_pictures_the_script_drew() {
    let [first, second] = source_pictures();
    for name in ["renovacao-a1-libreoffice.docx", "renovacao-a1-python-docx.docx"] {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(real(name)).unwrap()).unwrap();
        let mut media: Vec<Vec<u8>> = Vec::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            if file.name().is_ok_and(|n| n.starts_with("word/media/")) {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
                media.push(bytes);
            }
        }
        media.sort();
        let mut expected = vec![first.clone(), second.clone()];
        expected.sort();
        assert_eq!(media, expected, "{name}");
    }
    assert!(Path::new(&real("renovacao-a1.fodt")).is_file(), "the source LibreOffice converts");
}
