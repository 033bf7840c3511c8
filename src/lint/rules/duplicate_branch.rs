use std::collections::HashMap;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    DuplicateBranch: "duplicate-branch", Error,
    summary: "two branches of one decision with the same answer",
    doc: r#"### What it finds
Two branches of the same decision whose `when` is the same answer. Answers are compared without
regard to case or to the white space around them (`"Sim"` and `" sim "` are the same answer).

### Why it matters
The analyst cannot choose between two identical buttons; one of them usually should have been the
other answer ("Não").

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
  { when = "Sim", next = "chamado" },
]

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."

[steps.chamado]
end = "escalation"
to  = "Relacionamento"
sla = "24h"
```

### Fix
Correct the answer of one branch, or merge the two."#,
}

impl Rule for DuplicateBranch {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in &cx.procedure.steps {
            let Some(branches) = &step.branches else {
                continue;
            };
            let mut seen = HashMap::new();
            for when in branches.get_ref().iter().filter_map(|b| b.when.as_ref()) {
                let answer = when.get_ref().trim().to_lowercase();
                let Some(first) = seen.get(&answer) else {
                    seen.insert(answer, when.span());
                    continue;
                };
                let id = step.id.get_ref();
                let message = t!("duplicate-branch", id = id, answer = when.get_ref().trim());
                out.push(
                    cx.finding(&META, when.span(), message)
                        .label(t!("duplicate-branch.label"))
                        .related(cx.procedure.file, first.clone(), t!("duplicate-branch.related"))
                        .help(t!("duplicate-branch.help"))
                        .step(id),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_a_repeated_answer_ignoring_case() {
        let text = VALID.replace("{ when = \"Não\"", "{ when = \" sim \"");
        let found = check(RuleId::DuplicateBranch, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\" sim \"");
        assert_eq!(found[0].message, "a decisão `acesso` tem a resposta `sim` duas vezes");
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].label, "dada pela primeira vez aqui");
    }

    #[test]
    fn passes_distinct_answers() {
        assert!(check(RuleId::DuplicateBranch, VALID).is_empty());
    }
}
