//! Bytes as a procedure, through the whole site build into a scratch folder (with a manual, a
//! second procedure citing it and a handbook chapter). Every page may hold only the theme's own
//! scripts, no event handler and no unsafe link; the JSON in pages is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopbook::load::KnowledgeBase;

const CONFIG: &str = "[site]\ntitle = \"Base\"\n";

const MANUALS: &str = r#"[[manual]]
path = "Manuais > Com URL"
url = "https://qualitor.example/m?id=1"
[[manual]]
path = "Manuais > Hostil"
url = "javascript:alert(1)"
"#;

const OTHER: &str = r#"title = "Outro"
section = "Suporte"
owner = "O"
updated = 2026-01-01
[steps.a]
text = "Veja [[Suporte > P]] e [[Suporte > P#inicio|o início]]; [[Manuais > Com URL]]."
next = "fim"
[steps.fim]
end = "resolution"
"#;

const CHAPTER: &str = "# Capítulo\n\nVeja [[Suporte > Outro]] e [o formato](formato.md).\n";

fuzz_target!(|data: &[u8]| {
    let root = sopbook_fuzz::write_scratch(&[
        ("sopbook.toml", CONFIG.as_bytes()),
        ("manuals.toml", MANUALS.as_bytes()),
        ("procedures/suporte/outro.toml", OTHER.as_bytes()),
        ("procedures/p.toml", data),
        ("book/capitulo.md", CHAPTER.as_bytes()),
    ]);
    let kb = KnowledgeBase::load(&root).expect("the scratch knowledge base loads");
    let outcome = sopbook_fuzz::lint_and_report(&kb);
    let out = sopbook_fuzz::scratch_out(&root);
    let options = sopbook::render::Options { out: out.clone(), today: sopbook_fuzz::today(), progress: false, history: None };
    if let Err(error) = sopbook::render::build(&kb, &outcome, &options) {
        panic!("the build failed: {error}");
    }
    check_tree(&out, &out);
    // Every file of the search index is one assignment of JSON, in plain ASCII.
    for entry in std::fs::read_dir(out.join("search")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.is_ascii() && !text.contains(['<', '>', '&']), "the search index is escaped");
        let json = text.split_once("]=").or_else(|| text.split_once("SEARCH=")).map(|(_, j)| j);
        let json = json.and_then(|j| j.trim_end().strip_suffix(';')).expect("the search index is one assignment");
        serde_json::from_str::<serde_json::Value>(json).expect("the search index is JSON");
    }
});

fn check_tree(dir: &std::path::Path, out: &std::path::Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            check_tree(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            sopbook_fuzz::check_page(&path.strip_prefix(out).unwrap().display().to_string(), &html);
        }
    }
}
