//! Where sopbook writes (issue 12, item 14): never through a symbolic link out of the knowledge
//! base, and never over a link given as the output folder. Each is refused with exit 2 and a
//! message naming the link, and nothing is written anywhere.
#![cfg(unix)]

use std::path::{Path, PathBuf};

use crate::sopbook;

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `sopbook new` into a section folder that is a link out of the base used to write the new
/// procedure there and report success. A link that stays inside the base is fine.
#[test]
fn new_refuses_a_section_folder_linked_outside() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let outside = dir.path().join("fora");
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    symlink(&outside, &root.join("procedures/certificado-digital"));
    for crumb in ["Certificado Digital > Perda", "Certificado Digital > A1 > Perda"] {
        let output = sopbook().args(["new", crumb, "--root"]).arg(&root).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{crumb}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains("`procedures/certificado-digital` leva para fora da base de conhecimento"),
            "{crumb}: {message}"
        );
        assert!(files_under(&outside).is_empty(), "{crumb}: written outside: {:?}", files_under(&outside));
    }

    std::fs::create_dir_all(root.join("guardados")).unwrap();
    std::fs::remove_file(root.join("procedures/certificado-digital")).unwrap();
    symlink(&root.join("guardados"), &root.join("procedures/certificado-digital"));
    let output = sopbook().args(["new", "Certificado Digital > Perda", "--root"]).arg(&root).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(root.join("guardados/perda.toml").is_file());
}

/// `sopbook import` into a section folder that is a link out of the base: refused, nothing
/// written (it used to write the procedure there).
#[test]
fn import_refuses_a_section_folder_linked_outside() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let outside = dir.path().join("fora");
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    symlink(&outside, &root.join("procedures/certificado-digital"));
    let manual = crate::fixture("import/perda-do-backup-a1.txt");
    let output = sopbook()
        .arg("import")
        .arg(&manual)
        .args(["--section", "Certificado Digital > A1", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("`certificado-digital` leva para fora"), "{}", stderr(&output));
    assert!(files_under(&outside).is_empty(), "written outside: {:?}", files_under(&outside));
    assert_eq!(files_under(&root), [PathBuf::from("procedures/certificado-digital")], "nothing written inside");
}

/// `sopbook import` adds the manuals it cites to `manuals.toml`: never through a link out of the
/// base, whether the link's target exists or not (a dangling link used to create the file at
/// its target, outside the base).
#[test]
fn import_never_appends_to_a_manuals_file_linked_outside() {
    for target_exists in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kb");
        let outside = dir.path().join("fora");
        std::fs::create_dir_all(root.join("procedures")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        if target_exists {
            std::fs::write(outside.join("manuais.toml"), "").unwrap();
        }
        symlink(&outside.join("manuais.toml"), &root.join("manuals.toml"));
        let manual = crate::fixture("import/perda-do-backup-a1.txt");
        let output = sopbook().arg("import").arg(&manual).arg("--root").arg(&root).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "target exists: {target_exists}: {}", stderr(&output));
        assert!(stderr(&output).contains("manuals.toml"), "{}", stderr(&output));
        let written = std::fs::read(outside.join("manuais.toml")).unwrap_or_default();
        assert!(written.is_empty(), "written outside: {}", String::from_utf8_lossy(&written));
        assert_eq!(files_under(&root.join("procedures")), Vec::<PathBuf>::new(), "nothing written inside");
    }
}

/// `sopbook init` into a folder whose `procedures/` is a link out of it: refused before writing
/// anything, inside or outside.
#[test]
fn init_refuses_a_procedures_folder_linked_outside() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let outside = dir.path().join("fora");
    std::fs::create_dir_all(&outside).unwrap();
    symlink(&outside, &root.join("procedures"));
    let output = sopbook().arg("init").arg(&root).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("`procedures` leva para fora da base de conhecimento"), "{}", stderr(&output));
    assert!(files_under(&outside).is_empty(), "written outside: {:?}", files_under(&outside));
    assert_eq!(files_under(&root), [PathBuf::from("procedures")], "nothing written inside");
}

/// `sopbook build --out LINK`, the link pointing at an earlier site: it used to be replaced by
/// a real folder (and the earlier site emptied). Refused; the link and the site stay as they were.
#[test]
fn build_refuses_an_output_that_is_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = crate::fixture("clean");
    let real = dir.path().join("site-real");
    sopbook().arg("build").arg(&root).arg("--out").arg(&real).arg("--quiet").assert().code(0);
    let before = files_under(&real);
    let link = dir.path().join("site");
    symlink(&real, &link);
    let output = sopbook().arg("build").arg(&root).arg("--out").arg(&link).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(&format!("`{}` é um link simbólico", link.display())), "{message}");
    assert!(message.contains(&real.display().to_string()), "names the folder it points to: {message}");
    assert!(link.is_symlink(), "the link was replaced");
    assert_eq!(files_under(&real), before, "the earlier site changed");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no staging folder left behind");
}
