//! Breadcrumbs (`Section > Sub > Title`) and the `[[…]]` references that name them.

use std::fmt;

/// A normalised breadcrumb: its segments with the white space around `>` removed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Breadcrumb(String);

impl Breadcrumb {
    /// Parses `A >  B>C` into `A > B > C`. Empty segments are kept (as empty strings) so that a
    /// malformed breadcrumb never matches a real one by accident.
    pub fn parse(raw: &str) -> Self {
        let joined = raw.split('>').map(str::trim).collect::<Vec<_>>().join(" > ");
        Breadcrumb(joined)
    }

    /// Joins a section and a title, as a procedure's own breadcrumb.
    pub fn of_procedure(section: &str, title: &str) -> Self {
        Self::parse(&format!("{section} > {title}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split(" > ")
    }
}

impl fmt::Display for Breadcrumb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One `[[…]]` found in a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The manual named, or `None` for `[[#step]]` (the same procedure).
    pub target: Option<Breadcrumb>,
    /// The step anchor after `#`, if any.
    pub step: Option<String>,
    /// The text after `|`, if any.
    pub shown: Option<String>,
    /// Byte range of the whole `[[…]]` inside the text.
    pub range: std::ops::Range<usize>,
}

impl Reference {
    /// Parses the inside of `[[…]]` (or a `see`/`via` entry, which has no `|` or `#` in practice
    /// but accepts them the same way).
    pub fn parse_inner(inner: &str, range: std::ops::Range<usize>) -> Self {
        let (target, shown) = match inner.split_once('|') {
            Some((t, s)) => (t, Some(s.trim().to_string())),
            None => (inner, None),
        };
        let (crumb, step) = match target.rsplit_once('#') {
            Some((c, s)) => (c, Some(s.trim().to_string())),
            None => (target, None),
        };
        let crumb = crumb.trim();
        Reference { target: (!crumb.is_empty()).then(|| Breadcrumb::parse(crumb)), step, shown, range }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_around_separators_is_ignored() {
        assert_eq!(
            Breadcrumb::parse(" Certificado Digital>A1 >   Debug "),
            Breadcrumb::parse("Certificado Digital > A1 > Debug")
        );
        assert_eq!(Breadcrumb::parse("A>B").as_str(), "A > B");
    }

    #[test]
    fn inner_white_space_and_case_still_count() {
        assert_ne!(Breadcrumb::parse("A > Debug"), Breadcrumb::parse("A > debug"));
    }
}
