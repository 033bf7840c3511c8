//! Why a manual could not be imported. Each message names the file or the part of the .docx;
//! the zip or XML reader's own error is kept as the `source`. The sentences come from the
//! catalogue (`import-…` in `locales/*/import.ftl`).

use std::fmt;
use std::path::PathBuf;

use crate::t;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    NotFound(PathBuf),
    Folder(PathBuf),
    /// Not read for another reason: the whole sentence, naming the file.
    Unreadable(String),
    OldWord(PathBuf),
    Unsupported {
        path: PathBuf,
        ext: String,
    },
    /// Something inside the manual at `path`.
    In {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    NotZip(#[source] zip::result::ZipError),
    Part {
        name: String,
        #[source]
        source: std::io::Error,
    },
    Damaged(#[source] quick_xml::Error),
    /// A .docx that Word would not write (too many files, a part too big, not UTF-8, no document):
    /// the whole sentence.
    NotDocx(String),
    NoText,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |path: &PathBuf| path.display().to_string();
        let text = match self {
            Error::NotFound(path) => t!("import-not-found", path = shown(path)),
            Error::Folder(path) => t!("import-folder", path = shown(path)),
            Error::Unreadable(sentence) | Error::NotDocx(sentence) => sentence.clone(),
            Error::OldWord(path) => t!("import-old-word", path = shown(path)),
            Error::Unsupported { path, ext } => t!("import-unsupported", path = shown(path), ext = ext),
            Error::In { path, .. } => format!("`{}`", path.display()),
            Error::NotZip(_) => t!("import-not-zip"),
            Error::Part { name, .. } => t!("import-part", name = name),
            Error::Damaged(_) => t!("import-damaged"),
            Error::NoText => t!("import-no-text"),
        };
        f.write_str(&text)
    }
}
