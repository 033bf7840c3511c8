//! The site: every page rendered from the theme's templates, in parallel, then written
//! atomically. Everything shared (link table, templates, strings, section tree) is built once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tera::{Context, Tera, Value};

use super::book::{self, Chapter};
use super::checklist_books::{self as books, Books};
use super::error::{Error, Result};
use super::lang::Strings;
use super::links::{self, LinkTable};
use super::lists::Lists;
use super::markdown;
use super::media::Media;
use super::output::{InPlace, Sink, Staging, Written};
use super::search::{self, SearchChapter, SearchProcedure, SearchStep};
use super::templates::{render_string, templates};
use super::theme::Theme;
use super::views::{self, Backlink, Card, ProcedureView, ViewBuilder};
use crate::flowchart::{self, Chart};
use crate::lint::{Outcome, Severity};
use crate::load::KnowledgeBase;
use crate::model::{Date, Reference, references};
use crate::t;
use crate::text::{css_string, escape_html};
use crate::timeline::Timeline;

pub struct Options {
    /// Where the site goes.
    pub out: PathBuf,
    pub today: Date,
    /// Show a progress bar on standard error (only drawn on a terminal).
    pub progress: bool,
    /// The git history of the procedures, when there is one.
    pub history: Option<Arc<Timeline>>,
}

/// The scripts' interface strings, one file for every page (they were 2.3 KB of JSON in each).
const STRINGS_SCRIPT: &str = "assets/sopbook-strings.js";

/// `STRINGS_SCRIPT`: the strings as a JavaScript object. The JSON escapes `<`, `>`, `&` and the
/// line separators, so it is also a valid script whatever the theme's strings say.
fn strings_script(t: &Strings) -> Vec<u8> {
    format!("window.sopbookStrings = {};\n", crate::text::json_for_html(&t.js)).into_bytes()
}

/// Builds below this many procedures take a moment: no bar.
const PROGRESS_FROM: usize = 500;

/// What a build did, for the summary line and `--verbose`.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// Each phase: its id (`prepare`, `procedures`, `lists`, `write-rest`, `swap`; the command line
    /// names it from the catalogue), how long it took, and the peak memory of the process so far.
    pub timings: Vec<(&'static str, Duration, Option<u64>)>,
}

/// The most memory the process has held so far (resident set), in bytes, where the system
/// tells (Linux's `VmHWM`).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Builds the site of `kb` into `options.out`, atomically.
pub fn build(kb: &KnowledgeBase, outcome: &Outcome, options: &Options) -> Result<Report> {
    Live::build_keeping(kb, outcome, options, false).map(|(_, report)| report)
}

/// How many procedures are rendered between two appends to `checklists.html`: their
/// checklists' bodies are all that is held in memory of that page.
const CHUNK: usize = 256;

/// A built site that `serve` keeps up to date: what its pages share, every checklist's body (for
/// `checklists.html`) and every procedure's searchable text, so that an edit re-renders only
/// the pages it touches.
pub struct Live {
    shared: Shared,
    media: Media,
    out: PathBuf,
    bodies: Vec<String>,
    plain: Vec<Plain>,
    /// One thread for what follows the pages an edit touches (lists, search index).
    background: rayon::ThreadPool,
}

impl Live {
    /// Builds the whole site into `options.out`, atomically.
    pub fn build(kb: &KnowledgeBase, outcome: &Outcome, options: &Options) -> Result<(Live, Report)> {
        Live::build_keeping(kb, outcome, options, true)
    }

    /// [`Live::build`]; without `keep`, what only updates need (checklist bodies, search texts) is
    /// dropped as soon as written.
    fn build_keeping(kb: &KnowledgeBase, outcome: &Outcome, options: &Options, keep: bool) -> Result<(Live, Report)> {
        let mut report = Report::default();
        let mut clock = Instant::now();
        let mut lap = |report: &mut Report, name: &'static str| {
            report.timings.push((name, clock.elapsed(), peak_memory()));
            clock = Instant::now();
        };
        let shared = Shared::new(kb, outcome, options.today, options.history.clone())?;
        let mut media = Media::new(kb)?;
        media.set_book(&shared.chapters)?;
        let site = Site { kb, s: &shared, media: &media };
        lap(&mut report, "prepare");

        super::output::check_output(&options.out, &kb.root)?;
        let staging = Staging::new(&options.out)?;
        let written = (|| -> Result<(Vec<String>, Vec<Plain>)> {
            let bar = progress_bar(options.progress, kb.procedures.len());
            let (pages, kept, index) = site.pages_and_books(&staging, &bar, keep)?;
            report.add(pages);
            bar.finish_and_clear();
            lap(&mut report, "procedures");
            // The lists and the search index are independent: one on each thread.
            let (lists, (index, plain)) = rayon::join(
                || -> Result<Written> {
                    let (mut written, _) = site.lists().list_pages(&staging)?;
                    let images = media.book_urls();
                    for (path, bytes) in
                        book::render(&shared.tera, &shared.chapters, &shared.links, &shared.t, &images)?
                    {
                        staging.write(&path, &bytes)?;
                        written = written.sum(Written::of(&path, &bytes));
                    }
                    Ok(written)
                },
                || match index {
                    // Built with the pages, from the texts their views had already made plain.
                    Some(builder) => (site.finish_index(builder), Vec::new()),
                    None => {
                        let plain: Vec<Plain> = kb.procedures.par_iter().map(Plain::of).collect();
                        (site.search_index(Some(plain.as_slice())), plain)
                    }
                },
            );
            report.add(lists?);
            let mut files = index;
            lap(&mut report, "lists");
            for (name, bytes) in shared.theme.statics() {
                files.push((format!("assets/{name}"), bytes.to_vec()));
            }
            files.push((STRINGS_SCRIPT.to_string(), strings_script(&shared.t)));
            files.par_iter().try_for_each(|(path, bytes)| staging.write(path, bytes))?;
            for (path, bytes) in &files {
                report.add(Written::of(path, bytes));
            }
            media.publish(&staging)?;
            staging.mark()?;
            lap(&mut report, "write-rest");
            Ok((kept, plain))
        })();
        let (bodies, plain) = match written {
            Ok(kept) => {
                staging.commit()?;
                kept
            }
            Err(error) => {
                staging.discard();
                return Err(error);
            }
        };
        lap(&mut report, "swap");
        let background = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map_err(|e| Error::Invalid { context: t!("render-no-thread"), source: Box::new(e) })?;
        Ok((Live { shared, media, out: options.out.clone(), bodies, plain, background }, report))
    }

    /// Updates the site after edits to the procedures at `changed` (indices into
    /// `kb.procedures`, already reloaded): first their own pages and those whose backlinks or
    /// links they touch, reported to `pages_done` with their URLs so open pages can reload at
    /// once; then the pages that list every procedure, whose URLs are returned.
    ///
    /// `relinked`: a changed procedure has a new breadcrumb or new step IDs, so links to it
    /// change everywhere and everything shared is recomputed.
    /// Takes the history read again after an edit; the pages pick it up as they are rendered.
    pub fn set_history(&mut self, kb: &KnowledgeBase, history: Option<Arc<Timeline>>) {
        let t = &self.shared.t;
        let cards = (0..kb.procedures.len()).into_par_iter().map(|i| card(kb, i, history.as_deref(), t)).collect();
        self.shared.cards = cards;
        self.shared.history = history;
    }

    pub fn update(
        &mut self,
        kb: &KnowledgeBase,
        outcome: &Outcome,
        changed: &[usize],
        relinked: bool,
        pages_done: impl FnOnce(Vec<String>),
    ) -> Result<Vec<String>> {
        let mut pages: Vec<usize> = changed.to_vec();
        for &i in changed {
            pages.extend(self.shared.outgoing[i].iter().map(|(target, _)| *target));
        }
        if relinked || self.shared.today != crate::load::today() {
            pages.extend(linking_to(&self.shared.outgoing, changed));
            self.shared = Shared::new(kb, outcome, crate::load::today(), self.shared.history.clone())?;
            pages.extend(linking_to(&self.shared.outgoing, changed));
        } else {
            self.shared.refresh(kb, outcome, changed);
        }
        for &i in changed {
            pages.extend(self.shared.outgoing[i].iter().map(|(target, _)| *target));
            self.plain[i] = Plain::of(&kb.procedures[i]);
        }
        pages.sort_unstable();
        pages.dedup();

        // The images first, so that a page that reloads finds them.
        self.media.refresh(kb, changed)?;
        let live = InPlace(self.out.clone());
        self.media.publish(&live)?;
        live.prune_media(&self.media.names())?;
        let site = Site { kb, s: &self.shared, media: &self.media };
        let (_, bodies, _) = site.procedure_pages(&live, &ProgressBar::hidden(), &pages, false)?;
        for (&i, body) in pages.iter().zip(bodies) {
            self.bodies[i] = body;
        }
        let mut touched: Vec<usize> = pages.iter().map(|&i| self.shared.books.book_of(i)).collect();
        touched.sort_unstable();
        touched.dedup();
        let book_urls = touched.iter().map(|&b| links::href(&books::book_path(&self.shared.books.books[b].folder)));
        let mut urls: Vec<String> =
            pages.iter().map(|&i| links::procedure_url(&kb.procedures[i].slug)).chain(book_urls).collect();
        pages_done(std::mem::take(&mut urls));

        // The open pages reload now: the rest runs on one thread, leaving the other cores to the
        // browser and the server.
        self.background.install(|| {
            let of = |b: usize| -> Vec<String> {
                self.shared.books.books[b].members.iter().map(|&i| self.bodies[i].clone()).collect()
            };
            for &b in touched.iter().filter(|&&b| !self.shared.books.books[b].folder.is_empty()) {
                site.checklist_book(&live, b, &of(b))?;
            }
            site.checklist_index(&live, &self.shared.books.root().map(of).unwrap_or_default())?;
            urls.push(books::INDEX.to_string());
            urls.extend(site.lists().list_pages(&live)?.1);
            for (path, bytes) in site.search_index(Some(&self.plain)) {
                live.write(&path, &bytes)?;
                urls.push(path);
            }
            Ok(urls)
        })
    }
}

impl Live {
    /// Updates the handbook after edits to its chapters: their pages and the search index. `None`
    /// when the chapters are not the same pages as before (one added, removed or reordered): the
    /// navigation of every page changes, a full build is needed.
    pub fn update_book(&mut self, kb: &KnowledgeBase) -> Result<Option<Vec<String>>> {
        let chapters = book::load(&kb.root)?;
        let urls = |chapters: &[Chapter]| chapters.iter().map(|c| c.url.clone()).collect::<Vec<_>>();
        if urls(&chapters) != urls(&self.shared.chapters) {
            return Ok(None);
        }
        self.shared.chapters = chapters;
        let shared = &self.shared;
        let live = InPlace(self.out.clone());
        let mut written = Vec::new();
        self.media.set_book(&shared.chapters)?;
        self.media.publish(&live)?;
        let images = self.media.book_urls();
        for (path, bytes) in book::render(&shared.tera, &shared.chapters, &shared.links, &shared.t, &images)? {
            live.write(&path, &bytes)?;
            written.push(path);
        }
        let site = Site { kb, s: shared, media: &self.media };
        for (path, bytes) in site.search_index(Some(&self.plain)) {
            live.write(&path, &bytes)?;
            written.push(path);
        }
        Ok(Some(written))
    }
}

/// The procedures whose backlinks, per `outgoing`, point at one of `targets`.
fn linking_to<'a>(outgoing: &'a [Vec<(usize, Backlink)>], targets: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    outgoing
        .iter()
        .enumerate()
        .filter(|(_, out)| out.iter().any(|(t, _)| targets.contains(t)))
        .map(|(source, _)| source)
}

/// A bar over the procedure pages, on a terminal, for builds big enough to take a while.
fn progress_bar(wanted: bool, total: usize) -> ProgressBar {
    if !wanted || total < PROGRESS_FROM {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let template = format!("{{spinner}} {{wide_bar}} {{pos}}/{{len}} {} ({{eta}})", t!("render-progress-procedures"));
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

impl Report {
    fn add(&mut self, written: Written) {
        self.pages += written.pages;
        self.files += written.files;
        self.bytes += written.bytes;
    }
}

/// What every page shares, built once per build (and kept by `serve` between edits).
pub(super) struct Shared {
    theme: Theme,
    t: Strings,
    links: Arc<LinkTable>,
    chapters: Vec<Chapter>,
    tera: Tera,
    today: Date,
    /// For each procedure, the backlinks it gives the procedures it references.
    outgoing: Vec<Vec<(usize, Backlink)>>,
    /// For each procedure, the places that reference it.
    backlinks: Vec<Vec<Backlink>>,
    /// Lint errors by file, for the banner of `--allow-errors`.
    errors: HashMap<usize, Vec<String>>,
    /// Each procedure as lists show it.
    cards: Vec<Card>,
    history: Option<Arc<Timeline>>,
    /// Where each procedure's checklist is printed.
    books: Books,
    /// The lines of the case header of the checklists (`[checklist] case_fields`).
    case_fields: Vec<String>,
}

/// The most lines (titles, entries, symptoms) of an index printed on the page of the first
/// checklist that follows it.
const SHORT_INDEX_LINES: usize = 24;

/// The most checklists of a book whose contents share the page of its first checklist.
const SHORT_BOOK_ENTRIES: usize = 12;

/// The lines of the checklists' case header: `[checklist] case_fields`, else the language's.
fn case_fields(kb: &KnowledgeBase, t: &Strings) -> Vec<String> {
    kb.config.checklist.case_fields.clone().unwrap_or_else(|| {
        ["checklist_case_analyst", "checklist_case_when", "checklist_case_ticket", "checklist_case_client"]
            .iter()
            .map(|key| t.get(key).to_string())
            .collect()
    })
}

impl Shared {
    fn new(kb: &KnowledgeBase, outcome: &Outcome, today: Date, history: Option<Arc<Timeline>>) -> Result<Shared> {
        let theme = Theme::load(&kb.root, &kb.config.build.theme)?;
        let t = Strings::load(&theme, kb.config.site.language)?;
        let links = Arc::new(LinkTable::build(kb));
        let chapters = book::load(&kb.root)?;
        let handbook_url = chapters.first().map(|c| c.url.as_str());
        let tera = templates(&theme, &t, &kb.config.site.title, handbook_url, links.clone())?;
        let outgoing: Vec<Vec<(usize, Backlink)>> =
            (0..kb.procedures.len()).into_par_iter().map(|i| outgoing(kb, i)).collect();
        let backlinks = backlinks(&outgoing);
        let cards = (0..kb.procedures.len()).into_par_iter().map(|i| card(kb, i, history.as_deref(), &t)).collect();
        let errors = errors(kb, outcome);
        let books = Books::new(kb);
        let case_fields = case_fields(kb, &t);
        Ok(Shared {
            theme,
            t,
            links,
            chapters,
            tera,
            today,
            outgoing,
            backlinks,
            errors,
            cards,
            history,
            books,
            case_fields,
        })
    }

    /// After the procedures at `changed` were edited without changing what links to them depend
    /// on (their breadcrumb and step IDs, see [`crate::load::Reloaded`]).
    fn refresh(&mut self, kb: &KnowledgeBase, outcome: &Outcome, changed: &[usize]) {
        for &i in changed {
            self.outgoing[i] = outgoing(kb, i);
            self.cards[i] = card(kb, i, self.history.as_deref(), &self.t);
        }
        self.backlinks = backlinks(&self.outgoing);
        self.errors = errors(kb, outcome);
    }
}

/// Lint errors by file, as the banner lists them.
fn errors(kb: &KnowledgeBase, outcome: &Outcome) -> HashMap<usize, Vec<String>> {
    let mut errors: HashMap<usize, Vec<String>> = HashMap::new();
    for finding in outcome.findings.iter().filter(|f| f.severity == Severity::Error) {
        let (line, column) = kb.files[finding.file].line_col(finding.span.start);
        errors.entry(finding.file).or_default().push(format!("{line}:{column} [{}] {}", finding.rule, finding.message));
    }
    errors
}

/// The knowledge base and what its pages share: everything a page is rendered from.
/// Procedure `i` as lists show it, with its mark.
fn card(kb: &KnowledgeBase, i: usize, history: Option<&Timeline>, t: &Strings) -> Card {
    let mut card = views::card(&kb.procedures[i]);
    if let Some(mark) = history.and_then(|h| h.mark(i)) {
        card.mark = Some(mark);
        card.mark_text = super::changes::mark_text(mark, t);
    }
    card
}

pub(super) struct Site<'a> {
    kb: &'a KnowledgeBase,
    s: &'a Shared,
    media: &'a Media,
}

impl std::ops::Deref for Site<'_> {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.s
    }
}

impl Site<'_> {
    fn views(&self) -> ViewBuilder<'_> {
        ViewBuilder {
            kb: self.kb,
            links: &self.links,
            t: &self.t,
            today: self.today,
            media: self.media,
            history: self.history.as_deref(),
            paper: false,
        }
    }

    fn lists(&self) -> Lists<'_> {
        Lists {
            kb: self.kb,
            cards: &self.cards,
            t: &self.t,
            tera: &self.tera,
            today: self.today,
            history: self.history.as_deref(),
        }
    }

    /// Every procedure's page and every checklist book, a batch of whole books at a time (their
    /// checklists are all that is held of them), then the index of the books. Returns what was
    /// written and, with `keep`, each procedure's checklist as its book holds it (for `serve`).
    fn pages_and_books(
        &self,
        sink: &dyn Sink,
        bar: &ProgressBar,
        keep: bool,
    ) -> Result<(Written, Vec<String>, Option<search::Builder>)> {
        let books = &self.books.books;
        let mut written = Written::default();
        let mut kept = if keep { vec![String::new(); self.kb.procedures.len()] } else { Vec::new() };
        let mut at_root = Vec::new();
        let mut index = (!keep).then(InOrder::default);
        for batch in self.books.batches(CHUNK) {
            let which: Vec<usize> = books[batch.clone()].iter().flat_map(|b| b.members.iter().copied()).collect();
            let (pages, bodies, prepared) = self.procedure_pages(sink, bar, &which, index.is_some())?;
            written = written.sum(pages);
            if let Some(index) = &mut index {
                which.iter().zip(prepared).for_each(|(&i, p)| index.add(i, p));
                for (path, text) in index.builder.drain_chunks() {
                    sink.write(&path, text.as_bytes())?;
                    written = written.sum(Written::of(&path, text.as_bytes()));
                }
            }
            let mut bodies = bodies.into_iter();
            let per_book: Vec<(usize, Vec<String>)> =
                batch.map(|b| (b, bodies.by_ref().take(books[b].members.len()).collect())).collect();
            let pages = per_book
                .par_iter()
                .filter(|(b, _)| !books[*b].folder.is_empty())
                .map(|(b, bodies)| self.checklist_book(sink, *b, bodies))
                .collect::<Result<Vec<Written>>>()?;
            written = pages.into_iter().fold(written, Written::sum);
            for (b, bodies) in per_book {
                if books[b].folder.is_empty() {
                    at_root.clone_from(&bodies);
                }
                if keep {
                    books[b].members.iter().zip(bodies).for_each(|(&i, body)| kept[i] = body);
                }
            }
        }
        written = written.sum(self.checklist_index(sink, &at_root)?);
        Ok((written, kept, index.map(InOrder::finish)))
    }

    /// Renders and writes the pages of the procedures at `which`, in parallel, without holding
    /// the pages in memory; returns their checklists as their books hold them, in the order of
    /// `which`.
    /// With `index`, also each one's terms for the search index.
    fn procedure_pages(
        &self,
        sink: &dyn Sink,
        bar: &ProgressBar,
        which: &[usize],
        index: bool,
    ) -> Result<(Written, Vec<String>, Vec<Option<search::Prepared>>)> {
        let pages: Vec<(Written, String, Option<search::Prepared>)> = which
            .par_iter()
            .map(|&i| {
                bar.inc(1);
                self.procedure_page(i, sink, index)
            })
            .collect::<Result<_, _>>()?;
        let written = pages.iter().fold(Written::default(), |a, (b, _, _)| a.sum(*b));
        let (bodies, prepared) = pages.into_iter().map(|(_, body, prepared)| (body, prepared)).unzip();
        Ok((written, bodies, prepared))
    }

    /// One procedure's page, written to `sink`, and its checklist as its book holds it. The view
    /// is converted for the templates once for the page, and again for the checklist when the
    /// book, in another folder, needs its links made again from there.
    fn procedure_page(
        &self,
        i: usize,
        sink: &dyn Sink,
        index: bool,
    ) -> Result<(Written, String, Option<search::Prepared>)> {
        let procedure = &self.kb.procedures[i];
        let errors = self.errors.get(&procedure.file).cloned().unwrap_or_default();
        let mut view = self.views().procedure(i, self.backlinks[i].clone(), errors);
        view.checklist_url = Some(self.books.url(i));
        let prepared = index.then(|| self.prepare_search(i, &view));
        let value = Value::from_serializable(&view);

        let mut context = Context::new();
        let (flowchart, fits) = self.flowchart(&view);
        context.insert("flowchart", &flowchart);
        context.insert("flowchart_fits", &fits);
        context.insert("guided_json", &super::guided::guided_json(&view, &self.kb.config.calendar));
        context.insert("examples", &super::examples::examples(procedure, &view.steps, &self.t));
        context.insert("page_title", &view.title);
        context.insert_value("procedure", value.clone());
        let page = render_string(&self.tera, "procedure.html", &view.url, &mut context)?;
        let path = links::procedure_path(&view.slug);
        sink.write(&path, page.as_bytes())?;
        let written = Written::of(&path, page.as_bytes());
        drop(page);

        let book = books::book_path(&self.books.books[self.books.book_of(i)].folder);
        let mut context = Context::new();
        context.insert_value("procedure", value);
        if self.views().relocate(i, &mut view, &book) {
            context.insert_value("procedure", Value::from_serializable(&view));
        }
        let anchor = self.books.anchor(i);
        context.insert("anchor", anchor);
        context.insert("page_name", &books::page_name(i));
        context.insert("level", &2);
        context.insert("case_fields", &self.case_fields);
        context.insert("number", &self.books.number(i));
        let body = render_string(&self.tera, "partials/checklist-body.html", &book, &mut context)?;
        Ok((written, body, prepared))
    }

    /// Procedure `i`'s record and terms for the search index, from `view`'s plain texts (the
    /// same as [`Plain::of`] makes again for `serve`).
    fn prepare_search(&self, i: usize, view: &ProcedureView) -> search::Prepared {
        let p = &self.kb.procedures[i];
        let more: Vec<Vec<String>> = p.steps.iter().map(PlainStep::more_of).collect();
        let tags: Vec<String> = p.tags.iter().map(|t| t.get_ref().clone()).collect();
        let aliases: Vec<String> = p.aliases.iter().map(|a| a.get_ref().clone()).collect();
        let card = &self.cards[i];
        search::prepare(&SearchProcedure {
            mark: &card.mark_text,
            url: &card.url,
            title: views::text(&p.title),
            breadcrumb: &card.breadcrumb,
            tags: &tags,
            aliases: &aliases,
            summary: &card.summary,
            steps: p
                .steps
                .iter()
                .zip(&view.steps)
                .zip(&more)
                .map(|((s, step), more)| SearchStep {
                    anchor: s.id.get_ref(),
                    title: &step.title,
                    text: &step.text_plain,
                    more: more.iter().map(String::as_str).collect(),
                })
                .collect(),
        })
    }

    /// The printed page's footer (slug, revision date, page numbers) for checklist `i`: a named
    /// page, so each checklist of a book keeps its own.
    fn checklist_page_css(&self, i: usize) -> String {
        let procedure = &self.kb.procedures[i];
        let revision =
            procedure.updated.as_ref().map_or_else(|| self.t.get("no_date").to_string(), |d| self.t.date(*d.get_ref()));
        let version = views::version_mark(
            procedure.updated.as_ref().map(|u| *u.get_ref()),
            self.kb.files.get(procedure.file).map_or("", |f| f.text.as_str()),
        );
        let left = css_string(&format!(
            "{} · {} {revision} · {} {version}",
            procedure.slug,
            self.t.get("checklist_revision"),
            self.t.get("checklist_version")
        ));
        let page = css_string(&format!("{} ", self.t.get("checklist_page")));
        let of = css_string(&format!(" {} ", self.t.get("checklist_of")));
        format!(
            "@page {} {{ @bottom-left {{ content: {left}; font: 8pt system-ui, sans-serif; }} @bottom-right {{ content: {page} counter(page) {of} counter(pages); font: 8pt system-ui, sans-serif; }} }}\n",
            books::page_name(i)
        )
    }

    /// Writes book `b` (not the root's: see [`Site::checklist_index`]) with `bodies`, the
    /// checklists of its members.
    fn checklist_book(&self, sink: &dyn Sink, b: usize, bodies: &[String]) -> Result<Written> {
        let book = &self.books.books[b];
        let path = books::book_path(&book.folder);
        let view = self.books.view(b, &self.cards);
        let mut context = Context::new();
        context.insert("page_title", &self.t.fill("checklist_book_title", &[("title", view.title)]));
        context.insert("file", path.rsplit('/').next().unwrap_or(&path));
        context.insert("short", &(view.entries.len() <= SHORT_BOOK_ENTRIES));
        context.insert("book", &view);
        context.insert("page_css", &book.members.iter().map(|&i| self.checklist_page_css(i)).collect::<String>());
        self.write_around(sink, "checklist-book.html", &path, &mut context, bodies)
    }

    /// Writes `checklists.html`: every book with its checklists' titles, then `at_root`, the
    /// checklists of the procedures at the root of `procedures/`.
    fn checklist_index(&self, sink: &dyn Sink, at_root: &[String]) -> Result<Written> {
        let root = self.books.root();
        let css: String =
            root.iter().flat_map(|&b| &self.books.books[b].members).map(|&i| self.checklist_page_css(i)).collect();
        let books: Vec<_> =
            (0..self.books.books.len()).filter(|&b| Some(b) != root).map(|b| self.books.view(b, &self.cards)).collect();
        let mut context = Context::new();
        context.insert("books", &books);
        context.insert("at_root", &root.map(|b| self.books.view(b, &self.cards)));
        let symptoms = self.books.symptoms(self.kb, &self.cards);
        // A contents of a page or less shares it with the first checklist at the root.
        let lines = symptoms.len()
            + books.iter().map(|b| 1 + b.entries.len()).sum::<usize>()
            + root.map_or(0, |b| self.books.books[b].members.len());
        context.insert("short", &(lines <= SHORT_INDEX_LINES));
        context.insert("symptoms", &symptoms);
        context.insert("page_css", &css);
        context.insert("page_title", self.t.get("checklist_all"));
        self.write_around(sink, "checklists.html", books::INDEX, &mut context, at_root)
    }

    /// Renders `template` around a placeholder for `bodies` and writes the page with the bodies
    /// in its place, one after the other (tens of megabytes, never joined); a template that
    /// leaves them out is written as it is.
    fn write_around(
        &self,
        sink: &dyn Sink,
        template: &str,
        path: &str,
        context: &mut Context,
        bodies: &[String],
    ) -> Result<Written> {
        const PLACEHOLDER: &str = "\u{0}sopbook-checklist-bodies\u{0}";
        context.insert_value("bodies", Value::safe_string(PLACEHOLDER));
        let page = render_string(&self.tera, template, &links::href(path), context)?;
        let mut parts: Vec<&[u8]> = Vec::with_capacity(bodies.len() + 2);
        match page.split_once(PLACEHOLDER) {
            Some((head, tail)) => {
                parts.push(head.as_bytes());
                parts.extend(bodies.iter().map(|b| b.as_bytes()));
                parts.push(tail.as_bytes());
            }
            None => parts.push(page.as_bytes()),
        }
        sink.write_parts(path, &parts)?;
        let bytes = parts.iter().map(|p| p.len() as u64).sum();
        Ok(Written { pages: 1, files: 1, bytes })
    }

    /// The flowchart figure's content, and the column width from which it fits unshrunk (see
    /// [`flowchart::Drawing::fits`]).
    fn flowchart(&self, view: &ProcedureView) -> (String, u32) {
        let chart = Chart::new(view, &self.t);
        let drawing = flowchart::draw(&chart);
        let fits = drawing.fits();
        let dropped = drawing.dropped;
        if dropped == 0 {
            return (drawing.svg, fits);
        }
        let note = self.t.fill("flowchart_simplified", &[("n", &dropped.to_string())]);
        (format!("<figcaption class=\"fc-note\">{}</figcaption>{}", escape_html(&note), drawing.svg), fits)
    }

    /// The search index files (see [`search`]), from the procedures' plain texts when kept
    /// (`serve`), else made and dropped a chunk at a time.
    fn search_index(&self, kept: Option<&[Plain]>) -> Vec<(String, Vec<u8>)> {
        let mut builder = search::Builder::default();
        let procedures = &self.kb.procedures;
        for start in (0..procedures.len()).step_by(CHUNK) {
            let range = start..(start + CHUNK).min(procedures.len());
            let made: Vec<Plain>;
            let plain = match kept {
                Some(kept) => &kept[range.clone()],
                None => {
                    made = procedures[range.clone()].par_iter().map(Plain::of).collect();
                    &made
                }
            };
            let cards = &self.cards[range.clone()];
            let docs: Vec<SearchProcedure<'_>> = procedures[range]
                .iter()
                .zip(plain)
                .zip(cards)
                .map(|((p, plain), card)| SearchProcedure {
                    mark: &card.mark_text,
                    url: &plain.url,
                    title: views::text(&p.title),
                    breadcrumb: &plain.breadcrumb,
                    tags: &plain.tags,
                    aliases: &plain.aliases,
                    summary: &plain.summary,
                    steps: p
                        .steps
                        .iter()
                        .zip(&plain.steps)
                        .map(|(s, step)| SearchStep {
                            anchor: s.id.get_ref(),
                            title: &step.title,
                            text: &step.text,
                            more: step.more.iter().map(String::as_str).collect(),
                        })
                        .collect(),
                })
                .collect();
            builder.add(&docs);
        }
        self.finish_index(builder)
    }

    /// The index files of `builder`, which holds every procedure: the handbook's chapters and
    /// the synonyms added.
    fn finish_index(&self, mut builder: search::Builder) -> Vec<(String, Vec<u8>)> {
        let chapters: Vec<SearchChapter<'_>> = self
            .chapters
            .iter()
            .map(|chapter| SearchChapter { url: &chapter.url, title: &chapter.title, text: &chapter.plain })
            .collect();
        builder.add_chapters(&chapters);
        builder.synonyms(&self.kb.config.search.synonym_groups());
        builder.finish().into_iter().map(|(path, text)| (path, text.into_bytes())).collect()
    }
}

/// The search index of a build, fed as the procedure pages come (in the order of their books)
/// and taking them in the order of the knowledge base: a procedure waits only for those before
/// it in the batches still being rendered.
#[derive(Default)]
struct InOrder {
    next: usize,
    waiting: std::collections::BTreeMap<usize, search::Prepared>,
    builder: search::Builder,
}

impl InOrder {
    fn add(&mut self, i: usize, prepared: Option<search::Prepared>) {
        if let Some(prepared) = prepared {
            self.waiting.insert(i, prepared);
        }
        while let Some(prepared) = self.waiting.remove(&self.next) {
            self.builder.push(prepared);
            self.next += 1;
        }
    }

    fn finish(self) -> search::Builder {
        debug_assert!(self.waiting.is_empty(), "every procedure is rendered once");
        self.builder
    }
}

/// A procedure's texts as the search index holds them (plain text), computed in parallel.
struct Plain {
    url: String,
    breadcrumb: String,
    summary: String,
    tags: Vec<String>,
    aliases: Vec<String>,
    steps: Vec<PlainStep>,
}

/// A step's texts as the search index holds them.
struct PlainStep {
    title: String,
    text: String,
    /// Answers, note, warning, escalation sector, channel and fields.
    more: Vec<String>,
}

impl Plain {
    fn of(p: &crate::model::Procedure) -> Plain {
        Plain {
            url: links::procedure_url(&p.slug),
            breadcrumb: p.breadcrumb().map_or_else(String::new, |b| b.to_string()),
            summary: markdown::to_plain(views::text(&p.summary)),
            tags: p.tags.iter().map(|t| t.get_ref().clone()).collect(),
            aliases: p.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            steps: p.steps.iter().map(PlainStep::of).collect(),
        }
    }
}

impl PlainStep {
    fn of(s: &crate::model::Step) -> PlainStep {
        PlainStep {
            title: markdown::to_plain(views::text(&s.title)),
            text: markdown::to_plain(views::text(&s.text)),
            more: PlainStep::more_of(s),
        }
    }

    /// The step's words besides its title and text (see [`PlainStep::more`]).
    fn more_of(s: &crate::model::Step) -> Vec<String> {
        let mut more: Vec<String> = Vec::new();
        if let Some(branches) = &s.branches {
            more.extend(branches.get_ref().iter().filter_map(|b| b.when.as_ref()).map(|w| w.get_ref().clone()));
        }
        more.extend([&s.note, &s.warning].into_iter().map(|t| markdown::to_plain(views::text(t))));
        more.extend([&s.to, &s.via].into_iter().map(|t| views::text(t).to_string()));
        more.extend(s.fields.iter().map(|f| f.name.get_ref().clone()));
        more.retain(|t| !t.is_empty());
        more
    }
}

/// The backlinks procedure `source` gives the procedures it references: one per target and step.
fn outgoing(kb: &KnowledgeBase, source: usize) -> Vec<(usize, Backlink)> {
    let p = &kb.procedures[source];
    let mut out: Vec<(usize, Backlink)> = Vec::new();
    for (target, step) in targets_of(kb, p) {
        let step_number = step.map(|i| i + 1);
        if target == source || out.iter().any(|(t, l)| *t == target && l.step_number == step_number) {
            continue;
        }
        let link = Backlink {
            title: views::text(&p.title).to_string(),
            breadcrumb: p.breadcrumb().map_or_else(String::new, |b| b.to_string()),
            url: links::procedure_url(&p.slug),
            step_number,
            step_title: step.map_or_else(String::new, |i| views::label(&p.steps[i])),
        };
        out.push((target, link));
    }
    out
}

/// For each procedure, the places of other procedures that reference it, in source order.
fn backlinks(outgoing: &[Vec<(usize, Backlink)>]) -> Vec<Vec<Backlink>> {
    let mut by_target = vec![Vec::new(); outgoing.len()];
    for (target, link) in outgoing.iter().flatten() {
        by_target[*target].push(link.clone());
    }
    by_target
}

/// Every procedure that `procedure` references, with the index of the step that does it.
fn targets_of(kb: &KnowledgeBase, procedure: &crate::model::Procedure) -> Vec<(usize, Option<usize>)> {
    let resolve = |reference: &Reference| match kb.index.resolve(reference.target.as_ref()?) {
        Some(crate::load::Target::Procedure(target)) => Some(target),
        _ => None,
    };
    let mut out: Vec<(usize, Option<usize>)> =
        references(views::text(&procedure.summary)).iter().filter_map(resolve).map(|t| (t, None)).collect();
    for (i, step) in procedure.steps.iter().enumerate() {
        for field in step.markdown_fields() {
            out.extend(references(field.get_ref()).iter().filter_map(resolve).map(|t| (t, Some(i))));
        }
        for entry in step.see.iter().chain(&step.via) {
            let reference = Reference::parse_inner(entry.get_ref(), 0..entry.get_ref().len());
            out.extend(resolve(&reference).map(|t| (t, Some(i))));
        }
    }
    out
}
