//! Word diffs of a changed text, through `similar`, gathered into runs an editor reads:
//! `Peça ao cliente [-o arquivo-]{+a cópia+} do certificado`.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::text::escape_html_body;

/// Above this many bytes on either side, a text is not diffed word by word: the whole old text
/// shows as removed and the whole new one as added. Myers' diff costs (N + M)·D, and two
/// unrelated long texts make D as large as N + M; step texts hold a few hundred bytes, so the
/// cap only bounds pasted-in or hostile texts (and a 2,000-step diff stays fast).
pub const MAX_WORD_DIFF_BYTES: usize = 8 * 1024;

/// A run of a word diff.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word diff of two versions of a text. A space between two changed words joins them into
/// one change (`[-o arquivo-]{+a cópia+}`, not `[-o-]{+a+} [-arquivo-]{+cópia+}`).
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let mut runs = Runs::default();
    if old.len() > MAX_WORD_DIFF_BYTES || new.len() > MAX_WORD_DIFF_BYTES {
        runs.removed.push_str(old);
        runs.added.push_str(new);
    } else {
        for change in TextDiff::from_unicode_words(old, new).iter_all_changes() {
            runs.push(change.tag(), change.value());
        }
    }
    runs.finish()
}

/// The diff as HTML: `<del>` and `<ins>` around the changes, every text escaped.
pub fn html_words(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Same(text) => out.push_str(&escape_html_body(text)),
            Piece::Removed(text) => out.push_str(&format!("<del>{}</del>", escape_html_body(text))),
            Piece::Added(text) => out.push_str(&format!("<ins>{}</ins>", escape_html_body(text))),
        }
    }
    out
}

#[derive(Default)]
struct Runs {
    pieces: Vec<Piece>,
    removed: String,
    added: String,
    /// White space seen right after a change: it joins the next change, if one follows.
    space: Option<String>,
}

impl Runs {
    fn push(&mut self, tag: ChangeTag, value: &str) {
        match tag {
            ChangeTag::Delete | ChangeTag::Insert => {
                if let Some(space) = self.space.take() {
                    self.removed.push_str(&space);
                    self.added.push_str(&space);
                }
                let run = if tag == ChangeTag::Delete { &mut self.removed } else { &mut self.added };
                run.push_str(value);
            }
            ChangeTag::Equal => {
                let in_change = !self.removed.is_empty() || !self.added.is_empty();
                if in_change && self.space.is_none() && value.trim().is_empty() {
                    self.space = Some(value.to_string());
                } else {
                    self.flush();
                    self.same(value);
                }
            }
        }
    }

    fn flush(&mut self) {
        if !self.removed.is_empty() {
            self.pieces.push(Piece::Removed(std::mem::take(&mut self.removed)));
        }
        if !self.added.is_empty() {
            self.pieces.push(Piece::Added(std::mem::take(&mut self.added)));
        }
        if let Some(space) = self.space.take() {
            self.same(&space);
        }
    }

    fn same(&mut self, value: &str) {
        match self.pieces.last_mut() {
            Some(Piece::Same(text)) => text.push_str(value),
            _ => self.pieces.push(Piece::Same(value.to_string())),
        }
    }

    fn finish(mut self) -> Vec<Piece> {
        self.flush();
        slide_spaces(&mut self.pieces);
        self.pieces.retain(|p| !matches!(p, Piece::Same(t) if t.is_empty()));
        self.pieces
    }
}

/// A lone insertion or deletion that starts with the white space that also follows it is the
/// same change one word later: `a[- b-] c` reads better as `a [-b -]c`.
fn slide_spaces(pieces: &mut [Piece]) {
    for i in 1..pieces.len().saturating_sub(1) {
        let (before, rest) = pieces.split_at_mut(i);
        let (run, after) = rest.split_at_mut(1);
        let (Piece::Same(previous), Piece::Removed(run) | Piece::Added(run), Piece::Same(next)) =
            (&mut before[i - 1], &mut run[0], &mut after[0])
        else {
            continue;
        };
        let lead = &run[..run.len() - run.trim_start().len()];
        if lead.is_empty() || !next.starts_with(lead) {
            continue;
        }
        let lead = lead.to_string();
        previous.push_str(&lead);
        *run = format!("{}{lead}", &run[lead.len()..]);
        next.drain(..lead.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::*;

    fn s(text: &str) -> String {
        text.to_string()
    }

    #[test]
    fn neighbouring_changed_words_form_one_change() {
        let pieces = words("Peça ao cliente o arquivo do certificado", "Peça ao cliente a cópia do certificado");
        assert_eq!(
            pieces,
            [Same(s("Peça ao cliente ")), Removed(s("o arquivo")), Added(s("a cópia")), Same(s(" do certificado"))]
        );
    }

    #[test]
    fn insertions_and_deletions_alone() {
        assert_eq!(
            words("abra o chamado", "abra o novo chamado"),
            [Same(s("abra o ")), Added(s("novo ")), Same(s("chamado"))]
        );
        assert_eq!(words("a b c", "a c"), [Same(s("a ")), Removed(s("b ")), Same(s("c"))]);
        assert_eq!(
            words("explicando todo o processo", "explicando o processo"),
            [Same(s("explicando ")), Removed(s("todo ")), Same(s("o processo"))]
        );
        // Punctuation is a word of its own: the comma is not part of the change.
        assert_eq!(
            words("o setor responsável, depois", "o Relacionamento, depois"),
            [Same(s("o ")), Removed(s("setor responsável")), Added(s("Relacionamento")), Same(s(", depois"))]
        );
        assert_eq!(words("", "novo"), [Added(s("novo"))]);
        assert_eq!(words("igual", "igual"), [Same(s("igual"))]);
    }

    #[test]
    fn the_pieces_give_back_both_texts() {
        let (old, new) =
            ("Clique em **SALVAR** e informe o número.", "Clique em *Salvar*, depois informe\no número da demanda.");
        let pieces = words(old, new);
        let side = |keep_removed: bool| {
            pieces
                .iter()
                .filter_map(|p| match p {
                    Same(t) => Some(t.as_str()),
                    Removed(t) if keep_removed => Some(t.as_str()),
                    Added(t) if !keep_removed => Some(t.as_str()),
                    _ => None,
                })
                .collect::<String>()
        };
        assert_eq!(side(true), old);
        assert_eq!(side(false), new);
    }

    #[test]
    fn long_texts_are_replaced_whole() {
        let old = "palavra ".repeat(MAX_WORD_DIFF_BYTES / 8 + 1);
        let pieces = words(&old, "curto");
        assert_eq!(pieces, [Removed(old.clone()), Added(s("curto"))]);
        // Two unrelated texts just under the cap still diff word by word, and give both back (what
        // it costs is the cap's business, measured by the benches, not a clock in a test).
        let a: String = (0..MAX_WORD_DIFF_BYTES / 6).map(|i| format!("a{:03} ", i % 1000)).collect();
        let b: String = (0..MAX_WORD_DIFF_BYTES / 6).map(|i| format!("b{:03} ", i % 1000)).collect();
        let (a, b) = (crate::text::cut_bytes(&a, MAX_WORD_DIFF_BYTES), crate::text::cut_bytes(&b, MAX_WORD_DIFF_BYTES));
        let pieces = words(a, b);
        assert!(pieces.iter().any(|p| matches!(p, Removed(_))));
        let side = |old: bool| -> String {
            pieces
                .iter()
                .filter_map(|p| match p {
                    Same(t) => Some(t.as_str()),
                    Removed(t) if old => Some(t.as_str()),
                    Added(t) if !old => Some(t.as_str()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!((side(true), side(false)), (a.to_string(), b.to_string()));
    }

    #[test]
    fn html_escapes_every_run() {
        let pieces = [Same(s("a <b> ")), Removed(s("&x")), Added(s("<script>"))];
        assert_eq!(html_words(&pieces), "a &lt;b&gt; <del>&amp;x</del><ins>&lt;script&gt;</ins>");
    }
}
