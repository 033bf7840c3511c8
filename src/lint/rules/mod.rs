//! The registry: one rule per file, each with its id, default severity, doc and tests, listed
//! once below.

use super::declare::declare_all_rules;
use super::{Rule, RuleMeta};

// In the order of the FORMAT table, then the additions.
declare_all_rules! {
    toml_syntax::TomlSyntax,
    schema::Schema,
    unknown_step::UnknownStep,
    mixed_step::MixedStep,
    dead_end::DeadEnd,
    unreachable::Unreachable,
    no_exit::NoExit,
    single_branch::SingleBranch,
    duplicate_branch::DuplicateBranch,
    escalation_incomplete::EscalationIncomplete,
    broken_reference::BrokenReference,
    duplicate_procedure::DuplicateProcedure,
    missing_image::MissingImage,
    image_alt::ImageAlt,
    missing_metadata::MissingMetadata,
    review_overdue::ReviewOverdue,
    unreadable::Unreadable,
    slug_collision::SlugCollision,
    import_candidate::ImportCandidate,
    hidden_character::HiddenCharacter,
    name_too_long::NameTooLong,
    name_variant::NameVariant,
    unsafe_image::UnsafeImage,
    broken_link::BrokenLink,
    unsafe_url::UnsafeUrl,
    duplicate_alias::DuplicateAlias,
    dense_chart::DenseChart,
    failing_scenario::FailingScenario,
    untested_branch::UntestedBranch,
    unreviewed_change::UnreviewedChange,
    long_checklist::LongChecklist,
    long_step::LongStep,
    decision_not_question::DecisionNotQuestion,
    action_not_imperative::ActionNotImperative,
    summary_as_instruction::SummaryAsInstruction,
}

/// Words ending like an infinitive or a gerund that are not verbs, or that start a sentence well.
const NOT_VERBS: &[&str] = &[
    "quando",
    "lugar",
    "celular",
    "similar",
    "particular",
    "familiar",
    "militar",
    "exemplar",
    "qualquer",
    "mulher",
    "segundo",
    "lindo",
];

/// The first word of `text` when it reads as an infinitive or a gerund (`Abrir`, `Verificando`),
/// which an action or a "Quando usar" should not start with. A guess from the ending: words of
/// three letters or less and [`NOT_VERBS`] are left alone.
fn infinitive_start(text: &str) -> Option<&str> {
    let word = text.split_whitespace().next()?.trim_matches(|c: char| !c.is_alphabetic());
    let lower = word.to_lowercase();
    if lower.chars().count() <= 3 || NOT_VERBS.contains(&lower.as_str()) {
        return None;
    }
    let verb = ["ar", "er", "ir"].iter().any(|e| lower.ends_with(e))
        || ["ando", "endo", "indo"].iter().any(|e| lower.ends_with(e));
    verb.then_some(word)
}

/// A list of step IDs for a message: `` `a`, `b` and `c` `` (`` `a`, `b` e `c` `` in Portuguese).
fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| format!("`{id}`")).collect();
    match ids.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => crate::t!("rules-list-and", rest = rest.join(", "), last = last),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::lint::{Finding, RuleId, lint_files};

    /// A clean procedure; tests replace parts of it.
    pub const VALID: &str = r#"
title = "Perda do Backup A1"
section = "Certificado Digital > A1"
summary = "Quando o cliente não localiza o backup."
owner = "Suporte Técnico"
updated = 2099-01-01

[steps.acesso]
text = "O cliente ainda tem acesso à máquina?"
branches = [
  { when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },
]

[steps.exportar]
text = "Gere um novo backup."
next = "resolvido"

[steps.resolvido]
end = "resolution"
text = "Backup entregue."

[steps.chamado]
end = "escalation"
to = "Relacionamento"
sla = "24h"
"#;

    /// Findings of one rule for a knowledge base of one procedure.
    pub fn check(rule: RuleId, procedure: &str) -> Vec<Finding> {
        check_files(rule, &[("procedures/p.toml", procedure)])
    }

    pub fn check_files(rule: RuleId, files: &[(&str, &str)]) -> Vec<Finding> {
        lint_files(files).into_iter().filter(|f| f.rule == rule).collect()
    }

    /// Findings of one rule for the knowledge base on disk at `root` (links, images, FIFOs).
    pub fn check_dir(rule: RuleId, root: &std::path::Path) -> Vec<Finding> {
        let kb = crate::load::KnowledgeBase::load(root).unwrap();
        crate::lint::run(&kb).findings.into_iter().filter(|f| f.rule == rule).collect()
    }

    /// The text a finding underlines.
    pub fn underlined<'a>(text: &'a str, finding: &Finding) -> &'a str {
        &text[finding.span.clone()]
    }

    #[test]
    fn the_valid_procedure_is_clean() {
        assert_eq!(lint_files(&[("procedures/p.toml", VALID)]), vec![]);
    }
}
