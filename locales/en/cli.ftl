# cli: messages of cli (en). Fluent syntax: https://projectfluent.org/fluent/guide/

cli-unknown-language = unknown language `{ $tag }`: use `pt-BR` or `en`

## clap's help: headings, common options and argument errors.
cli-about = Support procedures as code: lint and render TOML step graphs.
cli-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-value-command = COMMAND
cli-value-options = [OPTIONS]
cli-help = Print help
cli-version = Print version
cli-help-command = Print the help of sopbook or of a command
cmd-help = Print the help of sopbook or of a command
cmd-help-command = The command whose help to print
cli-lang = The language of the messages: pt-BR or en [default: `[site] language` of the base, else the locale's (LC_ALL, LC_MESSAGES, LANG), else pt-BR]
cli-or = { $first } or { $last }
cli-default = default
cli-possible-values = possible values
cli-possible-values-heading = Possible values
cli-error-did-you-mean = did you mean { $suggestion }?
cli-tip = tip
cli-error-unknown-argument = unexpected argument `{ $arg }`
cli-error-unknown-command = unknown command `{ $command }`
cli-error-invalid-value = invalid value `{ $value }` for `{ $arg }`
cli-error-value-validation = invalid value `{ $value }` for `{ $arg }`: { $reason }
cli-error-missing-argument = missing required arguments: { $args }
cli-error-missing-command = missing a command (see `sopbook --help`)
cli-error-conflict = `{ $arg }` cannot be used with `{ $other }`
cli-error-values = wrong number of values for `{ $arg }`
cli-error-possible-values = possible values: { $values }
cli-error-more = For more information, try `--help`.


## General errors
cli-internal-error = internal error in sopbook: { $info }
cli-report-bug = this is a bug; please report it with the file that caused it
cli-stdout-lost = cannot write to standard output: { $error }
