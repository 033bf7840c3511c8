use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;
use crate::timeline::Review;

declare_rule! {
    UnreviewedChange: "unreviewed-change", Allow,
    summary: "the steps changed in git since `updated` was last moved",
    doc: r#"### What it finds
A procedure whose steps changed (a step added or removed, a text, an answer, a destination, an
escalation's sector, deadline or fields) in a commit after the one that set `updated` to its
value, or in the working tree, without `updated` being moved. It reads the git history, so it
finds nothing outside a git repository. Allowed by default: turn it on with
`unreviewed-change = "warning"` (or `"error"`) under `[lint]` in `sopbook.toml`.

### Why it matters
`updated` tells analysts and the review page when someone last checked the whole procedure. A
change to the steps that nobody reviewed leaves that date saying the procedure was checked when
the version they read never was.

### Example
```toml
# file: sopbook.toml
[lint]
unreviewed-change = "warning"
```

```toml
# file: procedures/perda-do-backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup pelo gerenciador de certificados."
```
committed as it is, then committed again with the text of `exportar` changed and `updated`
left at 2026-06-01.

### Fix
Review the changed steps with the procedure's owner and set `updated` to the date of the review,
in the same commit as the change or in the next one."#,
}

impl Rule for UnreviewedChange {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(history), Some(updated)) = (cx.history, &cx.procedure.updated) else {
            return;
        };
        let Some(Review::Changed { commits, uncommitted }) = history.story(cx.index).map(|s| &s.review) else {
            return;
        };
        let mut places: Vec<String> =
            commits.iter().map(|c| format!("{} ({}, {})", c.short, c.date, c.author)).collect();
        if *uncommitted {
            places.insert(0, t!("unreviewed-change-working-tree"));
        }
        let shown = places.len().min(3);
        let mut list = places[..shown].join(", ");
        if places.len() > shown {
            list = t!("unreviewed-change-more", list = list, count = places.len() - shown);
        }
        let message = t!("unreviewed-change", list = list);
        out.push(
            cx.finding(&META, updated.span(), message)
                .label(t!("unreviewed-change.label", date = updated.get_ref().to_string()))
                .help(t!("unreviewed-change.help")),
        );
    }
}
