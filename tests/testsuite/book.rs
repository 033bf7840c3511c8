//! The book's rules reference names exactly the rules of the registry, one section each.

use std::collections::BTreeSet;

use sopbook::lint::{Level, RULES};

fn book(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_rules_chapter_has_one_section_per_rule() {
    let text = book("regras.md");
    let headings: Vec<String> =
        text.lines().filter_map(|l| l.strip_prefix("## `")?.strip_suffix('`').map(str::to_string)).collect();
    let unique: BTreeSet<String> = headings.iter().cloned().collect();
    assert_eq!(unique.len(), headings.len(), "a rule has two sections: {headings:?}");
    let registry: BTreeSet<String> = RULES.iter().map(|r| r.meta().id.to_string()).collect();
    let missing: Vec<_> = registry.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&registry).collect();
    assert!(missing.is_empty(), "rules missing from book/regras.md: {missing:?}");
    assert!(unknown.is_empty(), "book/regras.md names rules that do not exist: {unknown:?}");
}

#[test]
fn the_rules_chapter_gives_each_rule_its_default_severity() {
    let text = book("regras.md");
    for &id in RULES {
        let heading = format!("## `{id}`\n");
        let section = text.split_once(&heading).map(|(_, rest)| rest.split("\n## ").next().unwrap_or_default());
        let expected = match id.meta().default_level {
            Level::Error => "**Severidade padrão:** erro.",
            Level::Warning => "**Severidade padrão:** aviso.",
            Level::Allow => "**Severidade padrão:** desligada.",
        };
        assert!(section.is_some_and(|s| s.contains(expected)), "book/regras.md: `{id}` should say {expected}");
    }
}

#[test]
fn the_format_chapter_mentions_every_rule_and_key() {
    let text = book("formato.md");
    for meta in RULES.iter().map(|r| r.meta()) {
        assert!(text.contains(&format!("`{}`", meta.id)), "book/formato.md does not mention `{}`", meta.id);
    }
    for key in [
        "title",
        "section",
        "summary",
        "owner",
        "updated",
        "review_months",
        "tags",
        "aliases",
        "start",
        "next",
        "branches",
        "end",
        "to",
        "sla",
        "via",
        "fields",
        "note",
        "warning",
        "see",
        "image",
        "scenarios",
        "name",
        "answers",
        "expect",
    ] {
        assert!(text.contains(&format!("`{key}`")), "book/formato.md does not mention `{key}`");
    }
}

/// The scenarios chapter quotes the seed's scenarios as the repository has them, and is listed.
#[test]
fn the_scenarios_chapter_quotes_the_seeds_scenarios() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("procedures/certificado-digital/a1/perda-do-backup-a1.toml")).unwrap();
    let scenarios = &seed[seed.find("[[scenarios]]").expect("the seed has scenarios")..];
    let chapter = book("cenarios.md");
    assert!(
        chapter.contains(scenarios.trim_end()),
        "book/cenarios.md no longer shows the seed's scenarios:\n{scenarios}"
    );
    for id in ["failing-scenario", "untested-branch"] {
        assert!(chapter.contains(&format!("(regras.md#{id})")), "book/cenarios.md does not link `{id}`");
    }
    assert!(book("SUMMARY.md").contains("(cenarios.md)"));
}

/// A chapter may sit in a subfolder of `book/` (as in mdBook): it gets its page at the same place
/// under `book/`, its images relative to its own folder, links to the other chapters, and the
/// `# Title` line of `SUMMARY.md` above it shows as a part of the contents.
#[test]
fn chapters_in_subfolders_are_published_with_their_images_and_parts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    crate::copy_dir(&crate::fixture("clean"), &root);
    let png =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book/img/guiado-celular.png")).unwrap();
    let files: [(&str, &[u8]); 6] = [
        (
            "book/SUMMARY.md",
            "# Sumário\n\n- [Início](inicio.md)\n\n# Apêndice técnico\n\n- [Instalar](guias/instalar.md)\n".as_bytes(),
        ),
        (
            "book/inicio.md",
            "# Início\n\nVeja [Instalar](guias/instalar.md#passos).\n\n![Tela](img/tela.png)\n".as_bytes(),
        ),
        (
            "book/guias/instalar.md",
            "# Instalar o `sopbook`\n\n## Passos\n\nVolte ao [início](../inicio.md).\n\n![Outra tela](img/tela.png)\n"
                .as_bytes(),
        ),
        ("book/img/tela.png", &png),
        ("book/guias/img/tela.png", &[png.as_slice(), b"x"].concat()),
        ("book/_rascunho/nao.md", b"# Rascunho\n"),
    ];
    for (path, bytes) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let (_site, out) = crate::site::build(&root, &[]);
    assert!(!out.join("book/_rascunho/nao.html").exists(), "a folder starting with `_` is a draft");
    let nested = crate::site::page(&out, "book/guias/instalar.html");
    let first = crate::site::page(&out, "book/inicio.html");
    let srcs = |html: &scraper::Html| -> Vec<String> {
        crate::site::select(html, "article img").iter().map(|e| e.value().attr("src").unwrap().to_string()).collect()
    };
    let (nested_img, first_img) = (srcs(&nested), srcs(&first));
    assert_eq!((nested_img.len(), first_img.len()), (1, 1), "{nested_img:?} {first_img:?}");
    assert!(
        nested_img[0].starts_with("../../media/") && first_img[0].starts_with("../media/"),
        "{nested_img:?} {first_img:?}"
    );
    assert_ne!(
        nested_img[0].trim_start_matches("../"),
        first_img[0].trim_start_matches("../"),
        "each folder's own img/tela.png"
    );
    for img in [&nested_img[0], &first_img[0]] {
        assert!(out.join("book/guias").join(img).is_file() || out.join("book").join(img).is_file(), "{img}");
    }
    let hrefs = |html: &scraper::Html| -> Vec<String> {
        crate::site::select(html, "article a")
            .iter()
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    };
    assert!(hrefs(&nested).contains(&"../inicio.html".to_string()), "{:?}", hrefs(&nested));
    assert!(hrefs(&first).contains(&"guias/instalar.html#passos".to_string()), "{:?}", hrefs(&first));
    let style: Vec<String> = crate::site::select(&nested, "link[rel=stylesheet]")
        .iter()
        .map(|e| e.value().attr("href").unwrap().to_string())
        .collect();
    assert!(style.iter().all(|h| h.starts_with("../../assets/")), "{style:?}");
    let toc: Vec<&str> = crate::site::select(&nested, ".book-toc > ol > li")
        .iter()
        .map(|li| li.text().next().unwrap_or_default())
        .collect();
    assert_eq!(toc, ["Início", "Apêndice técnico", "Instalar o sopbook"], "the part's title before its first chapter");
}

/// The introduction lists every chapter of `SUMMARY.md`, in its order, so a new chapter cannot be
/// left out of the reader's map of the handbook.
#[test]
fn the_introduction_lists_every_chapter_in_order() {
    let summary = book("SUMMARY.md");
    let chapters: Vec<String> = summary
        .lines()
        .filter_map(|l| {
            let start = l.find("](")? + 2;
            Some(l[start..start + l[start..].find(')')?].to_string())
        })
        .filter(|target| target != "introducao.md")
        .collect();
    assert!(chapters.len() >= 10, "{chapters:?}");
    // The first list of the introduction that links three chapters or more is the map.
    let intro = book("introducao.md");
    let linked = |item: &str| -> Vec<String> {
        chapters.iter().filter(|c| item.contains(&format!("]({c})"))).cloned().collect()
    };
    let mut lists: Vec<Vec<String>> = vec![Vec::new()];
    for line in intro.lines() {
        if line.starts_with("- ") || (line.starts_with("  ") && !lists.last().unwrap().is_empty()) {
            let mut found = linked(line);
            found.sort_by_key(|c| line.find(&format!("]({c})")));
            lists.last_mut().unwrap().extend(found);
        } else if !lists.last().unwrap().is_empty() {
            lists.push(Vec::new());
        }
    }
    let mut map = lists.into_iter().find(|l| l.len() >= 3).unwrap_or_default();
    let mut seen = BTreeSet::new();
    map.retain(|c| seen.insert(c.clone()));
    assert_eq!(map, chapters, "book/introducao.md's list of chapters differs from SUMMARY.md's");
}

/// The installation commands of the handbook and the README download from the repository that
/// `Cargo.toml` names (where cargo-dist's release workflow publishes), so they change together.
#[test]
fn the_install_commands_download_from_the_crates_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml")).unwrap().parse().unwrap();
    let repository = manifest["package"]["repository"].as_str().unwrap().trim_end_matches('/');
    let releases = format!("{repository}/releases/latest/download/sopbook-installer.");
    for (page, text) in [
        ("book/introducao.md", book("introducao.md")),
        ("README.md", std::fs::read_to_string(root.join("README.md")).unwrap()),
    ] {
        for installer in ["sh", "ps1"] {
            assert!(
                text.contains(&format!("{releases}{installer}")),
                "{page} does not install from {releases}{installer}"
            );
        }
        let others = text.matches("/releases/latest/download/").count();
        assert_eq!(others, 2, "{page}: every installer link names {repository}");
    }
}

/// A chapter that `SUMMARY.md` lists but that does not exist (a typo, a file moved to a
/// subfolder) stops the build with its name, and the previous site stays.
#[test]
fn a_chapter_listed_but_missing_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    crate::copy_dir(&crate::fixture("clean"), &root);
    std::fs::create_dir_all(root.join("book/guias")).unwrap();
    std::fs::write(root.join("book/guias/instalar.md"), "# Instalar\n").unwrap();
    std::fs::write(root.join("book/SUMMARY.md"), "# Sumário\n\n- [Instalar](guias/instalar.md)\n").unwrap();
    let (_site, out) = crate::site::build(&root, &[]);
    let before = std::fs::read(out.join("index.html")).unwrap();
    std::fs::write(root.join("book/SUMMARY.md"), "# Sumário\n\n- [Instalar](guias/instala.md)\n").unwrap();
    let output = crate::sopbook().arg("build").arg(&root).arg("--out").arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`book/SUMMARY.md` lista o capítulo `guias/instala.md`, que não existe"), "{stderr}");
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before, "the previous site stays");
}
