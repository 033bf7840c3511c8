//! Every link of every generated page resolves (issue 12, item 10): each relative `href` and
//! `src` of each HTML page names a file of the site, and each `#fragment` an `id` of its target,
//! for every fixture knowledge base that builds and for this repository's own. A link that starts
//! with `/` is dead from `file://`, and one that leaves the site is broken too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use scraper::{Html, Selector};

use crate::{fixture, sopbook};

/// The `id`s of a page and the links it holds (`href` and `src`, as written).
struct Page {
    ids: BTreeSet<String>,
    links: Vec<String>,
}

fn read_page(path: &Path) -> Page {
    let html = Html::parse_document(&std::fs::read_to_string(path).unwrap());
    let ids =
        html.select(&Selector::parse("[id]").unwrap()).filter_map(|e| e.value().id()).map(str::to_string).collect();
    let links = html
        .select(&Selector::parse("[href], [src]").unwrap())
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .map(str::to_string)
        .collect();
    Page { ids, links }
}

/// A link that leaves this site: a scheme (`https:`, `mailto:`…) or `//host`.
fn is_external(link: &str) -> bool {
    let scheme_end = link.find(':');
    let path_start = link.find(['/', '?', '#']);
    link.starts_with("//") || scheme_end.is_some_and(|c| path_start.is_none_or(|p| c < p))
}

/// Every broken link of the site at `site`, as `page: link: why`.
pub fn broken_links(site: &Path) -> (usize, Vec<String>) {
    let pages: BTreeMap<PathBuf, Page> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.path().to_path_buf(), read_page(e.path())))
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, page) in &pages {
        let shown = path.strip_prefix(site).unwrap().display();
        for link in page.links.iter().filter(|l| !is_external(l)) {
            checked += 1;
            let without_query = link.split('?').next().unwrap_or_default();
            let (file, fragment) = without_query.split_once('#').map_or((without_query, None), |(f, x)| (f, Some(x)));
            if file.starts_with('/') {
                broken.push(format!("{shown}: {link}: starts with `/`, dead from file://"));
                continue;
            }
            let file = percent_encoding::percent_decode_str(file).decode_utf8_lossy();
            let target = if file.is_empty() { Some(path.clone()) } else { resolve(path.parent().unwrap(), &file) };
            let Some(target) = target.filter(|t| t.starts_with(site)) else {
                broken.push(format!("{shown}: {link}: leaves the site"));
                continue;
            };
            if !target.is_file() {
                broken.push(format!("{shown}: {link}: no such file"));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else { continue };
            let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            if let Some(target_page) = pages.get(&target)
                && !target_page.ids.contains(fragment.as_ref())
            {
                broken.push(format!("{shown}: {link}: no element with id `{fragment}`"));
            }
        }
    }
    (checked, broken)
}

/// `from/relative`, its `..` and `.` resolved lexically; `None` when it climbs above `/`.
fn resolve(from: &Path, relative: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in from.join(relative).components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

fn build(root: &Path, out: &Path) {
    sopbook().arg("build").arg(root).arg("--out").arg(out).arg("--allow-errors").assert().code(0);
}

/// The broken links of the site at `site`, each prefixed with `name`; at least 20 links checked.
fn broken_in(site: &Path, name: &str) -> Vec<String> {
    let (checked, broken) = broken_links(site);
    assert!(checked > 20, "{name}: only {checked} links checked");
    broken.into_iter().map(|b| format!("{name}: {b}")).collect()
}

/// Every fixture knowledge base under `tests/fixtures` (those with a `procedures/` folder).
#[test]
fn every_link_of_every_fixture_site_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let (mut built, mut broken) = (0, Vec::new());
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let root = entry.unwrap().path();
        if !root.join("procedures").is_dir() {
            continue;
        }
        let name = root.file_name().unwrap().to_string_lossy().into_owned();
        let out = dir.path().join(&name);
        build(&root, &out);
        broken.extend(broken_in(&out, &name));
        built += 1;
    }
    assert!(built >= 6, "only {built} fixtures built");
    assert!(broken.is_empty(), "{} broken links:\n{}", broken.len(), broken.join("\n"));
}

/// This repository's procedures and handbook.
#[test]
fn every_link_of_the_projects_own_site_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    let broken = broken_in(&out, "the project");
    assert!(broken.is_empty(), "{} broken links:\n{}", broken.len(), broken.join("\n"));
}

/// The checker itself finds what is broken.
#[test]
fn the_checker_finds_missing_files_anchors_and_root_links() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("a")).unwrap();
    std::fs::write(site.join("index.html"), "<p id=\"x\"><a href=\"a/b.html#y\">1</a> <a href=\"#x\">2</a></p>")
        .unwrap();
    std::fs::write(
        site.join("a/b.html"),
        "<p id=\"y\"><a href=\"../index.html#z\">1</a> <a href=\"c.html\">2</a> <a href=\"/index.html\">3</a> \
         <a href=\"../../fora.html\">4</a> <img src=\"../index.html\"> <a href=\"https://x.example/\">5</a></p>",
    )
    .unwrap();
    let (checked, broken) = broken_links(site);
    assert_eq!(checked, 7);
    assert_eq!(broken.len(), 4, "{broken:#?}");
    assert!(broken.iter().any(|b| b.contains("no element with id `z`")));
    assert!(broken.iter().any(|b| b.contains("c.html: no such file")));
    assert!(broken.iter().any(|b| b.contains("dead from file://")));
    assert!(broken.iter().any(|b| b.contains("leaves the site")));
}

/// A server shows `404.html` in place of a missing page at any depth: with `[site] base_url`
/// set, every link of that page starts from it; unset, they are relative (checked above).
#[test]
fn the_404_page_links_from_base_url_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    crate::copy_dir(&fixture("clean"), &root);
    let config = std::fs::read_to_string(root.join("sopbook.toml")).unwrap();
    for (base_url, start) in [("https://kb.example.com/docs", "https://kb.example.com/docs/"), ("/kb/", "/kb/")] {
        let edited = if config.contains("[site]") {
            config.replacen("[site]", &format!("[site]\nbase_url = \"{base_url}\""), 1)
        } else {
            format!("{config}\n[site]\nbase_url = \"{base_url}\"\n")
        };
        std::fs::write(root.join("sopbook.toml"), edited).unwrap();
        let out = dir.path().join("site");
        sopbook().arg("build").arg(&root).arg("--out").arg(&out).assert().code(0);
        let page = read_page(&out.join("404.html"));
        let links: Vec<&String> = page.links.iter().filter(|l| !l.starts_with('#')).collect();
        assert!(links.len() >= 5, "{links:?}");
        for link in links {
            assert!(link.starts_with(start), "{base_url}: {link}");
        }
        assert!(page.links.iter().any(|l| *l == format!("{start}index.html")));
    }
}

/// Links an editor writes in Markdown: an anchor of a step leads to that step from the
/// procedure's page and from its checklists; a path to a file, or an anchor that is no step, is a
/// `broken-link` finding at its place and, with `--allow-errors`, its text without a link.
#[test]
fn markdown_links_in_procedures_resolve_or_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    std::fs::create_dir_all(root.join("procedures/a")).unwrap();
    let text = "title = \"B\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\n[steps.inicio]\n\
                text = \"Veja o [manual](manual.pdf) e [a outra](../x/y.html).\"\nnext = \"fim\"\n\n[steps.fim]\n\
                text = \"Se falhar, [volte](#inicio) ou [recomece](#nada).\"\nend = \"resolution\"\n";
    std::fs::write(root.join("procedures/a/b.toml"), text).unwrap();
    std::fs::write(root.join("procedures/a/manual.pdf"), "%PDF-1.4").unwrap();
    let output = sopbook().args(["lint", "--format", "json"]).arg(&root).output().unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, u64)> = findings
        .iter()
        .filter(|f| f["rule"] == "broken-link")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    let at = |needle: &str| {
        let start = text.find(needle).unwrap();
        let line = text[..start].matches('\n').count() as u64 + 1;
        let column = (start - text[..start].rfind('\n').map_or(0, |n| n + 1)) as u64 + 1;
        (line, column)
    };
    assert_eq!(found, [at("[manual](manual.pdf)"), at("[a outra](../x/y.html)"), at("[recomece](#nada)")]);

    let out = dir.path().join("site");
    build(&root, &out);
    let (_, broken) = broken_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
    for page in ["procedures/a/b.html", "checklists/a.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains("procedures/a/b.html#inicio\">volte</a>"), "{page}");
        assert!(!html.contains("href=\"manual.pdf\"") && html.contains("recomece"), "{page}");
    }
}
