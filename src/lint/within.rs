//! Where a piece of a TOML string's decoded text stands in the file, so a `[[…]]` inside a long
//! text is underlined exactly. Linear in the text: a 10 MB text with half a million references
//! costs one pass, not one pass per reference.

use crate::load::SourceFile;
use crate::model::Span;

/// The span in `file` of `piece` (a range of `decoded`, the value of the TOML string written at
/// `value`). Falls back to the whole value when the string cannot be mapped.
pub fn span_within(file: &SourceFile, value: &Span, decoded: &str, piece: &Span) -> Span {
    spans_within(file, value, decoded, std::slice::from_ref(piece)).pop().unwrap_or_else(|| value.clone())
}

/// [`span_within`] for many pieces of one string, in one pass over it.
pub fn spans_within(file: &SourceFile, value: &Span, decoded: &str, pieces: &[Span]) -> Vec<Span> {
    let whole = || vec![value.clone(); pieces.len()];
    let Some(raw) = file.text.get(value.clone()) else { return whole() };
    let Some(token) = Token::of(raw) else { return whole() };
    let base = value.start + token.content_start;
    let content = &raw[token.content_start..token.content_end];
    // Written as it reads: no escape and no line ending to normalise (every escape is longer
    // than what it stands for), so offsets carry over unchanged.
    if content.len() == decoded.len() {
        let verbatim = |p: &Span| content.get(p.clone()).is_some_and(|c| decoded.get(p.clone()) == Some(c));
        if pieces.iter().all(verbatim) {
            return pieces.iter().map(|p| base + p.start..base + p.end).collect();
        }
        return whole();
    }
    let mut wanted: Vec<usize> = pieces.iter().flat_map(|p| [p.start, p.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    match decode_offsets(content, token.basic, token.multiline, decoded, &wanted) {
        Some(found) => {
            let at = |offset: usize| base + found[wanted.binary_search(&offset).expect("every offset was asked for")];
            pieces.iter().map(|p| at(p.start)..at(p.end)).collect()
        }
        None => whole(),
    }
}

/// A TOML string as written: where its content lies between the quotes, and its kind.
struct Token {
    content_start: usize,
    content_end: usize,
    /// `"…"` (escapes) rather than `'…'` (none).
    basic: bool,
    multiline: bool,
}

impl Token {
    fn of(raw: &str) -> Option<Token> {
        let (quote, basic) = match raw.as_bytes().first()? {
            b'"' => ("\"", true),
            b'\'' => ("'", false),
            _ => return None,
        };
        let triple = quote.repeat(3);
        if raw.len() >= 6 && raw.starts_with(&triple) && raw.ends_with(&triple) {
            // A newline right after the opening quotes is not part of the value.
            let skip = if raw[3..].starts_with("\r\n") { 2 } else { usize::from(raw[3..].starts_with('\n')) };
            return Some(Token { content_start: 3 + skip, content_end: raw.len() - 3, basic, multiline: true });
        }
        (raw.len() >= 2 && raw.ends_with(quote)).then(|| Token {
            content_start: 1,
            content_end: raw.len() - 1,
            basic,
            multiline: false,
        })
    }
}

/// Decodes `content` (escapes of basic strings, line-ending backslashes and CRLF of multi-line
/// ones), checking it against `decoded` as it goes, and returns the offset in `content` of each
/// offset of `decoded` in `wanted` (sorted). `None` if the two disagree.
fn decode_offsets(content: &str, basic: bool, multiline: bool, decoded: &str, wanted: &[usize]) -> Option<Vec<usize>> {
    let mut found = Vec::with_capacity(wanted.len());
    let (mut i, mut out) = (0, 0);
    let bytes = content.as_bytes();
    loop {
        while found.len() < wanted.len() && wanted[found.len()] <= out {
            if wanted[found.len()] < out {
                return None; // inside a character an escape stands for
            }
            found.push(i);
        }
        if i >= content.len() {
            break;
        }
        let (produced, used): (char, usize) = if basic && bytes[i] == b'\\' {
            let escape = content[i + 1..].chars().next()?;
            let simple = match escape {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                _ => None,
            };
            match (simple, escape) {
                (Some(c), _) => (c, 2),
                (None, 'u' | 'U' | 'x') => {
                    let digits = match escape {
                        'u' => 4,
                        'U' => 8,
                        _ => 2,
                    };
                    let hex = content.get(i + 2..i + 2 + digits)?;
                    (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 2 + digits)
                }
                (None, ' ' | '\t' | '\r' | '\n') if multiline => {
                    // A line-ending backslash: it and all white space after it go.
                    let rest = &content[i + 1..];
                    let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    i += 1 + skipped;
                    continue;
                }
                _ => return None,
            }
        } else if multiline && content[i..].starts_with("\r\n") && decoded[out..].starts_with('\n') {
            ('\n', 2)
        } else {
            let c = content[i..].chars().next()?;
            (c, c.len_utf8())
        };
        if !decoded[out..].starts_with(produced) {
            return None;
        }
        out += produced.len_utf8();
        i += used;
    }
    (out == decoded.len() && found.len() == wanted.len()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `[[…]]` found by `spans_within` in `toml`, a `text = …` line.
    fn underlined(toml: &str) -> Vec<String> {
        let file = SourceFile::new("p.toml".into(), toml.to_string());
        let table: toml::Table = toml.parse().unwrap();
        let decoded = table["text"].as_str().unwrap();
        let value_start = toml.find('=').unwrap() + 1 + toml[toml.find('=').unwrap() + 1..].find(|c| c != ' ').unwrap();
        let value = value_start..toml.trim_end().len();
        let pieces: Vec<Span> = crate::model::references(decoded).into_iter().map(|r| r.range).collect();
        spans_within(&file, &value, decoded, &pieces).into_iter().map(|s| toml[s].to_string()).collect()
    }

    #[test]
    fn pieces_are_found_in_every_kind_of_string() {
        let refs = ["[[A > B]]", "[[#c]]"];
        assert_eq!(underlined(r#"text = "x [[A > B]] y [[#c]]""#), refs);
        assert_eq!(underlined(r#"text = 'x [[A > B]] y [[#c]]'"#), refs);
        assert_eq!(underlined("text = '''\nx [[A > B]]\ny [[#c]]'''"), refs);
        assert_eq!(underlined("text = \"\"\"\r\nx [[A > B]]\r\ny [[#c]]\"\"\""), refs);
    }

    #[test]
    fn escapes_before_a_piece_shift_it() {
        assert_eq!(underlined(r#"text = "\"q\" \u00e9 \U0001F600 \t [[A > B]] \\ [[#c]]""#), ["[[A > B]]", "[[#c]]"]);
        assert_eq!(underlined("text = \"\"\"a \\\n     b [[A > B]]\"\"\""), ["[[A > B]]"]);
        // An escaped bracket is part of the reference as written.
        assert_eq!(underlined(r#"text = "x \u005B[A > B]] y""#), [r"\u005B[A > B]]"]);
    }

    #[test]
    fn the_same_reference_twice_is_underlined_twice() {
        assert_eq!(underlined(r#"text = "\"[[#c]]\" e [[#c]]""#), ["[[#c]]", "[[#c]]"]);
        let file = SourceFile::new("p.toml".into(), r#"text = "\"[[#c]]\" e [[#c]]""#.into());
        let second = span_within(&file, &(7..28), "\"[[#c]]\" e [[#c]]", &(11..17));
        assert_eq!(&file.text[second], "[[#c]]");
    }

    #[test]
    fn a_hundred_thousand_references_take_one_pass() {
        // One pass per reference would be 10^5 passes over 1.6 MB: this test would not end.
        let toml = format!("text = \"\\\"{}\"", "[[Nada > Aqui]] ".repeat(100_000));
        assert_eq!(underlined(&toml).len(), 100_000);
    }
}
