use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::model::{Sla, StepKind};
use crate::t;

declare_rule! {
    EscalationIncomplete: "escalation-incomplete", Error,
    summary: "an escalation without `to` or a valid `sla`",
    doc: r#"### What it finds
An escalation (`end = "escalation"`) that does not say which sector receives the case (`to`), or
whose promised return (`sla`) is missing or is not a number and a unit: `h` for hours, `d` for
calendar days, `du` for business days (`"24h"`, `"2d"`, `"2du"`). Business days are Monday to
Friday, less the holidays of `[calendar] holidays` in `sopbook.toml`. A unit written in words
(`"24 horas"`, `"2 dias úteis"`) is named in the help.

### Why it matters
The analyst must tell the client who will call back and when. Without `to` and `sla` the promise
is improvised on every call.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.chamado]
end  = "escalation"
text = "Abra um chamado."
sla  = "24 horas"
```

### Fix
```toml
[steps.chamado]
end = "escalation"
to  = "Relacionamento"
sla = "24h"
```"#,
}

impl Rule for EscalationIncomplete {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in cx.procedure.steps.iter().filter(|s| s.kind() == StepKind::Escalation) {
            let id = step.id.get_ref();
            let no_sector = step.to.as_ref().is_none_or(|to| to.get_ref().trim().is_empty());
            if no_sector && !step.is_invalid("to") {
                out.push(
                    cx.finding(&META, step.span.clone(), t!("escalation-incomplete-to", id = id))
                        .label(t!("escalation-incomplete-to.label"))
                        .help(t!("escalation-incomplete-to.help"))
                        .step(id),
                );
            }
            match &step.sla {
                None if !step.is_invalid("sla") => out.push(
                    cx.finding(&META, step.span.clone(), t!("escalation-incomplete-sla", id = id))
                        .label(t!("escalation-incomplete-sla.label"))
                        .help(t!("escalation-incomplete-sla.help"))
                        .step(id),
                ),
                Some(sla) => {
                    if let Err(why) = sla.get_ref().parse::<Sla>() {
                        out.push(
                            cx.finding(&META, sla.span(), t!("escalation-incomplete-invalid", id = id, why = why.to_string()))
                                .help(why.help())
                                .step(id),
                        );
                    }
                }
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_without_to_or_sla() {
        let text = VALID.replace("to = \"Relacionamento\"\n", "").replace("sla = \"24h\"\n", "");
        let found = check(RuleId::EscalationIncomplete, &text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "o escalonamento `chamado` não tem `to`");
        assert_eq!(found[1].message, "o escalonamento `chamado` não tem `sla`");
        assert_eq!(found[1].label.as_deref(), Some("quando o cliente terá retorno?"));
    }

    #[test]
    fn fails_on_an_sla_in_words() {
        let text = VALID.replace("sla = \"24h\"", "sla = \"24 horas\"");
        let found = check(RuleId::EscalationIncomplete, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\"24 horas\"");
    }

    #[test]
    fn passes_a_complete_escalation() {
        assert!(check(RuleId::EscalationIncomplete, VALID).is_empty());
        assert!(check(RuleId::EscalationIncomplete, &VALID.replace("\"24h\"", "\"2d\"")).is_empty());
        assert!(check(RuleId::EscalationIncomplete, &VALID.replace("\"24h\"", "\"2du\"")).is_empty());
        assert!(check(RuleId::EscalationIncomplete, &VALID.replace("\"24h\"", "\"1 DU\"")).is_empty());
    }

    #[test]
    fn business_days_in_words_are_named_in_the_help() {
        let text = VALID.replace("sla = \"24h\"", "sla = \"2 dias úteis\"");
        let found = check(RuleId::EscalationIncomplete, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\"2 dias úteis\"");
        // What is wrong with the value, and the suggestion, are the SLA's own messages.
        let why = "2 dias úteis".parse::<crate::model::Sla>().unwrap_err();
        assert_eq!(found[0].message, format!("o `sla` do escalonamento `chamado` não é válido: {why}"));
        assert_eq!(found[0].help, Some(why.help()));
        assert!(found[0].help.as_deref().unwrap().contains("`\"2du\"`"), "{:?}", found[0].help);
    }
}
