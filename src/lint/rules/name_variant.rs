use std::collections::HashMap;

use crate::lint::declare::declare_rule;
use crate::lint::{Finding, Rule};
use crate::load::KnowledgeBase;
use crate::model::{Breadcrumb, MAX_SECTION_PARTS, Span};
use crate::site_paths::{section_url, tag_url};
use crate::t;

declare_rule! {
    NameVariant: "name-variant", Warning,
    summary: "a section or tag written in two ways that share one page",
    doc: r#"### What it finds
A section (or a level of one) or a tag written differently in two procedures, when the difference
is only case, accents, punctuation or how the accents are encoded: `Certificado Digital` and
`certificado digital`, `Exportação` and `Exportacao`.

### Why it matters
The site gives both one page (the address is made without case or accents), so the two groups of
procedures are listed together under the first way of writing it; analysts see one name on the
list and another on the procedure, and searching for the exact words finds only part of them.

### Example
```toml
# file: procedures/a1/perda.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```
```toml
# file: procedures/a1/debug.toml
title   = "Debug"
section = "certificado digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.debug]
end  = "resolution"
text = "Recupere o certificado via DEBUG."
```

### Fix
Write the section or tag the same way everywhere, as the Qualitor tree spells it."#,
}

impl Rule for NameVariant {
    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        // Page → the first way of writing it, and where.
        let mut first: HashMap<String, (String, usize, Span)> = HashMap::new();
        // Reports `written` when its page was first written another way; true if it did.
        let mut check = |url: String, written: &str, file: usize, span: Span, tag: bool| -> bool {
            match first.get(&url) {
                None => {
                    first.insert(url, (written.to_string(), file, span));
                    false
                }
                Some((other, other_file, other_span)) if other != written => {
                    let message = if tag {
                        t!("name-variant-tag", written = written, other = other)
                    } else {
                        t!("name-variant", written = written, other = other)
                    };
                    out.push(
                        Finding::new(META.id, file, span, message)
                            .label(t!("name-variant.label"))
                            .related(*other_file, other_span.clone(), t!("name-variant.related", other = other))
                            .help(t!("name-variant.help", other = other)),
                    );
                    true
                }
                Some(_) => false,
            }
        };
        for procedure in &kb.procedures {
            if let Some(section) = &procedure.section {
                let crumb = Breadcrumb::parse(section.get_ref());
                let parts: Vec<&str> = crumb.segments().take(MAX_SECTION_PARTS).collect();
                // The first level that differs is reported; the levels below it would repeat it.
                for depth in 1..=parts.len() {
                    let written = parts[..depth].join(" > ");
                    if check(section_url(&parts[..depth]), &written, procedure.file, section.span(), false) {
                        break;
                    }
                }
            }
            for tag in &procedure.tags {
                check(tag_url(tag.get_ref()), tag.get_ref().trim(), procedure.file, tag.span(), true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files};

    fn with(section: &str, tags: &str) -> String {
        VALID
            .replace("Certificado Digital > A1", section)
            .replace("owner =", &format!("tags = [{tags}]\nowner ="))
            .replace("Perda do Backup A1", &format!("Perda {}", section.len() + tags.len()))
    }

    #[test]
    fn fails_on_case_accents_and_unicode_forms() {
        let files = [
            ("procedures/a.toml", with("Certificado Digital > Exportação", "\"Backup\"")),
            ("procedures/b.toml", with("certificado digital > Exportação", "\"backup\"")),
            ("procedures/c.toml", with("Certificado Digital > Exportac\u{0327}a\u{0303}o", "\"Backup\"")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let found = check_files(RuleId::NameVariant, &files);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "a seção `certificado digital` está escrita `Certificado Digital` em outro lugar",
                "a etiqueta `backup` está escrita `Backup` em outro lugar",
                "a seção `Certificado Digital > Exportac\u{0327}a\u{0303}o` está escrita `Certificado Digital > Exportação` em outro lugar",
            ]
        );
        assert!(found.iter().all(|f| f.severity == crate::lint::Severity::Warning));
    }

    #[test]
    fn passes_the_same_spelling_and_different_names() {
        let files = [
            ("procedures/a.toml", with("Certificado Digital > A1", "\"Backup\"")),
            ("procedures/b.toml", with("Certificado Digital > A3", "\"Backup\", \"A1\"")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert!(check_files(RuleId::NameVariant, &files).is_empty());
    }
}
