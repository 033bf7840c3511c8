//! The Markdown form, for a pull-request comment: a heading, the counts, then a `###` section
//! per procedure with its changes as a list. Every text an editor wrote is escaped, so an `*`,
//! a `<script>` or a line break in a procedure cannot change the comment's structure.

use super::describe::{Style, body, capitalized, one_line, step_name};
use super::human::summary;
use super::{BaseDiff, Change, Entry, Language, Piece, StepRef};
use crate::text::control_pictures;

/// `diff` as a pull-request comment in `language`.
pub fn markdown(diff: &BaseDiff, language: Language) -> String {
    let mut out = format!("## {}\n\n", tr!(language, "diff-markdown-title"));
    if diff.is_empty() {
        out.push_str(&format!("{}\n", tr!(language, "diff-markdown-no-changes")));
        return out;
    }
    out.push_str(&summary(diff, language));
    out.push('\n');
    let style = Markdown;
    for renamed in &diff.renamed {
        heading(&mut out, &renamed.to.path, &renamed.to.breadcrumb);
        let mut what = Vec::new();
        if renamed.by_file {
            let (old, new) = (style.code(&renamed.from.path), style.code(&renamed.to.path));
            what.push(tr!(language, "diff-file-renamed", old = old, new = new));
        }
        if renamed.by_breadcrumb {
            let crumb = |e: &Entry| e.breadcrumb.as_deref().map_or_else(|| "?".to_string(), |c| style.text(c));
            let (old, new) = (crumb(&renamed.from), crumb(&renamed.to));
            what.push(capitalized(&tr!(language, "diff-breadcrumb", old = old, new = new)));
        }
        out.push_str(&format!("{}.\n\n", what.join("; ")));
        changes(&mut out, &renamed.changes, language);
    }
    for changed in &diff.changed {
        heading(&mut out, &changed.path, &changed.breadcrumb);
        changes(&mut out, &changed.changes, language);
    }
    for (entries, what) in
        [(&diff.added, tr!(language, "diff-procedure-added")), (&diff.removed, tr!(language, "diff-procedure-removed"))]
    {
        for entry in entries {
            heading(&mut out, &entry.path, &entry.breadcrumb);
            out.push_str(&what);
            out.push('\n');
        }
    }
    out
}

/// `### Breadcrumb (`path`)`, or the path alone.
fn heading(out: &mut String, path: &str, breadcrumb: &Option<String>) {
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    let path = Markdown.code(path);
    match breadcrumb {
        Some(crumb) => out.push_str(&format!("### {} ({path})\n\n", Markdown.text(crumb))),
        None => out.push_str(&format!("### {path}\n\n")),
    }
}

/// The procedure's own changes, then a bullet per step with its changes under it.
fn changes(out: &mut String, changes: &[Change], language: Language) {
    let mut current: Option<&StepRef> = None;
    for change in changes {
        let text = body(change, &Markdown, language);
        match change.step() {
            None => {
                current = None;
                out.push_str(&format!("- {}\n", capitalized(&text)));
            }
            Some(step) => {
                if current != Some(step) {
                    out.push_str(&format!("- **{}**\n", capitalized(&step_name(step, &Markdown, language))));
                    current = Some(step);
                }
                out.push_str(&format!("  - {}\n", capitalized(&text)));
            }
        }
    }
}

/// Markdown: editor text backslash-escaped, IDs and values in code spans, answers in italics,
/// word diffs as `~~old~~ **new**`.
struct Markdown;

impl Style for Markdown {
    fn text(&self, text: &str) -> String {
        escape(&one_line(text, " "))
    }

    fn quoted(&self, text: &str) -> String {
        let escaped = self.text(text);
        // Emphasis cannot start or end with white space; such an answer keeps its quotes.
        if !text.is_empty() && text.trim() == text { format!("*{escaped}*") } else { format!("\"{escaped}\"") }
    }

    fn code(&self, text: &str) -> String {
        let text = control_pictures(&one_line(text, " ")).into_owned();
        if text.trim().is_empty() {
            return format!("\"{}\"", escape(&text));
        }
        // A fence longer than any run of backticks inside, spaced when the text touches one.
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        if longest > 0 { format!("{fence} {text} {fence}") } else { format!("{fence}{text}{fence}") }
    }

    fn words(&self, pieces: &[Piece]) -> String {
        let mut out = String::new();
        for (k, piece) in pieces.iter().enumerate() {
            let next = match pieces.get(k + 1) {
                Some(Piece::Same(t)) => t.chars().next(),
                Some(_) => Some(' '),
                None => None,
            };
            match piece {
                Piece::Same(text) => out.push_str(&self.text(text)),
                Piece::Removed(text) => out.push_str(&marked(text, "~~", out.chars().last(), next)),
                Piece::Added(text) => {
                    let after_removed = matches!(k.checked_sub(1).map(|p| &pieces[p]), Some(Piece::Removed(_)));
                    if after_removed && !out.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    out.push_str(&marked(text, "**", out.chars().last(), next));
                }
            }
        }
        out
    }
}

/// A changed run between `mark`s, its surrounding white space left outside, where Markdown
/// needs it to see the marks; a line break inside shows as `↵`. A mark between a letter and
/// punctuation would not count as one (CommonMark's flanking rule): a space is put there.
fn marked(text: &str, mark: &str, before: Option<char>, after: Option<char>) -> String {
    let inner = text.trim();
    if inner.is_empty() {
        return if text.contains(['\n', '\r']) { "↵".to_string() } else { text.to_string() };
    }
    let start = &text[..text.len() - text.trim_start().len()];
    let end = &text[text.trim_end().len()..];
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let gap_before =
        if start.is_empty() && letter(before) && !inner.starts_with(char::is_alphanumeric) { " " } else { "" };
    let gap_after = if end.is_empty() && letter(after) && !inner.ends_with(char::is_alphanumeric) { " " } else { "" };
    let inner = escape(&one_line(inner, "↵"));
    format!("{}{gap_before}{mark}{inner}{mark}{gap_after}{}", one_line(start, " "), one_line(end, " "))
}

/// The ASCII characters that can open or close Markdown syntax inside a line (emphasis, code,
/// strikethrough, links, images, HTML, entities, table cells, math, `@mentions`, `#issues`).
const SPECIAL: &[char] = &['\\', '`', '*', '_', '~', '[', ']', '<', '>', '&', '!', '#', '|', '@', '$', '{', '}'];

/// Editor text with [`SPECIAL`] backslash-escaped (CommonMark allows it for any ASCII
/// punctuation), so no markup, link, tag or mention can come out of it. It never starts a line
/// (line breaks are gone), so list and heading markers need nothing. Control characters show
/// as pictures.
fn escape(text: &str) -> String {
    let text = control_pictures(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(escape("*x* <script>a</script> [l](u) &amp; @eu #1"), {
            r"\*x\* \<script\>a\</script\> \[l\](u) \&amp; \@eu \#1"
        });
        assert_eq!(Markdown.code("a`b"), "`` a`b ``");
        assert_eq!(Markdown.code("abrir"), "`abrir`");
        assert_eq!(Markdown.quoted(" Sim"), "\" Sim\"");
        assert_eq!(Markdown.quoted("Não *"), r"*Não \**");
    }

    #[test]
    fn word_diffs_keep_their_marks_valid() {
        let pieces = [
            Piece::Same("Peça ao cliente ".into()),
            Piece::Removed("o arquivo ".into()),
            Piece::Added("a *cópia*".into()),
            Piece::Same(" do certificado".into()),
        ];
        assert_eq!(Markdown.words(&pieces), r"Peça ao cliente ~~o arquivo~~ **a \*cópia\*** do certificado");
        // Punctuation changed inside a word: spaces keep the marks marks.
        let pieces =
            [Piece::Same("abc".into()), Piece::Removed("*".into()), Piece::Added("-".into()), Piece::Same("x".into())];
        let shown = Markdown.words(&pieces);
        assert_eq!(shown, r"abc ~~\*~~ **-** x");
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(&shown, crate::model::markdown::options());
        pulldown_cmark::html::push_html(&mut html, parser);
        assert_eq!(html, "<p>abc <del>*</del> <strong>-</strong> x</p>\n");
    }
}
