//! Whether a procedure's steps changed since its last review, the last time its `updated` moved.

use crate::diff;
use crate::history::{Change, History};
use crate::model::Date;

use super::Summaries;

/// How far back a review is looked for: a procedure changed this many times without one has
/// been unreviewed long enough to say so.
const DEPTH: usize = 100;

/// A change to the steps that no review followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreviewed {
    pub short: String,
    pub date: Date,
    pub author: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Review {
    /// No step changed since `updated` was last set (or since the file was created).
    Untouched,
    /// The steps changed and `updated` stayed: the commits that did it, newest first, and
    /// whether the working tree changes them again.
    Changed { commits: Vec<Unreviewed>, uncommitted: bool },
}

impl Review {
    pub fn is_changed(&self) -> bool {
        matches!(self, Review::Changed { .. })
    }
}

/// The review state of a file whose changes are `changes` (newest first) and whose working-tree
/// text is `working` when it differs from the last commit.
pub fn of(history: &History, changes: &[Change], working: Option<&str>, summaries: &Summaries) -> Review {
    let mut uncommitted = false;
    if let Some(working) = working {
        let committed = changes.first().and_then(|c| c.new_blob).and_then(|b| history.blob_text(&b).ok());
        let Some(committed) = committed else {
            return Review::Untouched; // a new file: its `updated` is its first review
        };
        let edit = diff::procedure(&committed, working);
        if moves_updated(&edit) {
            return Review::Untouched;
        }
        uncommitted = edit.iter().any(diff::Change::touches_steps);
    }
    let mut commits = Vec::new();
    for change in changes.iter().take(DEPTH) {
        if change.old_blob.is_none() {
            break;
        }
        let edit = summaries.of(history, change);
        if moves_updated(&edit) {
            break;
        }
        if edit.iter().any(diff::Change::touches_steps) {
            commits.push(Unreviewed { short: change.short.clone(), date: change.date, author: change.author.clone() });
        }
    }
    if commits.is_empty() && !uncommitted { Review::Untouched } else { Review::Changed { commits, uncommitted } }
}

/// The edit moves `updated`: someone reviewed the procedure in it.
fn moves_updated(edit: &[diff::Change]) -> bool {
    edit.iter().any(|c| matches!(c, diff::Change::UpdatedChanged { .. }))
}
