//! `sopbook refs`: every place that names a manual or procedure, for a safe rename; with
//! `--unused`, the manuals and procedures that nothing names.

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::{FINDINGS, SUCCESS, print, to_stderr};
use crate::load::{KnowledgeBase, Target};
use crate::model::Breadcrumb;
use crate::refs::{self, Occurrence, Unused};
use crate::suggest;
use crate::t;

#[derive(clap::Args)]
pub struct Args {
    /// The manual or procedure: its breadcrumb (`"Certificado Digital > A1 > Debug"`).
    #[arg(required_unless_present = "unused", conflicts_with = "unused")]
    breadcrumb: Option<String>,
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How to print the places found: `human` (one line per place, `file:line:column  step ID
    /// field  reference`, then a count) or `json` (one JSON array, one object per place).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// List the manuals of manuals.toml and the procedures that nothing references instead.
    #[arg(long)]
    unused: bool,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[derive(Clone, Copy, ValueEnum)]
// The values are described in the help of `--format`: per-value help cannot be translated.
enum Format {
    // One line per place (`file:line:column  step ID  field  reference`), then a count.
    Human,
    // One JSON array, one object per place.
    Json,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    step: Option<&'a str>,
    field: &'a str,
    /// The whole line of the file.
    text: &'a str,
    /// The reference as written.
    reference: &'a str,
}

#[derive(Serialize)]
struct UnusedJson<'a> {
    kind: &'a str,
    breadcrumb: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    match &args.breadcrumb {
        Some(raw) => Ok(places(&kb, raw, args.format)),
        None => {
            unused(&kb, &refs::unused(&kb), args.format);
            Ok(SUCCESS)
        }
    }
}

fn places(kb: &KnowledgeBase, raw: &str, format: Format) -> u8 {
    let crumb = Breadcrumb::parse(raw);
    let found = refs::find(kb, &crumb);
    let known = kb.index.resolve(&crumb);
    match format {
        Format::Human => print(&human(kb, &crumb, known, &found)),
        Format::Json => print(&json(kb, &found)),
    }
    if known.is_some() {
        return SUCCESS;
    }
    let mut candidates: Vec<&str> = kb.index.breadcrumbs().map(Breadcrumb::as_str).collect();
    candidates.sort_unstable();
    let help = match suggest::closest_breadcrumb(crumb.as_str(), candidates) {
        Some(best) => crate::load::words::did_you_mean(best),
        None => t!("load-refs-give-breadcrumb"),
    };
    let crumb = crumb.to_string();
    if found.is_empty() {
        let message = t!("load-refs-names-nothing", crumb = crumb.as_str(), help = help);
        to_stderr(&format!("{}: {message}\n", t!("severity-error")));
        FINDINGS
    } else {
        let message = t!("load-refs-broken", crumb = crumb.as_str(), help = help);
        to_stderr(&format!("{}: {message}\n", t!("label-note")));
        SUCCESS
    }
}

/// The line of `span`'s start, without its line break.
fn line_text(kb: &KnowledgeBase, file: usize, offset: usize) -> &str {
    let (_, lines) = kb.files[file].lines_around(&(offset..offset));
    lines.lines().next().unwrap_or("")
}

fn human(kb: &KnowledgeBase, crumb: &Breadcrumb, known: Option<Target>, found: &[Occurrence]) -> String {
    let mut out = String::new();
    for o in found {
        let file = &kb.files[o.file];
        let (line, column) = file.line_col(o.span.start);
        let step = o.step.as_ref().map_or_else(String::new, |id| format!("{}  ", t!("load-refs-step", id = id)));
        out.push_str(&format!("{}:{line}:{column}  {step}{}  {}\n", file.path, o.field, one_line(&o.written)));
    }
    let (target, file) = match known {
        Some(Target::Procedure(p)) => ("procedure", kb.files[kb.procedures[p].file].path.as_str()),
        Some(Target::Manual(_)) => ("manual", ""),
        None => ("none", ""),
    };
    out.push_str(&t!("load-refs-count", count = found.len(), target = target, crumb = crumb.to_string(), file = file));
    out.push('\n');
    out
}

/// Line breaks of a multi-line string shown as spaces, so each place stays on one line.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

fn json(kb: &KnowledgeBase, found: &[Occurrence]) -> String {
    let places: Vec<PlaceJson<'_>> = found
        .iter()
        .map(|o| {
            let file = &kb.files[o.file];
            let (line, column) = file.line_col(o.span.start);
            PlaceJson {
                file: &file.path,
                line,
                column,
                step: o.step.as_deref(),
                field: o.field,
                text: line_text(kb, o.file, o.span.start),
                reference: &o.written,
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&places).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

fn unused(kb: &KnowledgeBase, list: &[Unused], format: Format) {
    match format {
        Format::Human => {
            let mut out = String::new();
            for u in list {
                let file = &kb.files[u.file];
                let (line, column) = file.line_col(u.span.start);
                let kind = t!("load-refs-kind", kind = u.kind.as_str());
                out.push_str(&format!("{}:{line}:{column}  {kind}  {}\n", file.path, one_line(&u.name)));
            }
            let manuals = list.iter().filter(|u| u.kind == refs::UnusedKind::Manual).count();
            let procedures = list.len() - manuals;
            if list.is_empty() {
                out.push_str(&t!("load-refs-all-referenced"));
            } else {
                out.push_str(&t!(
                    "load-refs-unreferenced",
                    count = list.len(),
                    manuals = manuals,
                    procedures = procedures
                ));
            }
            out.push('\n');
            print(&out);
        }
        Format::Json => {
            let entries: Vec<UnusedJson<'_>> = list
                .iter()
                .map(|u| {
                    let file = &kb.files[u.file];
                    let (line, column) = file.line_col(u.span.start);
                    UnusedJson { kind: u.kind.as_str(), breadcrumb: &u.name, file: &file.path, line, column }
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".into());
            text.push('\n');
            print(&text);
        }
    }
}
