//! `sopbook import`: the seed manual imported from text, Markdown, HTML and .docx (snapshots of
//! the skeleton, and the same skeleton from every format), every sentence of every fixture kept,
//! the skeleton linted with findings that point at what to wire, and one test per option of the
//! command line.
//!
//! The fixtures are in `tests/fixtures/import/`: the seed as it came from Qualitor (.txt), the same
//! manual as Markdown, as Word's filtered HTML and as a .docx (`make_docx.py` writes it with
//! Python's zipfile), and two other manuals in the same style.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::TODAY;
use crate::sopbook;

const SEED_PATH: &str = "procedures/certificado-digital/a1/perda-do-backup-a1.toml";

fn fixture(name: &str) -> PathBuf {
    crate::fixture("import").join(name)
}

/// A new, empty knowledge base (a folder with `procedures/`).
fn knowledge_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn import(root: &Path, args: &[&str]) -> Run {
    let output = sopbook().arg("import").args(args).arg("--root").arg(root).output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Imports one fixture into a new knowledge base and returns the base and the file written.
fn import_fixture(name: &str) -> (tempfile::TempDir, String) {
    let kb = knowledge_base();
    let run = import(kb.path(), &[fixture(name).to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let written: Vec<String> = written_files(kb.path()).into_iter().filter(|f| f.ends_with(".toml")).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let text = std::fs::read_to_string(kb.path().join(&written[0])).unwrap();
    (kb, text)
}

/// The procedure files under `ROOT/procedures`, relative to ROOT.
fn written_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("procedures"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// The skeletons.

#[test]
fn seed_from_text() {
    let (kb, text) = import_fixture("perda-do-backup-a1.txt");
    assert!(kb.path().join(SEED_PATH).is_file());
    insta::assert_snapshot!("import_seed_txt", text);
}

#[test]
fn seed_from_docx() {
    let (_kb, text) = import_fixture("perda-do-backup-a1.docx");
    insta::assert_snapshot!("import_seed_docx", text);
}

#[test]
fn seed_from_html() {
    let (_kb, text) = import_fixture("perda-do-backup-a1.html");
    insta::assert_snapshot!("import_seed_html", text);
}

#[test]
fn seed_from_markdown() {
    let (_kb, text) = import_fixture("perda-do-backup-a1.md");
    insta::assert_snapshot!("import_seed_md", text);
}

#[test]
fn other_manuals_in_the_same_style() {
    let (_kb, text) = import_fixture("rejeicao-539.txt");
    insta::assert_snapshot!("import_rejeicao_539", text);
    let (_kb, text) = import_fixture("troca-de-senha.txt");
    insta::assert_snapshot!("import_troca_de_senha", text);
}

/// "2 dias úteis" becomes `sla = "2du"`, "1 dia util" (without the accent) `"1du"`, and the skeleton
/// lints without an `escalation-incomplete` on them.
#[test]
fn business_days_become_du() {
    let (kb, text) = import_fixture("rejeicao-539.txt");
    assert!(text.contains("sla  = \"2du\""), "{text}");
    assert!(!text.contains("dias corridos"), "{text}");
    let lint = sopbook().arg("lint").arg(kb.path()).arg("--format").arg("json").output().unwrap();
    let findings = String::from_utf8(lint.stdout).unwrap();
    assert!(!findings.contains("escalation-incomplete"), "{findings}");

    let manual = std::fs::read_to_string(fixture("rejeicao-539.txt")).unwrap();
    assert!(manual.contains("2 dias úteis"));
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("rejeicao-539.txt");
    std::fs::write(&source, manual.replace("2 dias úteis", "1 dia util")).unwrap();
    let kb = knowledge_base();
    let run = import(kb.path(), &[source.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let written = written_files(kb.path());
    let text = std::fs::read_to_string(kb.path().join(&written[0])).unwrap();
    assert!(text.contains("sla  = \"1du\""), "{text}");
}

/// Word, HTML and Markdown give the seed the same steps as the text export: only the file name,
/// the link the text lost and the picture the text lost differ. The picture comes along from
/// each of them, into step 2.1, where the text export has a note that it is missing.
#[test]
fn every_format_gives_the_same_steps() {
    // Each step's keys, without `image` and `note`, and the step's pictures and notes.
    type Steps = Vec<(String, Vec<String>)>;
    let steps = |name: &str| -> (Steps, toml::Table, tempfile::TempDir) {
        let (kb, text) = import_fixture(name);
        let table: toml::Table = toml::from_str(&text).unwrap();
        let steps = table["steps"].as_table().unwrap().clone();
        let keys = steps
            .iter()
            .map(|(id, step)| {
                let mut keys: Vec<String> =
                    step.as_table().unwrap().keys().filter(|k| *k != "image" && *k != "note").cloned().collect();
                keys.sort();
                (id.clone(), keys)
            })
            .collect();
        (keys, steps, kb)
    };
    let (text, text_steps, _kb) = steps("perda-do-backup-a1.txt");
    assert_eq!(
        text.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["passo-1-1", "chamado", "passo-2-1", "passo-2-2", "passo-2-3", "escalonamento"]
    );
    assert!(text_steps["passo-2-1"]["note"].as_str().unwrap().starts_with("Imagem ausente"));
    for other in ["perda-do-backup-a1.docx", "perda-do-backup-a1.html", "perda-do-backup-a1.md"] {
        let (keys, steps, kb) = steps(other);
        assert_eq!(keys, text, "{other}");
        let with_image: Vec<&String> =
            steps.iter().filter(|(_, s)| s.get("image").is_some()).map(|(id, _)| id).collect();
        assert_eq!(with_image, ["passo-2-1"], "{other}");
        let image = &steps["passo-2-1"]["image"];
        assert_eq!(image["src"].as_str(), Some("perda-do-backup-a1/passo-2-1-1.png"), "{other}");
        assert_eq!(image["alt"].as_str(), Some("Categorização correta no Qualitor"), "{other}");
        assert!(steps["passo-2-1"].get("note").is_none(), "{other}");
        let written = kb.path().join("procedures/certificado-digital/a1/perda-do-backup-a1/passo-2-1-1.png");
        assert!(std::fs::read(&written).unwrap().starts_with(b"\x89PNG"), "{other}");
    }
}

/// What the seed's skeleton says, key by key: the recognisers of the issue.
#[test]
fn the_seed_skeleton_has_what_the_manual_says() {
    let (_kb, text) = import_fixture("perda-do-backup-a1.txt");
    let table: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(table["title"].as_str(), Some("Perda do Backup A1"));
    assert_eq!(table["section"].as_str(), Some("Certificado Digital > A1"));
    assert_eq!(table["owner"].as_str(), Some("Suporte Técnico"));
    assert_eq!(table["updated"].to_string(), "2019-11-22");
    let steps = table["steps"].as_table().unwrap();
    let step = |id: &str| steps[id].as_table().unwrap();
    // Numbered sub-steps chained in order; the section's heading titles its first sub-step.
    assert_eq!(step("passo-1-1")["title"].as_str(), Some("Gerando novo arquivo"));
    assert_eq!(step("passo-1-1")["next"].as_str(), Some("chamado"));
    assert_eq!(step("passo-2-1")["next"].as_str(), Some("passo-2-2"));
    // Bold breadcrumbs, also inside a longer bold text, become references.
    assert!(
        step("passo-1-1")["text"]
            .as_str()
            .unwrap()
            .contains("([[Certificado Digital > A1 > Exportar/Trocar senha A1]])")
    );
    assert!(
        step("passo-1-1")["note"]
            .as_str()
            .unwrap()
            .contains("(Manual disponível no Qualitor, [[Certificado Digital > A1 > Debug]])")
    );
    // "Observações" → note; the escalation in the middle and the one at the end.
    assert!(step("passo-2-2")["note"].as_str().unwrap().starts_with("Deverá preencher todos os campos"));
    assert_eq!(step("chamado")["end"].as_str(), Some("escalation"));
    assert!(step("chamado").get("to").is_none() && step("chamado").get("sla").is_none());
    assert_eq!(step("escalonamento")["to"].as_str(), Some("Relacionamento"));
    assert_eq!(step("escalonamento")["sla"].as_str(), Some("24h"));
    // Pictures the text refers to are flagged.
    assert!(step("passo-2-1")["note"].as_str().unwrap().contains("Imagem ausente"));
    assert!(step("passo-2-2")["note"].as_str().unwrap().contains("“tela abaixo”"));
    // The sentence Word broke over two paragraphs is one again.
    assert_eq!(
        step("passo-2-2")["text"].as_str(),
        Some(
            "Na tela abaixo, deverá informar os dados do cliente e cartão, descrição e solução da questão mencionada."
        )
    );
    // The candidate decision is a comment on the action, with the branches to write.
    assert!(text.contains("# sopbook import: decisão candidata: \"Nos casos em que não foi possível"));
    assert!(text.contains("branches = [{ when = \"Sim\", next = \"…\" }, { when = \"Não\", next = \"chamado\" }]"));
}

// ---------------------------------------------------------------------------------------------
// Nothing lost.

/// Every string value of a TOML document (comments are not output).
fn strings(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Markdown and HTML formatting and white space normalised away: `**`, `*`, `[[`/`]]`, link
/// targets (`[text](url)` → `text`), entities.
fn normalise(text: &str) -> String {
    let mut text = text.replace("[[", "").replace("]]", "").replace("**", "").replace("&gt;", ">");
    while let Some(open) = text.find("](") {
        let Some(close) = text[open..].find(')') else { break };
        let Some(start) = text[..open].rfind('[') else { break };
        text = format!("{}{}{}", &text[..start], &text[start + 1..open], &text[open + close + 1..]);
    }
    text.replace(['*', '\\'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a manual, written independently of the importer: paragraphs are split at
/// blank lines, then after `.`, `!` or `?`; the structural words the importer turns into keys
/// are taken off (a step's number, an "Observações:" label, the "Introdução" heading).
fn source_sentences(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    // A bullet, and a label alone on its line, are paragraphs of their own.
    let text: String = text
        .lines()
        .map(|line| {
            let trimmed = line.trim();
            if trimmed.starts_with("- ") || ["Observação", "Observações", "Atenção"].contains(&trimmed) {
                format!("\n{}\n", trimmed.trim_start_matches("- "))
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    for paragraph in text.split("\n\n") {
        let paragraph = normalise(paragraph);
        let mut rest = paragraph.as_str();
        // "Passo 3 - "
        if let Some(after) = rest.strip_prefix("Passo ") {
            rest = after
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start()
                .trim_start_matches(['-', ':'])
                .trim_start();
        }
        // "1.1 - ", "2. "
        let number_end = rest
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i + 1)
            .filter(|_| rest.starts_with(|c: char| c.is_ascii_digit()));
        if let Some(end) = number_end
            && (rest[end..].starts_with(' ') || rest[end..].is_empty())
            && (rest[..end].contains('.'))
        {
            rest = rest[end..].trim_start().trim_start_matches('-').trim_start();
        }
        for label in ["Observações:", "Observação:", "Atenção:", "Importante:"] {
            rest = rest.strip_prefix(label).unwrap_or(rest).trim_start();
        }
        if ["Introdução", "Observação", "Observações"].contains(&rest) {
            continue;
        }
        let mut start = 0;
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        for (k, (i, c)) in chars.iter().enumerate() {
            if matches!(c, '.' | '!' | '?') && chars.get(k + 1).is_some_and(|(_, n)| *n == ' ') {
                sentences.push(rest[start..i + 1].trim().to_string());
                start = i + 1;
            }
        }
        sentences.push(rest[start..].trim().to_string());
    }
    sentences.retain(|s| s.chars().any(char::is_alphanumeric));
    sentences
}

fn assert_every_sentence_kept(source: &str, skeleton: &str, what: &str) {
    let table: toml::Value = toml::from_str(skeleton).unwrap_or_else(|e| panic!("{what}: not TOML: {e}\n{skeleton}"));
    let mut texts = Vec::new();
    strings(&table, &mut texts);
    let output = normalise(&texts.join("\n"));
    let sentences = source_sentences(source);
    assert!(sentences.len() > 3, "{what}: {sentences:?}");
    let missing: Vec<&String> = sentences.iter().filter(|s| !output.contains(s.as_str())).collect();
    assert!(missing.is_empty(), "{what}: sentences missing from the skeleton: {missing:#?}\n\n{skeleton}");
}

#[test]
fn every_sentence_of_the_seed_is_kept_from_every_format() {
    let seed = std::fs::read_to_string(fixture("perda-do-backup-a1.txt")).unwrap();
    // The fixture is the seed exactly as it came from Qualitor.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_3b218d0d718d12d7.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(seed, original);
    }
    for name in
        ["perda-do-backup-a1.txt", "perda-do-backup-a1.md", "perda-do-backup-a1.html", "perda-do-backup-a1.docx"]
    {
        let (_kb, skeleton) = import_fixture(name);
        assert_every_sentence_kept(&seed, &skeleton, name);
    }
}

#[test]
fn every_sentence_of_every_fixture_is_kept() {
    for name in ["rejeicao-539.txt", "troca-de-senha.txt", "perda-do-backup-a1.md"] {
        let source = std::fs::read_to_string(fixture(name)).unwrap();
        // Markdown's own syntax: headings' `#`, and the picture (its description is in a note).
        let source: String = source
            .lines()
            .map(|l| l.trim_start_matches('#').trim_start())
            .filter(|l| !l.starts_with("!["))
            .collect::<Vec<_>>()
            .join("\n");
        let (_kb, skeleton) = import_fixture(name);
        assert_every_sentence_kept(&source, &skeleton, name);
    }
    // HTML: the text of its body, paragraph by paragraph, as a browser would show it.
    let html = std::fs::read_to_string(fixture("perda-do-backup-a1.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let blocks = scraper::Selector::parse("body p, body h1").unwrap();
    let text: Vec<String> =
        document.select(&blocks).map(|p| p.text().collect::<String>().replace('\u{a0}', " ")).collect();
    let (_kb, skeleton) = import_fixture("perda-do-backup-a1.html");
    assert_every_sentence_kept(&text.join("\n\n"), &skeleton, "perda-do-backup-a1.html (its own text)");
}

/// The library's own check agrees: a manual whose paragraphs the structure cannot place still
/// keeps them (here, text after the closing date and a heading with nothing under it).
#[test]
fn text_that_fits_nowhere_is_kept_in_a_note() {
    let text = "Manual\n\n1. Único passo\n\n1.1 - Faça isto.\n\n2. Seção vazia\n\nPorto Alegre, 1 de abril de 2020\n\nAssinado: Fulano de Tal.\n";
    let source = sopbook::import::from_bytes("m.txt", sopbook::import::Format::Text, text.as_bytes()).unwrap();
    let skeleton = sopbook::import::import(&source, &Default::default()).unwrap();
    let toml = sopbook::import::write::to_toml(&skeleton);
    assert_every_sentence_kept(text, &toml, "m.txt");
    assert!(toml.contains("Seção vazia") && toml.contains("Assinado: Fulano de Tal."), "{toml}");
}

// ---------------------------------------------------------------------------------------------
// Honest output: the skeleton lints, and the findings say what to wire.

fn lint_json(root: &Path) -> Vec<serde_json::Value> {
    let out = sopbook().args(["lint", "--format", "json"]).arg(root).output().unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn rules(findings: &[serde_json::Value]) -> BTreeMap<String, usize> {
    let mut count = BTreeMap::new();
    for finding in findings {
        *count.entry(finding["rule"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    count
}

#[test]
fn the_seed_skeleton_lints_with_findings_that_guide_the_editor() {
    let (kb, _) = import_fixture("perda-do-backup-a1.txt");
    let findings = lint_json(kb.path());
    let expected: BTreeMap<String, usize> =
        [("escalation-incomplete", 2), ("import-candidate", 7), ("unreachable", 4), ("review-overdue", 1)]
            .map(|(r, n)| (r.to_string(), n))
            .into();
    assert_eq!(rules(&findings), expected, "{findings:#?}");
    let out = sopbook().arg("lint").arg(kb.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8(out.stdout).unwrap();
    // The comment at the end of the step's line is shown with the finding.
    assert!(human.contains("[steps.passo-2-1]  # sopbook import: nenhum passo leva até aqui"), "{human}");
    insta::assert_snapshot!("import_seed_lint", human);
}

#[test]
fn every_skeleton_is_valid_toml_and_schema() {
    for name in [
        "perda-do-backup-a1.txt",
        "perda-do-backup-a1.md",
        "perda-do-backup-a1.html",
        "perda-do-backup-a1.docx",
        "rejeicao-539.txt",
        "troca-de-senha.txt",
    ] {
        let (kb, _) = import_fixture(name);
        let findings = lint_json(kb.path());
        let bad: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| {
                let rule = f["rule"].as_str().unwrap();
                rule == "toml-syntax"
                    || rule == "broken-reference"
                    || (rule == "schema" && f["message"] != "`section` não pode ser vazio")
            })
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:#?}");
    }
    // Without references or --section, the section is empty, and the linter says so.
    let (kb, _) = import_fixture("troca-de-senha.txt");
    let findings = lint_json(kb.path());
    assert!(findings.iter().any(|f| f["rule"] == "schema" && f["message"] == "`section` não pode ser vazio"));
    let (kb, _) = import_fixture("rejeicao-539.txt");
    let findings = lint_json(kb.path());
    assert!(findings.iter().any(|f| f["rule"] == "unreachable" && f["step"] == "resolvido"), "{findings:#?}");
}

// ---------------------------------------------------------------------------------------------
// manuals.toml.

#[test]
fn cited_manuals_are_appended_to_manuals_toml_once() {
    let kb = knowledge_base();
    let existing = "# Nossos manuais.\n[[manual]]\npath = \"Certificado Digital > A1 > Debug\"\nurl  = \"https://q.example/debug\"";
    std::fs::write(kb.path().join("manuals.toml"), existing).unwrap();
    let run = import(kb.path(), &[fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Certificado Digital > A1 > Debug (já está no manuals.toml)"), "{}", run.stdout);
    assert!(run.stdout.contains("Acrescentado 1 manual em"), "{}", run.stdout);
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    assert!(manuals.starts_with(existing), "the existing entries are kept as they were:\n{manuals}");
    assert_eq!(manuals.matches("[[manual]]").count(), 2, "{manuals}");
    assert!(manuals.contains("path = \"Certificado Digital > A1 > Exportar/Trocar senha A1\""));
    assert!(lint_json(kb.path()).iter().all(|f| f["rule"] != "broken-reference" && f["rule"] != "schema"));

    // A manual that is a procedure of the knowledge base is not added.
    let kb = knowledge_base();
    std::fs::create_dir_all(kb.path().join("procedures/certificado-digital/a1")).unwrap();
    std::fs::write(
        kb.path().join("procedures/certificado-digital/a1/debug.toml"),
        "title = \"Debug\"\nsection = \"Certificado Digital > A1\"\n[steps.fim]\nend = \"resolution\"\n",
    )
    .unwrap();
    let run = import(kb.path(), &[fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert!(
        run.stdout.contains("Certificado Digital > A1 > Debug (um procedimento da base de conhecimento)"),
        "{}",
        run.stdout
    );
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    assert!(!manuals.contains("Debug") && manuals.contains("Exportar/Trocar senha A1"), "{manuals}");
}

// ---------------------------------------------------------------------------------------------
// The command line, one option at a time.

#[test]
fn section_option_places_and_names_the_procedure() {
    let kb = knowledge_base();
    let run = import(kb.path(), &["--section", "Segurança > Senhas", fixture("troca-de-senha.txt").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("seção:        \"Segurança > Senhas\" (--section)"), "{}", run.stdout);
    let path = "procedures/seguranca/senhas/troca-de-senha-do-portal-do-cliente.toml";
    assert_eq!(written_files(kb.path()), [path]);
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(kb.path().join(path)).unwrap()).unwrap();
    assert_eq!(table["section"].as_str(), Some("Segurança > Senhas"));
    assert!(lint_json(kb.path()).iter().all(|f| f["rule"] != "schema"));

    // The section overrides the one the references suggest, and the title still loses its words.
    let kb = knowledge_base();
    let run =
        import(kb.path(), &["--section", "Certificado Digital", fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(written_files(kb.path()), ["procedures/certificado-digital/perda-do-backup-a1.toml"]);

    let run = import(kb.path(), &["--section", "A >  > B", fixture("troca-de-senha.txt").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("tem uma parte vazia"), "{}", run.stderr);
}

#[test]
fn out_option_chooses_the_folder() {
    let kb = knowledge_base();
    let out = kb.path().join("procedures/_rascunhos");
    let run = import(kb.path(), &["--out", out.to_str().unwrap(), fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("certificado-digital/a1/perda-do-backup-a1.toml").is_file());
    assert_eq!(written_files(kb.path()), ["procedures/_rascunhos/certificado-digital/a1/perda-do-backup-a1.toml"]);
    // A draft folder is skipped by the linter; manuals.toml is still the knowledge base's.
    assert!(kb.path().join("manuals.toml").is_file());
    let out = sopbook().arg("lint").arg(kb.path()).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "nenhum erro, nenhum aviso em nenhum procedimento\n");
}

#[test]
fn check_option_writes_nothing() {
    let kb = knowledge_base();
    let run = import(kb.path(), &["--check", fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(written_files(kb.path()).is_empty());
    assert!(!kb.path().join("manuals.toml").exists());
    let stdout = run.stdout.replace(&kb.path().display().to_string(), "ROOT");
    for expected in [
        "Seria criado ROOT/procedures/certificado-digital/a1/perda-do-backup-a1.toml a partir de ",
        "  passos:       6 (4 ações, 2 escalonamentos)\n",
        "    Certificado Digital > A1 > Debug (novo: seria acrescentado ao manuals.toml)\n",
        "    chamado: escalonamento candidato (\"abrir um chamado\")\n",
        "    passo-2-1: imagem ausente (\"conforme imagem abaixo\")\n",
        "Seriam acrescentados 2 manuais em ROOT/manuals.toml\n",
        "Nada foi gravado (--check).\n",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing from:\n{stdout}");
    }
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let kb = knowledge_base();
    let seed = fixture("perda-do-backup-a1.txt");
    assert_eq!(import(kb.path(), &[seed.to_str().unwrap()]).code, 0);
    let path = kb.path().join(SEED_PATH);
    std::fs::write(&path, "# editado à mão\n").unwrap();
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    for args in [vec![seed.to_str().unwrap()], vec!["--check", seed.to_str().unwrap()]] {
        let run = import(kb.path(), &args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("certificado-digital/a1/perda-do-backup-a1.toml` já existe"), "{}", run.stderr);
        assert!(run.stderr.contains("nunca sobrescreve"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# editado à mão\n");
    assert_eq!(std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap(), manuals);
}

#[test]
fn several_files_at_once() {
    let kb = knowledge_base();
    let files = [fixture("perda-do-backup-a1.txt"), fixture("rejeicao-539.txt")];
    let args: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let run = import(kb.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        written_files(kb.path()),
        [
            "procedures/certificado-digital/a1/perda-do-backup-a1.toml",
            "procedures/fiscal/nf-e/nf-e-rejeicao-539-duplicidade-de-nf-e.toml"
        ]
    );
    assert!(run.stdout.contains("Acrescentados 4 manuais em"), "{}", run.stdout);
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    assert_eq!(manuals.matches("[[manual]]").count(), 4, "{manuals}");

    // Two manuals that would become the same file: nothing is written.
    let kb = knowledge_base();
    let files = [fixture("perda-do-backup-a1.txt"), fixture("perda-do-backup-a1.md")];
    let args: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let run = import(kb.path(), &args);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("seriam gravados no mesmo arquivo"), "{}", run.stderr);
    assert!(written_files(kb.path()).is_empty() && !kb.path().join("manuals.toml").exists());
}

#[test]
fn a_missing_or_unreadable_file_is_a_clear_error() {
    let kb = knowledge_base();
    let seed = fixture("perda-do-backup-a1.txt");
    let run = import(kb.path(), &[seed.to_str().unwrap(), "/no/such/manual.docx"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "erro: `/no/such/manual.docx` não existe\n");
    assert!(written_files(kb.path()).is_empty(), "nothing is written when one manual cannot be read");

    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("antigo.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0").unwrap();
    let run = import(kb.path(), &[doc.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Word 97-2003") && run.stderr.contains("salve-o como .docx"), "{}", run.stderr);

    let fake = dir.path().join("falso.docx");
    std::fs::write(&fake, "não sou um zip").unwrap();
    let run = import(kb.path(), &[fake.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("não é um arquivo .docx"), "{}", run.stderr);

    let empty = dir.path().join("vazio.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let run = import(kb.path(), &[empty.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("o manual não tem nenhum texto"), "{}", run.stderr);

    let run = import(Path::new("/no/such/base"), &[seed.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/no/such/base"), "{}", run.stderr);
    sopbook().arg("import").assert().code(2);
}

/// Word's "Texto sem formatação" saves Windows-1252: the accents are read right, and the
/// command says how it read the file.
#[test]
fn a_windows_1252_text_is_read() {
    let utf8 = std::fs::read_to_string(fixture("perda-do-backup-a1.txt")).unwrap();
    let latin: Vec<u8> = utf8.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1")).collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("perda-do-backup-a1.txt");
    std::fs::write(&file, &latin).unwrap();
    assert!(std::str::from_utf8(&latin).is_err());
    let kb = knowledge_base();
    let run = import(kb.path(), &[file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("não está em UTF-8: foi lido como Windows-1252"), "{}", run.stderr);
    let text = std::fs::read_to_string(kb.path().join(SEED_PATH)).unwrap();
    assert!(text.contains("(lido como Windows-1252: confira os acentos)"));
    assert!(text.contains("title   = \"Perda do Backup A1\""));
    assert_every_sentence_kept(&utf8, &text, "Windows-1252");
}

/// The knowledge base of this repository: its finished seed procedure is in the way (never
/// overwritten), and both manuals the seed cites are already known.
#[test]
fn check_against_this_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(SEED_PATH).is_file() {
        return;
    }
    let run = import(root, &["--check", fixture("perda-do-backup-a1.txt").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("Certificado Digital > A1 > Debug (já está no manuals.toml)"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("Seria acrescentado") && !run.stdout.contains("Seriam acrescentados"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("já existe"), "{}", run.stderr);
}

/// A manual whose last numbered step hands the case over, numbered "Passo N", with the sector
/// and the time in the sentence: the step is the escalation, complete, and the skeleton lints
/// without error.
#[test]
fn a_last_step_that_hands_over_is_the_escalation() {
    let text = "Cancelamento de Nota\n\nPasso 1 - Abra a nota no emissor.\n\nPasso 2 - Clique em Cancelar e informe a justificativa.\n\nPasso 3 - Se a SEFAZ recusar, encaminhe o chamado ao setor Fiscal, com retorno em até 48 horas.\n";
    let source = sopbook::import::from_bytes("c.txt", sopbook::import::Format::Text, text.as_bytes()).unwrap();
    let options = sopbook::import::Options { section: Some("Fiscal > NF-e".into()) };
    let skeleton = sopbook::import::import(&source, &options).unwrap();
    let toml = sopbook::import::write::to_toml(&skeleton);
    let table: toml::Table = toml::from_str(&toml).unwrap();
    let steps = table["steps"].as_table().unwrap();
    assert_eq!(steps.keys().collect::<Vec<_>>(), ["passo-1", "passo-2", "passo-3"]);
    let last = steps["passo-3"].as_table().unwrap();
    assert_eq!(last["end"].as_str(), Some("escalation"));
    assert_eq!(last["to"].as_str(), Some("Fiscal"));
    assert_eq!(last["sla"].as_str(), Some("48h"));
    assert_eq!(steps["passo-2"]["next"].as_str(), Some("passo-3"));
    let kb = sopbook::load::KnowledgeBase::from_memory(vec![("procedures/c.toml".into(), toml.clone())]);
    let today = sopbook::model::Date::parse(TODAY).unwrap();
    let findings = sopbook::lint::run_on(&kb, today).findings;
    assert!(findings.iter().all(|f| f.severity != sopbook::lint::Severity::Error), "{findings:#?}\n{toml}");
    assert_every_sentence_kept(text, &toml, "c.txt");
}

mod never_loses_text {
    use proptest::prelude::*;

    use sopbook::import::{Format, Options, from_bytes, import, sentences, write};

    /// Lines in the style of the manuals: numbers, labels, breadcrumbs, escalations, dates,
    /// pictures, and text with Markdown and TOML's special characters.
    fn line() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "1. Seção",
            "1.1 - Abra o emissor.",
            "2.3 Clique em **Salvar**.",
            "Passo 4: confira",
            "Observações:",
            "Observação: leia \"isto\" \\ aquilo.",
            "Atenção: não apague!",
            "- item da lista",
            "(**Manual disponível no Qualitor, A > B > C**)",
            "Veja “X > Y”.",
            "Caso não funcione, abrir um chamado para o Financeiro dentro de 2 dias.",
            "Pronto! Problema resolvido.",
            "conforme imagem abaixo",
            "Porto Alegre, 22 de novembro de 2019",
            "SUPORTE TÉCNICO",
            "Introdução",
            "[[A > B]] e [link](http://x.example) ```código``` *ênfase*",
            "çãõ ü 🚀 \t tab",
            "",
            "   ",
        ]);
        prop::collection::vec(pieces, 1..4).prop_map(|p| p.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn any_manual_gives_valid_toml_that_keeps_every_sentence(
            lines in prop::collection::vec(line(), 1..25),
            markdown in any::<bool>(),
        ) {
            let text = lines.join("\n\n");
            let format = if markdown { Format::Markdown } else { Format::Text };
            let source = from_bytes("p.txt", format, text.as_bytes()).unwrap();
            let Ok(skeleton) = import(&source, &Options::default()) else {
                prop_assert!(sentences::split(&text).is_empty());
                return Ok(());
            };
            let toml = write::to_toml(&skeleton);
            let table: toml::Table = toml::from_str(&toml).map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
            let mut values = Vec::new();
            super::strings(&toml::Value::Table(table), &mut values);
            let output = sentences::normalise(&values.join("\n"));
            for block in &source.blocks {
                let body = sopbook::import::detect::number(&block.text).map_or(block.text.clone(), |n| n.rest);
                let body = sopbook::import::detect::label(&body).map_or(body.clone(), |(_, rest)| rest);
                let (body, _) = sopbook::import::detect::link_breadcrumbs(&body, &[]);
                if sopbook::import::detect::is_intro_heading(&body) {
                    continue;
                }
                for sentence in sentences::split(&sentences::normalise(&body)) {
                    prop_assert!(output.contains(&sentence), "{sentence:?} lost from\n{toml}");
                }
            }
        }
    }
}

/// A header typed line under line, without blank lines between ("Instalar o Token" / "SUPORTE
/// TÉCNICO"), in plain text and in Markdown: the first line is the title (and the file's name),
/// the line in capitals the owner, and the paragraph below still one paragraph.
#[test]
fn a_header_without_blank_lines_gives_title_and_owner() {
    let manual = "Instalar o Token\nSUPORTE TÉCNICO\nProcedimento Operacional Padrão\n\nEste procedimento orienta a\ninstalação do token A3.\n\n1. Conecte o token na porta USB.\n2. Instale o driver do fabricante.\n\nSão Paulo, 10 de março de 2024.\n";
    for name in ["token.txt", "token.md"] {
        let kb = knowledge_base();
        let source = kb.path().join(name);
        std::fs::write(&source, manual).unwrap();
        let run = import(kb.path(), &[source.to_str().unwrap(), "--section", "Certificado Digital > A3"]);
        assert_eq!(run.code, 0, "{name}: {}{}", run.stdout, run.stderr);
        let written: Vec<String> = written_files(kb.path()).into_iter().filter(|f| f.ends_with(".toml")).collect();
        assert_eq!(written, ["procedures/certificado-digital/a3/instalar-o-token.toml"], "{name}");
        let text = std::fs::read_to_string(kb.path().join(&written[0])).unwrap();
        assert!(text.contains("title   = \"Instalar o Token\"\n"), "{name}:\n{text}");
        assert!(text.contains("owner   = \"Suporte Técnico\"\n"), "{name}:\n{text}");
        assert!(text.contains("summary = \"Este procedimento orienta a instalação do token A3.\""), "{name}:\n{text}");
    }
}
