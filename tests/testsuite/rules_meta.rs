//! Every rule is documented and tested (as clippy's `missing-test-files` check does).

use std::collections::BTreeSet;

use sopbook::lint::RULES;

#[test]
fn every_rule_has_a_complete_doc() {
    for meta in RULES.iter().map(|r| r.meta()) {
        for heading in ["### What it finds", "### Why it matters", "### Example", "### Fix"] {
            assert!(meta.doc.contains(heading), "`{}` lacks {heading}", meta.id);
        }
        assert!(!meta.summary.is_empty() && !meta.summary.ends_with('.'), "`{}` summary", meta.id);
    }
}

#[test]
fn every_rule_file_is_registered_and_tested() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/rules");
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "mod.rs" {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let id = source.split("id: \"").nth(1).and_then(|s| s.split('"').next()).expect("a rule id");
        assert_eq!(path.file_stem().unwrap().to_str().unwrap(), id.replace('-', "_"), "file named after its rule");
        assert!(source.contains("fn fails"), "{id} has no failing case");
        assert!(source.contains("fn passes") || source.contains("passes_"), "{id} has no passing case");
        ids.insert(id.to_string());
    }
    let registered: BTreeSet<String> = RULES.iter().map(|r| r.meta().id.to_string()).collect();
    assert_eq!(ids, registered);
}

#[test]
fn the_format_table_rules_are_all_there() {
    let format_ids = [
        "toml-syntax",
        "schema",
        "unknown-step",
        "mixed-step",
        "dead-end",
        "unreachable",
        "no-exit",
        "single-branch",
        "duplicate-branch",
        "escalation-incomplete",
        "broken-reference",
        "duplicate-procedure",
        "missing-image",
        "image-alt",
        "missing-metadata",
        "review-overdue",
    ];
    for id in format_ids {
        assert!(sopbook::lint::find_rule(id).is_some(), "{id}");
    }
    let warnings: Vec<_> = RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.default_severity == sopbook::lint::Severity::Warning)
        .map(|m| m.id)
        .collect();
    assert_eq!(
        warnings,
        [
            "image-alt",
            "missing-metadata",
            "review-overdue",
            "import-candidate",
            "hidden-character",
            "name-variant",
            "duplicate-alias",
            "dense-chart"
        ]
    );
}
