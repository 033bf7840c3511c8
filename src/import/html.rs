//! HTML, as Word's "Web Page, Filtered" or a wiki gives it, read with scraper (html5ever): every
//! block element is a block, `<h1>`…`<h6>` headings, Word's `MsoTitle` paragraph the title,
//! `<b>`/`<strong>` (and spans styled bold) bold, `<br>` a line break, `<img>` a picture, links
//! `[text](url)`. Scripts, styles and the `<head>` are skipped.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::blocks::{Block, BlockKind, Inline, escape_markdown};

pub fn read(text: &str) -> Vec<Block> {
    let document = Html::parse_document(text);
    let mut walker = Walker {
        blocks: Vec::new(),
        kind: BlockKind::Paragraph,
        inline: Inline::default(),
        images: Vec::new(),
        bold: 0,
    };
    walker.walk(*document.root_element());
    walker.flush();
    walker.blocks
}

struct Walker {
    blocks: Vec<Block>,
    kind: BlockKind,
    inline: Inline,
    images: Vec<String>,
    /// How many bold elements are open.
    bold: usize,
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
    "hr",
];

impl Walker {
    fn flush(&mut self) {
        let text = self.inline.finish();
        if !text.trim().is_empty() || !self.images.is_empty() {
            let images = std::mem::take(&mut self.images);
            self.blocks.push(Block { kind: self.kind, text, images });
        }
        self.kind = BlockKind::Paragraph;
    }

    fn push(&mut self, text: &str) {
        self.inline.push(text, self.bold > 0);
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(text) => {
                let collapsed: String = text.split(|c: char| c.is_ascii_whitespace()).collect::<Vec<_>>().join(" ");
                self.push(&escape_markdown(&collapsed));
            }
            Node::Element(element) => {
                let name = element.name();
                match name {
                    "script" | "style" | "head" | "title" | "noscript" | "template" | "svg" => {}
                    "br" => self.push("\n"),
                    "img" => {
                        let alt = element.attr("alt").map(str::trim).filter(|a| !a.is_empty());
                        let src = element.attr("src").unwrap_or_default();
                        self.images.push(match alt {
                            Some(alt) => format!("{alt} ({src})"),
                            None => src.to_string(),
                        });
                    }
                    "a" => {
                        let href = element.attr("href").filter(|h| h.starts_with("http") || h.starts_with("mailto:"));
                        match href {
                            Some(href) => {
                                self.push("[");
                                self.children(node);
                                self.push(&format!("]({href})"));
                            }
                            None => self.children(node),
                        }
                    }
                    "b" | "strong" => self.bold_children(node),
                    "span" | "font" if is_bold_style(element.attr("style")) => self.bold_children(node),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.flush();
                        self.kind = BlockKind::Heading(name.as_bytes()[1] - b'0');
                        self.children(node);
                        self.flush();
                    }
                    "li" => {
                        self.flush();
                        match ordered_number(node) {
                            Some(n) => self.push(&format!("{n}. ")),
                            None => self.kind = BlockKind::Bullet,
                        }
                        self.children(node);
                        self.flush();
                    }
                    _ if BLOCKS.contains(&name) => {
                        self.flush();
                        if element.has_class("MsoTitle", scraper::CaseSensitivity::AsciiCaseInsensitive) {
                            self.kind = BlockKind::Title;
                        }
                        self.children(node);
                        self.flush();
                    }
                    _ => self.children(node),
                }
            }
            _ => self.children(node),
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            self.walk(child);
        }
    }

    fn bold_children(&mut self, node: NodeRef<'_, Node>) {
        self.bold += 1;
        self.children(node);
        self.bold -= 1;
    }
}

fn is_bold_style(style: Option<&str>) -> bool {
    let Some(style) = style else { return false };
    let style = style.to_ascii_lowercase().replace(' ', "");
    style.contains("font-weight:bold") || style.contains("font-weight:700") || style.contains("font-weight:800")
}

/// The number of a `<li>` of an `<ol>` (from its `start`), or `None` in a bullet list.
fn ordered_number(node: NodeRef<'_, Node>) -> Option<i64> {
    let parent = node.parent()?;
    let list = parent.value().as_element().filter(|e| e.name() == "ol")?;
    let start: i64 = list.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
    let before = node.prev_siblings().filter(|s| s.value().as_element().is_some_and(|e| e.name() == "li")).count();
    Some(start + before as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
