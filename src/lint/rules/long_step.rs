use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

/// The most words of a step's text that an analyst reads at a glance during a call.
pub const MAX_WORDS: usize = 60;

declare_rule! {
    LongStep: "long-step", Allow,
    summary: "a step whose text is longer than 60 words",
    doc: r#"### What it finds
A step whose `text` has more than 60 words. Allowed by default: turn it on in `sopbook.toml`
with `long-step = "warning"` (or `"error"`) under `[lint]`.

### Why it matters
A checklist item is read during a call, with the customer waiting: a paragraph hides the one
action in it. Explanations belong in a `note`, and two actions in two steps.

### Example
```toml
# file: sopbook.toml
[lint]
long-step = "warning"
```

```toml
# file: procedures/backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
text = """
Oriente o cliente a abrir o gerenciador de certificados do Windows, que fica no Painel de \
Controle, em Opções da Internet, na aba Conteúdo, no botão Certificados, e a localizar ali o \
certificado do tipo A1 da empresa, que aparece com o nome e o CNPJ, para depois clicar em \
Exportar, escolher a opção que exporta a chave privada junto com o certificado e gravar o \
arquivo numa pasta que ele saiba encontrar depois, com uma senha que ele anote.
"""
next = "fim"

[steps.fim]
end  = "resolution"
text = "Novo backup gerado."
```

### Fix
Keep the action in the text ("Exporte o certificado A1 com a chave privada.") and move the way
there to a `note`, or split it into steps."#,
}

impl Rule for LongStep {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in &cx.procedure.steps {
            let Some(text) = &step.text else { continue };
            let words = text.get_ref().split_whitespace().count();
            if words <= MAX_WORDS {
                continue;
            }
            let id = step.id.get_ref();
            out.push(
                cx.finding(&META, text.span(), t!("long-step", id = id, words = words, max = MAX_WORDS))
                    .label(t!("long-step.label"))
                    .help(t!("long-step.help"))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\nlong-step = \"warning\"\n";

    #[test]
    fn finds_a_text_of_sixty_one_words_once_turned_on() {
        let long = ["palavra"; 61].join(" ");
        let text = VALID.replace("text = \"Gere um novo backup.\"", &format!("text = \"{long}\""));
        let found = check_files(RuleId::LongStep, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "o passo `exportar` tem 61 palavras (dá para ler de relance no máximo 60)");
        let english = crate::i18n::message_in(
            crate::i18n::Language::En,
            "long-step",
            &[
                ("id", crate::i18n::Arg::from("exportar")),
                ("words", crate::i18n::Arg::from(61)),
                ("max", crate::i18n::Arg::from(60)),
            ],
        );
        assert_eq!(english, "step `exportar` has 61 words (at most 60 read at a glance)");
        assert_eq!(underlined(&text, &found[0]), format!("\"{long}\""));
        assert!(check_files(RuleId::LongStep, &[("procedures/p.toml", &text)]).is_empty(), "allowed by default");
    }

    #[test]
    fn passes_sixty_words() {
        let text = VALID.replace("text = \"Gere um novo backup.\"", &format!("text = \"{}\"", ["palavra"; 60].join(" ")));
        assert!(check_files(RuleId::LongStep, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]).is_empty());
    }
}
