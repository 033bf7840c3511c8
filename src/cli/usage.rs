//! clap in the user's language: the help's headings, the about line of each command and the help
//! of each argument come from the catalogue (`cmd-SUBCOMMAND`, `cmd-SUBCOMMAND-ARG`), and clap's
//! errors are rewritten from their kind and context. The doc comments of the arguments stay as
//! the developers' documentation.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n;
use crate::t;

/// The command tree with every word of its help in the current language.
pub fn localize(command: Command) -> Command {
    let command = command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t!("cli-version")))
        .subcommand(Command::new("help").about(t!("cli-help-command")).arg(Arg::new("command").value_name("COMMAND")))
        .about(t!("cli-about"));
    localize_tree(command, None)
}

fn localize_tree(command: Command, parent: Option<&str>) -> Command {
    let name = command.get_name().to_string();
    let key = |suffix: &str| match parent {
        None => format!("cli-{suffix}"),
        Some(_) => format!("cmd-{name}-{suffix}"),
    };
    let mut command = command
        .help_template(format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", t!("cli-usage")))
        .subcommand_help_heading(t!("cli-heading-commands"))
        .subcommand_value_name(t!("cli-value-command"))
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t!("cli-help")))
        .mut_args(|arg| {
            let heading = if arg.is_positional() { t!("cli-heading-arguments") } else { t!("cli-heading-options") };
            let arg = arg.help_heading(heading);
            match i18n::lookup(&key(arg.get_id().as_str())) {
                Some(help) => arg.help(one_line(help)).long_help(None),
                None => arg,
            }
        });
    if parent.is_some()
        && let Some(about) = i18n::lookup(&format!("cmd-{name}"))
    {
        command = command.about(one_line(about)).long_about(None);
    }
    command.mut_subcommands(|sub| localize_tree(sub, Some(&name)))
}

/// A help line as clap writes them: without a final period.
fn one_line(text: String) -> String {
    match text.strip_suffix('.') {
        Some(stripped) if !stripped.ends_with('.') => stripped.to_string(),
        _ => text,
    }
}

/// What to print for a clap error, and where: help and version to standard output, the rest,
/// in the user's language, to standard error.
pub fn explain(error: &clap::Error) -> String {
    let value = |kind: ContextKind| error.get(kind).map(context_text).unwrap_or_default();
    let displays = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let ours = error.get(ContextKind::InvalidArg).is_none() && error.get(ContextKind::InvalidSubcommand).is_none();
    let message = match error.kind() {
        // A message of ours (`Command::error`), already in the user's language.
        _ if ours
            && !displays
            && error.get(ContextKind::Custom).is_none()
            && error.kind() != ErrorKind::MissingSubcommand =>
        {
            let rendered = error.render().to_string();
            rendered.lines().next().unwrap_or_default().trim_start_matches("error: ").to_string()
        }
        _ if displays => return usage_words(&error.render().to_string()),
        ErrorKind::UnknownArgument => t!("cli-error-unknown-argument", arg = value(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            t!("cli-error-unknown-command", command = value(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => t!(
            "cli-error-invalid-value",
            value = value(ContextKind::InvalidValue),
            arg = value(ContextKind::InvalidArg)
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error).map(|e| e.to_string()).unwrap_or_default();
            t!(
                "cli-error-value-validation",
                value = value(ContextKind::InvalidValue),
                arg = value(ContextKind::InvalidArg),
                reason = reason
            )
        }
        ErrorKind::MissingRequiredArgument => {
            t!("cli-error-missing-argument", args = value(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => t!("cli-error-missing-command"),
        ErrorKind::ArgumentConflict => {
            t!("cli-error-conflict", arg = value(ContextKind::InvalidArg), other = value(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("cli-error-values", arg = value(ContextKind::InvalidArg))
        }
        // Anything else (invalid UTF-8, I/O): clap's own words, in English, rather than none.
        _ => return error.render().to_string(),
    };
    let mut text = format!("{}: {message}\n", t!("severity-error"));
    if let Some(valid) = error.get(ContextKind::ValidValue).map(context_text).filter(|v| !v.is_empty()) {
        text.push_str(&format!("\n  {}\n", t!("cli-error-possible-values", values = valid)));
    }
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        if let Some(suggested) = error.get(kind).map(alternatives) {
            text.push_str(&format!(
                "\n  {}: {}\n",
                t!("cli-tip"),
                t!("cli-error-did-you-mean", suggestion = suggested)
            ));
        }
    }
    if let Some(usage) = error.get(ContextKind::Usage) {
        text.push_str(&format!("\n{}\n", usage_words(&usage.to_string())));
    }
    text.push_str(&format!("\n{}\n", t!("cli-error-more")));
    text
}

/// A value of an error's context as text: lists joined by commas, each item in backticks.
fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        ContextValue::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Suggestions as `a` or `` `a` ou `b` ``.
fn alternatives(value: &ContextValue) -> String {
    match value {
        ContextValue::Strings(list) => {
            let quoted: Vec<String> = list.iter().map(|s| format!("`{s}`")).collect();
            match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => t!("cli-or", first = rest.join(", "), last = last.as_str()),
                None => String::new(),
            }
        }
        other => format!("`{}`", context_text(other)),
    }
}

/// clap's fixed words in a help or a usage line, in the user's language.
pub fn usage_words(text: &str) -> String {
    text.replace("Usage:", &t!("cli-usage"))
        .replace("[OPTIONS]", &t!("cli-value-options"))
        .replace("[default: ", &format!("[{}: ", t!("cli-default")))
        .replace("[possible values: ", &format!("[{}: ", t!("cli-possible-values")))
        .replace("Possible values:", &format!("{}:", t!("cli-possible-values-heading")))
}
