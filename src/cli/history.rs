//! The git history for `build` and `lint` (`serve` keeps its own between rebuilds): read once,
//! and never a reason not to build.

use std::sync::Arc;

use super::to_stderr;
use crate::load::KnowledgeBase;
use crate::model::Date;
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
                to_stderr(&format!("note: {absent}\n"));
            }
            None
        }
        Err(error) => {
            let error = crate::render::error::chain(&error);
            to_stderr(&format!("warning: the git history was not read, the site shows none: {error}\n"));
            None
        }
    }
}

fn note(timeline: &Timeline) -> String {
    let known = timeline.stories.iter().filter(|s| s.is_some()).count();
    let shallow = match timeline.shallow_since {
        Some(date) => format!("; shallow clone: history from {date} only"),
        None => String::new(),
    };
    format!(
        "note: history: HEAD {}, {known} of {} procedures in git, {} changes in the last {} days{shallow}\n",
        &timeline.head[..timeline.head.len().min(12)],
        timeline.stories.len(),
        timeline.news_total,
        timeline.days,
    )
}
