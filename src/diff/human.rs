//! The terminal form, rustc-like: a line per procedure, then its changes grouped by step.
//!
//! ```text
//! alterado: procedures/certificado/backup.toml (Certificado Digital > A1 > Perda do backup)
//!   --> passo 3 `exportar` (Conseguiu exportar?)
//!    = a resposta "Não" agora leva ao passo 7 `chamado` em vez do passo 5 `debug`
//! ```

use super::describe::{Style, body, bracketed, one_line, step_name};
use super::{BaseDiff, Change, Entry, Language, Piece, StepRef};
use crate::text::{control_pictures, escape_controls};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BLUE: &str = "\x1b[34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Every change of `diff` for the terminal, ending with a count of procedures; ANSI colours only
/// when `color`. Editor text is shown with its control characters as pictures, so no file can
/// send escape sequences to the terminal.
pub fn human(diff: &BaseDiff, color: bool, language: Language) -> String {
    let out = Out { color, language, text: String::new() };
    out.report(diff)
}

struct Out {
    color: bool,
    language: Language,
    text: String,
}

/// Terminal text: one line, control characters as pictures.
struct Terminal {
    color: bool,
}

impl Style for Terminal {
    fn text(&self, text: &str) -> String {
        control_pictures(&one_line(text, " ")).into_owned()
    }

    fn code(&self, text: &str) -> String {
        format!("`{}`", self.text(text))
    }

    fn words(&self, pieces: &[Piece]) -> String {
        let plain = |s: &str| self.text(s);
        if !self.color {
            return bracketed(pieces, plain);
        }
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Same(_) => bracketed(std::slice::from_ref(piece), plain),
                Piece::Removed(_) => format!("{RED}{}{RESET}", bracketed(std::slice::from_ref(piece), plain)),
                Piece::Added(_) => format!("{GREEN}{}{RESET}", bracketed(std::slice::from_ref(piece), plain)),
            })
            .collect()
    }

    fn step_by_id(&self) -> bool {
        true
    }
}

impl Out {
    fn paint(&self, text: &str, code: &str) -> String {
        if self.color { format!("{code}{text}{RESET}") } else { text.to_string() }
    }

    /// `alterado:`, bold and coloured: `word` is the message of the catalogue.
    fn label(&self, word: String, code: &str) -> String {
        self.paint(&format!("{word}:"), &format!("{BOLD}{code}"))
    }

    fn report(mut self, diff: &BaseDiff) -> String {
        if diff.is_empty() {
            return format!("{}\n", tr!(self.language, "diff-no-changes"));
        }
        let style = Terminal { color: self.color };
        for renamed in &diff.renamed {
            let label = self.label(tr!(self.language, "diff-heading-renamed"), YELLOW);
            let (from, to) = (path(&renamed.from.path), path(&renamed.to.path));
            let paths = if from == to { from } else { format!("{from} → {to}") };
            match (renamed.by_breadcrumb, &renamed.to.breadcrumb) {
                (false, Some(crumb)) => self.line(&format!("{label} {paths} ({})", style.text(crumb))),
                _ => self.line(&format!("{label} {paths}")),
            }
            if renamed.by_breadcrumb {
                let crumb = |e: &Entry| e.breadcrumb.as_deref().map_or_else(|| "?".to_string(), |c| style.text(c));
                let line = tr!(self.language, "diff-breadcrumb", old = crumb(&renamed.from), new = crumb(&renamed.to));
                self.line(&format!("  = {line}"));
            }
            self.changes(&renamed.changes, &style);
        }
        for changed in &diff.changed {
            let label = self.label(tr!(self.language, "diff-heading-changed"), YELLOW);
            self.line(&format!("{label} {}", entry_line(&changed.path, &changed.breadcrumb, &style)));
            self.changes(&changed.changes, &style);
        }
        let added = tr!(self.language, "diff-heading-added");
        let removed = tr!(self.language, "diff-heading-removed");
        for (entries, word, code) in [(&diff.added, added, GREEN), (&diff.removed, removed, RED)] {
            for entry in entries {
                let label = self.label(word.clone(), code);
                self.line(&format!("{label} {}", entry_line(&entry.path, &entry.breadcrumb, &style)));
            }
        }
        let summary = summary(diff, self.language);
        self.line(&summary);
        self.text
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// The procedure's own changes after `=`, then each step's under a `-->` line.
    fn changes(&mut self, changes: &[Change], style: &Terminal) {
        let mut current: Option<&StepRef> = None;
        for change in changes {
            let text = body(change, style, self.language);
            match change.step() {
                None => {
                    current = None;
                    self.line(&format!("  = {text}"));
                }
                Some(step) => {
                    if current != Some(step) {
                        let arrow = self.paint("-->", &format!("{BOLD}{BLUE}"));
                        self.line(&format!("  {arrow} {}", header(step, style, self.language)));
                        current = Some(step);
                    }
                    self.line(&format!("   = {text}"));
                }
            }
        }
    }
}

fn path(path: &str) -> String {
    escape_controls(path)
}

fn entry_line(at: &str, breadcrumb: &Option<String>, style: &Terminal) -> String {
    match breadcrumb {
        Some(crumb) => format!("{} ({})", path(at), style.text(crumb)),
        None => path(at),
    }
}

/// `passo 3 `exportar` (Conseguiu exportar?)`.
fn header(step: &StepRef, style: &Terminal, language: Language) -> String {
    let name = step_name(step, style, language);
    match (&step.title, step.number) {
        (Some(title), Some(_)) => format!("{name} ({})", style.text(title)),
        _ => name,
    }
}

/// `3 procedimentos alterados, 1 adicionado, 0 removidos, 1 renomeado`.
pub(super) fn summary(diff: &BaseDiff, language: Language) -> String {
    tr!(
        language,
        "diff-summary",
        changed = diff.changed.len(),
        added = diff.added.len(),
        removed = diff.removed.len(),
        renamed = diff.renamed.len(),
    )
}
