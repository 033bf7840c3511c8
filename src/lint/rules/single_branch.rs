use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::t;

declare_rule! {
    SingleBranch: "single-branch", Error,
    summary: "a decision with fewer than two branches",
    doc: r#"### What it finds
A decision (`branches`) with one answer, or none.

### Why it matters
A question with a single answer is not a question: either the other answers were forgotten, or
the step is really an action.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.acesso]
text = "O cliente ainda tem acesso à máquina?"
branches = [{ when = "Sim", next = "exportar" }]

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```

### Fix
Add the missing answers (`{ when = "Não", next = "chamado" }`), or replace `branches` by
`next = "exportar"`."#,
}

impl Rule for SingleBranch {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for step in &cx.procedure.steps {
            let Some(branches) = &step.branches else {
                continue;
            };
            let count = branches.get_ref().len();
            if count >= 2 {
                continue;
            }
            let id = step.id.get_ref();
            let message = match count {
                0 => t!("single-branch-none", id = id),
                _ => t!("single-branch", id = id),
            };
            out.push(
                cx.finding(&META, branches.span(), message)
                    .label(t!("single-branch.label"))
                    .help(t!("single-branch.help"))
                    .step(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check};

    #[test]
    fn fails_on_one_branch_and_on_none() {
        let one = VALID.replace("  { when = \"Não\", next = \"chamado\" },\n", "");
        let found = check(RuleId::SingleBranch, &one);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "a decisão `acesso` tem um ramo só");
        let start = VALID.find("branches = [").unwrap();
        let end = VALID[start..].find("]\n").unwrap() + start + 1;
        let none = format!("{}branches = []{}", &VALID[..start], &VALID[end..]);
        let found = check(RuleId::SingleBranch, &none);
        assert_eq!(found.len(), 1, "{none}");
        assert_eq!(found[0].message, "a decisão `acesso` não tem nenhum ramo");
    }

    #[test]
    fn passes_two_branches() {
        assert!(check(RuleId::SingleBranch, VALID).is_empty());
    }
}
