//! Every rule is declared whole: an id, a complete doc, a file of its own, and a documented
//! example that it fires on (as clippy's `missing-test-files` and oxc's `Tester` check).

use std::collections::BTreeSet;
use std::path::Path;

use sopbook::lint::{self, Level, RULES, RuleId};
use sopbook::load::KnowledgeBase;
use sopbook::model::Date;

#[test]
fn every_rule_has_a_complete_doc() {
    for meta in RULES.iter().map(|r| r.meta()) {
        for heading in ["### What it finds", "### Why it matters", "### Example", "### Fix"] {
            assert!(meta.doc.contains(heading), "`{}` lacks {heading}", meta.id);
        }
        assert!(!meta.summary.is_empty() && !meta.summary.ends_with('.'), "`{}` summary", meta.id);
    }
}

/// The registry is generated from one list, so each id names its own declaration; this checks
/// what the compiler cannot: the text of each id, and one file under `src/lint/rules` a rule.
#[test]
fn every_rule_file_is_registered_under_its_id() {
    for &id in RULES {
        assert_eq!(id.meta().id, id);
        assert_eq!(RuleId::parse(id.as_str()), Some(id));
        // `DeadEnd` is `dead-end`: the variant and the text are one name.
        assert_eq!(format!("{id:?}").to_lowercase(), id.as_str().replace('-', ""), "{id:?} / {id}");
        assert!(id.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
    }
    // `sopbook rules` pads the ids into a column.
    assert_eq!(format!("{:10}|", RuleId::DeadEnd), "dead-end  |");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/rules");
    let files: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "mod.rs")
        .collect();
    let registered: BTreeSet<String> = RULES.iter().map(|r| format!("{}.rs", r.as_str().replace('-', "_"))).collect();
    assert_eq!(files, registered, "one file a rule, named after its id");
}

/// The fixed "today" of the examples, so `review-overdue` does not change with the calendar.
fn today() -> Date {
    Date::parse(crate::TODAY).unwrap()
}

/// The files of an example as a knowledge base on disk (images need one), linted.
fn lint_example(files: &[(String, Vec<u8>)]) -> Vec<lint::Finding> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    for (path, bytes) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let kb = KnowledgeBase::load(dir.path()).unwrap();
    lint::run_on(&kb, today()).findings
}

/// The example of `id`, with what its doc can only describe in words: a fenced block holds
/// neither a picture nor a procedure of 121 steps. Each such case checks that the words are
/// still there, so that the doc and the test change together.
fn example(id: RuleId) -> Vec<(String, Vec<u8>)> {
    let meta = id.meta();
    let mut files: Vec<_> = meta.example().into_iter().map(|(path, text)| (path, text.into_bytes())).collect();
    let says = |words: &str| assert!(meta.doc.contains(words), "the example of `{id}` no longer says {words}");
    match id {
        RuleId::ImageAlt => {
            says("with the screenshot `qualitor-chamado.png` beside the procedure file");
            files.push(("procedures/qualitor-chamado.png".into(), PNG.to_vec()));
        }
        RuleId::DenseChart => {
            says("up to { when = \"Sintoma 120\", next = \"p120\" }");
            files = vec![("procedures/example.toml".into(), dense_chart(120).into_bytes())];
        }
        _ => {}
    }
    files
}

/// The first bytes of a PNG: what sopbook reads to tell a picture.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// The procedure the example of `dense-chart` describes: `p0` answers to each of `p1`…`pN`,
/// which lead one to the next.
fn dense_chart(n: usize) -> String {
    let mut text = String::from(
        "title = \"Diagnóstico do certificado\"\nsection = \"Certificado Digital > A1\"\n\
         owner = \"Suporte Técnico\"\nupdated = 2026-06-01\n\n[steps.p0]\ntext = \"Qual o sintoma?\"\nbranches = [\n",
    );
    for i in 1..=n {
        text.push_str(&format!("  {{ when = \"Sintoma {i}\", next = \"p{i}\" }},\n"));
    }
    text.push_str("]\n");
    for i in 1..n {
        text.push_str(&format!("\n[steps.p{i}]\ntext = \"Verifique o item {i}.\"\nnext = \"p{}\"\n", i + 1));
    }
    text.push_str(&format!("\n[steps.p{n}]\nend = \"resolution\"\ntext = \"Verifique o item {n}.\"\n"));
    text
}

/// `unreadable` needs what no file can hold: a folder that links back to itself. Its doc says so
/// in these words, and the test builds what they describe.
#[cfg(unix)]
fn lint_unreadable_example() -> Vec<lint::Finding> {
    let described = "`procedures/loop` is a symbolic link to `procedures/`";
    assert!(RuleId::Unreadable.meta().doc.contains(described), "the example of `unreadable` changed");
    let dir = tempfile::tempdir().unwrap();
    let procedures = dir.path().join("procedures");
    std::fs::create_dir(&procedures).unwrap();
    std::os::unix::fs::symlink(&procedures, procedures.join("loop")).unwrap();
    let kb = KnowledgeBase::load(dir.path()).unwrap();
    lint::run_on(&kb, today()).findings
}

/// `unreviewed-change` needs a history: the example's files committed, then the step's text
/// changed in a second commit, as its doc says in words.
fn lint_unreviewed_change_example() -> Vec<lint::Finding> {
    let id = RuleId::UnreviewedChange;
    let described = "committed as it is, then committed again with the text of `exportar` changed";
    assert!(id.meta().doc.contains(described), "the example of `{id}` changed");
    let repo = crate::git::Repo::new();
    for (path, text) in id.meta().example() {
        repo.write(&path, &text);
    }
    repo.commit("Perda do backup");
    let path = "procedures/perda-do-backup.toml";
    let text = std::fs::read_to_string(repo.path.join(path)).unwrap();
    repo.write(path, &text.replace("pelo gerenciador de certificados", "pelo navegador"));
    repo.commit("Outro caminho");
    let kb = KnowledgeBase::load(&repo.path).unwrap();
    let summaries = sopbook::timeline::Summaries::default();
    let timeline = sopbook::timeline::Timeline::read(&kb, today(), &summaries).unwrap().unwrap();
    lint::run_with(&kb, today(), Some(&timeline)).findings
}

/// Each rule fires on the example of its doc, and no other rule does: the example shows that
/// one defect.
#[test]
fn every_rule_fires_on_its_documented_example() {
    let mut wrong = Vec::new();
    for &id in RULES {
        let findings = match id {
            #[cfg(unix)]
            RuleId::Unreadable => lint_unreadable_example(),
            #[cfg(not(unix))]
            RuleId::Unreadable => continue,
            RuleId::UnreviewedChange => lint_unreviewed_change_example(),
            _ if id.meta().example().is_empty() => {
                wrong.push(format!("`{id}` has no example: a fenced block under ### Example in its doc"));
                continue;
            }
            _ => lint_example(&example(id)),
        };
        let fired: Vec<_> = findings.iter().map(|f| format!("{}: {}", f.rule, f.message)).collect();
        if !findings.iter().any(|f| f.rule == id) || findings.iter().any(|f| f.rule != id) {
            wrong.push(format!("`{id}` fires on its example, alone? {fired:#?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
        assert!(RuleId::parse(id).is_some(), "{id}");
    }
    let warnings: Vec<_> = RULES.iter().filter(|r| r.meta().default_level == Level::Warning).copied().collect();
    assert_eq!(
        warnings,
        [
            RuleId::ImageAlt,
            RuleId::MissingMetadata,
            RuleId::ReviewOverdue,
            RuleId::ImportCandidate,
            RuleId::HiddenCharacter,
            RuleId::NameVariant,
            RuleId::DuplicateAlias,
            RuleId::DenseChart
        ]
    );
}
