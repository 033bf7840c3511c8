//! The command line: one file per subcommand. Exit codes: 0 success, 1 findings, 2 could not run.

mod build;
mod checklist;
mod diff;
pub mod graph;
mod history;
mod import;
mod init;
mod lint;
mod new;
mod refs;
mod rules;
mod schema;
mod serve;
mod staged;
pub mod test;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::{self, Language};

#[derive(Parser)]
#[command(name = "sopbook", version, about = "Support procedures as code: lint and render TOML step graphs.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of the messages: pt-BR or en [default: `[site] language` of the base, else
    /// the locale's (LC_ALL, LC_MESSAGES, LANG), else pt-BR].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    lang: Option<Language>,
}

fn parse_language(tag: &str) -> Result<Language, String> {
    crate::i18n::parse_tag(tag).ok_or_else(|| crate::t!("cli-unknown-language", tag = tag))
}

impl Command {
    /// The knowledge base the command works on, if it has one.
    fn root(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(args) => Some(args.root()),
            Command::Checklist(args) => Some(args.root()),
            Command::Diff(args) => Some(args.root()),
            Command::Graph(args) => Some(args.root()),
            Command::Import(args) => Some(args.root()),
            Command::Init(args) => Some(args.root()),
            Command::Lint(args) => Some(args.root()),
            Command::New(args) => Some(args.root()),
            Command::Refs(args) => Some(args.root()),
            Command::Serve(args) => Some(args.root()),
            Command::Test(args) => Some(args.root()),
            Command::Rules(_) | Command::Schema(_) => None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the static site (lints first; refuses to build while there are errors).
    Build(build::Args),
    /// Print one procedure's checklist, for a ticket or a chat.
    Checklist(checklist::Args),
    /// What changed in the procedures between two versions in git, step by step.
    Diff(diff::Args),
    /// One procedure's step graph for other tools (DOT, Mermaid, SVG).
    Graph(graph::Args),
    /// Turn existing manuals (text, Markdown, HTML, .docx) into procedure skeletons.
    Import(import::Args),
    /// Create a new knowledge base.
    Init(init::Args),
    /// Check every procedure of a knowledge base.
    Lint(lint::Args),
    /// Create a new procedure file from its breadcrumb.
    New(new::Args),
    /// Every place that names a manual, or the manuals nobody names.
    Refs(refs::Args),
    /// List the lint rules, or explain one.
    Rules(rules::Args),
    /// Print the JSON Schema of procedure files or of sopbook.toml, for editors.
    Schema(schema::Args),
    /// Build, serve on 127.0.0.1, rebuild on every change and reload the open pages.
    Serve(serve::Args),
    /// Walk every procedure's scenarios and report, like `cargo test`; `--coverage` for branches.
    Test(test::Args),
}

/// Exit code: no error.
pub const SUCCESS: u8 = 0;
/// Exit code: findings of error severity.
pub const FINDINGS: u8 = 1;
/// Exit code: could not run (bad arguments, no such folder, an internal error).
pub const FAILURE: u8 = 2;

pub fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        to_stderr(&format!(
            "error: internal error in sopbook: {info}\nnote: this is a bug; please report it with the file that caused it\n"
        ));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => {
            let base = cli.command.root().and_then(i18n::language_of_base);
            i18n::set(i18n::choose(cli.lang, base));
            cli
        }
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { FAILURE } else { SUCCESS });
        }
    };
    let result = std::panic::catch_unwind(|| match cli.command {
        Command::Build(args) => build::run(args),
        Command::Checklist(args) => checklist::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Import(args) => import::run(args),
        Command::Init(args) => init::run(args),
        Command::Lint(args) => lint::run(args),
        Command::New(args) => new::run(args),
        Command::Refs(args) => refs::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Test(args) => test::run(args),
    });
    match result {
        Ok(Ok(code)) => match STDOUT_ERROR.get() {
            // The output was lost: say so; a command with nothing else to report fails.
            Some(error) => {
                to_stderr(&format!("error: cannot write to standard output: {error}\n"));
                ExitCode::from(if code == SUCCESS { FAILURE } else { code })
            }
            None => ExitCode::from(code),
        },
        Ok(Err(error)) => {
            // `{:#}`: the error and its causes on one line, `outer: cause: cause`.
            to_stderr(&format!("error: {error:#}\n"));
            ExitCode::from(FAILURE)
        }
        Err(_) => ExitCode::from(FAILURE),
    }
}

/// Colour for messages on standard error: only on a terminal, and never with `NO_COLOR`.
fn color_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The first error writing to standard output, other than a closed pipe.
static STDOUT_ERROR: std::sync::OnceLock<std::io::Error> = std::sync::OnceLock::new();

/// Writes to standard output. A closed pipe (`sopbook lint | head`) is not an error: the
/// command goes on, so what it found still decides the exit code. Any other error (a full disk)
/// is kept for `main` to report.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = out.write_all(text.as_bytes()).and_then(|_| out.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        let _ = STDOUT_ERROR.set(error);
    }
}

/// Writes to standard error, ignoring a closed pipe (where `eprint!` would panic).
fn to_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
