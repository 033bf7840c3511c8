# diff: what changed in the procedures, step by step (`sopbook diff`, the site's changes page, each
# procedure's history) (en). Fluent syntax: https://projectfluent.org/fluent/guide/
# The `.feminine` attribute is the same sentence agreeing with a feminine noun in Portuguese; in
# English it reads the same.

## A step

# "step 7 (Abrir chamado)", "step 7 `chamado`", "missing step `x`".
diff-step-titled = step { $number } ({ $title })
diff-step-id = step { $number } { $id }
diff-step-missing = missing step { $id }
diff-kind-action = action
diff-kind-decision = decision
diff-kind-resolution = resolution
diff-kind-escalation = escalation
diff-kind-broken = broken step

## Values: "escalation sector changed: A → B"

diff-value-changed = { $label } changed: { $old } → { $new }
    .feminine = { $label } changed: { $old } → { $new }
diff-value-set = { $label } set: { $new }
    .feminine = { $label } set: { $new }
diff-value-removed = { $label } removed (was { $old })
    .feminine = { $label } removed (was { $old })
diff-text-added = { $name } added: { $text }
    .feminine = { $name } added: { $text }
diff-text-removed = { $name } removed (was: { $text })
    .feminine = { $name } removed (was: { $text })
# Tags and the customer's phrasings: "added "a", "b"; removed "c"".
diff-list-added = added { $items }
    .one = added { $items }
diff-list-removed = removed { $items }
    .one = removed { $items }

## The procedure

diff-unreadable-old = the old version could not be read: { $message }
diff-unreadable-new = the new version could not be read: { $message }
diff-not-a-procedure = not a procedure file
diff-problem-at = { $message } (line { $line }, column { $column })
diff-field-title = title
diff-field-section = section
diff-field-summary = summary
diff-field-owner = owner
diff-label-updated = last review ({ $key })
diff-review-cycle = review cycle: { $old } → { $new }
diff-months = { $count ->
        [one] { $count } month
       *[other] { $count } months
    }
diff-months-default = the base's default
diff-tags = tags
diff-aliases = the customer's phrasings (aliases)
diff-start-changed = the procedure now starts at { $new } instead of { $old }
diff-start-set = the procedure now starts at { $new }
diff-start-removed = the procedure no longer has a first step (it was { $old })
diff-scenario-added = test scenario added: { $name }
diff-scenario-removed = test scenario removed: { $name }
diff-scenario-changed = test scenario { $name }: { $parts }
diff-scenario-answers = answers { $old } → { $new }
diff-scenario-expect = expected end { $old } → { $new }

## The steps

diff-step-added = step added ({ $kind })
diff-step-removed = step removed ({ $kind })
diff-step-moved = moved; it was step { $old }
diff-step-field-title = title
diff-step-field-text = text
diff-step-field-note = note
diff-step-field-warning = warning
diff-resolution-to-escalation = the resolution became an escalation
diff-escalation-to-resolution = the escalation became a resolution
diff-kind-changed = kind changed: { $old } → { $new }
diff-next-changed = now goes on to { $new } instead of { $old }
diff-next-set = now goes on to { $new }
diff-next-removed = no longer goes on to { $old }
diff-rerouted-changed = the answer { $answer } now leads to { $new } instead of { $old }
diff-rerouted-set = the answer { $answer } now leads to { $new }
diff-rerouted-removed = the answer { $answer } no longer leads to { $old }
diff-answer-added = answer { $answer } added, leading to { $to }
diff-answer-added-nowhere = answer { $answer } added, leading nowhere
diff-answer-removed = answer { $answer } removed
diff-answer-removed-to = answer { $answer } removed; it led to { $to }
diff-answer-renamed = answer { $old } renamed to { $new }
diff-answers-reordered = answers reordered: { $old } → { $new }
diff-label-sector = escalation sector
diff-label-sla = SLA
diff-label-via = ticket procedure ({ $key })
diff-ticket-field-added = ticket field added: { $field }
diff-ticket-field-removed = ticket field removed: { $field }
diff-ticket-field-changed = ticket field { $name }: { $parts }
diff-ticket-field-kind = kind { $old } → { $new }
diff-ticket-field-now-required = now required
diff-ticket-field-now-optional = now optional
diff-required = required
diff-optional = optional
diff-field-kind-phone = phone
diff-field-kind-email = email
diff-field-kind-text = text
diff-field-kind-long-text = long text
diff-reference-added = reference added: { $target }
diff-reference-removed = reference removed: { $target }
diff-reference-added-summary = reference added to the summary: { $target }
diff-reference-removed-summary = reference removed from the summary: { $target }
diff-see-added = "See also" gained: { $target }
diff-see-removed = "See also" lost: { $target }
diff-image-added = image added: { $src }
diff-image-added-alt = image added: { $src } ({ $alt })
diff-image-removed = image removed: { $src }
diff-image-removed-alt = image removed: { $src } ({ $alt })
diff-image-changed = image { $src }: { $parts }
diff-image-alt = alt text { $old } → { $new }
diff-image-caption = caption { $old } → { $new }
diff-image-none = (none)
    .feminine = (none)

## sopbook diff: the terminal and Markdown output

diff-no-changes = No changes to procedures
diff-heading-renamed = renamed
diff-heading-changed = changed
diff-heading-added = added
diff-heading-removed = removed
diff-breadcrumb = breadcrumb: { $old } → { $new }
# "3 procedures changed, 1 added, 0 removed, 1 renamed"
diff-summary = { $changed ->
        [one] { $changed } procedure changed
       *[other] { $changed } procedures changed
    }, { $added } added, { $removed } removed, { $renamed } renamed
diff-markdown-title = Changes to procedures
diff-markdown-no-changes = No changes.
diff-file-renamed = File renamed: { $old } → { $new }
diff-procedure-added = Procedure added.
diff-procedure-removed = Procedure removed.

## The command line of `sopbook diff`

cmd-diff = What changed in the procedures between two versions in git, step by step.
cmd-diff-rev = The older version: a commit, branch or tag (`HEAD~3`, `main`, `v2`). Default: HEAD.
cmd-diff-rev2 = The newer version. Default: the working tree.
cmd-diff-root = The knowledge base: the folder that holds `procedures/`.
cmd-diff-format = How to print the changes: `human`, rustc-style: each procedure, then its changes step by step, then a count; `json`, one JSON object: added, removed, renamed and changed procedures; `markdown`, a pull-request comment.
cmd-diff-color = When to colour the human format.

diff-git-unreadable = could not read the git repository of { $root }
diff-not-in-git = { $root } is not in a git repository with commits: `sopbook diff` compares versions recorded in git
