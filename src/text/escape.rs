//! Every escaper: text made safe for the format it lands in. HTML goes through
//! `pulldown-cmark-escape` and `quick-xml`, TOML through `toml_writer`; the formats without a
//! crate here (Markdown, CSS, DOT, Mermaid, shell, JSON inside a script, the terminal) are
//! written out once each.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;
use toml_writer::{ToTomlValue as _, TomlStringBuilder};

/// HTML-escapes text for element content and quoted attributes (`&<>"'`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Escapes element content as pulldown-cmark does (`&`, `<`, `>`).
pub fn escape_html_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    pulldown_cmark_escape::escape_html_body_text(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// The text of HTML that [`escape_html`] or pulldown-cmark escaped; anything else as it is.
pub fn unescape_html(text: &str) -> String {
    quick_xml::escape::unescape(text).map_or_else(|_| text.to_string(), Cow::into_owned)
}

/// A code point HTML forbids in text: controls other than white space, and noncharacters.
fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Appends `s` escaped for HTML or SVG content and quoted attributes, with white space made a
/// space and the code points HTML forbids (controls, noncharacters) replaced by U+FFFD: the
/// flowchart writes every label through it, into one buffer.
pub fn push_markup(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // Copies clean runs whole; `start` and `i` always sit on character boundaries when used.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let with = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => " ",
            0..=0x1F | 0x7F => "\u{FFFD}",
            // Lead bytes of C1 controls and of noncharacters.
            0xC2 | 0xEF | 0xF0..=0xF4 => {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !is_forbidden(c) {
                    i += c.len_utf8();
                    continue;
                }
                out.push_str(&s[start..i]);
                out.push('\u{FFFD}');
                i += c.len_utf8();
                start = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(with);
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// Backslash-escapes what would start emphasis or code, in text from HTML or .docx where it was
/// meant literally.
pub fn escape_markdown(text: &str) -> String {
    backslashed(text, &['*', '`', '\\'])
}

/// [`escape_markdown`], and the brackets that would open a link, an autolink or raw HTML: for
/// text that must stay text wherever it lands (a picture's description or file name in a note).
pub fn escape_markdown_literal(text: &str) -> String {
    backslashed(text, &['\\', '`', '*', '[', ']', '<', '>'])
}

/// Backslash-escapes everything Markdown could read as syntax in a line of user text.
pub fn escape_markdown_all(text: &str) -> String {
    backslashed(text, &['\\', '*', '_', '`', '[', ']', '<', '>', '#', '|', '~'])
}

fn backslashed(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A CSS string literal, safe inside `<style>`.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' | '\n' | '\r' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A DOT quoted string: quotes and backslashes escaped, line breaks as `\n`, tabs as spaces,
/// other control characters dropped.
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a Mermaid quoted label: `"` as `#quot;`, and every character Mermaid or the HTML it
/// makes could read as syntax (`#`, `&`, `<`, `>`, `|`, backquote) as a `#N;` entity code; line
/// breaks become spaces.
pub fn mermaid_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | '&' | '<' | '>' | '|' | '`' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A comment stays a comment (TOML, Mermaid): on its line, and without the control characters
/// TOML refuses in comments (every one but tab).
pub fn comment_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }).collect()
}

/// A path for a shell, quoted when it holds characters a shell would split on or expand.
pub fn shell_word(text: &str) -> String {
    if text.chars().all(|c| c.is_alphanumeric() || "/._-~".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A TOML string, written by `toml_writer`: a basic string on one line, or a multi-line basic
/// string for text with paragraphs (`"""` on the key's line, the text from the next line).
pub fn toml_string(text: &str) -> String {
    if text.contains('\n') { TomlStringBuilder::new(text).as_ml_basic().to_toml_value() } else { toml_line(text) }
}

/// A TOML basic string on one line, whatever the text holds: how a file name is shown in a
/// comment, so that it reads back as the very same name.
pub fn toml_line(text: &str) -> String {
    TomlStringBuilder::new(text).as_basic().to_toml_value()
}

/// JSON to embed in `<script type="application/json">`: nothing in it can close the element.
/// Escaped while it is written, with no intermediate string: pages embed large JSON.
pub fn json_for_html<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, HtmlSafe);
    if value.serialize(&mut serializer).is_err() {
        return "null".into();
    }
    String::from_utf8(out).unwrap_or_else(|_| "null".into())
}

/// serde_json's compact format with string contents escaped for HTML: outside strings, JSON has
/// none of the characters [`json_escaped`] escapes.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut result = Ok(());
        json_escaped(fragment, false, |piece| {
            if result.is_ok() {
                result = writer.write_all(piece.as_bytes());
            }
        });
        result
    }
}

/// Appends JSON as JavaScript that is safe anywhere: pure ASCII, and no `<`, `>` or `&`.
pub fn push_json_ascii(out: &mut String, json: &str) {
    json_escaped(json, true, |piece| out.push_str(piece));
}

/// Escapes `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`, and with `non_ascii` every character
/// beyond ASCII, giving the pieces of the result to `emit`. Outside strings, JSON has none of
/// them, so escaping them everywhere only touches string contents. Clean runs go out whole.
fn json_escaped(json: &str, non_ascii: bool, mut emit: impl FnMut(&str)) {
    let bytes = json.as_bytes();
    let (mut start, mut i) = (0, 0);
    let suspect = if non_ascii { &SUSPECT_ASCII } else { &SUSPECT };
    while i < bytes.len() {
        let b = bytes[i];
        if !suspect[usize::from(b)] {
            i += 1;
            continue;
        }
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; 0xE2 is never a continuation byte.
        let separator = b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9));
        if !(matches!(b, b'<' | b'>' | b'&') || separator || (non_ascii && b >= 0x80)) {
            i += 1;
            continue;
        }
        // A hit is an ASCII byte or a lead byte, so `i` is on a character boundary.
        let c = json[i..].chars().next().unwrap_or('\u{fffd}');
        emit(&json[start..i]);
        let (mut units, mut buf) = ([0u16; 2], [0u8; 6]);
        for &unit in c.encode_utf16(&mut units).iter() {
            emit(unicode_escape(unit, &mut buf));
        }
        i += c.len_utf8();
        start = i;
    }
    emit(&json[start..]);
}

/// The bytes [`json_escaped`] looks at twice: `<`, `>`, `&` and the lead byte of U+2028 and
/// U+2029, and (for ASCII output) every byte beyond ASCII. A table: most bytes are none of them.
const SUSPECT: [bool; 256] = suspect_bytes(false);
const SUSPECT_ASCII: [bool; 256] = suspect_bytes(true);

const fn suspect_bytes(non_ascii: bool) -> [bool; 256] {
    let mut table = [false; 256];
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'&' as usize] = true;
    table[0xE2] = true;
    let mut b = 0x80;
    while non_ascii && b < 256 {
        table[b] = true;
        b += 1;
    }
    table
}

/// `\uXXXX` for a UTF-16 code unit, lower-case hex, in `buf`.
fn unicode_escape(unit: u16, buf: &mut [u8; 6]) -> &str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    *buf = *b"\\u0000";
    for k in 0..4 {
        buf[5 - k] = HEX[usize::from(unit >> (4 * k)) & 0xf];
    }
    std::str::from_utf8(buf).unwrap_or_default()
}

/// Text for the terminal, as the lint report shows source lines: a control character as its
/// picture (`␛`, `␇`), and bidi overrides as `�`, so that no file name, step ID or text of a
/// procedure can send an escape sequence or reorder the line it is on. Line breaks stay.
pub fn control_pictures(text: &str) -> Cow<'_, str> {
    let shown = |c: char| match c {
        '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    };
    if !text.chars().any(|c| shown(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| shown(c).unwrap_or(c)).collect())
}

/// Text XML 1.0 can hold: the controls it forbids (all but tab and line breaks) and U+FFFE/FFFF
/// become U+FFFD. Escaping `<&>"'` is left to the XML writer.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    if !text.chars().any(forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if forbidden(c) { '\u{fffd}' } else { c }).collect())
}

/// Text for the terminal on one line: a control character (an escape sequence or a line break in
/// a file name, say) is shown as its Rust escape, `\u{1b}`, never sent as it is.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_keeps_only_the_characters_xml_allows() {
        assert_eq!(xml_chars("a\tb\nc"), "a\tb\nc");
        assert_eq!(xml_chars("bell\u{7}esc\u{1b}[31m\u{ffff}"), "bell\u{fffd}esc\u{fffd}[31m\u{fffd}");
    }

    #[test]
    fn html_escapes_round_trip() {
        let text = "a & b < c > d \"e\" 'f' &amp;";
        assert_eq!(escape_html(text), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; &amp;amp;");
        assert_eq!(escape_html_body(text), "a &amp; b &lt; c &gt; d \"e\" 'f' &amp;amp;");
        assert_eq!(unescape_html(&escape_html(text)), text);
        assert_eq!(unescape_html(&escape_html_body(text)), text);
    }

    #[test]
    fn markdown_escapes_grow_with_the_place() {
        let text = r"*a* `b` \c [d](e) <f> _g_ #h |i| ~j~";
        assert_eq!(escape_markdown(text), r"\*a\* \`b\` \\c [d](e) <f> _g_ #h |i| ~j~");
        assert_eq!(escape_markdown_literal(text), r"\*a\* \`b\` \\c \[d\](e) \<f\> _g_ #h |i| ~j~");
        assert_eq!(escape_markdown_all(text), r"\*a\* \`b\` \\c \[d\](e) \<f\> \_g\_ \#h \|i\| \~j\~");
    }

    #[test]
    fn css_strings_cannot_escape() {
        assert_eq!(css_string("a\"b\\c</style>"), "\"a\\\"b\\\\c\\3C /style\\3E \"");
    }

    #[test]
    fn graph_labels_stay_labels() {
        assert_eq!(dot_string("a\"b\\c\nd\te\u{1b}"), r#""a\"b\\c\nd e""#);
        assert_eq!(mermaid_label("a\"b#c|d\ne"), "a#quot;b#35;c#124;d e");
        assert_eq!(comment_line("a\nb\tc\u{1b}"), "a b\tc ");
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("~/base_1/kb.d"), "~/base_1/kb.d");
        assert_eq!(shell_word("minha base/it's"), r"'minha base/it'\''s'");
    }

    #[test]
    fn strings_round_trip_through_toml() {
        for text in ["simples", "com \"aspas\" e \\barra", "parágrafo um\n\nparágrafo \"\"\" dois\\", "tab\there"] {
            let document = format!("x = {}\n", toml_string(text));
            let value: toml::Table = toml::from_str(&document).unwrap();
            assert_eq!(value["x"].as_str(), Some(text), "{document}");
        }
    }

    #[test]
    fn hostile_text_stays_one_string_and_comments_stay_comments() {
        let texts = [
            "\n[[manual]]\npath = \"Evil\"\nurl = \"https://evil.example\"",
            "a\"\"\"b",
            "fim\"",
            "fim\"\"\n",
            "cr\rlf\r\n",
            "\u{b}\u{c}\u{1b}[31m\u{7f}\u{85}\u{0}",
            "barra\\\n",
        ];
        for text in texts {
            let document = format!("# {}\nx = {}\ny = {}\n", comment_line(text), toml_string(text), toml_line(text));
            let value: toml::Table = toml::from_str(&document).unwrap_or_else(|e| panic!("{e}\n{document}"));
            assert_eq!(value.len(), 2, "{document}");
            assert_eq!(value["x"].as_str(), Some(text), "{document}");
            assert_eq!(value["y"].as_str(), Some(text), "{document}");
            assert!(!toml_line(text).contains(['\n', '\r']));
        }
    }

    #[test]
    fn json_cannot_close_a_script() {
        let value = ["</script><!--", "a&b", "\u{2028}é"];
        assert_eq!(json_for_html(&value), r#"["\u003c/script\u003e\u003c!--","a\u0026b","\u2028é"]"#);
        let mut ascii = String::new();
        push_json_ascii(&mut ascii, &serde_json::to_string(&value).unwrap());
        assert_eq!(ascii, r#"["\u003c/script\u003e\u003c!--","a\u0026b","\u2028\u00e9"]"#);
    }

    #[test]
    fn the_terminal_gets_no_control_character() {
        assert_eq!(control_pictures("a\u{1b}[31m\nb\u{202e}"), "a\u{241b}[31m\nb\u{fffd}");
        assert!(matches!(control_pictures("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_controls("a\u{1b}b\nc"), r"a\u{1b}b\nc");
    }
}
