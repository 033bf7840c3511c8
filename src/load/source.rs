//! Source files kept in memory so findings can show the offending line.

use crate::model::Span;

/// One file of the knowledge base, as read from disk.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the knowledge base root, with `/` separators.
    pub path: String,
    /// The text (lossy when the file was not UTF-8; empty when unreadable).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let line_starts = std::iter::once(0).chain(memchr_lines(&text)).collect();
        SourceFile { path, text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The lines that contain `span`, and the byte offset where they begin.
    pub fn lines_around(&self, span: &Span) -> (usize, &str) {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        let first = self.line_starts.partition_point(|&s| s <= start) - 1;
        let begin = self.line_starts[first];
        let finish = self.text[end..].find('\n').map_or(self.text.len(), |i| end + i);
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
}
