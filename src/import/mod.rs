//! `sopbook import`: existing manuals (plain text, Markdown, HTML, .docx) turned into procedure
//! skeletons that keep every sentence.
//!
//! The pipeline has three stages, each its own module:
//!
//! 1. a reader per format (`text`, `markdown`, `html`, `docx`) turns the file into a flat
//!    list of [`Block`]s: paragraphs, headings, list items and tables, with bold kept as `**…**`,
//!    italic as `*…*`, and the pictures found ([`pictures`]: their bytes when the site can
//!    publish them, else why not);
//! 2. [`structure`] recognises the manual's parts (title, header, introduction, numbered sections
//!    and sub-steps, notes and warnings, escalations, the closing place and date) and builds a
//!    [`Skeleton`] of steps chained in reading order, with the candidates it found;
//! 3. `write` prints the skeleton as a procedure file, with `# sopbook import:` comments next to
//!    whatever the editor must decide; the command writes the pictures beside it
//!    ([`Skeleton::pictures`]).
//!
//! A last check ([`sentences`]) compares every sentence of the blocks with the texts of the
//! skeleton; anything missing goes into a note on the step where it stood, so nothing is ever lost.

pub(crate) mod blocks;
mod decode;
pub mod detect;
mod docx;
mod error;
mod html;
mod links;
mod markdown;
pub mod pictures;
pub mod sentences;
pub(crate) mod structure;
mod text;
pub mod write;

use std::path::Path;

pub use blocks::{Block, BlockKind};
pub use error::Error;
pub use structure::{Skeleton, StepKind};

/// The formats `sopbook import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
}

impl Format {
    /// The format of a file, from its extension, else from its first bytes.
    pub fn of(path: &Path, bytes: &[u8]) -> Result<Format, Error> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
        match ext.as_str() {
            "txt" | "text" => Ok(Format::Text),
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" | "xhtml" => Ok(Format::Html),
            "docx" | "docm" => Ok(Format::Docx),
            "doc" => Err(Error::OldWord(path.to_path_buf())),
            "pdf" | "odt" | "rtf" | "pages" => Err(Error::Unsupported { path: path.to_path_buf(), ext }),
            _ if bytes.starts_with(b"PK\x03\x04") => Ok(Format::Docx),
            _ if looks_like_html(bytes) => Ok(Format::Html),
            _ => Ok(Format::Text),
        }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A manual read into blocks.
#[derive(Debug)]
pub struct Source {
    /// The file name, as the generated file's header comment names it.
    pub name: String,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// The encoding the text was read as, when it was not UTF-8 (`Windows-1252`, `UTF-16`).
    pub encoding: Option<&'static str>,
}

/// Reads and splits a manual into blocks.
pub fn read(path: &Path) -> Result<Source, Error> {
    use crate::load::file::{self, ReadError};
    let bytes = file::read_file(path, None, file::MAX_MANUAL_BYTES).map_err(|e| match e {
        ReadError::NotFound => Error::NotFound(path.to_path_buf()),
        ReadError::NotRegular("a folder") => Error::Folder(path.to_path_buf()),
        other => Error::Unreadable(other.describe(&path.display().to_string())),
    })?;
    let format = Format::of(path, &bytes)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    from_bytes_in(&name, format, &bytes, path.parent())
        .map_err(|e| Error::In { path: path.to_path_buf(), source: Box::new(e) })
}

/// Splits the bytes of a manual of a known format into blocks. Pictures an HTML or Markdown
/// manual names by a path are not read (there is no folder to read them from); `data:` URIs are.
pub fn from_bytes(name: &str, format: Format, bytes: &[u8]) -> Result<Source, Error> {
    from_bytes_in(name, format, bytes, None)
}

/// [`from_bytes`] for a manual read from `folder`, where the pictures it names are.
fn from_bytes_in(name: &str, format: Format, bytes: &[u8], folder: Option<&Path>) -> Result<Source, Error> {
    let (blocks, encoding) = match format {
        Format::Docx => (docx::read(bytes)?, None),
        _ => {
            let decoded = decode::decode(bytes);
            let blocks = match format {
                Format::Text => text::read(&decoded.text),
                Format::Markdown => markdown::read(&decoded.text),
                _ => html::read(&decoded.text),
            };
            (blocks, decoded.encoding)
        }
    };
    let mut blocks = blocks::normalise(blocks);
    let mut budget = pictures::Budget::default();
    for picture in blocks.iter_mut().flat_map(|b| b.images.iter_mut()) {
        if let pictures::Data::Pending(src) = &picture.data {
            picture.data = pictures::fetch(src, folder, &mut budget);
        }
    }
    Ok(Source { name: name.to_string(), format, blocks, encoding })
}

/// What the importer is told besides the manual.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--section`: the section of the procedure, instead of the one the references suggest.
    pub section: Option<String>,
}

/// Turns a manual into a procedure skeleton. Fails only on a manual with no text at all.
pub fn import(source: &Source, options: &Options) -> Result<Skeleton, Error> {
    structure::build(source, options)
}
