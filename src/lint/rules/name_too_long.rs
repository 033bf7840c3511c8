use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::model::{Breadcrumb, MAX_NAME_CHARS, MAX_SECTION_PARTS};
use crate::t;

declare_rule! {
    NameTooLong: "name-too-long", Error,
    summary: "a section deeper than 16 levels, or a section part, title or tag longer than 200 characters",
    doc: r#"### What it finds
A `section` with more than 16 parts (`A > B > … `), or a section part, `title` or tag longer than
200 characters.

### Why it matters
Every section and tag is a page of the site, named after it, and every level of a section is a
folder. Past these limits the names no longer fit in a file name (251 characters on most systems)
and the pages of a very deep section would repeat the whole tree: the build would fail or take
minutes and gigabytes. With `--allow-errors` the site uses the first 16 parts and the first 200
characters of each.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1 > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup > Backup"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```

### Fix
Shorten the section to the levels of the Qualitor tree (rarely more than four), and write long
explanations in `summary` instead of the title or a tag."#,
}

impl Rule for NameTooLong {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        if let Some(section) = &procedure.section {
            let crumb = Breadcrumb::parse(section.get_ref());
            let parts = crumb.segments().count();
            if parts > MAX_SECTION_PARTS {
                out.push(
                    cx.finding(&META, section.span(), t!("name-too-long", parts = parts))
                        .label(t!("name-too-long.label", max = MAX_SECTION_PARTS))
                        .help(t!("name-too-long.help")),
                );
            }
            if let Some(part) = crumb.segments().take(MAX_SECTION_PARTS).find(|p| too_long(p)) {
                out.push(
                    cx.finding(&META, section.span(), t!("name-too-long-part", chars = chars(part)))
                        .label(t!("name-too-long-part.label", max = MAX_NAME_CHARS))
                        .help(t!("name-too-long-part.help")),
                );
            }
        }
        if let Some(title) = procedure.title.as_ref().filter(|t| too_long(t.get_ref())) {
            out.push(
                cx.finding(&META, title.span(), t!("name-too-long-title", chars = chars(title.get_ref())))
                    .label(t!("name-too-long-title.label", max = MAX_NAME_CHARS))
                    .help(t!("name-too-long-title.help")),
            );
        }
        for tag in procedure.tags.iter().filter(|t| too_long(t.get_ref())) {
            out.push(
                cx.finding(&META, tag.span(), t!("name-too-long-tag", chars = chars(tag.get_ref())))
                    .label(t!("name-too-long-tag.label", max = MAX_NAME_CHARS))
                    .help(t!("name-too-long-tag.help")),
            );
        }
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn too_long(text: &str) -> bool {
    text.trim().chars().nth(MAX_NAME_CHARS).is_some()
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_a_deep_section() {
        let deep = format!("A1{}", " > B".repeat(16));
        let text = VALID.replace("Certificado Digital > A1", &deep);
        let found = check(RuleId::NameTooLong, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "a seção tem 17 partes");
        assert_eq!(found[0].label.as_deref(), Some("no máximo 16"));
        assert_eq!(underlined(&text, &found[0]), format!("\"{deep}\""));
    }

    #[test]
    fn fails_on_long_parts_titles_and_tags() {
        let long = "x".repeat(201);
        let text = VALID
            .replace("Certificado Digital > A1", &format!("Certificado Digital > {long}"))
            .replace("title = \"Perda do Backup A1\"", &format!("title = \"{long}\"\ntags = [\"ok\", \"{long}\"]"));
        let found = check(RuleId::NameTooLong, &text);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            // In file order: the title and tags are written before the section.
            ["o título tem 201 caracteres", "a etiqueta tem 201 caracteres", "uma parte da seção tem 201 caracteres"]
        );
    }

    #[test]
    fn passes_at_the_limits() {
        let part = "é".repeat(200);
        let section = vec![part.as_str(); 16].join(" > ");
        let text = VALID.replace("Certificado Digital > A1", &section);
        assert!(check(RuleId::NameTooLong, &text).is_empty());
        assert!(check(RuleId::NameTooLong, VALID).is_empty());
    }
}
