use crate::lint::declare::declare_rule;

declare_rule! {
    Schema: "schema", Error,
    summary: "an unknown key, a wrong type, a missing required key, or a bad step ID",
    doc: r#"### What it finds
Anything that is valid TOML but not a valid procedure (or `sopbook.toml`, or `manuals.toml`): a key
the format does not know (with "did you mean"), a value of the wrong type (a number where text is
expected, a date in quotes), a missing `title`, `section` or `steps` (an empty file lacks them all),
a step ID that is not lower-case letters, digits and `-`, an `end` other than `resolution` or
`escalation`, escalation keys on a step that is not an escalation, a ticket field with an unknown
key, no `name`, an unknown `kind` or a `required` that is not `true` or `false`, and an unknown rule
id or level in `sopbook.toml [lint]`.

### Why it matters
A misspelt key is silently ignored by most tools: the note or the SLA the editor wrote would never
reach the analyst.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
text   = "Gere um novo backup."
warnig = "O backup antigo deixa de valer."
next   = "resolvido"

[steps.resolvido]
end  = "resolution"
text = "Backup entregue."
```

### Fix
Use the key the message suggests (`warning`), or the type it asks for."#,
    found_by: loader,
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, check_files, underlined};

    #[test]
    fn fails_on_an_unknown_key_with_a_suggestion() {
        let text = VALID.replace("next = \"resolvido\"", "nxet = \"resolvido\"");
        let found = check(RuleId::Schema, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "nxet");
        // The loader's message, in the language of the run: what it suggests is the same in both.
        assert!(found[0].help.as_deref().unwrap().contains("`next`"), "{:?}", found[0].help);
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
    }

    #[test]
    fn fails_on_wrong_types() {
        let text =
            VALID.replace("updated = 2099-01-01", "updated = \"2099-01-01\"").replace("sla = \"24h\"", "sla = 24");
        let found = check(RuleId::Schema, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(underlined(&text, &found[0]), "\"2099-01-01\"");
        assert!(found[0].help.as_deref().unwrap().contains("`updated = 2099-01-01`"), "{:?}", found[0].help);
        assert_eq!(underlined(&text, &found[1]), "24");
    }

    #[test]
    fn fails_on_an_empty_file_once() {
        let found = check(RuleId::Schema, "");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`title`"), "{}", found[0].message);
    }

    #[test]
    fn fails_on_missing_required_keys() {
        let found = check(RuleId::Schema, "summary = \"x\"\n");
        assert_eq!(found.len(), 3, "{found:#?}");
        for (finding, key) in found.iter().zip(["`title`", "`section`", "`steps`"]) {
            assert!(finding.message.contains(key), "{}", finding.message);
        }
    }

    #[test]
    fn fails_on_a_bad_step_id_and_a_bad_end() {
        let text = VALID
            .replace("[steps.exportar]", "[steps.Exportar_2]")
            .replace("end = \"resolution\"", "end = \"resolved\"");
        let found = check(RuleId::Schema, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(underlined(&text, &found[0]), "Exportar_2");
        assert!(found[1].help.as_deref().unwrap().contains("`\"resolution\"`"), "{:?}", found[1].help);
    }

    #[test]
    fn fails_on_escalation_keys_elsewhere() {
        let text = VALID.replace("text = \"Gere um novo backup.\"", "to = \"Relacionamento\"");
        let found = check(RuleId::Schema, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "to");
    }

    #[test]
    fn fails_on_field_mistakes_where_they_are() {
        let fields = "fields = [\"CNPJ\", { name = \"Telefone 2\", kind = \"phon\", opcional = true }]";
        let text = VALID.replace("sla = \"24h\"", &format!("sla = \"24h\"\n{fields}"));
        let found = check(RuleId::Schema, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(underlined(&text, &found[0]), "\"phon\"");
        assert!(found[0].help.as_deref().unwrap().contains("`\"phone\"`"), "{:?}", found[0].help);
        assert_eq!(underlined(&text, &found[1]), "opcional");
        assert!(found.iter().all(|f| f.step.as_deref() == Some("chamado")));
    }

    #[test]
    fn fails_on_unknown_lint_rules_and_levels() {
        let config = "[lint]\nreview-overdu = \"allow\"\ndead-end = \"fatal\"\n";
        let found = check_files(RuleId::Schema, &[("sopbook.toml", config), ("procedures/p.toml", VALID)]);
        assert_eq!(found.len(), 2);
        assert!(found[0].help.as_deref().unwrap().contains("`review-overdue`"), "{:?}", found[0].help);
        assert!(found[1].message.contains("fatal"));
    }

    #[test]
    fn fails_on_unknown_keys_in_manuals() {
        let manuals = "[[manual]]\npath = \"A > B\"\nurll = \"https://x\"\n";
        let found = check_files(RuleId::Schema, &[("manuals.toml", manuals), ("procedures/p.toml", VALID)]);
        assert_eq!(found.len(), 1);
        assert!(found[0].help.as_deref().unwrap().contains("`url`"), "{:?}", found[0].help);
    }

    #[test]
    fn passes_a_valid_procedure() {
        assert!(check(RuleId::Schema, VALID).is_empty());
    }
}
