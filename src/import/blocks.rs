//! The blocks every reader produces, and what is done to them before the structure is read:
//! white space collapsed, line breaks made into blocks of their own, and paragraphs that a word
//! processor broke in the middle of a sentence joined again.

/// What kind of block the source said it was. Plain text knows only paragraphs and bullets;
/// Markdown, HTML and .docx also know headings and the document title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading of this level (1 is the highest).
    Heading(u8),
    /// The document's title (Word's "Title" style).
    Title,
    /// An item of a bullet list (numbered items are paragraphs whose text starts with the number).
    Bullet,
}

/// One paragraph, heading or list item. `text` is inline Markdown: `**bold**`, `*italic*`,
/// `[text](url)`; a numbered item's text starts with its number (`1.1 - …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Pictures the source had in this block, by what is known of each (alt text or file name;
    /// empty when nothing is).
    pub images: Vec<String>,
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
                    out.push(Block { kind: BlockKind::Bullet, text: rest.trim().to_string(), images })
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

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['*', '_', '"', '\u{201d}', '\'', ')']);
    trimmed.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start_matches(['*', '_']).chars().next().is_some_and(char::is_lowercase)
}

/// Builds inline Markdown from runs of text that are bold or not (HTML and .docx): adjacent runs
/// of the same weight merge, and the white space at the edges of a bold run stays outside the
/// `**`, which Markdown requires.
#[derive(Default)]
pub struct Inline {
    runs: Vec<(String, bool)>,
}

impl Inline {
    pub fn push(&mut self, text: &str, bold: bool) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((last, b)) if *b == bold => last.push_str(text),
            _ => self.runs.push((text.to_string(), bold)),
        }
    }

    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        for (text, bold) in self.runs.drain(..) {
            let core = text.trim_matches(|c: char| c.is_whitespace() && c != '\n');
            if !bold || core.is_empty() || core.contains('\n') {
                out.push_str(&text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(lead);
            out.push_str("**");
            out.push_str(core);
            out.push_str("**");
            out.push_str(trail);
        }
        out
    }
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
        let mut inline = Inline::default();
        inline.push("Vá em ", false);
        inline.push("Chamados ", true);
        inline.push("Relacionados ", true);
        inline.push("agora.", false);
        assert_eq!(inline.finish(), "Vá em **Chamados Relacionados** agora.");
    }
}
