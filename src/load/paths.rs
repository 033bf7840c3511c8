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
