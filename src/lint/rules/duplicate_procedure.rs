use std::collections::HashMap;

use crate::lint::declare::declare_rule;
use crate::lint::{Finding, Rule};
use crate::load::KnowledgeBase;
use crate::model::Procedure;
use crate::t;

declare_rule! {
    DuplicateProcedure: "duplicate-procedure", Error,
    summary: "two procedures share one breadcrumb",
    doc: r#"### What it finds
Two procedure files whose `section > title` is the same breadcrumb (white space around `>`
ignored). The first file in path order keeps the breadcrumb; each other one is reported.

### Why it matters
A breadcrumb is how every other procedure names a manual: with two of them, references go to one
and the other is never read, or each editor updates a different copy.

### Example
Two files with the same `section` and `title`:
```toml
# file: procedures/a1/perda.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```
```toml
# file: procedures/a1/perda-backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.debug]
end  = "resolution"
text = "Recupere o certificado via DEBUG."
```

### Fix
Merge the two files, or give one of them a different title."#,
}

impl Rule for DuplicateProcedure {
    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        let mut first: HashMap<_, &Procedure> = HashMap::new();
        for procedure in &kb.procedures {
            let Some(crumb) = procedure.breadcrumb() else {
                continue;
            };
            let Some(original) = first.get(&crumb) else {
                first.insert(crumb, procedure);
                continue;
            };
            let span = |p: &Procedure| p.title.as_ref().map_or(0..0, |t| t.span());
            let message = t!("duplicate-procedure", crumb = crumb.as_str());
            let first_path = &kb.files[original.file].path;
            out.push(
                Finding::new(META.id, procedure.file, span(procedure), message)
                    .label(t!("duplicate-procedure.label"))
                    .related(original.file, span(original), t!("duplicate-procedure.related"))
                    .help(t!("duplicate-procedure.help", path = first_path)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files};

    #[test]
    fn fails_on_the_second_file() {
        let spaced = VALID.replace("Certificado Digital > A1", "Certificado Digital>A1");
        let found = check_files(RuleId::DuplicateProcedure, &[("procedures/a.toml", VALID), ("procedures/b.toml", &spaced)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, 1);
        assert_eq!(found[0].related[0].file, 0);
        assert_eq!(found[0].message, "o procedimento `Certificado Digital > A1 > Perda do Backup A1` está definido duas vezes");
        assert_eq!(found[0].help.as_deref(), Some("junte este arquivo com `procedures/a.toml`, ou mude o título dele"));
    }

    #[test]
    fn passes_distinct_titles() {
        let other = VALID.replace("Perda do Backup A1", "Exportar A1");
        assert!(
            check_files(RuleId::DuplicateProcedure, &[("procedures/a.toml", VALID), ("procedures/b.toml", &other)])
                .is_empty()
        );
    }
}
