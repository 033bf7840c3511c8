//! Paths typed the Windows way, with `\`, on Linux and macOS, where `\` is part of a name and not
//! a separator (issue 22). What the command line does with them today, so that a change is seen:
//! the Windows build reads them as folders, which these machines cannot run.
#![cfg(not(windows))]

use crate::sopbook;

/// A knowledge base `kb/` made by `sopbook init` in a new folder.
fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    sopbook().current_dir(dir.path()).args(["init", "kb"]).assert().success();
    dir
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// `kb\` and `.\kb` name no folder here: exit 2, the path as typed in the message, nothing built.
#[test]
fn a_root_typed_with_a_backslash_is_refused_naming_it() {
    let dir = initialised();
    for (command, root) in [("build", r"kb\"), ("lint", r".\kb")] {
        let out = sopbook().current_dir(dir.path()).args([command, root]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command} {root}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, format!("erro: `{root}` não é uma pasta\n"), "{command} {root}");
    }
    assert_eq!(names(dir.path()), ["kb"]);
    assert!(!dir.path().join("kb/site").exists());
}

/// `--out saida\site` is not refused: the site is built into one folder named `saida\site`
/// (on Windows, `site` inside `saida`). Noted in issue 22: a candidate for a clear refusal.
#[test]
fn an_output_typed_with_a_backslash_is_one_folder_named_so() {
    let dir = initialised();
    sopbook().current_dir(dir.path()).args(["build", "kb", "--out", r"saida\site", "--quiet"]).assert().success();
    assert_eq!(names(dir.path()), ["kb", r"saida\site"]);
    assert!(dir.path().join(r"saida\site").join(".sopbook-site").is_file());
    assert!(dir.path().join(r"saida\site").join("index.html").is_file());
}
