//! Why a manual could not be imported. Each message names the file or the part of the .docx;
//! the zip or XML reader's own error is kept as the `source`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("`{}` does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("`{}` is a folder, not a manual", .0.display())]
    Folder(PathBuf),
    /// Not read for another reason: the whole sentence, naming the file.
    #[error("{0}")]
    Unreadable(String),
    #[error(
        "`{}` is a Word 97-2003 document, which sopbook cannot read: open it in Word and save it as .docx \
         (File > Save As), then import the .docx",
        .0.display()
    )]
    OldWord(PathBuf),
    #[error("`{}`: sopbook cannot read .{ext} files; save the manual as .docx, .html or .txt and import that", path.display())]
    Unsupported { path: PathBuf, ext: String },
    /// Something inside the manual at `path`.
    #[error("`{}`", path.display())]
    In {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    #[error("not a .docx file (it is not a zip archive): save it from Word as .docx")]
    NotZip(#[source] zip::result::ZipError),
    #[error("cannot read `{name}` inside the .docx")]
    Part {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the .docx is damaged")]
    Damaged(#[source] quick_xml::Error),
    /// A .docx that Word would not write (too many files, a part too big, not UTF-8, no document).
    #[error("{0}")]
    NotDocx(String),
    #[error("the manual has no text")]
    NoText,
}
