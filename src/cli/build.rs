use std::path::PathBuf;
use std::time::Instant;

use super::{FINDINGS, SUCCESS, to_stderr};
use crate::lint::{self, report};
use crate::load::KnowledgeBase;
use crate::render;

#[derive(clap::Args)]
pub struct Args {
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Default: `[build] output` of sopbook.toml, relative to ROOT.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Build even when the linter finds errors; affected pages carry a banner.
    #[arg(long)]
    allow_errors: bool,
    /// Print the time of each phase.
    #[arg(long, short)]
    verbose: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let kb = KnowledgeBase::load(&args.root)?;
    let loaded = (started.elapsed(), render::site::peak_memory());
    let today = crate::load::today();
    let clock = Instant::now();
    let history = super::history::read(&kb, today, &Default::default(), args.verbose);
    let read_history = (clock.elapsed(), render::site::peak_memory());
    let clock = Instant::now();
    let outcome = lint::run_with(&kb, today, history.as_deref());
    let linted = (clock.elapsed(), render::site::peak_memory());
    if !outcome.findings.is_empty() && !args.quiet {
        let color = super::color_on_stderr();
        to_stderr(&report::human(&kb, &outcome.findings, &report::HumanOptions { color }));
        to_stderr(&format!("{}\n", report::summary(&outcome)));
    }
    if outcome.errors() > 0 && !args.allow_errors {
        let hint = if args.quiet { "`sopbook lint` shows them" } else { "see above" };
        to_stderr(&format!(
            "error: the site was not built: {} ({hint}; --allow-errors builds anyway)\n",
            report::summary(&outcome)
        ));
        return Ok(FINDINGS);
    }
    let out = args.out.unwrap_or_else(|| args.root.join(&kb.config.build.output));
    let options = render::Options { out: out.clone(), today, progress: !args.quiet, history };
    let built = render::build(&kb, &outcome, &options)?;
    if args.verbose {
        let phases =
            [("load", loaded.0, loaded.1), ("history", read_history.0, read_history.1), ("lint", linted.0, linted.1)];
        for (phase, time, peak) in phases.iter().chain(&built.timings) {
            let peak = peak.map_or_else(String::new, |p| format!("  (peak memory {} MB)", p / 1_000_000));
            to_stderr(&format!("  {phase:<26} {:>8.1} ms{peak}\n", time.as_secs_f64() * 1e3));
        }
    }
    if !args.quiet {
        to_stderr(&format!(
            "built {} pages ({} files, {:.1} MB) from {} procedures in {:.2} s → {}\n",
            built.pages,
            built.files,
            built.bytes as f64 / 1e6,
            kb.procedures.len(),
            started.elapsed().as_secs_f64(),
            out.join("index.html").display()
        ));
    }
    // The process ends here: the system takes the base's memory back at once (see `lint`).
    std::mem::forget((kb, outcome));
    Ok(SUCCESS)
}
