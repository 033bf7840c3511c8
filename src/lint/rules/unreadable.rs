use crate::lint::{Finding, Rule, RuleMeta, Severity};
use crate::load::KnowledgeBase;

pub struct Unreadable;

static META: RuleMeta = RuleMeta {
    id: "unreadable",
    default_severity: Severity::Error,
    summary: "a file or folder of the knowledge base cannot be read (permissions, a symlink loop)",
    doc: r#"### What it finds
A file or folder of the knowledge base (`procedures/`, `sopbook.toml`, `manuals.toml`) that
sopbook could not open: no read permission, a broken disk, or a symbolic link that points back at
one of its own parent folders.

### Why it matters
The procedures inside it are silently missing from the site and from every check.

### Example
`procedures/loop` is a symbolic link to `procedures/`.

### Fix
Give the file read permission, or remove the looping link (`git rm procedures/loop`)."#,
};

impl Rule for Unreadable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        super::report_problems(kb, META.id, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::run;
    use crate::load::KnowledgeBase;

    #[cfg(unix)]
    #[test]
    fn fails_on_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        let procedures = dir.path().join("procedures");
        std::fs::create_dir_all(procedures.join("a")).unwrap();
        std::os::unix::fs::symlink(&procedures, procedures.join("a/loop")).unwrap();
        let kb = KnowledgeBase::load(dir.path()).unwrap();
        let found: Vec<_> = run(&kb).findings.into_iter().filter(|f| f.rule == "unreadable").collect();
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("symlink loop"), "{}", found[0].message);
    }

    #[test]
    fn passes_a_readable_tree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("procedures/a")).unwrap();
        let kb = KnowledgeBase::load(dir.path()).unwrap();
        assert!(run(&kb).findings.is_empty());
    }
}
