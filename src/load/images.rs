//! The image files editors name (`image = { src = … }`), and whether the site may publish one.
//! Only a PNG, JPEG, GIF or WebP file, by its name and by its first bytes, outside hidden folders
//! and files, is published: anything else a `src` can name (a page of the site, a script, an SVG
//! that runs code, `.git/config`) is a finding and never leaves the knowledge base.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::paths::{Located, locate};

/// The kinds of image the site publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageKind {
    /// The extension the site publishes it under.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
        }
    }

    /// The kind a file name promises, by its extension (any case).
    fn of_name(name: &str) -> Option<ImageKind> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            "gif" => Some(ImageKind::Gif),
            "webp" => Some(ImageKind::Webp),
            _ => None,
        }
    }

    /// The kind a file's first bytes show (their signatures, as browsers sniff them).
    pub fn of_bytes(head: &[u8]) -> Option<ImageKind> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if head.starts_with(b"\xff\xd8\xff") {
            Some(ImageKind::Jpeg)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(ImageKind::Gif)
        } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else {
            None
        }
    }
}

/// An image the site may publish.
#[derive(Clone, Debug)]
pub struct ImageFile {
    /// Where it is on disk.
    pub full: PathBuf,
    /// What its bytes are (which may differ from its name: a PNG named `.jpg` is a PNG).
    pub kind: ImageKind,
}

/// Why an image that exists inside the knowledge base is not published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// In a hidden folder or a hidden file (`.git/config`, `.env`): the part that is hidden.
    Hidden(String),
    /// An SVG, which can hold scripts.
    Svg,
    /// A name that is not a PNG, JPEG, GIF or WebP file's (`b.html`, `guided.js`).
    Name,
    /// Named as an image, but its bytes are not one.
    Content,
    /// It could not be read.
    Unreadable(String),
}

/// What the site does with the image `src`, written in a file inside `folder`.
#[derive(Clone, Debug)]
pub enum Verdict {
    Publish(ImageFile),
    /// No such file (or not a regular file: a folder, a FIFO).
    Missing,
    /// Leaves the knowledge base.
    Outside,
    Refused(Refusal),
}

/// How much of a file its kind is read from.
const HEAD: u64 = 16;

/// Checks the image `src`, written in a file inside `folder` (relative to `root`).
pub fn check(root: &Path, folder: &Path, src: &str) -> Verdict {
    let (full, relative) = match locate(root, folder, src) {
        Located::Outside => return Verdict::Outside,
        Located::Inside { full, relative } => (full, relative),
    };
    if !full.is_file() {
        return Verdict::Missing;
    }
    if let Some(part) = hidden_part(&relative).or_else(|| real_hidden_part(root, &full)) {
        return Verdict::Refused(Refusal::Hidden(part));
    }
    let name = relative.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") || lower.ends_with(".svgz") {
        return Verdict::Refused(Refusal::Svg);
    }
    if ImageKind::of_name(&name).is_none() {
        return Verdict::Refused(Refusal::Name);
    }
    let mut head = Vec::with_capacity(HEAD as usize);
    let read = std::fs::File::open(&full).and_then(|file| file.take(HEAD).read_to_end(&mut head));
    if let Err(error) = read {
        return Verdict::Refused(Refusal::Unreadable(error.to_string()));
    }
    match ImageKind::of_bytes(&head) {
        Some(kind) => Verdict::Publish(ImageFile { full, kind }),
        None if looks_like_svg(&head) => Verdict::Refused(Refusal::Svg),
        None => Verdict::Refused(Refusal::Content),
    }
}

/// The first folder or file of `relative` whose name starts with `.`.
fn hidden_part(relative: &Path) -> Option<String> {
    relative.components().find_map(|c| match c {
        Component::Normal(part) if part.to_string_lossy().starts_with('.') => Some(part.to_string_lossy().into_owned()),
        _ => None,
    })
}

/// [`hidden_part`] of where `full` really is, through symbolic links, below the real root.
fn real_hidden_part(root: &Path, full: &Path) -> Option<String> {
    let (real, real_root) = (full.canonicalize().ok()?, root.canonicalize().ok()?);
    hidden_part(real.strip_prefix(real_root).ok()?)
}

/// XML or SVG text, after any byte-order mark and white space.
fn looks_like_svg(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let text = text[start..].to_ascii_lowercase();
    text.starts_with(b"<?xml") || text.starts_with(b"<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn base(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        dir
    }

    fn verdict(dir: &tempfile::TempDir, src: &str) -> Verdict {
        check(dir.path(), Path::new("procedures/a"), src)
    }

    #[test]
    fn kinds_by_their_first_bytes() {
        assert_eq!(ImageKind::of_bytes(PNG), Some(ImageKind::Png));
        assert_eq!(ImageKind::of_bytes(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::of_bytes(b"GIF87a.."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::of_bytes(b"GIF89a.."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::of_bytes(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        for not in [&b""[..], b"\x89PN", b"RIFF\0\0\0\0WAVEfmt ", b"<html>", b"GIF90a", b"\xff\xd8"] {
            assert_eq!(ImageKind::of_bytes(not), None, "{not:?}");
        }
    }

    #[test]
    fn images_are_published_by_name_and_content() {
        let dir = base(&[
            ("procedures/a/tela.png", PNG),
            ("procedures/a/FOTO.JPG", PNG),
            ("procedures/a/b.html", b"<h1>x</h1>"),
            ("procedures/a/texto.png", b"just text"),
            ("procedures/a/d.svg", PNG),
            ("procedures/a/e.png", b"\xef\xbb\xbf  <svg onload=alert(1)>"),
            ("procedures/a/sem-extensao", PNG),
            ("index.html", PNG),
        ]);
        assert!(matches!(verdict(&dir, "tela.png"), Verdict::Publish(ImageFile { kind: ImageKind::Png, .. })));
        assert!(matches!(verdict(&dir, "FOTO.JPG"), Verdict::Publish(ImageFile { kind: ImageKind::Png, .. })));
        assert!(matches!(verdict(&dir, "b.html"), Verdict::Refused(Refusal::Name)));
        assert!(matches!(verdict(&dir, "../../index.html"), Verdict::Refused(Refusal::Name)));
        assert!(matches!(verdict(&dir, "sem-extensao"), Verdict::Refused(Refusal::Name)));
        assert!(matches!(verdict(&dir, "texto.png"), Verdict::Refused(Refusal::Content)));
        assert!(matches!(verdict(&dir, "d.svg"), Verdict::Refused(Refusal::Svg)));
        assert!(matches!(verdict(&dir, "e.png"), Verdict::Refused(Refusal::Svg)));
        assert!(matches!(verdict(&dir, "nada.png"), Verdict::Missing));
        assert!(matches!(verdict(&dir, "."), Verdict::Missing));
        assert!(matches!(verdict(&dir, "../../../fora.png"), Verdict::Outside));
    }

    #[test]
    fn hidden_folders_and_files_are_refused() {
        let dir = base(&[
            (".git/config", b"[remote]"),
            (".git/tela.png", PNG),
            ("procedures/a/.oculta.png", PNG),
            ("procedures/.rascunho/tela.png", PNG),
        ]);
        let hidden = |src: &str| match verdict(&dir, src) {
            Verdict::Refused(Refusal::Hidden(part)) => part,
            other => panic!("{src}: {other:?}"),
        };
        assert_eq!(hidden("../../.git/config"), ".git");
        assert_eq!(hidden("../../.git/tela.png"), ".git");
        assert_eq!(hidden(".oculta.png"), ".oculta.png");
        assert_eq!(hidden("../.rascunho/tela.png"), ".rascunho");
        assert_eq!(hidden("./../.rascunho/../.rascunho/tela.png"), ".rascunho");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_a_hidden_folder_is_refused() {
        let dir = base(&[(".segredo/tela.png", PNG), ("procedures/a/x", b"")]);
        std::os::unix::fs::symlink(dir.path().join(".segredo/tela.png"), dir.path().join("procedures/a/atalho.png"))
            .unwrap();
        assert!(matches!(verdict(&dir, "atalho.png"), Verdict::Refused(Refusal::Hidden(p)) if p == ".segredo"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_an_image_is_missing_not_read() {
        let dir = base(&[("procedures/a/x", b"")]);
        let fifo = dir.path().join("procedures/a/fila.png");
        let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        assert!(matches!(verdict(&dir, "fila.png"), Verdict::Missing));
    }
}
