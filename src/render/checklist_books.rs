//! The printable checklists as books: one page for the procedures of each folder
//! (`checklists/certificado-digital/a1.html`), each checklist an article whose ID is its file
//! name, and `checklists.html`, the index of every book, which also holds the checklists of the
//! procedures at the root of `procedures/`.
//!
//! A checklist is written once: the procedure page links to `BOOK.html#NAME`, and the book's
//! stylesheet shows (and prints) that article alone when the address names it. One page per
//! procedure and a page of every checklist used to hold the same text twice, a third of a big
//! site's bytes.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::links;
use super::views::Card;
use crate::load::KnowledgeBase;
use crate::model::Breadcrumb;

/// The page of every book.
pub const INDEX: &str = "checklists.html";

/// The procedures of one folder, in the order of `kb.procedures`.
pub struct Book {
    /// Relative to `procedures/`, without a trailing slash; empty at the root.
    pub folder: String,
    /// The section its procedures share (`Certificado Digital > A1`), else its folder.
    pub title: String,
    pub members: Vec<usize>,
}

/// Every book, and where each procedure's checklist is.
pub struct Books {
    pub books: Vec<Book>,
    /// For each procedure, its book (an index into `books`).
    book_of: Vec<usize>,
    /// For each procedure, the ID of its checklist in its book.
    anchors: Vec<String>,
    /// For each procedure, the number of its checklist, from 1 in the order of the index: the
    /// checklists at the root first, then book by book.
    numbers: Vec<usize>,
}

impl Books {
    pub fn new(kb: &KnowledgeBase) -> Books {
        let mut by_folder: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, procedure) in kb.procedures.iter().enumerate() {
            by_folder.entry(folder_of(&procedure.slug)).or_default().push(i);
        }
        let mut book_of = vec![0; kb.procedures.len()];
        let mut anchors = vec![String::new(); kb.procedures.len()];
        let mut numbers = vec![0; kb.procedures.len()];
        let mut books = Vec::with_capacity(by_folder.len());
        // The root's folder, "", comes first, as the index shows it.
        let mut number = 0;
        for (folder, members) in by_folder {
            let mut taken = HashSet::new();
            for &i in &members {
                book_of[i] = books.len();
                anchors[i] = unique_anchor(&kb.procedures[i].slug, i, &mut taken);
                number += 1;
                numbers[i] = number;
            }
            let title = book_title(kb, folder, &members);
            books.push(Book { folder: folder.to_string(), title, members });
        }
        Books { books, book_of, anchors, numbers }
    }

    /// The number of procedure `i`'s checklist, shown big on its sheet and in the index.
    pub fn number(&self, i: usize) -> usize {
        self.numbers[i]
    }

    /// The book of the procedures at the root of `procedures/`, written on the index.
    pub fn root(&self) -> Option<usize> {
        self.books.iter().position(|b| b.folder.is_empty())
    }

    /// The book of procedure `i`.
    pub fn book_of(&self, i: usize) -> usize {
        self.book_of[i]
    }

    pub fn anchor(&self, i: usize) -> &str {
        &self.anchors[i]
    }

    /// The address of procedure `i`'s checklist, root-relative: its book and its ID.
    pub fn url(&self, i: usize) -> String {
        let book = &self.books[self.book_of[i]];
        format!("{}#{}", links::href(&book_path(&book.folder)), links::href(&self.anchors[i]))
    }

    /// Runs of whole books holding about `size` procedures each (a bigger book alone), so a
    /// build holds the checklists of one run in memory at a time.
    pub fn batches(&self, size: usize) -> Vec<std::ops::Range<usize>> {
        let mut batches = Vec::new();
        let (mut start, mut held) = (0, 0);
        for (b, book) in self.books.iter().enumerate() {
            held += book.members.len();
            if held >= size {
                batches.push(start..b + 1);
                (start, held) = (b + 1, 0);
            }
        }
        if start < self.books.len() {
            batches.push(start..self.books.len());
        }
        batches
    }
}

/// The named page (`@page`) of procedure `i`'s checklist, which prints its own footer.
pub fn page_name(i: usize) -> String {
    format!("cl{i}")
}

/// Where the book of `folder` is written; the checklists at the root are on the index.
pub fn book_path(folder: &str) -> String {
    if folder.is_empty() { INDEX.to_string() } else { format!("checklists/{folder}.html") }
}

/// The folder of a procedure, from its slug: `certificado-digital/a1` for
/// `certificado-digital/a1/perda-do-backup-a1`.
pub fn folder_of(slug: &str) -> &str {
    slug.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The file name of procedure `i` as an HTML ID (which may hold no space), unique in its book:
/// a name that becomes another's after that change gets the procedure's index too.
fn unique_anchor(slug: &str, i: usize, taken: &mut HashSet<String>) -> String {
    let name = slug.rsplit('/').next().unwrap_or(slug);
    let mut anchor: String = name.chars().map(|c| if c.is_ascii_whitespace() { '-' } else { c }).collect();
    if anchor.is_empty() || taken.contains(&anchor) {
        anchor = format!("{anchor}-{i}");
    }
    taken.insert(anchor.clone());
    anchor
}

/// One checklist as a book's contents and the index list it.
#[derive(Serialize)]
pub struct Entry<'a> {
    pub number: usize,
    pub title: &'a str,
    /// Root-relative: the book and the checklist's ID.
    pub url: String,
    /// The ID alone, for a link inside the book.
    pub anchor: String,
}

/// A book as the index lists it.
#[derive(Serialize)]
pub struct BookView<'a> {
    pub title: &'a str,
    /// Root-relative.
    pub url: String,
    pub entries: Vec<Entry<'a>>,
    /// The named page (`@page`) of the first checklist, for a contents printed on its page.
    pub first_page: String,
}

impl Books {
    pub fn view<'a>(&'a self, b: usize, cards: &'a [Card]) -> BookView<'a> {
        let book = &self.books[b];
        let entries = book
            .members
            .iter()
            .map(|&i| Entry {
                number: self.numbers[i],
                title: &cards[i].title,
                url: self.url(i),
                anchor: links::href(&self.anchors[i]),
            })
            .collect();
        let first_page = book.members.first().map_or_else(String::new, |&i| page_name(i));
        BookView { title: &book.title, url: links::href(&book_path(&book.folder)), entries, first_page }
    }
}

/// One line of the index by symptom: a customer's phrasing (`aliases`) or the "Quando usar"
/// (`summary`) of a checklist, and its number.
#[derive(Serialize)]
pub struct Symptom<'a> {
    pub text: &'a str,
    pub number: usize,
    pub url: String,
}

impl Books {
    /// What the analyst hears, each phrasing of each procedure and its "Quando usar", in
    /// alphabetical order (accents and case aside), with the number of its checklist.
    pub fn symptoms<'a>(&self, kb: &'a KnowledgeBase, cards: &'a [Card]) -> Vec<Symptom<'a>> {
        let mut lines: Vec<(String, Symptom<'a>)> = Vec::new();
        for (i, procedure) in kb.procedures.iter().enumerate() {
            let aliases = procedure.aliases.iter().map(|a| a.get_ref().trim());
            for text in aliases.chain(std::iter::once(cards[i].summary.trim())).filter(|t| !t.is_empty()) {
                let key = crate::text::fold(text);
                lines.push((key, Symptom { text, number: self.numbers[i], url: self.url(i) }));
            }
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.number.cmp(&b.1.number)));
        lines.into_iter().map(|(_, symptom)| symptom).collect()
    }
}

/// The section every procedure of a folder names, as breadcrumbs compare it; else the folder.
fn book_title(kb: &KnowledgeBase, folder: &str, members: &[usize]) -> String {
    let section = |i: usize| kb.procedures[i].section.as_ref().map(|s| Breadcrumb::parse(s.get_ref()));
    match members.first().and_then(|&i| section(i)) {
        Some(first) if !first.as_str().is_empty() && members.iter().all(|&i| section(i).as_ref() == Some(&first)) => {
            first.to_string()
        }
        _ => folder.replace('/', " > "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_their_books() {
        assert_eq!(folder_of("certificado-digital/a1/perda"), "certificado-digital/a1");
        assert_eq!(folder_of("solto"), "");
        assert_eq!(book_path("certificado-digital/a1"), "checklists/certificado-digital/a1.html");
        assert_eq!(book_path(""), INDEX);
        let books = Books {
            books: vec![Book { folder: "a b/ç".into(), title: String::new(), members: vec![0] }],
            book_of: vec![0],
            anchors: vec!["ação?".into()],
            numbers: vec![1],
        };
        assert_eq!(books.url(0), "checklists/a%20b/%C3%A7.html#a%C3%A7%C3%A3o%3F");
    }

    #[test]
    fn batches_hold_whole_books_and_cover_them_all_in_order() {
        let sizes = [3, 300, 2, 2, 250, 1];
        let mut next = 0;
        let books: Vec<Book> = sizes
            .iter()
            .map(|&n| {
                next += n;
                Book { folder: format!("f{next}"), title: String::new(), members: (next - n..next).collect() }
            })
            .collect();
        let books = Books { books, book_of: Vec::new(), anchors: Vec::new(), numbers: Vec::new() };
        let batches = books.batches(256);
        assert_eq!(batches, [0..2, 2..6]);
        let held = |r: &std::ops::Range<usize>| books.books[r.clone()].iter().map(|b| b.members.len()).sum::<usize>();
        assert!(batches[..batches.len() - 1].iter().all(|r| held(r) >= 256));
        assert!(batches.iter().all(|r| held(r) < 256 + 300), "no batch holds more than a book past the size");
    }

    #[test]
    fn anchors_hold_no_space_and_never_repeat() {
        let mut taken = HashSet::new();
        assert_eq!(unique_anchor("a/b c", 0, &mut taken), "b-c");
        assert_eq!(unique_anchor("a/b-c", 1, &mut taken), "b-c-1");
        assert_eq!(unique_anchor("a/ação", 2, &mut taken), "ação");
    }
}
