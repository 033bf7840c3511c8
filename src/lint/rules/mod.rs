//! The registry: one rule per file, each with its id, default severity, doc and tests.

mod broken_link;
mod broken_reference;
mod dead_end;
mod dense_chart;
mod duplicate_alias;
mod duplicate_branch;
mod duplicate_procedure;
mod escalation_incomplete;
mod hidden_character;
mod image_alt;
mod import_candidate;
mod missing_image;
mod missing_metadata;
mod mixed_step;
mod name_too_long;
mod name_variant;
mod no_exit;
mod review_overdue;
mod schema;
mod single_branch;
mod slug_collision;
mod toml_syntax;
mod unknown_step;
mod unreachable;
mod unreadable;
mod unsafe_image;
mod unsafe_url;

use super::Rule;

/// Every rule, in the order of the FORMAT table (then the additions).
pub static RULES: &[&dyn Rule] = &[
    &toml_syntax::TomlSyntax,
    &schema::Schema,
    &unknown_step::UnknownStep,
    &mixed_step::MixedStep,
    &dead_end::DeadEnd,
    &unreachable::Unreachable,
    &no_exit::NoExit,
    &single_branch::SingleBranch,
    &duplicate_branch::DuplicateBranch,
    &escalation_incomplete::EscalationIncomplete,
    &broken_reference::BrokenReference,
    &duplicate_procedure::DuplicateProcedure,
    &missing_image::MissingImage,
    &image_alt::ImageAlt,
    &missing_metadata::MissingMetadata,
    &review_overdue::ReviewOverdue,
    &unreadable::Unreadable,
    &slug_collision::SlugCollision,
    &import_candidate::ImportCandidate,
    &hidden_character::HiddenCharacter,
    &name_too_long::NameTooLong,
    &name_variant::NameVariant,
    &unsafe_image::UnsafeImage,
    &broken_link::BrokenLink,
    &unsafe_url::UnsafeUrl,
    &duplicate_alias::DuplicateAlias,
    &dense_chart::DenseChart,
];

/// Reports the load problems that belong to `rule` (`toml-syntax`, `schema`, `unreadable`).
fn report_problems(kb: &crate::load::KnowledgeBase, rule: &'static str, out: &mut Vec<super::Finding>) {
    for problem in kb.problems.iter().filter(|p| p.rule == rule) {
        let mut finding = super::Finding::new(rule, problem.file, problem.span.clone(), problem.message.clone())
            .help_opt(problem.help.clone());
        finding.step = problem.step.clone();
        out.push(finding);
    }
}

/// A list of step IDs for a message: `` `a`, `b` and `c` ``.
fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| format!("`{id}`")).collect();
    match ids.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::lint::{Finding, lint_files};

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
    pub fn check(rule: &str, procedure: &str) -> Vec<Finding> {
        check_files(rule, &[("procedures/p.toml", procedure)])
    }

    pub fn check_files(rule: &str, files: &[(&str, &str)]) -> Vec<Finding> {
        lint_files(files).into_iter().filter(|f| f.rule == rule).collect()
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
