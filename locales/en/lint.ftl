# lint: messages of lint (en). Fluent syntax: https://projectfluent.org/fluent/guide/

# The last line of `sopbook lint`: "2 errors, 1 warning in 14 procedures".
lint-summary = { $errors }, { $warnings } in { $procedures }

## dead-end
dead-end = step `{ $id }` leads nowhere
    .label = no `next`, `branches` or `end`
    .help = add `next = "…"` to continue, `branches` to ask a question, or `end = "resolution"` / `end = "escalation"` to finish

## Shared by the rules and by `[lint]` in sopbook.toml
lint-did-you-mean = did you mean `{ $name }`?

## [lint] in sopbook.toml
lint-unknown-rule = unknown rule `{ $id }` in [lint]
    .help = `sopbook rules` lists every rule
lint-unknown-level = unknown level `{ $level }` for rule `{ $rule }`
    .help = use "error", "warning" or "allow"

## action-not-imperative
action-not-imperative = action `{ $id }` starts with `{ $word }`, not with a verb in the imperative
    .label = an infinitive or a gerund
    .help = start with the order the analyst follows, for example `Abra o atendimento`

## broken-link
broken-link-anchor = link `{ $url }` names no step of this procedure
    .suggestion = did you mean `#{ $best }`? (or write `[[#{ $best }]]`)
    .help = link to a step of this procedure, as `[[#step-id]]`
broken-link-file = link `{ $url }` points at a file the site does not publish
    .label = shown as text, without a link
    .help = link to a procedure with `[[Breadcrumb]]`, to a step with `[[#step-id]]`, or to a web address (`https://…`)

## broken-reference
broken-reference-unknown = `{ $crumb }` names no procedure or manual
    .label = no procedure or manual with this breadcrumb
    .help = if the manual lives only in Qualitor, add it to manuals.toml: `[[manual]]` with `path = "{ $crumb }"`
broken-reference-nothing = `{ $written }` names nothing
    .help = write `[[Breadcrumb]]`, `[[Breadcrumb#step-id]]` or `[[#step-id]]`
broken-reference-step = `{ $crumb }` has no step `{ $step }`
    .label = no step with this ID
broken-reference-step-here = this procedure has no step `{ $step }`

## decision-not-question
decision-not-question = decision `{ $id }` asks no question (no `?` in its title or text)
    .label = the answers answer what?
    .help = write the question the analyst asks, for example `O cliente ainda tem acesso à máquina?`

## dense-chart
dense-chart = the flowchart of { $steps } steps and { $links } links is too dense to draw in full; it is simplified
    .help = split the procedure, or make each decision lead to a few nearby steps

## duplicate-alias
duplicate-alias-empty = empty alias
    .label = no words for the search
    .help = write the customer's words here, or remove the entry
duplicate-alias-twice = alias `{ $alias }` is written twice
    .label = same words as an earlier alias of this procedure
    .related = first written here
    .help = remove one of them
duplicate-alias-title = alias `{ $alias }` is the title of another procedure, `{ $title }` ({ $path })
    .label = the search already leads to that procedure with these words
    .related = its title
    .help = remove the alias, or make it more specific to this procedure
duplicate-alias-other = alias `{ $alias }` is also an alias of `{ $title }` ({ $path })
    .label = the search cannot tell the two procedures apart
    .related = first used here
    .help = keep the alias on the procedure the customer means, or make each one more specific

## duplicate-branch
duplicate-branch = decision `{ $id }` has the answer `{ $answer }` twice
    .label = same answer as an earlier branch
    .related = first given here
    .help = change this answer, or merge the two branches

## duplicate-procedure
duplicate-procedure = procedure `{ $crumb }` is defined twice
    .label = same section and title as another procedure
    .related = first defined here
    .help = merge this file with `{ $path }`, or change its title

## escalation-incomplete
escalation-incomplete-to = escalation `{ $id }` has no `to`
    .label = which sector receives the case?
    .help = add the sector, e.g. `to = "Relacionamento"`
escalation-incomplete-sla = escalation `{ $id }` has no `sla`
    .label = when will the client hear back?
    .help = add the promised return, e.g. `sla = "24h"`, `sla = "2d"` or `sla = "2du"`
# $why: what is wrong with the value (from the SLA's own messages).
escalation-incomplete-invalid = `sla` of escalation `{ $id }` is not valid: { $why }

## hidden-character
# $count: how many invisible characters in a row; $code: the first one's code (200B); $name: its name, below.
hidden-character = { $count ->
    [one] invisible character U+{ $code } ({ $name })
   *[other] { $count } invisible characters, starting with U+{ $code } ({ $name })
}
    .label = here, invisible
    .help = delete it: it does not show, breaks the search and can reorder the text around it
hidden-character-unknown = invisible character
hidden-character-u200b = zero-width space
hidden-character-u2060 = word joiner
hidden-character-ufeff = zero-width no-break space (byte-order mark)
hidden-character-u200e = left-to-right mark
hidden-character-u200f = right-to-left mark
hidden-character-u202a = left-to-right embedding
hidden-character-u202b = right-to-left embedding
hidden-character-u202c = pop directional formatting
hidden-character-u202d = left-to-right override
hidden-character-u202e = right-to-left override
hidden-character-u2066 = left-to-right isolate
hidden-character-u2067 = right-to-left isolate
hidden-character-u2068 = first strong isolate
hidden-character-u2069 = pop directional isolate

## image-alt
image-alt = image without alt text
    .help = describe what the image shows: `alt = "…"`

## import-candidate
# $what: the note `sopbook import` left after `# sopbook import:`, as written in the file.
# $branches and $image: TOML to write, given by the program (`branches = [{ when = "Sim", … }]`).
import-candidate = imported, to review: { $what }
    .help-decision = replace `next` with `{ $branches }`, then delete the comment
    .help-escalation = check that the case ends here and fill `to` and `sla`, then delete the comment
    .help-no-alt = write in the picture's `alt` what it shows, then delete the comment
    .help-image = add the picture with `{ $image }` or keep the note, then delete the comment
    .help = review what the comment says, then delete it

## long-checklist
long-checklist = { $count } steps: the printed checklist takes more than one page (at most { $max } fit)
    .label = too long for one A4 sheet
    .help = split the procedure where it changes subject, and link the parts with `see`

## long-step
long-step = step `{ $id }` has { $words } words (at most { $max } read at a glance)
    .label = too long to read during a call
    .help = keep the action in `text`, move the explanation to `note`, or split the step

## dense-chart: why the flowchart is not drawn
dense-chart-why-layers = its long links cross { $count } layers, over the budget of { $budget }
dense-chart-why-back = { $count } links go back up, over the budget of { $budget }
dense-chart-why-row = { $count } links leave one row, over the budget of { $budget }

