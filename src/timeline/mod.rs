//! What changed, in the editors' terms: the git history of each procedure ([`crate::history`])
//! with the semantic summary of every change ([`crate::diff`]), the "Novidades" of the last days,
//! and whether a procedure's steps changed since its last review. Read once per build, in
//! parallel; the summaries are cached by blob ids, so `serve` diffs each pair of versions once.

mod review;
mod summaries;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diff;
use crate::history::{Change, History, HistoryError};
use crate::load::KnowledgeBase;
use crate::model::Date;

pub use review::Review;
pub use summaries::Summaries;

/// How many changes of one procedure its page lists (the newest); the rest are counted.
pub const SHOWN: usize = 20;
/// How many changes the "Novidades" page lists at most, so that a mass edit keeps it readable.
pub const NEWS_MAX: usize = 500;

/// One change of one procedure, with what it changed.
#[derive(Debug, Clone)]
pub struct Revision {
    pub change: Change,
    /// Empty when nothing a reader sees changed (formatting, comments).
    pub changes: Vec<diff::Change>,
}

/// A procedure's history.
#[derive(Debug)]
pub struct Story {
    /// Its newest changes, newest first, at most [`SHOWN`].
    pub revisions: Vec<Revision>,
    /// How many changes git holds for it (as far as a shallow clone sees).
    pub total: usize,
    /// When it was created, if that commit is within what the clone holds.
    pub created: Option<Date>,
    /// Its file differs from the last commit (an edit not committed yet).
    pub dirty: bool,
    pub review: Review,
}

impl Story {
    /// The last committed change.
    pub fn last(&self) -> Option<&Change> {
        self.revisions.first().map(|r| &r.change)
    }
}

/// What a change did to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Added,
    Changed,
    Renamed,
    Removed,
}

impl Status {
    pub fn of(change: &Change) -> Status {
        match (&change.old_blob, &change.new_blob, &change.old_path) {
            (None, _, _) => Status::Added,
            (_, None, _) => Status::Removed,
            (_, _, Some(_)) => Status::Renamed,
            _ => Status::Changed,
        }
    }
}

/// One line of the "Novidades" page.
#[derive(Debug, Clone)]
pub struct News {
    pub revision: Revision,
    pub status: Status,
    /// The procedure, by index into `kb.procedures`, when it still exists.
    pub procedure: Option<usize>,
    /// Its title at that change (from the new version, or the old one when removed).
    pub title: Option<String>,
}

/// The recent marks of lists and search results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    New,
    Changed,
}

/// The history of the whole knowledge base.
#[derive(Debug)]
pub struct Timeline {
    pub head: String,
    /// Some(date of the oldest commit seen) when the clone is shallow.
    pub shallow_since: Option<Date>,
    /// By index into `kb.procedures`; `None` for a file git does not know yet.
    pub stories: Vec<Option<Story>>,
    /// The changes of the last `days`, newest first, at most [`NEWS_MAX`].
    pub news: Vec<News>,
    /// How many changes the window held, when more than [`NEWS_MAX`].
    pub news_total: usize,
    /// The window of the news and the marks, from `[history] days`.
    pub days: u32,
    /// The first day of the window.
    pub since: Date,
    /// The day the history was read for: the date of what is not committed yet.
    pub today: Date,
}

/// Why there is no timeline, for `--verbose`.
#[derive(Debug)]
pub enum Absent {
    /// `[history] enabled = false`.
    Disabled,
    /// The knowledge base is not in a git repository, or the repository has no commit.
    NotInGit,
}

impl std::fmt::Display for Absent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Absent::Disabled => f.write_str(&crate::t!("history-off")),
            Absent::NotInGit => f.write_str(&crate::t!("history-none")),
        }
    }
}

impl Timeline {
    /// Reads the history of `kb` from git. `summaries` keeps what was diffed before (`serve`).
    pub fn read(
        kb: &KnowledgeBase,
        today: Date,
        summaries: &Summaries,
    ) -> Result<Result<Timeline, Absent>, HistoryError> {
        Self::read_again(kb, today, summaries, &mut None)
    }

    /// [`Timeline::read`] for `serve`: `git` keeps the history read last time, which is reused
    /// whole when HEAD has not moved (only the uncommitted files are looked at again).
    pub fn read_again(
        kb: &KnowledgeBase,
        today: Date,
        summaries: &Summaries,
        git: &mut Option<History>,
    ) -> Result<Result<Timeline, Absent>, HistoryError> {
        if !kb.config.history.enabled {
            return Ok(Err(Absent::Disabled));
        }
        *git = History::read_again(&kb.root, git.take())?;
        let Some(history) = git.as_ref() else {
            return Ok(Err(Absent::NotInGit));
        };
        Ok(Ok(Self::of(kb, history, today, summaries)))
    }

    /// The timeline of `kb` from an already read `history`.
    pub fn of(kb: &KnowledgeBase, history: &History, today: Date, summaries: &Summaries) -> Timeline {
        let days = kb.config.history.days;
        let since = today.add_days(-(i64::from(days) - 1));
        let stories = kb
            .procedures
            .par_iter()
            .map(|p| story(history, &kb.file_of(p).path, &kb.file_of(p).text, summaries))
            .collect();
        let (news, news_total) = news(kb, history, since, summaries);
        Timeline {
            head: history.head().to_string(),
            shallow_since: history.shallow_since(),
            stories,
            news,
            news_total,
            days,
            since,
            today,
        }
    }

    pub fn story(&self, procedure: usize) -> Option<&Story> {
        self.stories.get(procedure)?.as_ref()
    }

    /// "novo" when created within the window, "alterado" when changed within it.
    pub fn mark(&self, procedure: usize) -> Option<Mark> {
        let story = self.story(procedure)?;
        if story.created.is_some_and(|d| d >= self.since) {
            return Some(Mark::New);
        }
        (story.dirty || story.last().is_some_and(|c| c.date >= self.since)).then_some(Mark::Changed)
    }
}

/// The story of the file at `path`, whose text is now `text`.
fn story(history: &History, path: &str, text: &str, summaries: &Summaries) -> Option<Story> {
    let changes = history.of(path);
    let dirty = history.dirty().contains(path);
    // A shallow clone may hold no change of a file at all: its story is then "unknown before".
    if changes.is_empty() && !dirty && history.shallow_since().is_none() {
        return None;
    }
    let revisions: Vec<Revision> =
        changes.iter().take(SHOWN).map(|c| Revision { change: c.clone(), changes: summaries.of(history, c) }).collect();
    let created = changes.last().filter(|c| c.old_blob.is_none()).map(|c| c.date);
    let review = review::of(history, changes, dirty.then_some(text), summaries);
    Some(Story { revisions, total: changes.len(), created, dirty, review })
}

/// The changes of the window, newest first, with the procedure each one is about now.
fn news(kb: &KnowledgeBase, history: &History, since: Date, summaries: &Summaries) -> (Vec<News>, usize) {
    let recent: Vec<&Change> = history.all().iter().take_while(|c| c.date >= since).collect();
    let total = recent.len();
    if recent.is_empty() {
        return (Vec::new(), 0);
    }
    // A change is listed under the procedure its file became, whatever its name was then.
    let now: HashMap<(&str, &str), usize> = kb
        .procedures
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            history.of(&kb.file_of(p).path).iter().map(move |c| ((c.commit.as_str(), c.path.as_str()), i))
        })
        .collect();
    let news = recent
        .into_par_iter()
        .take(NEWS_MAX)
        .map(|change| {
            let changes = summaries.of(history, change);
            let procedure = now.get(&(change.commit.as_str(), change.path.as_str())).copied();
            let title = summaries.title(history, change);
            News {
                status: Status::of(change),
                revision: Revision { change: change.clone(), changes },
                procedure,
                title,
            }
        })
        .collect();
    (news, total)
}
