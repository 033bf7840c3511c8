use std::collections::HashMap;

use crate::lint::declare::declare_rule;
use crate::lint::{Finding, Rule};
use crate::load::KnowledgeBase;
use crate::t;
use crate::text::fold;

declare_rule! {
    SlugCollision: "slug-collision", Error,
    summary: "two procedure files whose paths differ only by case, accents, spaces or underscores",
    doc: r#"### What it finds
Two procedure files whose paths under `procedures/` become the same once case, accents, spaces and
underscores are set aside: `Perda do Backup.toml` and `perda-do-backup.toml`, or `exportação.toml`
and `exportacao.toml`.

### Why it matters
On Windows and macOS the two are the same file, so a colleague's checkout loses one of them; on the
site their pages would differ only by letters that people type interchangeably.

### Example
Two files whose names differ only by case and spaces:
```toml
# file: procedures/a1/Perda do Backup.toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.exportar]
end  = "resolution"
text = "Gere um novo backup."
```
```toml
# file: procedures/a1/perda-do-backup.toml
title   = "Perda do Backup A1 (cliente sem acesso)"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.debug]
end  = "resolution"
text = "Recupere o certificado via DEBUG."
```

### Fix
Merge the two files, or rename one. Prefer lower-case names without accents or spaces
(`sopbook new` chooses them for you)."#,
}

/// The path as people would read it: lower-case, no accents, spaces and `_` as `-`.
fn loose(slug: &str) -> String {
    fold(slug).chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect()
}

impl Rule for SlugCollision {
    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        let mut first: HashMap<String, usize> = HashMap::new();
        for procedure in &kb.procedures {
            let key = loose(&procedure.slug);
            let Some(&other) = first.get(&key) else {
                first.insert(key, procedure.file);
                continue;
            };
            let (this_path, other_path) = (&kb.files[procedure.file].path, &kb.files[other].path);
            out.push(
                Finding::new(META.id, procedure.file, 0..0, t!("slug-collision", path = this_path, other = other_path))
                    .label(t!("slug-collision.label"))
                    .related(other, 0..0, t!("slug-collision.related"))
                    .help(t!("slug-collision.help")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_files};

    #[test]
    fn fails_on_case_accents_and_spaces() {
        let other = VALID.replace("Perda do Backup A1", "Outro");
        let third = VALID.replace("Perda do Backup A1", "Terceiro");
        let found = check_files(
            RuleId::SlugCollision,
            &[
                ("procedures/a/Exportação Rápida.toml", VALID),
                ("procedures/a/exportacao-rapida.toml", &other),
                ("procedures/a/exportacao_rapida.toml", &third),
            ],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[0].message,
            "`procedures/a/exportacao-rapida.toml` colide com `procedures/a/Exportação Rápida.toml`"
        );
    }

    #[test]
    fn passes_distinct_paths() {
        let other = VALID.replace("Perda do Backup A1", "Outro");
        assert!(
            check_files(RuleId::SlugCollision, &[("procedures/a/um.toml", VALID), ("procedures/b/um.toml", &other)])
                .is_empty()
        );
    }
}
