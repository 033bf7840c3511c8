//! What the pages show of the history: "Alterado em … por …", each procedure's history with the
//! summary of every change, the "Novidades" page and the "novo"/"alterado" marks.

use serde::Serialize;

use super::lang::{DateView, Strings};
use super::links;
use crate::timeline::{Mark, News, Review, Revision, Status, Story, Timeline};

/// The last change of a procedure, beside its review date.
#[derive(Debug, Serialize)]
pub struct ChangedView {
    pub date: DateView,
    pub author: String,
    /// The file has edits not committed yet (a preview with `serve`).
    pub uncommitted: bool,
}

/// One change in a history or in the news.
#[derive(Debug, Serialize)]
pub struct RevisionView {
    pub date: DateView,
    pub author: String,
    pub subject: String,
    pub short: String,
    pub commit: String,
    pub status: Status,
    /// "Criado", "Renomeado de …", "Removido"; empty for a plain change.
    pub status_text: String,
    /// What changed, one line each, in the site's language, as HTML (editors' text escaped).
    pub lines_html: Vec<String>,
}

/// A procedure's collapsible history.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub revisions: Vec<RevisionView>,
    /// "12 alterações registradas".
    pub count_text: String,
    /// "E mais 3 alterações anteriores, não listadas.", when some are not listed.
    pub more_text: Option<String>,
    /// "Histórico a partir de …" when the clone is shallow.
    pub shallow_note: Option<String>,
    /// The steps changed since the last review.
    pub unreviewed: bool,
}

/// The history parts of a procedure page.
pub fn procedure(timeline: &Timeline, index: usize, t: &Strings) -> (Option<ChangedView>, Option<HistoryView>) {
    let Some(story) = timeline.story(index) else {
        return (None, None);
    };
    let changed = story.last().map(|last| ChangedView {
        date: DateView::new(last.date, t),
        author: last.author.clone(),
        uncommitted: story.dirty,
    });
    let changed = changed.or_else(|| {
        story.dirty.then(|| ChangedView {
            date: DateView::new(timeline.since, t),
            author: String::new(),
            uncommitted: true,
        })
    });
    (changed, Some(history(timeline, story, t)))
}

fn history(timeline: &Timeline, story: &Story, t: &Strings) -> HistoryView {
    HistoryView {
        revisions: story.revisions.iter().map(|r| revision(r, t)).collect(),
        count_text: if story.total == 0 {
            t.get("history_none").to_string()
        } else {
            t.count("history_count", story.total)
        },
        more_text: Some(story.total.saturating_sub(story.revisions.len()))
            .filter(|more| *more > 0)
            .map(|more| t.count("history_more", more)),
        shallow_note: timeline.shallow_since.map(|d| t.fill("history_shallow", &[("date", &t.date(d))])),
        unreviewed: matches!(story.review, Review::Changed { .. }),
    }
}

pub fn revision(revision: &Revision, t: &Strings) -> RevisionView {
    let change = &revision.change;
    let status = Status::of(change);
    let status_text = match (status, &change.old_path) {
        (Status::Added, _) => t.get("history_created").to_string(),
        (Status::Removed, _) => t.get("history_removed").to_string(),
        (Status::Renamed, Some(old)) => t.fill("history_renamed", &[("path", old)]),
        _ => String::new(),
    };
    let lines_html: Vec<String> = revision.changes.iter().map(|c| c.describe_html(t.language)).collect();
    RevisionView {
        date: DateView::new(change.date, t),
        author: change.author.clone(),
        subject: change.subject.clone(),
        short: change.short.clone(),
        commit: change.commit.clone(),
        status,
        status_text,
        lines_html,
    }
}

/// The word of a mark, for lists and the search.
pub fn mark_text(mark: Mark, t: &Strings) -> String {
    match mark {
        Mark::New => t.get("mark_new").to_string(),
        Mark::Changed => t.get("mark_changed").to_string(),
    }
}

/// One line of the "Novidades" page.
#[derive(Debug, Serialize)]
pub struct NewsView {
    pub revision: RevisionView,
    pub title: String,
    /// Root-relative URL of the procedure, when it still exists.
    pub url: Option<String>,
    pub breadcrumb: String,
}

/// The "Novidades" page's lines.
pub fn news(timeline: &Timeline, kb: &crate::load::KnowledgeBase, t: &Strings) -> Vec<NewsView> {
    timeline.news.iter().map(|n| news_line(n, kb, t)).collect()
}

fn news_line(news: &News, kb: &crate::load::KnowledgeBase, t: &Strings) -> NewsView {
    let procedure = news.procedure.map(|i| &kb.procedures[i]);
    let title = news
        .title
        .clone()
        .or_else(|| procedure.and_then(|p| p.title.as_ref()).map(|t| t.get_ref().clone()))
        .unwrap_or_else(|| news.revision.change.path.clone());
    NewsView {
        revision: revision(&news.revision, t),
        title,
        url: procedure.map(|p| links::procedure_url(&p.slug)),
        breadcrumb: procedure.and_then(|p| p.breadcrumb()).map_or_else(String::new, |b| b.to_string()),
    }
}
