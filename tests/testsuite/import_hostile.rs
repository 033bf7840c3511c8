//! `import` and `init` against files written to break them: file names that try to inject TOML,
//! zip and XML bombs, HTML nested deeper than any stack, a disk that fills up half-way, and
//! manuals big enough that a quadratic step would never finish.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Output};

use crate::sopbook;

/// A new, empty knowledge base (a folder with `procedures/`).
fn knowledge_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    dir
}

fn import(root: &Path, files: &[&Path]) -> Output {
    sopbook().arg("import").args(files).arg("--root").arg(root).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

/// Every folder under `dir`, relative.
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// A manual that cites one Qualitor manual, so that `import` adds it to `manuals.toml`.
const CITING: &str = "Troca de certificado\n\nVeja **Certificado Digital > A1 > Debug** antes.\n\n1. Faça isto.\n";

// ---------------------------------------------------------------------------------------------
// Item 5: a file name is text, never TOML.

/// The TOML basic string at the end of a comment line that starts with `prefix`, parsed back.
fn quoted_after(document: &str, prefix: &str) -> String {
    let line = document.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}`:\n{document}"));
    let rest = &line[prefix.len()..];
    let end = rest.rfind('"').unwrap();
    let value: toml::Table = toml::from_str(&format!("v = {}", &rest[..=end])).unwrap();
    value["v"].as_str().unwrap().to_string()
}

#[test]
fn a_file_name_cannot_add_a_manual_or_break_the_toml() {
    let injection = "x\").\n[[manual]]\npath = \"Evil > Manual\"\nurl = \"https:\\u002F\\u002Fevil.example\"\n# (";
    for name in [format!("{injection}.txt"), "a\u{c}b\u{1b}[31m\u{7f}.txt".to_string(), "a\rb\"c\\d.txt".to_string()] {
        let kb = knowledge_base();
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join(&name);
        std::fs::write(&manual, CITING).unwrap();
        let out = import(kb.path(), &[&manual]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

        let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
        let parsed: toml::Table = toml::from_str(&manuals).unwrap_or_else(|e| panic!("{e}\n{manuals}"));
        let list = parsed["manual"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{manuals}");
        assert_eq!(list[0]["path"].as_str(), Some("Certificado Digital > A1 > Debug"));
        assert!(list[0].get("url").is_none(), "{manuals}");
        // The name is in the comment as one TOML string, whole.
        assert_eq!(quoted_after(&manuals, "# Acrescentados pelo `sopbook import` ("), name);

        let written = walkdir::WalkDir::new(kb.path().join("procedures"))
            .into_iter()
            .map(Result::unwrap)
            .find(|e| e.file_type().is_file())
            .unwrap();
        let procedure = std::fs::read_to_string(written.path()).unwrap();
        toml::from_str::<toml::Table>(&procedure).unwrap_or_else(|e| panic!("{e}\n{procedure}"));
        assert_eq!(quoted_after(&procedure, "# Esqueleto criado pelo `sopbook import` a partir de "), name);
        let lint = sopbook().arg("lint").arg(kb.path()).output().unwrap();
        assert!(!text(&lint.stdout).contains("toml-syntax"), "{}", text(&lint.stdout));
        // Nor can it write to the terminal: no escape character reaches the report.
        assert!(!out.stdout.contains(&0x1b), "{}", text(&out.stdout));
    }
}
