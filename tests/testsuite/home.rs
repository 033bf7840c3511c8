//! The home page for analysts (issue 13, item 6): one search box, focused, in the main area; the
//! sections as cards; the procedures changed last; the editors' pages in the footer, not the menu.

use std::path::Path;

use crate::base;
use crate::site::{build, page, select, text};

fn procedure(title: &str, section: &str, updated: Option<&str>) -> String {
    let updated = updated.map_or_else(String::new, |d| format!("updated = {d}\n"));
    format!(
        "title = \"{title}\"\nsection = \"{section}\"\nowner = \"Suporte\"\n{updated}\
         [steps.a]\ntext = \"Faça.\"\nend = \"resolution\"\n"
    )
}

/// Ten procedures in three sections: two share the latest date, one has no date.
fn knowledge_base(language: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dated = [
        ("Zeta", "Certificado Digital > A1", "2026-10-01"),
        ("Alfa", "Certificado Digital > A3", "2026-10-01"),
        ("Bravo", "NF-e > Rejeições", "2026-09-15"),
        ("Charlie", "NF-e > Rejeições", "2026-08-01"),
        ("Delta", "NF-e", "2026-07-01"),
        ("Eco", "Acesso", "2026-06-01"),
        ("Foxtrot", "Acesso", "2026-05-01"),
        ("Golf", "Acesso", "2026-04-01"),
        ("Hotel", "Acesso", "2025-01-01"),
    ];
    let mut files: Vec<(String, String)> = dated
        .iter()
        .map(|(title, section, date)| {
            (format!("procedures/{}.toml", title.to_lowercase()), procedure(title, section, Some(date)))
        })
        .collect();
    files.push(("procedures/sem-data.toml".into(), procedure("Sem data", "Acesso", None)));
    files.push(("sopbook.toml".into(), format!("[site]\ntitle = \"Base\"\nlanguage = \"{language}\"\n")));
    files.push(("book/introducao.md".into(), "# Introdução\n\nO manual.\n".into()));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    base(&files)
}

fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
    select(html, css).iter().map(text).collect()
}

fn hrefs(html: &scraper::Html, css: &str) -> Vec<String> {
    select(html, css).iter().filter_map(|a| a.value().attr("href")).map(String::from).collect()
}

/// Every page has exactly one search box; on the home page it is in the main area, focused.
fn assert_one_search_box(out: &Path, path: &str, in_main: bool) {
    let html = page(out, path);
    assert_eq!(select(&html, "#search-input").len(), 1, "{path}");
    assert_eq!(select(&html, "#search-results[role=listbox]").len(), 1, "{path}");
    assert_eq!(select(&html, "#search-status").len(), 1, "{path}");
    let (inside, outside) = if in_main { ("main", ".site-header") } else { (".site-header", "main") };
    assert_eq!(select(&html, &format!("{inside} #search-input[role=combobox]")).len(), 1, "{path}");
    assert!(select(&html, &format!("{outside} #search-input")).is_empty(), "{path}");
    assert_eq!(select(&html, "#search-input[autofocus]").len(), usize::from(in_main), "{path}");
}

#[test]
fn the_home_page_puts_search_first() {
    let (_dir, root) = knowledge_base("pt-BR");
    let (_site, out) = build(&root, &[]);
    assert_one_search_box(&out, "index.html", true);
    for path in ["procedures/zeta.html", "sections/acesso.html", "escalations.html", "review.html", "404.html"] {
        assert_one_search_box(&out, path, false);
    }
    let home = page(&out, "index.html");
    let input = select(&home, "#search-input")[0];
    let hint = input.value().attr("aria-describedby").unwrap();
    assert_eq!(
        texts(&home, &format!("#{hint}")),
        ["Digite as palavras do cliente: sintoma, código de rejeição, nome do sistema…"]
    );

    assert_eq!(
        texts(&home, ".section-grid .section-card"),
        ["Acesso 5 procedimentos", "Certificado Digital 2 procedimentos", "NF-e 3 procedimentos"]
    );
    assert_eq!(
        hrefs(&home, ".section-grid a"),
        ["sections/acesso.html", "sections/certificado-digital.html", "sections/nf-e.html"]
    );

    assert_eq!(texts(&home, "#sb_recent"), ["Alterados recentemente"]);
    assert_eq!(
        texts(&home, ".recent-list .recent-title"),
        ["Alfa", "Zeta", "Bravo", "Charlie", "Delta", "Eco", "Foxtrot", "Golf"],
        "latest first, ties by title, eight at most, none without a date"
    );
    let first = texts(&home, ".recent-list li")[0].clone();
    assert_eq!(first, "Alfa Certificado Digital > A3 01/10/2026");
    assert_eq!(select(&home, ".recent-list time")[0].value().attr("datetime"), Some("2026-10-01"));
    assert_eq!(hrefs(&home, ".recent-list a")[0], "procedures/alfa.html");
}

#[test]
fn editor_pages_are_in_the_footer_not_the_menu() {
    let (_dir, root) = knowledge_base("pt-BR");
    let (_site, out) = build(&root, &[]);
    for path in ["index.html", "procedures/zeta.html", "review.html", "book/introducao.html", "404.html"] {
        let html = page(&out, path);
        assert_eq!(texts(&html, ".main-nav a"), ["Início", "Escalonamentos"], "{path}");
        let nav = hrefs(&html, ".main-nav a");
        assert!(nav.iter().all(|h| !h.ends_with("review.html") && !h.contains("book/")), "{path}: {nav:?}");
        assert_eq!(texts(&html, ".site-footer nav .footer-heading"), ["Editores"], "{path}");
        assert_eq!(texts(&html, ".site-footer nav a"), ["Revisão", "Manual do editor"], "{path}");
        let footer = hrefs(&html, ".site-footer nav a");
        assert!(footer[0].ends_with("review.html") && footer[1].ends_with("book/introducao.html"), "{footer:?}");
    }
    let home = page(&out, "index.html");
    assert!(hrefs(&home, "main a").iter().all(|h| h != "review.html" && !h.starts_with("book/")));
    let review = page(&out, "review.html");
    assert_eq!(texts(&review, ".site-footer [aria-current=page]"), ["Revisão"]);
    let book = page(&out, "book/introducao.html");
    assert_eq!(texts(&book, ".site-footer [aria-current=page]"), ["Manual do editor"]);
}

#[test]
fn the_home_page_in_english() {
    let (_dir, root) = knowledge_base("en");
    let (_site, out) = build(&root, &[]);
    assert_one_search_box(&out, "index.html", true);
    let home = page(&out, "index.html");
    assert_eq!(texts(&home, "#search-home-hint"), ["Type the customer's words: symptom, rejection code, system name…"]);
    assert_eq!(texts(&home, "#sb_sections"), ["Sections"]);
    assert_eq!(texts(&home, ".section-card")[0], "Acesso 5 procedures");
    assert_eq!(texts(&home, "#sb_recent"), ["Recently changed"]);
    assert_eq!(texts(&home, ".recent-list li")[0], "Alfa Certificado Digital > A3 2026-10-01");
    assert_eq!(texts(&home, ".main-nav a"), ["Home", "Escalations"]);
    assert_eq!(texts(&home, ".site-footer nav .footer-heading"), ["Editors"]);
    assert_eq!(texts(&home, ".site-footer nav a"), ["Review", "Editor's handbook"]);
}

#[test]
fn a_base_without_dates_has_no_recent_list() {
    let (_dir, root) = base(&[("procedures/a.toml", &procedure("A", "S", None))]);
    let (_site, out) = build(&root, &[]);
    let home = page(&out, "index.html");
    assert!(select(&home, "#sb_recent, .recent-list").is_empty());
    assert_eq!(texts(&home, ".section-card"), ["S 1 procedimento"]);
}
