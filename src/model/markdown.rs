//! A Markdown text as the site shows it: pulldown-cmark's events, with the `[[…]]`
//! cross-references found among them. The renderer, the linter, `sopbook refs`, the search
//! index and the backlinks all read texts through [`Pieces`], so what is a reference for one is
//! a reference for all.
//!
//! A `[[…]]` is a reference only in text that is shown as text: never in inline code or a code
//! block (as CommonMark says), never inside a link's text or an image's alt text (a link cannot
//! hold a link), and never when one of its brackets is escaped (`\[[…]]`) or written as an
//! entity (`&#91;`): that is how an editor writes the syntax literally. Raw HTML is shown as
//! text by the site, so it is text here too.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser, Tag, TagEnd};

use super::breadcrumb::Reference;

/// The Markdown extensions sopbook renders: tables, strikethrough, task lists.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// What a text is made of, in order.
#[derive(Debug)]
pub enum Piece<'a> {
    /// Text shown as written: Markdown text (also in code blocks, links and alt texts) and raw
    /// HTML, which the site shows as text.
    Text(CowStr<'a>),
    /// A `[[…]]`; its range is where it stands in the Markdown text.
    Reference(Reference),
    /// Any other event (inline code, emphasis, links, images, breaks…), with its range.
    Event(Event<'a>, Range<usize>),
}

/// Every `[[…]]` of a Markdown text that the site shows as a reference, in order.
pub fn references(text: &str) -> Vec<Reference> {
    if !text.contains("[[") {
        return Vec::new();
    }
    Pieces { references_only: true, ..Pieces::new(text) }
        .filter_map(|piece| match piece {
            Piece::Reference(reference) => Some(reference),
            _ => None,
        })
        .collect()
}

/// The pieces of a Markdown text. Consecutive text is gathered into one [`Piece::Text`] between
/// references (pulldown-cmark splits it at every bracket).
pub struct Pieces<'a> {
    source: &'a str,
    parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
    ready: VecDeque<Piece<'a>>,
    run: Run,
    code_block: bool,
    /// Links and images open around the current event.
    in_link: usize,
    /// Where the last event that stands for source text (text, code, a break…) ended: a
    /// backslash after it that no event covers was consumed as an escape.
    covered: usize,
    /// Yield only the references (for [`references`]: no text is copied out).
    references_only: bool,
}

/// Text gathered since the last piece, with the brackets in it that the editor wrote as brackets.
#[derive(Default)]
struct Run {
    text: String,
    brackets: Vec<Bracket>,
}

#[derive(Clone, Copy)]
struct Bracket {
    /// Offset in the run's text.
    at: usize,
    /// Offset in the Markdown source.
    source: usize,
    open: bool,
}

impl<'a> Pieces<'a> {
    pub fn new(source: &'a str) -> Self {
        Pieces {
            source,
            parser: Parser::new_ext(source, options()).into_offset_iter(),
            ready: VecDeque::new(),
            run: Run::default(),
            code_block: false,
            in_link: 0,
            covered: 0,
            references_only: false,
        }
    }

    fn push(&mut self, piece: Piece<'a>) {
        if !self.references_only || matches!(piece, Piece::Reference(_)) {
            self.ready.push_back(piece);
        }
    }

    fn take(&mut self, event: Event<'a>, range: Range<usize>) {
        let in_text = !self.code_block && self.in_link == 0;
        match event {
            Event::Text(text) if in_text => self.gather(text, range, true),
            Event::Html(html) | Event::InlineHtml(html) if in_text => self.gather(html, range, false),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.flush();
                self.covered = range.end;
                self.push(Piece::Text(text));
            }
            event => {
                self.flush();
                match &event {
                    Event::Start(Tag::CodeBlock(_)) => self.code_block = true,
                    Event::End(TagEnd::CodeBlock) => self.code_block = false,
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.in_link += 1,
                    Event::End(TagEnd::Link | TagEnd::Image) => self.in_link = self.in_link.saturating_sub(1),
                    Event::Start(_) | Event::End(_) => {}
                    _ => self.covered = range.end,
                }
                self.push(Piece::Event(event, range));
            }
        }
    }

    /// Adds text to the run, noting its brackets when it is the source as written (not an
    /// entity) and the first one is not escaped.
    fn gather(&mut self, text: CowStr<'a>, range: Range<usize>, escapable: bool) {
        if self.source.get(range.clone()) == Some(&*text) {
            let escaped = escapable
                && range.start > self.covered
                && self.source.as_bytes().get(range.start.wrapping_sub(1)) == Some(&b'\\');
            let bytes = text.as_bytes();
            for i in memchr::memchr2_iter(b'[', b']', bytes) {
                if i == 0 && escaped {
                    continue;
                }
                let open = bytes[i] == b'[';
                self.run.brackets.push(Bracket { at: self.run.text.len() + i, source: range.start + i, open });
            }
        }
        self.run.text.push_str(&text);
        self.covered = range.end;
    }

    /// Turns the run into text and references: `[[` up to the first `]]` after it, each pair of
    /// brackets written side by side.
    fn flush(&mut self) {
        if self.run.text.is_empty() {
            return;
        }
        let Run { text, brackets } = std::mem::take(&mut self.run);
        let pair = |i: usize, open: bool| {
            let (a, b) = (brackets[i], brackets[i + 1]);
            a.open == open && b.open == open && b.at == a.at + 1 && b.source == a.source + 1
        };
        let mut last = 0;
        let mut i = 0;
        while i + 1 < brackets.len() {
            if !pair(i, true) {
                i += 1;
                continue;
            }
            let Some(close) = (i + 2..brackets.len().saturating_sub(1)).find(|&j| pair(j, false)) else {
                break;
            };
            let (start, end) = (brackets[i], brackets[close + 1]);
            if start.at > last {
                self.push_text(&text[last..start.at]);
            }
            let inner = &text[start.at + 2..brackets[close].at];
            self.push(Piece::Reference(Reference::parse_inner(inner, start.source..end.source + 1)));
            last = end.at + 1;
            i = close + 2;
        }
        if last == 0 {
            self.push(Piece::Text(CowStr::from(text)));
        } else if last < text.len() {
            self.push_text(&text[last..]);
        }
    }

    fn push_text(&mut self, text: &str) {
        if !self.references_only {
            self.ready.push_back(Piece::Text(CowStr::from(text.to_string())));
        }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            if let Some(piece) = self.ready.pop_front() {
                return Some(piece);
            }
            match self.parser.next() {
                Some((event, range)) => self.take(event, range),
                None => {
                    self.flush();
                    return self.ready.pop_front();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each reference as written in `text`.
    fn written(text: &str) -> Vec<&str> {
        references(text).into_iter().map(|r| &text[r.range]).collect()
    }

    #[test]
    fn finds_every_reference_form() {
        let text = "Veja [[A > B]], [[A > B#passo]], [[#x|aqui]] e [[A>B|texto]]. [[aberto";
        let refs = references(text);
        assert_eq!(refs.len(), 4);
        assert_eq!(refs[0].target.as_ref().unwrap().as_str(), "A > B");
        assert_eq!(refs[1].step.as_deref(), Some("passo"));
        assert_eq!(refs[2].target, None);
        assert_eq!(refs[2].step.as_deref(), Some("x"));
        assert_eq!(refs[2].shown.as_deref(), Some("aqui"));
        assert_eq!(refs[3].shown.as_deref(), Some("texto"));
        assert_eq!(&text[refs[0].range.clone()], "[[A > B]]");
    }

    #[test]
    fn code_is_not_a_reference() {
        assert!(written("`[[A > B]]` e ``x [[C]] y``").is_empty());
        assert!(written("```\n[[A > B]]\n```\n\n~~~toml\nx = \"[[C]]\"\n~~~\n\n    [[D]]\n").is_empty());
        assert_eq!(written("`[[A]]` [[B]] `[[C]]`"), ["[[B]]"]);
    }

    #[test]
    fn an_escaped_or_encoded_bracket_is_text() {
        for text in [r"\[[A > B]]", r"[\[A > B]]", r"[[A > B\]]", r"[[A > B]\]", "&#91;[A]]", "[&#91;A]]", "[[A]&#93;"]
        {
            assert!(written(text).is_empty(), "{text}");
        }
        // An escaped backslash does not escape the bracket after it.
        assert_eq!(written(r"C:\\[[A]] e *x*\[[B]] e *y*[[C]]"), ["[[A]]", "[[C]]"]);
        // What the escaped brackets leave is shown as written.
        let text: String = Pieces::new(r"\[[Não > Ref]]")
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "[[Não > Ref]]");
    }

    #[test]
    fn links_and_images_hold_no_reference() {
        assert!(written("[veja [[A]]](https://x) ![tela [[B]]](a.png)").is_empty());
        assert_eq!(written("[x](y) [[A]]"), ["[[A]]"]);
    }

    #[test]
    fn a_reference_stays_within_one_line_of_text() {
        // A line break, emphasis or code inside ends the text run, as the page shows.
        assert!(written("[[A >\nB]] [[C *D*]] [[E `F`]]").is_empty());
        assert_eq!(written("[[A]]\n[[B]]"), ["[[A]]", "[[B]]"]);
    }

    #[test]
    fn raw_html_is_text_and_may_hold_references() {
        assert_eq!(written("<b>[[A]]</b>"), ["[[A]]"]);
    }

    #[test]
    fn entities_inside_are_read_as_the_page_shows_them() {
        let refs = references("[[A &amp; B > C]]");
        assert_eq!(refs[0].target.as_ref().unwrap().as_str(), "A & B > C");
    }

    #[test]
    fn hostile_brackets_take_one_pass() {
        // Unclosed, half-closed, escaped and code-wrapped brackets, 400 KB of each: quadratic
        // matching would not end.
        for (unit, expected) in
            [("[[", Some(0)), ("[[x]", Some(0)), ("\\[[x]]", Some(0)), ("]][[", None), ("`[[x]]", None)]
        {
            let n = 400_000 / unit.len();
            let found = references(&unit.repeat(n)).len();
            assert!(expected.map_or(found < n, |e| found == e), "{unit}: {found}");
        }
        assert_eq!(references(&"[[x]] [".repeat(50_000)).len(), 50_000);
    }

    #[test]
    fn twenty_thousand_references_on_one_line_take_one_pass() {
        let text = "[[Nada > Aqui]] ".repeat(20_000);
        let refs = references(&text);
        assert_eq!(refs.len(), 20_000);
        assert_eq!(refs[19_999].range, 16 * 19_999..16 * 19_999 + 15);
    }
}
