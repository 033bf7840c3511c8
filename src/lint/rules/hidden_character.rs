use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, spans_within};
use crate::t;

declare_rule! {
    HiddenCharacter: "hidden-character", Warning,
    summary: "an invisible character (zero-width space, direction override…) in a text",
    doc: r#"### What it finds
A character that shows as nothing, or that changes the order in which the text around it is
displayed, anywhere in a procedure: a title, a step, a branch answer, a tag, an alias, an escalation field,
an image's text. These are the zero-width space (U+200B), the word joiner (U+2060), the
byte-order mark inside a text (U+FEFF), the left-to-right and right-to-left marks (U+200E,
U+200F) and the direction embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
U+2069). Zero-width joiners, which emoji need, are left alone.

### Why it matters
They come in with text pasted from Word, from e-mails and from web pages, and nobody sees them:
a word with a zero-width space inside is not found by the search, a breadcrumb with one is a
different breadcrumb, and a direction override makes the page show something other than what
the file says (the "Trojan Source" trick). The site shows them as they are; this rule makes
them visible to the editor.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.salvar]
end  = "resolution"
text = "Abra o Quali\u200Btor e clique em SALVAR."
```

### Fix
Delete the character (in VS Code, *View > Render Control Characters* shows it), or write the
text again by hand:
```toml
text = "Abra o Qualitor e clique em SALVAR."
```"#,
}

impl Rule for HiddenCharacter {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let p = cx.procedure;
        let top = [&p.title, &p.section, &p.summary, &p.owner, &p.start].into_iter().flatten();
        for field in top.chain(&p.tags).chain(&p.aliases) {
            check(cx, field, None, out);
        }
        for step in &p.steps {
            let id = Some(step.id.get_ref().as_str());
            check(cx, &step.id, id, out);
            let single =
                [&step.title, &step.text, &step.note, &step.warning, &step.next, &step.to, &step.sla, &step.via];
            let branches = step.branches.iter().flat_map(|b| b.get_ref()).flat_map(|b| [&b.when, &b.next]);
            let images = step.images.iter().flat_map(|i| [&i.src, &i.alt, &i.caption]);
            for field in single.into_iter().chain(branches).chain(images).flatten() {
                check(cx, field, id, out);
            }
            for field in step.see.iter().chain(step.fields.iter().map(|f| &f.name)) {
                check(cx, field, id, out);
            }
        }
    }
}

/// The catalogue key of what an invisible character is called in the message
/// (`hidden-character-u200b`), or `None` for a visible one.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "hidden-character-u200b",
        '\u{2060}' => "hidden-character-u2060",
        '\u{FEFF}' => "hidden-character-ufeff",
        '\u{200E}' => "hidden-character-u200e",
        '\u{200F}' => "hidden-character-u200f",
        '\u{202A}' => "hidden-character-u202a",
        '\u{202B}' => "hidden-character-u202b",
        '\u{202C}' => "hidden-character-u202c",
        '\u{202D}' => "hidden-character-u202d",
        '\u{202E}' => "hidden-character-u202e",
        '\u{2066}' => "hidden-character-u2066",
        '\u{2067}' => "hidden-character-u2067",
        '\u{2068}' => "hidden-character-u2068",
        '\u{2069}' => "hidden-character-u2069",
        _ => return None,
    })
}

/// One finding per run of invisible characters in `field` (a pasted text often has many).
fn check(cx: &Context<'_>, field: &Spanned<String>, step: Option<&str>, out: &mut Vec<Finding>) {
    let text = field.get_ref();
    // Every character [`name`] knows is U+2000..U+2FFF or U+FEFF, whose UTF-8 starts with the
    // byte E2 or EF: a text without them (most, accents included) needs no decoding.
    if !text.bytes().any(|b| b == 0xE2 || b == 0xEF) {
        return;
    }
    let mut runs: Vec<(std::ops::Range<usize>, char)> = Vec::new();
    for (at, c) in text.char_indices().filter(|(_, c)| name(*c).is_some()) {
        match runs.last_mut() {
            Some((run, _)) if run.end == at => run.end = at + c.len_utf8(),
            _ => runs.push((at..at + c.len_utf8(), c)),
        }
    }
    if runs.is_empty() {
        return;
    }
    let pieces: Vec<_> = runs.iter().map(|(range, _)| range.clone()).collect();
    let spans = spans_within(cx.file, &field.span(), text, &pieces);
    for ((range, first), span) in runs.into_iter().zip(spans) {
        let count = text[range].chars().count();
        let what = match name(first) {
            Some(key) => crate::i18n::message(key, &[]),
            None => t!("hidden-character-unknown"),
        };
        let code = format!("{:04X}", first as u32);
        let message = t!("hidden-character", count = count, code = code, name = what);
        let finding =
            cx.finding(&META, span, message).label(t!("hidden-character.label")).help(t!("hidden-character.help"));
        out.push(finding.step_opt(step));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, underlined};

    #[test]
    fn fails_on_each_run_where_it_is() {
        let text = VALID.replace("Gere um novo backup.", "Gere um no\u{200B}vo backup.\u{202E}\u{2066}");
        let found = check(RuleId::HiddenCharacter, &text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(underlined(&text, &found[0]), "\u{200B}");
        assert_eq!(found[0].message, "caractere invisível U+200B (espaço de largura zero)");
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
        assert_eq!(underlined(&text, &found[1]), "\u{202E}\u{2066}");
        assert_eq!(
            found[1].message,
            "2 caracteres invisíveis, começando por U+202E (imposição da direita para a esquerda)"
        );
    }

    #[test]
    fn fails_on_escapes_and_in_every_kind_of_field() {
        let text = VALID
            .replace("title = \"Perda", "title = \"\\u200BPerda")
            .replace("{ when = \"Sim\"", "{ when = \"S\\u200Fim\"")
            .replace("to = \"Relacionamento\"", "to = \"Relacio\\u2060namento\"\nfields = [\"CNPJ\\uFEFF\"]");
        let found = check(RuleId::HiddenCharacter, &text);
        assert_eq!(found.len(), 4, "{found:?}");
        // The escape as written is what is underlined.
        assert_eq!(underlined(&text, &found[0]), "\\u200B");
    }

    #[test]
    fn every_invisible_character_has_a_name_in_both_languages() {
        use crate::i18n::{Language, message_in};
        for code in (0x2000..0x3000).chain([0xFEFF]) {
            let Some(key) = char::from_u32(code).and_then(super::name) else { continue };
            for language in [Language::PtBr, Language::En] {
                assert_ne!(message_in(language, key, &[]), key, "{key} in {}", language.code());
            }
        }
        let english = message_in(Language::En, "hidden-character-u200b", &[]);
        assert_eq!(english, "zero-width space");
    }

    #[test]
    fn passes_accents_emoji_and_ordinary_text() {
        let text = VALID.replace("Gere um novo backup.", "Ação é só 👩\u{200D}💻 — “aspas” e travessões.");
        assert!(check(RuleId::HiddenCharacter, &text).is_empty());
    }
}
