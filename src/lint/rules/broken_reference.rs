use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, spans_within};
use crate::load::Target;
use crate::model::{Reference, references};
use crate::suggest;
use crate::t;

declare_rule! {
    BrokenReference: "broken-reference", Error,
    summary: "a breadcrumb in `[[…]]`, `see` or `via`, or a `#step-id`, that resolves to nothing",
    doc: r#"### What it finds
A cross-reference that points at nothing: a breadcrumb in `[[…]]` (in `text`, `note`, `warning`,
`title` or the procedure's `summary`), in `see` or in `via` that is neither a procedure of this
knowledge base nor a manual of `manuals.toml`; or a `#step-id` that is not a step of the procedure
named (or, for `[[#step-id]]`, of the same procedure). White space around `>` does not matter;
spelling and case do.

### Why it matters
Manuals that point at manuals that no longer exist are how procedures drift: the analyst is sent
to look for something nobody can find.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.debug]
end  = "resolution"
text = "Siga o manual [[Certificado Digital > A1 > Debg]]."
```

### Fix
Correct the breadcrumb (the message suggests the closest existing one), or, if the manual exists
only in Qualitor, add it to `manuals.toml`:
```toml
[[manual]]
path = "Certificado Digital > A1 > Debug"
```"#,
}

impl Rule for BrokenReference {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (step, text) in cx.procedure.markdown_texts() {
            check_text(cx, text, step, out);
        }
        for step in &cx.procedure.steps {
            for entry in step.see.iter().chain(&step.via) {
                let reference = Reference::parse_inner(entry.get_ref(), 0..entry.get_ref().len());
                if let Some(finding) = check(cx, &reference, entry.span(), entry.get_ref()) {
                    out.push(finding.step(step.id.get_ref()));
                }
            }
        }
    }
}

fn check_text(cx: &Context<'_>, text: &Spanned<String>, step: Option<&str>, out: &mut Vec<Finding>) {
    let found = references(text.get_ref());
    let pieces: Vec<_> = found.iter().map(|r| r.range.clone()).collect();
    let spans = spans_within(cx.file, &text.span(), text.get_ref(), &pieces);
    for (reference, span) in found.into_iter().zip(spans) {
        let written = &text.get_ref()[reference.range.clone()];
        if let Some(finding) = check(cx, &reference, span, written) {
            out.push(finding.step_opt(step));
        }
    }
}

/// A finding when `reference` resolves to nothing.
fn check(cx: &Context<'_>, reference: &Reference, span: crate::model::Span, written: &str) -> Option<Finding> {
    let procedure = match &reference.target {
        None => cx.index,
        Some(crumb) => match cx.kb.index.resolve(crumb) {
            Some(Target::Procedure(p)) => p,
            // A Qualitor manual's steps are not known here: its anchors cannot be checked.
            Some(Target::Manual(_)) => return None,
            None => {
                let mut candidates: Vec<&str> = cx.kb.index.breadcrumbs().map(|b| b.as_str()).collect();
                candidates.sort_unstable();
                let help = match suggest::closest_breadcrumb(crumb.as_str(), candidates) {
                    Some(best) => t!("lint-did-you-mean", name = best),
                    None => t!("broken-reference-unknown.help", crumb = crumb.as_str()),
                };
                let message = t!("broken-reference-unknown", crumb = crumb.as_str());
                return Some(cx.finding(&META, span, message).label(t!("broken-reference-unknown.label")).help(help));
            }
        },
    };
    let Some(step) = reference.step.as_ref().filter(|s| !s.is_empty()) else {
        if reference.target.is_none() {
            return Some(
                cx.finding(&META, span, t!("broken-reference-nothing", written = written))
                    .help(t!("broken-reference-nothing.help")),
            );
        }
        return None;
    };
    if cx.kb.index.anchor(procedure, step).is_some() {
        return None;
    }
    let target = &cx.kb.procedures[procedure];
    let ids = target.steps.iter().map(|s| s.id.get_ref().as_str());
    let help = suggest::closest(step, ids).map(|best| t!("lint-did-you-mean", name = format!("#{best}")));
    let message = match &reference.target {
        None => t!("broken-reference-step-here", step = step.as_str()),
        Some(crumb) => t!("broken-reference-step", crumb = crumb.as_str(), step = step.as_str()),
    };
    Some(cx.finding(&META, span, message).label(t!("broken-reference-step.label")).help_opt(help))
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, check_files, underlined};

    const OTHER: &str = r#"
title = "Debug"
section = "Certificado Digital > A1"
owner = "Suporte"
updated = 2099-01-01
[steps.recuperar]
next = "fim"
[steps.fim]
end = "resolution"
"#;

    fn with_text(text: &str) -> String {
        VALID.replace("text = \"Gere um novo backup.\"", &format!("text = \"{text}\""))
    }

    #[test]
    fn fails_on_an_unknown_breadcrumb_with_a_suggestion() {
        let text = with_text("Siga [[Certificado Digital > A1 > Debg]] agora.");
        let found = check_files(RuleId::BrokenReference, &[("procedures/p.toml", &text), ("procedures/debug.toml", OTHER)]);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "[[Certificado Digital > A1 > Debg]]");
        assert_eq!(found[0].help.as_deref(), Some("você quis dizer `Certificado Digital > A1 > Debug`?"));
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
    }

    #[test]
    fn fails_on_unknown_step_anchors() {
        let text = with_text("Veja [[Certificado Digital>A1>Debug#recupera]] e [[#exporta|aqui]].");
        let found = check_files(RuleId::BrokenReference, &[("procedures/p.toml", &text), ("procedures/debug.toml", OTHER)]);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].help.as_deref(), Some("você quis dizer `#recuperar`?"));
        assert_eq!(found[0].message, "`Certificado Digital > A1 > Debug` não tem o passo `recupera`");
        assert_eq!(found[1].message, "este procedimento não tem o passo `exporta`");
        let english = crate::i18n::message_in(
            crate::i18n::Language::En,
            "broken-reference-step-here",
            &[("step", crate::i18n::Arg::from("exporta"))],
        );
        assert_eq!(english, "this procedure has no step `exporta`");
    }

    #[test]
    fn fails_on_see_and_via() {
        let text = VALID.replace(
            "to = \"Relacionamento\"",
            "to = \"Relacionamento\"\nvia = \"Nada > Aqui\"\nsee = [\"Outro > Manual\"]",
        );
        let found = check(RuleId::BrokenReference, &text);
        assert_eq!(found.len(), 2);
        assert_eq!(underlined(&text, &found[0]), "\"Nada > Aqui\"");
    }

    #[test]
    fn passes_references_in_code_and_escaped_ones() {
        // Inline code, a fenced code block, an indented one and an escaped bracket: all shown as
        // written, so none of them is a reference.
        let text = VALID.replace(
            "text = \"Gere um novo backup.\"",
            "text = \"\"\"\nUse `[[Nada > Existe]]` e \\\\[[Não > Ref]].\n\n```toml\ntext = \"[[Outro > Nada]]\"\n```\n\n    [[Recuado > Nada]]\n\"\"\"",
        );
        assert!(check(RuleId::BrokenReference, &text).is_empty(), "{text}");
    }

    #[test]
    fn fails_on_a_reference_after_an_escaped_backslash() {
        // `\\[[…]]` is a backslash shown as text, then a real reference, underlined exactly.
        let text = with_text("Caminho C:\\\\\\\\[[Nada > Aqui]] e `x` [[Nada > Ali]]");
        let found = check(RuleId::BrokenReference, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(underlined(&text, &found[0]), "[[Nada > Aqui]]");
        assert_eq!(underlined(&text, &found[1]), "[[Nada > Ali]]");
    }

    #[test]
    fn passes_procedures_manuals_and_anchors() {
        let text = with_text(
            "Siga [[ Certificado Digital >A1> Debug#recuperar|o manual]], [[#acesso]] e [[Qualitor > Chamados]].",
        )
        .replace("to = \"Relacionamento\"", "to = \"Relacionamento\"\nvia = \"Qualitor > Chamados\"");
        let manuals = "[[manual]]\npath = \"Qualitor > Chamados\"\n";
        let files = [("procedures/p.toml", text.as_str()), ("procedures/debug.toml", OTHER), ("manuals.toml", manuals)];
        assert!(check_files(RuleId::BrokenReference, &files).is_empty());
    }
}
