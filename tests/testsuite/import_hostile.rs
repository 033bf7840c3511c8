//! `import` and `init` against files written to break them: file names that try to inject TOML,
//! zip and XML bombs, HTML nested deeper than any stack, a disk that fills up half-way, and
//! manuals big enough that a quadratic step would never finish.

use std::collections::BTreeMap;
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

/// Every file under `dir`, by relative path, with its size and a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<String, (usize, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&bytes, &mut hasher);
            (rel, (bytes.len(), std::hash::Hasher::finish(&hasher)))
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

// ---------------------------------------------------------------------------------------------
// Item 13: nothing is written unless everything is.

/// Runs `cmd` with files limited to `limit` bytes (RLIMIT_FSIZE), as on a disk that fills up:
/// a write past the limit fails with EFBIG (SIGXFSZ is ignored, so it does not kill the process).
fn with_file_size_limit(cmd: &mut Command, limit: u64) -> Output {
    // SAFETY: between fork and exec the closure calls only `signal` and `setrlimit`, which are
    // async-signal-safe, and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.env("SOPBOOK_TODAY", crate::TODAY).env("NO_COLOR", "1").output().unwrap()
}

fn binary() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("sopbook"))
}

#[test]
fn init_on_a_full_disk_leaves_the_folder_as_it_was() {
    // The example procedure (about 2 KB) is the third file: the disk fills up while it is written.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notas.txt"), "minhas notas\n").unwrap();
    let before = tree(dir.path());
    let out = with_file_size_limit(binary().arg("init").arg(dir.path()), 1500);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("primeiro-procedimento.toml"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("nothing was written"), "{}", text(&out.stderr));
    assert_eq!(tree(dir.path()), before);
    assert_eq!(folders(dir.path()), Vec::<String>::new());

    // A folder that did not exist is not left behind either.
    let new = dir.path().join("nova-base");
    let out = with_file_size_limit(binary().arg("init").arg(&new), 1500);
    assert_eq!(out.status.code(), Some(2));
    assert!(!new.exists(), "{:?}", tree(&new));

    // Enough room: the same command works.
    let out = with_file_size_limit(binary().arg("init").arg(&new), 1 << 20);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tree(&new).len(), 4);

    // `new` (a procedure of about 1.5 KB) in a folder of its own: neither is left behind.
    let before = tree(&new);
    let out = with_file_size_limit(binary().args(["new", "Nova Seção > Sub > Título"]).arg("--root").arg(&new), 1000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("titulo.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(&new), before);
    assert!(!new.join("procedures/nova-secao").exists());
}

/// A manual in its own section (it cites `Section > Manual`), `size` bytes long.
fn manual_in(dir: &Path, name: &str, section: &str, size: usize) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut text = format!("{name}\n\nVeja **{section} > Manual de apoio** antes.\n\n1. Faça isto.\n");
    while text.len() < size {
        text.push_str("Uma frase longa que ocupa espaço no passo, escrita de novo e de novo.\n");
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn import_that_fails_half_way_leaves_the_knowledge_base_as_it_was() {
    let manuals = dir_with_manuals();
    let small = manual_in(manuals.path(), "Pequeno", "Alfa > Um", 0);
    let big = manual_in(manuals.path(), "Grande", "Beta > Dois", 8000);
    let existing = "# Nossos manuais.\n[[manual]]\npath = \"Gama > Tres\"\n";

    // 1. The second procedure does not fit on the disk.
    let kb = knowledge_base();
    std::fs::write(kb.path().join("manuals.toml"), existing).unwrap();
    let before = tree(kb.path());
    let out = with_file_size_limit(binary().arg("import").arg(&small).arg(&big).arg("--root").arg(kb.path()), 4000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("grande.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // 2. Both procedures fit, but the new manuals.toml does not.
    let kb = knowledge_base();
    let long = format!("{existing}{}", "# Um comentário longo que ocupa espaço no arquivo de manuais.\n".repeat(80));
    std::fs::write(kb.path().join("manuals.toml"), &long).unwrap();
    let before = tree(kb.path());
    let out = with_file_size_limit(binary().arg("import").arg(&small).arg("--root").arg(kb.path()), 4000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("manuals.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // 3. A file stands where the second procedure's folder must go.
    let kb = knowledge_base();
    std::fs::write(kb.path().join("manuals.toml"), existing).unwrap();
    std::fs::write(kb.path().join("procedures/beta"), "not a folder").unwrap();
    let before = tree(kb.path());
    let out = import(kb.path(), &[&small, &big]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("procedures/beta"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // With room and a free path, the same import works and keeps what manuals.toml had.
    std::fs::remove_file(kb.path().join("procedures/beta")).unwrap();
    let out = import(kb.path(), &[&small, &big]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    assert!(manuals.starts_with(existing), "{manuals}");
    assert_eq!(manuals.matches("[[manual]]").count(), 3, "{manuals}");
}

fn dir_with_manuals() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}
