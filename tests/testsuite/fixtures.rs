//! Each fixture knowledge base is linted and its human and JSON output compared with a snapshot
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test` to re-bless).

use sopbook::lint::{self, RuleId, report};
use sopbook::load::KnowledgeBase;
use sopbook::model::Date;

use crate::{TODAY, fixture};

fn outputs(name: &str) -> (String, String, lint::Outcome) {
    let kb = KnowledgeBase::load(&fixture(name)).expect("fixture loads");
    let outcome = lint::run_on(&kb, Date::parse(TODAY).unwrap());
    let mut human = report::human(&kb, &outcome.findings, &report::HumanOptions { color: false });
    human.push_str(&report::summary(&outcome));
    let json = report::json(&kb, &outcome.findings);
    (human, json, outcome)
}

fn rules_and_lines(json: &str) -> Vec<(String, String, u64)> {
    let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn clean_knowledge_base_has_no_findings() {
    let (human, json, outcome) = outputs("clean");
    assert!(outcome.findings.is_empty(), "{human}");
    assert_eq!(json, "[]\n");
    assert_eq!(outcome.procedures, 3, "files under `_rascunhos/` are skipped");
    insta::assert_snapshot!("clean_human", human);
}

#[test]
fn every_rule_is_caught_at_its_line() {
    let (human, json, _) = outputs("every-rule");
    let found = rules_and_lines(&json);
    let defeitos = "procedures/a/defeitos.toml";
    let expected = [
        ("single-branch", defeitos, 8),
        ("broken-reference", defeitos, 11),
        ("schema", defeitos, 12),
        ("duplicate-branch", defeitos, 19),
        ("unknown-step", defeitos, 20),
        ("dead-end", defeitos, 24),
        ("mixed-step", defeitos, 27),
        ("unreachable", defeitos, 27),
        ("no-exit", defeitos, 31),
        ("image-alt", defeitos, 32),
        ("missing-image", defeitos, 32),
        ("escalation-incomplete", defeitos, 41),
        ("escalation-incomplete", defeitos, 43),
        ("missing-metadata", defeitos, 1),
        ("review-overdue", defeitos, 4),
        ("duplicate-procedure", "procedures/a/duplicado.toml", 1),
        ("toml-syntax", "procedures/a/sintaxe.toml", 1),
    ];
    for (rule, file, line) in expected {
        assert!(
            found.iter().any(|(r, f, l)| r == rule && f == file && *l == line),
            "expected {rule} at {file}:{line}, found {found:#?}"
        );
    }
    insta::assert_snapshot!("every_rule_human", human);
    insta::assert_snapshot!("every_rule_json", json);
}

#[test]
fn bad_files_are_findings_not_crashes() {
    let (human, json, outcome) = outputs("bad-files");
    let found = rules_and_lines(&json);
    for (rule, file) in [
        ("toml-syntax", "procedures/latin1.toml"),
        ("toml-syntax", "procedures/nao-toml.toml"),
        ("schema", "procedures/vazio.toml"),
        ("schema", "procedures/comentario.toml"),
        ("schema", "procedures/tipos.toml"),
        ("schema", "procedures/passos.toml"),
    ] {
        assert!(found.iter().any(|(r, f, _)| r == rule && f == file), "expected {rule} in {file}");
    }
    assert!(outcome.errors() > 0);
    insta::assert_snapshot!("bad_files_human", human);
}

#[test]
fn duplicate_aliases_are_warnings_at_the_alias() {
    let (human, json, outcome) = outputs("aliases");
    let found = rules_and_lines(&json);
    let (exportar, perda) = ("procedures/certificado/exportar.toml", "procedures/certificado/perda.toml");
    let expected = [("duplicate-alias", exportar, 6), ("duplicate-alias", exportar, 6), ("duplicate-alias", perda, 6)];
    let expected: Vec<(String, String, u64)> =
        expected.iter().map(|(r, f, l)| (r.to_string(), f.to_string(), *l)).collect();
    assert_eq!(found, expected, "{human}");
    assert_eq!((outcome.errors(), outcome.warnings()), (0, 3));
    insta::assert_snapshot!("aliases_human", human);
}

#[test]
fn config_mistakes_point_into_the_config_files() {
    let (human, json, _) = outputs("config-errors");
    let found = rules_and_lines(&json);
    assert!(found.contains(&("schema".into(), "sopbook.toml".into(), 2)), "{found:?}");
    assert!(found.contains(&("schema".into(), "manuals.toml".into(), 3)), "{found:?}");
    assert!(human.contains("você quis dizer `title`?"));
}

#[test]
fn the_projects_own_knowledge_base_has_no_errors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let kb = KnowledgeBase::load(root).unwrap();
    let outcome = lint::run_on(&kb, Date::parse(TODAY).unwrap());
    assert_eq!(outcome.errors(), 0, "{:#?}", outcome.findings);
    assert!(outcome.procedures >= 2);
    assert!(outcome.findings.iter().all(|f| f.rule == RuleId::ReviewOverdue), "{:#?}", outcome.findings);
}

/// Every procedure of this repository that has a decision has scenarios; every scenario passes,
/// and together they take every answer of every decision.
#[test]
fn the_projects_own_scenarios_pass_and_cover_every_branch() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let kb = KnowledgeBase::load(root).unwrap();
    let (mut scenarios, mut branches) = (0, 0);
    for procedure in &kb.procedures {
        let file = &kb.file_of(procedure).path;
        let walks = sopbook::scenarios::walks(procedure);
        for (index, (scenario, walk)) in procedure.scenarios.iter().zip(&walks).enumerate() {
            let name = scenario.display_name(index);
            let walk = walk.as_ref().unwrap_or_else(|| panic!("{file}: scenario `{name}` cannot be read"));
            let explained = sopbook::scenarios::explain(procedure, index, scenario, walk);
            assert!(walk.passed(), "{file}: scenario `{name}` fails: {explained:#?}");
        }
        let coverage = sopbook::scenarios::coverage(procedure, walks.iter().flatten());
        let missed: Vec<String> = coverage
            .missed
            .iter()
            .map(|&(step, branch)| {
                let step = &procedure.steps[step];
                let when = step.branches.as_ref().and_then(|b| b.get_ref()[branch].when.as_ref());
                format!("`{}` at `{}`", when.map_or("?", |w| w.get_ref().as_str()), step.id.get_ref())
            })
            .collect();
        assert!(missed.is_empty(), "{file}: no scenario takes {}", missed.join(", "));
        assert!(coverage.branches == 0 || !walks.is_empty(), "{file} has decisions and no scenario");
        scenarios += walks.len();
        branches += coverage.branches;
    }
    assert!(scenarios >= 5 && branches >= 6, "{scenarios} scenarios, {branches} branches");
}
