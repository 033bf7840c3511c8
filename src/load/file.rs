//! Reading a file someone wrote: only a regular file, only inside the knowledge base, and never
//! more than a limit. A FIFO would make `read` wait forever for a writer, `/dev/zero` would fill
//! the memory, and a link could publish `/etc/passwd`: every file sopbook reads comes through
//! [`read_file`].

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// The most sopbook reads of one procedure, settings file, handbook chapter or theme file
/// (16 MiB; the largest procedures measured are under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most `sopbook import` reads of one manual (64 MiB: a .docx carries its pictures).
pub const MAX_MANUAL_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    /// A folder, FIFO, socket or device: what it is.
    #[error("{}", not_regular(.0))]
    NotRegular(&'static str),
    /// Larger than the limit (in bytes).
    #[error("larger than {} MiB, the most sopbook reads of one file", .0 / (1024 * 1024))]
    TooBig(u64),
    /// It resolves outside the knowledge base; the message names the file.
    #[error(transparent)]
    Outside(#[from] super::paths::Outside),
    #[error(transparent)]
    Io(std::io::Error),
}

fn not_regular(kind: &str) -> String {
    match kind {
        "a folder" => "a folder, not a file".to_string(),
        kind => format!("{kind}, not a regular file"),
    }
}

impl ReadError {
    /// A whole sentence for an error that stops the command: `shown` is the file as the user
    /// knows it (`book/SUMMARY.md`).
    pub fn describe(&self, shown: &str) -> String {
        match self {
            ReadError::Outside(outside) => outside.to_string(),
            other => format!("cannot read `{shown}`: {other}"),
        }
    }
}

/// Reads `path` whole when it is a regular file of at most `limit` bytes, and, when `base` is
/// given, when it stays inside that knowledge base (through any symbolic link). `None` is for
/// files named on the command line, and for procedures, whose walk already refuses links out.
pub fn read_file(path: &Path, base: Option<&Path>, limit: u64) -> Result<Vec<u8>, ReadError> {
    if let Some(root) = base {
        super::paths::read_inside(root, path)?;
    }
    check_type(&std::fs::metadata(path).map_err(io_error)?)?;
    let file = open(path)?;
    // The file opened is the one checked, even if the path was replaced in between.
    let metadata = file.metadata().map_err(io_error)?;
    check_type(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooBig(limit));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // `take`: a file that grows while it is read stops at the limit too.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig(limit));
    }
    Ok(bytes)
}

/// Opens for reading without waiting: a FIFO swapped in after the check would block `open`
/// until a writer comes. (Reads of a regular file ignore the flag.)
#[cfg(unix)]
fn open(path: &Path) -> Result<File, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(io_error)
}

#[cfg(not(unix))]
fn open(path: &Path) -> Result<File, ReadError> {
    File::open(path).map_err(io_error)
}

fn check_type(metadata: &Metadata) -> Result<(), ReadError> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ReadError::NotRegular("a folder"));
    }
    Err(ReadError::NotRegular(special_kind(&kind)))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

fn io_error(error: std::io::Error) -> ReadError {
    match error.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(error),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_inside_the_base_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kb");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.md"), "abc").unwrap();
        assert_eq!(read_file(&root.join("a.md"), Some(&root), 3).unwrap(), b"abc");
        assert!(matches!(read_file(&root.join("a.md"), Some(&root), 2), Err(ReadError::TooBig(2))));
        assert!(matches!(read_file(&root.join("b.md"), Some(&root), 9), Err(ReadError::NotFound)));
        assert!(matches!(read_file(&root, None, 9), Err(ReadError::NotRegular("a folder"))));
        assert!(matches!(read_file(Path::new("/dev/null"), None, 9), Err(ReadError::NotRegular("a device"))));
        std::fs::write(dir.path().join("fora.md"), "segredo").unwrap();
        std::os::unix::fs::symlink(dir.path().join("fora.md"), root.join("atalho.md")).unwrap();
        let outside = read_file(&root.join("atalho.md"), Some(&root), 99).unwrap_err();
        assert!(outside.describe("atalho.md").contains("`atalho.md` leads outside the knowledge base"));
        assert_eq!(read_file(&root.join("atalho.md"), None, 99).unwrap(), b"segredo");
        let error = ReadError::TooBig(MAX_FILE_BYTES).describe("book/x.md");
        assert_eq!(error, "cannot read `book/x.md`: larger than 16 MiB, the most sopbook reads of one file");
    }
}
