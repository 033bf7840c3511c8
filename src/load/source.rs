//! Source files kept in memory so findings can show the offending line.

use std::sync::OnceLock;

use crate::model::Span;

/// Every this many bytes of a long line, [`SourceFile::line_col`] remembers how many characters
/// came before, so a column in a 10 MB line costs at most this many bytes to count.
const MARK_EVERY: usize = 4096;

/// One file of the knowledge base, as read from disk.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the knowledge base root, with `/` separators.
    pub path: String,
    /// The text (lossy when the file was not UTF-8; empty when unreadable).
    pub text: String,
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` every [`MARK_EVERY`] bytes, made the first time a
    /// column far into a line is asked for.
    marks: OnceLock<Vec<(usize, usize)>>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let line_starts = std::iter::once(0).chain(memchr_lines(&text)).collect();
        SourceFile { path, text, line_starts, marks: OnceLock::new() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = match self.text.get(start..offset) {
            None => offset - start,
            Some(s) if s.len() <= MARK_EVERY => s.chars().count(),
            Some(_) => self.chars_before(offset) - self.chars_before(start),
        };
        (line + 1, column + 1)
    }

    /// Characters before byte `offset` (a character boundary), counting from the nearest mark.
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.marks.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let (mut next, mut chars) = (MARK_EVERY, 0);
            for (at, _) in self.text.char_indices() {
                if at >= next {
                    marks.push((at, chars));
                    next = at + MARK_EVERY;
                }
                chars += 1;
            }
            marks
        });
        let (at, chars) = marks[marks.partition_point(|&(at, _)| at <= offset) - 1];
        chars + self.text[at..offset].chars().count()
    }

    /// The lines that contain `span`, and the byte offset where they begin.
    pub fn lines_around(&self, span: &Span) -> (usize, &str) {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        let first = self.line_starts.partition_point(|&s| s <= start) - 1;
        let begin = self.line_starts[first];
        // The end of the last line, from the line starts (not a search: the line may be 10 MB).
        let next = self.line_starts.partition_point(|&s| s <= end);
        let finish = self.line_starts.get(next).map_or(self.text.len(), |&s| s - 1);
        (begin, &self.text[begin..finish])
    }
}

fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        let file = SourceFile::new("x.toml".into(), "a = 1\nção = \"x\"\n".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(6), (2, 1));
        let eq = file.text.find('=').unwrap();
        let eq2 = file.text[eq + 1..].find('=').unwrap() + eq + 1;
        assert_eq!(file.line_col(eq2), (2, 5));
        assert_eq!(file.lines_around(&(eq2..eq2 + 1)), (6, "ção = \"x\""));
    }

    #[test]
    fn columns_far_into_a_long_line_are_counted_in_characters() {
        let line = "ção ".repeat(5_000);
        let file = SourceFile::new("x.toml".into(), format!("a\n{line}x\n"));
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), (2, 20_001));
        let middle = 2 + "ção ".len() * 2_500;
        assert_eq!(file.line_col(middle), (2, 10_001));
        assert_eq!(file.line_col(file.text.len()), (3, 1));
        let text = file.text.as_str();
        assert_eq!(file.lines_around(&(x..x + 1)), (2, &text[2..text.len() - 1]));
        assert_eq!(file.lines_around(&(0..0)), (0, "a"));
        assert_eq!(file.lines_around(&(1..2)), (0, &text[..text.len() - 1]));
        assert_eq!(file.lines_around(&(text.len()..text.len())), (text.len(), ""));
    }
}
