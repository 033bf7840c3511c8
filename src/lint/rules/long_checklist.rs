use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

/// The most steps a printed checklist holds on one A4 page.
pub const MAX_STEPS: usize = 12;

declare_rule! {
    LongChecklist: "long-checklist", Allow,
    summary: "a procedure with more steps than fit one printed page",
    doc: r#"### What it finds
A procedure with more than 12 steps. Allowed by default: turn it on in `sopbook.toml` with
`long-checklist = "warning"` (or `"error"`) under `[lint]`.

### Why it matters
Twelve steps fill one A4 sheet of the printed checklist. A longer one turns the page in the
middle of a call, and a long procedure is usually two: one that diagnoses and one that fixes.

### Example
```toml
# file: sopbook.toml
[lint]
long-checklist = "warning"
```

```toml
# file: procedures/longo.toml
title   = "Configurar o servidor"
section = "Sistema > Instalação"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.p1]
text = "Abra o painel."
next = "p2"
[steps.p2]
text = "Abra a aba Rede."
next = "p3"
[steps.p3]
text = "Anote o endereço."
next = "p4"
[steps.p4]
text = "Feche o painel."
next = "p5"
[steps.p5]
text = "Abra o configurador."
next = "p6"
[steps.p6]
text = "Informe o endereço."
next = "p7"
[steps.p7]
text = "Informe a porta."
next = "p8"
[steps.p8]
text = "Salve."
next = "p9"
[steps.p9]
text = "Reinicie o serviço."
next = "p10"
[steps.p10]
text = "Abra o sistema."
next = "p11"
[steps.p11]
text = "Teste a conexão."
next = "p12"
[steps.p12]
text = "Peça ao cliente para testar."
next = "fim"
[steps.fim]
end  = "resolution"
text = "Servidor configurado."
```

### Fix
Split the procedure where it changes subject (here, after `p4`: reading the address, then
configuring it), and point from the first to the second with `see` or a `[[…]]` reference."#,
}

impl Rule for LongChecklist {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        let count = procedure.steps.len();
        if count <= MAX_STEPS {
            return;
        }
        let span = procedure.title.as_ref().map_or_else(|| procedure.steps[MAX_STEPS].span.clone(), |t| t.span());
        let message = t!("long-checklist", count = count, max = MAX_STEPS);
        out.push(
            cx.finding(&META, span, message).label(t!("long-checklist.label")).help(t!("long-checklist.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\nlong-checklist = \"warning\"\n";

    /// VALID with `extra` more actions before its first step's answer `Sim`.
    fn with_steps(extra: usize) -> String {
        let mut text = VALID.replace("{ when = \"Sim\", next = \"exportar\" }", "{ when = \"Sim\", next = \"x1\" }");
        for i in 1..=extra {
            let next = if i == extra { "exportar".to_string() } else { format!("x{}", i + 1) };
            text.push_str(&format!("\n[steps.x{i}]\ntext = \"Confira o item {i}.\"\nnext = \"{next}\"\n"));
        }
        text
    }

    #[test]
    fn finds_thirteen_steps_once_turned_on() {
        let text = with_steps(9);
        let found = check_files(RuleId::LongChecklist, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "13 passos: o checklist impresso passa de uma página (cabem no máximo 12)"
        );
        assert_eq!(underlined(&text, &found[0]), "\"Perda do Backup A1\"");
        assert!(check_files(RuleId::LongChecklist, &[("procedures/p.toml", &text)]).is_empty(), "allowed by default");
    }

    #[test]
    fn passes_twelve_steps() {
        let text = with_steps(8);
        assert!(check_files(RuleId::LongChecklist, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]).is_empty());
    }
}
