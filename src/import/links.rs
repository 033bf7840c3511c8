//! Addresses that come from a manual (link targets, picture sources), made safe to write into
//! the Markdown of a procedure: only web and mail links stay links, nothing in them can end the
//! link early or start more Markdown, and none is long enough to multiply a small file into a
//! huge one (a reference definition of many kilobytes, cited a million times).

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::text::{cut_chars, escape_markdown_literal};

/// The longest address kept as a link; a longer one keeps only the link's text.
pub const MAX_URL: usize = 2048;

/// The longest picture source shown in a note; a longer one is cut.
const MAX_SOURCE: usize = 200;

/// What a Markdown link target cannot hold as it is: white space, brackets, parentheses, quotes,
/// angle brackets, backslashes and backquotes (and every control character and non-ASCII one).
const TARGET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'(')
    .add(b')')
    .add(b'[')
    .add(b']')
    .add(b'\\');

/// A `http`, `https` or `mailto` address as a Markdown link target (percent-encoded where
/// needed), or `None` for anything else: `javascript:`, `data:`, a relative path, an address
/// longer than [`MAX_URL`].
pub fn web_target(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:");
    (web && url.len() <= MAX_URL).then(|| utf8_percent_encode(url, TARGET).to_string())
}

/// A picture's source as text in a note: Markdown-escaped, and cut after [`MAX_SOURCE`]
/// characters.
pub fn shown_source(src: &str) -> String {
    let src = src.trim();
    let cut = cut_chars(src, MAX_SOURCE);
    let more = if cut.len() < src.len() { "…" } else { "" };
    format!("{}{more}", escape_markdown_literal(cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_stay_links_and_none_breaks_out() {
        assert_eq!(web_target(" https://q.example/kb?a=1#b ").as_deref(), Some("https://q.example/kb?a=1#b"));
        assert_eq!(web_target("MAILTO:suporte@q.example").as_deref(), Some("MAILTO:suporte@q.example"));
        for bad in
            ["javascript:alert(1)", " JavaScript:x", "\u{1}javascript:x", "data:text/html,x", "httpx:y", "a.html"]
        {
            assert_eq!(web_target(bad), None, "{bad}");
        }
        assert_eq!(
            web_target("https://a.example/x) [b](javascript:alert(1)").as_deref(),
            Some("https://a.example/x%29%20%5Bb%5D%28javascript:alert%281%29")
        );
        assert_eq!(web_target(&format!("https://a.example/{}", "x".repeat(MAX_URL))), None);
    }

    #[test]
    fn sources_are_text() {
        assert_eq!(shown_source("a) [b](javascript:c) <i>"), r"a) \[b\](javascript:c) \<i\>");
        assert_eq!(shown_source(&"x".repeat(500)).chars().count(), MAX_SOURCE + 1);
    }
}
