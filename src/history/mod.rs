//! The history of the procedures, read from git with gix (no `git` process): which commits
//! changed each file under `procedures/`, newest first, following renames back; the files at
//! any revision; and the files of the working tree that differ from HEAD.
//!
//! Like `git log`, a commit with one parent changed what differs from that parent, a root
//! commit added everything, and a merge changed only what differs from *every* parent (a change
//! made on a branch belongs to the branch's commit; an edit made while resolving a conflict
//! belongs to the merge). Renames are detected as `git diff` does (50% similar). Files whose
//! path has a part starting with `_` or `.` are not procedures (the loader skips them too), and
//! neither are symbolic links. At the boundary of a shallow clone the walk stops: what the
//! boundary commit changed is unknown, so it reports nothing, and [`History::shallow_since`]
//! tells the date.

mod error;
mod files;
mod walk;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use error::HistoryError;
use gix::ObjectId;

use crate::model::Date;
use crate::t;

/// One commit that touched one procedure file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Change {
    /// The commit's full hex id.
    pub commit: String,
    /// Its first 7 hex digits.
    pub short: String,
    /// Author time, seconds since the epoch (for ordering).
    pub time: i64,
    /// Author date, in the author's own UTC offset; serialized as `YYYY-MM-DD`.
    #[serde(serialize_with = "date_text")]
    pub date: Date,
    /// Author name, with the repository's `.mailmap` applied.
    pub author: String,
    /// The subject of the message: its first paragraph on one line, as `git log --oneline`.
    pub subject: String,
    /// Path of the file after this commit, relative to the KB root (`procedures/a/b.toml`).
    pub path: String,
    /// Path before, when this commit renamed the file (relative to the KB root).
    pub old_path: Option<String>,
    /// The blob before; `None` when the commit added the file.
    #[serde(skip)]
    pub old_blob: Option<ObjectId>,
    /// The blob after; `None` when the commit deleted the file.
    #[serde(skip)]
    pub new_blob: Option<ObjectId>,
}

fn date_text<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// The history of a knowledge base's procedures at one HEAD.
pub struct History {
    repo: gix::ThreadSafeRepository,
    /// The repository's work tree, for messages.
    place: PathBuf,
    /// The KB root.
    root: PathBuf,
    /// The `procedures` folder's path inside the repository: `procedures`, `kb/procedures`.
    subtree: String,
    head: ObjectId,
    head_hex: String,
    /// HEAD's procedure blobs, keyed by path relative to `procedures/`.
    head_blobs: HashMap<String, ObjectId>,
    all: Vec<Change>,
    by_file: HashMap<String, Vec<Change>>,
    shallow_since: Option<Date>,
    dirty: BTreeSet<String>,
}

/// A repository found for a KB root, with a commit at HEAD.
struct Opened {
    repo: gix::ThreadSafeRepository,
    place: PathBuf,
    root: PathBuf,
    subtree: String,
    head: ObjectId,
}

impl History {
    /// Reads the history of `<root>/procedures/**/*.toml` from the repository that contains
    /// `root` (which may be a sub-folder of the work tree, or a linked worktree). `Ok(None)`
    /// outside git: no repository found, a bare one, or one with no commit yet. The same HEAD
    /// gives the same history.
    pub fn read(root: &Path) -> Result<Option<History>, HistoryError> {
        History::read_again(root, None)
    }

    /// Like [`History::read`], for `serve`: when `previous` was read from the same repository
    /// and HEAD has not moved, it is kept and only [`History::dirty`] is computed again.
    /// (A `.mailmap` edited without a commit, or a shallow clone deepened to the same HEAD,
    /// shows after the next commit.)
    pub fn read_again(root: &Path, previous: Option<History>) -> Result<Option<History>, HistoryError> {
        let Some(opened) = open(root)? else { return Ok(None) };
        let mut history = match previous {
            Some(p) if p.head == opened.head && p.subtree == opened.subtree && p.place == opened.place => p,
            _ => History::build(opened)?,
        };
        history.dirty = files::dirty(&history.root, &history.place, &history.head_blobs, history.head.kind())?;
        Ok(Some(history))
    }

    fn build(opened: Opened) -> Result<History, HistoryError> {
        let Opened { repo, place, root, subtree, head } = opened;
        let scope = walk::Scope { repo: &repo, place: &place, subtree: &subtree };
        let walked = walk::walk(&scope, head)?;
        let local = repo.to_thread_local();
        let head_tree = local
            .find_commit(head)
            .and_then(|c| c.tree_id())
            .map_err(HistoryError::git(&place, || t!("history-action-read-commit-tree", id = head.to_string())))?;
        let head_blobs = files::procedure_blobs(&local, &place, head_tree.detach(), &subtree)?.into_iter().collect();
        let shallow =
            local.is_shallow().map_err(HistoryError::git(&place, || t!("history-action-read-shallow-file")))?;
        let shallow_since = walked.oldest.filter(|_| shallow).map(|t| day_of(t.seconds, t.offset));
        let (all, by_file) = index(walked.found);
        Ok(History {
            repo,
            place,
            root,
            subtree,
            head,
            head_hex: head.to_string(),
            head_blobs,
            all,
            by_file,
            shallow_since,
            dirty: BTreeSet::new(),
        })
    }

    /// The changes of the file now at `path` (KB-relative, `procedures/x.toml`), newest first,
    /// following renames back: changes made under its older names are included, with their
    /// path. A path no commit touched has none.
    pub fn of(&self, path: &str) -> &[Change] {
        self.by_file.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every change of the base, newest first, also of files since deleted.
    pub fn all(&self) -> &[Change] {
        &self.all
    }

    /// The date of the oldest commit seen when the clone is shallow (its history cut).
    pub fn shallow_since(&self) -> Option<Date> {
        self.shallow_since
    }

    /// The hex id of HEAD.
    pub fn head(&self) -> &str {
        &self.head_hex
    }

    /// KB-relative paths of the procedure files whose working-tree bytes differ from HEAD:
    /// modified, or new (untracked, ignored or staged); deleted files are not listed. Compared
    /// as git blobs of the raw bytes (no `git status`), so a file that a clean filter or
    /// `core.autocrlf` would change counts as modified.
    pub fn dirty(&self) -> &BTreeSet<String> {
        &self.dirty
    }

    /// The text of a blob.
    pub fn blob_text(&self, id: &gix::oid) -> Result<String, HistoryError> {
        self.text(&self.repo.to_thread_local(), id)
    }

    fn text(&self, repo: &gix::Repository, id: &gix::oid) -> Result<String, HistoryError> {
        let blob = repo
            .find_blob(id)
            .map_err(HistoryError::git(&self.place, || t!("history-action-read-blob", id = id.to_string())))?;
        String::from_utf8(blob.detach().data)
            .map_err(|_| HistoryError::NotText { repo: self.place.clone(), id: id.into() })
    }

    /// The procedure files at revision `rev` (anything `git rev-parse` takes: `HEAD~2`, a
    /// branch, a tag, a short id): (KB-relative path, text), sorted by path.
    pub fn files_at(&self, rev: &str) -> Result<Vec<(String, String)>, HistoryError> {
        let repo = self.repo.to_thread_local();
        let wrong = |source| HistoryError::Revision { repo: self.place.clone(), rev: rev.to_string(), source };
        let tree = repo.rev_parse_single(rev).map_err(wrong)?.object().and_then(|o| o.peel_to_tree()).map_err(wrong)?;
        files::procedure_blobs(&repo, &self.place, tree.id, &self.subtree)?
            .into_iter()
            .map(|(path, id)| Ok((format!("procedures/{path}"), self.text(&repo, &id)?)))
            .collect()
    }
}

/// The repository that holds `root`, with HEAD's commit; `None` outside git. Found as git finds
/// it, `GIT_DIR` and `GIT_CEILING_DIRECTORIES` included.
fn open(root: &Path) -> Result<Option<Opened>, HistoryError> {
    // As git: a `GIT_CEILING_DIRECTORIES` that is no parent of `root` is no error.
    let options = gix::discover::upwards::Options { match_ceiling_dir_or_error: false, ..Default::default() };
    let repo = match gix::ThreadSafeRepository::discover_with_environment_overrides_opts(root, options, |o, _| o) {
        Ok(repo) => repo,
        Err(error) if no_repository(&error) => return Ok(None),
        Err(source) => {
            return Err(HistoryError::Git { repo: root.into(), action: t!("history-action-open"), source });
        }
    };
    let local = repo.to_thread_local();
    let Some(workdir) = local.workdir() else { return Ok(None) };
    let place = workdir.to_path_buf();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| HistoryError::Io { path, source }
    };
    let real_root = root.canonicalize().map_err(io(root))?;
    let real_workdir = place.canonicalize().map_err(io(&place))?;
    let Ok(prefix) = real_root.strip_prefix(&real_workdir) else { return Ok(None) };
    let mut subtree: Vec<String> = prefix.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    subtree.push("procedures".into());
    let unborn = local.head().map_err(HistoryError::git(&place, || t!("history-action-read-head")))?.is_unborn();
    if unborn {
        return Ok(None);
    }
    let head = local.head_commit().map_err(HistoryError::git(&place, || t!("history-action-read-head-commit")))?.id;
    Ok(Some(Opened { repo, place, root: root.to_path_buf(), subtree: subtree.join("/"), head }))
}

/// Whether discovery failed only because there is no repository around.
fn no_repository(error: &gix::Error) -> bool {
    use gix::discover::upwards::Error;
    matches!(
        error.downcast_any_ref::<Error>(),
        Some(
            Error::NoGitRepository { .. }
                | Error::NoGitRepositoryWithinCeiling { .. }
                | Error::NoGitRepositoryWithinFs { .. }
        )
    )
}

/// The calendar day of `seconds` in the UTC offset `offset` (seconds).
fn day_of(seconds: i64, offset: i32) -> Date {
    Date::from_days((seconds + i64::from(offset)).div_euclid(86_400))
}

/// Whether `path` (relative to `procedures/`) is a procedure file as the loader reads them.
fn is_procedure_path(path: &str) -> bool {
    path.ends_with(".toml") && !path.split('/').any(is_skipped_name)
}

/// Names the loader skips, with everything below them.
fn is_skipped_name(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// All changes newest first, and the changes of each file, renames followed back.
fn index(mut found: Vec<walk::Found>) -> (Vec<Change>, HashMap<String, Vec<Change>>) {
    // Renames are followed from children to parents, which the generation orders even when
    // author dates do not (a rebased commit keeps its older date).
    found.sort_by(|a, b| {
        (b.generation.cmp(&a.generation))
            .then_with(|| a.change.commit.cmp(&b.change.commit))
            .then_with(|| a.change.path.cmp(&b.change.path))
    });
    // The name a file had at this point of the walk → the path it has now (its key).
    let mut followed: HashMap<String, String> = HashMap::new();
    let mut keys = Vec::with_capacity(found.len());
    for walk::Found { change, .. } in &found {
        let key = followed.remove(&change.path).unwrap_or_else(|| change.path.clone());
        if let Some(old) = &change.old_path {
            followed.insert(old.clone(), key.clone());
        } else if change.old_blob.is_some() {
            followed.insert(change.path.clone(), key.clone());
        }
        // An addition: older changes at this path were of another file.
        keys.push(key);
    }
    let mut pairs: Vec<(String, walk::Found)> = keys.into_iter().zip(found).collect();
    pairs.sort_by(|(_, a), (_, b)| newest_first(a, b));
    let mut by_file: HashMap<String, Vec<Change>> = HashMap::new();
    for (key, found) in &pairs {
        by_file.entry(key.clone()).or_default().push(found.change.clone());
    }
    (pairs.into_iter().map(|(_, f)| f.change).collect(), by_file)
}

/// Newest author time first; ties by generation (children first), commit id, then path.
fn newest_first(a: &walk::Found, b: &walk::Found) -> std::cmp::Ordering {
    (b.change.time.cmp(&a.change.time))
        .then_with(|| b.generation.cmp(&a.generation))
        .then_with(|| a.change.commit.cmp(&b.change.commit))
        .then_with(|| a.change.path.cmp(&b.change.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A change of commit `commit` (generation `generation`, one day each) at `path`:
    /// `old` is `Some(old path)` for a rename, `Some("")` for an edit, `None` for an addition.
    fn found(generation: u32, commit: &str, path: &str, old: Option<&str>) -> walk::Found {
        let blob = ObjectId::null(gix::hash::Kind::Sha1);
        walk::Found {
            generation,
            change: Change {
                commit: commit.into(),
                short: commit.into(),
                time: i64::from(generation) * 86_400,
                date: Date::from_days(i64::from(generation)),
                author: "A".into(),
                subject: commit.into(),
                path: path.into(),
                old_path: old.filter(|o| !o.is_empty()).map(String::from),
                old_blob: old.map(|_| blob),
                new_blob: Some(blob),
            },
        }
    }

    fn commits<'a>(by_file: &'a HashMap<String, Vec<Change>>, path: &str) -> Vec<&'a str> {
        by_file.get(path).map_or(Vec::new(), |c| c.iter().map(|c| c.commit.as_str()).collect())
    }

    #[test]
    fn a_name_reused_after_a_rename_is_another_file() {
        // c added, edited, renamed to d; then a new c added, and d edited.
        let (all, by_file) = index(vec![
            found(0, "add-c", "c", None),
            found(1, "edit-c", "c", Some("")),
            found(2, "c-to-d", "d", Some("c")),
            found(3, "new-c", "c", None),
            found(4, "edit-d", "d", Some("")),
        ]);
        assert_eq!(commits(&by_file, "d"), ["edit-d", "c-to-d", "edit-c", "add-c"]);
        assert_eq!(commits(&by_file, "c"), ["new-c"]);
        let order: Vec<&str> = all.iter().map(|c| c.commit.as_str()).collect();
        assert_eq!(order, ["edit-d", "new-c", "c-to-d", "edit-c", "add-c"]);
    }

    #[test]
    fn renames_follow_the_graph_when_dates_do_not() {
        // The rename was rebased onto the edit and kept its older author date.
        let mut rename = found(2, "b-to-c", "c", Some("b"));
        rename.change.time = 43_200;
        let (all, by_file) = index(vec![found(0, "add-b", "b", None), found(1, "edit-b", "b", Some("")), rename]);
        assert_eq!(commits(&by_file, "c").len(), 3, "{:?}", commits(&by_file, "c"));
        let order: Vec<&str> = all.iter().map(|c| c.commit.as_str()).collect();
        assert_eq!(order, ["edit-b", "b-to-c", "add-b"], "shown by date");
    }

    #[test]
    fn a_history_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<History>();
    }

    #[test]
    fn procedure_paths_are_the_loaders() {
        assert!(is_procedure_path("a/b.toml"));
        assert!(!is_procedure_path("a/b.md"));
        assert!(!is_procedure_path("_rascunhos/b.toml"));
        assert!(!is_procedure_path("a/.oculto.toml"));
        assert_eq!(day_of(1_772_330_400, -3 * 3600).to_string(), "2026-02-28");
    }
}
