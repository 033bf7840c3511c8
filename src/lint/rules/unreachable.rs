use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    Unreachable: "unreachable", Error,
    summary: "no path from `start` reaches the step",
    doc: r#"### What it finds
A step that no `next` or branch leads to, directly or through other steps, from the procedure's
start (`start`, or the first step of the file).

### Why it matters
An unreachable step is usually a forgotten branch: the answer that should lead there was never
written, and the analyst never sees the instruction.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.inicio]
text = "Gere um novo backup."
next = "resolvido"

[steps.debug]          # nothing leads here
text = "Recupere via DEBUG."
next = "resolvido"

[steps.resolvido]
end  = "resolution"
text = "Backup entregue."
```

### Fix
Point a `next` or a branch of another step at it, or delete it if it is obsolete."#,
}

impl Rule for Unreachable {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(start) = cx.procedure.start_index() else {
            return;
        };
        let start_id = cx.procedure.steps[start].id.get_ref();
        for i in cx.graph.unreachable() {
            let step = &cx.procedure.steps[i];
            let id = step.id.get_ref();
            out.push(
                cx.finding(&META, step.span.clone(), t!("unreachable", id = id, start = start_id))
                    .label(t!("unreachable.label"))
                    .help(t!("unreachable.help", id = id))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_an_orphan_step() {
        let text = format!("{VALID}\n[steps.debug]\ntext = \"Recupere via DEBUG.\"\nnext = \"resolvido\"\n");
        let found = check(RuleId::Unreachable, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "[steps.debug]");
        assert_eq!(found[0].message, "o passo `debug` não pode ser alcançado a partir do início (`acesso`)");
    }

    #[test]
    fn follows_start_instead_of_the_first_step() {
        let text = format!("start = \"exportar\"\n{VALID}");
        let ids: Vec<_> = check(RuleId::Unreachable, &text).into_iter().filter_map(|f| f.step).collect();
        assert_eq!(ids, ["acesso", "chamado"]);
    }

    #[test]
    fn passes_when_everything_is_reached() {
        assert!(check(RuleId::Unreachable, VALID).is_empty());
    }
}
