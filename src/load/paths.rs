//! Paths an editor writes (image sources), resolved safely inside the knowledge base.

use std::path::{Component, Path, PathBuf};

pub enum Located {
    /// Inside the knowledge base: the full path, and the path relative to the root.
    Inside { full: PathBuf, relative: PathBuf },
    /// Leaves the knowledge base, lexically (`..`, absolute) or through a symbolic link.
    Outside,
}

/// Resolves `src`, written in a file inside `folder` (relative to `root`).
pub fn locate(root: &Path, folder: &Path, src: &str) -> Located {
    let mut relative = PathBuf::new();
    for component in folder.join(src).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir if relative.pop() => {}
            _ => return Located::Outside,
        }
    }
    let full = root.join(&relative);
    if let (Ok(real), Ok(real_root)) = (full.canonicalize(), root.canonicalize())
        && !real.starts_with(real_root)
    {
        return Located::Outside;
    }
    Located::Inside { full, relative }
}

/// A path that leads outside the knowledge base through a symbolic link.
#[derive(Debug)]
pub struct Outside {
    /// The path as the user knows it, relative to the knowledge base.
    pub shown: String,
    /// Where the link leads.
    pub real: PathBuf,
    /// Whether sopbook was about to write (else read).
    pub writing: bool,
}

impl std::error::Error for Outside {}

impl std::fmt::Display for Outside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (shown, real) = (self.shown.as_str(), self.real.display().to_string());
        f.write_str(&if self.writing {
            crate::t!("load-outside-write", shown = shown, real = real)
        } else {
            crate::t!("load-outside-read", shown = shown, real = real)
        })
    }
}

/// An error when `path`, a file or folder sopbook is about to read (the handbook, a theme),
/// resolves outside the knowledge base at `root`, through a symbolic link along the way.
pub fn read_inside(root: &Path, path: &Path) -> Result<(), Outside> {
    let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize()) else { return Ok(()) };
    if real.starts_with(&real_root) {
        return Ok(());
    }
    let shown = path.strip_prefix(root).unwrap_or(path).display().to_string();
    Err(Outside { shown, real, writing: false })
}

/// An error when a file created at `path`, below `root`, would land outside the knowledge base:
/// a folder on its way that exists is a symbolic link leading out of it. Links that stay inside
/// are fine; missing folders will be created inside the last one that exists.
pub fn write_inside(root: &Path, path: &Path) -> Result<(), Outside> {
    let Ok(real_root) = root.canonicalize() else { return Ok(()) }; // created from scratch
    let Ok(below) = path.strip_prefix(root) else { return Ok(()) };
    let mut at = root.to_path_buf();
    for part in below.parent().into_iter().flat_map(Path::components) {
        at.push(part);
        let Ok(real) = at.canonicalize() else { return Ok(()) };
        if !real.starts_with(&real_root) {
            let shown = at.strip_prefix(root).unwrap_or(&at).display().to_string();
            return Err(Outside { shown, real, writing: true });
        }
    }
    Ok(())
}

/// Whether a Markdown link's `url` names a file by its path (`manual.pdf`, `../a.html`,
/// `/x`) rather than a page on the web, an e-mail address or an anchor (`#passo`). The site
/// never publishes such files.
pub fn is_local_link(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return false;
    }
    // A colon after the first `/`, `?` or `#` is part of the path, not the end of a scheme.
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    scheme_end.is_none_or(|colon| path_start.is_some_and(|p| p < colon))
}

/// Whether `name` is a plain folder name (no separator, not `.` or `..`, not absolute), as
/// `[build] theme` must be.
pub fn is_plain_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(Component::Normal(_)))
        && components.next().is_none()
        && !name.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_plain_folder_names() {
        for good in ["default", "meu", "tema-2026", "meu.tema"] {
            assert!(is_plain_name(good), "{good}");
        }
        for bad in ["", ".", "..", "../../x", "/etc", "a/b", "a\\b", "C:\\x", "meu/"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }

    #[test]
    fn local_links_are_paths_not_addresses_or_anchors() {
        for local in ["manual.pdf", "../a/b.html", "/etc/passwd", "a/b:c", "x.html#y", "?q=1", " tela.png "] {
            assert!(is_local_link(local), "{local}");
        }
        for not in ["https://a", "HTTP://a", "mailto:x@y", "#passo", "", "//host/x", "javascript:x", "tel:123"] {
            assert!(!is_local_link(not), "{not}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn reading_through_a_link_out_of_the_base_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kb");
        std::fs::create_dir_all(root.join("book")).unwrap();
        std::fs::write(dir.path().join("fora.md"), "segredo").unwrap();
        std::fs::write(root.join("book/dentro.md"), "ok").unwrap();
        std::os::unix::fs::symlink(dir.path().join("fora.md"), root.join("book/atalho.md")).unwrap();
        std::os::unix::fs::symlink(root.join("book/dentro.md"), root.join("book/outro.md")).unwrap();
        assert!(read_inside(&root, &root.join("book/dentro.md")).is_ok());
        assert!(read_inside(&root, &root.join("book/outro.md")).is_ok(), "a link inside the base is fine");
        let error = read_inside(&root, &root.join("book/atalho.md")).unwrap_err().to_string();
        assert!(error.contains("`book/atalho.md` leva para fora da base de conhecimento"), "{error}");
    }
}
