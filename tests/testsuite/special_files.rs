//! Special files where sopbook expects a text file (issue 12, item 8): a FIFO, a socket, a
//! device, a folder, a link out of the knowledge base or a file too big, as a procedure,
//! `sopbook.toml`, `manuals.toml`, a handbook chapter, `book/SUMMARY.md`, a theme file or a
//! manual to import. None may hang the tool, fill its memory or be published: a procedure or
//! settings file becomes an `unreadable` finding, anything else stops with exit 2 naming it.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::fixture;
use crate::sopbook;

/// Longer than any of these commands takes; a hang is a failure, not a stuck test run.
const PATIENCE: Duration = Duration::from_secs(60);

/// The most sopbook reads of one file (`book/seguranca.md` documents it).
const LIMIT: usize = 16 * 1024 * 1024;

/// A copy of the `clean` fixture in a temporary folder: (the folder, the knowledge base in it).
fn clean_base() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    crate::copy_dir(&fixture("clean"), &root);
    (dir, root)
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

fn symlink(target: &Path, link: &Path) {
    let _ = std::fs::remove_file(link);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// `sopbook lint ROOT --format json`: the exit code and the findings.
fn lint(root: &Path) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = sopbook().args(["lint", "--format", "json"]).arg(root).timeout(PATIENCE).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), findings.as_array().unwrap().clone())
}

/// The one `unreadable` finding on `file`, its message.
fn unreadable_message(findings: &[serde_json::Value], file: &str) -> String {
    let on_file: Vec<_> = findings.iter().filter(|f| f["rule"] == "unreadable" && f["file"] == file).collect();
    assert_eq!(on_file.len(), 1, "one `unreadable` finding on {file}: {findings:?}");
    on_file[0]["message"].as_str().unwrap().to_string()
}

/// `sopbook build ROOT --out DIR/site`: exit code and standard error.
fn build(dir: &Path, root: &Path) -> (Option<i32>, String) {
    let output =
        sopbook().arg("build").arg(root).arg("--out").arg(dir.join("site")).timeout(PATIENCE).output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A procedure file of `size` bytes that lints clean.
fn procedure_of_size(title: &str, size: usize) -> String {
    let head = format!(
        "title = \"{title}\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
                [steps.a]\nend = \"resolution\"\ntext = \""
    );
    let filler = size - head.len() - 2;
    format!("{head}{}\"\n", "x".repeat(filler))
}

/// A FIFO, a socket and a folder named like procedures: `unreadable` findings naming each,
/// never skipped in silence nor waited on.
#[test]
fn special_procedure_files_are_unreadable_findings() {
    let (_dir, root) = clean_base();
    mkfifo(&root.join("procedures/fila.toml"));
    let _socket = std::os::unix::net::UnixListener::bind(root.join("procedures/tomada.toml")).unwrap();
    let (code, findings) = lint(&root);
    assert_eq!(code, Some(1), "{findings:?}");
    let fifo = unreadable_message(&findings, "procedures/fila.toml");
    assert!(fifo.contains("FIFO") && fifo.contains("não um arquivo comum"), "{fifo}");
    let socket = unreadable_message(&findings, "procedures/tomada.toml");
    assert!(socket.contains("socket"), "{socket}");
    // The other procedures are still read and linted.
    assert_eq!(findings.len(), 2, "{findings:?}");
}

/// `sopbook.toml` and `manuals.toml` as FIFOs (they used to hang every command), as folders,
/// or as links to a FIFO inside the base: `unreadable` findings.
#[test]
fn special_settings_files_are_unreadable_findings() {
    for name in ["sopbook.toml", "manuals.toml"] {
        let (_dir, root) = clean_base();
        mkfifo(&root.join(name));
        let (code, findings) = lint(&root);
        assert_eq!(code, Some(1), "{name}: {findings:?}");
        assert!(unreadable_message(&findings, name).contains("FIFO"), "{name}");

        std::fs::remove_file(root.join(name)).unwrap();
        mkfifo(&root.join("procedures/_fila"));
        symlink(&root.join("procedures/_fila"), &root.join(name));
        let (code, findings) = lint(&root);
        assert_eq!(code, Some(1), "{name} linked to a FIFO: {findings:?}");
        assert!(unreadable_message(&findings, name).contains("FIFO"), "{name}");

        std::fs::remove_file(root.join(name)).unwrap();
        std::fs::create_dir(root.join(name)).unwrap();
        let (code, findings) = lint(&root);
        assert_eq!(code, Some(1), "{name} as a folder: {findings:?}");
        assert!(unreadable_message(&findings, name).contains("pasta"), "{name}");
    }
}

/// A device file inside the knowledge base (only where this test may create one): refused by
/// its type, never read (`/dev/zero` would fill the memory).
#[test]
fn a_device_inside_the_base_is_not_read() {
    let (_dir, root) = clean_base();
    let zero = root.join("procedures/zero.toml");
    let c = std::ffi::CString::new(zero.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; the device numbers are /dev/zero's (1, 5).
    if unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5)) } != 0 {
        eprintln!("note: cannot create a device file here (not root?): only the link to /dev/zero is tested");
    } else {
        let (code, findings) = lint(&root);
        assert_eq!(code, Some(1));
        assert!(unreadable_message(&findings, "procedures/zero.toml").contains("dispositivo"), "{findings:?}");
        std::fs::remove_file(&zero).unwrap();
    }
    symlink(Path::new("/dev/zero"), &root.join("sopbook.toml"));
    let (code, findings) = lint(&root);
    assert_eq!(code, Some(1));
    unreadable_message(&findings, "sopbook.toml");
}

/// A procedure larger than the limit: an `unreadable` finding that names the limit (it used to
/// be read whole, however big). One at the limit is read.
#[test]
fn a_procedure_over_the_limit_is_an_unreadable_finding() {
    let (_dir, root) = clean_base();
    std::fs::write(root.join("procedures/grande.toml"), procedure_of_size("Grande", LIMIT + 1)).unwrap();
    std::fs::write(root.join("procedures/limite.toml"), procedure_of_size("No limite", LIMIT)).unwrap();
    let (code, findings) = lint(&root);
    assert_eq!(code, Some(1), "{findings:?}");
    let message = unreadable_message(&findings, "procedures/grande.toml");
    assert!(message.contains("16 MiB"), "{message}");
    assert_eq!(findings.len(), 1, "the file at the limit is read: {findings:?}");
}

/// Handbook files: a FIFO chapter or SUMMARY.md (they used to hang the build), one linked to
/// `/etc/passwd` or `/dev/zero` (read and published, or eating memory), a folder named like a
/// chapter, a chapter over the limit: the build stops (exit 2) naming the file, and the
/// previous site stays.
#[test]
fn special_handbook_files_stop_the_build() {
    let (dir, root) = clean_base();
    std::fs::create_dir_all(root.join("book")).unwrap();
    std::fs::write(root.join("book/introducao.md"), "# Introdução\n").unwrap();
    let (code, stderr) = build(dir.path(), &root);
    assert_eq!(code, Some(0), "{stderr}");
    let index = std::fs::read(dir.path().join("site/index.html")).unwrap();

    type Setup = fn(&Path);
    let cases: [(&str, Setup, &str); 7] = [
        ("book/SUMMARY.md", |p| mkfifo(p), "FIFO"),
        ("book/capitulo.md", |p| mkfifo(p), "FIFO"),
        ("book/SUMMARY.md", |p| symlink(Path::new("/etc/passwd"), p), "fora da base de conhecimento"),
        ("book/SUMMARY.md", |p| symlink(Path::new("/dev/zero"), p), "fora da base de conhecimento"),
        ("book/capitulo.md", |p| symlink(Path::new("/dev/zero"), p), "fora da base de conhecimento"),
        ("book/capitulo.md", |p| std::fs::create_dir(p).unwrap(), "pasta"),
        ("book/capitulo.md", |p| std::fs::write(p, "a".repeat(LIMIT + 1)).unwrap(), "16 MiB"),
    ];
    for (file, setup, says) in cases {
        let path = root.join(file);
        setup(&path);
        let (code, stderr) = build(dir.path(), &root);
        assert_eq!(code, Some(2), "{file} ({says}): {stderr}");
        assert!(stderr.contains(&format!("`{file}`")) && stderr.contains(says), "{file}: {stderr}");
        assert!(!stderr.contains("root:"), "{stderr}");
        assert_eq!(std::fs::read(dir.path().join("site/index.html")).unwrap(), index, "the previous site stays");
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// A theme file that is a FIFO or a link to a device: the build stops naming it (a FIFO used
/// to be skipped in silence, so the theme was not what its author wrote).
#[test]
fn special_theme_files_stop_the_build() {
    let (dir, root) = clean_base();
    std::fs::write(root.join("sopbook.toml"), "[build]\ntheme = \"meu\"\n").unwrap();
    std::fs::create_dir_all(root.join("themes/meu/static")).unwrap();
    std::fs::write(root.join("themes/meu/static/extra.css"), "body{}").unwrap();
    let (code, stderr) = build(dir.path(), &root);
    assert_eq!(code, Some(0), "{stderr}");
    mkfifo(&root.join("themes/meu/static/fila.css"));
    let (code, stderr) = build(dir.path(), &root);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("themes/meu/static/fila.css") && stderr.contains("FIFO"), "{stderr}");
}

/// `sopbook import` of a FIFO (it waited forever) or of `/dev/zero` (it read until memory ran
/// out): refused at once, naming the file, and nothing written.
#[test]
fn import_refuses_special_files() {
    let (dir, root) = clean_base();
    let fifo = dir.path().join("manual.txt");
    mkfifo(&fifo);
    for input in [fifo.as_path(), Path::new("/dev/zero")] {
        let output = sopbook().arg("import").arg(input).arg("--root").arg(&root).timeout(PATIENCE).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{}: {stderr}", input.display());
        assert!(stderr.contains(&input.display().to_string()), "{stderr}");
        assert!(stderr.contains("não um arquivo comum") || stderr.contains("pasta"), "{stderr}");
    }
    // In a folder (a library), the FIFO is set aside by name and never opened.
    let output = sopbook().arg("import").arg(dir.path()).arg("--root").arg(&root).timeout(PATIENCE).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(&format!("  {}: não é um arquivo comum", fifo.display())), "{stdout}");
    assert_eq!(std::fs::read_dir(root.join("procedures")).unwrap().count(), 3, "nothing written");
}
