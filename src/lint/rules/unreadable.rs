use crate::lint::declare::declare_rule;

declare_rule! {
    Unreadable: "unreadable", Error,
    summary: "a file or folder of the knowledge base cannot be read (permissions, a symlink loop, not a regular file)",
    doc: r#"### What it finds
A file or folder of the knowledge base (`procedures/`, `sopbook.toml`, `manuals.toml`) that
sopbook could not open: no read permission, a broken disk, a symbolic link that points back at
one of its own parent folders, something that is not a regular file (a folder, a FIFO, a socket,
a device), or a file larger than 16 MiB, the most sopbook reads of one file.

### Why it matters
The procedures inside it are silently missing from the site and from every check.

### Example
`procedures/loop` is a symbolic link to `procedures/`; `procedures/fila.toml` is a FIFO.

### Fix
Give the file read permission, remove the looping link (`git rm procedures/loop`), or replace
the special file with a regular one."#,
    found_by: loader,
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    use crate::lint::RuleId;
    #[cfg(unix)]
    use std::os::unix::ffi::OsStringExt;

    #[cfg(unix)]
    use crate::lint::rules::testing::check_dir;
    use crate::lint::run;
    use crate::load::KnowledgeBase;

    #[cfg(unix)]
    #[test]
    fn fails_on_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        let procedures = dir.path().join("procedures");
        std::fs::create_dir_all(procedures.join("a")).unwrap();
        std::os::unix::fs::symlink(&procedures, procedures.join("a/loop")).unwrap();
        let found = check_dir(RuleId::Unreadable, dir.path());
        assert_eq!(found.len(), 1);
        // The loader's message, in the language of the run: the loop leads back to `procedures`.
        assert!(found[0].message.contains("`procedures`"), "{}", found[0].message);
    }

    #[cfg(unix)]
    #[test]
    fn fails_on_a_fifo_named_like_a_procedure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("procedures")).unwrap();
        let fifo = std::ffi::CString::new(dir.path().join("procedures/fila.toml").into_os_string().into_vec()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let found = check_dir(RuleId::Unreadable, dir.path());
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("FIFO"), "{}", found[0].message);
    }

    #[test]
    fn passes_a_readable_tree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("procedures/a")).unwrap();
        let kb = KnowledgeBase::load(dir.path()).unwrap();
        assert!(run(&kb).findings.is_empty());
    }
}
