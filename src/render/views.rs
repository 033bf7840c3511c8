//! What templates see: plain serialisable views of procedures and their steps, with Markdown
//! already rendered and references already resolved.

use serde::Serialize;

use super::lang::Strings;
use super::links::{self, Link, LinkTable};
use super::markdown::{self, Context as MdContext};
use super::media::Media;
use crate::load::KnowledgeBase;
use crate::model::{Date, Field, FieldKind, Procedure, Reference, Sla, SlaUnit, Step, StepKind};

pub use super::lang::DateView;

#[derive(Clone, Debug, Serialize)]
pub struct Crumb {
    pub name: String,
    /// Root-relative; `None` for the current page.
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    pub name: String,
    pub url: String,
}

/// A procedure in a list (home, sections, tags, review).
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    pub title: String,
    pub breadcrumb: String,
    pub url: String,
    pub summary: String,
    pub owner: String,
    /// "novo" or "alterado" when created or changed within `[history] days`.
    pub mark: Option<crate::timeline::Mark>,
    pub mark_text: String,
}

#[derive(Debug, Serialize)]
pub struct ProcedureView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub breadcrumb: String,
    pub trail: Vec<Crumb>,
    pub summary_html: String,
    /// For paper: references as text, manuals with their address (only with
    /// [`ViewBuilder::paper`]; not for templates).
    #[serde(skip)]
    pub summary_paper: String,
    pub owner: Option<String>,
    pub updated: Option<DateView>,
    /// The last change in git: "Alterado em … por …".
    pub changed: Option<super::changes::ChangedView>,
    /// The changes git holds, newest first, each with what it changed.
    pub history: Option<super::changes::HistoryView>,
    pub next_review: Option<DateView>,
    pub overdue: bool,
    pub due_soon: bool,
    pub tags: Vec<TagView>,
    /// The customer's phrasings (`aliases`), trimmed, without empty ones.
    pub aliases: Vec<String>,
    pub steps: Vec<StepView>,
    /// Index of the step where reading starts.
    pub start: usize,
    pub referenced_by: Vec<Backlink>,
    /// Root-relative URL of the printable checklist, when the build writes one.
    pub checklist_url: Option<String>,
    /// The version mark printed on the checklist (see [`version_mark`]).
    pub version: String,
    /// Lint errors of this procedure (only with `--allow-errors`).
    pub errors: Vec<String>,
}

/// The SLA units as [`StepView::sla_unit`] names them.
pub const HOURS: &str = "hours";
pub const DAYS: &str = "days";
pub const BUSINESS_DAYS: &str = "business-days";

#[derive(Debug, Serialize)]
pub struct StepView {
    pub id: String,
    pub number: usize,
    /// Serialised as `action`, `decision`, `resolution`, `escalation` or `broken`.
    pub kind: StepKind,
    pub title: String,
    /// Plain text of the title or, without one, of the text: for labels and the guided mode.
    pub label: String,
    pub text_html: String,
    pub text_plain: String,
    pub note_html: String,
    pub warning_html: String,
    /// The text, note and warning for paper (see [`markdown::to_paper`]; only with
    /// [`ViewBuilder::paper`]; not for templates).
    #[serde(skip)]
    pub text_paper: String,
    #[serde(skip)]
    pub note_paper: String,
    #[serde(skip)]
    pub warning_paper: String,
    /// The text for paper block by block, when it has more than one line (see
    /// [`markdown::to_paper_blocks`]): the checklists lay its lists and tables out.
    #[serde(skip)]
    pub text_blocks: Vec<markdown::PaperBlock>,
    pub images: Vec<ImageView>,
    pub see: Vec<Link>,
    pub next: Option<TargetView>,
    pub branches: Vec<BranchView>,
    pub to: String,
    pub sla: String,
    pub sla_text: String,
    /// The SLA's unit as the page's `data-sla-*` attribute names it (`hours`, `days`,
    /// `business-days`; empty when the SLA is missing or invalid) and its amount, so that the
    /// guided mode computes the return deadline.
    pub sla_unit: &'static str,
    pub sla_amount: u32,
    pub via: Option<Link>,
    pub fields: Vec<FieldView>,
}

/// A ticket field, with its kind declared or inferred (see [`FieldKind::infer`]).
#[derive(Debug, Serialize)]
pub struct FieldView {
    pub name: String,
    pub kind: FieldKind,
    pub required: bool,
}

impl FieldView {
    fn of(field: &Field) -> FieldView {
        FieldView { name: field.name.get_ref().clone(), kind: field.kind(), required: field.required }
    }
}

#[derive(Debug, Serialize)]
pub struct ImageView {
    /// Relative to the site root (`media/…`); empty when the site does not publish the image.
    pub src: String,
    pub alt: String,
    pub caption: String,
    /// The site publishes it: it exists and is a PNG, JPEG, GIF or WebP file (see
    /// [`crate::load::images`]). Otherwise the page shows the alt text in its place.
    pub exists: bool,
}

#[derive(Debug, Serialize)]
pub struct TargetView {
    pub id: String,
    pub number: usize,
    pub title: String,
    /// The target comes earlier in the reading order: a loop back.
    pub back: bool,
}

#[derive(Debug, Serialize)]
pub struct BranchView {
    pub when: String,
    pub target: Option<TargetView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Backlink {
    pub title: String,
    pub breadcrumb: String,
    pub url: String,
    pub step_number: Option<usize>,
    pub step_title: String,
}

pub fn text(field: &Option<toml::Spanned<String>>) -> &str {
    field.as_ref().map_or("", |f| f.get_ref().as_str())
}

pub fn card(procedure: &Procedure) -> Card {
    Card {
        title: text(&procedure.title).to_string(),
        breadcrumb: procedure.breadcrumb().map_or_else(String::new, |b| b.to_string()),
        url: links::procedure_url(&procedure.slug),
        summary: markdown::to_plain(text(&procedure.summary)),
        owner: text(&procedure.owner).to_string(),
        mark: None,
        mark_text: String::new(),
    }
}

/// The section segments of a procedure (`["Certificado Digital", "A1"]`).
/// At most [`MAX_SECTION_PARTS`] of them, each cut to [`MAX_NAME_CHARS`] (`name-too-long`
/// reports longer ones; with `--allow-errors` the site stays bounded).
pub fn section_segments(procedure: &Procedure) -> Vec<String> {
    use crate::model::{MAX_NAME_CHARS, MAX_SECTION_PARTS};
    use crate::text::cut_chars;
    crate::model::Breadcrumb::parse(text(&procedure.section))
        .segments()
        .take(MAX_SECTION_PARTS)
        .map(|part| cut_chars(part, MAX_NAME_CHARS).to_string())
        .collect()
}

/// The version mark of a procedure on paper: its revision date and the first 7 hex digits of the
/// SHA-256 of its file (`2019-11-22.3fa9c1e`), so that two printed copies can be compared: the
/// same mark, the same file.
pub fn version_mark(updated: Option<Date>, source: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(source.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match updated {
        Some(date) => format!("{date}.{}", &hash[..7]),
        None => hash[..7].to_string(),
    }
}

/// When the next review is due.
pub fn due_date(kb: &KnowledgeBase, procedure: &Procedure) -> Option<Date> {
    let months = procedure.review_months.as_ref().map_or(kb.config.review.months, |m| *m.get_ref());
    procedure.updated.as_ref().map(|u| u.get_ref().add_months(months))
}

pub struct ViewBuilder<'a> {
    pub kb: &'a KnowledgeBase,
    pub links: &'a LinkTable,
    pub t: &'a Strings,
    pub today: Date,
    /// The published images (none for views that show no image).
    pub media: &'a Media,
    /// The git history, when there is one.
    pub history: Option<&'a crate::timeline::Timeline>,
    /// Also the texts for paper (`summary_paper`, `text_paper`, `text_blocks`…), which only
    /// `sopbook checklist` shows: each is one more Markdown parse of every text.
    pub paper: bool,
}

impl ViewBuilder<'_> {
    /// `make()` when the views are for paper, else nothing.
    fn for_paper<T: Default>(&self, make: impl FnOnce() -> T) -> T {
        if self.paper { make() } else { T::default() }
    }

    fn md<'c>(&'c self, index: usize, root: &'c str, step_word: &'c dyn Fn(usize) -> String) -> MdContext<'c> {
        MdContext {
            links: self.links,
            current: Some(index),
            root,
            step_word,
            external_note: self.t.get("external"),
            manual_note: self.t.get("manual_no_link"),
            broken_note: self.t.get("broken_reference"),
            book: false,
            images: None,
        }
    }

    pub fn procedure(&self, index: usize, backlinks: Vec<Backlink>, errors: Vec<String>) -> ProcedureView {
        let procedure = &self.kb.procedures[index];
        let url = links::procedure_url(&procedure.slug);
        let root = links::root_of(&url);
        let step_word = |n: usize| self.t.fill("step_n", &[("n", &n.to_string())]);
        let md = self.md(index, &root, &step_word);
        let segments = section_segments(procedure);
        let mut trail: Vec<Crumb> = (1..=segments.len())
            .map(|n| {
                let names: Vec<&str> = segments[..n].iter().map(String::as_str).collect();
                Crumb { name: segments[n - 1].clone(), url: Some(links::section_url(&names)) }
            })
            .collect();
        trail.push(Crumb { name: text(&procedure.title).to_string(), url: None });
        let due = due_date(self.kb, procedure);
        let (changed, history) =
            self.history.map_or((None, None), |timeline| super::changes::procedure(timeline, index, self.t));
        ProcedureView {
            slug: procedure.slug.clone(),
            title: text(&procedure.title).to_string(),
            breadcrumb: procedure.breadcrumb().map_or_else(String::new, |b| b.to_string()),
            trail,
            summary_html: markdown::to_html(text(&procedure.summary), &md),
            summary_paper: self.for_paper(|| markdown::to_paper(text(&procedure.summary), &md)),
            owner: procedure.owner.as_ref().map(|o| o.get_ref().clone()).filter(|o| !o.trim().is_empty()),
            updated: procedure.updated.as_ref().map(|u| DateView::new(*u.get_ref(), self.t)),
            changed,
            history,
            next_review: due.map(|d| DateView::new(d, self.t)),
            overdue: due.is_some_and(|d| d < self.today),
            due_soon: due.is_some_and(|d| d >= self.today && d <= self.today.add_days(30)),
            tags: procedure
                .tags
                .iter()
                .map(|t| TagView { name: t.get_ref().clone(), url: links::tag_url(t.get_ref()) })
                .collect(),
            aliases: procedure
                .aliases
                .iter()
                .map(|a| a.get_ref().trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            steps: {
                // Each title and text as plain text once: for the step, and for the labels that
                // the steps pointing at it show.
                let plain: Vec<(String, String)> = procedure
                    .steps
                    .iter()
                    .map(|s| (markdown::to_plain(text(&s.title)), markdown::to_plain(text(&s.text))))
                    .collect();
                let labels: Vec<String> =
                    procedure.steps.iter().zip(&plain).map(|(s, (title, body))| label_of(s, title, body)).collect();
                procedure
                    .steps
                    .iter()
                    .zip(plain)
                    .enumerate()
                    .map(|(i, (s, plain))| self.step(i, s, plain, &labels, &md))
                    .collect()
            },
            start: procedure.start_index().unwrap_or(0),
            version: version_mark(
                procedure.updated.as_ref().map(|u| *u.get_ref()),
                self.kb.files.get(procedure.file).map_or("", |f| f.text.as_str()),
            ),
            referenced_by: backlinks,
            checklist_url: None,
            errors,
            url,
        }
    }

    /// Renders again the texts of procedure `index`'s checklist in `view` (its summary and each
    /// step's text, note and warning) for the page at `url`, when that page lies in another folder
    /// than the procedure's, so that their links still lead where they should. Only texts with a
    /// link are rendered again. Whether one was.
    pub fn relocate(&self, index: usize, view: &mut ProcedureView, url: &str) -> bool {
        let root = links::root_of(url);
        if root == links::root_of(&view.url) {
            return false;
        }
        let procedure = &self.kb.procedures[index];
        let step_word = |n: usize| self.t.fill("step_n", &[("n", &n.to_string())]);
        let md = self.md(index, &root, &step_word);
        let mut changed = false;
        let mut again = |html: &mut String, source: &Option<toml::Spanned<String>>| {
            if html.contains("href=") {
                *html = markdown::to_html(text(source), &md);
                changed = true;
            }
        };
        again(&mut view.summary_html, &procedure.summary);
        for (shown, step) in view.steps.iter_mut().zip(&procedure.steps) {
            again(&mut shown.text_html, &step.text);
            again(&mut shown.note_html, &step.note);
            again(&mut shown.warning_html, &step.warning);
        }
        changed
    }

    fn step(&self, i: usize, step: &Step, plain: (String, String), labels: &[String], md: &MdContext<'_>) -> StepView {
        let (title, text_plain) = plain;
        let index = md.current.unwrap_or_default();
        let target = |id: &str| -> Option<TargetView> {
            let j = self.links.step_index(md.current?, id)?;
            Some(TargetView { id: id.to_string(), number: j + 1, title: labels[j].clone(), back: j <= i })
        };
        let resolve = |raw: &str| {
            let reference = Reference::parse_inner(raw, 0..raw.len());
            self.links.resolve(&reference, md.current, md.step_word)
        };
        let sla = text(&step.sla).to_string();
        let parsed = sla.parse::<Sla>().ok();
        let sla_text = parsed.map(|s| self.t.sla(s)).unwrap_or_default();
        let sla_unit = match parsed.map(|s| s.unit) {
            Some(SlaUnit::Hours) => HOURS,
            Some(SlaUnit::Days) => DAYS,
            Some(SlaUnit::BusinessDays) => BUSINESS_DAYS,
            None => "",
        };
        StepView {
            id: step.id.get_ref().clone(),
            number: i + 1,
            kind: step.kind(),
            title,
            label: labels[i].clone(),
            text_html: markdown::to_html(text(&step.text), md),
            text_plain,
            note_html: markdown::to_html(text(&step.note), md),
            warning_html: markdown::to_html(text(&step.warning), md),
            text_paper: self.for_paper(|| markdown::to_paper(text(&step.text), md)),
            text_blocks: self.for_paper(|| markdown::to_paper_blocks(text(&step.text), md)),
            note_paper: self.for_paper(|| markdown::to_paper(text(&step.note), md)),
            warning_paper: self.for_paper(|| markdown::to_paper(text(&step.warning), md)),
            images: step.images.iter().filter_map(|image| self.image(index, image)).collect(),
            see: step.see.iter().map(|s| resolve(s.get_ref())).collect(),
            next: step.next.as_ref().and_then(|n| target(n.get_ref())),
            branches: step
                .branches
                .as_ref()
                .map(|b| {
                    b.get_ref()
                        .iter()
                        .map(|branch| BranchView {
                            when: text(&branch.when).to_string(),
                            target: branch.next.as_ref().and_then(|n| target(n.get_ref())),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            to: text(&step.to).to_string(),
            sla,
            sla_text,
            sla_unit,
            sla_amount: parsed.map_or(0, |s| s.amount),
            via: step.via.as_ref().map(|v| resolve(v.get_ref())),
            fields: step.fields.iter().map(FieldView::of).collect(),
        }
    }

    fn image(&self, procedure: usize, image: &crate::model::Image) -> Option<ImageView> {
        let published = self.media.url(procedure, image.src.as_ref()?.get_ref());
        let alt = text(&image.alt).to_string();
        let caption = image.caption.as_ref().map_or_else(|| alt.clone(), |c| c.get_ref().clone());
        Some(ImageView { exists: published.is_some(), src: published.unwrap_or_default(), alt, caption })
    }
}

/// A short plain label for a step: its title, or the start of its text, or its ID.
pub fn label(step: &Step) -> String {
    label_of(step, &markdown::to_plain(text(&step.title)), &markdown::to_plain(text(&step.text)))
}

/// [`label`] from the step's title and text already as plain text.
fn label_of(step: &Step, title: &str, body: &str) -> String {
    if !title.is_empty() {
        return title.to_string();
    }
    if body.is_empty() {
        return step.id.get_ref().clone();
    }
    let mut out: String = body.chars().take(90).collect();
    if body.chars().count() > 90 {
        out.push('…');
    }
    out
}
