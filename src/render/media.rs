//! The images the site publishes: each copied to `media/` under the SHA-256 of its bytes and the
//! extension of its kind (`media/3f2a…e1.png`). No source chooses that name, so an image can never
//! take the place of a page, a script or another image, and no page can take an image's place.
//! Only what [`crate::load::images::check`] allows is ever published.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::book::Chapter;
use super::error::{Action, Error, Result};
use super::output::{MediaName, Sink};
use crate::load::KnowledgeBase;
use crate::load::images::{ImageFile, ImageKind, Verdict, check};
use crate::model::Procedure;

impl MediaName {
    /// The name of the image at `path`, read a block at a time.
    fn of_file(path: &Path, kind: ImageKind) -> Result<MediaName> {
        let mut file = std::fs::File::open(path).map_err(Error::io(Action::ReadImage, path))?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let read = file.read(&mut buffer).map_err(Error::io(Action::ReadImage, path))?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(MediaName::from_digest(&hasher.finalize(), kind))
    }
}

/// A published image: where it comes from and its name in `media/`.
#[derive(Clone, Debug)]
struct Published {
    from: PathBuf,
    name: MediaName,
}

/// Every published image, by procedure and by `src` as written there.
#[derive(Debug, Default)]
pub struct Media {
    procedures: Vec<HashMap<String, Published>>,
    /// The handbook's images, by `src` as written in its chapters.
    book: HashMap<String, Published>,
}

impl Media {
    /// Checks and names every image of `kb`; each file is read once, however many steps show it.
    pub fn new(kb: &KnowledgeBase) -> Result<Media> {
        let found: Vec<Vec<(String, ImageFile)>> = kb.procedures.par_iter().map(|p| publishable(kb, p)).collect();
        let mut files: HashMap<&Path, ImageKind> = HashMap::new();
        for (_, file) in found.iter().flatten() {
            files.insert(&file.full, file.kind);
        }
        let files: Vec<(&Path, ImageKind)> = files.into_iter().collect();
        let names: HashMap<&Path, MediaName> = files
            .par_iter()
            .map(|&(path, kind)| MediaName::of_file(path, kind).map(|name| (path, name)))
            .collect::<Result<_>>()?;
        let procedures = found
            .iter()
            .map(|images| {
                images
                    .iter()
                    .map(|(src, file)| {
                        (src.clone(), Published { from: file.full.clone(), name: names[file.full.as_path()].clone() })
                    })
                    .collect()
            })
            .collect();
        Ok(Media { procedures, book: HashMap::new() })
    }

    /// Names the handbook's images (each chapter's, already checked when it was read).
    pub fn set_book(&mut self, chapters: &[Chapter]) -> Result<()> {
        self.book.clear();
        for chapter in chapters {
            for (src, file) in &chapter.images {
                if let std::collections::hash_map::Entry::Vacant(slot) = self.book.entry(chapter.image_key(src)) {
                    let name = MediaName::of_file(&file.full, file.kind)?;
                    slot.insert(Published { from: file.full.clone(), name });
                }
            }
        }
        Ok(())
    }

    /// The handbook's images: [`Chapter::image_key`] → URL relative to the site root.
    pub fn book_urls(&self) -> HashMap<String, String> {
        self.book.iter().map(|(src, published)| (src.clone(), published.name.url())).collect()
    }

    /// After the procedures at `changed` were edited: their images checked and named again.
    pub fn refresh(&mut self, kb: &KnowledgeBase, changed: &[usize]) -> Result<()> {
        self.procedures.resize_with(kb.procedures.len(), HashMap::new);
        for &i in changed {
            self.procedures[i] = publishable(kb, &kb.procedures[i])
                .into_iter()
                .map(|(src, file)| {
                    let name = MediaName::of_file(&file.full, file.kind)?;
                    Ok((src, Published { from: file.full, name }))
                })
                .collect::<Result<_>>()?;
        }
        Ok(())
    }

    /// The URL (relative to the site root) of image `src` of procedure `procedure`, when the
    /// site publishes it.
    pub fn url(&self, procedure: usize, src: &str) -> Option<String> {
        Some(self.procedures.get(procedure)?.get(src)?.name.url())
    }

    fn all(&self) -> impl Iterator<Item = &Published> {
        self.procedures.iter().flat_map(|p| p.values()).chain(self.book.values())
    }

    /// The names of every published image.
    pub fn names(&self) -> BTreeSet<&str> {
        self.all().map(|p| p.name.as_str()).collect()
    }

    /// Copies every published image into `sink`'s `media/`, each once.
    pub fn publish(&self, sink: &dyn Sink) -> Result<()> {
        let mut unique: HashMap<&MediaName, &Path> = HashMap::new();
        for published in self.all() {
            unique.insert(&published.name, &published.from);
        }
        let unique: Vec<(&MediaName, &Path)> = unique.into_iter().collect();
        unique.par_iter().try_for_each(|(name, from)| sink.copy_media(from, name))
    }
}

/// The images of `procedure` that the site may publish, by `src`.
fn publishable(kb: &KnowledgeBase, procedure: &Procedure) -> Vec<(String, ImageFile)> {
    let file = &kb.files[procedure.file].path;
    let folder = Path::new(file).parent().unwrap_or(Path::new(""));
    procedure
        .image_sources()
        .filter_map(|(_, src)| match check(&kb.root, folder, src.get_ref()) {
            Verdict::Publish(file) => Some((src.get_ref().clone(), file)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::paths::is_plain_name;

    #[test]
    fn names_are_the_hash_of_the_bytes_and_a_plain_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
        std::fs::write(&a, b"abc").unwrap();
        std::fs::write(&b, b"abc").unwrap();
        let name = MediaName::of_file(&a, ImageKind::Png).unwrap();
        // SHA-256("abc"), the standard's own test vector.
        assert_eq!(name.as_str(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.png");
        assert_eq!(name, MediaName::of_file(&b, ImageKind::Png).unwrap());
        assert_eq!(MediaName::of_file(&a, ImageKind::Jpeg).unwrap().url(), name.url().replace(".png", ".jpg"));
        assert!(is_plain_name(name.as_str()) && name.url().starts_with("media/"));
        assert!(
            MediaName::of_file(&dir.path().join("nada.png"), ImageKind::Png)
                .unwrap_err()
                .to_string()
                .contains("nada.png")
        );
    }
}
