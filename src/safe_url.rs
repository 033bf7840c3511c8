//! Which URLs the site may link to. One place decides, for the linter (`unsafe-url`) and for the
//! renderer (Markdown links and images, manual links, `base_url`), so the two can never disagree.
//!
//! A URL is judged by its scheme as a browser reads it, [`clean`]ed: browsers drop leading and
//! trailing control characters and spaces and every tab and newline inside, and compare schemes
//! without regard to case, so `" JaVa\tScript:"` is `javascript:`. Every ASCII control
//! character is dropped here, wherever it is, and the site writes the cleaned URL: what is judged
//! is what the browser gets. Anything before a `:` that comes before any `/`, `?` or `#` counts
//! as a scheme, which is stricter than a browser (it reads `a b:c` as a path): such a target is
//! refused rather than guessed at.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a file path must escape to be the path of a URL: everything that ends or changes a path
/// (`?`, `#`, `%`, `\`, white space, controls, quotes, brackets); non-ASCII is encoded as UTF-8.
/// `/` is kept: it separates the folders.
pub const PATH_IN_URL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file path as the path of a URL (see [`PATH_IN_URL`]): `a?b/c d` → `a%3Fb/c%20d`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_IN_URL).to_string()
}

/// Schemes a Markdown link or image may use (a URL without a scheme is a path: always fine).
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Schemes `base_url` may use (without a scheme it is a path).
const BASE_SCHEMES: &[&str] = &["http", "https"];

/// `url` as a browser reads it: without ASCII control characters and surrounding spaces.
pub fn clean(url: &str) -> String {
    let kept: String = url.chars().filter(|c| !c.is_ascii_control()).collect();
    kept.trim_matches(' ').to_string()
}

/// The scheme of `url` ([`clean`]ed), in lower case; `None` for a path, `?query` or
/// `#fragment`, which have none.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned = clean(url);
    let colon = cleaned.find(':')?;
    if cleaned.find(['/', '?', '#']).is_some_and(|p| p < colon) {
        return None;
    }
    Some(cleaned[..colon].to_ascii_lowercase())
}

/// A Markdown link or image target that may become an `href` or `src`: a path, `#fragment`, or
/// an `http`, `https` or `mailto` URL. No `javascript:`, `data:`, `vbscript:`, `file:`…
pub fn is_safe_link(url: &str) -> bool {
    scheme(url).is_none_or(|s| LINK_SCHEMES.contains(&s.as_str()))
}

/// A manual's `url`: an absolute `http`, `https` or `mailto` URL (a path would lead nowhere from
/// the pages that cite it).
pub fn is_manual_url(url: &str) -> bool {
    scheme(url).is_some_and(|s| LINK_SCHEMES.contains(&s.as_str()))
}

/// `[site] base_url`: an `http` or `https` URL, or a path. `//host/` and `/\host/` are not paths
/// but another site (browsers read `\` as `/`), so they are refused like a scheme.
pub fn is_base_url(url: &str) -> bool {
    match scheme(url) {
        Some(scheme) => BASE_SCHEMES.contains(&scheme.as_str()),
        None => {
            let cleaned = clean(url);
            !(cleaned.starts_with("//") || cleaned.starts_with("/\\") || cleaned.starts_with('\\'))
        }
    }
}

/// The base of the site's links on its 404 page, ending in `/`: `base_url` when it is a web
/// address or an absolute path other than `/`; empty (links relative to the page) otherwise.
pub fn base_of_links(base_url: &str) -> String {
    let cleaned = clean(base_url);
    let usable = is_base_url(&cleaned) && (scheme(&cleaned).is_some() || cleaned.starts_with('/'));
    if usable && cleaned != "/" && !cleaned.contains(char::is_whitespace) && !cleaned.contains('\\') {
        format!("{}/", cleaned.trim_end_matches('/'))
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spellings of `javascript:` that browsers run.
    const HOSTILE: &[&str] = &[
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\u{1}\u{1f} javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "\tjava\u{0}script:alert(1)",
        "javascript\t:alert(1)",
        "javascript:alert(1) ",
    ];

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        for url in HOSTILE {
            assert_eq!(scheme(url).as_deref(), Some("javascript"), "{url:?}");
        }
        assert_eq!(scheme("HTTPS://x").as_deref(), Some("https"));
        assert_eq!(scheme("view-source:x").as_deref(), Some("view-source"));
        for relative in ["", "a/b:c", "./x:y", "#a:b", "?a:b", "//host/x", "outra.html"] {
            assert_eq!(scheme(relative), None, "{relative:?}");
        }
        // Stricter than a browser: these would be paths to it, and are refused here.
        for odd in [":x", "1a:b", "java script:x", "%6Aavascript:x"] {
            assert!(scheme(odd).is_some() && !is_safe_link(odd), "{odd:?}");
        }
        assert_eq!(clean("\u{1} java\tscript:x\n "), "javascript:x");
    }

    #[test]
    fn fails_on_every_scheme_that_is_not_web_or_mail() {
        for url in HOSTILE.iter().chain(&[
            "data:text/html,x",
            "DATA:image/png;base64,AA",
            "vbscript:x",
            "file:///etc/passwd",
            "c:\\x",
        ]) {
            assert!(!is_safe_link(url), "{url:?}");
            assert!(!is_manual_url(url), "{url:?}");
            assert!(!is_base_url(url), "{url:?}");
        }
        assert!(!is_base_url("mailto:a@b.c"));
        for other_site in
            ["//evil.example/", " //evil.example", "/\\evil.example/", "\\\\evil.example\\", "/\t/evil.example"]
        {
            assert!(!is_base_url(other_site), "{other_site:?}");
            assert_eq!(base_of_links(other_site), "", "{other_site:?}");
        }
        assert!(!is_manual_url("kb/123") && !is_manual_url("#x") && !is_manual_url(""));
    }

    #[test]
    fn passes_web_mail_and_paths() {
        for url in
            ["https://a", "http://a", "HTTP://A", " https://a", "mailto:x@y", "#passo", "outra.html", "a/b:c", "/kb/"]
        {
            assert!(is_safe_link(url), "{url:?}");
        }
        for url in ["https://a/kb", "mailto:x@y", "Https://a"] {
            assert!(is_manual_url(url), "{url:?}");
        }
        for url in ["/", "", "/kb/", "kb", "https://kb.example/x/", "http://a"] {
            assert!(is_base_url(url), "{url:?}");
        }
        assert_eq!(base_of_links("https://kb.example/x"), "https://kb.example/x/");
        assert_eq!(base_of_links("/suporte/"), "/suporte/");
        assert_eq!(base_of_links("/"), "");
        assert_eq!(base_of_links("kb"), "");
    }

    #[test]
    fn the_404_page_starts_from_base_url_only_when_one_is_set() {
        assert_eq!(base_of_links("/"), "");
        assert_eq!(base_of_links(""), "");
        assert_eq!(base_of_links("/kb"), "/kb/");
        assert_eq!(base_of_links("/kb/"), "/kb/");
        assert_eq!(base_of_links("https://kb.example.com"), "https://kb.example.com/");
        assert_eq!(base_of_links("HTTP://kb.example.com/docs/"), "HTTP://kb.example.com/docs/");
        for unsafe_or_relative in
            ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "kb/", " java\tscript:x", "/a b/"]
        {
            assert_eq!(base_of_links(unsafe_or_relative), "", "{unsafe_or_relative}");
        }
    }
}
