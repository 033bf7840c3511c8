//! The procedure files of a tree, and the ones of the working tree that differ from HEAD.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use gix::{ObjectId, Repository};
use rayon::prelude::*;

use super::{HistoryError, is_procedure_path};
use crate::t;

/// The procedure files under `subtree` (`procedures`, `kb/procedures`) of the tree `root`:
/// (path relative to the `procedures` folder, blob), sorted by path.
pub(super) fn procedure_blobs(
    repo: &Repository,
    place: &Path,
    root: ObjectId,
    subtree: &str,
) -> Result<Vec<(String, ObjectId)>, HistoryError> {
    // `action` is a `history-action-…` message naming the tree.
    let fail =
        |action: fn(String) -> String, tree: ObjectId| HistoryError::git(place, move || action(tree.to_string()));
    let tree = repo.find_tree(root).map_err(fail(|id| t!("history-action-read-tree", id = id), root))?;
    let entry =
        tree.lookup_entry_by_path(subtree).map_err(fail(|id| t!("history-action-read-tree-entries", id = id), root))?;
    let Some(entry) = entry.filter(|e| e.mode().is_tree()) else { return Ok(Vec::new()) };
    let id = entry.object_id();
    let files = repo
        .find_tree(id)
        .map_err(fail(|id| t!("history-action-read-tree", id = id), id))?
        .traverse()
        .breadthfirst
        .files()
        .map_err(fail(|id| t!("history-action-read-tree-files", id = id), id))?;
    let mut out: Vec<(String, ObjectId)> = files
        .into_iter()
        .filter(|f| f.mode.is_blob())
        .map(|f| (f.filepath.to_string(), f.oid))
        .filter(|(path, _)| is_procedure_path(path))
        .collect();
    out.sort();
    Ok(out)
}

/// KB-relative paths of the procedure files under `<root>/procedures` whose bytes, hashed as a
/// git blob, differ from `head` (the HEAD blobs, keyed by path relative to `procedures/`).
/// Files deleted from the working tree are not listed: they have no page to mark.
pub(super) fn dirty(
    root: &Path,
    place: &Path,
    head: &HashMap<String, ObjectId>,
    kind: gix::hash::Kind,
) -> Result<BTreeSet<String>, HistoryError> {
    let dir = root.join("procedures");
    let files: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !super::is_skipped_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            let rel = rel.join("/");
            is_procedure_path(&rel).then(|| (rel, e.into_path()))
        })
        .collect();
    let changed: Result<Vec<Option<String>>, HistoryError> = files
        .par_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(path).map_err(|source| HistoryError::Io { path: path.clone(), source })?;
            let id = gix::objs::compute_hash(kind, gix::objs::Kind::Blob, &bytes)
                .map_err(HistoryError::git(place, || t!("history-action-hash", path = path.display().to_string())))?;
            Ok((head.get(rel) != Some(&id)).then(|| format!("procedures/{rel}")))
        })
        .collect();
    Ok(changed?.into_iter().flatten().collect())
}
