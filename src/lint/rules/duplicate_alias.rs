use std::collections::HashMap;

use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Finding, Rule};
use crate::load::KnowledgeBase;
use crate::model::{Procedure, Span};
use crate::t;
use crate::text::fold;

declare_rule! {
    DuplicateAlias: "duplicate-alias", Warning,
    summary: "an alias that is another procedure's alias or title, written twice, or empty",
    doc: r#"### What it finds
An entry of `aliases` that, compared without case, accents or extra white space, is:
- an alias of another procedure (the first file in path order keeps it; each other one is
  reported);
- the title of another procedure;
- written twice in the same procedure;
- empty or only white space.

### Why it matters
An alias is the customer's own way of describing one procedure's problem, so that the search
leads there. When two procedures claim the same words, or the words are another procedure's
title, the search cannot tell which one the analyst wants, and each editor believes the words
lead to their own procedure. A repeated or empty alias teaches the search nothing.

### Example
```toml
# file: procedures/certificado-digital/a1/perda-do-backup-a1.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01
aliases = ["perdi o pfx"]

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```
```toml
# file: procedures/certificado-digital/a1/exportar-a1.toml
title   = "Exportar A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01
aliases = ["Perdi o PFX"]

[steps.exportar]
end  = "resolution"
text = "Exporte o certificado com a chave privada."
```

### Fix
Keep the alias on the procedure that the customer's words really describe, or make each one
more specific (`"perdi o pfx e formatei"`). Remove repeated and empty entries."#,
}

impl Rule for DuplicateAlias {
    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        // No alias anywhere: nothing to compare, and no title to fold.
        if kb.procedures.iter().all(|p| p.aliases.is_empty()) {
            return;
        }
        let titles = titles(kb);
        // Normalised alias → the procedure (index) and the alias that first used it.
        let mut first: HashMap<String, (usize, &Spanned<String>)> = HashMap::new();
        for (index, procedure) in kb.procedures.iter().enumerate() {
            for alias in &procedure.aliases {
                let key = normalise(alias.get_ref());
                if key.is_empty() {
                    out.push(empty(procedure, alias));
                } else if let Some(&(_, earlier)) = first.get(&key).filter(|(owner, _)| *owner == index) {
                    out.push(repeated(procedure, alias, earlier));
                } else if let Some(other) = other_title(kb, &titles, &key, index) {
                    out.push(same_as_title(kb, procedure, alias, other));
                } else if let Some(&(owner, earlier)) = first.get(&key) {
                    out.push(same_as_alias(kb, procedure, alias, &kb.procedures[owner], earlier));
                } else {
                    first.insert(key, (index, alias));
                }
            }
        }
    }
}

/// Folded for accents and case, white space collapsed: how two phrasings are compared.
fn normalise(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalised title → the procedures (indices) with that title, in path order.
fn titles(kb: &KnowledgeBase) -> HashMap<String, Vec<usize>> {
    let mut titles: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, procedure) in kb.procedures.iter().enumerate() {
        if let Some(title) = &procedure.title {
            titles.entry(normalise(title.get_ref())).or_default().push(index);
        }
    }
    titles
}

/// The first procedure other than `index` whose title is `key`.
fn other_title<'k>(
    kb: &'k KnowledgeBase,
    titles: &HashMap<String, Vec<usize>>,
    key: &str,
    index: usize,
) -> Option<&'k Procedure> {
    let other = titles.get(key)?.iter().copied().find(|&i| i != index)?;
    Some(&kb.procedures[other])
}

/// The title and the file of a procedure, as messages name it: `Perda do Backup A1`,
/// `procedures/a1/perda.toml`.
fn named<'k>(kb: &'k KnowledgeBase, procedure: &'k Procedure) -> (&'k str, &'k str) {
    let title = procedure.title.as_ref().map_or("", |t| t.get_ref().as_str());
    (title, kb.files[procedure.file].path.as_str())
}

fn title_span(procedure: &Procedure) -> Span {
    procedure.title.as_ref().map_or(0..0, |t| t.span())
}

fn empty(procedure: &Procedure, alias: &Spanned<String>) -> Finding {
    Finding::new(META.id, procedure.file, alias.span(), t!("duplicate-alias-empty"))
        .label(t!("duplicate-alias-empty.label"))
        .help(t!("duplicate-alias-empty.help"))
}

fn repeated(procedure: &Procedure, alias: &Spanned<String>, earlier: &Spanned<String>) -> Finding {
    Finding::new(META.id, procedure.file, alias.span(), t!("duplicate-alias-twice", alias = alias.get_ref()))
        .label(t!("duplicate-alias-twice.label"))
        .related(procedure.file, earlier.span(), t!("duplicate-alias-twice.related"))
        .help(t!("duplicate-alias-twice.help"))
}

fn same_as_title(kb: &KnowledgeBase, procedure: &Procedure, alias: &Spanned<String>, other: &Procedure) -> Finding {
    let (title, path) = named(kb, other);
    let message = t!("duplicate-alias-title", alias = alias.get_ref(), title = title, path = path);
    Finding::new(META.id, procedure.file, alias.span(), message)
        .label(t!("duplicate-alias-title.label"))
        .related(other.file, title_span(other), t!("duplicate-alias-title.related"))
        .help(t!("duplicate-alias-title.help"))
}

fn same_as_alias(
    kb: &KnowledgeBase,
    procedure: &Procedure,
    alias: &Spanned<String>,
    other: &Procedure,
    earlier: &Spanned<String>,
) -> Finding {
    let (title, path) = named(kb, other);
    let message = t!("duplicate-alias-other", alias = alias.get_ref(), title = title, path = path);
    Finding::new(META.id, procedure.file, alias.span(), message)
        .label(t!("duplicate-alias-other.label"))
        .related(other.file, earlier.span(), t!("duplicate-alias-other.related"))
        .help(t!("duplicate-alias-other.help"))
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    /// `VALID` with another title and these aliases.
    fn with(title: &str, aliases: &str) -> String {
        VALID.replace("Perda do Backup A1", title).replace("owner =", &format!("aliases = [{aliases}]\nowner ="))
    }

    fn found(files: &[(&str, &str)]) -> Vec<crate::lint::Finding> {
        check_files(RuleId::DuplicateAlias, files)
    }

    #[test]
    fn fails_on_an_alias_of_another_procedure() {
        let a = with("Perda do Backup A1", "\"perdi o pfx\"");
        let b = with("Exportar A1", "\"formatou\", \"perdi o pfx\"");
        let found = found(&[("procedures/a.toml", &a), ("procedures/b.toml", &b)]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, 1);
        assert_eq!(underlined(&b, &found[0]), "\"perdi o pfx\"");
        assert_eq!(
            found[0].message,
            "o apelido `perdi o pfx` também é apelido de `Perda do Backup A1` (procedures/a.toml)"
        );
        assert_eq!(found[0].related[0].file, 0);
        assert_eq!(&a[found[0].related[0].span.clone()], "\"perdi o pfx\"");
        assert_eq!(found[0].severity, crate::lint::Severity::Warning);
    }

    #[test]
    fn fails_on_another_procedures_title() {
        let a = with("Perda do Backup A1", "\"formatou o computador\"");
        let b = with("Exportar A1", "\"perda do backup a1\"");
        let found = found(&[("procedures/a.toml", &a), ("procedures/b.toml", &b)]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, 1);
        assert_eq!(
            found[0].message,
            "o apelido `perda do backup a1` é o título de outro procedimento, `Perda do Backup A1` (procedures/a.toml)"
        );
    }

    #[test]
    fn fails_across_accents_case_and_white_space() {
        let a = with("Perda do Backup A1", "\"Não acho o certificado\"");
        let b = with("Exportar A1", "\"  nao ACHO   o  certificado \"");
        let c = with("Debug", "\"exportação\"");
        let d = with("Outro", "\"EXPORTACAO\"");
        let found = found(&[
            ("procedures/a.toml", &a),
            ("procedures/b.toml", &b),
            ("procedures/c.toml", &c),
            ("procedures/d.toml", &d),
        ]);
        let files: Vec<usize> = found.iter().map(|f| f.file).collect();
        assert_eq!(files, [1, 3], "{found:#?}");
    }

    #[test]
    fn fails_on_the_same_alias_twice_and_on_an_empty_one() {
        let text = with("Perda do Backup A1", "\"perdi o pfx\", \"Perdi o PFX\", \"  \"");
        let found = found(&[("procedures/a.toml", &text)]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["o apelido `Perdi o PFX` foi escrito duas vezes", "apelido vazio"]);
        let english = crate::i18n::message_in(crate::i18n::Language::En, "duplicate-alias-empty", &[]);
        assert_eq!(english, "empty alias");
        assert_eq!(underlined(&text, &found[0]), "\"Perdi o PFX\"");
        assert_eq!(underlined(&text, &found[1]), "\"  \"");
    }

    #[test]
    fn passes_distinct_aliases_and_the_procedures_own_title() {
        let a = with("Perda do Backup A1", "\"perdi o pfx\", \"perda do backup a1\"");
        let b = with("Exportar A1", "\"perdi o pfx de novo\", \"formatou\"");
        assert!(found(&[("procedures/a.toml", &a), ("procedures/b.toml", &b)]).is_empty());
        assert!(found(&[("procedures/a.toml", VALID)]).is_empty());
    }
}
