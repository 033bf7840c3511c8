//! Why the history could not be read: what sopbook was doing, in which repository, and gix's
//! error as the `source`.

use std::path::{Path, PathBuf};

use crate::t;

/// An error while reading the history. Its `Display` is the sentence for the user (naming the
/// repository, the revision or the blob), from the catalogue; causes are `source`s.
#[derive(Debug)]
pub enum HistoryError {
    /// gix failed: "cannot read commit 1a2b3c4 in the git repository `/kb`".
    Git {
        repo: PathBuf,
        /// What sopbook was doing, as a verb phrase naming the object (a `history-action-…`
        /// message: "read the tree of commit 1a2b3c4").
        action: String,
        source: gix::Error,
    },
    /// `rev` is not a revision of the repository.
    Revision { repo: PathBuf, rev: String, source: gix::Error },
    /// A blob that should hold a procedure is not UTF-8.
    NotText { repo: PathBuf, id: gix::ObjectId },
    /// A file of the working tree could not be read.
    Io { path: PathBuf, source: std::io::Error },
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |path: &Path| path.display().to_string();
        let text = match self {
            HistoryError::Git { repo, action, .. } => t!("history-error-git", action = action, repo = shown(repo)),
            HistoryError::Revision { repo, rev, .. } => t!("history-error-revision", rev = rev, repo = shown(repo)),
            HistoryError::NotText { repo, id } => {
                t!("history-error-not-text", id = id.to_string(), repo = shown(repo))
            }
            HistoryError::Io { path, .. } => t!("history-error-io", path = shown(path)),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for HistoryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HistoryError::Git { source, .. } | HistoryError::Revision { source, .. } => Some(source),
            HistoryError::Io { source, .. } => Some(source),
            HistoryError::NotText { .. } => None,
        }
    }
}

impl HistoryError {
    /// A closure for `map_err` that names the operation and the repository.
    pub(crate) fn git<'a>(
        repo: &'a Path,
        action: impl FnOnce() -> String + 'a,
    ) -> impl FnOnce(gix::Error) -> HistoryError + 'a {
        move |source| HistoryError::Git { repo: repo.to_path_buf(), action: action(), source }
    }
}
