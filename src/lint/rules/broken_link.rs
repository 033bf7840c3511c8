use pulldown_cmark::{Event, LinkType, Parser, Tag};
use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, spans_within};
use crate::load::paths::is_local_link;
use crate::model::Span;
use crate::suggest;
use crate::t;

declare_rule! {
    BrokenLink: "broken-link", Error,
    summary: "a Markdown link to a file, or to a `#step-id` that is not a step of the procedure",
    doc: r#"### What it finds
A link written in Markdown in a procedure's text (`text`, `note`, `warning`, `title` or `summary`)
that leads nowhere on the site:
- a link to a file by its path (`[manual](manual.pdf)`, `[outro](../outro.html)`, `[x](/x)`):
  the site publishes no file of the knowledge base but the images of the `image` key, and its
  pages are not where the files are;
- a link to an anchor (`[volte](#acesso)`) that is not a step of the same procedure.

Links to the web (`https://…`), e-mail addresses (`mailto:…`) and anchors of existing steps are
fine; an anchor leads to that step of the procedure's page, from the page and from its
checklists alike.

### Why it matters
The analyst clicks and gets a "page not found", on the site, on the printed checklist's page and
on the page with every checklist.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.acesso]
end  = "resolution"
text = "Siga o [manual do certificado](manual-a1.pdf) e [volte ao início](#inicio)."
```
with no step `inicio` in the procedure.

### Fix
Point at a procedure or a step with a cross-reference (`[[Certificado Digital > A1 > Debug]]`,
`[[#acesso]]`), at a Qualitor manual listed in `manuals.toml`, or at a web address:
```toml
text = "Siga o [[Certificado Digital > A1 > Manual]] e volte ao [[#acesso|início]]."
```"#,
}

impl Rule for BrokenLink {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (step, text) in cx.procedure.markdown_texts() {
            check_text(cx, text, step, out);
        }
    }
}

/// The links of `text` that lead nowhere.
fn check_text(cx: &Context<'_>, text: &Spanned<String>, step: Option<&str>, out: &mut Vec<Finding>) {
    if !text.get_ref().contains("](") && !text.get_ref().contains("]:") {
        return;
    }
    let mut found: Vec<(String, Span)> = Vec::new();
    for (event, range) in Parser::new_ext(text.get_ref(), crate::model::markdown::options()).into_offset_iter() {
        if let Event::Start(Tag::Link { link_type, dest_url, .. }) = event
            && link_type != LinkType::Email
            && leads_nowhere(cx, &dest_url)
        {
            found.push((dest_url.into_string(), range));
        }
    }
    let pieces: Vec<Span> = found.iter().map(|(_, range)| range.clone()).collect();
    for ((url, _), span) in found.iter().zip(spans_within(cx.file, &text.span(), text.get_ref(), &pieces)) {
        let finding = match url.trim().strip_prefix('#') {
            Some(anchor) => {
                let ids = cx.procedure.steps.iter().map(|s| s.id.get_ref().as_str());
                let help = match suggest::closest(anchor, ids) {
                    Some(best) => t!("broken-link-anchor.suggestion", best = best),
                    None => t!("broken-link-anchor.help"),
                };
                cx.finding(&META, span, t!("broken-link-anchor", url = url)).help(help)
            }
            None => cx
                .finding(&META, span, t!("broken-link-file", url = url))
                .label(t!("broken-link-file.label"))
                .help(t!("broken-link-file.help")),
        };
        out.push(finding.step_opt(step));
    }
}

/// A path to a file, or an anchor that is not a step of the procedure.
fn leads_nowhere(cx: &Context<'_>, url: &str) -> bool {
    match url.trim().strip_prefix('#') {
        Some(anchor) => !cx.procedure.steps.iter().any(|s| s.id.get_ref() == anchor),
        None => is_local_link(url),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    fn with_text(text: &str) -> String {
        VALID.replace("text = \"Gere um novo backup.\"", &format!("text = \"{text}\""))
    }

    #[test]
    fn fails_on_links_to_files_and_to_anchors_that_are_no_step() {
        let text =
            with_text("Veja o [manual](manual.pdf), [outro](../a/b.html), [raiz](/x) e \\\"[volte](#acess)\\\".");
        let found = check(RuleId::BrokenLink, &text);
        let shown: Vec<&str> = found.iter().map(|f| underlined(&text, f)).collect();
        assert_eq!(shown, ["[manual](manual.pdf)", "[outro](../a/b.html)", "[raiz](/x)", "[volte](#acess)"]);
        assert!(found[3].help.as_deref().unwrap().contains("`#acesso`"), "{:?}", found[3].help);
        assert!(found.iter().all(|f| f.step.as_deref() == Some("exportar")));
        let summary = VALID.replace("summary = \"Quando", "summary = \"[ref][r]\\n\\n[r]: doc.txt\\n\\nQuando");
        let found = check(RuleId::BrokenLink, &summary);
        assert_eq!(found.iter().map(|f| underlined(&summary, f)).collect::<Vec<_>>(), ["[ref][r]"], "{summary}");
        assert_eq!(found[0].step, None);
    }

    #[test]
    fn passes_web_addresses_e_mail_and_anchors_of_steps() {
        let text = with_text(
            "Veja [o site](https://x.example/a), [mail](mailto:a@b.c), <a@b.c>, [volte](#acesso) e [[#chamado]].",
        );
        assert!(check(RuleId::BrokenLink, &text).is_empty());
    }
}
