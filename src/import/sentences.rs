//! Sentences, compared without their formatting: what "nothing lost" means. A sentence of the
//! source is kept when, with Markdown emphasis, `[[…]]` brackets, link targets and white space
//! normalised away, it is contained in the texts of the skeleton.

use std::sync::LazyLock;

use regex::Regex;

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\[\]]*)\]\([^)\s]*\)").expect("a valid pattern"));

/// The text without `**`/`*`/`_`/`` ` `` emphasis, backslash escapes, `[[`/`]]`, link targets,
/// and with white space collapsed.
pub fn normalise(text: &str) -> String {
    let text = text.replace("[[", "").replace("]]", "");
    let text = LINK.replace_all(&text, "$1");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(mut c) = chars.next() {
        if c == '\\' {
            // An escape: the character after it counts as itself.
            match chars.next() {
                Some(next) => c = next,
                None => break,
            }
        }
        match c {
            '*' | '_' | '`' | '\\' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// The sentences of a text: it is cut after `.`, `!`, `?` or `…` followed by white space, and at
/// line breaks. Pieces without a letter or digit are dropped.
pub fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let ends = matches!(c, '.' | '!' | '?' | '…') && chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace());
            if ends {
                let end = i + c.len_utf8();
                push(&mut out, &line[start..end]);
                start = end;
            }
        }
        push(&mut out, &line[start..]);
    }
    out
}

fn push(out: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        out.push(piece.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_is_normalised_away() {
        assert_eq!(
            normalise("Veja  (**Manual**, [[A > B]]) e [Qualitor](https://q.example/kb)\n\\* fim"),
            "Veja (Manual, A > B) e Qualitor fim"
        );
        assert_eq!(normalise("leia \"isto\" \\ aquilo."), "leia \"isto\" aquilo.");
    }

    #[test]
    fn sentences_end_at_punctuation_and_lines() {
        assert_eq!(
            split("Pronto! Problema resolvido. Fim\nOutra linha"),
            ["Pronto!", "Problema resolvido.", "Fim", "Outra linha"]
        );
        assert_eq!(split("Versão 1.2 do sistema."), ["Versão 1.2 do sistema."]);
    }
}
