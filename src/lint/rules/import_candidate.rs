use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    ImportCandidate: "import-candidate", Warning,
    summary: "a step `sopbook import` marked for review (`# sopbook import:` on its line)",
    doc: r#"### What it finds
A line of a procedure that `sopbook import` marked with a `# sopbook import:` comment because it
could only guess: a sentence that reads like a decision but was imported as an action, a candidate
escalation, a picture the manual mentions but did not bring, a picture it brought without a
description, a step nothing leads to, the title it chose.

### Why it matters
The importer never invents branches: a manual whose choices are written as prose imports as a
straight line, which is valid but wrong. This rule keeps each guess visible until an editor has
looked at it.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.passo-1-1]  # sopbook import: decisão candidata
text = "Em casos em que a opção esteja inibida, deverá recuperar via DEBUG."
next = "passo-1-2"

[steps.passo-1-2]
end  = "resolution"
text = "Recupere o certificado via DEBUG."
```

### Fix
Do what the comment asks — for a candidate decision, replace `next` with
`branches = [{ when = "Sim", next = "…" }, { when = "Não", next = "…" }]` — then delete the
`# sopbook import:` comment."#,
}

const MARKER: &str = "# sopbook import:";

/// The TOML the helps show (code, the same in every language).
const BRANCHES: &str = r#"branches = [{ when = "Sim", next = "…" }, { when = "Não", next = "…" }]"#;
const IMAGE: &str = r#"image = { src = "…", alt = "…" }"#;

impl Rule for ImportCandidate {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = &cx.file.text;
        if !text.contains(MARKER) {
            return;
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            // Only marks that stand beside a key or a table: whole-line comments explain them.
            let Some(at) = line.find(MARKER) else { continue };
            if line.trim_start().starts_with('#') {
                continue;
            }
            let what = line[at + MARKER.len()..].trim();
            let step = cx.procedure.steps.iter().find(|s| s.span.start >= start && s.span.start < start + at);
            let help = if what.contains("decisão") || what.contains("decision") {
                t!("import-candidate.help-decision", branches = BRANCHES)
            } else if what.contains("escalonamento") || what.contains("escalation") {
                t!("import-candidate.help-escalation")
            } else if what.contains("sem descrição") || what.contains("without a description") {
                t!("import-candidate.help-no-alt")
            } else if what.contains("imagem") || what.contains("image") {
                t!("import-candidate.help-image", image = IMAGE)
            } else {
                t!("import-candidate.help")
            };
            let span = start + at..start + line.trim_end().len();
            let finding = cx.finding(&META, span, t!("import-candidate", what = what)).help(help);
            out.push(finding.step_opt(step.map(|s| s.id.get_ref().as_str())));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check};

    #[test]
    fn fails_on_marked_lines() {
        let text = VALID.replace("[steps.exportar]", "[steps.exportar]  # sopbook import: decisão candidata");
        let found = check(RuleId::ImportCandidate, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
        assert_eq!(found[0].message, "importado, para revisar: decisão candidata");
        assert_eq!(
            found[0].help.as_deref(),
            Some("troque `next` por `branches = [{ when = \"Sim\", next = \"…\" }, { when = \"Não\", next = \"…\" }]` e depois apague o comentário")
        );
        let english = crate::i18n::message_in(
            crate::i18n::Language::En,
            "import-candidate.help-decision",
            &[("branches", crate::i18n::Arg::from(super::BRANCHES))],
        );
        assert_eq!(
            english,
            "replace `next` with `branches = [{ when = \"Sim\", next = \"…\" }, { when = \"Não\", next = \"…\" }]`, then delete the comment"
        );
        let text = VALID.replace("[steps.exportar]", "[steps.exportar]  # sopbook import: imagem sem descrição");
        assert!(check(RuleId::ImportCandidate, &text)[0].help.as_deref().unwrap().contains("`alt`"));
    }

    #[test]
    fn passes_explanations_and_clean_files() {
        let text = format!("# sopbook import: a nota guarda o cabeçalho\n{VALID}");
        assert!(check(RuleId::ImportCandidate, &text).is_empty());
        assert!(check(RuleId::ImportCandidate, VALID).is_empty());
    }
}
