# load: messages of load (en). Fluent syntax: https://projectfluent.org/fluent/guide/
# Reading a knowledge base (sopbook.toml, manuals.toml, procedures), and the commands lint, refs,
# checklist, graph and schema.

## Shared wording

load-did-you-mean = did you mean `{ $best }`?
# "`key` must be EXPECTED, found FOUND": EXPECTED is a load-shape-…, FOUND a load-found….
load-must-be = `{ $key }` must be { $expected }, found { $found }
load-expected-found = expected { $expected }, found { $found }
# The kind of a TOML value, as found where another was expected.
load-found = { $kind ->
    [string] string
    [integer] integer
    [float] float
    [boolean] boolean
    [datetime] datetime
    [array] array
    [table] table
   *[other] { $kind }
}
# The same, followed by the value as written (`3`, "12").
load-found-value = { $kind ->
    [string] string { $value }
    [integer] integer { $value }
    [float] floating point { $value }
    [boolean] boolean { $value }
   *[other] { $kind } { $value }
}
load-shape-string = a string
load-shape-date = a date
load-shape-table = a table
load-shape-array = an array
load-shape-strings = an array of strings
load-shape-boolean = `true` or `false`
load-shape-a-boolean = a boolean
load-shape-whole-number = a whole number
load-shape-positive-number = a positive whole number
load-shape-months = a whole number of months
load-shape-steps = a table of steps (`[steps.ID]`)
load-shape-branches = an array of `{ $table }`
load-shape-scenarios = an array of tables (`[[scenarios]]`)
load-shape-scenario = a table (`[[scenarios]]`)
load-shape-step-answers = a string or an array of strings
load-shape-answers = an array of answers or a table of step IDs
load-shape-expect = a terminal's step ID or `{ $table }`
load-shape-images = `{ $table }` or an array of them
load-shape-field = a string or `{ $table }`
# Choices: "`a` or `b`", "one of `a`, `b`, `c`".
load-choices-two = { $first } or { $second }
load-choices-many = one of { $list }
load-expected-choices = expected { $choices }
load-help-write-list = write it as a list: `["…"]`
load-put-in-quotes = put the value between quotes
load-unknown-key = unknown key `{ $key }`
load-remove-key = remove this key
load-missing-key = missing required key `{ $key }`
load-invalid-value = invalid value: { $found }, expected { $expected }
load-unknown-value = unknown value `{ $value }` for `{ $key }`

## Reading files

load-not-a-folder = `{ $path }` is not a folder
load-not-a-knowledge-base = `{ $path }` has no `{ $procedures }/` folder: is this a knowledge base?
load-link-outside = a symbolic link outside the knowledge base: not read
load-link-to-outside = a symbolic link to `{ $target }`, outside the knowledge base: not read
load-link-loop = symlink loop back to `{ $folder }`
load-cannot-read-file = cannot read the file: { $error }
load-not-utf8 = the file is not UTF-8 text
load-cannot-read = cannot read `{ $file }`: { $error }
load-read-not-found = no such file
load-read-folder = a folder, not a file
load-read-special = { $kind ->
    [fifo] a FIFO (named pipe)
    [socket] a socket
    [device] a device
   *[other] a special file
}, not a regular file
load-read-too-big = larger than { $mib } MiB, the most sopbook reads of one file
load-outside-read = `{ $shown }` leads outside the knowledge base (to `{ $real }`) through a symbolic link: not read; copy the file into the knowledge base instead
load-outside-write = `{ $shown }` leads outside the knowledge base (to `{ $real }`) through a symbolic link: nothing was written; replace the link with a folder, or write in the folder it points to
load-invalid-toml = invalid TOML: { $detail }
load-invalid-toml-bare = invalid TOML

## sopbook.toml and manuals.toml

load-review-months-range = `months` must be between 1 and 600
load-history-days-range = `days` must be between 1 and { $max }
load-case-fields-too-many = `case_fields` has { $count } lines; at most { $max } fit the top of a sheet
load-case-fields-empty = a line of `case_fields` is empty
load-case-fields-too-long = the line `{ $line }` of `case_fields` is longer than { $max } characters
load-holidays-not-list = `holidays` must be an array, found a date
    .help = write it as a list: `holidays = [{ $date }]`
load-holiday-not-a-day = `{ $date }` is not a day of the calendar
load-holiday-date-and-time = a holiday must be a date, found the date and time `{ $value }`
    .help = write the date alone: `{ $date }`
load-holiday-time = a holiday must be a date, found the time `{ $value }`
load-holiday-quoted = a holiday must be a date, found string "{ $value }"
    .help = write the date without quotes: `{ $date }`
load-holiday-other = a holiday must be a date, found { $found }
load-holiday-help = write the date as year-month-day, without quotes: `2026-12-25`
load-synonym-empty = a synonym must not be empty
    .help = write a word or phrase, or remove the entry
load-synonym-too-long = a synonym has { $count } characters, at most { $max }
    .help = a synonym is a word or a short phrase that customers or analysts type
load-base-url-scheme = `base_url` must be an http(s) URL or a path, not `{ $scheme }:`
load-base-url-other-site = `base_url` must be an http(s) URL or a path, not another site (`//…`)
load-base-url-help = write the address where the site is published, such as `https://kb.example.com/` or `/kb/`
load-theme-path = `theme` must be the name of a folder in `themes/`, not a path: `{ $theme }`
    .help = write `theme = "meu"` for the folder `themes/meu/`
load-manual-not-list = `manual` must be a list of `[[manual]]` tables

## Procedures

# $place: procedure, step, branch, image, field, scenario or expect.
load-unknown-key-in = unknown key `{ $key }` in { $place ->
    [procedure] a procedure
    [step] a step
    [branch] a branch
    [image] an image
    [field] a field
    [scenario] a scenario
   *[expect] `expect`
}
    .help = the keys of { $place ->
        [procedure] a procedure
        [step] a step
        [branch] a branch
        [image] an image
        [field] a field
        [scenario] a scenario
       *[expect] `expect`
    } are: { $keys }
load-date-in-quotes =
    .help = write the date without quotes: `{ $key } = { $date }`
load-empty-procedure = the file is empty: a procedure needs `title`, `section` and `steps`
    .help = start from an existing procedure, or see `sopbook rules schema`
load-no-steps = `steps` has no steps
    .help = add `[steps.ID]` tables
load-invalid-step-id = invalid step ID `{ $id }`
    .help = use lower-case letters, digits and `-`, e.g. `{ $example }`
load-escalation-key = `{ $key }` only applies to an escalation
    .help = add `end = "escalation"` to make this step an escalation, or remove the key
load-branch-without = branch without `{ $key }`
load-scenario-without = scenario without `{ $key }`
load-scenario-without-name =
    .help = name the case as the desk knows it, e.g. `name = "Máquina formatada"`
load-scenario-without-expect =
    .help = say where the walk must end: a terminal's step ID, e.g. `expect = "resolvido"`, or `expect = { $table }`
load-expect-without-end = `expect` without `end`
    .help = add `end = "resolution"` or `end = "escalation"`
load-expect-to = `to` only applies to an expected escalation
    .help = `to` names the sector of an escalation: remove it, or expect `end = "escalation"`
load-image-without-src = image without `src`
load-field-without-name = field without `name`
load-unknown-field-kind = unknown field kind `{ $kind }`
    .help = the kinds are: { $kinds }
load-unknown-end = unknown `end` value `{ $value }`
    .help = use `"resolution"` or `"escalation"`
load-empty-value = `{ $key }` must not be empty
load-date-like = `{ $key }` must be a date like 2019-11-22
load-months-range = `{ $key }` must be between 1 and 600 months
# A scenario without a name, by its place in the file.
load-scenario-number = scenario { $number }

## SLA

load-sla-no-number = `{ $sla }` does not start with a number
load-sla-zero = an SLA of zero promises nothing
load-sla-unit = unknown unit `{ $unit }`: use `h` (hours), `d` (calendar days) or `du` (business days)
load-sla-no-unit = the unit after `{ $amount }` is missing: use `h` (hours), `d` (calendar days) or `du` (business days), as in `"{ $amount }h"`
load-sla-did-you-mean = did you mean `"{ $sla }"` ({ $unit })?
load-sla-help = write a number and a unit: `"24h"` (hours), `"2d"` (calendar days) or `"2du"` (business days)
load-sla-hours = hours
load-sla-days = calendar days
load-sla-business-days = business days

## sopbook refs

load-refs-step = step { $id }
# What the breadcrumb names: $target is procedure (with its $file), manual or none.
load-refs-count = { $count ->
    [0] no references
    [one] 1 reference
   *[other] { $count } references
} to { $target ->
    [procedure] the procedure `{ $crumb }` ({ $file })
    [manual] the manual `{ $crumb }`
   *[none] `{ $crumb }`
}
load-refs-give-breadcrumb = give the breadcrumb of a procedure or of a manual of manuals.toml
load-refs-names-nothing = `{ $crumb }` names no procedure or manual: { $help }
load-refs-broken = `{ $crumb }` names no procedure or manual; the references above are broken ({ $help })
# The kind of an unreferenced entry in `sopbook refs --unused`.
load-refs-kind = { $kind ->
    [manual] manual
   *[procedure] procedure
}
load-refs-all-referenced = every manual and procedure is referenced
load-refs-unreferenced = { $count } unreferenced: { $manuals } { $manuals ->
    [one] manual
   *[other] manuals
}, { $procedures } { $procedures ->
    [one] procedure
   *[other] procedures
}

## Command-line help (clap): cmd-<subcommand> and cmd-<subcommand>-<argument>

cmd-lint = Check every procedure of a knowledge base.
cmd-lint-root = The knowledge base: the folder that holds `procedures/`.
cmd-lint-format = How to print the findings: `human` (rustc-style messages with the source line underlined, then a summary), `json` (one JSON array, one object per finding) or `sarif` (SARIF 2.1.0, for GitHub code scanning).
cmd-lint-color = When to colour the human format.
cmd-lint-deny_warnings = Fail (exit 1) on warnings too.

cmd-refs = Every place that names a manual, or the manuals nobody names.
cmd-refs-breadcrumb = The manual or procedure: its breadcrumb (`"Certificado Digital > A1 > Debug"`).
cmd-refs-root = The knowledge base: the folder that holds `procedures/`.
cmd-refs-format = How to print the places found: `human` (one line per place, `file:line:column  step ID  field  reference`, then a count) or `json` (one JSON array, one object per place).
cmd-refs-unused = List the manuals of manuals.toml and the procedures that nothing references instead.

cmd-checklist = Print one procedure's checklist, for a ticket or a chat.
cmd-checklist-reference = The procedure: its slug (`certificado-digital/a1/perda-do-backup-a1`) or its breadcrumb (`"Certificado Digital > A1 > Perda do Backup A1"`).
cmd-checklist-root = The knowledge base: the folder that holds `procedures/`.
cmd-checklist-format = Plain text wrapped at 80 columns (for a ticket), or Markdown (for a chat).

cmd-graph = One procedure's step graph for other tools (DOT, Mermaid, SVG).
cmd-graph-reference = The procedure: its slug (`certificado-digital/a1/perda-do-backup-a1`), its breadcrumb (`"Certificado Digital > A1 > Perda do Backup A1"`) or its file name.
cmd-graph-root = The knowledge base: the folder that holds `procedures/`.
cmd-graph-format = Graphviz DOT, a Mermaid flowchart, or the site's SVG flowchart as a standalone file.

cmd-schema = Print the JSON Schema of procedure files or of sopbook.toml, for editors.
cmd-schema-which = Which file the schema describes: `procedure` (a procedure file, procedures/**/*.toml), `config` (sopbook.toml) or `manuals` (manuals.toml).

## The TOML parser's words (always English) for the most common mistakes.
toml-expected = { $what }, expected { $expected }
toml-key-with-no-value = key with no value
toml-unclosed-table = unclosed table
toml-unclosed-array-table = unclosed array table
toml-unclosed-array = unclosed array
toml-unclosed-inline-table = unclosed inline table
toml-invalid-basic-string = invalid basic string
toml-invalid-multi-line-string = invalid multi-line basic string
toml-invalid-literal-string = invalid literal string
toml-missing-value = missing value
toml-string-values-must-be-quoted = string values must be quoted
toml-duplicate-key = duplicate key
toml-missing-comma = missing comma between array elements
toml-missing-assignment = missing assignment between key-value pairs
toml-invalid-unquoted-key = invalid unquoted key
toml-unexpected-content = unexpected content
toml-invalid-value = invalid value
