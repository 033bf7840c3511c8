use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    DecisionNotQuestion: "decision-not-question", Allow,
    summary: "a decision whose title and text ask no question",
    doc: r#"### What it finds
A decision (`branches`) with no `?` in its title or its text. Allowed by default: turn it on in
`sopbook.toml` with `decision-not-question = "warning"` (or `"error"`) under `[lint]`.

### Why it matters
The answers of a decision (`Sim`, `Não`) answer a question: on paper, the analyst reads the
question to the customer and ticks the answer. A decision written as a statement ("Verificar o
acesso") leaves the analyst to guess what is being asked.

### Example
```toml
# file: sopbook.toml
[lint]
decision-not-question = "warning"
```

```toml
# file: procedures/backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.acesso]
title = "Acesso à máquina"
text  = "Verifique o acesso à máquina da primeira instalação."
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
```

### Fix
Write the question the analyst asks: `text = "O cliente ainda tem acesso à máquina da primeira
instalação?"`."#,
}

impl Rule for DecisionNotQuestion {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in cx.procedure.steps.iter().filter(|s| s.branches.is_some()) {
            let asks = [&step.title, &step.text].into_iter().flatten().any(|t| t.get_ref().contains('?'));
            if asks {
                continue;
            }
            let span = step.title.as_ref().or(step.text.as_ref()).map_or_else(|| step.span.clone(), |t| t.span());
            let id = step.id.get_ref();
            out.push(
                cx.finding(&META, span, t!("decision-not-question", id = id))
                    .label(t!("decision-not-question.label"))
                    .help(t!("decision-not-question.help"))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\ndecision-not-question = \"warning\"\n";

    #[test]
    fn finds_a_decision_without_a_question_once_turned_on() {
        let text = VALID.replace("O cliente ainda tem acesso à máquina?", "Verifique o acesso à máquina.");
        let found = check_files(RuleId::DecisionNotQuestion, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "a decisão `acesso` não faz pergunta nenhuma (não há `?` no título nem no texto)");
        assert_eq!(underlined(&text, &found[0]), "\"Verifique o acesso à máquina.\"");
        assert!(check_files(RuleId::DecisionNotQuestion, &[("procedures/p.toml", &text)]).is_empty());
    }

    #[test]
    fn passes_a_question_in_the_title_or_the_text() {
        assert!(check_files(RuleId::DecisionNotQuestion, &[("sopbook.toml", ON), ("procedures/p.toml", VALID)]).is_empty());
        let titled = VALID
            .replace("O cliente ainda tem acesso à máquina?", "Confira o acesso.")
            .replace("[steps.acesso]\n", "[steps.acesso]\ntitle = \"Tem acesso à máquina?\"\n");
        assert!(check_files(RuleId::DecisionNotQuestion, &[("sopbook.toml", ON), ("procedures/p.toml", &titled)]).is_empty());
    }
}
