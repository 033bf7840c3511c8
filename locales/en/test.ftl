# test: messages of `sopbook test`, of the scenarios (`[[scenarios]]`) and of the git history (en).
# Fluent syntax: https://projectfluent.org/fluent/guide/

## Why a scenario failed (the `failing-scenario` rule and `sopbook test`)

scenario-did-you-mean = did you mean `{ $best }`?
scenario-expect-unknown = scenario `{ $name }` expects step `{ $wanted }`, which does not exist
    .help = the terminals are: { $terminals }
scenario-expect-not-terminal = scenario `{ $name }` expects step `{ $step }`, which is not a terminal
    .label = no walk ends here
    .related = this step goes on to others
    .help = expect one of the terminals: { $terminals }
scenario-answers-unknown-step = scenario `{ $name }` answers step `{ $step }`, which does not exist
scenario-answers-not-decision = scenario `{ $name }` answers step `{ $step }`, which is not a decision
scenario-decisions-are = the decisions are: { $decisions }
scenario-no-start = scenario `{ $name }` cannot start: the procedure has no start step
scenario-broken = the walk of scenario `{ $name }` stops at step `{ $step }`, which leads nowhere
    .related = the walk stops here
    .help = fix the step first: `sopbook lint` says what is wrong with it
scenario-no-answer = the walk of scenario `{ $name }` reaches decision `{ $step }` with no answer for it
    .label = at `{ $step }`, after { $path }
    .related = the decision
    .help-in-order = add its answer at the end of `answers`: one of { $choices }
    .help-by-step = add `{ $step } = "…"` to `answers`, with one of { $choices }
scenario-unknown-answer = decision `{ $step }` has no answer `{ $given }`
    .label-first = given at `{ $step }`, the first decision
    .label = given at `{ $step }`, after { $path }
    .related = the answers it has
    .help-similar = did you mean `{ $best }`? The answers are: { $choices }
    .help = the answers are: { $choices }
scenario-endless = the walk of scenario `{ $name }` never reaches a terminal
    .label-limit = it has gone through { $count } steps
    .label-loop = it goes round through `{ $step }` for ever
    .related = met again with no answer used since
    .help = give the loop's decision an answer that leaves it, e.g. as a list of answers
scenario-wrong-end = scenario `{ $name }` ends at `{ $reached }`, not at { $expected }
    .label = expected { $expected }
    .related = the walk ends here, { $ending }
    .help = the walk went { $path }
scenario-unused = scenario `{ $name }` leaves { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    } unused: the walk ends at `{ $ended }` first
    .label = never used
    .help = remove the answers left over, or check the earlier ones: the walk went { $path }

# The walk taken: "`acesso` (`Sim`) → … 40 steps … → `chamado`".
scenario-path-nowhere = nowhere
scenario-path-skipped = … { $count } steps …
# The end expected or reached.
scenario-end-resolution = a resolution
scenario-end-escalation = an escalation
scenario-end-escalation-to = an escalation to `{ $to }`

## sopbook test: the output as `cargo test`'s

test-running = { $count ->
        [one] running { $count } scenario
       *[other] running { $count } scenarios
    }
# "test procedure :: scenario ... ok"
test-case = test { $name } ... { $verdict }
test-ok = ok
test-failed = FAILED
test-failures = failures:
# "test result: ok. 3 passed; 0 failed"
test-result = test result: { $verdict }. { $passed } passed; { $failed } failed
test-result-filtered = ; { $count } filtered out
test-result-unreadable = ; { $count ->
        [one] { $count } procedure file could not be read
       *[other] { $count } procedure files could not be read
    }
test-unread-scenario = scenario `{ $name }` could not be read
    .help = `sopbook lint` shows what is wrong with it
# The name of the JUnit case of a procedure file that could not be read.
test-junit-read-file = read the file

## sopbook test --coverage: the table, as `cargo llvm-cov` prints it

test-coverage-procedure = Procedure
test-coverage-branches = Branches
test-coverage-missed = Missed
test-coverage-cover = Cover
test-coverage-total = TOTAL
test-coverage-untested = answers no scenario takes:

## The command line of `sopbook test`

cmd-test = Walk every procedure's scenarios and report, like `cargo test`; `--coverage` for branches.
cmd-test-root = The knowledge base: the folder that holds `procedures/`.
cmd-test-filter = Run only the scenarios whose `procedure :: name` contains this text.
cmd-test-coverage = Also report which answers of which decisions the scenarios take.
cmd-test-format = How to print the results: `human`, one line per scenario, then each failure as rustc does, then a summary; `json`, one JSON object: every scenario with its walk, and the coverage with `--coverage`; `junit`, JUnit XML, one test suite per procedure, which CI systems show.
cmd-test-color = When to colour the human format.

## The git history (build, lint, serve and diff)

history-off = history: off (`[history] enabled = false`)
history-none = history: none (the knowledge base is not in a git repository with commits)
history-not-read = the git history was not read, the site shows none: { $error }
# `--verbose`: "history: HEAD 1a2b3c4d5e6f, 12 of 14 procedures in git, 3 changes in the last 30 days"
history-summary = history: HEAD { $head }, { $known } of { $total } procedures in git, { $changes } changes in the last { $days } days{ $shallow }
history-shallow = ; shallow clone: history from { $date } only
history-error-git = cannot { $action } in the git repository `{ $repo }`
history-error-revision = `{ $rev }` is not a revision of the git repository `{ $repo }`
history-error-not-text = blob { $id } of the git repository `{ $repo }` is not UTF-8 text
history-error-io = cannot read `{ $path }`
# What sopbook was doing when git failed: "cannot <action> in the git repository `…`".
history-action-open = open the git repository
history-action-read-head = read HEAD
history-action-read-head-commit = read the commit at HEAD
history-action-read-shallow-file = read the shallow file
history-action-read-shallow-commits = read the list of shallow commits
history-action-read-blob = read blob { $id }
history-action-read-tree = read tree { $id }
history-action-read-tree-entries = read the entries of tree { $id }
history-action-read-tree-files = read the files of tree { $id }
history-action-hash = hash `{ $path }`
history-action-walk = walk the history from { $id }
history-action-prepare-diff = prepare the diff of trees
history-action-read-commit-object = read the object of commit { $id }
history-action-read-commit-author = read the author of commit { $id }
history-action-read-commit-tree = read the tree of commit { $id }
history-action-read-commit-parent = read a parent of commit { $id }
history-action-read-commit-parent-tree = read a parent's tree of commit { $id }
history-action-diff-commit = diff the procedures of commit { $id } against its parent
