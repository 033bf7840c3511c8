//! Why the history could not be read: what sopbook was doing, in which repository, and gix's
//! error as the `source`.

use std::path::{Path, PathBuf};

/// An error while reading the history. Its `Display` is the sentence for the user (naming the
/// repository, the revision or the blob); causes are `source`s.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// gix failed: "cannot read commit 1a2b3c4 in the git repository `/kb`".
    #[error("cannot {action} in the git repository `{}`", repo.display())]
    Git {
        repo: PathBuf,
        /// What sopbook was doing, as a verb phrase naming the object.
        action: String,
        #[source]
        source: gix::Error,
    },
    /// `rev` is not a revision of the repository.
    #[error("`{rev}` is not a revision of the git repository `{}`", repo.display())]
    Revision {
        repo: PathBuf,
        rev: String,
        #[source]
        source: gix::Error,
    },
    /// A blob that should hold a procedure is not UTF-8.
    #[error("blob {id} of the git repository `{}` is not UTF-8 text", repo.display())]
    NotText { repo: PathBuf, id: gix::ObjectId },
    /// A file of the working tree could not be read.
    #[error("cannot read `{}`", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
