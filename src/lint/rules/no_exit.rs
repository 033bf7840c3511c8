use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    NoExit: "no-exit", Error,
    summary: "no terminal can be reached from the step (a loop with no way out)",
    doc: r#"### What it finds
Steps from which no resolution or escalation can be reached, whatever the answers: a loop with no
way out. Each trapped region is reported once, naming all its steps. A retry loop that has at least
one answer leading out is fine.

### Why it matters
The analyst goes round in circles ("try again" → "did it work?" → "try again") with no point at
which the procedure says to stop or to escalate.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.tentar]
text = "Tente exportar novamente."
next = "funcionou"

[steps.funcionou]
text = "Funcionou?"
branches = [
  { when = "Sim", next = "tentar" },
  { when = "Não", next = "tentar" },
]
```

### Fix
Give one of the steps of the loop a branch that leads to a resolution or an escalation, e.g.
`{ when = "Não, após 3 tentativas", next = "chamado" }`."#,
}

impl Rule for NoExit {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for region in cx.graph.trapped_regions() {
            let steps = &cx.procedure.steps;
            let first = &steps[region[0]];
            let names = super::id_list(region.iter().map(|&i| steps[i].id.get_ref().as_str()));
            let message = t!("no-exit", count = region.len(), names = names);
            out.push(
                cx.finding(&META, first.span.clone(), message)
                    .label(t!("no-exit.label"))
                    .help(t!("no-exit.help"))
                    .step(first.id.get_ref()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    const TRAP: &str = r#"
[steps.tentar]
text = "Tente exportar novamente."
next = "funcionou"

[steps.funcionou]
text = "Funcionou?"
branches = [
  { when = "Sim", next = "tentar" },
  { when = "Não", next = "tentar" },
]
"#;

    #[test]
    fn fails_once_per_trapped_loop() {
        let text = format!("{}{TRAP}", VALID.replace("next = \"resolvido\"", "next = \"tentar\""));
        let found = check(RuleId::NoExit, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "nenhuma resolução ou escalonamento pode ser alcançado a partir dos passos `exportar`, `tentar` e `funcionou`"
        );
        assert_eq!(underlined(&text, &found[0]), "[steps.exportar]");
    }

    #[test]
    fn passes_a_retry_loop_with_a_way_out() {
        let text = format!(
            "{}{}",
            VALID.replace("next = \"resolvido\"", "next = \"tentar\""),
            TRAP.replace("{ when = \"Sim\", next = \"tentar\" }", "{ when = \"Sim\", next = \"resolvido\" }")
        );
        assert!(check(RuleId::NoExit, &text).is_empty());
    }

    #[test]
    fn stays_quiet_behind_a_dead_end() {
        // The dead end is the defect; the steps before it are not trapped in a loop.
        let text = VALID.replace("next = \"resolvido\"", "");
        assert!(check(RuleId::NoExit, &text).is_empty());
    }

    #[test]
    fn a_self_loop_is_trapped() {
        let text = VALID.replace("next = \"resolvido\"", "next = \"exportar\"");
        let found = check(RuleId::NoExit, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "nenhuma resolução ou escalonamento pode ser alcançado a partir do passo `exportar`"
        );
        let english = [("count", Arg::from(1)), ("names", Arg::from("`exportar`"))];
        assert_eq!(
            message_in(Language::En, "no-exit", &english),
            "no resolution or escalation can be reached from step `exportar`"
        );
    }
}
