use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::suggest;
use crate::t;

declare_rule! {
    UnknownStep: "unknown-step", Error,
    summary: "`next`, a branch or `start` names a step that does not exist",
    doc: r#"### What it finds
A `next`, a branch's `next` or the procedure's `start` that names a step ID with no
`[steps.ID]` table in the same file.

### Why it matters
The analyst following the procedure reaches an instruction to go to a step that is not there.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.funcionou]
text = "O backup foi gerado?"
branches = [
  { when = "Sim", next = "resolvido" },
  { when = "Não", next = "chamdo" },
]

[steps.resolvido]
end  = "resolution"
text = "Backup entregue."
```

### Fix
Correct the ID (the message suggests the closest one), or add the missing step."#,
}

impl Rule for UnknownStep {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        if let Some(start) = &procedure.start
            && procedure.step_index(start.get_ref()).is_none()
        {
            out.push(unknown(cx, start, None));
        }
        for step in &procedure.steps {
            for target in step.targets() {
                if cx.kb.index.anchor(cx.index, target.get_ref()).is_none() {
                    out.push(unknown(cx, target, Some(step.id.get_ref())));
                }
            }
        }
    }
}

fn unknown(cx: &Context<'_>, target: &Spanned<String>, from: Option<&str>) -> Finding {
    let ids = cx.procedure.steps.iter().map(|s| s.id.get_ref().as_str());
    let help = match suggest::closest(target.get_ref(), ids.clone()) {
        Some(best) => t!("unknown-step.help", best = best),
        None => t!("unknown-step-steps", ids = super::id_list(ids.take(12))),
    };
    let message = t!("unknown-step", id = target.get_ref());
    let finding = cx.finding(&META, target.span(), message).label(t!("unknown-step.label")).help(help);
    finding.step_opt(from)
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_a_misspelt_next() {
        let text = VALID.replace("next = \"resolvido\"", "next = \"resolvdo\"");
        let found = check(RuleId::UnknownStep, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\"resolvdo\"");
        assert_eq!(found[0].message, "o passo `resolvdo` não existe");
        assert_eq!(found[0].label.as_deref(), Some("nenhum passo com esse ID"));
        assert_eq!(found[0].help.as_deref(), Some("você quis dizer `resolvido`?"));
        let english = [("best", Arg::from("resolvido"))];
        assert_eq!(message_in(Language::En, "unknown-step.help", &english), "did you mean `resolvido`?");
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
    }

    #[test]
    fn fails_on_a_branch_and_on_start() {
        let text = format!("start = \"inicio\"\n{}", VALID.replace("next = \"chamado\"", "next = \"xyz\""));
        let found = check(RuleId::UnknownStep, &text);
        assert_eq!(found.len(), 2);
        assert_eq!(underlined(&text, &found[0]), "\"inicio\"");
        assert_eq!(underlined(&text, &found[1]), "\"xyz\"");
        assert_eq!(
            found[1].help.as_deref(),
            Some("os passos deste procedimento são `acesso`, `exportar`, `resolvido` e `chamado`")
        );
    }

    #[test]
    fn passes_known_steps() {
        assert!(check(RuleId::UnknownStep, &format!("start = \"acesso\"\n{VALID}")).is_empty());
    }
}
