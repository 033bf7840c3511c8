//! Markdown, read with pulldown-cmark: headings, paragraphs, list items (an item of a numbered
//! list inside no other gets its number back, `3. …`, as the manual's steps; items of other lists
//! are items, nested), tables, pictures (their `src` fetched later, see [`super::pictures`]), and
//! inline formatting rewritten as Markdown.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::blocks::{Block, BlockKind, MAX_LIST_DEPTH, ends_header, is_header_line, markdown_table};
use super::links;
use super::pictures::{self, Data, Picture};
use crate::text::escape_markdown;

pub fn read(text: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        reader.event(event);
    }
    reader.flush();
    reader.blocks
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    current: Option<Block>,
    /// For each open list, the number of its next item (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// Inside `![alt](src)`: the alt text so far (as written) and the source.
    image: Option<(String, String)>,
    /// The targets of the open links; `None` for a link that is not to the web, whose text
    /// stays and whose target goes.
    links: Vec<Option<String>>,
    /// Whether the current item has written its first paragraph yet.
    item_fresh: bool,
    /// Inside a table: its rows so far, the row being read, and the pictures of its cells.
    table: Option<TableRows>,
    /// Past the manual's header (a sentence or a numbered item was read).
    past_header: bool,
}

type TableRows = (Vec<Vec<String>>, Vec<String>, Vec<Picture>);

impl Reader {
    fn begin(&mut self, kind: BlockKind, prefix: String) {
        self.flush();
        self.current = Some(Block::new(kind, prefix));
    }

    fn flush(&mut self) {
        if let Some(block) = self.current.take() {
            self.past_header |= ends_header(&block.text);
            self.blocks.push(block);
        }
    }

    /// A line break typed inside a paragraph: a space, but in the header above the first
    /// sentence a short line stays a line ("Instalar o Token" / "SUPORTE TÉCNICO").
    fn soft_break(&mut self) {
        let line = self.current.as_ref().map(|b| b.text.rsplit('\n').next().unwrap_or_default());
        let header = !self.past_header && self.lists.is_empty() && line.is_some_and(is_header_line);
        self.push(if header { "\n" } else { " " });
    }

    fn push(&mut self, text: &str) {
        if self.image.is_some() {
            return;
        }
        self.current.get_or_insert_with(|| Block::paragraph("")).text.push_str(text);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.image {
                Some((alt, _)) => alt.push_str(&text),
                None => self.push(&escape_markdown(&text)),
            },
            Event::Code(code) => self.push(&format!("`{code}`")),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push(&math),
            Event::Html(html) | Event::InlineHtml(html) => {
                let lower = html.trim().to_ascii_lowercase();
                if lower.starts_with("<br") {
                    self.push("\n");
                } else if !lower.starts_with("<!--") {
                    self.push(&html);
                }
            }
            Event::SoftBreak => self.soft_break(),
            Event::HardBreak => self.push("\n"),
            Event::Rule => self.flush(),
            Event::FootnoteReference(name) => self.push(&format!("[^{name}]")),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => self.begin(BlockKind::Heading(heading_level(level)), String::new()),
            Tag::Paragraph => {
                if self.item_fresh {
                    self.item_fresh = false;
                } else {
                    self.begin(BlockKind::Paragraph, String::new());
                }
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                let depth = self.lists.len().saturating_sub(1).min(usize::from(MAX_LIST_DEPTH)) as u8;
                let (kind, prefix) = match self.lists.last_mut() {
                    Some(Some(n)) if depth == 0 => {
                        let prefix = format!("{n}. ");
                        *n += 1;
                        (BlockKind::Paragraph, prefix)
                    }
                    Some(Some(n)) => {
                        let number = Some(u32::try_from(*n).unwrap_or(u32::MAX));
                        *n += 1;
                        (BlockKind::Item { depth, number }, String::new())
                    }
                    _ => (BlockKind::Item { depth, number: None }, String::new()),
                };
                self.begin(kind, prefix);
                self.item_fresh = true;
            }
            Tag::Emphasis => self.push("*"),
            Tag::Strong => self.push("**"),
            Tag::Strikethrough => self.push("~~"),
            Tag::Link { dest_url, .. } => {
                let target = links::web_target(&dest_url);
                if target.is_some() {
                    self.push("[");
                }
                self.links.push(target);
            }
            Tag::Image { dest_url, .. } => self.image = Some((String::new(), dest_url.to_string())),
            Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::HtmlBlock => self.begin(BlockKind::Paragraph, String::new()),
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Default::default());
            }
            Tag::TableCell => self.begin(BlockKind::Paragraph, String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock => self.flush(),
            TagEnd::TableCell => {
                let cell = self.current.take().unwrap_or_else(|| Block::paragraph(""));
                if let Some((_, row, images)) = &mut self.table {
                    row.push(cell.text);
                    images.extend(cell.images);
                }
            }
            TagEnd::TableRow | TagEnd::TableHead => {
                if let Some((rows, row, _)) = &mut self.table {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => {
                if let Some((rows, _, images)) = self.table.take() {
                    match markdown_table(&rows) {
                        Some(text) => self.blocks.push(Block { kind: BlockKind::Table, text, images }),
                        None => {
                            let cells = rows.into_iter().flatten().filter(|c| !c.trim().is_empty());
                            self.blocks.extend(cells.map(Block::paragraph));
                            if let Some(last) = self.blocks.last_mut() {
                                last.images.extend(images);
                            }
                        }
                    }
                }
            }
            TagEnd::Item => {
                self.item_fresh = false;
                self.flush();
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Emphasis => self.push("*"),
            TagEnd::Strong => self.push("**"),
            TagEnd::Strikethrough => self.push("~~"),
            TagEnd::Link => {
                if let Some(Some(url)) = self.links.pop() {
                    self.push(&format!("]({url})"));
                }
            }
            TagEnd::Image => {
                if let Some((alt, src)) = self.image.take() {
                    let picture = Picture::new(Some(&alt), pictures::origin_of(&src), Data::Pending(src));
                    self.current.get_or_insert_with(|| Block::paragraph("")).images.push(picture);
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_and_inline_formatting() {
        let blocks = read(
            "# Título\n\n## 1. Seção\n\n1. Primeiro **passo**\n2. Segundo passo\n\n- um\n\n![Tela do Qualitor](tela.png)\n",
        );
        let texts: Vec<(&str, BlockKind)> = blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            texts,
            [
                ("Título", BlockKind::Heading(1)),
                ("1. Seção", BlockKind::Heading(2)),
                ("1. Primeiro **passo**", BlockKind::Paragraph),
                ("2. Segundo passo", BlockKind::Paragraph),
                ("um", BlockKind::BULLET),
                ("", BlockKind::Paragraph),
            ]
        );
        assert_eq!(blocks[5].images[0].label(), "Tela do Qualitor (tela.png)");
    }

    #[test]
    fn only_web_links_stay_links() {
        let blocks = read(
            "[um](javascript:alert(1)) [dois](<https://a.example/x y>) [três](outro.md)\n\n\
             ![[mau](javascript:x)](<x) [b](javascript:y>)\n",
        );
        assert_eq!(blocks[0].text, "um [dois](https://a.example/x%20y) três");
        assert_eq!(blocks[1].images[0].label(), r"mau (x) \[b\](javascript:y)");
    }
}
