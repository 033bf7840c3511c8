use super::infinitive_start;
use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    ActionNotImperative: "action-not-imperative", Allow,
    summary: "an action that does not start with a verb in the imperative",
    doc: r#"### What it finds
An action (a step with `next`) whose title, or text when it has no title, starts with an
infinitive or a gerund (`Abrir`, `Verificando`) instead of a verb in the imperative (`Abra`,
`Verifique`). Allowed by default: turn it on in `sopbook.toml` with
`action-not-imperative = "warning"` (or `"error"`) under `[lint]`. It reads the first word only,
so a title that starts with a noun passes.

### Why it matters
A checklist tells the analyst what to do, one action per item, as an order: "Abra o
atendimento". "Abrir o atendimento" reads as the name of a task, and the site, the paper and the
guided mode all show it as the instruction.

### Example
```toml
# file: sopbook.toml
[lint]
action-not-imperative = "warning"
```

```toml
# file: procedures/chamado.toml
title   = "Chamado para o Relacionamento"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.abrir]
title = "Abrir o atendimento"
text  = "Dentro do Qualitor, abra um atendimento normal."
next  = "fim"

[steps.fim]
end  = "resolution"
text = "Atendimento aberto."
```

### Fix
Start with the verb in the imperative: `title = "Abra o atendimento"`."#,
}

impl Rule for ActionNotImperative {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in cx.procedure.steps.iter().filter(|s| s.kind() == crate::model::StepKind::Action) {
            let Some(said) = step.title.as_ref().filter(|t| !t.get_ref().trim().is_empty()).or(step.text.as_ref())
            else {
                continue;
            };
            let Some(word) = infinitive_start(said.get_ref()) else { continue };
            let id = step.id.get_ref();
            out.push(
                cx.finding(&META, said.span(), t!("action-not-imperative", id = id, word = word))
                    .label(t!("action-not-imperative.label"))
                    .help(t!("action-not-imperative.help"))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\naction-not-imperative = \"warning\"\n";

    #[test]
    fn finds_an_infinitive_or_a_gerund_once_turned_on() {
        for (said, word) in [("Gerar um novo backup.", "Gerar"), ("**Verificando** o backup.", "Verificando")] {
            let text = VALID.replace("Gere um novo backup.", said);
            let found = check_files(RuleId::ActionNotImperative, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].message, format!("a ação `exportar` começa com `{word}`, e não com um verbo no imperativo"));
            assert_eq!(underlined(&text, &found[0]), format!("\"{said}\""));
            assert!(check_files(RuleId::ActionNotImperative, &[("procedures/p.toml", &text)]).is_empty());
        }
    }

    #[test]
    fn passes_the_imperative_and_words_that_only_look_like_verbs() {
        for said in ["Gere um novo backup.", "Quando terminar, gere o backup.", "Celular do cliente: anote.", "Por fim, salve."] {
            let text = VALID.replace("Gere um novo backup.", said);
            let found = check_files(RuleId::ActionNotImperative, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
            assert!(found.is_empty(), "{said}: {found:?}");
        }
    }
}
