//! Reading a file someone wrote: only a regular file, only inside the knowledge base, and never
//! more than a limit. A FIFO would make `read` wait forever for a writer, `/dev/zero` would fill
//! the memory, and a link could publish `/etc/passwd`: every file sopbook reads comes through
//! [`read_file`].

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::t;

/// The most sopbook reads of one procedure, settings file, handbook chapter or theme file
/// (16 MiB; the largest procedures measured are under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most `sopbook import` reads of one manual (64 MiB: a .docx carries its pictures).
pub const MAX_MANUAL_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A folder, FIFO, socket or device: what it is (`"a folder"`, `"a FIFO (named pipe)"`,
    /// `"a socket"`, `"a device"`, `"a special file"`: names for code to match, which
    /// [`Display`](std::fmt::Display) says in the language of the messages).
    NotRegular(&'static str),
    /// Larger than the limit (in bytes).
    TooBig(u64),
    /// It resolves outside the knowledge base; the message names the file.
    Outside(super::paths::Outside),
    Io(std::io::Error),
}

// No `source()`: each message is whole, as an `#[error(transparent)]` would print it.
impl std::error::Error for ReadError {}

impl From<super::paths::Outside> for ReadError {
    fn from(outside: super::paths::Outside) -> Self {
        ReadError::Outside(outside)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str(&t!("load-read-not-found")),
            ReadError::NotRegular(kind) => f.write_str(&not_regular(kind)),
            ReadError::TooBig(limit) => f.write_str(&t!("load-read-too-big", mib = limit / (1024 * 1024))),
            ReadError::Outside(outside) => outside.fmt(f),
            ReadError::Io(error) => error.fmt(f),
        }
    }
}

fn not_regular(kind: &str) -> String {
    let kind = match kind {
        "a folder" => return t!("load-read-folder"),
        "a FIFO (named pipe)" => "fifo",
        "a socket" => "socket",
        "a device" => "device",
        _ => "other",
    };
    t!("load-read-special", kind = kind)
}

impl ReadError {
    /// A whole sentence for an error that stops the command: `shown` is the file as the user
    /// knows it (`book/SUMMARY.md`).
    pub fn describe(&self, shown: &str) -> String {
        match self {
            ReadError::Outside(outside) => outside.to_string(),
            other => t!("load-cannot-read", file = shown, error = other.to_string()),
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
        assert!(outside.describe("atalho.md").contains("`atalho.md` leva para fora da base de conhecimento"));
        assert_eq!(read_file(&root.join("atalho.md"), None, 99).unwrap(), b"segredo");
        let error = ReadError::TooBig(MAX_FILE_BYTES).describe("book/x.md");
        assert_eq!(
            error,
            "não foi possível ler `book/x.md`: tem mais de 16 MiB, o máximo que o sopbook lê de um arquivo"
        );
    }
}
