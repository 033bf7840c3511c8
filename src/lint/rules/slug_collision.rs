use std::collections::HashMap;

use crate::lint::{Finding, Rule, RuleMeta, Severity};
use crate::load::KnowledgeBase;
use crate::text::fold;

pub struct SlugCollision;

static META: RuleMeta = RuleMeta {
    id: "slug-collision",
    default_severity: Severity::Error,
    summary: "two procedure files whose paths differ only by case, accents, spaces or underscores",
    doc: r#"### What it finds
Two procedure files whose paths under `procedures/` become the same once case, accents, spaces and
underscores are set aside: `Perda do Backup.toml` and `perda-do-backup.toml`, or `exportação.toml`
and `exportacao.toml`.

### Why it matters
On Windows and macOS the two are the same file, so a colleague's checkout loses one of them; on the
site their pages would differ only by letters that people type interchangeably.

### Example
`procedures/a1/Perda do Backup.toml` and `procedures/a1/perda-do-backup.toml`.

### Fix
Merge the two files, or rename one. Prefer lower-case names without accents or spaces
(`sopbook new` chooses them for you)."#,
};

/// The path as people would read it: lower-case, no accents, spaces and `_` as `-`.
fn loose(slug: &str) -> String {
    fold(slug).chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect()
}

impl Rule for SlugCollision {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

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
                Finding::new(META.id, procedure.file, 0..0, format!("`{this_path}` collides with `{other_path}`"))
                    .label("same path but for case, accents, spaces or underscores")
                    .related(other, 0..0, "the other file")
                    .help("merge the two files or rename one, with lower-case letters, no accents and `-` for spaces"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::testing::{VALID, check_files};

    #[test]
    fn fails_on_case_accents_and_spaces() {
        let other = VALID.replace("Perda do Backup A1", "Outro");
        let third = VALID.replace("Perda do Backup A1", "Terceiro");
        let found = check_files(
            "slug-collision",
            &[
                ("procedures/a/Exportação Rápida.toml", VALID),
                ("procedures/a/exportacao-rapida.toml", &other),
                ("procedures/a/exportacao_rapida.toml", &third),
            ],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
    }

    #[test]
    fn passes_distinct_paths() {
        let other = VALID.replace("Perda do Backup A1", "Outro");
        assert!(
            check_files("slug-collision", &[("procedures/a/um.toml", VALID), ("procedures/b/um.toml", &other)])
                .is_empty()
        );
    }
}
