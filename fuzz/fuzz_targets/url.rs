//! Bytes as a URL, written every way sopbook reads one: a manual's `url`, `[site] base_url`, and
//! the target of a Markdown link, image and autolink. `unsafe-url` and the page must agree (a link
//! on the page exactly when there is no finding), and every `href` and `src` written must be safe
//! to the fuzzers' own oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sopbook::lint::RuleId;
use sopbook::load::KnowledgeBase;
use sopbook::render::links::{LinkKind, LinkTable};
use sopbook::render::markdown::{Context, to_html};

/// A procedure without a breadcrumb: a `[[…]]` in the URL never becomes a link to it.
fn procedure(text: &str) -> String {
    format!("[steps.um]\ntext = {}\nend = \"resolution\"\n", toml::Value::String(text.to_string()))
}

fn unsafe_url_findings(kb: &KnowledgeBase, file: &str) -> usize {
    let outcome = sopbook::lint::run_on(kb, sopbook_fuzz::today());
    outcome.findings.iter().filter(|f| f.rule == RuleId::UnsafeUrl && kb.files[f.file].path == file).count()
}

/// How many links and images pulldown-cmark reads in `text`; `None` when one is inside an
/// image's alt text (written as text whatever its target).
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

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else { return };
    let quoted = toml::Value::String(url.to_string());
    let manuals = format!("[[manual]]\npath = \"Q > M\"\nurl = {quoted}\n");
    let config = format!("[site]\nbase_url = {quoted}\n");
    let step_word = |n: usize| format!("passo {n}");
    for text in [format!("[x]({url})"), format!("[x](<{url}>)"), format!("![x]({url})"), format!("<{url}>")] {
        let kb = KnowledgeBase::from_memory(vec![
            ("sopbook.toml".into(), config.clone()),
            ("manuals.toml".into(), manuals.clone()),
            ("procedures/p.toml".into(), procedure(&text)),
        ]);
        let links = LinkTable::build(&kb);
        let cx = Context {
            links: &links,
            current: None,
            root: "../",
            step_word: &step_word,
            external_note: "",
            manual_note: "",
            broken_note: "",
            book: false,
            images: None,
        };
        let html = to_html(&text, &cx);
        sopbook_fuzz::check_html(&html, sopbook_fuzz::MARKDOWN_TAGS, sopbook_fuzz::MARKDOWN_ATTRIBUTES);
        let parsed = links_and_images(&text);
        let written = html.matches("<a href=").count() + html.matches("<img src=").count();
        let refused = unsafe_url_findings(&kb, "procedures/p.toml");
        if let Some(parsed) = parsed {
            assert_eq!(written + refused, parsed, "{text:?}: {html}");
        }
        // The manual: a link exactly when unsafe-url says nothing about it.
        let reference = sopbook::model::Reference::parse_inner("Q > M", 0..5);
        let link = links.resolve(&reference, None, &step_word);
        assert_eq!(link.kind == LinkKind::External, unsafe_url_findings(&kb, "manuals.toml") == 0, "{url:?}");
        if let Some(href) = link.url.as_deref().filter(|_| link.kind == LinkKind::External) {
            assert!(sopbook_fuzz::is_safe_url(href), "manual {url:?} written as {href:?}");
        }
        // An unsafe base_url is a finding and is not used.
        let base_url = &kb.config.site.base_url;
        assert!(sopbook_fuzz::is_safe_url(base_url), "base_url {base_url:?}");
        let kept = *base_url == sopbook::safe_url::clean(url);
        assert_eq!(kept, unsafe_url_findings(&kb, "sopbook.toml") == 0, "base_url {url:?}");
    }
});
