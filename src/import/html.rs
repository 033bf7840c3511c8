//! HTML, as Word's "Web Page, Filtered" or a wiki gives it: every block element is a block,
//! `<h1>`…`<h6>` headings, Word's `MsoTitle` paragraph the title, `<b>`/`<strong>` (and spans
//! styled bold) bold, `<i>`/`<em>` (and spans styled italic) italic, `<br>` a line break, `<img>`
//! a picture (its `src` fetched later, see [`super::pictures`]), web links `[text](url)`, a
//! `<table>` a Markdown table (a table inside a cell is text of that cell). An `<ol>` inside no
//! other list numbers the manual's steps (`3. …`); a list inside a list, a `<ul>`, or an `<ol>`
//! of letters or roman numerals is a list inside a step, nested as the HTML nests it. Scripts,
//! styles, the `<head>`, drawings, deleted text (`<del>`) and LibreOffice's page header and
//! footer (`<div title="header">`) are skipped.
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

use super::blocks::{Block, BlockKind, Inline, MAX_COLUMNS, MAX_LIST_DEPTH, Style, table_blocks};
use super::links;
use super::pictures::{self, Data, Picture};
use crate::text::escape_markdown;

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
    /// A list; for `<ol>`, the number of its next item, and whether it counts in digits.
    List(Option<i64>, bool),
    /// Bold, italic, or both.
    Style(Style),
    /// The outermost table, a row of it, a cell of it spanning this many columns.
    Table,
    Row,
    Cell(usize),
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
    images: Vec<Picture>,
    /// The open elements that matter, innermost last, and how many of each name are open.
    open: Vec<(LocalName, Effect)>,
    counts: HashMap<LocalName, usize>,
    /// How many bold and italic elements are open.
    bold: usize,
    italic: usize,
    /// How many lists are open.
    lists: usize,
    /// The outermost table being read: its rows, the row being read, the cell being read (each
    /// cell's blocks).
    table: Option<TableRows>,
    /// Inside an element whose content is not text of the manual (`<head>`, `<svg>`): its name
    /// and how many of that name are open inside it.
    skipping: Option<(LocalName, usize)>,
    /// Inside `<script>`, `<style>`, `<title>`…: the tokenizer reads their content as raw text,
    /// which is dropped until their end tag.
    raw: Option<LocalName>,
}

#[derive(Default)]
struct TableRows {
    rows: Vec<Vec<Vec<Block>>>,
    row: Vec<Vec<Block>>,
    cell: Option<Vec<Block>>,
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

/// Elements whose content is not the manual's text (`<del>`: text a tracked change deleted, as
/// Word writes it).
const SKIPPED: &[&str] = &["head", "svg", "math", "template", "select", "del"];

impl Reader {
    fn flush(&mut self) {
        let text = self.inline.finish();
        if !text.trim().is_empty() || !self.images.is_empty() {
            let images = std::mem::take(&mut self.images);
            let block = Block { kind: self.kind.unwrap_or(BlockKind::Paragraph), text, images };
            match self.table.as_mut().and_then(|t| t.cell.as_mut()) {
                Some(cell) => cell.push(block),
                None => self.blocks.push(block),
            }
        }
        self.kind = None;
    }

    fn push(&mut self, text: &str) {
        self.inline.push(text, Style { bold: self.bold > 0, italic: self.italic > 0 });
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
        // LibreOffice writes a page's header and footer as `<div title="header">`: page furniture,
        // as the header and footer of a .docx are.
        let furniture = name == "div" && attr(tag, "title").is_some_and(|t| t == "header" || t == "footer");
        if SKIPPED.contains(&name) || furniture {
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
                let alt = attr(tag, "alt").filter(|a| !a.trim().is_empty()).or_else(|| attr(tag, "title"));
                let src = attr(tag, "src").unwrap_or_default();
                self.images.push(Picture::new(alt, pictures::origin_of(src), Data::Pending(src.to_string())));
            }
            _ if VOID.contains(&name) => {}
            "a" => {
                let effect = attr(tag, "href").and_then(links::web_target).map_or(Effect::Plain, Effect::Link);
                let link = effect != Effect::Plain;
                if self.open(tag, effect) && link {
                    self.push("[");
                }
            }
            "b" | "strong" => self.open_style(tag, Style { bold: true, italic: false }),
            "i" | "em" => self.open_style(tag, Style { bold: false, italic: true }),
            "span" | "font" => {
                let style = attr(tag, "style");
                let style = Style { bold: is_bold_style(style), italic: is_italic_style(style) };
                if style != Style::PLAIN {
                    self.open_style(tag, style);
                }
            }
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
                let depth = self.lists.saturating_sub(1).min(usize::from(MAX_LIST_DEPTH)) as u8;
                match self.next_item_number() {
                    // The manual's own numbered steps: "3. …", as a text export writes them.
                    (Some(n), true) if depth == 0 => self.push(&format!("{n}. ")),
                    (number, _) => {
                        let number = number.map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX));
                        self.kind = Some(BlockKind::Item { depth, number });
                    }
                }
                self.open(tag, Effect::Block);
            }
            "ul" | "ol" => {
                self.close_open_p();
                self.flush();
                let start = attr(tag, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                let digits = !matches!(attr(tag, "type").map(str::trim), Some("a" | "A" | "i" | "I"));
                if self.open(tag, Effect::List((name == "ol").then_some(start), digits)) {
                    self.lists += 1;
                }
            }
            "table" => {
                self.close_open_p();
                self.flush();
                let effect = if self.table.is_none() { Effect::Table } else { Effect::Block };
                if self.open(tag, effect.clone()) && effect == Effect::Table {
                    self.table = Some(TableRows::default());
                }
            }
            "tr" | "td" | "th" => {
                match name {
                    "tr" => self.close_implied(&[local_name!("tr")], &["table", "tbody", "thead", "tfoot"]),
                    _ => self.close_implied(&[local_name!("td"), local_name!("th")], &["tr", "table"]),
                }
                self.close_open_p();
                self.flush();
                // A row or cell of the outermost table, not of one inside a cell.
                let outer = self.open.iter().rev().find(|(n, _)| *n == local_name!("table")).map(|(_, e)| e)
                    == Some(&Effect::Table);
                let effect = match (outer, name) {
                    (false, _) => Effect::Block,
                    (true, "tr") => Effect::Row,
                    (true, _) => {
                        let span = attr(tag, "colspan").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                        Effect::Cell(usize::clamp(span, 1, MAX_COLUMNS))
                    }
                };
                let cell = matches!(effect, Effect::Cell(_));
                if self.open(tag, effect)
                    && cell
                    && let Some(table) = &mut self.table
                {
                    table.cell = Some(Vec::new());
                }
            }
            _ if BLOCKS.contains(&name) => {
                if let "dt" | "dd" = name {
                    self.close_implied(&[local_name!("dt"), local_name!("dd")], &["dl"]);
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

    fn open_style(&mut self, tag: &Tag, style: Style) {
        if self.open(tag, Effect::Style(style)) {
            self.bold += usize::from(style.bold);
            self.italic += usize::from(style.italic);
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
            Effect::Block => self.flush(),
            Effect::List(..) => {
                self.flush();
                self.lists -= 1;
            }
            Effect::Style(style) => {
                self.bold -= usize::from(style.bold);
                self.italic -= usize::from(style.italic);
            }
            Effect::Link(href) => self.push(&format!("]({href})")),
            Effect::Plain => {}
            Effect::Cell(span) => {
                self.flush();
                if let Some(table) = &mut self.table {
                    let cell = table.cell.take().unwrap_or_default();
                    table.row.push(cell);
                    table.row.extend(std::iter::repeat_with(Vec::new).take(span - 1));
                }
            }
            Effect::Row => {
                self.flush();
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            Effect::Table => {
                self.flush();
                if let Some(mut table) = self.table.take() {
                    if !table.row.is_empty() {
                        table.rows.push(std::mem::take(&mut table.row));
                    }
                    self.table_done(table.rows);
                }
            }
        }
    }

    /// The outermost table, closed: one Markdown table, or its cells' blocks when it is not a
    /// table of data.
    fn table_done(&mut self, rows: Vec<Vec<Vec<Block>>>) {
        self.blocks.extend(table_blocks(rows));
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

    /// The number of a new item of the innermost list (`None` in a bullet list), and whether the
    /// list counts in digits.
    fn next_item_number(&mut self) -> (Option<i64>, bool) {
        let Some((_, effect)) = self.open.iter_mut().rev().find(|(_, e)| matches!(e, Effect::List(..))) else {
            return (None, false);
        };
        let Effect::List(Some(next), digits) = effect else { return (None, false) };
        let n = *next;
        *next = next.saturating_add(1);
        (Some(n), *digits)
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

fn is_italic_style(style: Option<&str>) -> bool {
    style.is_some_and(|s| s.to_ascii_lowercase().replace(' ', "").contains("font-style:italic"))
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
                ("item", BlockKind::BULLET),
                ("[Qualitor](https://qualitor.example/kb) 2 \\* 3", BlockKind::Paragraph),
            ]
        );
        let labels: Vec<String> = blocks[5].images.iter().map(Picture::label).collect();
        assert_eq!(labels, ["Tela (image001.png)"]);
        assert_eq!(blocks[5].images[0].data, Data::Pending("image001.png".into()));
    }

    #[test]
    fn unclosed_items_paragraphs_and_cells_close_themselves() {
        let html = "<ol start=3><li>Três.<li>Quatro.<ul><li>A.<li>B.</ul><li>Cinco.</ol>\
                    <p>Um.<p>Dois.<table><tr><td>C1.<td>C2.<tr><td>C3.</table><dl><dt>Termo.<dd>Definição.</dl>";
        let expected = [
            ("3. Três.", BlockKind::Paragraph),
            ("4. Quatro.", BlockKind::Paragraph),
            ("A.", BlockKind::Item { depth: 1, number: None }),
            ("B.", BlockKind::Item { depth: 1, number: None }),
            ("5. Cinco.", BlockKind::Paragraph),
            ("Um.", BlockKind::Paragraph),
            ("Dois.", BlockKind::Paragraph),
            ("| C1. | C2. |\n| --- | --- |\n| C3. |  |", BlockKind::Table),
            ("Termo.", BlockKind::Paragraph),
            ("Definição.", BlockKind::Paragraph),
        ];
        let expected: Vec<(String, BlockKind)> = expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        assert_eq!(texts(html), expected);
    }

    #[test]
    fn tables_lists_and_italic() {
        let html = r#"<div title="header"><p>Cabeçalho da página</p></div>
            <p>Veja <i>isto</i>, <em><b>aquilo</b></em> e <span style="font-style: italic">mais</span><del>apagado</del>.</p>
            <table><caption>Campos</caption>
              <tr><th>Campo<th>Exemplo
              <tr><td colspan=2><p>Largo</p><p>em dois</p>
              <tr><td>CNPJ<td><table><tr><td>00.000<td>0001-00</table>
            </table>
            <ol type=a><li>Um<ol><li>Um.um</ol><li>Dois<ul><li>Bolinha</ul></ol>
            <ul><li>Fora</ul>"#;
        let got = texts(html);
        let expected = [
            ("Veja *isto*, ***aquilo*** e *mais*.", BlockKind::Paragraph),
            ("Campos", BlockKind::Paragraph),
            ("| Campo | Exemplo |\n| --- | --- |\n| Largo em dois |  |\n| CNPJ | 00.000 0001-00 |", BlockKind::Table),
            ("Um", BlockKind::Item { depth: 0, number: Some(1) }),
            ("Um.um", BlockKind::Item { depth: 1, number: Some(1) }),
            ("Dois", BlockKind::Item { depth: 0, number: Some(2) }),
            ("Bolinha", BlockKind::Item { depth: 1, number: None }),
            ("Fora", BlockKind::BULLET),
        ];
        let expected: Vec<(String, BlockKind)> = expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        assert_eq!(got, expected);
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
        assert_eq!(texts(&html), [("***Fim.***".to_string(), BlockKind::Paragraph)]);
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
        let labels = |b: &Block| b.images.iter().map(Picture::label).collect::<Vec<_>>();
        let all: String = blocks.iter().map(|b| format!("{} {:?}\n", b.text, labels(b))).collect();
        assert!(!all.replace("\\]", "").contains("](javascript"), "{all}");
        assert!(all.contains("[três](https://a.example/x%29%20%5Bmau%5D%28javascript:alert%281%29)"), "{all}");
        assert!(all.contains("9223372036854775807. fim"), "{all}");
    }
}
