//! No source can take the place of another page of the site (issue 12): procedures named like
//! the site's own pages (`all`, `index`, `404`, `search`, `search-index`), sections and tags named like its
//! folders (`assets`, `media`), each keep a page of their own and leave the site's pages alone.

use std::path::Path;

use scraper::{Html, Selector};

use crate::sopbook;

fn procedure(title: &str, section: &str, tags: &str) -> String {
    format!(
        "title = \"{title}\"\nsection = \"{section}\"\nowner = \"O\"\nupdated = 2099-01-01\ntags = [{tags}]\n\
         [steps.a]\ntext = \"Passo de {title}.\"\nend = \"resolution\"\n"
    )
}

fn count(path: &Path, css: &str) -> usize {
    let html = Html::parse_document(&std::fs::read_to_string(path).unwrap());
    html.select(&Selector::parse(css).unwrap()).count()
}

#[test]
fn procedures_sections_and_tags_named_like_the_sites_pages_keep_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let names = ["all", "index", "404", "search", "search-index", "review", "escalations", "checklists"];
    for name in names {
        let text = procedure(&format!("Proc {name}"), "Assets > Media", "\"index\", \"all\", \"assets\"");
        std::fs::create_dir_all(root.join("procedures")).unwrap();
        std::fs::write(root.join(format!("procedures/{name}.toml")), text).unwrap();
    }
    let text = procedure("Dentro", "Media", "\"media\"");
    std::fs::create_dir_all(root.join("procedures/checklists")).unwrap();
    std::fs::write(root.join("procedures/checklists/all.toml"), text).unwrap();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).assert().code(0);

    // The index of the checklists holds the eight at the root; the folder's book holds its own.
    let index = out.join("checklists.html");
    assert_eq!(count(&index, "article.checklist"), names.len());
    for name in names {
        let html = Html::parse_document(&std::fs::read_to_string(&index).unwrap());
        let id = Selector::parse(&format!("article.checklist[id='{name}']")).unwrap();
        assert_eq!(html.select(&id).count(), 1, "{name}");
        let page = std::fs::read_to_string(out.join(format!("procedures/{name}.html"))).unwrap();
        assert!(page.contains(&format!("Passo de Proc {name}.")), "{name}");
        assert!(page.contains(&format!("href=\"../checklists.html#{name}\"")), "{name}");
    }
    assert_eq!(count(&out.join("checklists/checklists.html"), "article.checklist"), 1);
    // The site's own pages are its own.
    assert_eq!(count(&out.join("index.html"), ".section-grid"), 1);
    let chunks: String = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('d'))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(chunks.contains("Proc all") && chunks.contains("Proc search"));
    assert!(std::fs::read_to_string(out.join("search.html")).unwrap().contains("id=\"search-page\""));
    for tag in ["index", "all", "assets", "media"] {
        assert!(out.join(format!("tags/{tag}.html")).is_file(), "{tag}");
    }
    assert!(out.join("sections/assets/media.html").is_file() && out.join("sections/media.html").is_file());
    assert!(out.join("assets/style.css").is_file());
}

/// Two sections whose names share a page (`Certificado Digital`, `certificado digital`): the
/// build never writes one page over the other. Either the page lists both procedures, or the
/// build stops and names the page; never does a procedure vanish from it.
#[test]
fn two_names_that_share_a_page_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    std::fs::write(root.join("procedures/a.toml"), procedure("Primeiro", "Certificado Digital", "")).unwrap();
    std::fs::write(root.join("procedures/b.toml"), procedure("Segundo", "certificado digital", "")).unwrap();
    let out = dir.path().join("site");
    let output = sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--allow-errors").output().unwrap();
    if output.status.success() {
        let page = std::fs::read_to_string(out.join("sections/certificado-digital.html")).unwrap();
        assert!(page.contains("Primeiro") && page.contains("Segundo"), "a procedure vanished from its section");
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("`sections/certificado-digital.html`"), "{stderr}");
        assert!(!out.exists(), "a failed build writes nothing");
    }
}
