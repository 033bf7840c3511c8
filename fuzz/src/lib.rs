//! What the fuzz targets share: loading bytes as a knowledge base the way `sopbook` does, running
//! the linter and every report, and the oracles that turn "the HTML let markup through" into a
//! crash libFuzzer can minimise.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sopbook::lint::report::{HumanOptions, human, json, sarif, summary};
use sopbook::load::KnowledgeBase;
use sopbook::model::Date;

/// The fixed "today" of every run, so `review-overdue` does not depend on the calendar.
pub fn today() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

/// A knowledge base of `files` (path relative to the root, bytes). Valid UTF-8 goes through
/// `from_memory`; anything else is written to a scratch folder and read by the real loader, which
/// is where non-UTF-8 files are handled.
pub fn knowledge_base(files: &[(&str, &[u8])]) -> KnowledgeBase {
    let texts: Option<Vec<(String, String)>> = files
        .iter()
        .map(|(path, bytes)| std::str::from_utf8(bytes).ok().map(|t| (path.to_string(), t.to_string())))
        .collect();
    match texts {
        Some(texts) => KnowledgeBase::from_memory(texts),
        None => {
            let root = write_scratch(files);
            KnowledgeBase::load(&root).expect("the scratch knowledge base has a procedures folder")
        }
    }
}

/// A scratch folder for this process, emptied and filled with `files` (plus `procedures/`).
pub fn write_scratch(files: &[(&str, &[u8])]) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("sopbook-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    });
    let root = dir.join("kb");
    if root.exists() {
        std::fs::remove_dir_all(&root).unwrap();
    }
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    for (path, bytes) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    root
}

/// The folder next to the scratch knowledge base where a site may be built.
pub fn scratch_out(root: &Path) -> PathBuf {
    root.parent().unwrap().join("site")
}

/// Lints `kb` and prints every report, checking what must always hold: each finding points
/// inside its file on character boundaries, and the JSON and SARIF reports are JSON.
pub fn lint_and_report(kb: &KnowledgeBase) -> sopbook::lint::Outcome {
    let outcome = sopbook::lint::run_on(kb, today());
    for finding in &outcome.findings {
        let text = &kb.files[finding.file].text;
        assert!(text.get(finding.span.clone()).is_some(), "span {:?} outside {:?}: {finding:?}", finding.span, text);
        for related in &finding.related {
            let text = &kb.files[related.file].text;
            assert!(text.get(related.span.clone()).is_some(), "related span outside: {finding:?}");
        }
    }
    let _ = human(kb, &outcome.findings, &HumanOptions { color: false });
    let _ = human(kb, &outcome.findings, &HumanOptions { color: true });
    let _ = summary(&outcome);
    let json = json(kb, &outcome.findings);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report is JSON");
    let sarif = sarif(kb, &outcome.findings);
    serde_json::from_str::<serde_json::Value>(&sarif).expect("the SARIF report is JSON");
    outcome
}

/// Tags Markdown may produce.
#[rustfmt::skip]
pub const MARKDOWN_TAGS: &[&str] = &[
    "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
    "thead", "tbody", "tr", "th", "td", "del", "input", "img", "hr", "br", "span",
];

/// Attributes Markdown and cross-references may produce.
pub const MARKDOWN_ATTRIBUTES: &[&str] =
    &["href", "src", "alt", "title", "class", "rel", "tabindex", "type", "checked", "disabled", "id", "start", "style"];

/// Checks that every tag of `html` is one of `tags` with attributes among `attributes`, that no
/// attribute is an event handler, and that every `href` and `src` is a safe target. Text is
/// escaped, so each `<` opens a real tag.
pub fn check_html(html: &str, tags: &[&str], attributes: &[&str]) {
    for tag in tags_of(html) {
        assert!(tags.contains(&tag.name.as_str()), "unexpected tag <{}> in {html:?}", tag.name);
        for (attribute, _) in &tag.attributes {
            assert!(attributes.contains(&attribute.as_str()), "unexpected `{attribute}` on <{}> in {html:?}", tag.name);
        }
        check_attributes(&tag, html);
        if let Some((_, style)) = tag.attributes.iter().find(|(a, _)| a == "style") {
            assert!(style.starts_with("text-align:"), "style {style:?} in {html:?}");
        }
    }
}

/// Checks a page of the site: no event handler, no unsafe `href`/`src`, no tag that loads or
/// runs something but the theme's own scripts, and the JSON in those scripts is JSON.
pub fn check_page(path: &str, html: &str) {
    const FORBIDDEN: &[&str] = &["iframe", "object", "embed", "base", "frame", "frameset", "form", "applet", "link"];
    for tag in tags_of(html) {
        assert!(!FORBIDDEN.contains(&tag.name.as_str()) || theme_link(&tag), "<{}> in {path}", tag.name);
        check_attributes(&tag, html);
        if tag.name == "script" && !tag.closing {
            let attributes: Vec<(&str, &str)> = tag.attributes.iter().map(|(a, v)| (a.as_str(), v.as_str())).collect();
            match attributes.as_slice() {
                [("src", src), ("defer", "")] => {
                    assert!(src.ends_with(".js") && src.contains("assets/"), "script {src:?} in {path}")
                }
                [("type", "application/json"), ("id", id)] => {
                    assert!(["sopbook-guided", "sopbook-strings"].contains(id), "script #{id} in {path}");
                    let body = &html[tag.end..];
                    let close = body.find("</script>").unwrap_or_else(|| panic!("unclosed script in {path}"));
                    serde_json::from_str::<serde_json::Value>(&body[..close])
                        .unwrap_or_else(|e| panic!("script #{id} in {path} is not JSON: {e}"));
                }
                other => panic!("unexpected script {other:?} in {path}"),
            }
        }
    }
}

/// `<link rel="stylesheet" href="…assets/…">` and the like of the theme.
fn theme_link(tag: &Tag) -> bool {
    tag.name == "link"
        && tag.attributes.iter().any(|(a, v)| a == "href" && (v.contains("assets/") || v.starts_with("data:image/svg")))
}

fn check_attributes(tag: &Tag, html: &str) {
    for (attribute, value) in &tag.attributes {
        assert!(!attribute.starts_with("on"), "event handler `{attribute}` on <{}> in {html:?}", tag.name);
        if ["href", "src", "xlink:href", "action", "formaction"].contains(&attribute.as_str()) {
            assert!(is_safe_url(value), "unsafe {attribute} {value:?} in {html:?}");
        }
    }
}

/// A tag: its name, attributes and the offset just past its `>`.
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub end: usize,
    /// `</name>`.
    pub closing: bool,
}

/// Every tag of `html`, comments and doctype skipped. The text between tags is escaped, so each
/// `<` opens a tag (inline scripts hold escaped JSON, without `<`).
pub fn tags_of(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|o| at + o + 1) {
        let rest = &html[open..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").unwrap_or_else(|| panic!("unclosed comment in {html:?}"));
            at = open + 3 + end + 3;
            continue;
        }
        let end = rest.find('>').unwrap_or_else(|| panic!("unclosed tag in {html:?}"));
        at = open + end + 1;
        if rest.starts_with('!') || rest.starts_with('?') {
            continue;
        }
        let tag = rest[..end].trim_start_matches('/').trim_end_matches('/').trim_end();
        let name_end = tag.find(|c: char| c.is_ascii_whitespace()).unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
            "odd tag name {name:?} in {html:?}"
        );
        let closing = rest.starts_with('/');
        out.push(Tag { name, attributes: attributes_of(&tag[name_end..], html), end: at, closing });
    }
    out
}

/// `name="value"` pairs (and bare names) of a tag; a quote inside a value would be a bug.
fn attributes_of(mut text: &str, html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return out;
        }
        let name_end = text.find(|c: char| c == '=' || c.is_ascii_whitespace()).unwrap_or(text.len());
        let name = text[..name_end].to_ascii_lowercase();
        text = &text[name_end..];
        let Some(after) = text.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let quote = after.chars().next().unwrap_or_else(|| panic!("attribute `{name}` without value in {html:?}"));
        assert!(quote == '"' || quote == '\'', "unquoted attribute `{name}` in {html:?}");
        let body = &after[1..];
        let close = body.find(quote).unwrap_or_else(|| panic!("unclosed attribute `{name}` in {html:?}"));
        out.push((name, unescape(&body[..close])));
        text = &body[close + 1..];
    }
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a browser would not run: relative paths, anchors, `http(s)` and `mailto`. Browsers drop
/// ASCII tabs and newlines inside URLs and leading control characters and spaces, so those are
/// removed before looking at the scheme.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) if lower.find(['/', '?', '#']).is_some_and(|s| s < colon) => true,
        // `https:x` is `https://x/` to a browser: harmless.
        Some(_) => ["http:", "https:", "mailto:"].iter().any(|p| lower.starts_with(p)),
    }
}

/// Splits fuzz input in two at the first `\n#---\n` line (or uses it all for both).
pub fn split_two(data: &[u8]) -> (&[u8], &[u8]) {
    const SEPARATOR: &[u8] = b"\n#---\n";
    match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
        None => (data, data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trips(html: &str) -> bool {
        std::panic::catch_unwind(|| check_html(html, MARKDOWN_TAGS, MARKDOWN_ATTRIBUTES)).is_err()
    }

    #[test]
    fn the_oracle_accepts_markdown_and_refuses_markup() {
        assert!(!trips(
            "<p>a &lt;script&gt; <a href=\"../x.html#s\" title=\"t\">b</a></p>\n<pre tabindex=\"0\"><code>x</code></pre>"
        ));
        assert!(!trips(
            "<ul><li><input disabled=\"\" type=\"checkbox\"/>\nx</li></ul><img src=\"a.png\" alt=\"&quot;\" />"
        ));
        assert!(trips("<p><script>alert(1)</script></p>"));
        assert!(trips("<img src=\"x\" onerror=\"alert(1)\" />"));
        assert!(trips("<a href=\"javascript:alert(1)\">x</a>"));
        assert!(trips("<a href=\" java\tscript:alert(1)\">x</a>"));
        assert!(trips("<a href=\"x\" title=\"a\" b\">x</a>"));
        assert!(trips("<iframe src=\"https://x\"></iframe>"));
    }

    #[test]
    fn the_page_oracle_accepts_the_theme_scripts_only() {
        let ok = "<!DOCTYPE html><html><head><script type=\"application/json\" id=\"sopbook-strings\">{\"a\":\"\\u003c/script\\u003e\"}</script><script src=\"../assets/search.js\" defer></script></head><body><!-- c --></body></html>";
        check_page("ok.html", ok);
        let page = |html: &'static str| std::panic::catch_unwind(|| check_page("x.html", html)).is_err();
        assert!(page("<script>alert(1)</script>"));
        assert!(page("<script type=\"application/json\" id=\"sopbook-guided\">{</script>"));
        assert!(page("<div onclick=\"x\"></div>"));
        assert!(page("<a href=\"data:text/html,x\">x</a>"));
    }
}
