use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::model::StepKind;
use crate::t;

declare_rule! {
    MixedStep: "mixed-step", Error,
    summary: "a step has more than one of `next`, `branches`, `end`",
    doc: r#"### What it finds
A step that is at the same time an action (`next`), a decision (`branches`) or a terminal (`end`).

### Why it matters
The analyst cannot tell whether to go on, to ask a question or to stop: the procedure says two
things at once.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
text = "Gere um novo backup."
next = "resolvido"
end  = "resolution"

[steps.resolvido]
end  = "resolution"
text = "Backup entregue."
```

### Fix
Keep one of the keys. If the step both does something and ends the case, make it a terminal and
put the instruction in its `text`."#,
}

impl Rule for MixedStep {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in cx.procedure.steps.iter().filter(|s| s.kind() == StepKind::Mixed) {
            let keys: Vec<&str> =
                [("next", step.next.is_some()), ("branches", step.branches.is_some()), ("end", step.end.is_some())]
                    .into_iter()
                    .filter_map(|(key, present)| present.then_some(key))
                    .collect();
            let id = step.id.get_ref();
            let message = t!("mixed-step", id = id, keys = super::id_list(keys));
            out.push(
                cx.finding(&META, step.span.clone(), message)
                    .label(t!("mixed-step.label"))
                    .help(t!("mixed-step.help"))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_next_and_end() {
        let text = VALID.replace("next = \"resolvido\"", "next = \"resolvido\"\nend = \"resolution\"");
        let found = check(RuleId::MixedStep, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "o passo `exportar` tem `next` e `end`");
        let english = [("id", Arg::from("exportar")), ("keys", Arg::from("`next` and `end`"))];
        assert_eq!(message_in(Language::En, "mixed-step", &english), "step `exportar` has `next` and `end`");
        assert_eq!(underlined(&text, &found[0]), "[steps.exportar]");
    }

    #[test]
    fn fails_on_next_and_branches() {
        let text = VALID.replace("text = \"O cliente ainda tem acesso à máquina?\"", "next = \"exportar\"");
        assert_eq!(check(RuleId::MixedStep, &text).len(), 1);
    }

    #[test]
    fn passes_single_kind_steps() {
        assert!(check(RuleId::MixedStep, VALID).is_empty());
    }
}
