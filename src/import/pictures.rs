//! The pictures of a manual. The readers find them in reading order (a .docx's embedded images,
//! an HTML or Markdown file's `<img>` and `![…](…)`), with what the document says each shows;
//! their bytes are then fetched, and only a picture the site publishes (PNG, JPEG, GIF, WebP, by
//! its first bytes, as [`crate::load::images`] checks them) of bounded size is kept. Any other is
//! skipped with the reason, which the step's note and the command's report give.
//!
//! A picture named by an HTML or Markdown file is read only from the manual's own folder or below
//! it: a `src` that climbs out (`../`), an absolute path, a link that leads out, an address on the
//! web are never read. A `data:` URI is decoded in memory.

use std::path::Path;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::percent_decode_str;

use crate::load::file::{self, ReadError};
use crate::load::images::ImageKind;
use crate::load::paths::{Located, locate};
use crate::t;
use crate::text::{cut_chars, escape_markdown_literal};

/// The largest picture imported (a screenshot is a few hundred KB); a larger one is skipped.
pub const MAX_PICTURE: u64 = 16 * 1024 * 1024;

/// The most pictures imported from one manual, and the most bytes they may add up to: past
/// either, the rest are skipped (a manual that names one picture a million times must not write
/// a million files).
pub const MAX_PICTURES: usize = 500;
pub const MAX_PICTURES_BYTES: u64 = 256 * 1024 * 1024;

/// Base64 with or without its padding, as browsers read it in `data:` URIs.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The longest description kept as a picture's alt text.
const MAX_ALT: usize = 500;

/// One picture of the manual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// What the document says it shows (Word's description or title, HTML's `alt` or `title`,
    /// Markdown's alt text): plain text, white space collapsed; `None` when it says nothing.
    pub alt: Option<String>,
    /// Where it came from, for notes and the report (`word/media/image1.png`, `tela.png`,
    /// `data:image/png`); empty when nothing is known.
    pub origin: String,
    pub data: Data,
}

/// A picture's bytes, or why there are none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Data {
    /// Not fetched yet: the reader's reference to it (a relationship id, a `src`).
    Pending(String),
    Image {
        kind: ImageKind,
        bytes: Arc<[u8]>,
    },
    Skipped(Skip),
}

/// Why a picture was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Its bytes are not a PNG, JPEG, GIF or WebP picture: the format they are, when known
    /// (`EMF`, `WMF`, `BMP`, `TIFF`, `SVG`).
    Format(Option<&'static str>),
    /// Larger than [`MAX_PICTURE`].
    TooLarge,
    /// Past [`MAX_PICTURES`] or [`MAX_PICTURES_BYTES`].
    TooMany,
    /// The file (or the part of the .docx) is not there.
    Missing,
    /// A path out of the manual's folder.
    Outside,
    /// An address on the web: nothing is downloaded.
    Web,
    /// A .docx picture linked to a file outside the document, not embedded in it.
    Linked,
    /// A `data:` URI that is not a picture, or cannot be decoded.
    NotImageUri,
    /// A drawing with no picture in it (a chart, a shape, WordArt).
    Drawing,
    Unreadable(String),
}

impl Skip {
    /// For the command's report, in the language of the messages.
    pub fn describe(&self) -> String {
        let mib = |bytes: u64| bytes / (1024 * 1024);
        match self {
            Skip::Format(Some(name)) => t!("import-skip-format", format = *name),
            Skip::Format(None) => t!("import-skip-not-picture"),
            Skip::TooLarge => t!("import-skip-too-large", mib = mib(MAX_PICTURE)),
            Skip::TooMany => t!("import-skip-too-many", count = MAX_PICTURES, mib = mib(MAX_PICTURES_BYTES)),
            Skip::Missing => t!("import-skip-missing"),
            Skip::Outside => t!("import-skip-outside"),
            Skip::Web => t!("import-skip-web"),
            Skip::Linked => t!("import-skip-linked"),
            Skip::NotImageUri => t!("import-skip-not-image-uri"),
            Skip::Drawing => t!("import-skip-drawing"),
            Skip::Unreadable(why) => t!("import-skip-unreadable", reason = why),
        }
    }

    /// For the step's note, in Portuguese: the procedure file is part of the knowledge base,
    /// whatever the language of the messages.
    pub fn motivo(&self) -> String {
        match self {
            Skip::Format(Some(name)) => {
                format!("é uma imagem {name}, e o site publica PNG, JPEG, GIF e WebP; converta-a")
            }
            Skip::Format(None) => "o conteúdo não é uma imagem PNG, JPEG, GIF ou WebP".into(),
            Skip::TooLarge => format!("tem mais de {} MiB", MAX_PICTURE / (1024 * 1024)),
            Skip::TooMany => format!("passa das {MAX_PICTURES} imagens importadas de um manual"),
            Skip::Missing => "o arquivo não foi encontrado".into(),
            Skip::Outside => "o caminho sai da pasta do manual, e não foi lido".into(),
            Skip::Web => "está na web, e o sopbook não baixa nada".into(),
            Skip::Linked => "está vinculada a um arquivo fora do .docx, não incorporada a ele".into(),
            Skip::NotImageUri => "é um endereço `data:` que não é imagem".into(),
            Skip::Drawing => "é um desenho (gráfico ou forma), não uma imagem".into(),
            Skip::Unreadable(_) => "não pôde ser lida".into(),
        }
    }
}

impl Picture {
    pub fn new(alt: Option<&str>, origin: String, data: Data) -> Self {
        let alt = alt
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty())
            .map(|a| cut_chars(&a, MAX_ALT).to_string());
        Picture { alt, origin, data }
    }

    /// What is known of it, as Markdown text for a note: `Tela (tela.png)`, `tela.png`, `Tela`.
    pub fn label(&self) -> String {
        let alt = self.alt.as_deref().map(escape_markdown_literal);
        let origin = (!self.origin.is_empty()).then(|| super::links::shown_source(&self.origin));
        match (alt, origin) {
            (Some(alt), Some(origin)) => format!("{alt} ({origin})"),
            (Some(alt), None) => alt,
            (None, Some(origin)) => origin,
            (None, None) => String::new(),
        }
    }
}

/// What may still be imported from one manual.
pub struct Budget {
    count: usize,
    bytes: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { count: MAX_PICTURES, bytes: MAX_PICTURES_BYTES }
    }
}

impl Budget {
    /// Whether another picture may be imported at all.
    pub fn has_room(&self) -> bool {
        self.count > 0
    }

    /// Takes `bytes`, known to be a picture's, if they fit the budget: their kind, or why not.
    pub fn take(&mut self, bytes: Arc<[u8]>) -> Data {
        let Some(kind) = ImageKind::of_bytes(&bytes) else {
            return Data::Skipped(Skip::Format(format_name(&bytes)));
        };
        if bytes.len() as u64 > MAX_PICTURE {
            return Data::Skipped(Skip::TooLarge);
        }
        if self.count == 0 || bytes.len() as u64 > self.bytes {
            return Data::Skipped(Skip::TooMany);
        }
        self.count -= 1;
        self.bytes -= bytes.len() as u64;
        Data::Image { kind, bytes }
    }
}

/// The name of a picture format the site does not publish, by its first bytes.
fn format_name(bytes: &[u8]) -> Option<&'static str> {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = &text[text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len())..];
    let head = text.get(..5).unwrap_or(text).to_ascii_lowercase();
    if bytes.len() >= 44 && bytes.starts_with(&[1, 0, 0, 0]) && &bytes[40..44] == b" EMF" {
        Some("EMF")
    } else if bytes.starts_with(&[0xd7, 0xcd, 0xc6, 0x9a]) || bytes.starts_with(&[1, 0, 9, 0]) {
        Some("WMF")
    } else if bytes.starts_with(b"BM") {
        Some("BMP")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if head.starts_with(b"<svg") || head.starts_with(b"<?xml") {
        Some("SVG")
    } else {
        None
    }
}

/// Fetches the picture an HTML or Markdown file names with `src`, from the manual's `folder`
/// (`None` when the manual was not read from a file: only `data:` URIs can be read then).
pub fn fetch(src: &str, folder: Option<&Path>, budget: &mut Budget) -> Data {
    let src = src.trim();
    let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
    if lower.starts_with("data:") {
        return data_uri(&src[5..], budget);
    }
    if !budget.has_room() {
        return Data::Skipped(Skip::TooMany);
    }
    if src.is_empty() || src.starts_with('#') {
        return Data::Skipped(Skip::Missing);
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Data::Skipped(Skip::Web);
    }
    if !crate::load::paths::is_local_link(src) || lower.starts_with("file:") {
        // `file:`, `ftp:`, `c:\…` and other schemes: never a path below the manual.
        return Data::Skipped(Skip::Outside);
    }
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let path = percent_decode_str(path).decode_utf8_lossy().replace('\\', "/");
    if path.starts_with('/') || path.is_empty() {
        return Data::Skipped(if path.is_empty() { Skip::Missing } else { Skip::Outside });
    }
    let Some(folder) = folder else { return Data::Skipped(Skip::Missing) };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let full = match locate(folder, Path::new(""), &path) {
        Located::Outside => return Data::Skipped(Skip::Outside),
        Located::Inside { full, .. } => full,
    };
    match file::read_file(&full, Some(folder), MAX_PICTURE) {
        Ok(bytes) => budget.take(bytes.into()),
        Err(ReadError::NotFound | ReadError::NotRegular(_)) => Data::Skipped(Skip::Missing),
        Err(ReadError::TooBig(_)) => Data::Skipped(Skip::TooLarge),
        Err(ReadError::Outside(_)) => Data::Skipped(Skip::Outside),
        Err(ReadError::Io(e)) => Data::Skipped(Skip::Unreadable(e.to_string())),
    }
}

/// What a `src` shows in notes: the path as written (a `data:` URI by its media type only).
pub fn origin_of(src: &str) -> String {
    let src = src.trim();
    match src.get(..5) {
        Some(scheme) if scheme.eq_ignore_ascii_case("data:") => {
            let media = src[5..].split([';', ',']).next().unwrap_or_default();
            format!("data:{}", cut_chars(media, 40))
        }
        _ => src.to_string(),
    }
}

/// `data:[<media type>][;base64],<data>`, after the `data:`.
fn data_uri(rest: &str, budget: &mut Budget) -> Data {
    let Some((header, payload)) = rest.split_once(',') else { return Data::Skipped(Skip::NotImageUri) };
    let header = header.to_ascii_lowercase();
    let media = header.split(';').next().unwrap_or_default().trim();
    if !media.starts_with("image/") {
        return Data::Skipped(Skip::NotImageUri);
    }
    if !budget.has_room() {
        return Data::Skipped(Skip::TooMany);
    }
    // Base64 takes 4 bytes for 3; percent-encoding up to 3 for 1. Refused before decoding.
    if payload.len() as u64 > MAX_PICTURE / 3 * 4 + 4 && header.ends_with(";base64") {
        return Data::Skipped(Skip::TooLarge);
    }
    let decoded = percent_decode_str(payload).collect::<Vec<u8>>();
    let bytes = if header.ends_with(";base64") {
        let compact: Vec<u8> = decoded.into_iter().filter(|b| !b.is_ascii_whitespace()).collect();
        match LENIENT.decode(&compact) {
            Ok(bytes) => bytes,
            Err(_) => return Data::Skipped(Skip::NotImageUri),
        }
    } else {
        decoded
    };
    budget.take(bytes.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn data_uris_are_decoded_and_checked() {
        let mut budget = Budget::default();
        let png = base64::engine::general_purpose::STANDARD.encode(PNG);
        let data = fetch(&format!("data:image/png;base64,{png}"), None, &mut budget);
        assert!(matches!(&data, Data::Image { kind: ImageKind::Png, bytes } if &bytes[..] == PNG), "{data:?}");
        // Folded over lines, without padding, or percent-encoded: the same bytes.
        let folded = format!("DATA:image/PNG;base64,{}\n{}", &png[..8], png[8..].trim_end_matches('='));
        assert!(matches!(fetch(&folded, None, &mut budget), Data::Image { .. }));
        for (uri, skip) in [
            ("data:text/html;base64,PHNjcmlwdD4=", Skip::NotImageUri),
            ("data:,hello", Skip::NotImageUri),
            ("data:image/png;base64,@@@", Skip::NotImageUri),
            ("data:image/png;base64,PGh0bWw+", Skip::Format(None)),
            ("data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E", Skip::Format(Some("SVG"))),
        ] {
            assert_eq!(fetch(uri, None, &mut budget), Data::Skipped(skip), "{uri}");
        }
        assert_eq!(origin_of(&format!("data:image/png;base64,{png}")), "data:image/png");
    }

    #[test]
    fn files_are_read_from_the_manuals_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("manual");
        std::fs::create_dir_all(manual.join("manual_arquivos")).unwrap();
        std::fs::write(manual.join("manual_arquivos/image001.png"), PNG).unwrap();
        std::fs::write(manual.join("Tela 1.png"), PNG).unwrap();
        std::fs::write(manual.join("grafico.emf"), [&[1u8, 0, 0, 0][..], &[0; 36], b" EMF", &[0; 8]].concat()).unwrap();
        std::fs::write(dir.path().join("fora.png"), PNG).unwrap();
        let mut budget = Budget::default();
        let mut fetch = |src: &str| fetch(src, Some(&manual), &mut budget);
        assert!(matches!(fetch("manual_arquivos/image001.png"), Data::Image { .. }));
        assert!(matches!(fetch("./manual_arquivos\\image001.png?v=2#x"), Data::Image { .. }));
        assert!(matches!(fetch("Tela%201.png"), Data::Image { .. }));
        assert_eq!(fetch("grafico.emf"), Data::Skipped(Skip::Format(Some("EMF"))));
        assert_eq!(fetch("nada.png"), Data::Skipped(Skip::Missing));
        assert_eq!(fetch("manual_arquivos"), Data::Skipped(Skip::Missing));
        assert_eq!(fetch(""), Data::Skipped(Skip::Missing));
        for outside in
            ["../fora.png", "manual_arquivos/../../fora.png", "/etc/passwd", "file:///etc/passwd", "C:\\x.png"]
        {
            assert_eq!(fetch(outside), Data::Skipped(Skip::Outside), "{outside}");
        }
        assert_eq!(fetch("https://a.example/x.png"), Data::Skipped(Skip::Web));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("fora.png"), manual.join("atalho.png")).unwrap();
            assert_eq!(fetch("atalho.png"), Data::Skipped(Skip::Outside));
        }
    }

    #[test]
    fn the_budget_bounds_count_and_size() {
        let mut budget = Budget { count: 2, bytes: 100 };
        assert!(matches!(budget.take(PNG.into()), Data::Image { .. }));
        let big: Vec<u8> = [PNG, &[0; 100]].concat();
        assert_eq!(budget.take(big.into()), Data::Skipped(Skip::TooMany));
        assert!(matches!(budget.take(PNG.into()), Data::Image { .. }));
        assert_eq!(budget.take(PNG.into()), Data::Skipped(Skip::TooMany));
        assert!(!budget.has_room());
    }
}
