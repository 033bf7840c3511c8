//! Reading the commits: which procedure files each commit reachable from HEAD changed. The walk
//! is sequential (it only reads parents); the diffs run in parallel, one repository handle and
//! one object cache per chunk of neighbouring commits, which share most of their trees.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::Path;

use gix::bstr::{BStr, ByteSlice};
use gix::object::tree::diff::Change as TreeChange;
use gix::objs::tree::EntryMode;
use gix::{ObjectId, Repository, ThreadSafeRepository, Tree};
use rayon::prelude::*;

use super::{Change, HistoryError, is_procedure_path};
use crate::t;

/// Bytes of decoded objects each chunk keeps: the trees along `procedures/` of neighbouring
/// commits are mostly the same objects.
const OBJECT_CACHE: usize = 32 * 1024 * 1024;

/// Chunks per thread: enough for rayon to balance uneven commits, few enough that opening a
/// handle and a diff cache per chunk costs nothing.
const CHUNKS_PER_THREAD: usize = 4;

/// What the walk needs to know about the repository.
pub(super) struct Scope<'a> {
    pub repo: &'a ThreadSafeRepository,
    /// The repository's work tree (or git folder), for messages.
    pub place: &'a Path,
    /// Path of the KB's `procedures` folder inside the repository: `procedures`, `kb/procedures`.
    pub subtree: &'a str,
}

/// A change with the generation of its commit (its longest distance from a root: a child is
/// always above its parents, which orders renames right when author dates do not).
pub(super) struct Found {
    pub generation: u32,
    pub change: Change,
}

/// Every change of the history, and the author time (seconds, offset) of the oldest commit seen.
pub(super) struct Walked {
    pub found: Vec<Found>,
    pub oldest: Option<gix::date::Time>,
}

/// One commit to diff.
struct Job {
    id: ObjectId,
    parents: Vec<ObjectId>,
    generation: u32,
    /// A commit at the shallow boundary: its parents are missing, so what it changed is unknown.
    boundary: bool,
}

/// Diffs every commit reachable from `head` (all parents, stopping at a shallow boundary).
pub(super) fn walk(scope: &Scope<'_>, head: ObjectId) -> Result<Walked, HistoryError> {
    let repo = scope.repo.to_thread_local();
    let jobs = jobs(&repo, scope, head)?;
    let mailmap = repo.open_mailmap();
    let chunk = jobs.len().div_ceil(rayon::current_num_threads() * CHUNKS_PER_THREAD).max(1);
    let chunks: Vec<Walked> =
        jobs.par_chunks(chunk).map(|jobs| diff_chunk(scope, &mailmap, jobs)).collect::<Result<_, _>>()?;
    let mut walked = Walked { found: Vec::new(), oldest: None };
    for chunk in chunks {
        walked.found.extend(chunk.found);
        walked.oldest = older(walked.oldest, chunk.oldest);
    }
    Ok(walked)
}

/// The older of two author times.
fn older(a: Option<gix::date::Time>, b: Option<gix::date::Time>) -> Option<gix::date::Time> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.seconds < a.seconds { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The commits reachable from `head`, with their generations.
fn jobs(repo: &Repository, scope: &Scope<'_>, head: ObjectId) -> Result<Vec<Job>, HistoryError> {
    let shallow: HashSet<ObjectId> = repo
        .shallow_commits()
        .map_err(HistoryError::git(scope.place, || t!("history-action-read-shallow-commits")))?
        .map(|commits| commits.iter().copied().collect())
        .unwrap_or_default();
    let walk = repo
        .rev_walk([head])
        .sorting(gix::revision::walk::Sorting::TopoOrder)
        .all()
        .map_err(HistoryError::git(scope.place, || t!("history-action-walk", id = head.to_string())))?;
    let mut jobs = Vec::new();
    for info in walk {
        let info = info.map_err(HistoryError::git(scope.place, || t!("history-action-walk", id = head.to_string())))?;
        let boundary = shallow.contains(&info.id);
        jobs.push(Job { id: info.id, parents: info.parent_ids.iter().copied().collect(), generation: 0, boundary });
    }
    // Children come before their parents: number them from the roots up.
    let mut generations: HashMap<ObjectId, u32> = HashMap::with_capacity(jobs.len());
    for job in jobs.iter_mut().rev() {
        let above = job.parents.iter().filter_map(|p| generations.get(p)).max().map_or(0, |g| g + 1);
        job.generation = above;
        generations.insert(job.id, above);
    }
    Ok(jobs)
}

fn diff_chunk(scope: &Scope<'_>, mailmap: &gix::mailmap::Snapshot, jobs: &[Job]) -> Result<Walked, HistoryError> {
    let mut repo = scope.repo.to_thread_local();
    repo.object_cache_size_if_unset(OBJECT_CACHE);
    let mut cache = repo
        .diff_resource_cache_for_tree_diff()
        .map_err(HistoryError::git(scope.place, || t!("history-action-prepare-diff")))?;
    let mut out = Walked { found: Vec::new(), oldest: None };
    for job in jobs {
        let (time, found) = diff_commit(&repo, scope, mailmap, &mut cache, job)?;
        cache.clear_resource_cache_keep_allocation();
        out.found.extend(found);
        out.oldest = older(out.oldest, Some(time));
    }
    Ok(out)
}

/// The procedure files `job` changed, and its author time.
fn diff_commit(
    repo: &Repository,
    scope: &Scope<'_>,
    mailmap: &gix::mailmap::Snapshot,
    cache: &mut gix::diff::blob::Platform,
    job: &Job,
) -> Result<(gix::date::Time, Vec<Found>), HistoryError> {
    let id = job.id;
    // `action` is a `history-action-…` message naming the commit.
    let fail = |action: fn(String) -> String| HistoryError::git(scope.place, move || action(id.to_string()));
    let commit = repo.find_commit(id).map_err(fail(|id| t!("history-action-read-commit-object", id = id)))?;
    let author = commit.author().map_err(fail(|id| t!("history-action-read-commit-author", id = id)))?;
    let time = author.time().unwrap_or(gix::date::Time { seconds: author.seconds(), offset: 0 });
    if job.boundary {
        return Ok((time, Vec::new()));
    }
    let tree_id = commit.tree_id().map_err(fail(|id| t!("history-action-read-commit-tree", id = id)))?;
    let tree = subtree(repo, scope, tree_id.detach())?;
    let mut parents = Vec::with_capacity(job.parents.len());
    for parent in &job.parents {
        let commit = repo.find_commit(*parent).map_err(fail(|id| t!("history-action-read-commit-parent", id = id)))?;
        let tree_id = commit.tree_id().map_err(fail(|id| t!("history-action-read-commit-parent-tree", id = id)))?;
        parents.push(subtree(repo, scope, tree_id.detach())?);
    }
    let same = |p: &Option<Tree<'_>>| p.as_ref().map(|t| t.id) == tree.as_ref().map(|t| t.id);
    if parents.iter().any(same) {
        return Ok((time, Vec::new()));
    }
    let mut raw = diff_trees(repo, scope, cache, parents.first().and_then(Option::as_ref), tree.as_ref(), id)?;
    // A merge changed a file only if it differs from every parent, as `git log` shows merges.
    for other in parents.iter().skip(1) {
        let mut kept = Vec::with_capacity(raw.len());
        for change in raw {
            if blob_at(scope, other.as_ref(), &change.path)? != change.new_blob {
                kept.push(change);
            }
        }
        raw = kept;
    }
    let name = mailmap.try_resolve_ref(author).and_then(|m| m.name).unwrap_or(author.name);
    let subject = commit.message().map(|m| m.summary().to_string()).unwrap_or_default();
    let hex = id.to_string();
    let date = super::day_of(time.seconds, time.offset);
    let found = raw
        .into_iter()
        .map(|raw| Found {
            generation: job.generation,
            change: Change {
                commit: hex.clone(),
                short: hex[..7].to_string(),
                time: time.seconds,
                date,
                author: name.to_string(),
                subject: subject.clone(),
                path: format!("procedures/{}", raw.path),
                old_path: raw.old_path.map(|p| format!("procedures/{p}")),
                old_blob: raw.old_blob,
                new_blob: raw.new_blob,
            },
        })
        .collect();
    Ok((time, found))
}

/// The `procedures` tree of the commit whose root tree is `root`, if it has one.
fn subtree<'r>(repo: &'r Repository, scope: &Scope<'_>, root: ObjectId) -> Result<Option<Tree<'r>>, HistoryError> {
    let read = || t!("history-action-read-tree", id = root.to_string());
    let tree = repo.find_tree(root).map_err(HistoryError::git(scope.place, read))?;
    let entries = || t!("history-action-read-tree-entries", id = root.to_string());
    let Some(entry) = tree.lookup_entry_by_path(scope.subtree).map_err(HistoryError::git(scope.place, entries))? else {
        return Ok(None);
    };
    if !entry.mode().is_tree() {
        return Ok(None);
    }
    let id = entry.object_id();
    let read = move || t!("history-action-read-tree", id = id.to_string());
    repo.find_tree(id).map(Some).map_err(HistoryError::git(scope.place, read))
}

/// The blob at `path` (relative to the `procedures` tree), if there is one.
fn blob_at(scope: &Scope<'_>, tree: Option<&Tree<'_>>, path: &str) -> Result<Option<ObjectId>, HistoryError> {
    let Some(tree) = tree else { return Ok(None) };
    let entry = tree
        .lookup_entry_by_path(path)
        .map_err(HistoryError::git(scope.place, || t!("history-action-read-tree-entries", id = tree.id.to_string())))?;
    Ok(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()))
}

/// A change of one procedure file, paths relative to the `procedures` tree.
#[derive(Debug, PartialEq)]
struct Raw {
    path: String,
    old_path: Option<String>,
    old_blob: Option<ObjectId>,
    new_blob: Option<ObjectId>,
}

/// The procedure files that differ from `old` to `new`, renames detected, sorted by path.
fn diff_trees(
    repo: &Repository,
    scope: &Scope<'_>,
    cache: &mut gix::diff::blob::Platform,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    commit: ObjectId,
) -> Result<Vec<Raw>, HistoryError> {
    let empty = repo.empty_tree();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let fail = || t!("history-action-diff-commit", id = commit.to_string());
    let mut out = Vec::new();
    old.changes()
        .map_err(HistoryError::git(scope.place, fail))?
        .options(|o| {
            o.track_path().track_rewrites(Some(gix::diff::Rewrites::default()));
        })
        .for_each_to_obtain_tree_with_cache(new, cache, |change| {
            out.extend(raw(change));
            Ok(ControlFlow::Continue(()))
        })
        .map_err(HistoryError::git(scope.place, fail))?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The procedure file a side of a change is, if it is one: (path, blob).
fn side(location: &BStr, mode: EntryMode, id: ObjectId) -> Option<(String, ObjectId)> {
    let path = location.to_str_lossy();
    (mode.is_blob() && is_procedure_path(&path)).then(|| (path.into_owned(), id))
}

/// A tree change as a change of a procedure file: files of other kinds, directories and
/// changes of mode alone are dropped; a rename to or from something else is an addition or a
/// deletion.
fn raw(change: TreeChange<'_, '_, '_>) -> Option<Raw> {
    let (old, new, renamed) = match change {
        TreeChange::Addition { location, entry_mode, id, .. } => (None, side(location, entry_mode, id.detach()), false),
        TreeChange::Deletion { location, entry_mode, id, .. } => (side(location, entry_mode, id.detach()), None, false),
        TreeChange::Modification { location, previous_entry_mode, previous_id, entry_mode, id } => {
            (side(location, previous_entry_mode, previous_id.detach()), side(location, entry_mode, id.detach()), false)
        }
        TreeChange::Rewrite {
            source_location, source_entry_mode, source_id, location, entry_mode, id, copy, ..
        } => {
            let source = side(source_location, source_entry_mode, source_id.detach());
            // A copy leaves its source as it was.
            (source.filter(|_| !copy), side(location, entry_mode, id.detach()), !copy)
        }
    };
    match (old, new) {
        (None, None) => None,
        (Some(old), Some(new)) if old == new => None,
        (Some((old_path, old_blob)), Some((path, new_blob))) => Some(Raw {
            old_path: (renamed && old_path != path).then_some(old_path),
            path,
            old_blob: Some(old_blob),
            new_blob: Some(new_blob),
        }),
        (None, Some((path, blob))) => Some(Raw { path, old_path: None, old_blob: None, new_blob: Some(blob) }),
        (Some((path, blob)), None) => Some(Raw { path, old_path: None, old_blob: Some(blob), new_blob: None }),
    }
}
