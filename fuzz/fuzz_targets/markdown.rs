//! Text through Markdown and cross-reference rendering (HTML, plain text, paper), against a small
//! link table with procedures, steps, manuals with and without a URL and a `javascript:` manual.
//! The HTML may hold only Markdown's own tags, no event handler and no unsafe link.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sopbook::load::KnowledgeBase;
use sopbook::render::links::LinkTable;
use sopbook::render::markdown::{Context, to_html, to_html_with_headings, to_paper, to_plain};
use sopbook_fuzz::{MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, check_html};

const A: &str = r#"title = "Instalar"
section = "Suporte > Rede"
[steps.inicio]
text = "a"
next = "fim"
[steps.fim]
end = "resolution"
"#;

const B: &str = r#"title = "Outro <b>"
section = "Suporte"
[steps.x]
end = "resolution"
"#;

const MANUALS: &str = r#"[[manual]]
path = "Manuais > Com URL"
url = "https://qualitor.example/manual?id=1&x=\"2\""
[[manual]]
path = "Manuais > Sem URL"
[[manual]]
path = "Manuais > Hostil"
url = "javascript:alert(1)"
"#;

fn links() -> &'static LinkTable {
    static LINKS: OnceLock<LinkTable> = OnceLock::new();
    LINKS.get_or_init(|| {
        let kb = KnowledgeBase::from_memory(vec![
            ("manuals.toml".into(), MANUALS.into()),
            ("procedures/a.toml".into(), A.into()),
            ("procedures/b.toml".into(), B.into()),
        ]);
        LinkTable::build(&kb)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let step_word = |n: usize| format!("passo {n}");
    // A published handbook image: its URL is the site's, never what the text wrote.
    let images: std::collections::HashMap<String, String> =
        [("img/a.png".to_string(), "media/0a.png".to_string())].into_iter().collect();
    for book in [false, true] {
        let cx = Context {
            links: links(),
            current: Some(0),
            root: "../../",
            step_word: &step_word,
            external_note: "(abre no Qualitor)",
            manual_note: "manual do Qualitor",
            broken_note: "referência quebrada",
            book,
            images: book.then_some(&images),
        };
        let html = to_html(&text, &cx);
        check_html(&html, MARKDOWN_TAGS, MARKDOWN_ATTRIBUTES);
        if book {
            let (html, _headings) = to_html_with_headings(&text, &cx);
            check_html(&html, MARKDOWN_TAGS, MARKDOWN_ATTRIBUTES);
        } else {
            let _ = to_paper(&text, &cx);
        }
    }
    let _ = to_plain(&text);
});
