use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    MissingMetadata: "missing-metadata", Warning,
    summary: "no `owner` or no `updated`",
    doc: r#"### What it finds
A procedure without `owner` (who answers for it) or without `updated` (the date of its last
review).

### Why it matters
A procedure nobody owns is a procedure nobody fixes; without a date, nobody knows whether it is
still true, and `review-overdue` cannot warn when it gets old.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```

### Fix
```toml
owner   = "Suporte Técnico"
updated = 2019-11-22
```"#,
}

impl Rule for MissingMetadata {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        let span = procedure.title.as_ref().map_or(0..0, |t| t.span());
        let invalid = |key| procedure.invalid_keys.contains(&key);
        let no_owner = procedure.owner.as_ref().is_none_or(|o| o.get_ref().trim().is_empty());
        if no_owner && !invalid("owner") {
            out.push(
                cx.finding(&META, span.clone(), t!("missing-metadata")).help(t!("missing-metadata.help")),
            );
        }
        if procedure.updated.is_none() && !invalid("updated") {
            out.push(
                cx.finding(&META, span, t!("missing-metadata-updated")).help(t!("missing-metadata-updated.help")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check};

    #[test]
    fn fails_without_owner_or_updated() {
        let text = VALID.replace("owner = \"Suporte Técnico\"\n", "").replace("updated = 2099-01-01\n", "");
        let found = check(RuleId::MissingMetadata, &text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "o procedimento não tem `owner`");
        assert_eq!(found[1].message, "o procedimento não tem a data `updated`");
        assert!(found.iter().all(|f| f.severity == crate::lint::Severity::Warning));
    }

    #[test]
    fn passes_with_both() {
        assert!(check(RuleId::MissingMetadata, VALID).is_empty());
    }
}
