//! Printable checklists: the text and Markdown forms, `checklists.html`, and real printing in headless
//! Chromium (`--print-to-pdf`, read back with `pdftotext`).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use scraper::{Html, Selector};

use crate::fixture;
use crate::sopbook;

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str]) -> String {
    let out = sopbook().args(args).arg("--root").arg(project()).assert().code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn text_checklist_of_the_seed() {
    let text = stdout(&["checklist", "certificado-digital/a1/perda-do-backup-a1"]);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "longer than 80 columns: {line}");
        assert!(!line.contains(['■', '▲', '☐', '→', '—', '“', '”', '…']), "not ticket-safe: {line}");
    }
    assert!(text.contains("[ ] 7. Chamado para o Relacionamento"));
    assert!(text.contains("*** Escalonar para Relacionamento - retorno em até 24 horas ***"));
    // Decisions are ticked at the answer taken; every action says where to go, the next item too.
    assert!(text.contains("    1. DECISÃO: Acesso à máquina") && !text.contains("[ ] 1."), "{text}");
    assert!(text.contains("( ) Não -> passo 7"), "{text}");
    assert!(text.contains("via DEBUG, conforme o manual disponível no Qualitor: Certificado Digital\n       > A1 > Debug.\n       -> passo 5"), "{text}");
    assert!(text.contains("Telefone 2 (opcional): ____"));
    insta::assert_snapshot!("seed_checklist_text", text);
}

#[test]
fn markdown_checklist_of_the_seed() {
    let markdown = stdout(&["checklist", "Certificado Digital > A1 > Perda do Backup A1", "--format", "markdown"]);
    assert!(markdown.starts_with("# Perda do Backup A1\n"));
    assert!(markdown.contains("- [ ] **7.** Chamado para o Relacionamento"));
    assert!(
        markdown.contains("- **1.** DECISÃO: Acesso à máquina") && markdown.contains("- [ ] Não -> passo 7"),
        "{markdown}"
    );
    insta::assert_snapshot!("seed_checklist_markdown", markdown);
}

#[test]
fn procedures_are_found_by_slug_breadcrumb_or_file_name() {
    let by_name = stdout(&["checklist", "chamado-para-o-relacionamento"]);
    let by_crumb = stdout(&["checklist", "Certificado Digital>A1>Chamado para o Relacionamento"]);
    assert_eq!(by_name, by_crumb);
    let miss = sopbook().args(["checklist", "perda-do-backup", "--root"]).arg(project()).assert().code(2);
    let stderr = String::from_utf8_lossy(&miss.get_output().stderr).into_owned();
    assert!(stderr.contains("você quis dizer `certificado-digital/a1/perda-do-backup-a1`?"), "{stderr}");
    let miss = sopbook()
        .args(["checklist", "Certificado Digital > A1 > Perda do Bakup A1", "--root"])
        .arg(project())
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&miss.get_output().stderr)
            .contains("você quis dizer `Certificado Digital > A1 > Perda do Backup A1`?")
    );
}

fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(root).arg("--out").arg(&out).assert().code(0);
    (dir, out)
}

/// The ids of a page, with each one once.
fn ids(html: &Html) -> std::collections::BTreeSet<String> {
    let ids: Vec<&str> = html.select(&Selector::parse("[id]").unwrap()).map(|e| e.value().id().unwrap()).collect();
    let unique: std::collections::BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids");
    unique
}

#[test]
fn every_procedure_links_its_checklist_in_its_sections_book_and_the_index_lists_every_book() {
    let (_dir, out) = build(&project());
    let page = Html::parse_document(
        &std::fs::read_to_string(out.join("procedures/certificado-digital/a1/perda-do-backup-a1.html")).unwrap(),
    );
    let link = page.select(&Selector::parse(".procedure-actions a").unwrap()).next().expect("a checklist link");
    assert_eq!(link.value().attr("href"), Some("../../../checklists/certificado-digital/a1.html#perda-do-backup-a1"));
    let book =
        Html::parse_document(&std::fs::read_to_string(out.join("checklists/certificado-digital/a1.html")).unwrap());
    // The book is titled with the section its procedures name.
    let title: String = book.select(&Selector::parse("h1").unwrap()).next().unwrap().text().collect();
    assert_eq!(title, "Certificado Digital > A1");
    let in_book = ids(&book);
    assert!(in_book.contains("perda-do-backup-a1"), "{in_book:?}");
    // The folder's two procedures, in its contents and as checklists.
    assert_eq!(book.select(&Selector::parse("article.checklist").unwrap()).count(), 2);
    let contents: Vec<&str> =
        book.select(&Selector::parse(".cl-toc a").unwrap()).map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(contents, ["#chamado-para-o-relacionamento", "#perda-do-backup-a1"]);
    // Each checklist leads back to its procedure.
    let back = book.select(&Selector::parse("#perda-do-backup-a1 .cl-back a").unwrap()).next().expect("a way back");
    assert_eq!(back.value().attr("href"), Some("../../procedures/certificado-digital/a1/perda-do-backup-a1.html"));

    // The index: every book and, in each, its checklists, at addresses that exist.
    let index = Html::parse_document(&std::fs::read_to_string(out.join("checklists.html")).unwrap());
    ids(&index);
    let entries: Vec<&str> = index
        .select(&Selector::parse(".cl-book-entry li a").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    for entry in entries {
        let (file, id) = entry.split_once('#').expect("a checklist's address names it");
        let html = Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
        assert!(ids(&html).contains(id), "{entry} points nowhere");
    }
}

/// `chromium` and `pdftotext`, or `None` outside CI when they are not installed.
fn printing_tools() -> Option<PathBuf> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| which(name));
    let pdftotext = which("pdftotext");
    match (chromium, pdftotext) {
        (Some(chromium), Some(_)) => Some(chromium),
        _ if std::env::var_os("CI").is_some() => panic!("CI must have chromium and pdftotext (see .ci/run)"),
        _ => {
            eprintln!("skipping: chromium or pdftotext not installed");
            None
        }
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
}

/// Prints `page` (with the fragment `#target` when not empty) to PDF and returns the text of
/// each page, its words on one line.
fn print(chromium: &Path, page: &Path, target: &str) -> Vec<String> {
    print_pages(chromium, page, target).iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// [`print`], each page as `pdftotext -layout` lays it out.
fn print_pages(chromium: &Path, page: &Path, target: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    let status = Process::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}{}",
            page.display(),
            if target.is_empty() { String::new() } else { format!("#{target}") }
        ))
        .output()
        .unwrap();
    assert!(pdf.is_file(), "chromium did not print: {}", String::from_utf8_lossy(&status.stderr));
    let text = Process::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&text.stdout).split('\u{c}').filter(|p| !p.trim().is_empty()).map(String::from).collect()
}

#[test]
fn the_seed_checklist_prints_on_one_page_with_every_step() {
    let Some(chromium) = printing_tools() else { return };
    let (_dir, out) = build(&project());
    let pages = print(&chromium, &out.join("checklists/certificado-digital/a1.html"), "perda-do-backup-a1");
    assert_eq!(pages.len(), 1, "{pages:#?}");
    for words in [
        "O cliente ainda tem acesso à máquina da primeira instalação",
        "exportar a chave privada",
        "Oriente o cliente a gerar um novo backup",
        "recupere o certificado via DEBUG",
        "Foi possível gerar o novo backup?",
        "Novo backup do certificado digital A1 gerado.",
        "Escalonar para Relacionamento",
        "retorno em até 24 horas",
        "Telefone 2",
        "Página 1 de 1",
        "certificado-digital/a1/perda-do-backup-a1",
    ] {
        assert!(pages[0].contains(words), "`{words}` missing from the printed page: {}", pages[0]);
    }
}

#[test]
fn twelve_steps_fit_one_page_and_thirty_break_only_between_items() {
    let Some(chromium) = printing_tools() else { return };
    let (_dir, out) = build(&fixture("long"));
    assert_eq!(print(&chromium, &out.join("checklists.html"), "doze").len(), 1);
    let pages = print(&chromium, &out.join("checklists.html"), "longo");
    assert!(pages.len() >= 2, "thirty steps should need more than one page");
    for page in &pages {
        assert!(page.contains("Procedimento longo Testes > Impressão"), "the title is repeated on every page: {page}");
    }
    for n in 1..=30 {
        let start = format!("Item {n:02} começo");
        let end = format!("Item {n:02} fim da observação");
        let holding: Vec<usize> = (0..pages.len()).filter(|&p| pages[p].contains(&start)).collect();
        assert_eq!(holding.len(), 1, "item {n} starts on one page");
        assert!(pages[holding[0]].contains(&end), "item {n} is split across pages");
    }
}

/// The seed's version mark as the sheet prints it: its revision date and the first 7 hex digits
/// of the SHA-256 of its file, computed here on its own.
fn seed_version() -> String {
    use sha2::{Digest, Sha256};
    let file = project().join("procedures/certificado-digital/a1/perda-do-backup-a1.toml");
    let digest = Sha256::digest(std::fs::read(file).unwrap());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("2019-11-22.{}", &hex[..7])
}

/// Today in `pt` (DD/MM/AAAA) or ISO form, with the day before and after: the script takes the
/// printer's local date, which may not be UTC's.
fn around_today(pt: bool) -> Vec<String> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    (-1..=1)
        .map(|d| {
            let date = sopbook::model::Date::from_days(secs / 86_400 + d);
            if pt { format!("{:02}/{:02}/{:04}", date.day, date.month, date.year) } else { date.to_string() }
        })
        .collect()
}

/// A copy of this repository's procedures and manuals with `settings` as its `sopbook.toml`, the
/// seed's review cycle set to `review_months`.
fn seed_base(settings: &str, review_months: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::copy_dir(&project().join("procedures"), &dir.path().join("procedures"));
    std::fs::copy(project().join("manuals.toml"), dir.path().join("manuals.toml")).unwrap();
    std::fs::write(dir.path().join("sopbook.toml"), settings).unwrap();
    let seed = dir.path().join("procedures/certificado-digital/a1/perda-do-backup-a1.toml");
    let text = std::fs::read_to_string(&seed).unwrap();
    let (head, rest) = text.split_once("\nupdated").expect("the seed has `updated`");
    std::fs::write(&seed, format!("{head}\nreview_months = {review_months}\nupdated{rest}")).unwrap();
    dir
}

#[test]
fn an_overdue_sheet_says_so_when_printed_with_its_version_print_date_and_case_header() {
    let Some(chromium) = printing_tools() else { return };
    // Built before the review fell due: the page hides the band, and the script shows it when
    // the sheet is printed later, as a site left unbuilt for a year would be.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sopbook().env("SOPBOOK_TODAY", "2020-01-01").arg("build").arg(project()).arg("--out").arg(&out).assert().code(0);
    let book = out.join("checklists/certificado-digital/a1.html");
    let html = std::fs::read_to_string(&book).unwrap();
    assert!(html.contains("<p class=\"cl-overdue\" data-due=\"2020-11-22\" hidden>"), "{html}");
    let pages = print(&chromium, &book, "perda-do-backup-a1");
    assert_eq!(pages.len(), 1, "the seed stays on one page: {pages:#?}");
    let page = &pages[0];
    assert!(page.contains("REVISÃO VENCIDA em 22/11/2020"), "{page}");
    assert!(page.contains("Revisão: 22/11/2019 Próxima revisão: 22/11/2020"), "{page}");
    let version = seed_version();
    assert!(page.contains(&format!("Versão: {version}")), "{version} in {page}");
    assert!(page.contains(&format!("Revisão 22/11/2019 · Versão {version} Página 1 de 1")), "the footer: {page}");
    assert!(around_today(true).iter().any(|d| page.contains(&format!("Impresso em: {d}"))), "{page}");
    for line in ["Analista", "Data/hora", "Nº do chamado", "Cliente/CNPJ"] {
        assert!(page.contains(line), "case header line `{line}` missing: {page}");
    }
}

#[test]
fn a_sheet_within_its_review_has_no_band_and_its_case_header_follows_the_settings() {
    let Some(chromium) = printing_tools() else { return };
    let base = seed_base("[checklist]\ncase_fields = [\"Operador\", \"Loja\", \"Contato\"]\n", 600);
    let (_dir, out) = build(base.path());
    let page = &print(&chromium, &out.join("checklists/certificado-digital/a1.html"), "perda-do-backup-a1")[0];
    assert!(!page.contains("VENCIDA"), "{page}");
    assert!(page.contains("Próxima revisão: 22/11/2069"), "{page}");
    assert!(page.contains("Operador") && page.contains("Loja") && page.contains("Contato"), "{page}");
    assert!(!page.contains("Analista"), "the default lines are replaced: {page}");

    let base = seed_base("[checklist]\ncase_fields = []\n", 12);
    let (_dir, out) = build(base.path());
    let html = std::fs::read_to_string(out.join("checklists/certificado-digital/a1.html")).unwrap();
    assert!(!html.contains("cl-case"), "`[]` prints no case header");

    let base = seed_base("[site]\nlanguage = \"en\"\n", 12);
    let (_dir, out) = build(base.path());
    let page = &print(&chromium, &out.join("checklists/certificado-digital/a1.html"), "perda-do-backup-a1")[0];
    assert!(page.contains("REVIEW OVERDUE since 2020-11-22"), "{page}");
    assert!(page.contains("Analyst") && page.contains("Ticket no.") && page.contains("Customer/Tax ID"), "{page}");
    assert!(around_today(false).iter().any(|d| page.contains(&format!("Printed on: {d}"))), "{page}");
}

/// Normalised for comparing the three forms: ASCII dashes, no symbols, single spaces.
fn words(text: &str) -> String {
    let text = text.replace('—', "-").replace(['✓', '▲', '■', '*', '→'], " ").replace("->", " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn screen_paper_and_text_say_the_same_words() {
    let (_dir, out) = build(&project());
    let read = |rel: &str| Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap());
    let texts = |html: &Html, css: &str| -> Vec<String> {
        html.select(&Selector::parse(css).unwrap()).map(|e| words(&e.text().collect::<String>())).collect()
    };
    let page = read("procedures/certificado-digital/a1/perda-do-backup-a1.html");
    let book = read("checklists/certificado-digital/a1.html");
    let text = stdout(&["checklist", "certificado-digital/a1/perda-do-backup-a1"]);

    // The ends: "Fim — caso resolvido", "Escalonar para Relacionamento — retorno em até 24 horas".
    let site_ends = texts(&page, ".terminal-label");
    let paper_ends = texts(&book, "#perda-do-backup-a1 .cl-end");
    let text_ends: Vec<String> = text.lines().filter(|l| l.trim_start().starts_with("***")).map(words).collect();
    assert_eq!(site_ends, ["Fim - caso resolvido", "Escalonar para Relacionamento - retorno em até 24 horas"]);
    assert_eq!(paper_ends, site_ends);
    assert_eq!(text_ends, site_ends);

    // Where each action goes: said on every action, the next item too, in the same words.
    let site_next: Vec<String> = texts(&page, ".step-action .step-next a").into_iter().map(|t| t.to_string()).collect();
    let paper_next = texts(&book, "#perda-do-backup-a1 .cl-action .cl-goto");
    let text_next: Vec<String> = text.lines().filter(|l| l.trim_start().starts_with("-> ")).map(words).collect();
    assert_eq!(site_next, ["passo 5", "passo 5"]);
    assert_eq!(paper_next, site_next);
    assert_eq!(text_next, site_next);

    // The answers of the decisions, each one a choice with its step.
    let site_answers = texts(&page, ".branches li").into_iter().map(|a| a.split(" passo ").next().unwrap().to_string());
    let paper_answers = texts(&book, "#perda-do-backup-a1 .cl-answer");
    assert_eq!(site_answers.collect::<Vec<_>>(), paper_answers);
}

#[test]
fn no_heading_ends_a_printed_page() {
    let Some(chromium) = printing_tools() else { return };
    let (_dir, out) = build(&project());
    let page = out.join("procedures/certificado-digital/a1/perda-do-backup-a1.html");
    let html = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
    let headings: Vec<String> = html
        .select(&Selector::parse("main h2, main h3").unwrap())
        .map(|h| h.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(headings.iter().any(|h| h == "Passos"), "{headings:?}");
    let pages = print_pages(&chromium, &page, "");
    assert!(pages.len() >= 3, "the seed's page takes a few sheets: {}", pages.len());
    for (n, text) in pages.iter().enumerate() {
        let last = text.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
        assert!(!headings.iter().any(|h| h == last), "page {} ends with the heading `{last}`", n + 1);
    }
}

#[test]
fn the_printed_handbook_numbers_every_checklist_and_indexes_them_by_section_and_symptom() {
    let (_dir, out) = build(&project());
    let index = Html::parse_document(&std::fs::read_to_string(out.join("checklists.html")).unwrap());
    let select = |html: &Html, css: &str| -> Vec<String> {
        html.select(&Selector::parse(css).unwrap()).map(|e| e.text().collect::<String>()).collect()
    };
    let numbered: Vec<(String, String)> = index
        .select(&Selector::parse(".cl-book-entry li").unwrap())
        .map(|li| (li.value().attr("value").unwrap().to_string(), li.text().collect()))
        .collect();
    assert_eq!(
        numbered,
        [("1".into(), "Chamado para o Relacionamento".into()), ("2".into(), "Perda do Backup A1".into())]
    );
    // By symptom: each phrasing of the customer and each "Quando usar", in alphabetical order,
    // with the number of its checklist.
    let symptoms = select(&index, ".cl-symptoms li");
    assert!(symptoms.contains(&"cliente formatou o computador 2".to_string()), "{symptoms:?}");
    assert!(symptoms.contains(&"sem backup do certificado 2".to_string()), "{symptoms:?}");
    assert!(symptoms.iter().any(|s| s.starts_with("Abrir no Qualitor o chamado") && s.ends_with(" 1")), "{symptoms:?}");
    let mut sorted = symptoms.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(symptoms, sorted);

    // Each sheet shows its number, big and in the running title; the book's contents too.
    let book =
        Html::parse_document(&std::fs::read_to_string(out.join("checklists/certificado-digital/a1.html")).unwrap());
    assert_eq!(select(&book, ".checklist .cl-number"), ["1", "2"]);
    assert_eq!(select(&book, ".cl-running-number"), ["Nº 1", "Nº 2"]);
    let values: Vec<&str> =
        book.select(&Selector::parse(".cl-toc li").unwrap()).map(|li| li.value().attr("value").unwrap()).collect();
    assert_eq!(values, ["1", "2"]);

    // A short contents leaves the first checklist on the first sheet.
    let Some(chromium) = printing_tools() else { return };
    let pages = print(&chromium, &out.join("checklists/certificado-digital/a1.html"), "");
    assert_eq!(pages.len(), 2, "{pages:#?}");
    assert!(
        pages[0].starts_with("Certificado Digital > A1 1. Chamado para o Relacionamento 2. Perda do Backup A1"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("Nº 1 Chamado para o Relacionamento") && pages[0].contains("Abrir o atendimento"),
        "{}",
        pages[0]
    );
    assert!(pages[1].contains("Nº 2 Perda do Backup A1"), "{}", pages[1]);

    // The same on checklists.html, whose short index is followed by the checklists at the root.
    let (_dir, out) = build(&fixture("long"));
    let pages = print(&chromium, &out.join("checklists.html"), "");
    assert!(pages[0].starts_with("Todos os checklists"), "{}", pages[0]);
    assert!(pages[0].contains("Nº 1 Doze passos"), "the first checklist starts on page 1: {}", pages[0]);
}
