//! The git history for `build` and `lint` (`serve` keeps its own between rebuilds): read once,
//! and never a reason not to build.

use std::sync::Arc;

use super::to_stderr;
use crate::load::KnowledgeBase;
use crate::model::Date;
use crate::t;
use crate::timeline::{Summaries, Timeline};

/// The timeline of `kb`, or `None` (with a warning when git could not be read, and a note with
/// `verbose` when there is simply no history).
pub fn read(kb: &KnowledgeBase, today: Date, summaries: &Summaries, verbose: bool) -> Option<Arc<Timeline>> {
    match Timeline::read(kb, today, summaries) {
        Ok(Ok(timeline)) => {
            if verbose {
                to_stderr(&note(&timeline));
            }
            Some(Arc::new(timeline))
        }
        Ok(Err(absent)) => {
            if verbose {
                to_stderr(&format!("{}: {absent}\n", t!("label-note")));
            }
            None
        }
        Err(error) => {
            let error = crate::render::error::chain(&error);
            let warning = t!("history-not-read", error = error);
            to_stderr(&format!("{}: {warning}\n", t!("severity-warning")));
            None
        }
    }
}

fn note(timeline: &Timeline) -> String {
    let known = timeline.stories.iter().filter(|s| s.is_some()).count();
    let shallow = match timeline.shallow_since {
        Some(date) => t!("history-shallow", date = date.to_string()),
        None => String::new(),
    };
    let summary = t!(
        "history-summary",
        head = &timeline.head[..timeline.head.len().min(12)],
        known = known,
        total = timeline.stories.len(),
        changes = timeline.news_total,
        days = timeline.days,
        shallow = shallow,
    );
    format!("{}: {summary}\n", t!("label-note"))
}
