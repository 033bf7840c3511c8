//! Output into a pipe that closes early (`sopbook lint | head`): the exit code still says what
//! was found, and nothing panics or aborts, whatever the subcommand and the stream.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::fixture;

/// Which stream of the child is a pipe whose reading end is closed before it writes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs sopbook with `closed` a pipe nobody reads (its reading end is closed at once): the
/// exit code, and what it wrote on the other stream.
fn run_with_closed(closed: Closed, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        // The default language (pt-BR), whatever the machine's locale.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .env("SOPBOOK_TODAY", crate::TODAY)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (stdout, stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let mut other: Box<dyn Read> = match closed {
        Closed::Stdout => {
            drop(stdout);
            Box::new(stderr)
        }
        Closed::Stderr => {
            drop(stderr);
            Box::new(stdout)
        }
    };
    let mut said = String::new();
    other.read_to_string(&mut said).unwrap();
    (child.wait().unwrap().code(), said)
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// Every subcommand that prints, into a closed standard output: the exit code it has when the
/// output is read (1 for findings), never 0 instead of 1, never a panic.
#[test]
fn a_closed_stdout_keeps_the_exit_code() {
    let (errors, clean) = (path("every-rule"), path("clean"));
    let cases: &[(&[&str], i32)] = &[
        (&["lint", &errors], 1),
        (&["lint", "--format", "json", &errors], 1),
        (&["lint", "--format", "sarif", &errors], 1),
        (&["lint", &clean], 0),
        (&["lint", "--format", "sarif", &clean], 0),
        (&["rules"], 0),
        (&["rules", "dead-end"], 0),
        (&["schema"], 0),
        (&["schema", "config"], 0),
        (&["refs", "--unused", "--root", &errors], 0),
        (&["refs", "Nada > Existe", "--root", &errors], 1),
        (&["graph", "suporte/reinstalar", "--root", &clean], 0),
        (&["graph", "suporte/reinstalar", "--format", "svg", "--root", &clean], 0),
        (&["checklist", "suporte/reinstalar", "--root", &clean], 0),
    ];
    for (args, code) in cases {
        let (got, stderr) = run_with_closed(Closed::Stdout, args);
        assert_eq!(got, Some(*code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

/// `sopbook build 2>&1 | head`: the findings go to standard error; when it closes, the build
/// still refuses with exit 1 (it used to abort: a panic while printing the panic).
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site").display().to_string();
    let (code, stdout) = run_with_closed(Closed::Stderr, &["build", &path("every-rule"), "--out", &out]);
    assert_eq!(code, Some(1), "{stdout}");
    let (code, _) = run_with_closed(Closed::Stderr, &["lint", "/no/such/folder"]);
    assert_eq!(code, Some(2));
    let (code, _) = run_with_closed(Closed::Stderr, &["build", &path("clean"), "--out", &out]);
    assert_eq!(code, Some(0));
    assert!(dir.path().join("site/index.html").is_file());
}

/// Standard output that cannot be written for another reason than a closed pipe (a full disk:
/// `/dev/full`): said on standard error, and a command that had nothing else to report fails
/// (exit 2) instead of succeeding with its output lost; findings keep their exit 1.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_stdout_is_reported() {
    let run = |args: &[&str]| {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_sopbook"))
            // The default language (pt-BR), whatever the machine's locale.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .args(args)
            .env("SOPBOOK_TODAY", crate::TODAY)
            .stdout(full)
            .output()
            .unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = run(&["schema"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("não foi possível escrever na saída padrão"), "{stderr}");
    let (code, stderr) = run(&["lint", &path("every-rule")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("não foi possível escrever na saída padrão"), "{stderr}");
}
