use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::model::StepKind;
use crate::t;

declare_rule! {
    DeadEnd: "dead-end", Error,
    summary: "a step has none of `next`, `branches`, `end`",
    doc: r#"### What it finds
A step with no `next`, no `branches` and no `end`: after it, the procedure says nothing.

### Why it matters
This is the defect sopbook exists to prevent: the analyst follows the manual to a point where it
stops, with the client still on the line.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
text = "Gere um novo backup."
```

### Fix
Say what comes next: `next = "ID"` to continue, `branches` to ask a question, or
`end = "resolution"` / `end = "escalation"` to finish."#,
}

impl Rule for DeadEnd {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in &cx.procedure.steps {
            let invalid = ["next", "branches", "end"].iter().any(|k| step.is_invalid(k));
            if step.kind() != StepKind::Incomplete || invalid {
                continue;
            }
            let id = step.id.get_ref();
            out.push(
                cx.finding(&META, step.span.clone(), t!("dead-end", id = id))
                    .label(t!("dead-end.label"))
                    .help(t!("dead-end.help"))
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
    fn fails_on_a_step_that_stops() {
        let text = VALID.replace("next = \"resolvido\"", "");
        let found = check(RuleId::DeadEnd, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "[steps.exportar]");
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
    }

    #[test]
    fn stays_quiet_when_end_is_merely_invalid() {
        let text = VALID.replace("end = \"resolution\"", "end = \"resolved\"");
        assert!(check(RuleId::DeadEnd, &text).is_empty());
    }

    #[test]
    fn passes_complete_steps() {
        assert!(check(RuleId::DeadEnd, VALID).is_empty());
    }
}
