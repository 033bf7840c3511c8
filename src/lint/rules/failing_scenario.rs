use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, scenario_finding};
use crate::scenarios;

declare_rule! {
    FailingScenario: "failing-scenario", Error,
    summary: "a scenario whose walk does not end where it expects",
    doc: r#"### What it finds
A `[[scenarios]]` entry whose walk through the steps fails: an answer that is not one of the
decision's (with "did you mean"), a decision met with no answer left, answers left over, a walk
that never reaches a terminal, or a terminal other than the one `expect` names. `sopbook test`
runs the same walks and prints one line per scenario.

### Why it matters
A scenario is a call the desk takes every day, written down with where it must end. When an edit
sends that call somewhere else, the procedure changed its meaning: either the edit or the
scenario is wrong, and an editor has to decide which.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.acesso]
text = "O cliente ainda tem acesso à máquina?"
branches = [
  { when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },
]

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."

[steps.chamado]
end = "escalation"
to  = "Relacionamento"
sla = "24h"

[[scenarios]]
name    = "Máquina formatada"
answers = ["Não"]
expect  = "exportar"
```

### Fix
Run `sopbook test` to see the walk. If the procedure is right, correct the scenario's `answers`
or `expect`; if the scenario is right, correct the procedure."#,
}

impl Rule for FailingScenario {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        for (index, (scenario, walk)) in procedure.scenarios.iter().zip(cx.walks()).enumerate() {
            let Some(walk) = walk else { continue };
            if let Some(explained) = scenarios::explain(procedure, index, scenario, walk) {
                out.push(scenario_finding(procedure.file, explained));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    fn with(scenario: &str) -> String {
        format!("{VALID}\n[[scenarios]]\nname = \"Máquina formatada\"\n{scenario}\n")
    }

    #[test]
    fn passes_a_scenario_that_ends_where_it_expects() {
        assert!(check(RuleId::FailingScenario, &with("answers = [\"Não\"]\nexpect = \"chamado\"")).is_empty());
    }

    #[test]
    fn points_at_the_expectation_when_the_walk_ends_elsewhere() {
        let text = with("answers = [\"Sim\"]\nexpect = { end = \"escalation\", to = \"Relacionamento\" }");
        let found = check(RuleId::FailingScenario, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "{ end = \"escalation\", to = \"Relacionamento\" }");
        // The texts are `scenarios::explain`'s, in the current language: only what they name is
        // checked here.
        let message = &found[0].message;
        for name in ["`Máquina formatada`", "`resolvido`", "`Relacionamento`"] {
            assert!(message.contains(name), "{message}");
        }
        let help = found[0].help.as_deref().unwrap();
        assert!(help.contains("`acesso` (`Sim`) → `exportar` → `resolvido`"), "{help}");
        assert_eq!(found[0].related.len(), 1);
    }

    #[test]
    fn an_answer_that_no_longer_exists_gets_a_did_you_mean() {
        let text = with("answers = [\"Nao\"]\nexpect = \"chamado\"");
        let found = check(RuleId::FailingScenario, &text);
        assert_eq!(underlined(&text, &found[0]), "\"Nao\"");
        assert!(found[0].message.contains("`acesso`") && found[0].message.contains("`Nao`"), "{}", found[0].message);
        let help = found[0].help.as_deref().unwrap();
        assert!(help.contains("`Não`") && help.contains("`Sim`, `Não`"), "{help}");
        assert_eq!(found[0].step.as_deref(), Some("acesso"));
    }
}
