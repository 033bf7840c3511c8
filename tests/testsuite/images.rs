//! Images (issue 12, item 2): only PNG, JPEG, GIF and WebP files, by name and by content, outside
//! hidden folders, are published, copied to `media/` under the hash of their bytes. Nothing an
//! image names can replace a page or a script of the site, or publish a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::sopbook;

/// A real 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const GOOD: &str = "  { src = \"tela.png\", alt = \"Tela boa\" },\n";

/// Each hostile image: its `src` and its alt text.
const HOSTILE: &[(&str, &str)] = &[
    ("b.html", "Pagina falsa"),
    ("../../index.html", "Inicio falso"),
    ("../../assets/guided.js", "Script falso"),
    ("../../.git/config", "Segredo do git"),
    ("texto.png", "Texto disfarcado"),
    ("evil.svg", "Desenho com script"),
];

fn procedure(images: &str) -> String {
    format!(
        "title = \"B\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\n\
         [steps.a]\ntext = \"Veja a tela.\"\nend = \"resolution\"\nimage = [\n{images}]\n"
    )
}

fn hostile_images() -> String {
    HOSTILE.iter().map(|(src, alt)| format!("  {{ src = \"{src}\", alt = \"{alt}\" }},\n")).collect()
}

/// A knowledge base whose files an attacker chose: a page, a home page and a script of the site,
/// a git remote with a token, a text file named `.png`, an SVG with a script; and a real PNG.
/// `images` is what `procedures/a/b.toml` shows.
fn base(images: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let toml = procedure(images);
    let files: &[(&str, &[u8])] = &[
        ("procedures/a/b.toml", toml.as_bytes()),
        ("procedures/a/b.html", b"<h1>PAGINA FALSA</h1>"),
        ("index.html", b"<h1>HOME FALSA</h1>"),
        ("assets/guided.js", b"alert('script falso')"),
        (".git/config", b"[remote \"origin\"]\n\turl = https://user:TOKEN-SECRETO@example.com/kb.git\n"),
        ("procedures/a/texto.png", b"isto nao e uma imagem: TEXTO-SECRETO"),
        ("procedures/a/evil.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('svg')</script></svg>"),
        ("procedures/a/tela.png", PNG),
    ];
    for (path, bytes) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    (dir, root)
}

fn build(root: &Path) -> PathBuf {
    let out = root.parent().unwrap().join("site");
    sopbook().arg("build").arg(root).arg("--out").arg(&out).arg("--allow-errors").assert().code(0);
    out
}

/// Every file of a site, by relative path.
/// A checklist page without the version marks (`2026-01-10.3fa9c1e`): they differ, as the
/// procedure's file does.
fn without_version(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    regex::Regex::new(r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{7}").unwrap().replace_all(&text, "VERSION").into_owned()
}

fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(site).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The 1-based line and column (in characters) where `needle` starts in `text`.
fn line_col(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (line as u64, text[start..at].chars().count() as u64 + 1)
}

fn lint_json(root: &Path) -> Vec<serde_json::Value> {
    let output = sopbook().args(["lint", "--format", "json"]).arg(root).output().unwrap();
    serde_json::from_slice::<Vec<serde_json::Value>>(&output.stdout).unwrap()
}

#[test]
fn hostile_images_are_findings_at_their_place() {
    let images = format!("{GOOD}{}", hostile_images());
    let (_dir, root) = base(&images);
    let text = procedure(&images);
    let findings = lint_json(&root);
    let images: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["rule"] == "unsafe-image" || f["rule"] == "missing-image").collect();
    assert_eq!(images.len(), HOSTILE.len(), "{findings:#?}");
    for (src, _) in HOSTILE {
        let (line, column) = line_col(&text, &format!("\"{src}\""));
        let found = images
            .iter()
            .find(|f| f["line"] == line && f["column"] == column)
            .unwrap_or_else(|| panic!("no finding for {src} at {line}:{column}: {findings:#?}"));
        assert_eq!(found["rule"], "unsafe-image", "{found}");
        assert_eq!(found["severity"], "error", "{found}");
        assert_eq!(found["file"], "procedures/a/b.toml", "{found}");
        assert_eq!(found["step"], "a", "{found}");
    }
    let message = |src: &str| {
        let (line, column) = line_col(&text, &format!("\"{src}\""));
        images.iter().find(|f| f["line"] == line && f["column"] == column).unwrap()["message"].to_string()
    };
    assert!(message("evil.svg").contains("SVG"), "{}", message("evil.svg"));
    assert!(message("../../.git/config").contains("oculto"), "{}", message("../../.git/config"));
    assert!(message("texto.png").contains("conteúdo"), "{}", message("texto.png"));
    // The SVG's help says what to do instead.
    let output = sopbook().arg("lint").arg(&root).output().unwrap();
    let human = String::from_utf8_lossy(&output.stdout);
    assert!(human.contains("exporte-a como PNG"), "{human}");
    assert_eq!(output.status.code(), Some(1));
}

/// With `--allow-errors`, a hostile image changes nothing but its own figure: every other file
/// of the site is byte for byte what a build without it writes, nothing of it is copied, and its
/// figure shows its alt text.
#[test]
fn hostile_images_change_nothing_but_their_own_figures() {
    let (_hostile_dir, hostile_root) = base(&format!("{GOOD}{}", hostile_images()));
    let (_clean_dir, clean_root) = base(GOOD);
    let hostile = files(&build(&hostile_root));
    let clean = files(&build(&clean_root));
    assert_eq!(hostile.keys().collect::<Vec<_>>(), clean.keys().collect::<Vec<_>>(), "the same files, no more");
    for (path, bytes) in &clean {
        if path != "procedures/a/b.html" {
            let same = hostile[path] == *bytes
                || path.starts_with("checklists/") && without_version(&hostile[path]) == without_version(bytes);
            assert!(same, "`{path}` differs from a build without the hostile images");
        }
    }
    for (path, bytes) in &hostile {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["PAGINA FALSA", "HOME FALSA", "script falso", "TOKEN-SECRETO", "TEXTO-SECRETO", "alert('svg')"] {
            assert!(!text.contains(secret), "`{path}` holds `{secret}`");
        }
    }
    // The real PNG is published under the hash of its bytes, and only it.
    let media: Vec<&String> = hostile.keys().filter(|p| p.starts_with("media/")).collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let name = media[0].strip_prefix("media/").unwrap();
    let (hash, extension) = name.split_once('.').unwrap();
    assert_eq!(extension, "png");
    assert!(hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{name}");
    assert!(hostile[media[0].as_str()] == PNG);
    // The page is the generated one: one picture, the published PNG; the others are their alt text.
    let page = Html::parse_document(&String::from_utf8_lossy(&hostile["procedures/a/b.html"]));
    let sources: Vec<&str> =
        page.select(&Selector::parse("img").unwrap()).filter_map(|img| img.value().attr("src")).collect();
    assert_eq!(sources, [format!("../../{}", media[0])]);
    let figures: String = page.select(&Selector::parse("figure").unwrap()).flat_map(|f| f.text()).collect();
    for (_, alt) in HOSTILE {
        assert!(figures.contains(alt), "{alt} not shown in {figures}");
    }
    assert!(!hostile.contains_key(".git/config") && !hostile.contains_key("procedures/a/texto.png"));
}

/// An image in Markdown (`![alt](tela.png)`) is never copied: it is a `missing-image` finding
/// at its place, and the page shows its alt text, never a broken `<img>`.
#[test]
fn a_local_image_in_markdown_is_a_finding_and_shows_its_alt_text() {
    let (_dir, root) = base(GOOD);
    let path = root.join("procedures/a/b.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "text = \"Veja a tela.\"",
        "text = \"Veja a tela: ![Tela do Qualitor](tela.png) e ![logo](https://example.com/l.png).\"",
    );
    std::fs::write(&path, &text).unwrap();
    let findings = lint_json(&root);
    let markdown: Vec<_> = findings.iter().filter(|f| f["rule"] == "missing-image").collect();
    assert_eq!(markdown.len(), 1, "{findings:#?}");
    let (line, column) = line_col(&text, "![Tela do Qualitor](tela.png)");
    assert_eq!((markdown[0]["line"].as_u64().unwrap(), markdown[0]["column"].as_u64().unwrap()), (line, column));
    assert!(markdown[0]["message"].as_str().unwrap().contains("Markdown"), "{}", markdown[0]);
    let site = build(&root);
    let page = std::fs::read_to_string(site.join("procedures/a/b.html")).unwrap();
    assert!(!page.contains("src=\"tela.png\""), "a dangling <img>");
    assert!(page.contains("Tela do Qualitor"));
    assert!(page.contains("src=\"https://example.com/l.png\""), "a web image is left as it is");
}

/// The bytes a file starts with decide, not its name alone: a PNG named `.jpg` is published as
/// the PNG it is; GIF, JPEG and WebP are published too.
#[test]
fn every_image_kind_is_published_under_its_real_extension() {
    let gif: &[u8] = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    let jpeg: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00";
    let webp: &[u8] = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00";
    let images = "  { src = \"tela.png\", alt = \"a\" },\n  { src = \"g.gif\", alt = \"b\" },\n  \
                  { src = \"j.JPEG\", alt = \"c\" },\n  { src = \"w.webp\", alt = \"d\" },\n  { src = \"p.jpg\", alt = \"e\" },\n";
    let (_dir, root) = base(images);
    for (name, bytes) in [("g.gif", gif), ("j.JPEG", jpeg), ("w.webp", webp), ("p.jpg", PNG)] {
        std::fs::write(root.join("procedures/a").join(name), bytes).unwrap();
    }
    let findings = lint_json(&root);
    assert!(findings.iter().all(|f| f["rule"] != "unsafe-image" && f["rule"] != "missing-image"), "{findings:#?}");
    let site = files(&build(&root));
    let mut extensions: Vec<&str> =
        site.keys().filter_map(|p| p.strip_prefix("media/")).map(|n| n.rsplit('.').next().unwrap()).collect();
    extensions.sort();
    // `tela.png` and `p.jpg` hold the same bytes: one file.
    assert_eq!(extensions, ["gif", "jpg", "png", "webp"]);
}

/// The handbook shows its own images from `book/` (the guided mode's screenshots): checked as a
/// procedure's are, published under `media/` by hash; a refused or missing one stays its alt text.
#[test]
fn the_handbook_publishes_its_own_checked_images() {
    let (_dir, root) = base(GOOD);
    let chapter = "# Capítulo\n\n![Tela do guiado](img/tela.png)\n\n![Desenho](img/evil.svg)\n\n\
                   ![Segredo](../.git/config)\n\n![Sumida](img/nao-existe.png)\n";
    let sources: &[(&str, &[u8])] = &[
        ("book/capitulo.md", chapter.as_bytes()),
        ("book/img/tela.png", PNG),
        ("book/img/evil.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('svg')</script></svg>"),
    ];
    for (path, bytes) in sources {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let site = build(&root);
    let html = Html::parse_document(&std::fs::read_to_string(site.join("book/capitulo.html")).unwrap());
    let images: Vec<(String, String)> = html
        .select(&Selector::parse("main img").unwrap())
        .map(|i| (i.value().attr("src").unwrap().to_string(), i.value().attr("alt").unwrap().to_string()))
        .collect();
    assert_eq!(images.len(), 1, "{images:?}");
    let (src, alt) = &images[0];
    assert_eq!(alt, "Tela do guiado");
    let published = src.strip_prefix("../").expect("relative to the chapter");
    assert!(published.starts_with("media/") && published.ends_with(".png"), "{src}");
    assert_eq!(std::fs::read(site.join(published)).unwrap(), PNG);
    let text = html.root_element().text().collect::<String>();
    for alt in ["Desenho", "Segredo", "Sumida"] {
        assert!(text.contains(alt), "{alt} stays as text");
    }
    let all = files(&site);
    assert!(!all.values().any(|bytes| bytes.windows(7).any(|w| w == b"<script") && bytes.starts_with(b"<svg")));
    assert!(!all.values().any(|bytes| bytes.windows(13).any(|w| w == b"TOKEN-SECRETO")), "the secret is not published");
}
