use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::scenarios;
use crate::t;

declare_rule! {
    UntestedBranch: "untested-branch", Allow,
    summary: "an answer of a decision that no scenario takes",
    doc: r#"### What it finds
An answer (`when`) of a decision that the walk of no `[[scenarios]]` entry takes. Allowed by
default: a knowledge base that wants every branch covered turns it on in `sopbook.toml`,
with `untested-branch = "warning"` or `"error"` under `[lint]`. `sopbook test --coverage` shows
the same count per procedure.

### Why it matters
A branch no scenario walks can be changed, or broken, without any test noticing.

### Example
```toml
# file: sopbook.toml
[lint]
untested-branch = "warning"
```

```toml
# file: procedures/perda-do-backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.acesso]
text = "O cliente ainda tem acesso à máquina?"
branches = [
  { when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },
]

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."

[steps.chamado]
end = "escalation"
to  = "Relacionamento"
sla = "24h"

[[scenarios]]
name    = "Máquina formatada"
answers = ["Não"]
expect  = "chamado"
```

### Fix
Add a scenario whose answers take the branch: here one with `answers = ["Sim"]` and
`expect = "exportar"`."#,
}

impl Rule for UntestedBranch {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let procedure = cx.procedure;
        let coverage = scenarios::coverage(procedure, cx.walks().iter().flatten());
        for &(step, branch) in &coverage.missed {
            let step = &procedure.steps[step];
            let Some(branches) = &step.branches else { continue };
            let branch = &branches.get_ref()[branch];
            let (span, answer) = match &branch.when {
                Some(when) => (when.span(), when.get_ref().as_str()),
                None => (branch.span.clone(), "?"),
            };
            let id = step.id.get_ref();
            let message = t!("untested-branch", answer = answer, id = id);
            let help = t!("untested-branch.help");
            out.push(cx.finding(&META, span, message).label(t!("untested-branch.label")).help(help).step(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files, underlined};

    const ON: &str = "[lint]\nuntested-branch = \"warning\"\n";

    #[test]
    fn finds_each_answer_no_walk_takes_once_turned_on() {
        let text = format!("{VALID}\n[[scenarios]]\nname = \"a\"\nanswers = [\"Não\"]\nexpect = \"chamado\"\n");
        let found = check_files(RuleId::UntestedBranch, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(&text, &found[0]), "\"Sim\"");
        assert_eq!(found[0].message, "nenhum cenário responde `Sim` na pergunta `acesso`");
        let off = check_files(RuleId::UntestedBranch, &[("procedures/p.toml", &text)]);
        assert!(off.is_empty(), "allowed by default");
    }

    #[test]
    fn is_quiet_when_every_answer_is_taken() {
        let text = format!(
            "{VALID}\n[[scenarios]]\nname = \"a\"\nanswers = [\"Não\"]\nexpect = \"chamado\"\n\
             [[scenarios]]\nname = \"b\"\nanswers = [\"Sim\"]\nexpect = \"resolvido\"\n"
        );
        let found = check_files(RuleId::UntestedBranch, &[("sopbook.toml", ON), ("procedures/p.toml", &text)]);
        assert!(found.is_empty(), "{found:?}");
    }
}
