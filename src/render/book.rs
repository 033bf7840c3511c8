//! The editors' handbook: `book/**/*.md` rendered with its own table of contents, in the order of
//! `book/SUMMARY.md` (as mdBook does), chapters it does not list following alphabetically. A
//! chapter may sit in a subfolder (`book/guias/instalar.md` → `book/guias/instalar.html`); a
//! `# Title` line between the entries of `SUMMARY.md` starts a part of the contents.

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
    /// The chapter's folder inside `book/` (`""` or `guias`): its images' paths start there.
    #[serde(skip)]
    pub dir: String,
    /// The title of the part of `SUMMARY.md` that starts with this chapter, if one does.
    pub part: Option<String>,
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

/// Reads `root/book/**/*.md` (none is fine: the site then has no handbook).
pub fn load(root: &Path) -> Result<Vec<Chapter>> {
    let dir = root.join("book");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    crate::load::paths::read_inside(root, &dir)?;
    let mut names = chapter_names(&dir)?;
    names.sort();
    let summary = read_text(root, "SUMMARY.md")?.map(|summary| summary_entries(&summary)).unwrap_or_default();
    // A chapter listed but absent would be left out unseen (mdBook stops too).
    if let Some((missing, _)) = summary.iter().find(|(file, _)| !names.contains(file)) {
        return Err(Error::Refused(t!("render-book-summary-missing", chapter = missing.as_str())));
    }
    let position = |name: &String| summary.iter().position(|(file, _)| file == name).unwrap_or(usize::MAX);
    names.sort_by_key(position);
    names
        .into_iter()
        .map(|name| {
            let missing = || Error::Refused(crate::load::file::ReadError::NotFound.describe(&format!("book/{name}")));
            let source = read_text(root, &name)?.ok_or_else(missing)?;
            let title = source
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                // As text: "`sopbook diff`" in a title is shown as "sopbook diff" in the contents.
                .map_or_else(|| name.trim_end_matches(".md").to_string(), |t| markdown::to_plain(t).trim().to_string());
            let plain = markdown::to_plain(&source);
            let path = format!("book/{}.html", name.trim_end_matches(".md"));
            let dir = name.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
            let images = local_images(root, &dir, &source);
            let part = summary.iter().find(|(file, _)| *file == name).and_then(|(_, part)| part.clone());
            Ok(Chapter { url: super::links::href(&path), path, dir, part, title, source, plain, images })
        })
        .collect()
}

/// The chapters' paths inside `book/` (`formato.md`, `guias/instalar.md`), with `/` between
/// folders; files and folders whose names start with `_` or `.` are left out, as is
/// `SUMMARY.md`. Links to folders are not followed.
fn chapter_names(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(MAX_DEPTH)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with(['_', '.']));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(Action::Read, &path)(e.into())
        })?;
        let Ok(relative) = entry.path().strip_prefix(dir) else { continue };
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        // Any kind of entry named `*.md` is a chapter: reading it refuses what is not a file of
        // the base (a FIFO, a link to outside, a folder), rather than leaving it out unseen.
        if name.ends_with(".md") && name != "SUMMARY.md" {
            names.push(name);
        }
    }
    Ok(names)
}

/// How deep chapters may sit in subfolders of `book/`.
const MAX_DEPTH: usize = 8;

/// A chapter's images are relative to its folder; in [`super::media::Media`] they are named by
/// this key, so two folders may both have an `img/a.png`.
impl Chapter {
    pub fn image_key(&self, src: &str) -> String {
        if self.dir.is_empty() { src.to_string() } else { format!("{}/{src}", self.dir) }
    }
}

/// Reads `book/NAME`: a regular file inside the knowledge base, within the size limit, in UTF-8.
/// `None` when it does not exist.
/// The images a chapter shows from `book/` (`![…](img/a.png)`) that pass the same check as a
/// procedure's images; the others stay their alt text.
fn local_images(root: &Path, dir: &str, source: &str) -> Vec<(String, ImageFile)> {
    let folder = Path::new("book").join(dir);
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out: Vec<(String, ImageFile)> = Vec::new();
    for event in Parser::new(source) {
        if let Event::Start(Tag::Image { dest_url, .. }) = event
            && crate::load::paths::is_local_link(&dest_url)
            && !out.iter().any(|(src, _)| src.as_str() == dest_url.as_ref())
            && let Verdict::Publish(file) = images::check(root, &folder, &dest_url)
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

/// The `.md` files linked from SUMMARY.md, in order (their paths inside `book/`), each with the
/// title of the part it opens: a `# Title` line after the first entry starts a part (the `#` line
/// above every entry is the contents' own title).
fn summary_entries(summary: &str) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    let mut part: Option<String> = None;
    for line in summary.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            if !entries.is_empty() {
                part = Some(title.trim().to_string());
            }
            continue;
        }
        let Some(start) = line.find("](").map(|s| s + 2) else { continue };
        let Some(end) = line[start..].find(')').map(|e| e + start) else { continue };
        let Some(target) = line[start..end].split('#').next().map(str::trim) else { continue };
        let target = target.trim_start_matches("./").to_string();
        entries.push((target, part.take()));
    }
    entries
}

#[derive(Serialize)]
struct Nav<'a> {
    title: &'a str,
    url: &'a str,
    part: Option<&'a str>,
}

pub fn render(
    tera: &Tera,
    chapters: &[Chapter],
    links: &LinkTable,
    t: &Strings,
    images: &std::collections::HashMap<String, String>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let toc: Vec<Nav<'_>> =
        chapters.iter().map(|c| Nav { title: &c.title, url: &c.url, part: c.part.as_deref() }).collect();
    let step_word = |n: usize| t.fill("step_n", &[("n", &n.to_string())]);
    let mut pages = Vec::with_capacity(chapters.len());
    for (i, chapter) in chapters.iter().enumerate() {
        let local: std::collections::HashMap<String, String> = chapter
            .images
            .iter()
            .filter_map(|(src, _)| images.get(&chapter.image_key(src)).map(|url| (src.clone(), url.clone())))
            .collect();
        let root = super::links::root_of(&chapter.url);
        let cx = markdown::Context {
            links,
            current: None,
            root: &root,
            step_word: &step_word,
            external_note: t.get("external"),
            manual_note: t.get("manual_no_link"),
            broken_note: t.get("broken_reference"),
            book: true,
            images: Some(&local),
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
    fn summary_gives_the_order_folders_and_parts() {
        let summary = "# Sumário\n\n- [Introdução](introducao.md)\n- [Formato](./formato.md#x)\n  - [Regras](regras.md)\n\n# Apêndice\n\n- [Guia](guias/instalar.md)\n";
        let entries = summary_entries(summary);
        let files: Vec<&str> = entries.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(files, ["introducao.md", "formato.md", "regras.md", "guias/instalar.md"]);
        let parts: Vec<Option<&str>> = entries.iter().map(|(_, p)| p.as_deref()).collect();
        assert_eq!(parts, [None, None, None, Some("Apêndice")]);
    }
}
