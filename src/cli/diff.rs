//! `sopbook diff [REV] [REV2]`: what changed in the procedures between two versions, in the
//! editors' terms. Like `git diff`: no revision compares the working tree with `HEAD`, one
//! compares the working tree with it, two compare them with each other.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::ValueEnum;

use super::lint::Color;
use super::{SUCCESS, print};
use crate::diff;
use crate::history::History;
use crate::load::{KnowledgeBase, PROCEDURES_DIR};
use crate::t;

#[derive(clap::Args)]
pub struct Args {
    /// The older version: a commit, branch or tag (`HEAD~3`, `main`, `v2`). Default: HEAD.
    rev: Option<String>,
    /// The newer version. Default: the working tree.
    rev2: Option<String>,
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How to print the changes: `human`, rustc-style: each procedure, then its changes step by
    /// step, then a count; `json`, one JSON object: added, removed, renamed and changed
    /// procedures; `markdown`, a pull-request comment.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    // The language of the descriptions is the global `--lang` (default: `[site] language` of
    // sopbook.toml, then the locale, then pt-BR), as for every message.
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    // rustc-style: each procedure, then its changes step by step, then a count.
    Human,
    // One JSON object: added, removed, renamed and changed procedures.
    Json,
    // A pull-request comment.
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    let history =
        History::read(&args.root).with_context(|| t!("diff-git-unreadable", root = args.root.display().to_string()))?;
    let Some(history) = history else {
        bail!(t!("diff-not-in-git", root = args.root.display().to_string()));
    };
    let old_rev = args.rev.as_deref().unwrap_or("HEAD");
    let old = history.files_at(old_rev)?;
    let new = match &args.rev2 {
        Some(rev) => history.files_at(rev)?,
        None => working_tree(&kb),
    };
    let changes = diff::bases(&old, &new);
    let language = crate::i18n::current();
    let text = match args.format {
        Format::Human => diff::human(&changes, args.color.on_stdout(), language),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&changes)?),
        Format::Markdown => diff::markdown(&changes, language),
    };
    print(&text);
    Ok(SUCCESS)
}

/// The procedure files as they are on disk, as `History::files_at` gives a revision's.
fn working_tree(kb: &KnowledgeBase) -> Vec<(String, String)> {
    let prefix = format!("{PROCEDURES_DIR}/");
    let mut files: Vec<(String, String)> = kb
        .files
        .iter()
        .filter(|f| f.path.starts_with(&prefix) && f.path.ends_with(".toml"))
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    files.sort();
    files
}
