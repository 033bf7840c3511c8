//! `unsafe-url` (issue 12): a manual URL, `[site] base_url` or Markdown link target that a
//! browser would run or open as something other than a web page (`javascript:`, `data:`,
//! `vbscript:`, `file:`…, however it is spelt) is a finding at its place, and a build with
//! `--allow-errors` writes none of them anywhere.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::sopbook;

const MANUALS: &str = "\
[[manual]]
path = \"Q > Script\"
url = \"javascript:alert(1)\"
[[manual]]
path = \"Q > Dados\"
url = \"data:text/html,<script>alert(2)</script>\"
[[manual]]
path = \"Q > Tab\"
url = \"\\tjava\\tscript:alert(3)\"
[[manual]]
path = \"Q > Mista\"
url = \" JaVaScRiPt:alert(4)\"
[[manual]]
path = \"Q > VB\"
url = \"vbscript:msgbox(5)\"
[[manual]]
path = \"Q > Relativa\"
url = \"kb/123\"
[[manual]]
path = \"Q > Web\"
url = \"https://q.example/kb/1\"
[[manual]]
path = \"Q > Mail\"
url = \"mailto:suporte@example.com\"
";

const CONFIG: &str = "[site]\nbase_url = \"javascript:alert(6)//\"\n";

/// Every Markdown field, with the link targets a browser would run written every way it reads
/// them: an entity, mixed case, a leading space, a tab or a newline inside the scheme, a
/// reference-style link, an autolink, an image.
const PROCEDURE: &str = r#"title = "P"
section = "S"
owner = "O"
updated = 2099-01-01
summary = "Veja [a](&#106;avascript:alert(7)) e [[Q > Script]] e [[Q > Web]] e [[Q > Mail]]."
[steps.um]
title = "Passo [b](JaVaScRiPt:alert(8))"
text = "Texto [c]( javascript:alert(9)) [d](<java\tscript:alert(10)>) <javascript:alert(11)> [e][ref]\n\n[ref]: vbscript:alert(12)"
note = "Nota ![f](data:text/html;base64,PHNjcmlwdD4=) [g](file:///etc/passwd) [h](java&#x09;script:alert(13))"
warning = "Aviso [i](java&#10;script:alert(14)) [ok](https://x.example) [ok2](mailto:a@b.c) [ok3](#um) [ok4](outra.html) `[no](javascript:code)`"
see = ["Q > Script", "Q > Dados", "Q > Tab", "Q > Mista", "Q > VB", "Q > Relativa", "Q > Web", "Q > Mail"]
end = "resolution"
"#;

fn base() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    std::fs::create_dir_all(root.join("procedures/s")).unwrap();
    std::fs::write(root.join("manuals.toml"), MANUALS).unwrap();
    std::fs::write(root.join("sopbook.toml"), CONFIG).unwrap();
    std::fs::write(root.join("procedures/s/p.toml"), PROCEDURE).unwrap();
    (dir, root)
}

/// `file:line:column` of the first occurrence of `needle` in `text` (columns in characters).
fn place(file: &str, text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {file}"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    format!("{file}:{line}:{}", text[line_start..at].chars().count() + 1)
}

#[test]
fn every_unsafe_url_is_a_finding_at_its_place() {
    let (_dir, root) = base();
    let output = sopbook().args(["lint", "--format", "json"]).arg(&root).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unsafe-url")
        .inspect(|f| assert_eq!(f["severity"], "error"))
        .map(|f| format!("{}:{}:{}", f["file"].as_str().unwrap(), f["line"], f["column"]))
        .collect();
    let manuals = "manuals.toml";
    let procedure = "procedures/s/p.toml";
    let mut expected = vec![
        place("sopbook.toml", CONFIG, "\"javascript:alert(6)//\""),
        place(manuals, MANUALS, "\"javascript:alert(1)\""),
        place(manuals, MANUALS, "\"data:text"),
        place(manuals, MANUALS, "\"\\tjava"),
        place(manuals, MANUALS, "\" JaVaScRiPt"),
        place(manuals, MANUALS, "\"vbscript"),
        place(manuals, MANUALS, "\"kb/123\""),
    ];
    for link in ["[a](", "[b](", "[c](", "[d](", "<javascript:alert(11)>", "[e][ref]", "![f](", "[g](", "[h](", "[i]("]
    {
        expected.push(place(procedure, PROCEDURE, link));
    }
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    // The human report names the scheme it refused.
    let human = sopbook().arg("lint").arg(&root).output().unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("erro[unsafe-url]"), "{human}");
    assert!(human.contains("`vbscript:`"), "{human}");
}

/// Attributes that take a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "data"];

/// A URL as a browser reads its scheme: ASCII white space and control characters dropped.
fn runs(value: &str) -> bool {
    let squeezed: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:", "file:"].iter().any(|s| lower.starts_with(s))
}

fn files(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn a_build_with_allow_errors_writes_no_unsafe_url() {
    let (dir, root) = base();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--allow-errors").arg("-q").assert().code(0);
    // Every file, as text: no attribute that takes a URL starts with a scheme that runs.
    let attribute = regex::Regex::new(
        r#"(?i)\b(?:href|src|action|formaction|poster|srcset|data|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#,
    )
    .unwrap();
    let mut html_pages = 0;
    for path in files(&out) {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for found in attribute.captures_iter(&text) {
            let value = found[1].trim_matches(['"', '\'']);
            assert!(!runs(value) && !value.trim_start().starts_with('&'), "{}: {}", path.display(), &found[0]);
        }
        assert!(!text.contains("alert(6)"), "the unsafe base_url reached {}", path.display());
        if path.extension().is_some_and(|e| e == "html") {
            html_pages += 1;
            let html = Html::parse_document(&text);
            for element in html.select(&Selector::parse("*").unwrap()) {
                for (name, value) in element.value().attrs() {
                    if URL_ATTRIBUTES.contains(&name) {
                        assert!(!runs(value), "{name}={value:?} in {}", path.display());
                    }
                }
            }
        }
    }
    assert!(html_pages > 5, "{html_pages} pages");
    // An unsafe manual is its title as text, on the page and its checklist; the web and
    // mail ones stay links.
    for page in ["procedures/s/p.html", "checklists/s.html"] {
        let html = Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let hrefs: Vec<&str> =
            html.select(&Selector::parse("a[href]").unwrap()).filter_map(|a| a.value().attr("href")).collect();
        assert!(hrefs.contains(&"https://q.example/kb/1"), "{page}: {hrefs:?}");
        assert!(hrefs.contains(&"mailto:suporte@example.com"), "{page}: {hrefs:?}");
        assert!(hrefs.contains(&"https://x.example"), "{page}: {hrefs:?}");
        let texts: Vec<String> =
            html.select(&Selector::parse(".manual-ref").unwrap()).map(|s| s.text().collect::<String>()).collect();
        assert!(texts.iter().any(|t| t == "Q > Script"), "{page}: {texts:?}");
    }
    let procedure = std::fs::read_to_string(out.join("procedures/s/p.html")).unwrap();
    for name in ["Q &gt; Dados", "Q &gt; Tab", "Q &gt; Mista", "Q &gt; VB", "Q &gt; Relativa"] {
        assert!(
            procedure.contains(&format!(
                "<span class=\"manual-ref\" title=\"manual do Qualitor, sem endereço cadastrado\">{name}</span>"
            )),
            "{name}"
        );
    }
}
