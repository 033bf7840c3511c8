//! Plain text, as Word's "save as text" and copies out of Qualitor give it: paragraphs separated
//! by blank lines (lines of spaces count as blank). Inside a paragraph, a line that starts a
//! numbered item, a bullet or an "Observação:"-style label starts a new block; any other line
//! continues the one before (a hard-wrapped paragraph), except in the header above the first
//! sentence, where a short line is a line of its own ([`is_header_line`]). `**bold**`, which
//! exports from Qualitor keep, is read as Markdown.

use super::blocks::{Block, BlockKind, ends_header, is_header_line, starts_lowercase};
use super::detect;

pub fn read(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    let mut in_header = true;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let trimmed = line.trim();
        let bullet = bullet(trimmed);
        let header_line =
            in_header && !starts_lowercase(trimmed) && blocks.last().is_some_and(|b| is_header_line(&b.text));
        let starts_new = !open
            || header_line
            || bullet.is_some()
            || detect::number(trimmed).is_some()
            || detect::label(trimmed).is_some();
        if starts_new {
            blocks.push(match bullet {
                Some(rest) => Block::new(BlockKind::BULLET, rest),
                None => Block::paragraph(trimmed),
            });
        } else if let Some(last) = blocks.last_mut() {
            last.text.push(' ');
            last.text.push_str(trimmed);
        }
        in_header &= !blocks.last().is_some_and(|b| ends_header(&b.text));
        open = true;
    }
    blocks
}

/// The text of a bullet line (`- item`, `* item`, `• item`), without the bullet.
fn bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "• ", "– ", "· ", "▪ "]
        .iter()
        .find_map(|b| line.strip_prefix(b))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header typed without blank lines keeps its lines apart; below the first sentence, lines
    /// run on as a hard-wrapped paragraph does.
    #[test]
    fn header_lines_without_blank_lines() {
        let blocks = read(
            "Instalar o Token\nSUPORTE TÉCNICO\nProcedimento Operacional Padrão\nEste manual orienta\nsobre o token.\nLinha curta\nContinua aqui.\n",
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Instalar o Token",
                "SUPORTE TÉCNICO",
                "Procedimento Operacional Padrão",
                "Este manual orienta sobre o token. Linha curta Continua aqui.",
            ]
        );
    }

    #[test]
    fn paragraphs_lines_and_bullets() {
        let blocks =
            read("Título\n\nUma linha\nque continua.\n \n1.1 - Passo\nObservação: nota\n- item um\n- item dois\n");
        let texts: Vec<(&str, BlockKind)> = blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            texts,
            [
                ("Título", BlockKind::Paragraph),
                ("Uma linha que continua.", BlockKind::Paragraph),
                ("1.1 - Passo", BlockKind::Paragraph),
                ("Observação: nota", BlockKind::Paragraph),
                ("item um", BlockKind::BULLET),
                ("item dois", BlockKind::BULLET),
            ]
        );
    }
}
