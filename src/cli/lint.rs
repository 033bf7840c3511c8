use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{FINDINGS, SUCCESS, print};
use crate::lint::{self, report};
use crate::load::KnowledgeBase;

#[derive(clap::Args)]
pub struct Args {
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(default_value = ".")]
    root: PathBuf,
    /// How to print the findings: `human` (rustc-style messages with the source line
    /// underlined, then a summary), `json` (one JSON array, one object per finding) or `sarif`
    /// (SARIF 2.1.0, for GitHub code scanning).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
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
    // rustc-style messages with the source line underlined, then a summary.
    Human,
    // One JSON array, one object per finding.
    Json,
    // SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// When to colour the human format (shared with `test`).
#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether to colour standard output: `auto` on a terminal without `NO_COLOR`.
    pub(super) fn on_stdout(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    let today = crate::load::today();
    // Only `unreviewed-change` reads git, and it is off unless `[lint]` names it.
    let history = if kb.config.lint.keys().any(|id| id.get_ref() == lint::RuleId::UnreviewedChange.as_str()) {
        super::history::read(&kb, today, &Default::default(), false)
    } else {
        None
    };
    let outcome = lint::run_with(&kb, today, history.as_deref());
    match args.format {
        Format::Human => {
            let color = args.color.on_stdout();
            let mut text = report::human(&kb, &outcome.findings, &report::HumanOptions { color });
            text.push_str(&report::summary(&outcome));
            text.push('\n');
            print(&text);
        }
        Format::Json => print(&report::json(&kb, &outcome.findings)),
        Format::Sarif => print(&report::sarif(&kb, &outcome.findings)),
    }
    let failed = outcome.errors() > 0 || (args.deny_warnings && outcome.warnings() > 0);
    // The process ends here: freeing the base piece by piece took 4 % of a lint of 10,000
    // procedures, for memory the system takes back at once.
    std::mem::forget((kb, outcome));
    Ok(if failed { FINDINGS } else { SUCCESS })
}
