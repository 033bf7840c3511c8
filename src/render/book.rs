//! The editors' handbook: `book/*.md` rendered with its own table of contents, in the order of
//! `book/SUMMARY.md` (as mdBook does), chapters it does not list following alphabetically.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use super::error::{Action, Error, Result};
use super::lang::Strings;
use super::links::LinkTable;
use super::markdown::{self, Heading};
use crate::load::images::{self, ImageFile, Verdict};
use crate::t;

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// Root-relative page URL: `book/formato.html` (percent-encoded).
    pub url: String,
    /// Where the page is written: `book/formato.html`.
    #[serde(skip)]
    pub path: String,
    pub title: String,
    /// The Markdown source.
    #[serde(skip)]
    pub source: String,
    /// Plain text, for search.
    #[serde(skip)]
    pub plain: String,
    /// The chapter's images in `book/` that the site publishes, by `src` as written.
    #[serde(skip)]
    pub images: Vec<(String, ImageFile)>,
}

/// Reads `root/book/*.md` (none is fine: the site then has no handbook).
pub fn load(root: &Path) -> Result<Vec<Chapter>> {
    let dir = root.join("book");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    crate::load::paths::read_inside(root, &dir)?;
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(Error::io(Action::Read, &dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "SUMMARY.md" && !n.starts_with(['_', '.']))
        .collect();
    names.sort();
    let order = read_text(root, "SUMMARY.md")?.map(|summary| summary_order(&summary)).unwrap_or_default();
    names.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
    names
        .into_iter()
        .map(|name| {
            let missing = || Error::Refused(crate::load::file::ReadError::NotFound.describe(&format!("book/{name}")));
            let source = read_text(root, &name)?.ok_or_else(missing)?;
            let title = source
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                .map_or_else(|| name.trim_end_matches(".md").to_string(), |t| t.trim().to_string());
            let plain = markdown::to_plain(&source);
            let path = format!("book/{}.html", name.trim_end_matches(".md"));
            let images = local_images(root, &source);
            Ok(Chapter { url: super::links::href(&path), path, title, source, plain, images })
        })
        .collect()
}

/// Reads `book/NAME`: a regular file inside the knowledge base, within the size limit, in UTF-8.
/// `None` when it does not exist.
/// The images a chapter shows from `book/` (`![…](img/a.png)`) that pass the same check as a
/// procedure's images; the others stay their alt text.
fn local_images(root: &Path, source: &str) -> Vec<(String, ImageFile)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out: Vec<(String, ImageFile)> = Vec::new();
    for event in Parser::new(source) {
        if let Event::Start(Tag::Image { dest_url, .. }) = event
            && crate::load::paths::is_local_link(&dest_url)
            && !out.iter().any(|(src, _)| src.as_str() == dest_url.as_ref())
            && let Verdict::Publish(file) = images::check(root, Path::new("book"), &dest_url)
        {
            out.push((dest_url.to_string(), file));
        }
    }
    out
}

fn read_text(root: &Path, name: &str) -> Result<Option<String>> {
    use crate::load::file::{self, ReadError};
    let shown = format!("book/{name}");
    match file::read_file(&root.join("book").join(name), Some(root), file::MAX_FILE_BYTES) {
        Ok(bytes) => {
            String::from_utf8(bytes).map(Some).map_err(|_| Error::Refused(t!("render-book-not-utf8", path = &shown)))
        }
        Err(ReadError::NotFound) => Ok(None),
        Err(error) => Err(Error::Refused(error.describe(&shown))),
    }
}

/// The `.md` files linked from SUMMARY.md, in order.
fn summary_order(summary: &str) -> Vec<String> {
    summary
        .lines()
        .filter_map(|line| {
            let start = line.find("](")? + 2;
            let end = line[start..].find(')')? + start;
            let target = line[start..end].split('#').next()?.trim();
            Some(target.rsplit('/').next()?.to_string())
        })
        .collect()
}

#[derive(Serialize)]
struct Nav<'a> {
    title: &'a str,
    url: &'a str,
}

pub fn render(
    tera: &Tera,
    chapters: &[Chapter],
    links: &LinkTable,
    t: &Strings,
    images: &std::collections::HashMap<String, String>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let toc: Vec<Nav<'_>> = chapters.iter().map(|c| Nav { title: &c.title, url: &c.url }).collect();
    let step_word = |n: usize| t.fill("step_n", &[("n", &n.to_string())]);
    let mut pages = Vec::with_capacity(chapters.len());
    for (i, chapter) in chapters.iter().enumerate() {
        let cx = markdown::Context {
            links,
            current: None,
            root: "../",
            step_word: &step_word,
            external_note: t.get("external"),
            manual_note: t.get("manual_no_link"),
            broken_note: t.get("broken_reference"),
            book: true,
            images: Some(images),
        };
        let (html, headings) = markdown::to_html_with_headings(&chapter.source, &cx);
        let headings: Vec<&Heading> = headings.iter().filter(|h| h.level == 2).collect();
        let mut context = Context::new();
        context.insert("page_title", &chapter.title);
        context.insert("chapter", chapter);
        context.insert("content", &html);
        context.insert("headings", &headings);
        context.insert("toc", &toc);
        context.insert("previous", &i.checked_sub(1).map(|p| &toc[p]));
        context.insert("next", &toc.get(i + 1));
        pages.push(super::templates::render(tera, "book.html", &chapter.path, &mut context)?);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_gives_the_order() {
        let summary =
            "# Sumário\n\n- [Introdução](introducao.md)\n- [Formato](./formato.md#x)\n  - [Regras](regras.md)\n";
        assert_eq!(summary_order(summary), ["introducao.md", "formato.md", "regras.md"]);
    }
}
