//! Bytes as `sopbook.toml` and `manuals.toml` (split at a `#---` line, or the same bytes for
//! both), with a procedure citing manuals, through load, lint, the reports and the links the
//! manuals become.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopbook::render::links::{LinkKind, LinkTable};
use sopbook::render::markdown::{Context, to_html, to_paper};

const PROCEDURE: &str = r#"title = "P"
section = "Manuais"
owner = "O"
updated = 2026-01-01
[steps.a]
text = "Veja [[Manuais > A]], [[Manuais > B|o B]] e [[Manuais > Hostil]]."
next = "fim"
[steps.fim]
end = "escalation"
to = "N2"
via = "Manuais > A"
"#;

fuzz_target!(|data: &[u8]| {
    let (config, manuals) = sopbook_fuzz::split_two(data);
    let kb = sopbook_fuzz::knowledge_base(&[
        ("sopbook.toml", config),
        ("manuals.toml", manuals),
        ("procedures/p.toml", PROCEDURE.as_bytes()),
    ]);
    sopbook_fuzz::lint_and_report(&kb);
    // An unsafe base_url is never used (it is an `unsafe-url` finding instead).
    let base_url = &kb.config.site.base_url;
    assert!(sopbook_fuzz::is_safe_url(base_url), "base_url {base_url:?}");
    let links = LinkTable::build(&kb);
    let step_word = |n: usize| format!("passo {n}");
    let cx = Context {
        links: &links,
        current: Some(0),
        root: "../",
        step_word: &step_word,
        external_note: "(abre no Qualitor)",
        manual_note: "manual do Qualitor",
        broken_note: "referência quebrada",
        book: false,
        images: None,
    };
    for manual in &kb.manuals {
        let text = format!("Veja [[{}]].", manual.path.get_ref());
        let html = to_html(&text, &cx);
        sopbook_fuzz::check_html(&html, sopbook_fuzz::MARKDOWN_TAGS, sopbook_fuzz::MARKDOWN_ATTRIBUTES);
        let _ = to_paper(&text, &cx);
        if let Some(reference) = sopbook::model::references(&text).into_iter().next() {
            let link = links.resolve(&reference, Some(0), &step_word);
            if link.kind == LinkKind::External {
                let url = link.url.as_deref().unwrap();
                assert!(sopbook_fuzz::is_safe_url(url) && url.contains(':'), "{text:?} links to {url:?}");
            }
        }
    }
});
