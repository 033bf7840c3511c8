# rules: messages of the lint rules from missing-image to untested-branch, and every rule summary (en). Fluent syntax: https://projectfluent.org/fluent/guide/

# A list of ids: "`a`, `b` and `c`" ($rest is "`a`, `b`").
rules-list-and = { $rest } and { $last }

## missing-image
# $key: the TOML to write, `image = { src = "…", alt = "…" }`.
missing-image = image `{ $src }` does not exist
    .help = the path is relative to the procedure file, in `{ $folder }/`
missing-image-backslash = image `{ $src }` separates folders with `\`
    .help = write `{ $fixed }`: `/` works on Windows, macOS and Linux
missing-image-outside = image `{ $src }` is outside the knowledge base
    .help = put the image beside the procedure file and use a relative path
missing-image-markdown = image `{ $src }` in Markdown is not published
    .label = the site copies only the images of the `image` key
    .help = show it with the step's `image` key: `{ $key }`

## missing-metadata
missing-metadata = procedure has no `owner`
    .help = add who answers for it, e.g. `owner = "Suporte Técnico"`
missing-metadata-updated = procedure has no `updated` date
    .help = add the date of its last review, e.g. `updated = 2019-11-22`

## mixed-step
# $keys: "`next` and `end`".
mixed-step = step `{ $id }` has { $keys }
    .label = a step is an action, a decision or a terminal, not more than one
    .help = keep only one of `next`, `branches` and `end`

## name-too-long
name-too-long = section has { $parts } parts
    .label = at most { $max }
    .help = use the levels of the Qualitor tree, rarely more than four
name-too-long-part = a section part has { $chars } characters
    .label = at most { $max } per part
    .help = name the section as the Qualitor tree does, in a few words
name-too-long-title = title has { $chars } characters
    .label = at most { $max }
    .help = keep the title short and put the explanation in `summary`
name-too-long-tag = tag has { $chars } characters
    .label = at most { $max }
    .help = a tag is a word or two that analysts search for

## name-variant
name-variant = section `{ $written }` is written `{ $other }` elsewhere
    .label = shares one page with the other spelling
    .related = written `{ $other }` here
    .help = write it `{ $other }` here too, or change both
name-variant-tag = tag `{ $written }` is written `{ $other }` elsewhere

## no-exit
# $names: "`a`, `b` and `c`"; $count: how many steps.
no-exit = { $count ->
    [one] no resolution or escalation can be reached from step { $names }
   *[other] no resolution or escalation can be reached from steps { $names }
}
    .label = every path from here loops without an end
    .help = give one of these steps a branch that leads to a resolution or an escalation

## review-overdue
review-overdue = review overdue since { $due } (last review { $updated }, cycle of { $months } months)
    .label = last review
    .help = review the procedure with its owner and set `updated` to the review date

## single-branch
single-branch = decision `{ $id }` has only one branch
    .label = a decision needs two or more answers
    .help = add the other answers, or use `next = "…"` if there is nothing to decide
single-branch-none = decision `{ $id }` has no branches

## slug-collision
slug-collision = `{ $path }` collides with `{ $other }`
    .label = same path but for case, accents, spaces or underscores
    .related = the other file
    .help = merge the two files or rename one, with lower-case letters, no accents and `-` for spaces

## summary-as-instruction
summary-as-instruction = `summary` starts with `{ $word }`: an instruction, not the situation
    .label = shown as "Quando usar"
    .help = write what the analyst hears or sees, for example `O cliente não encontra o backup do certificado A1.`

## unknown-step
unknown-step = step `{ $id }` does not exist
    .label = no step with this ID
    .help = did you mean `{ $best }`?
# $ids: the first steps of the procedure, "`a`, `b` and `c`".
unknown-step-steps = the steps of this procedure are { $ids }

## unreachable
unreachable = step `{ $id }` cannot be reached from the start (`{ $start }`)
    .label = no `next` or branch leads here
    .help = point a `next` or a branch of another step at `{ $id }`, or remove it

## unreviewed-change
# $list: the commits, "3f2a9c1 (2026-11-20, Maria Souza), …".
unreviewed-change = the steps changed without `updated` being moved: { $list }
    .label = last review { $date }
    .help = review the changed steps and set `updated` to the date of the review
unreviewed-change-working-tree = the working tree
unreviewed-change-more = { $list } and { $count } more

## unsafe-image
unsafe-image = image `{ $src }` is not a PNG, JPEG, GIF or WebP file
    .help = save the picture as PNG (or JPEG for a photo) and point `src` at that file
unsafe-image-hidden = image `{ $src }` is in a hidden folder or file (`{ $part }`)
    .help = files whose names start with a dot are never published: put the image beside the procedure file
unsafe-image-svg = image `{ $src }` is an SVG, which the site does not publish (an SVG can run scripts)
    .help = export it as PNG (or JPEG for a photo) and point `src` at that file
unsafe-image-content = image `{ $src }` is named as an image, but its content is not a PNG, JPEG, GIF or WebP image
    .help = open the picture in an image editor and export it again as PNG
# $error: the system's reason, as it says it.
unsafe-image-unreadable = image `{ $src }` cannot be read: { $error }
    .help = check the file's permissions

## unsafe-url
unsafe-url = link to a `{ $scheme }:` URL
    .label = shown as text, without a link
    .help = only paths, `#step` anchors and `http`, `https` or `mailto` URLs become links
unsafe-url-image = image from a `{ $scheme }:` URL
unsafe-url-manual = manual `{ $name }` has a `{ $scheme }:` URL
    .help = only `http`, `https` and `mailto` URLs become links: write the manual's full address, such as `https://qualitor.example.com.br/kb/123`
unsafe-url-manual-no-scheme = manual `{ $name }` has a URL without `https://`

## untested-branch
untested-branch = no scenario answers `{ $answer }` at decision `{ $id }`
    .label = untested
    .help = add a `[[scenarios]]` entry whose answers take this branch (see `sopbook test --coverage`)

## Summaries: one line per rule, in `sopbook rules` and SARIF.
action-not-imperative-summary = an action that does not start with a verb in the imperative
broken-link-summary = a Markdown link to a file, or to a `#step-id` that is not a step of the procedure
broken-reference-summary = a breadcrumb in `[[…]]`, `see` or `via`, or a `#step-id`, that resolves to nothing
dead-end-summary = a step has none of `next`, `branches`, `end`
decision-not-question-summary = a decision whose title and text ask no question
dense-chart-summary = a flowchart too dense to draw in full
duplicate-alias-summary = an alias that is another procedure's alias or title, written twice, or empty
duplicate-branch-summary = two branches of one decision with the same answer
duplicate-procedure-summary = two procedures share one breadcrumb
escalation-incomplete-summary = an escalation without `to` or a valid `sla`
failing-scenario-summary = a scenario whose walk does not end where it expects
hidden-character-summary = an invisible character (zero-width space, direction override…) in a text
image-alt-summary = an image without alt text
import-candidate-summary = a step `sopbook import` marked for review (`# sopbook import:` on its line)
long-checklist-summary = a procedure with more steps than fit one printed page
long-step-summary = a step whose text is longer than 60 words
missing-image-summary = an image file that does not exist
missing-metadata-summary = no `owner` or no `updated`
mixed-step-summary = a step has more than one of `next`, `branches`, `end`
name-too-long-summary = a section deeper than 16 levels, or a section part, title or tag longer than 200 characters
name-variant-summary = a section or tag written in two ways that share one page
no-exit-summary = no terminal can be reached from the step (a loop with no way out)
review-overdue-summary = `updated` plus the review cycle lies in the past
schema-summary = an unknown key, a wrong type, a missing required key, or a bad step ID
single-branch-summary = a decision with fewer than two branches
slug-collision-summary = two procedure files whose paths differ only by case, accents, spaces or underscores
summary-as-instruction-summary = a "Quando usar" (summary) written as an instruction, not as the situation
toml-syntax-summary = the file is not valid TOML, or not UTF-8
unknown-step-summary = `next`, a branch or `start` names a step that does not exist
unreachable-summary = no path from `start` reaches the step
unreadable-summary = a file or folder of the knowledge base cannot be read (permissions, a symlink loop, not a regular file)
unreviewed-change-summary = the steps changed in git since `updated` was last moved
unsafe-image-summary = an image that is not a PNG, JPEG, GIF or WebP file, an SVG, or a hidden file
unsafe-url-summary = a link that would run code or open something other than a web page (`javascript:`, `data:`…)
untested-branch-summary = an answer of a decision that no scenario takes

## sopbook rules
rules-level-error = error
rules-level-warning = warning
rules-level-allow = allow
rules-unknown = unknown rule `{ $id }`: did you mean `{ $best }`?
rules-unknown-list = unknown rule `{ $id }`: `sopbook rules` lists them all
# The first line of `sopbook rules ID` in English; in Portuguese the rule's section of the book is shown.
rules-doc-title = # { $id } ({ $level } by default)

## Command-line help
cmd-rules = List the lint rules, or explain one.
cmd-rules-id = A rule id: print its documentation.
