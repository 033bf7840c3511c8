//! Real git repositories for the tests of the history: made with the `git` binary in temporary
//! folders, with fixed names and dates and no user or system configuration.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::process::Command;

/// 2026-01-01T12:00:00Z: the day before the first commit of [`Repo::new`].
pub const JANUARY: i64 = 1_767_268_800;
/// 2026-11-01T12:00:00Z: the day before the first commit of a repository made with
/// [`Repo::starting`] for site tests, whose "today" is [`crate::TODAY`] (2026-11-27).
pub const NOVEMBER: i64 = 1_793_534_400;

/// A repository in a temporary folder; every commit is one day after the previous one.
pub struct Repo {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    start: i64,
    day: Cell<i64>,
    author: RefCell<(String, String)>,
}

impl Repo {
    pub fn new() -> Repo {
        Repo::starting(JANUARY)
    }

    /// A repository whose first commit is the day after `start` (seconds since the epoch).
    pub fn starting(start: i64) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("repo");
        std::fs::create_dir_all(&path).unwrap();
        let author = RefCell::new(("Ana Lima".to_string(), "ana@example.com".to_string()));
        let repo = Repo { _dir: dir, path, start, day: Cell::new(0), author };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// The folder that holds the repository, for clones beside it.
    pub fn parent(&self) -> &Path {
        self.path.parent().unwrap()
    }

    /// Runs git in the repository; its standard output, trimmed. Panics when git fails.
    pub fn git(&self, args: &[&str]) -> String {
        let output = self.command(&self.path, args).output().unwrap();
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    /// Runs git and returns whether it succeeded (a merge with a conflict fails).
    pub fn git_status(&self, args: &[&str]) -> bool {
        self.command(&self.path, args).output().unwrap().status.success()
    }

    /// Runs git in another folder (a clone), with this repository's identity and date.
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.command(dir, args).output().unwrap();
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    /// Runs git with another date than the next commit's (an author in another time zone).
    pub fn git_dated(&self, args: &[&str], date: &str) -> String {
        let output = self
            .command(&self.path, args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    /// Moves the date of the next git command one day on, as a commit does.
    pub fn skip_day(&self) {
        self.day.set(self.day.get() + 1);
    }

    /// The date of the next commit, as git reads it.
    pub fn date(&self) -> String {
        format!("@{} +0000", self.start + self.day.get() * 86_400)
    }

    pub fn write(&self, path: &str, text: &str) {
        let full = self.path.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    /// Stages everything and commits, one day after the last commit; the new commit's id.
    pub fn commit(&self, message: &str) -> String {
        self.day.set(self.day.get() + 1);
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// [`Repo::commit`] by another author (who stays the author of the next commits).
    pub fn commit_as(&self, name: &str, message: &str) -> String {
        let email = format!("{}@example.com", name.split_whitespace().next().unwrap_or("x").to_lowercase());
        *self.author.borrow_mut() = (name.to_string(), email);
        self.commit(message)
    }

    fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let (name, email) = self.author.borrow().clone();
        git_command(dir, args, &name, &email, &self.date())
    }
}

/// git in `dir` as `name` on `date`, without the user's or the system's configuration.
fn git_command(dir: &Path, args: &[&str], name: &str, email: &str, date: &str) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", name)
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_COMMITTER_NAME", name)
        .env("GIT_COMMITTER_EMAIL", email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date);
    command
}

/// Makes `dir` a repository with everything in it committed by Ana Lima on 2026-11-02.
pub fn commit_all(dir: &Path, message: &str) {
    let date = format!("@{} +0000", NOVEMBER + 86_400);
    for args in [&["init", "-q", "-b", "main"][..], &["add", "-A"], &["commit", "-q", "-m", message]] {
        let output = git_command(dir, args, "Ana Lima", "ana@example.com", &date).output().unwrap();
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}
