//! HTML, as Word's "Web Page, Filtered" or a wiki gives it: every block element is a block,
//! `<h1>`…`<h6>` headings, Word's `MsoTitle` paragraph the title, `<b>`/`<strong>` (and spans
//! styled bold) bold, `<br>` a line break, `<img>` a picture, web links `[text](url)`. Scripts,
//! styles, the `<head>` and drawings are skipped.
//!
//! The file is read as a stream of tags with html5ever's tokenizer, in one pass and without a
//! tree: an HTML tree builder rescans its stack of open elements at every tag, which takes
//! minutes on 50,000 nested `<div>`s, and walking the tree it builds recurses as deep as the
//! nesting. Only the open elements that change the output (blocks, headings, lists, bold, links)
//! are kept, at most [`MAX_DEPTH`] of them; deeper ones still break blocks but change nothing
//! else. End tags close what they match, and a new `<p>`, `<li>`, `<dt>`, `<dd>`, `<tr>`, `<td>`
//! or `<th>` closes the one left open before it, as browsers do.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::{LocalName, local_name};

use super::blocks::{Block, BlockKind, Inline};
use super::links;
use crate::text::{escape_markdown, escape_markdown_literal};

/// How many open elements the reader keeps track of; Chromium's parser nests no deeper either.
pub const MAX_DEPTH: usize = 512;

pub fn read(text: &str) -> Vec<Block> {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Reader::default())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut reader = tokenizer.sink.0.into_inner();
    reader.close_all();
    reader.flush();
    reader.blocks
}

struct Sink(RefCell<Reader>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut reader = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return reader.start(&tag),
            Token::TagToken(tag) => reader.end(&tag.name),
            Token::CharacterTokens(text) => reader.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// What an open element does to the output, undone when it closes.
#[derive(Clone, Debug, PartialEq)]
enum Effect {
    /// A block (or a heading): the text so far is flushed when it closes.
    Block,
    /// A list; for `<ol>`, the number of its next item.
    List(Option<i64>),
    Bold,
    /// A link to this address: `](url)` when it closes.
    Link(String),
    /// Nothing but to be closed by its end tag (an `<a>` without a web address).
    Plain,
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    kind: Option<BlockKind>,
    inline: Inline,
    images: Vec<String>,
    /// The open elements that matter, innermost last, and how many of each name are open.
    open: Vec<(LocalName, Effect)>,
    counts: HashMap<LocalName, usize>,
    /// How many bold elements are open.
    bold: usize,
    /// Inside an element whose content is not text of the manual (`<head>`, `<svg>`): its name
    /// and how many of that name are open inside it.
    skipping: Option<(LocalName, usize)>,
    /// Inside `<script>`, `<style>`, `<title>`…: the tokenizer reads their content as raw text,
    /// which is dropped until their end tag.
    raw: Option<LocalName>,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "thead",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "body",
    "html",
    "form",
    "fieldset",
];

/// Elements that never have content.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements read as raw text by the tokenizer, and dropped.
const RAW: &[&str] = &["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements whose content is not the manual's text.
const SKIPPED: &[&str] = &["head", "svg", "math", "template", "select"];

impl Reader {
    fn flush(&mut self) {
        let text = self.inline.finish();
        if !text.trim().is_empty() || !self.images.is_empty() {
            let images = std::mem::take(&mut self.images);
            self.blocks.push(Block { kind: self.kind.unwrap_or(BlockKind::Paragraph), text, images });
        }
        self.kind = None;
    }

    fn push(&mut self, text: &str) {
        self.inline.push(text, self.bold > 0);
    }

    fn text(&mut self, text: &str) {
        if self.raw.is_some() || self.skipping.is_some() {
            return;
        }
        let spaced: String = text.chars().map(|c| if c.is_ascii_whitespace() { ' ' } else { c }).collect();
        self.push(&escape_markdown(&spaced));
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        if let Some((skipped, depth)) = &mut self.skipping {
            if *skipped == tag.name && !tag.self_closing {
                *depth += 1;
            }
            return TokenSinkResult::Continue;
        }
        if RAW.contains(&name) {
            self.raw = Some(tag.name.clone());
            let kind = if name == "script" { RawKind::ScriptData } else { RawKind::Rawtext };
            return if name == "title" || name == "textarea" {
                TokenSinkResult::RawData(RawKind::Rcdata)
            } else {
                TokenSinkResult::RawData(kind)
            };
        }
        if SKIPPED.contains(&name) {
            if !tag.self_closing {
                self.skipping = Some((tag.name.clone(), 1));
            }
            return TokenSinkResult::Continue;
        }
        match name {
            "br" => self.push("\n"),
            "hr" => {
                self.close_open_p();
                self.flush();
            }
            "img" => {
                let alt = attr(tag, "alt").map(str::trim).filter(|a| !a.is_empty());
                let src = links::shown_source(attr(tag, "src").unwrap_or_default());
                self.images.push(match alt {
                    Some(alt) => format!("{} ({src})", escape_markdown_literal(alt)),
                    None => src,
                });
            }
            _ if VOID.contains(&name) => {}
            "a" => {
                let effect = attr(tag, "href").and_then(links::web_target).map_or(Effect::Plain, Effect::Link);
                let link = effect != Effect::Plain;
                if self.open(tag, effect) && link {
                    self.push("[");
                }
            }
            "b" | "strong" => self.open_bold(tag),
            "span" | "font" if is_bold_style(attr(tag, "style")) => self.open_bold(tag),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_open_p();
                self.flush();
                self.kind = Some(BlockKind::Heading(name.as_bytes()[1] - b'0'));
                self.open(tag, Effect::Block);
            }
            "li" => {
                self.close_implied(&[local_name!("li")], &["ul", "ol"]);
                self.close_open_p();
                self.flush();
                match self.next_item_number() {
                    Some(n) => self.push(&format!("{n}. ")),
                    None => self.kind = Some(BlockKind::Bullet),
                }
                self.open(tag, Effect::Block);
            }
            "ul" | "ol" => {
                self.close_open_p();
                self.flush();
                let start = attr(tag, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.open(tag, Effect::List((name == "ol").then_some(start)));
            }
            _ if BLOCKS.contains(&name) => {
                match name {
                    "dt" | "dd" => self.close_implied(&[local_name!("dt"), local_name!("dd")], &["dl"]),
                    "td" | "th" => self.close_implied(&[local_name!("td"), local_name!("th")], &["tr", "table"]),
                    "tr" => self.close_implied(&[local_name!("tr")], &["table", "tbody", "thead", "tfoot"]),
                    _ => {}
                }
                self.close_open_p();
                self.flush();
                if has_class(tag, "MsoTitle") {
                    self.kind = Some(BlockKind::Title);
                }
                self.open(tag, Effect::Block);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &LocalName) {
        if let Some((skipped, depth)) = &mut self.skipping {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skipping = None;
                }
            }
            return;
        }
        if self.raw.as_ref() == Some(name) {
            self.raw = None;
            return;
        }
        match &**name {
            "br" => self.push("\n"),
            "p" if self.counts.get(name).is_none_or(|n| *n == 0) => self.flush(),
            _ => self.close(name),
        }
    }

    /// Opens an element, unless [`MAX_DEPTH`] are open: then it changes nothing, and its end
    /// tag closes nothing.
    fn open(&mut self, tag: &Tag, effect: Effect) -> bool {
        if self.open.len() >= MAX_DEPTH || tag.self_closing {
            return false;
        }
        *self.counts.entry(tag.name.clone()).or_default() += 1;
        self.open.push((tag.name.clone(), effect));
        true
    }

    fn open_bold(&mut self, tag: &Tag) {
        if self.open(tag, Effect::Bold) {
            self.bold += 1;
        }
    }

    /// Closes the innermost open element of this name, and every element opened after it.
    fn close(&mut self, name: &LocalName) {
        if self.counts.get(name).is_none_or(|n| *n == 0) {
            return;
        }
        while let Some((closed, effect)) = self.open.pop() {
            self.closed(&closed, effect);
            if closed == *name {
                break;
            }
        }
    }

    fn closed(&mut self, name: &LocalName, effect: Effect) {
        if let Some(count) = self.counts.get_mut(name) {
            *count -= 1;
        }
        match effect {
            Effect::Block | Effect::List(_) => self.flush(),
            Effect::Bold => self.bold -= 1,
            Effect::Link(href) => self.push(&format!("]({href})")),
            Effect::Plain => {}
        }
    }

    fn close_all(&mut self) {
        while let Some((closed, effect)) = self.open.pop() {
            self.closed(&closed, effect);
        }
    }

    /// A new `<li>` (or cell, row, `<dt>`, `<dd>`) closes the one still open in the same list
    /// (row, table): the innermost of `names` opened after the innermost of `within`.
    fn close_implied(&mut self, names: &[LocalName], within: &[&str]) {
        if names.iter().all(|n| self.counts.get(n).is_none_or(|c| *c == 0)) {
            return;
        }
        let found = self.open.iter().rev().find(|(n, _)| names.contains(n) || within.contains(&&**n));
        if let Some((name, _)) = found.filter(|(n, _)| names.contains(n)) {
            let name = name.clone();
            self.close(&name);
        }
    }

    /// A block closes the paragraph left open before it, unless a table or a button stands
    /// between them.
    fn close_open_p(&mut self) {
        self.close_implied(&[local_name!("p")], &["table", "td", "th", "caption", "button", "html"]);
    }

    /// The number of a new item of the innermost list, or `None` in a bullet list.
    fn next_item_number(&mut self) -> Option<i64> {
        let (_, effect) = self.open.iter_mut().rev().find(|(_, e)| matches!(e, Effect::List(_)))?;
        let Effect::List(Some(next)) = effect else { return None };
        let n = *next;
        *next = next.saturating_add(1);
        Some(n)
    }
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

fn has_class(tag: &Tag, class: &str) -> bool {
    attr(tag, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c.eq_ignore_ascii_case(class)))
}

fn is_bold_style(style: Option<&str>) -> bool {
    let Some(style) = style else { return false };
    let style = style.to_ascii_lowercase().replace(' ', "");
    style.contains("font-weight:bold") || style.contains("font-weight:700") || style.contains("font-weight:800")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, BlockKind)> {
        super::super::blocks::normalise(read(html)).into_iter().map(|b| (b.text, b.kind)).collect()
    }

    #[test]
    fn word_html_blocks_bold_and_pictures() {
        let html = r#"<html><head><title>x</title><style>p{}</style></head><body>
            <p class=MsoTitle>Certificado Digital</p>
            <h2>1. Gerando</h2>
            <p class=MsoNormal>1.1 - Veja <b><span>Certificado Digital &gt; A1 </span></b>agora.<o:p></o:p></p>
            <p><span style="font-weight: bold">Atenção:</span> cuidado.<br>Outra linha</p>
            <p><img src="image001.png" alt="Tela"></p>
            <ol><li>um</li><li>dois</li></ol><ul><li>item</li></ul>
            <p><a href="https://qualitor.example/kb">Qualitor</a> 2 * 3</p>
        </body></html>"#;
        let blocks = super::super::blocks::normalise(read(html));
        let texts: Vec<(&str, BlockKind)> = blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            texts,
            [
                ("Certificado Digital", BlockKind::Title),
                ("1. Gerando", BlockKind::Heading(2)),
                ("1.1 - Veja **Certificado Digital > A1** agora.", BlockKind::Paragraph),
                ("**Atenção:** cuidado.", BlockKind::Paragraph),
                ("Outra linha", BlockKind::Paragraph),
                ("", BlockKind::Paragraph),
                ("1. um", BlockKind::Paragraph),
                ("2. dois", BlockKind::Paragraph),
                ("item", BlockKind::Bullet),
                ("[Qualitor](https://qualitor.example/kb) 2 \\* 3", BlockKind::Paragraph),
            ]
        );
        assert_eq!(blocks[5].images, ["Tela (image001.png)"]);
    }

    #[test]
    fn unclosed_items_paragraphs_and_cells_close_themselves() {
        let html = "<ol start=3><li>Três.<li>Quatro.<ul><li>A.<li>B.</ul><li>Cinco.</ol>\
                    <p>Um.<p>Dois.<table><tr><td>C1.<td>C2.<tr><td>C3.</table><dl><dt>Termo.<dd>Definição.</dl>";
        let expected = [
            ("3. Três.", BlockKind::Paragraph),
            ("4. Quatro.", BlockKind::Paragraph),
            ("A.", BlockKind::Bullet),
            ("B.", BlockKind::Bullet),
            ("5. Cinco.", BlockKind::Paragraph),
            ("Um.", BlockKind::Paragraph),
            ("Dois.", BlockKind::Paragraph),
            ("C1.", BlockKind::Paragraph),
            ("C2.", BlockKind::Paragraph),
            ("C3.", BlockKind::Paragraph),
            ("Termo.", BlockKind::Paragraph),
            ("Definição.", BlockKind::Paragraph),
        ];
        let expected: Vec<(String, BlockKind)> = expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        assert_eq!(texts(html), expected);
    }

    #[test]
    fn nesting_deeper_than_any_stack_is_read_in_one_pass() {
        let n = 60_000;
        let html = format!("{}<b>Texto</b> fundo.{}", "<div><span>".repeat(n), "</span></div>".repeat(n));
        // Past MAX_DEPTH open elements, the `<b>` is not followed: the text stays, plain.
        assert_eq!(texts(&html), [("Texto fundo.".to_string(), BlockKind::Paragraph)]);
        let html = format!("{}<b>Texto</b> fundo.{}", "<div>".repeat(MAX_DEPTH - 1), "</div>".repeat(n));
        assert_eq!(texts(&html), [("**Texto** fundo.".to_string(), BlockKind::Paragraph)]);
        // Unclosed elements, and end tags that close nothing.
        let html = format!("{}Fim.{}", "<div><b><i>".repeat(n), "</p></span>".repeat(n));
        assert_eq!(texts(&html), [("**Fim.**".to_string(), BlockKind::Paragraph)]);
        assert!(read(&format!("<body>{}x", "<svg>".repeat(n))).is_empty());
    }

    #[test]
    fn scripts_styles_and_drawings_are_not_text() {
        let html = "<script>if (a < b) { document.write('<p>não</p>') }</script><style>p { x: '</p>' }</style>\
                    <svg><text>desenho</text><svg></svg></svg><template><p>modelo</p></template><p>Sim.</p>";
        assert_eq!(texts(html), [("Sim.".to_string(), BlockKind::Paragraph)]);
    }

    #[test]
    fn hostile_attributes_stay_text() {
        let html = r#"<p><a href="javascript:alert(1)">um</a> <a href=" JAVASCRIPT:x">dois</a>
            <a href="https://a.example/x) [mau](javascript:alert(1)">três</a>
            <img alt="[mau](javascript:alert(1))" src="x) [mau](javascript:alert(1)">
            <ol start="9223372036854775807"><li>fim<li>depois</ol></p>"#;
        let blocks = super::super::blocks::normalise(read(html));
        let all: String = blocks.iter().map(|b| format!("{} {:?}\n", b.text, b.images)).collect();
        assert!(!all.replace("\\]", "").contains("](javascript"), "{all}");
        assert!(all.contains("[três](https://a.example/x%29%20%5Bmau%5D%28javascript:alert%281%29)"), "{all}");
        assert!(all.contains("9223372036854775807. fim"), "{all}");
    }
}
