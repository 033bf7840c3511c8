use crate::lint::declare::declare_rule;

declare_rule! {
    TomlSyntax: "toml-syntax", Error,
    summary: "the file is not valid TOML, or not UTF-8",
    doc: r#"### What it finds
A procedure, `sopbook.toml` or `manuals.toml` that is not valid TOML (an unclosed quote or
bracket, a key written twice, a missing `=`), or a file that is not UTF-8 text.

### Why it matters
Nothing in the file can be read until it parses, so none of its steps can be checked or shown.

### Example
```toml
title = "Perda do Backup A1
```

### Fix
Close the quote, bracket or table header at the position shown. Save the file as UTF-8 (VS Code:
"Save with Encoding" → UTF-8)."#,
    found_by: loader,
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check};

    #[test]
    fn fails_on_broken_toml() {
        let found = check(RuleId::TomlSyntax, "title = \"Perda do Backup A1\n");
        assert_eq!(found.len(), 1);
        // The loader's message, in the language of the run.
        assert!(found[0].message.contains("TOML"), "{}", found[0].message);
    }

    #[test]
    fn fails_on_a_repeated_key() {
        let found = check(RuleId::TomlSyntax, &format!("{VALID}\n[steps.acesso]\ntext = \"x\"\n"));
        assert!(!found.is_empty());
        assert!(found.iter().all(|f| f.message.contains("TOML") && f.message.ends_with("chave duplicada")), "{found:#?}");
    }

    #[test]
    fn passes_valid_toml() {
        assert!(check(RuleId::TomlSyntax, VALID).is_empty());
    }
}
