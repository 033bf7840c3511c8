use std::path::PathBuf;
use std::time::Instant;

use super::{FINDINGS, SUCCESS, to_stderr};
use crate::i18n::Language;
use crate::lint::{self, report};
use crate::load::KnowledgeBase;
use crate::render;
use crate::t;

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
        let hint = if args.quiet { t!("build-hint-quiet") } else { t!("build-hint-above") };
        to_stderr(&format!(
            "{}: {}\n",
            t!("severity-error"),
            t!("build-not-built", summary = report::summary(&outcome), hint = hint)
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
            let peak =
                peak.map_or_else(String::new, |p| format!("  {}", t!("build-peak-memory", megabytes = p / 1_000_000)));
            let time = decimal(time.as_secs_f64() * 1e3, 1);
            to_stderr(&format!("  {:<26} {time:>8} ms{peak}\n", phase_name(phase)));
        }
    }
    if !args.quiet {
        let done = t!(
            "build-done",
            pages = built.pages,
            files = built.files,
            megabytes = decimal(built.bytes as f64 / 1e6, 1),
            procedures = kb.procedures.len(),
            seconds = decimal(started.elapsed().as_secs_f64(), 2),
            index = out.join("index.html").display().to_string()
        );
        to_stderr(&format!("{done}\n"));
    }
    // The process ends here: the system takes the base's memory back at once (see `lint`).
    std::mem::forget((kb, outcome));
    Ok(SUCCESS)
}

/// The name of a phase of the build (`--verbose`), from its id.
fn phase_name(id: &str) -> String {
    match id {
        "load" => t!("build-phase-load"),
        "history" => t!("build-phase-history"),
        "lint" => t!("build-phase-lint"),
        "prepare" => t!("build-phase-prepare"),
        "procedures" => t!("build-phase-procedures"),
        "lists" => t!("build-phase-lists"),
        "write-rest" => t!("build-phase-write-rest"),
        "swap" => t!("build-phase-swap"),
        other => other.to_string(),
    }
}

/// `x` with `places` decimals, with a decimal comma in Portuguese ("2,5").
fn decimal(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    match crate::i18n::current() {
        Language::PtBr => text.replace('.', ","),
        Language::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Arg, message_in};

    #[test]
    fn the_summary_line_in_both_languages() {
        let args = |procedures: usize, megabytes: &'static str, seconds: &'static str| {
            vec![
                ("pages", Arg::from(13)),
                ("files", Arg::from(40)),
                ("megabytes", Arg::from(megabytes)),
                ("procedures", Arg::from(procedures)),
                ("seconds", Arg::from(seconds)),
                ("index", Arg::from("site/index.html")),
            ]
        };
        assert_eq!(
            message_in(Language::PtBr, "build-done", &args(1, "1,2", "0,52")),
            "13 páginas geradas (40 arquivos, 1,2 MB) a partir de 1 procedimento em 0,52 s → site/index.html"
        );
        assert_eq!(
            message_in(Language::En, "build-done", &args(14, "1.2", "0.52")),
            "built 13 pages (40 files, 1.2 MB) from 14 procedures in 0.52 s → site/index.html"
        );
        assert_eq!(phase_name("write-rest"), "gravar o resto");
        assert_eq!(phase_name("novo"), "novo");
    }
}
