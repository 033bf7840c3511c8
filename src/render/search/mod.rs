//! Client-side offline search: builds the files under `search/`, which
//! `themes/default/static/search.js` loads on demand with `<script>` tags (so it works from
//! `file://`, where nothing can be fetched) and queries in the browser.
//!
//! Text becomes terms by the rules of [`analyze`]. Each procedure is one document for ranking
//! (BM25F over its fields, weighted by [`weights`]); its *places* (0 its head: title, aliases,
//! tags, section and summary; `k` its step `k`) tell which step matched best. Handbook chapters
//! are documents after the procedures, ranked apart by the page.
//!
//! # Index format, version 2
//!
//! Every file is JavaScript that assigns JSON, written as plain ASCII: every `<`, `>`, `&`,
//! U+2028, U+2029 and non-ASCII character is a `\uXXXX` escape, so `</script>` or `<!--` can never
//! appear, whatever the page's encoding.
//!
//! `search/index.js` sets `window.SOPBOOK_SEARCH` to the *meta* object, loaded on the first
//! keystroke:
//!
//! ```text
//! { "v": 2,
//!   "np": procedures, "nc": chapters,       documents: procedures 0..np, then chapters
//!   "dc": documents per chunk,              document d is in chunk floor(d / dc)
//!   "avg": mean length of a procedure,
//!   "len": numbers,                         the length of each document
//!   "t": [term, …],                         the vocabulary, sorted by UTF-16 code units
//!   "df": numbers,                          the number of documents of each term
//!   "sh": numbers,                          the first term of each shard after the first
//!   "syn": [[[term, …], …], …] }            synonym groups: each phrase as its terms
//! ```
//!
//! `search/t{k}.js` (shard `k`, terms `sh[k-1]..sh[k]`) and `search/d{k}.js` (documents
//! `k·dc..(k+1)·dc`) add an entry `"t{k}"`/`"d{k}"` to `window.SOPBOOK_SEARCH_PARTS`:
//!
//! - a shard is an array of postings, one string of numbers per term: for each document that has
//!   the term, in increasing order, `gap` (the document minus the previous one minus 1; the
//!   previous of the first is −1), `tf` (the term's weighted frequency in the document), `n`, and
//!   `n` places (the first as it is, each next as the gap to the previous minus 1), at most
//!   [`MAX_PLACES`];
//! - a document chunk is an array of `[title, url, section, steps, summary]`, `steps` an array
//!   of `[anchor, title, text]` (the text cut to [`STEP_TEXT_CHARS`] characters, the summary to
//!   [`SUMMARY_CHARS`]); a chapter is `[title, url, "", [["", "", text]], ""]`: one step without
//!   an anchor, the chapter's start.
//!
//! *Numbers* are written as zero or more digits from [`encode::MORE`] (base 26, most significant first)
//! and a last digit from [`encode::FINAL`] (base 62): `v = (more digits as a base-26 number) × 62 +
//! final digit`. Numbers below 62 take one character, below 1,612 two, below 41,912 three.

pub mod analyze;
mod encode;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;

use encode::{js_assign, push_number};

use crate::text::snippet;

/// One procedure as the search sees it.
pub struct SearchProcedure<'a> {
    /// Root-relative page URL, e.g. `procedures/certificado-digital/a1/perda-do-backup-a1.html`.
    pub url: &'a str,
    pub title: &'a str,
    /// E.g. `Certificado Digital > A1 > Perda do Backup A1`.
    pub breadcrumb: &'a str,
    pub tags: &'a [String],
    /// The customer's own phrasings of the problem.
    pub aliases: &'a [String],
    /// Plain text.
    pub summary: &'a str,
    pub steps: Vec<SearchStep<'a>>,
    /// "novo" or "alterado" when changed within `[history] days`; empty otherwise.
    pub mark: &'a str,
}

/// One step of a [`SearchProcedure`].
pub struct SearchStep<'a> {
    /// The step ID; the step's URL is the procedure's URL + `#` + anchor.
    pub anchor: &'a str,
    /// May be empty.
    pub title: &'a str,
    /// Plain text (Markdown already stripped); may be long.
    pub text: &'a str,
    /// The rest of the step's words, weighted as its text: decision answers, note, warning,
    /// escalation sector, channel and ticket fields.
    pub more: Vec<&'a str>,
}

/// One chapter of the editors' handbook.
pub struct SearchChapter<'a> {
    pub url: &'a str,
    pub title: &'a str,
    /// Plain text.
    pub text: &'a str,
}

/// Version of the index format, `v` in the meta object.
pub const FORMAT_VERSION: u32 = 2;
/// What `search/index.js` starts with.
pub const GLOBAL_PREFIX: &str = "window.SOPBOOK_SEARCH=";
/// The folder of the index files in the site.
pub const FOLDER: &str = "search";
/// Documents per chunk file.
pub const DOCS_PER_CHUNK: usize = 4;
/// A shard is closed once its postings reach this many bytes.
pub const SHARD_BYTES: usize = 48 * 1024;
/// Places kept per term and document.
pub const MAX_PLACES: usize = 12;
/// Longest step text kept for snippets, in characters (plus `…` when cut).
pub const STEP_TEXT_CHARS: usize = 400;
/// Longest summary kept, shown when a procedure matched in its head rather than in a step.
pub const SUMMARY_CHARS: usize = 240;

/// How much a word counts, by where it is. A procedure's title weighs most; a step's text least.
pub mod weights {
    pub const TITLE: u32 = 8;
    pub const ALIAS: u32 = 6;
    pub const TAG: u32 = 4;
    pub const SECTION: u32 = 2;
    pub const SUMMARY: u32 = 2;
    pub const STEP_TITLE: u32 = 3;
    pub const TEXT: u32 = 1;
}

/// One document's terms: weighted frequency and places of each, and the document's length.
#[derive(Default)]
struct Terms {
    terms: FxHashMap<String, (u32, Vec<u32>)>,
    length: u32,
}

impl Terms {
    fn add(&mut self, text: &str, weight: u32, place: u32) {
        for term in analyze::terms(text) {
            let (tf, places) = self.terms.entry(term).or_default();
            *tf += weight;
            if places.last() != Some(&place) && places.len() < MAX_PLACES {
                places.push(place);
            }
            self.length += weight;
        }
    }
}

/// A document as the chunk files hold it: title, URL, section, steps (anchor, title, text),
/// summary, and the recent mark ("novo", "alterado" or empty).
#[derive(Serialize)]
struct Record(String, String, String, Vec<(String, String, String)>, String, String);

/// The section of a breadcrumb: what comes before ` > title`.
fn section_of<'a>(breadcrumb: &'a str, title: &str) -> &'a str {
    breadcrumb.strip_suffix(title).and_then(|rest| rest.strip_suffix(" > ")).unwrap_or("")
}

/// One procedure's record and terms, found (in parallel, wherever the caller has its texts)
/// before [`Builder::push`] adds it.
pub struct Prepared(Record, Terms);

/// [`Prepared`] of `p`.
pub fn prepare(p: &SearchProcedure<'_>) -> Prepared {
    let (record, terms) = prepare_procedure(p);
    Prepared(record, terms)
}

fn prepare_procedure(p: &SearchProcedure<'_>) -> (Record, Terms) {
    let mut terms = Terms::default();
    let section = section_of(p.breadcrumb, p.title);
    terms.add(p.title, weights::TITLE, 0);
    for alias in p.aliases {
        terms.add(alias, weights::ALIAS, 0);
    }
    for tag in p.tags {
        terms.add(tag, weights::TAG, 0);
    }
    terms.add(section, weights::SECTION, 0);
    terms.add(p.summary, weights::SUMMARY, 0);
    let mut steps = Vec::with_capacity(p.steps.len());
    for (k, step) in p.steps.iter().enumerate() {
        let place = u32::try_from(k + 1).unwrap_or(u32::MAX);
        terms.add(step.title, weights::STEP_TITLE, place);
        terms.add(step.text, weights::TEXT, place);
        for more in &step.more {
            terms.add(more, weights::TEXT, place);
        }
        steps.push((step.anchor.to_string(), step.title.to_string(), snippet(step.text, STEP_TEXT_CHARS)));
    }
    let summary = snippet(p.summary, SUMMARY_CHARS);
    let record =
        Record(p.title.to_string(), p.url.to_string(), section.to_string(), steps, summary, p.mark.to_string());
    (record, terms)
}

fn prepare_chapter(c: &SearchChapter<'_>) -> (Record, Terms) {
    let mut terms = Terms::default();
    terms.add(c.title, weights::TITLE, 0);
    terms.add(c.text, weights::TEXT, 0);
    // A chapter's text starts with its title, already shown above the snippet.
    let text = snippet(c.text.trim_start().strip_prefix(c.title).unwrap_or(c.text), STEP_TEXT_CHARS);
    let steps = vec![(String::new(), String::new(), text)];
    (Record(c.title.to_string(), c.url.to_string(), String::new(), steps, String::new(), String::new()), terms)
}

/// A term's postings, written as they come (documents arrive in order): the index's whole
/// memory is then about the size of the files it writes.
#[derive(Default)]
struct Postings {
    code: String,
    documents: usize,
    last: Option<usize>,
}

impl Postings {
    /// Appends a document (see the module docs for the numbers).
    fn push(&mut self, doc: usize, tf: u32, places: &[u32]) {
        push_number(&mut self.code, self.last.map_or(doc, |p| doc - p - 1));
        push_number(&mut self.code, tf as usize);
        push_number(&mut self.code, places.len());
        let mut last: Option<u32> = None;
        for &place in places {
            push_number(&mut self.code, last.map_or(place, |l| place - l - 1) as usize);
            last = Some(place);
        }
        self.last = Some(doc);
        self.documents += 1;
    }
}

/// The index, built from the procedures in order, given a few at a time (so that a caller
/// needs only a chunk of their plain texts at once), then the chapters.
#[derive(Default)]
pub struct Builder {
    /// The chunk files written so far, and the records of the next one.
    chunks: Vec<(String, String)>,
    /// How many chunk files were handed out by [`Builder::drain_chunks`] before `chunks`.
    drained: usize,
    pending: Vec<Record>,
    documents: usize,
    lengths: Vec<u32>,
    procedures: usize,
    /// Per term: `(document, weighted frequency, places)`.
    postings: FxHashMap<String, Postings>,
    synonyms: Vec<Vec<Vec<String>>>,
}

impl Builder {
    /// Adds `procedures` after those added before; their terms are found in parallel.
    pub fn add(&mut self, procedures: &[SearchProcedure<'_>]) {
        assert_eq!(self.documents, self.procedures, "procedures come before chapters");
        let prepared: Vec<_> = procedures.par_iter().map(prepare_procedure).collect();
        self.procedures += prepared.len();
        self.take(prepared);
    }

    /// Adds one procedure, prepared by [`prepare`], after those added before.
    pub fn push(&mut self, prepared: Prepared) {
        assert_eq!(self.documents, self.procedures, "procedures come before chapters");
        self.procedures += 1;
        self.take(vec![(prepared.0, prepared.1)]);
    }

    /// The document chunk files complete so far, handed out to be written now rather than held
    /// until [`Builder::finish`] (they are most of the index's bytes).
    pub fn drain_chunks(&mut self) -> Vec<(String, String)> {
        self.drained += self.chunks.len();
        std::mem::take(&mut self.chunks)
    }

    /// Adds the handbook's chapters, after every procedure.
    pub fn add_chapters(&mut self, chapters: &[SearchChapter<'_>]) {
        let prepared: Vec<_> = chapters.par_iter().map(prepare_chapter).collect();
        self.take(prepared);
    }

    /// Sets the synonym groups: each a list of equivalent phrases.
    pub fn synonyms(&mut self, groups: &[Vec<String>]) {
        self.synonyms = groups
            .iter()
            .map(|group| {
                let mut phrases: Vec<Vec<String>> =
                    group.iter().map(|phrase| analyze::terms(phrase).collect::<Vec<_>>()).collect();
                phrases.retain(|terms| !terms.is_empty());
                phrases.dedup();
                phrases
            })
            .filter(|phrases| phrases.len() > 1)
            .collect();
    }

    fn take(&mut self, prepared: Vec<(Record, Terms)>) {
        for (record, terms) in prepared {
            let doc = self.documents;
            self.documents += 1;
            self.pending.push(record);
            if self.pending.len() == DOCS_PER_CHUNK {
                self.flush();
            }
            self.lengths.push(terms.length);
            for (term, (tf, places)) in terms.terms {
                match self.postings.get_mut(&term) {
                    Some(postings) => postings.push(doc, tf, &places),
                    None => self.postings.entry(term).or_default().push(doc, tf, &places),
                }
            }
        }
    }

    /// Writes the pending records as the next chunk file.
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.chunks.push(part_file('d', self.drained + self.chunks.len(), &self.pending));
            self.pending.clear();
        }
    }

    /// The index files: `(path in the site, contents)`, `search/index.js` first; without the
    /// chunk files already drained.
    pub fn finish(mut self) -> Vec<(String, String)> {
        self.flush();
        let Builder { chunks, documents, lengths, procedures, postings, synonyms, .. } = self;
        let mut files = Vec::new();

        // Sorted as JavaScript compares strings, so the client's binary search agrees.
        let mut sorted: Vec<(String, Postings)> = postings.into_iter().collect();
        sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));

        let mut terms = Vec::with_capacity(sorted.len());
        let mut df = String::new();
        let mut shard_starts = String::new();
        let mut shard: Vec<String> = Vec::new();
        let mut shard_bytes = 0;
        let mut shards = 0;
        for (term, postings) in sorted {
            if shard_bytes >= SHARD_BYTES {
                files.push(part_file('t', shards, &shard));
                shards += 1;
                push_number(&mut shard_starts, terms.len());
                shard.clear();
                shard_bytes = 0;
            }
            push_number(&mut df, postings.documents);
            shard_bytes += postings.code.len() + 3;
            shard.push(postings.code);
            terms.push(term);
        }
        if !shard.is_empty() || shards == 0 {
            files.push(part_file('t', shards, &shard));
        }

        files.extend(chunks);

        let mut len = String::new();
        for &l in &lengths {
            push_number(&mut len, l as usize);
        }
        let total: u64 = lengths[..procedures].iter().map(|&l| u64::from(l)).sum();
        let avg = if procedures == 0 { 1.0 } else { (total as f64 / procedures as f64).max(1.0) };
        let meta = Meta {
            v: FORMAT_VERSION,
            np: procedures,
            nc: documents - procedures,
            dc: DOCS_PER_CHUNK,
            avg: (avg * 10.0).round() / 10.0,
            len,
            t: terms,
            df,
            sh: shard_starts,
            syn: synonyms,
        };
        files.insert(0, (format!("{FOLDER}/index.js"), js_assign(GLOBAL_PREFIX, &meta)));
        files
    }
}

#[derive(Serialize)]
struct Meta {
    v: u32,
    np: usize,
    nc: usize,
    dc: usize,
    avg: f64,
    len: String,
    t: Vec<String>,
    df: String,
    sh: String,
    syn: Vec<Vec<Vec<String>>>,
}

/// A shard or chunk file: `search/{kind}{k}.js`.
fn part_file<T: Serialize + ?Sized>(kind: char, k: usize, value: &T) -> (String, String) {
    let prefix = format!("(window.SOPBOOK_SEARCH_PARTS=window.SOPBOOK_SEARCH_PARTS||{{}})[\"{kind}{k}\"]=");
    (format!("{FOLDER}/{kind}{k}.js"), js_assign(&prefix, value))
}

#[cfg(test)]
mod tests;
