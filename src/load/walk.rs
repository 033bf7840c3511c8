//! Finding procedure files under `procedures/`.

use std::path::Path;

use walkdir::WalkDir;

use super::{Input, ReadFailure};
use crate::t;

/// Every `.toml` file under `dir`, sorted by path. Names starting with `_` or `.` are skipped,
/// with everything below them. Symbolic links are followed while they stay inside the knowledge
/// base; one that leads out of it is not read (nor, for a folder, entered). A folder that cannot
/// be read, a symlink loop or a link out of the base becomes a failed input, reported as
/// `unreadable`.
pub(crate) fn procedure_files(root: &Path, dir: &Path) -> Vec<Input> {
    let mut inputs = Vec::new();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped(e.file_name().to_string_lossy().as_ref()));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) if entry.path_is_symlink() && leaves(&real_root, entry.path()) => {
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                } else if entry.path().extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let target = std::fs::read_link(entry.path()).map(|t| t.display().to_string()).unwrap_or_default();
                let reason = t!("load-link-to-outside", target = target);
                inputs.push(Input::Failed { rel: relative(root, entry.path()), failure: ReadFailure::Io(reason) });
            }
            Ok(entry) => {
                let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
                // Not only regular files: a FIFO or socket named `.toml` is read, and refused,
                // as an `unreadable` finding rather than skipped in silence.
                if !entry.file_type().is_dir() && is_toml {
                    let path = entry.into_path();
                    inputs.push(Input::Read { rel: relative(root, &path), path });
                }
            }
            Err(error) => {
                let rel = error.path().map_or_else(|| relative(root, dir), |p| relative(root, p));
                let reason = match error.loop_ancestor() {
                    Some(ancestor) => t!("load-link-loop", folder = relative(root, ancestor)),
                    None => error.io_error().map_or_else(|| error.to_string(), |e| e.to_string()),
                };
                inputs.push(Input::Failed { rel, failure: ReadFailure::Io(reason) });
            }
        }
    }
    inputs
}

/// Whether `path` (a symbolic link) resolves outside `real_root` (canonical).
pub(crate) fn leaves(real_root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| !real.starts_with(real_root))
}

fn is_skipped(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// A path relative to the root with `/` separators, as findings print it.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
