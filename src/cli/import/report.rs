//! What `import` did, or would do with `--check`: per manual as before, then for a library a
//! summary (manuals, steps, references resolved and new, points to review, what was set aside),
//! or all of it as one JSON object for scripts and CI.

use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use super::library::Skipped;
use super::{Planned, describe, shown};
use crate::cli::{FINDINGS, SUCCESS, print};
use crate::load::{KnowledgeBase, Target};
use crate::model::Breadcrumb;
use crate::t;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    // A paragraph per manual, then the summary.
    Human,
    // One JSON object: every manual, what was set aside and the totals.
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
        let line = t!("import-would-add-manuals", count = done.new_manuals.len(), path = shown(manuals_path));
        text.push_str(&format!("{line}\n"));
    }
    if outcome.library {
        text.push_str(&summary(done, outcome, true));
    }
    text.push_str(&format!("{}\n", t!("import-check-nothing-written")));
    print(&text);
}

pub(super) fn print_written(done: &Done<'_>, outcome: &Outcome<'_>, manuals_path: &Path, format: Format) {
    if let Format::Json = format {
        return print(&json(done, outcome, false));
    }
    let mut text: String = done.planned.iter().map(|p| describe(p, done.kb, done.importing, false)).collect();
    if !done.new_manuals.is_empty() {
        let line = t!("import-added-manuals", count = done.new_manuals.len(), path = shown(manuals_path));
        text.push_str(&format!("{line}\n"));
    }
    if outcome.library {
        text.push_str(&summary(done, outcome, false));
    }
    text.push_str(&format!("{}\n", t!("import-next")));
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
    let totals = totals(done, outcome);
    let references = totals.references_resolved + totals.references_new;
    let (imported, total) = (totals.manuals, totals.manuals + totals.skipped);
    let (steps, pictures, review) = (totals.steps, totals.pictures, totals.review);
    let (resolved, new) = (totals.references_resolved, totals.references_new);
    let line = match check {
        true => t!(
            "import-summary-check",
            imported = imported,
            total = total,
            steps = steps,
            pictures = pictures,
            references = references,
            resolved = resolved,
            new = new,
            review = review
        ),
        false => t!(
            "import-summary",
            imported = imported,
            total = total,
            steps = steps,
            pictures = pictures,
            references = references,
            resolved = resolved,
            new = new,
            review = review
        ),
    };
    let mut out = format!("\n{line}\n");
    if !outcome.skipped.is_empty() {
        out.push_str(&format!("{}\n", t!("import-set-aside", count = totals.skipped)));
        for skipped in outcome.skipped {
            let input = shown(&skipped.input);
            out.push_str(&format!("  {input}: {}\n", crate::text::escape_controls(reason(&input, &skipped.reason))));
        }
    }
    if outcome.ignored > 0 {
        out.push_str(&format!("{}\n", t!("import-ignored", count = outcome.ignored)));
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

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};

    /// The summary line with `[imported, total, steps, pictures, references, resolved, new, review]`.
    fn summary(language: Language, counts: [usize; 8]) -> String {
        let names = ["imported", "total", "steps", "pictures", "references", "resolved", "new", "review"];
        let args: Vec<(&str, Arg)> = names.iter().zip(counts).map(|(name, n)| (*name, Arg::from(n))).collect();
        message_in(language, "import-summary", &args)
    }

    #[test]
    fn the_summary_says_its_counts_in_words() {
        assert_eq!(
            summary(Language::En, [3, 5, 1, 0, 2, 1, 1, 4]),
            "Imported 3 of 5 manuals: 1 step, 0 pictures, 2 references cited (1 resolved, 1 new), 4 points to review"
        );
        assert_eq!(
            summary(Language::PtBr, [1, 1, 0, 1, 1, 1, 0, 1]),
            "Manuais importados: 1 de 1; nenhum passo, 1 imagem, 1 referência citada (1 resolvida, nenhuma nova), \
             1 ponto a revisar"
        );
        assert_eq!(
            summary(Language::PtBr, [2, 3, 12, 2, 3, 2, 1, 0]),
            "Manuais importados: 2 de 3; 12 passos, 2 imagens, 3 referências citadas (2 resolvidas, 1 nova), \
             nenhum ponto a revisar"
        );
        let set_aside = |n: usize| message_in(Language::PtBr, "import-set-aside", &[("count", Arg::from(n))]);
        assert_eq!(set_aside(1), "1 manual ficou de fora (nada foi gravado para ele):");
        assert_eq!(set_aside(2), "2 manuais ficaram de fora (nada foi gravado para eles):");
    }
}
