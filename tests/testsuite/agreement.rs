//! The linter and the page read a text the same way (issue 12): on the same inputs, "the page
//! made a reference link" ⇔ "lint and `sopbook refs` saw a reference", and "the page made a
//! link" ⇔ "`unsafe-url` said nothing". Random texts from the pieces that used to make them
//! disagree (code, escapes, entities, brackets, links, line breaks), and a table of URLs.

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sopbook::lint::{Finding, RuleId, lint_files};
use sopbook::load::KnowledgeBase;
use sopbook::render::links::{LinkKind, LinkTable};
use sopbook::render::markdown::{self, Context};

/// The procedure every reference to `A > B` resolves to.
const TARGET: &str = "title = \"B\"\nsection = \"A\"\nowner = \"O\"\nupdated = 2099-01-01\n\
                      [steps.s]\nend = \"resolution\"\n";

/// A procedure whose one step has `text` (quoted by toml itself).
fn procedure(text: &str) -> String {
    format!(
        "title = \"P\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n[steps.um]\ntext = {}\nend = \"resolution\"\n",
        toml::Value::String(text.to_string())
    )
}

/// `text` rendered as on the page of procedure `current`, with every link rooted at `R/`.
fn render(kb: &KnowledgeBase, text: &str, current: Option<usize>) -> String {
    let links = LinkTable::build(kb);
    let step_word = |n: usize| format!("passo {n}");
    let cx = Context {
        links: &links,
        current,
        root: "R/",
        step_word: &step_word,
        external_note: "(externo)",
        manual_note: "manual",
        broken_note: "quebrada",
        book: false,
        images: None,
    };
    markdown::to_html(text, &cx)
}

fn of_rule(findings: &[Finding], rule: RuleId) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// Checks that lint, refs and the page agree on the references of `text`.
fn references_agree(text: &str) -> Result<(), TestCaseError> {
    let p = procedure(text);
    let files =
        vec![("procedures/a/b.toml".to_string(), TARGET.to_string()), ("procedures/p.toml".to_string(), p.clone())];
    let kb = KnowledgeBase::from_memory(files.clone());
    let current = kb.procedures.iter().position(|p| p.slug == "p").unwrap();
    let html = render(&kb, text, Some(current));
    let findings = lint_files(&[("procedures/a/b.toml", TARGET), ("procedures/p.toml", &p)]);
    prop_assert!(
        of_rule(&findings, RuleId::TomlSyntax).is_empty() && of_rule(&findings, RuleId::Schema).is_empty(),
        "{p}"
    );
    let broken = of_rule(&findings, RuleId::BrokenReference);
    for finding in &broken {
        let underlined = &p[finding.span.clone()];
        prop_assert!(underlined.starts_with("[[") && underlined.ends_with("]]"), "{underlined:?} in {p}");
    }
    let broken_on_page = html.matches("class=\"broken-ref\"").count();
    let linked_on_page = html.matches("<a href=\"R/procedures/a/b.html\">").count();
    prop_assert_eq!(broken.len(), broken_on_page, "lint vs page: {:?} → {}", text, html);
    let listed = sopbook::refs::occurrences(&kb).into_iter().filter(|o| o.file == kb.procedures[current].file).count();
    // `refs` lists the references that name a breadcrumb; `[[|x]]` names nothing (a finding).
    let naming_nothing = broken.iter().filter(|f| f.message.ends_with("não aponta para nada")).count();
    prop_assert_eq!(listed + naming_nothing, broken_on_page + linked_on_page, "refs vs page: {:?} → {}", text, html);
    Ok(())
}

/// Pieces of Markdown that used to make lint and page disagree.
fn markdown_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("[[A > B]]"),
        Just("[[Nada > X]]"),
        Just("[["),
        Just("]]"),
        Just("["),
        Just("]"),
        Just("`"),
        Just("```\n"),
        Just("\n"),
        Just("\n\n"),
        Just("\\"),
        Just("*"),
        Just("&#91;"),
        Just("&#93;"),
        Just("<b>"),
        Just(" "),
        Just("x"),
        Just("|"),
        Just(">"),
        Just("(https://e.example)"),
        Just("!"),
        Just("    "),
        Just("- "),
        Just("[x]: https://e.example\n"),
    ];
    proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lint_refs_and_page_agree_on_references(text in markdown_text()) {
        references_agree(&text)?;
    }
}

#[test]
fn lint_refs_and_page_agree_on_references_in_a_table_of_texts() {
    for text in [
        "`[[Nada > Existe]]` e [[A > B]]",
        "```\n[[Outro > Nada]]\n```\n",
        "\\[[Não > Ref]] e [[A > B]]",
        "C:\\\\[[Nada > X]]",
        "[[A > B\\]] ]]",
        "&#91;[Nada > X]]",
        "[veja [[Nada > X]]](https://e.example)",
        "![tela [[Nada > X]]](a.png)",
        "[[Nada >\nX]] [[A > *B*]]",
        "<b>[[Nada > X]]</b>",
        "| a | b |\n|---|---|\n| [[A > B]] | [[Nada > X\\|y]] |\n",
        "    [[Nada > X]]\n",
        "> [[Nada > X]]",
        "[[[A > B]]]",
        "[[A > B]](https://e.example)",
        "[[Nada > X]]: https://e.example\n\n[[Nada > X]]",
    ] {
        references_agree(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

/// URLs written every way a browser might read as a scheme.
const URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjava\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u{1}script:alert(1)",
    "&#106;avascript:alert(1)",
    "java&#x09;script:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/png;base64,AA",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "c:\\windows",
    "view-source:https://e.example",
    "https://e.example/a b",
    "HTTPS://E.EXAMPLE",
    "http:e.example",
    "mailto:a@b.c",
    "//e.example/x",
    "outra.html",
    "a/b:c",
    "#passo",
    "?q=javascript:x",
    "",
    "%6Aavascript:alert(1)",
    // Found by the `url` fuzzer: links inside an image's alt text, written as text.
    "\"a![p <javascript:alert(1)> <s@r.pt>\0**](<img.png>)",
    // And a reference inside what is not a link after all.
    "zuua[[S > P]]]]xfa[[]]]]#]]]\\<U\t\0M]]]i",
];

/// Checks that `unsafe-url` and the page agree on `url`, as a manual's URL and as the target of
/// a Markdown link and image.
fn urls_agree(url: &str) -> Result<(), TestCaseError> {
    let manuals = format!("[[manual]]\npath = \"Q > M\"\nurl = {}\n", toml::Value::String(url.to_string()));
    for text in [format!("[x]({url})"), format!("[x](<{url}>)"), format!("![x]({url})"), format!("<{url}>")] {
        // No breadcrumb and no current procedure: a `[[…]]` in the URL is never a link.
        let p = procedure(&text).replace("title = \"P\"\nsection = \"S\"\n", "");
        let files = [("manuals.toml", manuals.as_str()), ("procedures/p.toml", p.as_str())];
        let findings = lint_files(&files);
        // (Without a title and section it has `schema` findings, but every step is read.)
        prop_assert!(of_rule(&findings, RuleId::TomlSyntax).is_empty());
        let kb = KnowledgeBase::from_memory(files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect());
        let procedure_file = kb.procedures[0].file;
        let unsafe_url = of_rule(&findings, RuleId::UnsafeUrl);
        // Every link or image the page does not show is a finding in the text: an unsafe target
        // (`unsafe-url`), a path to a file (`broken-link`) or a local image (`missing-image`).
        let in_text = [RuleId::UnsafeUrl, RuleId::BrokenLink, RuleId::MissingImage]
            .into_iter()
            .flat_map(|rule| of_rule(&findings, rule))
            .filter(|f| f.file == procedure_file)
            .count();
        let html = render(&kb, &text, Some(0));
        // What pulldown-cmark makes of the text, before sopbook looks at it.
        let parsed_links = links_and_images(&text);
        let on_page = html.matches("<a href=").count() + html.matches("<img src=").count();
        for written in attribute_urls(&html) {
            prop_assert!(browser_safe(&written), "{:?} wrote {:?}", text, written);
        }
        if let Some(parsed) = parsed_links {
            prop_assert_eq!(on_page + in_text, parsed, "{:?}: page {} / lint {:?}", text, html, unsafe_url);
        }
        // The manual: a link on the page ⇔ no finding in manuals.toml.
        let manual_findings = unsafe_url.iter().filter(|f| f.file != procedure_file).count();
        let reference = sopbook::model::Reference::parse_inner("Q > M", 0..5);
        let link = LinkTable::build(&kb).resolve(&reference, None, &|n| n.to_string());
        prop_assert_eq!(link.kind == LinkKind::External, manual_findings == 0, "manual {:?}: {:?}", url, link);
    }
    Ok(())
}

/// How many links and images pulldown-cmark reads in `text`, before sopbook looks at them;
/// `None` when one is inside an image's alt text (written as text whatever its target).
fn links_and_images(text: &str) -> Option<usize> {
    let (mut count, mut in_image) = (0, 0);
    for event in Parser::new_ext(text, sopbook::model::markdown::options()) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) if in_image > 0 => return None,
            Event::Start(Tag::Image { .. }) => (count, in_image) = (count + 1, in_image + 1),
            Event::Start(Tag::Link { .. }) => count += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            _ => {}
        }
    }
    Some(count)
}

/// Every `href` and `src` value of `html`, with `&amp;` decoded.
fn attribute_urls(html: &str) -> Vec<String> {
    let pattern = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    pattern.captures_iter(html).map(|c| c[1].replace("&amp;", "&")).collect()
}

/// An independent reading of a written URL (the fuzzers' oracle): after what browsers strip, a
/// `:` before any `/`, `?` or `#` must belong to `http:`, `https:` or `mailto:`.
fn browser_safe(url: &str) -> bool {
    let squeezed: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = squeezed.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) if lower.find(['/', '?', '#']).is_some_and(|s| s < colon) => true,
        Some(_) => ["http:", "https:", "mailto:"].iter().any(|p| lower.starts_with(p)),
    }
}

#[test]
fn unsafe_url_and_page_agree_on_a_table_of_urls() {
    for url in URLS {
        urls_agree(url).unwrap_or_else(|e| panic!("{url:?}: {e}"));
    }
}

fn url() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("javascript"),
        Just("JaVa"),
        Just("script"),
        Just("data"),
        Just("vbscript"),
        Just("file"),
        Just("http"),
        Just("https"),
        Just("mailto"),
        Just(":"),
        Just("//"),
        Just("/"),
        Just("#"),
        Just("?"),
        Just(" "),
        Just("\t"),
        Just("\n"),
        Just("\u{0}"),
        Just("\u{1f}"),
        Just("&#106;"),
        Just("&#x09;"),
        Just("&colon;"),
        Just("a"),
        Just("."),
        Just("+"),
        Just("-"),
        Just("%6A"),
        Just("@"),
        Just("("),
        Just(")"),
        Just("<"),
        Just(">"),
        Just("\\"),
    ];
    proptest::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn unsafe_url_and_page_agree_on_random_urls(url in url()) {
        urls_agree(&url)?;
    }
}
