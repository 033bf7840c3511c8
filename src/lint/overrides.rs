//! The severity of every rule once `sopbook.toml [lint]` is applied over the defaults.

use std::collections::HashMap;

use super::severity::Severity;
use super::{Finding, RULES, RuleId};
use crate::load::KnowledgeBase;
use crate::suggest;
use crate::t;

/// The severity of every rule after overrides; `None` means `allow`.
pub struct Severities(HashMap<RuleId, Option<Severity>>);

impl Severities {
    /// Applies `[lint]` over the defaults. An unknown rule id or level is a `schema` finding.
    pub fn from_config(kb: &KnowledgeBase, findings: &mut Vec<Finding>) -> Severities {
        let mut map: HashMap<_, _> = RULES.iter().map(|&r| (r, r.meta().default_level.severity())).collect();
        let Some(file) = kb.files.iter().position(|f| f.path == crate::load::config::CONFIG_FILE) else {
            return Severities(map);
        };
        for (id, level) in &kb.config.lint {
            let Some(rule) = RuleId::parse(id.get_ref()) else {
                let help = suggest::closest(id.get_ref(), RULES.iter().map(|r| r.as_str()))
                    .map_or_else(|| t!("lint-unknown-rule.help"), |b| t!("lint-did-you-mean", name = b));
                let message = t!("lint-unknown-rule", id = id.get_ref());
                findings.push(Finding::new(RuleId::Schema, file, id.span(), message).help(help));
                continue;
            };
            let value = match level.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "allow" => None,
                other => {
                    let message = t!("lint-unknown-level", level = other, rule = rule.as_str());
                    let help = t!("lint-unknown-level.help");
                    findings.push(Finding::new(RuleId::Schema, file, level.span(), message).help(help));
                    continue;
                }
            };
            map.insert(rule, value);
        }
        Severities(map)
    }

    /// The rule's severity, or `None` when it is set to `allow`.
    pub fn of(&self, rule: RuleId) -> Option<Severity> {
        self.0.get(&rule).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files};

    #[test]
    fn unknown_rules_and_levels_are_schema_findings() {
        let config = "[lint]\nreview-overdu = \"allow\"\ndead-end = \"fatal\"\nnada-disso = \"allow\"\n";
        let found = check_files(RuleId::Schema, &[("sopbook.toml", config), ("procedures/p.toml", VALID)]);
        let said: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.message.as_str(), f.help.as_deref())).collect();
        assert_eq!(
            said,
            [
                ("regra desconhecida `review-overdu` em [lint]", Some("você quis dizer `review-overdue`?")),
                ("nível desconhecido `fatal` para a regra `dead-end`", Some("use \"error\", \"warning\" ou \"allow\"")),
                ("regra desconhecida `nada-disso` em [lint]", Some("o `sopbook rules` lista todas as regras")),
            ]
        );
        let english = message_in(
            Language::En,
            "lint-unknown-level",
            &[("level", Arg::from("fatal")), ("rule", Arg::from("dead-end"))],
        );
        assert_eq!(english, "unknown level `fatal` for rule `dead-end`");
    }
}
