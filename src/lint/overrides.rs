//! The severity of every rule once `sopbook.toml [lint]` is applied over the defaults.

use std::collections::HashMap;

use super::severity::Severity;
use super::{Finding, RULES, RuleId};
use crate::load::KnowledgeBase;
use crate::suggest;

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
                    .map_or("`sopbook rules` lists every rule".to_string(), |b| format!("did you mean `{b}`?"));
                let message = format!("unknown rule `{}` in [lint]", id.get_ref());
                findings.push(Finding::new(RuleId::Schema, file, id.span(), message).help(help));
                continue;
            };
            let value = match level.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "allow" => None,
                other => {
                    let message = format!("unknown level `{other}` for rule `{rule}`");
                    let help = "use \"error\", \"warning\" or \"allow\"";
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
