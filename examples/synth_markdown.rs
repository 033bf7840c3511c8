//! Writes the content of a knowledge base of `sopbook::synth` as plain Markdown, for the peers
//! that `benches/compare.sh` times against sopbook:
//! `cargo run --release --example synth_markdown -- 10000 /dev/shm/md10k` (the synthetic base) or
//! `… -- --realistic 10000 /dev/shm/mdreal10k [--seed 19]` (the realistic one, the same seed as
//! `examples/synth.rs` takes) writes
//!
//! - `hugo/`: a Hugo site as plain as Hugo allows, so that its configuration does not slow it
//!   down: no theme, taxonomies, RSS or sitemap, and two layouts (`single.html`, `list.html`)
//!   that show the title and the content only; one page per procedure in nested content folders
//!   that follow its breadcrumb (each folder an `_index.md` section), with title, breadcrumb,
//!   summary, owner, date and tags in the front matter;
//! - `mdbook/`: the same pages as an mdBook (`book.toml`, `src/SUMMARY.md` listing every page).
//!
//! Each page holds what sopbook renders from the procedure: every step as a heading (with the
//! step ID as its anchor) + text + note/warning, decisions as lists of answers linking to the step
//! anchors, the resolution, the escalation with sector, SLA, channel and fields, and the
//! cross-references as Markdown links to the other page (and step). Deterministic, like the
//! knowledge base it comes from.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use sopbook::load::{KnowledgeBase, Target};
use sopbook::model::{Procedure, Step, StepKind, references};
use unicode_normalization::UnicodeNormalization;

fn main() {
    let Some((n, dir, seed)) = sopbook::synth::corpus_args(std::env::args().skip(1)) else {
        eprintln!("usage: synth_markdown [--realistic] N FOLDER [--seed SEED]");
        std::process::exit(2);
    };
    let files = match seed {
        Some(seed) => sopbook::synth::realistic(n, seed),
        None => sopbook::synth::knowledge_base(n),
    };
    if let Err(error) = write(Path::new(&dir), files) {
        eprintln!("error: cannot write {dir}: {error}");
        std::process::exit(2);
    }
}

/// Which peer a page is written for: only links and the page header differ.
#[derive(Clone, Copy, PartialEq)]
enum Flavour {
    /// Links to the rendered URL (`../other/#step`): Hugo leaves Markdown links as written.
    Hugo,
    /// Links to the source file (`../other.md#step`): mdBook rewrites them to `.html`.
    MdBook,
}

fn write(root: &Path, files: Vec<(String, String)>) -> std::io::Result<()> {
    let kb = KnowledgeBase::from_memory(files);
    let title = kb.config.site.title.clone();
    let mut pages: Vec<Page> = kb.procedures.iter().map(Page::of).collect();
    pages.sort_by(|a, b| a.folders.cmp(&b.folders).then(a.file.cmp(&b.file)));

    // Sections: every folder prefix of every breadcrumb, with its visible name.
    let mut sections: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for page in &pages {
        for depth in 1..=page.folders.len() {
            sections.insert(page.folders[..depth].to_vec(), page.section_names[depth - 1].clone());
        }
    }

    // Hugo.
    let hugo = root.join("hugo");
    put(&hugo.join("hugo.toml"), &hugo_config(&title))?;
    for (path, text) in HUGO_LAYOUTS {
        put(&hugo.join("layouts").join(path), text)?;
    }
    let content = hugo.join("content");
    put(&content.join("_index.md"), &format!("+++\ntitle = {}\n+++\n", toml_str(&title)))?;
    for (folders, name) in &sections {
        let path = content.join(folders.join("/")).join("_index.md");
        put(&path, &format!("+++\ntitle = {}\n+++\n", toml_str(name)))?;
    }
    for page in &pages {
        let path = content.join(page.folders.join("/")).join(format!("{}.md", page.file));
        put(&path, &page.hugo(&kb))?;
    }

    // mdBook.
    let book = root.join("mdbook");
    put(
        &book.join("book.toml"),
        &format!("[book]\ntitle = {}\nlanguage = \"pt-BR\"\nsrc = \"src\"\n", toml_str(&title)),
    )?;
    let src = book.join("src");
    let mut summary = format!("# Sumário\n\n[{title}](index.md)\n\n");
    put(&src.join("index.md"), &format!("# {title}\n"))?;
    let mut pages_at = pages.iter().peekable();
    for (folders, name) in &sections {
        let indent = "  ".repeat(folders.len() - 1);
        let index = format!("{}/index.md", folders.join("/"));
        let _ = writeln!(summary, "{indent}- [{name}]({index})");
        put(&src.join(&index), &format!("# {name}\n"))?;
        while let Some(page) = pages_at.next_if(|p| &p.folders == folders) {
            let path = format!("{}/{}.md", folders.join("/"), page.file);
            let _ = writeln!(summary, "{indent}  - [{}]({path})", page.title);
            put(&src.join(&path), &page.mdbook(&kb))?;
        }
    }
    put(&src.join("SUMMARY.md"), &summary)?;
    Ok(())
}

fn put(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("every path has a folder"))?;
    std::fs::write(path, text)
}

/// One procedure as a page.
struct Page<'a> {
    procedure: &'a Procedure,
    title: String,
    breadcrumb: String,
    /// The section part of the breadcrumb, as folder names and as shown.
    folders: Vec<String>,
    section_names: Vec<String>,
    /// The file name, without `.md`: the last part of the procedure's slug.
    file: String,
}

impl<'a> Page<'a> {
    fn of(procedure: &'a Procedure) -> Self {
        let title = procedure.title.as_ref().map(|t| t.get_ref().clone()).unwrap_or_default();
        let breadcrumb = procedure.breadcrumb().map(|b| b.to_string()).unwrap_or_default();
        let section_names: Vec<String> = procedure
            .section
            .as_ref()
            .map(|s| s.get_ref().split('>').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default();
        let folders = section_names.iter().map(|s| slugify(s)).collect();
        let file = procedure.slug.rsplit('/').next().unwrap_or(&procedure.slug).to_string();
        Page { procedure, title, breadcrumb, folders, section_names, file }
    }

    fn summary(&self) -> &str {
        self.procedure.summary.as_ref().map_or("", |s| s.get_ref())
    }

    fn tags(&self) -> Vec<&str> {
        self.procedure.tags.iter().map(|t| t.get_ref().as_str()).collect()
    }

    fn hugo(&self, kb: &KnowledgeBase) -> String {
        let mut t = String::with_capacity(4096);
        let tags: Vec<String> = self.tags().iter().map(|t| toml_str(t)).collect();
        let _ = write!(
            t,
            "+++\ntitle = {}\nbreadcrumb = {}\nsummary = {}\ntags = [{}]\n",
            toml_str(&self.title),
            toml_str(&self.breadcrumb),
            toml_str(self.summary()),
            tags.join(", ")
        );
        if let Some(owner) = &self.procedure.owner {
            let _ = writeln!(t, "owner = {}", toml_str(owner.get_ref()));
        }
        if let Some(updated) = &self.procedure.updated {
            let _ = writeln!(t, "date = {}", updated.get_ref());
        }
        t.push_str("+++\n\n");
        self.body(kb, Flavour::Hugo, &mut t);
        t
    }

    fn mdbook(&self, kb: &KnowledgeBase) -> String {
        let mut t = String::with_capacity(4096);
        let _ = write!(
            t,
            "# {}\n\n*{}*\n\n**Quando usar:** {}\n\n**Etiquetas:** {}\n\n",
            self.title,
            self.breadcrumb.replace('>', "›"),
            self.summary(),
            self.tags().join(", ")
        );
        if let Some(owner) = &self.procedure.owner {
            let _ = write!(t, "**Responsável:** {}", owner.get_ref());
        }
        if let Some(updated) = &self.procedure.updated {
            let _ = write!(t, " · **Última revisão:** {}", updated.get_ref());
        }
        t.push_str("\n\n");
        self.body(kb, Flavour::MdBook, &mut t);
        t
    }

    fn body(&self, kb: &KnowledgeBase, flavour: Flavour, t: &mut String) {
        let steps = &self.procedure.steps;
        let number = |id: &str| self.procedure.step_index(id).map_or(0, |i| i + 1);
        // As sopbook heads a step: its title, else what kind of step it is.
        let label = |step: &Step| match &step.title {
            Some(title) => title.get_ref().clone(),
            None => match step.kind() {
                StepKind::Decision => "Decisão",
                StepKind::Resolution => "Resolução",
                StepKind::Escalation => "Escalonamento",
                _ => "Ação",
            }
            .to_string(),
        };
        t.push_str("## Passos\n\n");
        for (i, step) in steps.iter().enumerate() {
            let id = step.id.get_ref();
            let _ = write!(t, "### {}. {} {{#{id}}}\n\n", i + 1, self.link_text(kb, flavour, &label(step)));
            if let Some(text) = &step.text {
                let _ = write!(t, "{}\n\n", self.link_text(kb, flavour, text.get_ref()));
            }
            if let Some(note) = &step.note {
                let _ = write!(t, "> **Nota:** {}\n\n", self.link_text(kb, flavour, note.get_ref()));
            }
            if let Some(warning) = &step.warning {
                let _ = write!(t, "> **Atenção:** {}\n\n", self.link_text(kb, flavour, warning.get_ref()));
            }
            for see in &step.see {
                let _ = write!(t, "Veja também: {}\n\n", self.link(kb, flavour, see.get_ref(), None, None));
            }
            match step.kind() {
                StepKind::Action => {
                    let next = step.next.as_ref().map_or("", |n| n.get_ref().as_str());
                    let _ = write!(t, "→ [passo {}](#{next})\n\n", number(next));
                }
                StepKind::Decision => {
                    for branch in step.branches.as_ref().map_or(&[][..], |b| b.get_ref()) {
                        let when = branch.when.as_ref().map_or("", |w| w.get_ref().as_str());
                        let next = branch.next.as_ref().map_or("", |n| n.get_ref().as_str());
                        let _ = writeln!(t, "- **{when}** → [passo {}](#{next})", number(next));
                    }
                    t.push('\n');
                }
                StepKind::Resolution => t.push_str("**Resolvido.** Fim do procedimento.\n\n"),
                StepKind::Escalation => {
                    let to = step.to.as_ref().map_or("", |to| to.get_ref().as_str());
                    let sla = step.sla.as_ref().map_or("", |sla| sla.get_ref().as_str());
                    let _ = write!(t, "**Escalonar para {to}** — retorno em até {sla}\n\n");
                    if let Some(to) = &step.to {
                        let _ = writeln!(t, "- Setor: {}", to.get_ref());
                    }
                    if let Some(sla) = &step.sla {
                        let _ = writeln!(t, "- Prazo (SLA): {}", sla.get_ref());
                    }
                    if let Some(via) = &step.via {
                        let _ = writeln!(t, "- Via: {}", self.link(kb, flavour, via.get_ref(), None, None));
                    }
                    if !step.fields.is_empty() {
                        t.push_str("- Campos do chamado:\n");
                        for field in &step.fields {
                            let _ = writeln!(t, "  - {}", field.name.get_ref());
                        }
                    }
                    t.push('\n');
                }
                StepKind::Mixed | StepKind::Incomplete => {}
            }
        }
    }

    /// A Markdown text with its `[[…]]` references turned into Markdown links.
    fn link_text(&self, kb: &KnowledgeBase, flavour: Flavour, text: &str) -> String {
        let refs = references(text);
        if refs.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut from = 0;
        for r in refs {
            out.push_str(&text[from..r.range.start]);
            match (&r.target, &r.step) {
                (None, Some(step)) => {
                    let _ = write!(out, "[{}](#{step})", r.shown.as_deref().unwrap_or(step));
                }
                (Some(target), step) => {
                    out.push_str(&self.link(kb, flavour, target.as_str(), step.as_deref(), r.shown.as_deref()))
                }
                (None, None) => out.push_str(&text[r.range.clone()]),
            }
            from = r.range.end;
        }
        out.push_str(&text[from..]);
        out
    }

    /// A link to the procedure or manual named by `crumb`, optionally to one of its steps, shown
    /// as `shown` or as the breadcrumb (as sopbook shows it).
    fn link(
        &self,
        kb: &KnowledgeBase,
        flavour: Flavour,
        crumb: &str,
        step: Option<&str>,
        shown: Option<&str>,
    ) -> String {
        let crumb = sopbook::model::Breadcrumb::parse(crumb);
        let shown = shown.map_or_else(|| crumb.to_string(), str::to_string);
        let anchor = step.map_or(String::new(), |s| format!("#{s}"));
        match kb.index.resolve(&crumb) {
            Some(Target::Procedure(i)) => {
                let other = Page::of(&kb.procedures[i]);
                let path = match flavour {
                    // This page is `/a/b/file/`: up to the root, then down to `/c/d/other/`.
                    Flavour::Hugo => {
                        format!("{}{}/{}/", "../".repeat(self.folders.len() + 1), other.folders.join("/"), other.file)
                    }
                    // This page is `a/b/file.md`.
                    Flavour::MdBook => {
                        format!("{}{}/{}.md", "../".repeat(self.folders.len()), other.folders.join("/"), other.file)
                    }
                };
                format!("[{shown}]({path}{anchor})")
            }
            Some(Target::Manual(i)) => match &kb.manuals[i].url {
                Some(url) => format!("[{shown}]({})", url.get_ref()),
                None => shown,
            },
            None => shown,
        }
    }
}

/// `Seção 00` → `secao-00`: accents dropped, lower case, runs of other characters as one `-`.
fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(char::is_ascii) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The site's configuration: everything off that the pages do not need (taxonomies, RSS,
/// sitemap); `{#id}` after a heading sets its anchor (the step links need it).
fn hugo_config(title: &str) -> String {
    format!(
        r#"baseURL = "http://localhost/"
languageCode = "pt-br"
title = {}
relativeURLs = true
buildFuture = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]

[taxonomies]

[markup.goldmark.parser.attribute]
title = true
"#,
        toml_str(title)
    )
}

/// Two minimal layouts: a page and a list (the home and the sections) show their title and
/// content, nothing else.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/single.html",
        r#"<!DOCTYPE html>
<html lang="pt-BR">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ .Content }}
</body>
</html>
"#,
    ),
    (
        "_default/list.html",
        r#"<!DOCTYPE html>
<html lang="pt-BR">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ .Content }}
</body>
</html>
"#,
    ),
];
