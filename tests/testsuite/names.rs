//! Names that become pages (issue 12, items 6, 11 and 12): sections thousands of levels deep,
//! names longer than a file name, sections and tags written two ways, and procedure files whose
//! names hold characters that end or change a URL.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::{base, sopbook};

fn procedure(title: &str, section: &str, tags: &str) -> String {
    format!(
        "title = \"{title}\"\nsection = \"{section}\"\ntags = [{tags}]\nowner = \"O\"\nupdated = 2099-01-01\n\
         [steps.a]\ntext = \"Faça.\"\nend = \"resolution\"\n"
    )
}

fn build(root: &Path) -> PathBuf {
    let out = root.parent().unwrap().join("site");
    sopbook().arg("build").arg(root).arg("--out").arg(&out).args(["--allow-errors", "-q"]).assert().success();
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// The procedure links (`procedures/…`) of a page, resolved as a browser does.
fn procedure_links(page: &Path) -> Vec<String> {
    let html = Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let a = Selector::parse("a[href]").unwrap();
    html.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .filter(|h| h.contains("procedures/"))
        .map(str::to_string)
        .collect()
}

/// The file an href names, as a browser reads it: the query and fragment cut, then decoded.
fn target(page: &Path, href: &str) -> PathBuf {
    let path = href.split(['?', '#']).next().unwrap();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().unwrap().into_owned();
    page.parent().unwrap().join(decoded)
}

#[test]
fn a_section_of_5000_parts_is_a_finding_and_the_site_stays_small() {
    let deep: Vec<String> = (0..5000).map(|i| format!("N{i}")).collect();
    let (_dir, root) = base(&[("procedures/fundo.toml", &procedure("Fundo", &deep.join(" > "), ""))]);
    let lint = sopbook().arg("lint").arg(&root).assert().code(1);
    let stdout = String::from_utf8_lossy(&lint.get_output().stdout).into_owned();
    assert!(stdout.contains("erro[name-too-long]: a seção tem 5000 partes"), "{stdout}");
    assert!(stdout.contains("procedures/fundo.toml:2:11"), "{stdout}");

    let out = build(&root);
    let sections = files_under(&out.join("sections"));
    assert_eq!(sections.len(), 16, "one page per level kept");
    let deepest = sections.iter().map(|p| p.strip_prefix(&out).unwrap().components().count()).max().unwrap();
    assert_eq!(deepest, 17, "sections/ and 16 levels");
    let bytes: u64 = files_under(&out).iter().map(|p| p.metadata().unwrap().len()).sum();
    assert!(bytes < 2_000_000, "{bytes} bytes written");
}

#[test]
fn names_longer_than_a_file_name_build_in_any_script() {
    let long = "認".repeat(250);
    let latin = "ã".repeat(300);
    let (_dir, root) = base(&[(
        "procedures/longo.toml",
        &procedure("Longo", &format!("{long} > {latin}"), &format!("\"{long}\", \"{latin}\"")),
    )]);
    let lint = sopbook().arg("lint").arg(&root).assert().code(1);
    let stdout = String::from_utf8_lossy(&lint.get_output().stdout).into_owned();
    assert_eq!(stdout.matches("erro[name-too-long]").count(), 3, "{stdout}");

    let out = build(&root);
    for file in files_under(&out) {
        let name = file.file_name().unwrap().len();
        assert!(name <= 130, "{} has a name of {name} bytes", file.display());
    }
    assert_eq!(files_under(&out.join("tags")).len(), 2);
}

#[test]
fn sections_and_tags_written_two_ways_share_one_page_that_lists_every_procedure() {
    let nfd = "Exportac\u{0327}a\u{0303}o";
    let (_dir, root) = base(&[
        ("procedures/a.toml", &procedure("Alfa", "Certificado Digital > Exportação", "\"Backup\"")),
        ("procedures/b.toml", &procedure("Bravo", "certificado digital > EXPORTAÇÃO", "\"backup\"")),
        ("procedures/c.toml", &procedure("Charlie", &format!("Certificado Digital > {nfd}"), "\"BACKUP\"")),
    ]);
    let lint = sopbook().arg("lint").arg(&root).assert().code(0);
    let stdout = String::from_utf8_lossy(&lint.get_output().stdout).into_owned();
    assert_eq!(stdout.matches("aviso[name-variant]").count(), 4, "{stdout}");

    let out = build(&root);
    let section = std::fs::read_to_string(out.join("sections/certificado-digital/exportacao.html")).unwrap();
    let tag = std::fs::read_to_string(out.join("tags/backup.html")).unwrap();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    for title in ["Alfa", "Bravo", "Charlie"] {
        assert!(section.contains(title), "{title} missing from the section page");
        assert!(tag.contains(title), "{title} missing from the tag page");
        assert!(home.contains(title), "{title} missing from the home page");
    }
    assert_eq!(files_under(&out.join("sections")).len(), 2, "one page per section, however written");
}

#[test]
fn file_names_that_end_or_change_a_url_still_link() {
    let names = ["a?b", "c#d", "e%41f", "g\\h", "tab\tx", "new\nline", "sp ace", "ação"];
    let files: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("procedures/s/{n}.toml"), procedure(&format!("P{i}"), "S", "")))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let (_dir, root) = base(&files);
    let out = build(&root);
    for page in ["index.html", "sections/s.html"] {
        let page = out.join(page);
        let links = procedure_links(&page);
        assert!(links.len() >= names.len(), "{}: {links:?}", page.display());
        for href in links {
            assert!(target(&page, &href).is_file(), "{}: `{href}` does not resolve", page.display());
        }
    }
    for name in names {
        let page = out.join(format!("procedures/s/{name}.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        let doc = Html::parse_document(&html);
        let a = Selector::parse("a.button-secondary[href]").unwrap();
        let href = doc.select(&a).next().unwrap().value().attr("href").unwrap().to_string();
        assert!(target(&page, &href).is_file(), "{name}: checklist link `{href}` does not resolve");
        // The fragment, as a browser decodes it, is the ID of the procedure's checklist in the book.
        let (_, fragment) = href.split_once('#').expect("the checklist's address names it");
        let id = percent_encoding::percent_decode_str(fragment).decode_utf8().unwrap();
        let book = Html::parse_document(&std::fs::read_to_string(target(&page, &href)).unwrap());
        let ids: Vec<&str> =
            book.select(&Selector::parse("article.checklist").unwrap()).filter_map(|a| a.value().id()).collect();
        assert!(ids.contains(&&*id), "{name}: `#{id}` is no checklist of {ids:?}");
        assert!(!id.contains(char::is_whitespace), "{name}: an ID holds no space");
    }
}
