//! Bytes as a manual to import: the first byte picks the format (text, Markdown, HTML, .docx),
//! the bytes up to the first NUL name the file, the rest is the manual. Whatever comes in, the
//! importer ends, and what it writes is TOML that loads as one procedure with no syntax error and
//! no key it did not mean to write (a file name or a line of text never becomes TOML).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopbook::import::{self, Format, Options};
use sopbook::load::{KnowledgeBase, ProblemKind};

/// The keys a procedure written by `import` may have at its top level.
const KEYS: &[&str] = &["title", "section", "summary", "owner", "updated", "tags", "start", "steps"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = [Format::Text, Format::Markdown, Format::Html, Format::Docx][usize::from(pick % 4)];
    let (name, manual) = match rest.iter().position(|&b| b == 0) {
        Some(nul) if nul <= 200 => (String::from_utf8_lossy(&rest[..nul]).into_owned(), &rest[nul + 1..]),
        _ => ("manual.txt".to_string(), rest),
    };
    let Ok(source) = import::from_bytes(&name, format, manual) else { return };
    let Ok(skeleton) = import::import(&source, &Options::default()) else { return };
    let toml = import::write::to_toml(&skeleton);
    let table: toml::Table = toml.parse().unwrap_or_else(|e| panic!("import wrote TOML that does not parse: {e}\n{toml}"));
    for key in table.keys() {
        assert!(KEYS.contains(&key.as_str()), "import wrote a key of its own: `{key}`\n{toml}");
    }
    let kb = KnowledgeBase::from_memory(vec![("procedures/p.toml".into(), toml.clone())]);
    assert_eq!(kb.procedures.len(), 1, "{toml}");
    assert!(kb.problems.iter().all(|p| p.kind != ProblemKind::TomlSyntax), "{toml}");
});
