use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    ReviewOverdue: "review-overdue", Warning,
    summary: "`updated` plus the review cycle lies in the past",
    doc: r#"### What it finds
A procedure whose last review (`updated`) plus its review cycle (`review_months`, or
`[review] months` of `sopbook.toml`, 12 by default) is before today.

### Why it matters
Systems, screens and sectors change; a procedure nobody has looked at for years is likely to send
the analyst to a menu that no longer exists.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2019-11-22     # reviewed every 12 months: overdue since 2020-11-22

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```

### Fix
Review the procedure with its owner, correct what changed, and set `updated` to the date of the
review. Set `review_months` for procedures that change more or less often."#,
}

impl Rule for ReviewOverdue {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(updated) = &cx.procedure.updated else {
            return;
        };
        let months = cx.procedure.review_months.as_ref().map_or(cx.kb.config.review.months, |m| *m.get_ref());
        let due = updated.get_ref().add_months(months);
        if due >= cx.today {
            return;
        }
        let message = t!(
            "review-overdue",
            due = due.to_string(),
            updated = updated.get_ref().to_string(),
            months = months
        );
        out.push(
            cx.finding(&META, updated.span(), message)
                .label(t!("review-overdue.label"))
                .help(t!("review-overdue.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, check_files};

    #[test]
    fn fails_on_an_old_review() {
        let text = VALID.replace("updated = 2099-01-01", "updated = 2019-11-22");
        let found = check(RuleId::ReviewOverdue, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "revisão vencida desde 2020-11-22 (última revisão em 2019-11-22, ciclo de 12 meses)");
        let english = [("due", Arg::from("2020-11-22")), ("updated", Arg::from("2019-11-22")), ("months", Arg::from(12))];
        assert_eq!(
            message_in(Language::En, "review-overdue", &english),
            "review overdue since 2020-11-22 (last review 2019-11-22, cycle of 12 months)"
        );
    }

    #[test]
    fn follows_review_months_and_the_config() {
        let text = VALID.replace("updated = 2099-01-01", "updated = 2019-11-22\nreview_months = 6000");
        assert_eq!(check(RuleId::ReviewOverdue, &text).len(), 1, "an invalid review_months falls back to the default");
        let text = VALID.replace("updated = 2099-01-01", "updated = 2019-11-22\nreview_months = 600");
        assert!(check(RuleId::ReviewOverdue, &text).is_empty());
        let config = "[review]\nmonths = 600\n";
        let old = VALID.replace("updated = 2099-01-01", "updated = 2019-11-22");
        assert!(check_files(RuleId::ReviewOverdue, &[("sopbook.toml", config), ("procedures/p.toml", &old)]).is_empty());
    }

    #[test]
    fn can_be_allowed() {
        let config = "[lint]\nreview-overdue = \"allow\"\n";
        let old = VALID.replace("updated = 2099-01-01", "updated = 2019-11-22");
        assert!(check_files(RuleId::ReviewOverdue, &[("sopbook.toml", config), ("procedures/p.toml", &old)]).is_empty());
    }

    #[test]
    fn passes_a_recent_review() {
        assert!(check(RuleId::ReviewOverdue, VALID).is_empty());
    }
}
