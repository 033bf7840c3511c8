//! The semantic summary of each change, computed once per pair of blobs.

use std::collections::HashMap;
use std::sync::Mutex;

use gix::ObjectId;

use crate::diff;
use crate::history::{Change, History};

/// What was diffed, by blob ids: a `serve` rebuild diffs only the versions it has not seen.
#[derive(Default)]
pub struct Summaries {
    changes: Mutex<HashMap<(ObjectId, ObjectId), Vec<diff::Change>>>,
    titles: Mutex<HashMap<ObjectId, Option<String>>>,
}

impl std::fmt::Debug for Summaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Summaries")
    }
}

impl Summaries {
    /// What `change` changed, in the editors' terms; empty for a file added or removed, whose
    /// whole text is the change, and for a version git cannot give back.
    pub fn of(&self, history: &History, change: &Change) -> Vec<diff::Change> {
        let (Some(old), Some(new)) = (change.old_blob, change.new_blob) else {
            return Vec::new();
        };
        if let Some(known) = self.changes.lock().unwrap_or_else(|e| e.into_inner()).get(&(old, new)) {
            return known.clone();
        }
        let changes = match (history.blob_text(&old), history.blob_text(&new)) {
            (Ok(old), Ok(new)) => diff::procedure(&old, &new),
            _ => Vec::new(),
        };
        self.changes.lock().unwrap_or_else(|e| e.into_inner()).insert((old, new), changes.clone());
        changes
    }

    /// The title of the procedure as `change` left it (or found it, when it removed the file).
    pub fn title(&self, history: &History, change: &Change) -> Option<String> {
        let blob = change.new_blob.or(change.old_blob)?;
        if let Some(known) = self.titles.lock().unwrap_or_else(|e| e.into_inner()).get(&blob) {
            return known.clone();
        }
        let title = history.blob_text(&blob).ok().and_then(|text| title_of(&text));
        self.titles.lock().unwrap_or_else(|e| e.into_inner()).insert(blob, title.clone());
        title
    }
}

/// The `title` key of a procedure's text, read without the whole parse.
fn title_of(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("title")?.as_str().map(str::to_string)
}
