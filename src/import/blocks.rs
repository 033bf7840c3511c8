//! The blocks every reader produces, and what is done to them before the structure is read:
//! white space collapsed, line breaks made into blocks of their own, and paragraphs that a word
//! processor broke in the middle of a sentence joined again. Tables are written here as Markdown
//! tables, for every reader alike.

use super::pictures::Picture;

/// What kind of block the source said it was. Plain text knows only paragraphs and bullets;
/// Markdown, HTML and .docx also know headings and the document title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading of this level (1 is the highest).
    Heading(u8),
    /// The document's title (Word's "Title" style).
    Title,
    /// An item of a list inside a step: `depth` 0 for a list inside no other, `number` for an
    /// item of a numbered list. The numbered lists that number the manual's sections and steps
    /// are not items: they are paragraphs whose text starts with the number (`1.1 - …`).
    Item {
        depth: u8,
        number: Option<u32>,
    },
    /// A table, its text a GitHub-flavoured Markdown table (see [`markdown_table`]).
    Table,
}

impl BlockKind {
    /// An item of a bullet list inside no other list.
    pub const BULLET: BlockKind = BlockKind::Item { depth: 0, number: None };

    pub fn is_item(self) -> bool {
        matches!(self, BlockKind::Item { .. })
    }
}

/// How deep list items nest; deeper ones are read at this depth.
pub const MAX_LIST_DEPTH: u8 = 8;

/// One paragraph, heading, list item or table. `text` is inline Markdown: `**bold**`, `*italic*`,
/// `[text](url)`; a numbered section's text starts with its number (`1.1 - …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Pictures the source had in this block, in reading order.
    pub images: Vec<Picture>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block { kind, text: text.into(), images: Vec::new() }
    }

    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::new(BlockKind::Paragraph, text)
    }
}

/// Splits blocks at line breaks, collapses white space, drops empty blocks (unless they hold a
/// picture) and joins a paragraph broken in the middle of a sentence with the one that finishes it.
pub fn normalise(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for block in blocks {
        if block.kind == BlockKind::Table {
            out.push(block);
            continue;
        }
        let lines: Vec<String> = block.text.split('\n').map(collapse).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            if !block.images.is_empty() {
                out.push(Block { kind: BlockKind::Paragraph, text: String::new(), images: block.images });
            }
            continue;
        }
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let images = if i + 1 == count { block.images.clone() } else { Vec::new() };
            let kind = if i == 0 { block.kind } else { BlockKind::Paragraph };
            // Word writes a bullet as a symbol in front of the text ("· item", "• item").
            let bullet = ["· ", "• ", "▪ ", "◦ ", "– "].iter().find_map(|b| line.strip_prefix(b));
            match bullet {
                Some(rest) if kind == BlockKind::Paragraph && !rest.trim().is_empty() => {
                    out.push(Block { kind: BlockKind::BULLET, text: rest.trim().to_string(), images })
                }
                _ => out.push(Block { kind, text: line, images }),
            }
        }
    }
    join_broken(out)
}

/// White space runs (including no-break spaces) become one space; the ends are trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Word processors break a sentence over two paragraphs when a picture or a stray line break
/// falls inside it: "…e solução da" / "questão mencionada.". A paragraph that does not end a
/// sentence, followed by one that starts in lower case, is one paragraph.
fn join_broken(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(last) = out.last_mut()
            && last.kind == BlockKind::Paragraph
            && block.kind == BlockKind::Paragraph
            && last.images.is_empty()
            && !last.text.is_empty()
            && !ends_sentence(&last.text)
            && starts_lowercase(&block.text)
            && crate::import::detect::number(&block.text).is_none()
        {
            last.text.push(' ');
            last.text.push_str(&block.text);
            last.images = block.images;
            continue;
        }
        out.push(block);
    }
    out
}

/// A line of a manual's header, typed without blank lines under the title ("Instalar o Token" /
/// "SUPORTE TÉCNICO" / "Procedimento Operacional Padrão"): short and not a sentence. At the top of
/// a plain-text or Markdown manual, such a line ends where the line does, instead of running on
/// into the next one; a next line that starts in lower case is joined back ([`join_broken`]).
pub fn is_header_line(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !ends_sentence(text) && text.split_whitespace().count() <= HEADER_WORDS
}

/// The longest header line, in words (as a heading of the structure's reading).
const HEADER_WORDS: usize = 10;

/// Whether a block read so far leaves the manual's header: a sentence, or a numbered item.
pub fn ends_header(text: &str) -> bool {
    ends_sentence(text) || crate::import::detect::number(text).is_some()
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['*', '_', '"', '\u{201d}', '\'', ')']);
    trimmed.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

pub fn starts_lowercase(text: &str) -> bool {
    text.trim_start_matches(['*', '_']).chars().next().is_some_and(char::is_lowercase)
}

/// How a run of text is emphasised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

impl Style {
    pub const PLAIN: Style = Style { bold: false, italic: false };

    fn marks(self) -> &'static str {
        match (self.bold, self.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        }
    }
}

/// Builds inline Markdown from runs of text, bold, italic or neither (HTML and .docx): adjacent
/// runs of the same style merge, and the white space at the edges of an emphasised run stays
/// outside its `**` or `*`, which Markdown requires.
#[derive(Default)]
pub struct Inline {
    runs: Vec<(String, Style)>,
}

impl Inline {
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((last, s)) if *s == style => last.push_str(text),
            _ => self.runs.push((text.to_string(), style)),
        }
    }

    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        for (text, style) in self.runs.drain(..) {
            let core = text.trim_matches(|c: char| c.is_whitespace() && c != '\n');
            let marks = style.marks();
            if marks.is_empty() || core.is_empty() || core.contains('\n') {
                out.push_str(&text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(lead);
            out.push_str(marks);
            out.push_str(core);
            out.push_str(marks);
            out.push_str(trail);
        }
        out
    }
}

/// The most columns a table keeps as a table; a wider one is read as paragraphs.
pub const MAX_COLUMNS: usize = 32;

/// A table read from a document (rows of cells of blocks): one [`BlockKind::Table`] block with
/// the cells' pictures, or the cells' own blocks when it is not a table of data.
pub fn table_blocks(rows: Vec<Vec<Vec<Block>>>) -> Vec<Block> {
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| cell.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ")).collect())
        .collect();
    match markdown_table(&texts) {
        Some(text) => {
            let images = rows.into_iter().flatten().flatten().flat_map(|b| b.images).collect();
            vec![Block { kind: BlockKind::Table, text, images }]
        }
        None => rows.into_iter().flatten().flatten().collect(),
    }
}

/// A table's rows (each cell inline Markdown) as a GitHub-flavoured Markdown table, the first row
/// its header: `| Campo | Exemplo |`, `| --- | --- |`, one line a row, `|` escaped in the cells.
/// Rows with no text are dropped. `None` when it is not a table of data: fewer than two rows or
/// two columns (a frame around a paragraph), more than [`MAX_COLUMNS`], or more empty cells
/// (spanned, or added to even the rows out) than cells with text, which would let a few bytes of
/// source write many of `|  |`.
pub fn markdown_table(rows: &[Vec<String>]) -> Option<String> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| collapse(cell).replace('|', "\\|")).collect::<Vec<_>>())
        .filter(|row| row.iter().any(|cell| !cell.is_empty()))
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let filled = rows.iter().flatten().filter(|cell| !cell.is_empty()).count();
    if rows.len() < 2 || !(2..=MAX_COLUMNS).contains(&columns) || rows.len() * columns - filled > filled {
        return None;
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i == 1 {
            out.push_str(&"| --- ".repeat(columns));
            out.push_str("|\n");
        }
        for k in 0..columns {
            let cell = row.get(k).map_or("", String::as_str);
            out.push_str("| ");
            out.push_str(cell);
            out.push(' ');
        }
        out.push_str("|\n");
    }
    out.pop();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_broken_over_two_paragraphs_is_joined() {
        let blocks = normalise(vec![
            Block::paragraph("2.2 - Na tela abaixo, informe a descrição e solução da"),
            Block::paragraph(" \u{a0}"),
            Block::paragraph("questão mencionada."),
            Block::paragraph("Outra frase."),
            Block::paragraph("minúscula depois de ponto."),
        ]);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2.2 - Na tela abaixo, informe a descrição e solução da questão mencionada.",
                "Outra frase.",
                "minúscula depois de ponto."
            ]
        );
    }

    #[test]
    fn bold_runs_keep_their_spaces_outside() {
        let bold = Style { bold: true, italic: false };
        let italic = Style { bold: false, italic: true };
        let mut inline = Inline::default();
        inline.push("Vá em ", Style::PLAIN);
        inline.push("Chamados ", bold);
        inline.push("Relacionados ", bold);
        inline.push("agora, ", Style::PLAIN);
        inline.push(" com calma ", italic);
        inline.push("e ", Style::PLAIN);
        inline.push("atenção", Style { bold: true, italic: true });
        inline.push(".", Style::PLAIN);
        assert_eq!(inline.finish(), "Vá em **Chamados Relacionados** agora,  *com calma* e ***atenção***.");
    }

    #[test]
    fn tables_are_markdown_tables_and_frames_are_not() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let table = markdown_table(&[
            row(&["Campo", "Exemplo"]),
            row(&["", ""]),
            row(&["CNPJ", "00.000.000/0001-00"]),
            row(&["Nome", "A | B\n  Ltda."]),
            row(&["Telefone"]),
        ])
        .unwrap();
        assert_eq!(
            table,
            "| Campo | Exemplo |\n| --- | --- |\n| CNPJ | 00.000.000/0001-00 |\n| Nome | A \\| B Ltda. |\n| Telefone |  |"
        );
        // pulldown-cmark reads it back as a table of two columns, the pipe inside its cell.
        let html = {
            let mut out = String::new();
            let parser = pulldown_cmark::Parser::new_ext(&table, pulldown_cmark::Options::ENABLE_TABLES);
            pulldown_cmark::html::push_html(&mut out, parser);
            out
        };
        assert_eq!(html.matches("<tr>").count(), 4, "{html}");
        assert!(html.contains("<td>A | B Ltda.</td>"), "{html}");
        // One row, one column, or mostly padding: not a table.
        assert_eq!(markdown_table(&[row(&["Atenção: cuidado."]), row(&["Outro."])]), None);
        assert_eq!(markdown_table(&[row(&["a", "b"])]), None);
        let ragged: Vec<Vec<String>> = std::iter::once(row(&["a"; 10])).chain((0..10).map(|_| row(&["x"]))).collect();
        assert_eq!(markdown_table(&ragged), None);
    }
}
