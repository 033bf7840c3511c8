//! What `import` did, or would do with `--check`: per manual as before, then for a library a
//! summary (manuals, steps, references resolved and new, points to review, what was set aside),
//! or all of it as one JSON object for scripts and CI.

use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use super::library::Skipped;
use super::{Planned, describe, plural, shown};
use crate::cli::{FINDINGS, SUCCESS, print};
use crate::load::{KnowledgeBase, Target};
use crate::model::Breadcrumb;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// A paragraph per manual, then the summary.
    Human,
    /// One JSON object: every manual, what was set aside and the totals.
    Json,
}

/// The manuals planned, against the knowledge base.
pub(super) struct Done<'a> {
    pub kb: &'a KnowledgeBase,
    pub planned: &'a [Planned],
    /// The breadcrumbs of the manuals imported now.
    pub importing: &'a [Breadcrumb],
    /// Cited manuals nobody knows, for manuals.toml.
    pub new_manuals: &'a [Breadcrumb],
}

/// What was set aside on the way.
pub(super) struct Outcome<'a> {
    pub skipped: &'a [Skipped],
    /// Other files of the folders (pictures, spreadsheets).
    pub ignored: usize,
    /// A folder was imported.
    pub library: bool,
}

impl Outcome<'_> {
    /// 1 when a manual was set aside: it still needs the editor.
    pub fn code(&self) -> u8 {
        if self.skipped.is_empty() { SUCCESS } else { FINDINGS }
    }
}

pub(super) fn print_check(done: &Done<'_>, outcome: &Outcome<'_>, manuals_path: &Path, format: Format) {
    if let Format::Json = format {
        return print(&json(done, outcome, true));
    }
    let mut text: String = done.planned.iter().map(|p| describe(p, done.kb, done.importing, true)).collect();
    if !done.new_manuals.is_empty() {
        let count = plural(done.new_manuals.len(), "manual", "manuals");
        text.push_str(&format!("Would add {count} to {}\n", shown(manuals_path)));
    }
    if outcome.library {
        text.push_str(&summary(done, outcome, true));
    }
    text.push_str("Nothing written (--check).\n");
    print(&text);
}

pub(super) fn print_written(done: &Done<'_>, outcome: &Outcome<'_>, manuals_path: &Path, format: Format) {
    if let Format::Json = format {
        return print(&json(done, outcome, false));
    }
    let mut text: String = done.planned.iter().map(|p| describe(p, done.kb, done.importing, false)).collect();
    if !done.new_manuals.is_empty() {
        let count = plural(done.new_manuals.len(), "manual", "manuals");
        text.push_str(&format!("Added {count} to {}\n", shown(manuals_path)));
    }
    if outcome.library {
        text.push_str(&summary(done, outcome, false));
    }
    text.push_str(
        "Next: run `sopbook lint`, and follow its findings and the `# sopbook import:` comments in the files.\n",
    );
    print(&text);
}

/// The counts over every manual planned.
#[derive(Serialize, Default)]
struct Totals {
    manuals: usize,
    steps: usize,
    pictures: usize,
    references_resolved: usize,
    references_new: usize,
    review: usize,
    skipped: usize,
    ignored: usize,
}

fn totals(done: &Done<'_>, outcome: &Outcome<'_>) -> Totals {
    let mut totals = Totals { skipped: outcome.skipped.len(), ignored: outcome.ignored, ..Totals::default() };
    for plan in done.planned {
        let skeleton = &plan.skeleton;
        totals.manuals += 1;
        totals.steps += skeleton.steps.len();
        totals.pictures += skeleton.pictures().count();
        for crumb in &skeleton.references {
            match status(done, crumb) {
                Status::New => totals.references_new += 1,
                _ => totals.references_resolved += 1,
            }
        }
        totals.review += review(plan).count();
    }
    totals
}

/// `Imported 3 of 5 manuals: …`, then each manual set aside with its reason.
fn summary(done: &Done<'_>, outcome: &Outcome<'_>, check: bool) -> String {
    let t = totals(done, outcome);
    let verb = if check { "Would import" } else { "Imported" };
    let mut out = format!(
        "\n{verb} {} of {}: {}, {}, {} cited ({} resolved, {} new), {} to review\n",
        t.manuals,
        plural(t.manuals + t.skipped, "manual", "manuals"),
        plural(t.steps, "step", "steps"),
        plural(t.pictures, "picture", "pictures"),
        plural(t.references_resolved + t.references_new, "reference", "references"),
        t.references_resolved,
        t.references_new,
        plural(t.review, "point", "points"),
    );
    if !outcome.skipped.is_empty() {
        out.push_str(&format!("Set aside {} (nothing written):\n", plural(t.skipped, "manual", "manuals")));
        for skipped in outcome.skipped {
            let input = shown(&skipped.input);
            out.push_str(&format!("  {input}: {}\n", crate::text::escape_controls(reason(&input, &skipped.reason))));
        }
    }
    if outcome.ignored > 0 {
        out.push_str(&format!(
            "Ignored {} in the folders (not manuals)\n",
            plural(outcome.ignored, "other file", "other files")
        ));
    }
    out
}

/// The reason without the file name it often starts with, since the line names the file.
fn reason<'r>(input: &str, reason: &'r str) -> &'r str {
    let named = format!("`{input}`");
    match reason.strip_prefix(&named) {
        Some(rest) => rest.trim_start_matches(':').trim_start(),
        None => reason,
    }
}

/// Where a cited breadcrumb stands.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    /// A procedure of the knowledge base.
    Procedure,
    /// Already in manuals.toml.
    Manual,
    /// One of the manuals imported now.
    Imported,
    /// Unknown: added to manuals.toml.
    New,
}

fn status(done: &Done<'_>, crumb: &Breadcrumb) -> Status {
    match done.kb.index.resolve(crumb) {
        Some(Target::Procedure(_)) => Status::Procedure,
        Some(Target::Manual(_)) => Status::Manual,
        None if done.importing.contains(crumb) => Status::Imported,
        None => Status::New,
    }
}

/// Every point to review of a manual: (step id, what to check).
fn review(plan: &Planned) -> impl Iterator<Item = (&str, String)> {
    plan.skeleton.steps.iter().flat_map(|step| {
        step.candidates.iter().filter(|c| c.is_review()).map(move |c| (step.id.as_str(), c.describe()))
    })
}

#[derive(Serialize)]
struct JsonReport<'a> {
    check: bool,
    imported: Vec<JsonManual<'a>>,
    skipped: Vec<JsonSkipped>,
    manuals_added: Vec<&'a str>,
    totals: Totals,
}

#[derive(Serialize)]
struct JsonManual<'a> {
    input: String,
    output: String,
    title: &'a str,
    section: Option<&'a str>,
    steps: usize,
    /// The pictures written beside the procedure, by their `src`.
    pictures: Vec<&'a str>,
    references: Vec<JsonReference<'a>>,
    review: Vec<JsonReview<'a>>,
}

#[derive(Serialize)]
struct JsonReference<'a> {
    breadcrumb: &'a str,
    status: Status,
}

#[derive(Serialize)]
struct JsonReview<'a> {
    step: &'a str,
    note: String,
}

#[derive(Serialize)]
struct JsonSkipped {
    input: String,
    reason: String,
}

fn json(done: &Done<'_>, outcome: &Outcome<'_>, check: bool) -> String {
    let imported = done
        .planned
        .iter()
        .map(|plan| JsonManual {
            input: plan.input.display().to_string(),
            output: plan.path.display().to_string(),
            title: &plan.skeleton.title,
            section: plan.skeleton.section.as_deref(),
            steps: plan.skeleton.steps.len(),
            pictures: plan.skeleton.pictures().map(|(src, _)| src).collect(),
            references: plan
                .skeleton
                .references
                .iter()
                .map(|crumb| JsonReference { breadcrumb: crumb.as_str(), status: status(done, crumb) })
                .collect(),
            review: review(plan).map(|(step, note)| JsonReview { step, note }).collect(),
        })
        .collect();
    let skipped = outcome
        .skipped
        .iter()
        .map(|s| JsonSkipped { input: s.input.display().to_string(), reason: s.reason.clone() })
        .collect();
    let report = JsonReport {
        check,
        imported,
        skipped,
        manuals_added: done.new_manuals.iter().map(Breadcrumb::as_str).collect(),
        totals: totals(done, outcome),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("a report always serialises");
    text.push('\n');
    text
}
