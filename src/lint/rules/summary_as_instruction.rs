use super::infinitive_start;
use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    SummaryAsInstruction: "summary-as-instruction", Allow,
    summary: "a \"Quando usar\" (summary) written as an instruction, not as the situation",
    doc: r#"### What it finds
A `summary` that starts with an infinitive or a gerund (`Orientar o analista…`,
`Explicando…`) or with "Procedimento", "Este procedimento" or "Manual": a sentence about the
procedure, for editors, rather than the situation the analyst recognises. Allowed by default:
turn it on in `sopbook.toml` with `summary-as-instruction = "warning"` (or `"error"`) under
`[lint]`.

### Why it matters
The summary is shown as "Quando usar" on the page, on the checklist and in the index by symptom
of the printed handbook: the analyst matches it against what the customer says. "Orientar o
analista em casos em que o cliente não localize o backup" makes them read to the end to find the
symptom.

### Example
```toml
# file: sopbook.toml
[lint]
summary-as-instruction = "warning"
```

```toml
# file: procedures/backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
summary = "Orientar o analista em casos em que o cliente não localize seu backup do certificado A1."
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.fim]
end  = "resolution"
text = "Novo backup gerado."
```

### Fix
Write the situation: `summary = "O cliente não encontra o backup do certificado A1."` or
`"Quando o cliente não encontra o backup do certificado A1."`."#,
}

/// Starts of a sentence about the procedure rather than the case.
const ABOUT_THE_PROCEDURE: &[&str] = &["procedimento", "este procedimento", "esse procedimento", "manual", "este manual"];

impl Rule for SummaryAsInstruction {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(summary) = &cx.procedure.summary else { return };
        let text = summary.get_ref().trim_start();
        let lower = text.to_lowercase();
        let about = ABOUT_THE_PROCEDURE
            .iter()
            .find(|start| lower.strip_prefix(**start).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)));
        let word = match (infinitive_start(text), about) {
            (Some(word), _) => word.to_string(),
            (None, Some(start)) => text[..start.len()].to_string(),
            (None, None) => return,
        };
        out.push(
            cx.finding(&META, summary.span(), t!("summary-as-instruction", word = word))
                .label(t!("summary-as-instruction.label"))
                .help(t!("summary-as-instruction.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\nsummary-as-instruction = \"warning\"\n";
    const SUMMARY: &str = "Quando o cliente não localiza o backup.";

    #[test]
    fn finds_an_instruction_once_turned_on() {
        for (said, word) in [
            ("Orientar o analista quando o backup some.", "Orientar"),
            ("Este procedimento trata do backup.", "Este procedimento"),
        ] {
            let text = VALID.replace(SUMMARY, said);
            let found = check_files(RuleId::SummaryAsInstruction, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].message, format!("o `summary` começa com `{word}`: é uma instrução, não a situação"));
            assert_eq!(underlined(&text, &found[0]), format!("\"{said}\""));
            assert!(check_files(RuleId::SummaryAsInstruction, &[("procedures/p.toml", &text)]).is_empty());
        }
    }

    #[test]
    fn passes_a_situation() {
        for said in [SUMMARY, "O cliente perdeu o backup.", "Procedimentos fiscais travados no PDV."] {
            let text = VALID.replace(SUMMARY, said);
            let found = check_files(RuleId::SummaryAsInstruction, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
            assert!(found.is_empty(), "{said}: {found:?}");
        }
    }
}
