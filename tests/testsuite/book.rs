//! The book's rules reference names exactly the rules of the registry, one section each.

use std::collections::BTreeSet;

use sopbook::lint::{Level, RULES};

fn book(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_rules_chapter_has_one_section_per_rule() {
    let text = book("regras.md");
    let headings: Vec<String> =
        text.lines().filter_map(|l| l.strip_prefix("## `")?.strip_suffix('`').map(str::to_string)).collect();
    let unique: BTreeSet<String> = headings.iter().cloned().collect();
    assert_eq!(unique.len(), headings.len(), "a rule has two sections: {headings:?}");
    let registry: BTreeSet<String> = RULES.iter().map(|r| r.meta().id.to_string()).collect();
    let missing: Vec<_> = registry.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&registry).collect();
    assert!(missing.is_empty(), "rules missing from book/regras.md: {missing:?}");
    assert!(unknown.is_empty(), "book/regras.md names rules that do not exist: {unknown:?}");
}

#[test]
fn the_rules_chapter_gives_each_rule_its_default_severity() {
    let text = book("regras.md");
    for &id in RULES {
        let heading = format!("## `{id}`\n");
        let section = text.split_once(&heading).map(|(_, rest)| rest.split("\n## ").next().unwrap_or_default());
        let expected = match id.meta().default_level {
            Level::Error => "**Severidade padrão:** erro.",
            Level::Warning => "**Severidade padrão:** aviso.",
            Level::Allow => "**Severidade padrão:** desligada.",
        };
        assert!(section.is_some_and(|s| s.contains(expected)), "book/regras.md: `{id}` should say {expected}");
    }
}

#[test]
fn the_format_chapter_mentions_every_rule_and_key() {
    let text = book("formato.md");
    for meta in RULES.iter().map(|r| r.meta()) {
        assert!(text.contains(&format!("`{}`", meta.id)), "book/formato.md does not mention `{}`", meta.id);
    }
    for key in [
        "title",
        "section",
        "summary",
        "owner",
        "updated",
        "review_months",
        "tags",
        "aliases",
        "start",
        "next",
        "branches",
        "end",
        "to",
        "sla",
        "via",
        "fields",
        "note",
        "warning",
        "see",
        "image",
        "scenarios",
        "name",
        "answers",
        "expect",
    ] {
        assert!(text.contains(&format!("`{key}`")), "book/formato.md does not mention `{key}`");
    }
}

/// The scenarios chapter quotes the seed's scenarios as the repository has them, and is listed.
#[test]
fn the_scenarios_chapter_quotes_the_seeds_scenarios() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("procedures/certificado-digital/a1/perda-do-backup-a1.toml")).unwrap();
    let scenarios = &seed[seed.find("[[scenarios]]").expect("the seed has scenarios")..];
    let chapter = book("cenarios.md");
    assert!(
        chapter.contains(scenarios.trim_end()),
        "book/cenarios.md no longer shows the seed's scenarios:\n{scenarios}"
    );
    for id in ["failing-scenario", "untested-branch"] {
        assert!(chapter.contains(&format!("(regras.md#{id})")), "book/cenarios.md does not link `{id}`");
    }
    assert!(book("SUMMARY.md").contains("(cenarios.md)"));
}
