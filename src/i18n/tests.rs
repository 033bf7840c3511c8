//! The catalogue is complete and kept complete: every key in both languages, with the same
//! values, and every `t!` of the source names a key that exists.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Each message id (and `id.attribute`) of one language's files, with the variables it uses.
fn keys(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    let mut keys = BTreeMap::new();
    for (area, pt_br, en) in FILES {
        let text = if language == Language::En { en } else { pt_br };
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{area}.ftl ({}): {errors:?}", language.code()));
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else { continue };
            let id = message.id.name.to_string();
            if let Some(value) = &message.value {
                let fresh = keys.insert(id.clone(), variables(value)).is_none();
                assert!(fresh, "`{id}` twice in {} ({area}.ftl)", language.code());
            }
            for attribute in &message.attributes {
                keys.insert(format!("{id}.{}", attribute.id.name), variables(&attribute.value));
            }
        }
    }
    keys
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    let inline = match expression {
        ast::Expression::Inline(inline) => inline,
        ast::Expression::Select { selector, variants } => {
            for variant in variants {
                found.extend(variables(&variant.value));
            }
            selector
        }
    };
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_keys_and_values() {
    let pt_br = keys(Language::PtBr);
    let en = keys(Language::En);
    let only_pt: Vec<_> = pt_br.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !pt_br.contains_key(*k)).collect();
    assert!(only_pt.is_empty(), "only in pt-BR: {only_pt:?}");
    assert!(only_en.is_empty(), "only in en: {only_en:?}");
    for (key, wanted) in &pt_br {
        assert_eq!(&en[key], wanted, "`{key}` uses other values in en than in pt-BR");
    }
}

#[test]
fn every_message_formats_without_errors_in_both_languages() {
    for language in [Language::PtBr, Language::En] {
        for (key, variables) in keys(language) {
            let args: Vec<(&str, Arg)> = variables.iter().map(|v| (v.as_str(), Arg::from(2))).collect();
            let text = message_in(language, &key, &args);
            assert_ne!(text, key, "`{key}` does not format in {}", language.code());
            assert!(!text.contains("{$"), "`{key}` in {}: a value left unfilled: {text}", language.code());
        }
    }
}

/// Every `t!("id"…)` of the source.
fn ids_used_in_source() -> BTreeSet<(String, String)> {
    let mut used = BTreeSet::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        // The catalogue's own docs and tests show made-up ids.
        let own = entry.path().starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n"));
        if own || entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (at, _) in text.match_indices("t!(\"") {
            // `format!(`, `print!(` end in `t!(` too: only the bare macro counts.
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + 4..];
            let id = &rest[..rest.find('"').unwrap()];
            let file = entry.path().strip_prefix(root).unwrap().display().to_string();
            used.insert((id.to_string(), file));
        }
    }
    used
}

#[test]
fn every_id_in_the_source_is_in_the_catalogue() {
    let known = keys(Language::PtBr);
    let missing: Vec<_> = ids_used_in_source().into_iter().filter(|(id, _)| !known.contains_key(id)).collect();
    assert!(missing.is_empty(), "t!() of ids not in the catalogue: {missing:?}");
}

#[test]
fn plurals_follow_the_language() {
    assert_eq!(message_in(Language::PtBr, "count-errors", &[("count", Arg::from(1))]), "1 erro");
    assert_eq!(message_in(Language::PtBr, "count-errors", &[("count", Arg::from(2))]), "2 erros");
    assert_eq!(message_in(Language::PtBr, "count-errors", &[("count", Arg::from(0))]), "nenhum erro");
    assert_eq!(message_in(Language::En, "count-errors", &[("count", Arg::from(1))]), "1 error");
    assert_eq!(message_in(Language::En, "count-errors", &[("count", Arg::from(3))]), "3 errors");
    assert_eq!(message_in(Language::En, "count-errors", &[("count", Arg::from(0))]), "no errors");
}

#[test]
fn tags_and_locales_name_the_language() {
    for tag in ["pt-BR", "pt", "pt_BR.UTF-8", "PT_br"] {
        assert_eq!(parse_tag(tag), Some(Language::PtBr), "{tag}");
    }
    for tag in ["en", "en_US.UTF-8", "en-GB", "EN"] {
        assert_eq!(parse_tag(tag), Some(Language::En), "{tag}");
    }
    for tag in ["C", "POSIX", "es_ES.UTF-8", ""] {
        assert_eq!(parse_tag(tag), None, "{tag}");
    }
}

#[test]
fn the_flag_wins_then_the_base_then_the_default() {
    assert_eq!(choose(Some(Language::En), Some(Language::PtBr)), Language::En);
    assert_eq!(choose(None, Some(Language::En)), Language::En);
    assert_eq!(choose(Some(Language::PtBr), Some(Language::En)), Language::PtBr);
}

#[test]
fn the_base_language_is_read_from_sopbook_toml() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(language_of_base(dir.path()), None);
    std::fs::write(dir.path().join("sopbook.toml"), "[site]\nlanguage = \"en\"\n").unwrap();
    assert_eq!(language_of_base(dir.path()), Some(Language::En));
    std::fs::write(dir.path().join("sopbook.toml"), "[site]\ntitle = \"x\"\n").unwrap();
    assert_eq!(language_of_base(dir.path()), None);
    std::fs::write(dir.path().join("sopbook.toml"), "[site\n").unwrap();
    assert_eq!(language_of_base(dir.path()), None);
    // A FIFO is not opened (it would block until a writer came).
    #[cfg(unix)]
    {
        std::fs::remove_file(dir.path().join("sopbook.toml")).unwrap();
        let fifo =
            std::ffi::CString::new(dir.path().join("sopbook.toml").into_os_string().into_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        assert_eq!(language_of_base(dir.path()), None);
    }
}

/// The calls that take a sentence for a person, with a string literal straight inside.
const BUILDERS: &str = r#"(\.label\(|\.help\(|\.note\(|\.related\(|anyhow!\(|bail!\(|\.context\(|\.with_context\(\|\|\s*|Problem::new\(|\.finding\(|Finding::new\(|\bprint\(&|to_stderr\(&|eprintln!\(|println!\(|eprint!\()\s*(?:(?:[^()"]|\([^()"]*\))*,\s*)*(?:format!\(\s*)?"((?:[^"\\]|\\.)*)""#;

/// Source files outside the catalogue: no sentence is written straight into a report builder.
#[test]
fn no_sentence_is_written_outside_the_catalogue() {
    let builders = regex::Regex::new(BUILDERS).unwrap();
    let placeholders = regex::Regex::new(r"\{[^{}]*\}").unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap().display().to_string();
        // Tests, benchmark corpora and the catalogue itself are not what users read.
        let skipped = ["i18n/", "synth"].iter().any(|p| relative.starts_with(p)) || relative.ends_with("tests.rs");
        if skipped || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let tests_start = ["#[cfg(test)]", "#[test]"].iter().filter_map(|m| text.find(m)).min();
        let code = &text[..tests_start.unwrap_or(text.len())];
        for captures in builders.captures_iter(code) {
            let start = captures.get(0).unwrap().start();
            let line_start = code[..start].rfind('\n').map_or(0, |i| i + 1);
            if code[line_start..start].trim_start().starts_with("//") {
                continue; // a doc example
            }
            let literal = placeholders.replace_all(&captures[2], "").replace("\\n", "");
            // Units read the same in both languages.
            let words = literal.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
            if words.filter(|w| !["ms", "s", "MB", "KiB", "MiB"].contains(w)).count() > 0 {
                let line = code[..captures.get(0).unwrap().start()].lines().count() + 1;
                found.push(format!("{relative}:{line}: {}", &captures[0]));
            }
        }
    }
    assert!(found.is_empty(), "sentences outside the catalogue (use t!):\n{}", found.join("\n"));
}

#[test]
fn the_guard_catches_a_sentence_in_a_builder() {
    let builders = regex::Regex::new(BUILDERS).unwrap();
    for caught in [
        r#".help("add a step")"#,
        r#".label(format!("step `{id}` here"))"#,
        r#"anyhow::anyhow!("cannot read {path}")"#,
        r#"cx.finding(&META, span, format!("step `{id}` leads nowhere"))"#,
        r#".with_context(|| format!("cannot write `{}`", p))"#,
        r#"print(&format!("{n} procedures written\n"))"#,
        r#"eprintln!("warning: {x}")"#,
    ] {
        assert!(builders.is_match(caught), "{caught}");
    }
    assert!(!builders.is_match(r#".help(t!("dead-end.help"))"#));
}
