use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    ImageAlt: "image-alt", Warning,
    summary: "an image without alt text",
    doc: r#"### What it finds
An `image` without `alt`, or with an empty one.

### Why it matters
The alt text is what a screen reader says, what shows when the picture fails to load, and what the
printed checklist and the search index use in its place.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.chamado]
end   = "resolution"
text  = "Abra o chamado no Qualitor."
image = { src = "qualitor-chamado.png" }
```
with the screenshot `qualitor-chamado.png` beside the procedure file.

### Fix
```toml
image = { src = "qualitor-chamado.png", alt = "Tela de abertura de chamado no Qualitor" }
```"#,
}

impl Rule for ImageAlt {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in &cx.procedure.steps {
            for image in &step.images {
                if image.alt.as_ref().is_some_and(|a| !a.get_ref().trim().is_empty()) {
                    continue;
                }
                out.push(
                    cx.finding(&META, image.span.clone(), t!("image-alt"))
                        .help(t!("image-alt.help"))
                        .step(step.id.get_ref()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check};

    fn with_image(image: &str) -> String {
        VALID.replace("text = \"Backup entregue.\"", &format!("text = \"Backup entregue.\"\nimage = {image}"))
    }

    #[test]
    fn fails_without_alt_or_with_an_empty_one() {
        assert_eq!(check(RuleId::ImageAlt, &with_image("{ src = \"a.png\" }")).len(), 1);
        assert_eq!(check(RuleId::ImageAlt, &with_image("[{ src = \"a.png\", alt = \" \" }, { src = \"b.png\" }]")).len(), 2);
    }

    #[test]
    fn passes_with_alt() {
        assert!(check(RuleId::ImageAlt, &with_image("{ src = \"a.png\", alt = \"Tela\" }")).is_empty());
    }
}
