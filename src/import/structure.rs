//! From blocks to a skeleton: which paragraph is the title, the header, the introduction, a
//! section, a sub-step, a note; where the manual hands the case over; and how the steps follow
//! one another.
//!
//! The steps are chained in reading order. Nothing is invented: a decision the manual wrote as
//! prose ("Nos casos em que não foi possível…") stays an action and becomes a candidate, an
//! escalation in the middle of the manual ends the chain there (so `sopbook lint` reports the
//! steps after it as unreachable: the branch the editor has to write), and a manual that does not
//! say how it ends leaves its last step without `next` (a `dead-end` finding).

use std::collections::{BTreeMap, HashMap, HashSet};

use suffix::SuffixTable;

use super::detect::{self, Callout, Number};
use super::pictures::{Data, Picture, Skip};
use super::sentences;
use super::{BlockKind, Options, Source};
use crate::model::{Breadcrumb, Date};
use crate::t;
use crate::text::{cut_bytes, fold, shorten, slug};

/// What a step is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    Action,
    Escalation {
        to: Option<String>,
        /// The heading the sector was read from, when the paragraph itself did not name it.
        to_from_heading: Option<String>,
        sla: Option<String>,
        /// The words that gave the SLA ("dentro de 24 horas").
        sla_words: Option<String>,
    },
    Resolution,
}

/// Something the editor has to look at, with what the manual said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Candidate {
    /// A sentence that opens with a condition: a decision written as prose. `escalation` is the
    /// escalation step the condition leads to, when it is the next step.
    Decision { sentence: String, escalation: Option<String> },
    /// A paragraph that hands the case over ("abrir um chamado").
    Escalation { words: String },
    /// A closing paragraph read as the case solved ("Pronto!").
    Resolution { words: String },
    /// Words that point at a picture that did not come along, or pictures the source had that
    /// were not imported (what is known of each, and why).
    MissingImage { words: Vec<String>, pictures: Vec<(String, Skip)> },
    /// A picture imported without a description: its file.
    ImageAlt { file: String },
    /// The step before ends the case, so nothing leads here.
    Unreachable { after: String },
    /// The manual ends here without saying how.
    DeadEnd,
    /// Text the importer could not place, kept in a note.
    Unplaced,
    /// The note holds the manual's header and closing.
    Provenance,
}

impl Candidate {
    /// One line for the command's report, in the language of the messages.
    pub fn describe(&self) -> String {
        match self {
            Candidate::Decision { sentence, escalation: Some(to) } => {
                t!("import-candidate-decision-to", to = to, sentence = shorten(sentence, 90))
            }
            Candidate::Decision { sentence, escalation: None } => {
                t!("import-candidate-decision", sentence = shorten(sentence, 90))
            }
            Candidate::Escalation { words } => t!("import-candidate-escalation", words = words),
            Candidate::Resolution { words } => t!("import-candidate-resolution", words = words),
            Candidate::MissingImage { words, pictures } if pictures.is_empty() => {
                t!("import-candidate-missing-picture", words = words.join("\", \""))
            }
            Candidate::MissingImage { pictures, .. } => {
                let each: Vec<String> = pictures
                    .iter()
                    .map(|(label, why)| {
                        let label =
                            if label.is_empty() { String::new() } else { format!("\"{}\": ", shorten(label, 60)) };
                        format!("{label}{}", why.describe())
                    })
                    .collect();
                t!("import-candidate-picture-not-imported", reasons = each.join("; "))
            }
            Candidate::ImageAlt { file } => t!("import-candidate-image-alt", file = file),
            Candidate::Unreachable { after } => t!("import-candidate-unreachable", after = after),
            Candidate::DeadEnd => t!("import-candidate-dead-end"),
            Candidate::Unplaced => t!("import-candidate-unplaced"),
            Candidate::Provenance => t!("import-candidate-provenance"),
        }
    }

    /// Whether the command lists it among what to review (the provenance note is not a problem).
    pub fn is_review(&self) -> bool {
        !matches!(self, Candidate::Provenance)
    }
}

/// One step of the skeleton.
#[derive(Clone, Debug)]
pub struct StepDraft {
    pub id: String,
    pub number: Option<String>,
    pub title: Option<String>,
    /// Paragraphs of Markdown.
    pub text: Vec<String>,
    pub note: Vec<String>,
    pub warning: Vec<String>,
    pub kind: StepKind,
    pub next: Option<String>,
    pub candidates: Vec<Candidate>,
    /// The pictures imported, in reading order.
    pub images: Vec<StepImage>,
    image_words: Vec<String>,
    pictures: Vec<Picture>,
    /// The list being written at the end of one of the texts, if any.
    list: Option<ListRun>,
}

/// A picture of a step, written beside the procedure file.
#[derive(Clone, Debug)]
pub struct StepImage {
    /// Relative to the procedure file: `perda-do-backup-a1/passo-2-1-1.png`, in the folder named
    /// as the file, named by the step's ID and the picture's order in the step.
    pub src: String,
    pub alt: Option<String>,
    pub bytes: std::sync::Arc<[u8]>,
}

/// Which text of a step a paragraph goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Text,
    Note,
    Warning,
}

/// The list at the end of a text: which text and paragraph it is, the depth in the source of its
/// first item, and where the content of each open level starts (the indent of its children).
#[derive(Clone, Debug)]
struct ListRun {
    field: Field,
    paragraph: usize,
    base: u8,
    indents: Vec<usize>,
}

impl StepDraft {
    fn new(id: String, number: Option<&Number>, title: Option<String>) -> Self {
        StepDraft {
            id,
            number: number.map(Number::dotted),
            title,
            text: Vec::new(),
            note: Vec::new(),
            warning: Vec::new(),
            kind: StepKind::Action,
            next: None,
            candidates: Vec::new(),
            images: Vec::new(),
            image_words: Vec::new(),
            pictures: Vec::new(),
            list: None,
        }
    }

    fn field(&mut self, field: Field) -> &mut Vec<String> {
        match field {
            Field::Text => &mut self.text,
            Field::Note => &mut self.note,
            Field::Warning => &mut self.warning,
        }
    }

    /// Adds a paragraph to one of the texts. List items one after another make one Markdown
    /// list, nested as the source nested them: depths are counted from the list's first item, and
    /// an item goes at most one level deeper than the one before it.
    fn push(&mut self, field: Field, p: &Para) {
        let BlockKind::Item { depth, number } = p.kind else {
            self.field(field).push(p.body.clone());
            return;
        };
        let at = self.field(field).len();
        let mut run = match self.list.take() {
            Some(run) if run.field == field && run.paragraph + 1 == at => run,
            _ => ListRun { field, paragraph: at, base: depth, indents: Vec::new() },
        };
        let level = usize::from(depth.saturating_sub(run.base)).min(run.indents.len());
        run.indents.truncate(level);
        let indent = run.indents.last().copied().unwrap_or(0);
        let marker = number.map_or_else(|| "-".to_string(), |n| format!("{}.", n.min(MAX_ITEM_NUMBER)));
        let line = format!("{}{marker} {}", " ".repeat(indent), p.body);
        run.indents.push(indent + marker.len() + 1);
        let texts = self.field(field);
        match texts.get_mut(run.paragraph) {
            Some(last) => {
                last.push('\n');
                last.push_str(&line);
            }
            None => texts.push(line),
        }
        self.list = Some(run);
    }

    pub fn is_terminal(&self) -> bool {
        !matches!(self.kind, StepKind::Action)
    }

    /// Every text of the step, for the check that nothing was lost.
    fn texts(&self) -> impl Iterator<Item = &String> {
        self.title.iter().chain(&self.text).chain(&self.note).chain(&self.warning)
    }
}

/// Where the section came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionOrigin {
    /// `--section`.
    Option,
    /// The common beginning of the breadcrumbs the manual cites.
    References,
    /// Nowhere: the file gets `section = ""`, which `sopbook lint` reports.
    Missing,
}

/// The largest number a Markdown list item may start with (CommonMark reads nine digits at most).
const MAX_ITEM_NUMBER: u32 = 999_999_999;

/// A manual turned into a procedure, before it is written.
#[derive(Clone, Debug)]
pub struct Skeleton {
    pub source_name: String,
    /// The procedure file's name without `.toml` (`perda-do-backup-a1`), which its pictures'
    /// folder is named after.
    pub stem: String,
    pub encoding: Option<&'static str>,
    pub title: String,
    /// The title as the manual wrote it, when the section's words were taken off its start.
    pub original_title: Option<String>,
    pub section: Option<String>,
    pub section_origin: SectionOrigin,
    pub summary: Option<String>,
    pub owner: Option<String>,
    pub updated: Option<Date>,
    pub tags: Vec<String>,
    pub steps: Vec<StepDraft>,
    /// Every breadcrumb cited, in order of first appearance.
    pub references: Vec<Breadcrumb>,
    /// Sectors named anywhere in the manual, as hints for escalations that name none.
    pub sectors: Vec<String>,
    /// Promised returns named anywhere in the manual, with their words.
    pub slas: Vec<(String, String)>,
}

impl Skeleton {
    /// `Section > Title`, when the section is known.
    pub fn breadcrumb(&self) -> Option<Breadcrumb> {
        self.section.as_ref().map(|s| Breadcrumb::of_procedure(s, &self.title))
    }

    /// Every picture to write beside the procedure file: its path relative to the file's folder
    /// (`perda-do-backup-a1/passo-2-1-1.png`) and its bytes.
    pub fn pictures(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.steps.iter().flat_map(|s| &s.images).map(|i| (i.src.as_str(), &i.bytes[..]))
    }
}

/// The longest file or folder name made from a title (file systems refuse names past 255
/// bytes, and a manual's first paragraph can be a page long).
pub const MAX_NAME: usize = 80;

/// The file name a procedure of this title gets: its slug, cut at a word boundary to at most
/// [`MAX_NAME`] bytes.
pub fn short_slug(text: &str) -> String {
    let slug = slug(text);
    if slug.len() <= MAX_NAME {
        return slug;
    }
    let cut = cut_bytes(&slug, MAX_NAME);
    cut.rsplit_once('-').map_or(cut, |(head, _)| head).trim_end_matches('-').to_string()
}

fn file_stem(title: &str) -> String {
    let name = short_slug(title);
    if name == "-" { "manual-importado".to_string() } else { name }
}

/// One paragraph as the structure sees it.
struct Para {
    kind: BlockKind,
    number: Option<Number>,
    /// The text after the number, with breadcrumbs written as `[[…]]`.
    body: String,
    images: Vec<Picture>,
}

impl Para {
    fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_) | BlockKind::Title)
    }

    fn is_table(&self) -> bool {
        self.kind == BlockKind::Table
    }

    /// A short line that does not end a sentence: a heading, a header line.
    fn is_short(&self) -> bool {
        if self.is_table() {
            return false;
        }
        let plain = detect::plain(&self.body);
        let plain = plain.trim();
        !plain.is_empty() && !plain.ends_with(['.', '!', '?', ':', ';']) && plain.split_whitespace().count() <= 10
    }
}

pub fn build(source: &Source, options: &Options) -> Result<Skeleton, super::Error> {
    let roots: Vec<String> =
        options.section.iter().filter_map(|s| s.split('>').next()).map(|s| s.trim().to_string()).collect();
    let paras: Vec<Para> = source
        .blocks
        .iter()
        .map(|block| {
            let number = if block.kind == BlockKind::Table { None } else { detect::number(&block.text) };
            let body = number.as_ref().map_or(block.text.as_str(), |n| n.rest.as_str());
            let (body, _) = detect::link_breadcrumbs(body, &roots);
            Para { kind: block.kind, number, body, images: block.images.clone() }
        })
        .collect();
    let Some(first_text) = paras.iter().position(|p| !p.body.trim().is_empty()) else {
        return Err(super::Error::NoText);
    };

    // The title: the paragraph styled as the title or as a first-level heading near the top,
    // else the first paragraph.
    let near_top =
        |kind: BlockKind| paras.iter().take(first_text + 6).position(|p| p.kind == kind && !p.body.is_empty());
    let title_index = near_top(BlockKind::Title).or_else(|| near_top(BlockKind::Heading(1))).unwrap_or(first_text);
    let title_line = detect::plain(&paras[title_index].body).trim().to_string();

    // The closing place and date: the last paragraph that is one.
    let closing = paras.iter().rposition(|p| p.number.is_none() && detect::closing(&p.body).is_some());
    let updated = closing.and_then(|i| detect::closing(&paras[i].body));

    // Where the procedure begins: the first numbered paragraph, or the first heading that is not
    // the introduction's or part of the header.
    let end = closing.unwrap_or(paras.len());
    let body_start = (title_index + 1..end).find(|&i| {
        let p = &paras[i];
        p.number.is_some()
            || (p.is_heading()
                && !detect::is_intro_heading(&p.body)
                && !detect::is_document_kind(&p.body)
                && detect::owner(&p.body).is_none())
    });

    // The header (short lines before the introduction) and the introduction.
    let mut header: Vec<String> = Vec::new();
    let mut owner = None;
    let mut intro: Vec<usize> = Vec::new();
    let mut in_intro = false;
    let front = (0..title_index).chain(title_index + 1..body_start.unwrap_or(end));
    for i in front {
        let p = &paras[i];
        if p.body.trim().is_empty() {
            continue;
        }
        if detect::is_intro_heading(&p.body) {
            in_intro = true;
            continue;
        }
        if !in_intro && p.is_short() && p.images.is_empty() {
            if owner.is_none() {
                owner = detect::owner(&p.body);
            }
            header.push(detect::plain(&p.body).trim().to_string());
        } else {
            in_intro = true;
            intro.push(i);
        }
    }
    // Without numbered sections or headings, the first paragraph is the summary and every other
    // one a step.
    let body_start = match body_start {
        Some(start) => start,
        None => {
            let rest = intro.split_off(intro.len().min(1));
            rest.first().copied().unwrap_or(end)
        }
    };
    // Labelled paragraphs of the introduction are call-outs of the first step, not the summary.
    // So are its tables, which a one-paragraph summary cannot hold.
    let (intro_callouts, intro_text): (Vec<usize>, Vec<usize>) =
        intro.into_iter().partition(|&i| paras[i].is_table() || detect::label(&paras[i].body).is_some());
    let summary = (!intro_text.is_empty())
        .then(|| intro_text.iter().map(|&i| paras[i].body.as_str()).collect::<Vec<_>>().join(" "));

    let mut builder =
        Builder { last_numbered: paras[..end].iter().rposition(|p| p.number.is_some()), ..Builder::default() };
    for &i in &intro_callouts {
        builder.paragraph(&paras, i);
    }
    for i in body_start..end {
        if i == title_index || detect::is_intro_heading(&paras[i].body) && paras[i].is_heading() {
            continue;
        }
        builder.paragraph(&paras, i);
    }
    // What follows the closing date (a signature, a revision table) stays with the last step.
    let trailing: Vec<usize> = (end + 1..paras.len()).filter(|&i| !paras[i].body.trim().is_empty()).collect();
    for &i in &trailing {
        let step = builder.current();
        step.note.push(paras[i].body.clone());
    }
    builder.flush_titles();
    builder.last_step_escalates();
    let Builder { mut steps, placed, .. } = builder;
    if steps.is_empty() {
        steps.push(StepDraft::new("passo-1".into(), None, Some(title_line.clone())));
    }

    // The section, and the title without the section's words at its start.
    let mut references: Vec<Breadcrumb> = Vec::new();
    let mut seen: HashSet<Breadcrumb> = HashSet::new();
    let mut push_references = |text: &str| {
        for target in crate::model::references(text).into_iter().filter_map(|r| r.target) {
            if seen.insert(target.clone()) {
                references.push(target);
            }
        }
    };
    if let Some(summary) = &summary {
        push_references(summary);
    }
    for step in &steps {
        for text in step.texts() {
            push_references(text);
        }
    }
    let (section, section_origin) = match &options.section {
        Some(section) => (Some(Breadcrumb::parse(section).to_string()), SectionOrigin::Option),
        None => match common_section(&references) {
            Some(section) => (Some(section), SectionOrigin::References),
            None => (None, SectionOrigin::Missing),
        },
    };
    let title = section.as_deref().and_then(|s| strip_section(&title_line, s)).unwrap_or_else(|| title_line.clone());
    let original_title = (title != title_line).then(|| title_line.clone());
    let tags = section
        .as_deref()
        .map(|s| Breadcrumb::parse(s).segments().map(slug).filter(|t| t != "-").collect())
        .unwrap_or_default();

    // Chain, and say what the editor must look at.
    let stem = file_stem(&title);
    finish_steps(&mut steps, &stem);

    // The header and the closing, word for word, in a note on the first step.
    let mut kept: Vec<String> = vec![title_line.clone()];
    kept.extend(header.iter().cloned());
    if let Some(i) = closing {
        kept.push(detect::plain(&paras[i].body).trim().to_string());
    }
    if kept.len() > 1 || original_title.is_some() {
        let mut line = format!("Manual original: {}", kept.join("; "));
        if !line.ends_with(['.', '!', '?']) {
            line.push('.');
        }
        steps[0].note.push(line);
        steps[0].candidates.push(Candidate::Provenance);
    }

    let mut skeleton = Skeleton {
        source_name: source.name.clone(),
        stem,
        encoding: source.encoding,
        title,
        original_title,
        section,
        section_origin,
        summary,
        owner,
        updated,
        tags,
        steps,
        references,
        sectors: Vec::new(),
        slas: Vec::new(),
    };
    hints(&mut skeleton, &paras);
    // Each paragraph's step: where the builder put it; the header and introduction belong to
    // the first step, what follows the closing to the last.
    let last = skeleton.steps.len() - 1;
    let mut placed_in: Vec<Option<usize>> = vec![None; paras.len()];
    for &(p, step) in &placed {
        placed_in[p].get_or_insert(step);
    }
    let step_of = |i: usize| match placed_in[i] {
        Some(step) => step.min(last),
        None if i < body_start => 0,
        None => last,
    };
    keep_every_sentence(&mut skeleton, &paras, step_of);
    Ok(skeleton)
}

/// Builds the steps paragraph by paragraph.
#[derive(Default)]
struct Builder {
    steps: Vec<StepDraft>,
    /// Headings waiting for the step they title.
    titles: Vec<String>,
    /// The latest heading, whose words may name the sector of an escalation under it.
    heading: Option<String>,
    /// A label that stood alone ("Observações:"): the next paragraph is its text, and so are
    /// the bullets that follow (`true` once the first paragraph is in).
    callout: Option<(Callout, bool)>,
    /// Pictures that came before any step.
    pictures: Vec<Picture>,
    used: HashSet<String>,
    /// For each base of an ID, the next number to try after it (`chamado-7`).
    next_suffix: HashMap<String, usize>,
    last_numbered: Option<usize>,
    /// For each paragraph, the step it went to (for the check that nothing is lost).
    placed: Vec<(usize, usize)>,
}

impl Builder {
    /// `base`, else `base-2`, `base-3`…: the first one not used yet. Each base remembers where
    /// it stopped, so a thousand "chamado" steps do not try a thousand numbers each.
    fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next_suffix.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }

    fn start_step(&mut self, number: Option<&Number>, base: Option<&str>) -> &mut StepDraft {
        let base = match (number, base) {
            (Some(n), _) => format!("passo-{}", n.id()),
            (None, Some(base)) => base.to_string(),
            (None, None) => format!("passo-{}", self.steps.len() + 1),
        };
        let id = self.unique(&base);
        let title = (!self.titles.is_empty()).then(|| self.titles.drain(..).collect::<Vec<_>>().join(" — "));
        let mut step = StepDraft::new(id, number, title);
        step.pictures.append(&mut self.pictures);
        self.steps.push(step);
        self.steps.last_mut().expect("just pushed")
    }

    fn current(&mut self) -> &mut StepDraft {
        if self.steps.is_empty() {
            self.start_step(None, None);
        }
        self.steps.last_mut().expect("at least one step")
    }

    /// Headings left with no step after them become the note of the last step.
    fn flush_titles(&mut self) {
        if self.titles.is_empty() {
            return;
        }
        let titles: Vec<String> = self.titles.drain(..).collect();
        let step = self.current();
        step.note.extend(titles);
    }

    fn paragraph(&mut self, paras: &[Para], i: usize) {
        let p = &paras[i];
        if p.body.trim().is_empty() {
            if !p.images.is_empty() {
                match self.steps.last_mut() {
                    Some(step) => step.pictures.extend(p.images.iter().cloned()),
                    None => self.pictures.extend(p.images.iter().cloned()),
                }
            }
            return;
        }
        if let Some(number) = &p.number {
            // A numbered heading: a heading in the source, or a short line whose next numbered
            // paragraph is one of its sub-steps ("1. Gerando novo arquivo" before "1.1 - …").
            let next_number = paras[i + 1..].iter().find_map(|q| q.number.as_ref());
            let is_heading = p.is_heading() || (p.is_short() && next_number.is_some_and(|n| number.is_parent_of(n)));
            self.callout = None;
            if is_heading {
                self.titles.push(p.body.clone());
                self.heading = Some(p.body.clone());
                self.pictures.extend(p.images.iter().cloned());
                return;
            }
            let step = self.start_step(Some(number), None);
            step.text.push(p.body.clone());
            self.attach(p, i);
            return;
        }
        if p.is_heading() {
            self.callout = None;
            self.titles.push(p.body.clone());
            self.heading = Some(p.body.clone());
            self.pictures.extend(p.images.iter().cloned());
            return;
        }
        // After a label that stood alone ("Observação"), its paragraph and the list after it.
        if let Some((callout, started)) = self.callout.take()
            && (!started || p.kind.is_item())
        {
            let field = match callout {
                Callout::Note => Field::Note,
                Callout::Warning => Field::Warning,
            };
            self.current().push(field, p);
            self.callout = Some((callout, true));
            self.attach(p, i);
            return;
        }
        // A table is text of the step it is in, whatever its cells say.
        let plain = !p.is_table();
        if plain && let Some((callout, rest)) = detect::label(&p.body) {
            if rest.is_empty() {
                self.callout = Some((callout, false));
            } else {
                let step = self.current();
                match callout {
                    Callout::Note => step.note.push(rest),
                    Callout::Warning => step.warning.push(rest),
                }
            }
            self.attach(p, i);
            return;
        }
        let after_last_number = self.last_numbered.is_none_or(|last| i > last);
        if plain && let Some(words) = detect::escalation(&p.body) {
            let base = escalation_id(&p.body);
            let kind = self.escalation(&p.body);
            let step = self.start_step(None, Some(base));
            step.kind = kind;
            step.text.push(p.body.clone());
            step.candidates.push(Candidate::Escalation { words });
            self.attach(p, i);
            return;
        }
        if plain && after_last_number && !self.steps.is_empty() && detect::resolution(&p.body) {
            let step = self.start_step(None, Some("resolvido"));
            step.kind = StepKind::Resolution;
            step.text.push(p.body.clone());
            let words = detect::plain(&p.body).split(['!', '.', ',']).next().unwrap_or_default().trim().to_string();
            step.candidates.push(Candidate::Resolution { words });
            self.attach(p, i);
            return;
        }
        let new_step = !self.titles.is_empty() || self.steps.is_empty() || self.last_numbered.is_none();
        let follows = p.kind.is_item() || p.is_table();
        let new_step = new_step && !(follows && !self.steps.is_empty() && self.titles.is_empty());
        let step = if new_step { self.start_step(None, None) } else { self.current() };
        step.push(Field::Text, p);
        self.attach(p, i);
    }

    /// An escalation: the sector the paragraph names, else the one its section's heading names
    /// ("Chamado para o Relacionamento"), and the time it promises.
    fn escalation(&self, text: &str) -> StepKind {
        let mut to = detect::sector(text);
        let mut to_from_heading = None;
        if to.is_none()
            && let Some(heading) = &self.heading
            && let Some(sector) = detect::sector(heading)
        {
            to = Some(sector);
            to_from_heading = Some(heading.clone());
        }
        let (sla, sla_words) = detect::sla(text).map_or((None, None), |(s, w)| (Some(s), Some(w)));
        StepKind::Escalation { to, to_from_heading, sla, sla_words }
    }

    /// The manual's last numbered step hands the case over ("3. Encaminhe o chamado ao
    /// Financeiro."): it is the escalation that ends the procedure.
    fn last_step_escalates(&mut self) {
        let Some(step) = self.steps.last() else { return };
        if step.is_terminal() || step.number.is_none() || self.callout.is_some() {
            return;
        }
        let Some(text) = step.text.first().cloned() else { return };
        let Some(words) = detect::escalation(&text) else { return };
        let kind = self.escalation(&text);
        let step = self.steps.last_mut().expect("checked above");
        step.kind = kind;
        step.candidates.push(Candidate::Escalation { words });
    }

    /// Records the paragraph's pictures and picture references on the current step.
    fn attach(&mut self, p: &Para, i: usize) {
        let index = self.steps.len().saturating_sub(1);
        self.placed.push((i, index));
        let step = self.current();
        if let Some(words) = detect::image_reference(&p.body) {
            step.image_words.push(words);
        }
        step.pictures.extend(p.images.iter().cloned());
    }
}

/// `chamado` when the paragraph speaks of a ticket, else `escalonamento`.
fn escalation_id(text: &str) -> &'static str {
    if fold(text).contains("chamado") { "chamado" } else { "escalonamento" }
}

/// Chains the steps, and records the candidates that only the whole graph shows. The pictures
/// of each step are named, in the folder `stem`, after it: `stem/passo-2-1-1.png`.
fn finish_steps(steps: &mut [StepDraft], stem: &str) {
    let count = steps.len();
    for i in 0..count {
        // The pictures that came along, and notes for those that did not.
        let step = &mut steps[i];
        let mut skipped: Vec<(String, Skip)> = Vec::new();
        for picture in std::mem::take(&mut step.pictures) {
            match picture.data {
                Data::Image { kind, bytes } => {
                    let file = format!("{}-{}.{}", step.id, step.images.len() + 1, kind.extension());
                    if picture.alt.is_none() {
                        step.candidates.push(Candidate::ImageAlt { file: file.clone() });
                    }
                    step.images.push(StepImage { src: format!("{stem}/{file}"), alt: picture.alt, bytes });
                }
                Data::Skipped(why) => skipped.push((picture_label(&picture.alt, &picture.origin), why)),
                Data::Pending(_) => skipped.push((picture_label(&picture.alt, &picture.origin), Skip::Missing)),
            }
        }
        // Words that point at a picture are answered by any picture the step brought along.
        let words = if step.images.is_empty() { step.image_words.clone() } else { Vec::new() };
        if !words.is_empty() || !skipped.is_empty() {
            step.note.push(picture_note(&words, &skipped));
            step.candidates.push(Candidate::MissingImage { words, pictures: skipped });
        }
        if i > 0 && steps[i - 1].is_terminal() {
            let after = steps[i - 1].id.clone();
            steps[i].candidates.push(Candidate::Unreachable { after });
        }
        if steps[i].is_terminal() {
            continue;
        }
        match steps.get(i + 1).map(|s| s.id.clone()) {
            Some(next) => steps[i].next = Some(next),
            None => steps[i].candidates.push(Candidate::DeadEnd),
        }
        // Decisions written as prose: in the step itself, and an escalation that follows it on
        // a condition ("Nos casos em que não foi possível…, abrir um chamado").
        let mut decisions: Vec<Candidate> = Vec::new();
        for text in steps[i].text.iter().chain(&steps[i].note).chain(&steps[i].warning) {
            for sentence in sentences::split(&detect::plain(text)) {
                if detect::condition(&sentence) {
                    decisions.push(Candidate::Decision { sentence, escalation: None });
                }
            }
        }
        if let Some(next) = steps.get(i + 1)
            && matches!(next.kind, StepKind::Escalation { .. })
            && let Some(first) = next.text.first().and_then(|t| sentences::split(&detect::plain(t)).into_iter().next())
            && detect::condition(&first)
        {
            let escalation = Some(next.id.clone());
            decisions.push(Candidate::Decision { sentence: first, escalation });
        }
        steps[i].candidates.extend(decisions);
    }
}

/// What a note says of a picture: its description and where it came from, as Markdown text.
fn picture_label(alt: &Option<String>, origin: &str) -> String {
    Picture::new(alt.as_deref(), origin.to_string(), Data::Skipped(Skip::Missing)).label()
}

fn picture_note(words: &[String], pictures: &[(String, Skip)]) -> String {
    let quoted = |list: &[String]| list.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(", ");
    if pictures.is_empty() {
        return format!(
            "Imagem ausente: o texto cita uma imagem ({}) que não veio com o manual importado. Acrescente-a em `image` ou reescreva o texto sem ela.",
            quoted(words)
        );
    }
    let what = if pictures.len() == 1 { "uma imagem".to_string() } else { format!("{} imagens", pictures.len()) };
    let each: Vec<String> = pictures
        .iter()
        .map(|(label, why)| match label.trim() {
            "" => why.motivo(),
            label => format!("“{label}”: {}", why.motivo()),
        })
        .collect();
    let it = if pictures.len() == 1 { "Salve-a" } else { "Salve-as" };
    format!(
        "Imagem ausente: o manual original tinha {what} neste passo que o sopbook import não trouxe ({}). {it} ao lado deste arquivo e acrescente-a em `image`.",
        each.join("; ")
    )
}

/// The section the cited breadcrumbs share: their common first segments, never a whole
/// breadcrumb ("A > B > C" and "A > B > D" → "A > B"; only "A > B > C" → "A > B").
fn common_section(references: &[Breadcrumb]) -> Option<String> {
    let lists: Vec<Vec<&str>> = references.iter().map(|r| r.segments().collect()).collect();
    let shortest = lists.iter().map(Vec::len).min()?;
    let mut length = 0;
    while length + 1 < shortest && lists.iter().all(|l| l[length] == lists[0][length]) {
        length += 1;
    }
    (length > 0).then(|| lists[0][..length].join(" > "))
}

/// "Certificado Digital Perda do Backup A1" in "Certificado Digital > A1" → "Perda do Backup A1":
/// the section's first segments, repeated at the start of the title, come off.
fn strip_section(title: &str, section: &str) -> Option<String> {
    let segments: Vec<&str> = section.split('>').map(str::trim).collect();
    for count in (1..=segments.len()).rev() {
        for joiner in [" > ", " ", " - ", " – "] {
            let prefix = segments[..count].join(joiner);
            let Some(head) = title.get(..prefix.len()) else { continue };
            if !head.eq_ignore_ascii_case(&prefix) && head.to_lowercase() != prefix.to_lowercase() {
                continue;
            }
            let rest = &title[prefix.len()..];
            if !rest.starts_with([' ', '-', '–', '—', ':', '>', '|']) {
                continue;
            }
            let rest = rest.trim_start_matches([' ', '-', '–', '—', ':', '>', '|']).trim();
            if !rest.is_empty() {
                return Some(rest.to_string());
            }
        }
    }
    None
}

/// Sectors and promised returns named anywhere in the manual.
fn hints(skeleton: &mut Skeleton, paras: &[Para]) {
    let mut sectors: HashSet<String> = skeleton.sectors.iter().cloned().collect();
    let mut slas: HashSet<String> = skeleton.slas.iter().map(|(s, _)| s.clone()).collect();
    for p in paras {
        if let Some(sector) = detect::sector(&p.body)
            && (detect::escalation(&p.body).is_some()
                || p.is_heading()
                || p.number.is_some()
                || p.body.contains("chamado"))
            && sectors.insert(sector.clone())
        {
            skeleton.sectors.push(sector);
        }
        let folded = fold(&p.body);
        let promises = ["retorn", "prazo", "sla", "resposta"].iter().any(|w| folded.contains(w));
        if let Some(sla) = detect::sla(&p.body)
            && (promises || detect::escalation(&p.body).is_some())
            && slas.insert(sla.0.clone())
        {
            skeleton.slas.push(sla);
        }
    }
}

/// The guarantee: every sentence of every paragraph is in the skeleton's texts. A sentence that
/// is not (nothing known loses one, but the recognisers are heuristics) goes into a note on the
/// step its paragraph went to.
///
/// A sentence is looked up first among the sentences of the skeleton's texts (a set), and only
/// when it is not one of them (the structure rewrote it: a title without its section, headings
/// joined into one step title) in a suffix table of all the texts: each look-up takes time in
/// the sentence's length, never in the manual's.
fn keep_every_sentence(skeleton: &mut Skeleton, paras: &[Para], step_of: impl Fn(usize) -> usize) {
    let mut output = String::new();
    let mut exact: HashSet<String> = HashSet::new();
    let texts = [Some(&skeleton.title), skeleton.summary.as_ref(), skeleton.owner.as_ref()].into_iter().flatten();
    for text in texts.chain(skeleton.steps.iter().flat_map(StepDraft::texts)) {
        output.push_str(text);
        output.push('\n');
        exact.extend(sentences::split(&sentences::normalise(text)));
    }
    let output = sentences::normalise(&output);
    let mut table: Option<SuffixTable> = None;
    let mut kept = |sentence: &str| {
        exact.contains(sentence) || table.get_or_insert_with(|| SuffixTable::new(output.as_str())).contains(sentence)
    };
    let mut missing: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut reported: HashSet<String> = HashSet::new();
    for (i, p) in paras.iter().enumerate() {
        let content = match detect::label(&p.body) {
            Some((_, rest)) if p.number.is_none() => rest,
            _ => p.body.clone(),
        };
        if detect::is_intro_heading(&content) && (p.is_heading() || p.is_short()) {
            continue;
        }
        for sentence in sentences::split(&sentences::normalise(&content)) {
            if reported.contains(&sentence) || kept(&sentence) {
                continue;
            }
            reported.insert(sentence.clone());
            missing.entry(step_of(i)).or_default().push(sentence);
        }
    }
    for (step, sentences) in missing {
        let step = &mut skeleton.steps[step];
        step.note
            .push(format!("Texto do manual original que o importador não soube posicionar: {}", sentences.join(" ")));
        step.candidates.push(Candidate::Unplaced);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_from_references() {
        let refs = |list: &[&str]| list.iter().map(|r| Breadcrumb::parse(r)).collect::<Vec<_>>();
        assert_eq!(
            common_section(&refs(&["Certificado Digital > A1 > Exportar", "Certificado Digital > A1 > Debug"])),
            Some("Certificado Digital > A1".into())
        );
        assert_eq!(common_section(&refs(&["A > B > C"])), Some("A > B".into()));
        assert_eq!(common_section(&refs(&["A > B", "A > B > C"])), Some("A".into()));
        assert_eq!(common_section(&refs(&["A > B", "C > D"])), None);
        assert_eq!(common_section(&refs(&["Debug"])), None);
    }

    #[test]
    fn lists_nest_from_their_first_item_and_tables_stay_whole() {
        use crate::import::{Block, Format};
        let item = |depth, number, text: &str| Block::new(BlockKind::Item { depth, number }, text);
        let source = Source {
            name: "m.docx".into(),
            format: Format::Docx,
            encoding: None,
            blocks: vec![
                Block::new(BlockKind::Title, "Manual"),
                Block::paragraph("1. Primeiro passo"),
                Block::paragraph("Siga:"),
                item(2, None, "a"),
                // Deeper by three: one level under the item before it.
                item(5, None, "b"),
                item(3, Some(7), "c"),
                item(4, None, "d"),
                // Shallower than the list's first item: its first level.
                item(1, None, "e"),
                Block::new(BlockKind::Table, "| Abrir chamado | Observação: |\n| --- | --- |\n| 1 | 2 |"),
                Block::paragraph("Observação:"),
                item(0, None, "nota 1"),
                item(1, None, "nota 2"),
                Block::paragraph("2. Segundo passo"),
            ],
        };
        let skeleton = build(&source, &Options::default()).unwrap();
        let ids: Vec<&str> = skeleton.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["passo-1", "passo-2"], "a table that says \"Abrir chamado\" is no escalation");
        let first = &skeleton.steps[0];
        assert_eq!(
            first.text,
            [
                "Primeiro passo",
                "Siga:",
                "- a\n  - b\n  7. c\n     - d\n- e",
                "| Abrir chamado | Observação: |\n| --- | --- |\n| 1 | 2 |"
            ]
        );
        assert_eq!(first.note, ["- nota 1\n  - nota 2"]);
        assert_eq!(skeleton.stem, "manual");
    }

    #[test]
    fn the_title_loses_the_section_it_repeats() {
        let strip = |t: &str, s: &str| strip_section(t, s);
        assert_eq!(
            strip("Certificado Digital Perda do Backup A1", "Certificado Digital > A1").as_deref(),
            Some("Perda do Backup A1")
        );
        assert_eq!(
            strip("Certificado Digital - A1 - Instalação", "Certificado Digital > A1").as_deref(),
            Some("Instalação")
        );
        assert_eq!(strip("Perda do Backup", "Certificado Digital > A1"), None);
        assert_eq!(strip("Certificado Digital", "Certificado Digital"), None);
    }
}
