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
mod usage;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
        let (error, note) = (crate::t!("severity-error"), crate::t!("label-note"));
        let (message, report) = (crate::t!("cli-internal-error", info = info.to_string()), crate::t!("cli-report-bug"));
        to_stderr(&format!("{error}: {message}\n{note}: {report}\n"));
    }));
    // clap's help and errors come before the arguments are known: they follow `--lang` and the
    // base in the current folder; the command itself then follows its own base.
    i18n::set(i18n::choose(lang_in_arguments(), i18n::language_of_base(std::path::Path::new("."))));
    let cli = match parse() {
        Ok(Some(cli)) => cli,
        Ok(None) => return ExitCode::from(SUCCESS),
        Err(error) => {
            let text = usage::explain(&error);
            if error.use_stderr() {
                to_stderr(&text);
                return ExitCode::from(FAILURE);
            }
            print(&text);
            return ExitCode::from(SUCCESS);
        }
    };
    let base = cli.command.root().and_then(i18n::language_of_base);
    i18n::set(i18n::choose(cli.lang, base));
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
                let message = crate::t!("cli-stdout-lost", error = error.to_string());
                to_stderr(&format!("{}: {message}\n", crate::t!("severity-error")));
                ExitCode::from(if code == SUCCESS { FAILURE } else { code })
            }
            None => ExitCode::from(code),
        },
        Ok(Err(error)) => {
            // `{:#}`: the error and its causes on one line, `outer: cause: cause`.
            to_stderr(&format!("{}: {error:#}\n", crate::t!("severity-error")));
            ExitCode::from(FAILURE)
        }
        Err(_) => ExitCode::from(FAILURE),
    }
}

/// The arguments, or `None` when `sopbook help [COMMAND]` printed a help.
fn parse() -> Result<Option<Cli>, clap::Error> {
    let mut command = usage::localize(Cli::command());
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    if let Some(("help", help)) = matches.subcommand() {
        command.build();
        let help = match help.get_one::<String>("command") {
            None => command.render_help(),
            Some(name) => match command.find_subcommand_mut(name) {
                Some(sub) => sub.render_help(),
                None => {
                    let message = crate::t!("cli-error-unknown-command", command = name);
                    return Err(command.error(clap::error::ErrorKind::InvalidSubcommand, message));
                }
            },
        };
        let text = usage::usage_words(&help.to_string());
        print(&format!("{}\n", text.trim_end()));
        return Ok(None);
    }
    Cli::from_arg_matches(&matches).map(Some)
}

/// The value of `--lang` among the arguments, before clap reads them (for clap's own help).
fn lang_in_arguments() -> Option<Language> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    })?;
    i18n::parse_tag(&value)
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;
    use crate::i18n::{self, Language};

    /// Every command and argument has its help in the catalogue, in both languages (the
    /// catalogue's own test makes sure both languages have the same keys).
    #[test]
    fn every_command_and_argument_has_its_help_in_the_catalogue() {
        let mut missing = Vec::new();
        let root = Cli::command();
        for arg in root.get_arguments() {
            let key = format!("cli-{}", arg.get_id());
            if i18n::message_in(Language::PtBr, &key, &[]) == key {
                missing.push(key);
            }
        }
        for sub in root.get_subcommands() {
            let name = sub.get_name();
            let keys = std::iter::once(format!("cmd-{name}"))
                .chain(sub.get_arguments().map(|arg| format!("cmd-{name}-{}", arg.get_id())));
            missing.extend(keys.filter(|key| i18n::message_in(Language::PtBr, key, &[]) == *key));
        }
        assert!(missing.is_empty(), "no help in the catalogue for {missing:?}");
    }
}
