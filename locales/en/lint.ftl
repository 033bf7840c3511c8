# lint: messages of lint (en). Fluent syntax: https://projectfluent.org/fluent/guide/

# The last line of `sopbook lint`: "2 errors, 1 warning in 14 procedures".
lint-summary = { $errors }, { $warnings } in { $procedures }

## dead-end
dead-end = step `{ $id }` leads nowhere
    .label = no `next`, `branches` or `end`
    .help = add `next = "…"` to continue, `branches` to ask a question, or `end = "resolution"` / `end = "escalation"` to finish
