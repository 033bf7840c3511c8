//! The handbook's examples are tests: every command shown in `book/*.md` and `README.md` runs, and
//! what it prints is compared with what the page shows (snapbox), so a changed message or count
//! fails here until the page is updated.
//!
//! The page's syntax (README.md, "The handbook's examples are tests"):
//!
//! ````text
//! ```console base=NOME código=1
//! $ sopbook lint
//! erro[dead-end]: …
//! ```
//! ````
//!
//! - A `console` block holds commands (`$ ` lines) and, under each, what it prints (stdout and
//!   stderr, as a terminal shows them). A line that is only `…` stands for any number of lines:
//!   the page shows an excerpt. `cd PASTA` changes the folder for the next commands.
//! - `base=NOME`: the commands run in a copy of `tests/book/NOME/`. Without it, in a copy of this
//!   repository's knowledge base (`sopbook.toml`, `manuals.toml`, `procedures/`, `book/`). A
//!   fixture with a file `exemplo.toml` saying `sobre = "repositório"` is laid over that copy
//!   (its `apagar = [...]` lists files to remove first).
//! - `código=N`: the exit code of every command of the block (default 0).
//! - `arquivo=NOME/caminho` (any language): the block shows the file `tests/book/NOME/caminho`,
//!   the one an example runs on, whole and as it is.
//! - `sem-teste=MOTIVO`: not run (a server, a browser, a long benchmark, `cargo`); the reason is
//!   one word. Every `console`, `sh`, `bash`, `shell` and `powershell` block must either run or say
//!   why not, and a `text` block may not hide a diagnostic (`erro[…]`, `aviso[…]`).
//!
//! Timings (`37 ms`, `1,2 s`) and sizes (`183 MB`, `0,9 MB`) may differ from the page. With
//! `SOPBOOK_BOOK_UPDATE=1`, a failing block without `…` lines is rewritten with what the tool
//! printed, for a maintainer to review with `git diff`.

use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use regex::Regex;

const SHELLS: &[&str] = &["console", "sh", "bash", "shell", "powershell"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every page whose examples are checked.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(root().join("book"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages.push(root().join("README.md"));
    pages
}

/// A fenced block of a page: its info string's words, its text, and where the text lies.
struct Block {
    lang: String,
    attrs: Vec<(String, String)>,
    text: String,
    span: std::ops::Range<usize>,
    line: usize,
}

impl Block {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn blocks(source: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(Block, Option<std::ops::Range<usize>>)> = None;
    for (event, range) in Parser::new(source).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let mut words = info.split_whitespace();
                let lang = words.next().unwrap_or_default().to_string();
                let attrs = words
                    .map(|w| w.split_once('=').map_or((w.to_string(), String::new()), |(k, v)| (k.into(), v.into())))
                    .collect();
                let line = source[..range.start].lines().count() + 1;
                open = Some((Block { lang, attrs, text: String::new(), span: 0..0, line }, None));
            }
            Event::Text(text) => {
                if let Some((block, span)) = open.as_mut() {
                    block.text.push_str(&text);
                    *span = Some(span.as_ref().map_or(range.start, |s| s.start)..range.end);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((mut block, span)) = open.take() {
                    block.span = span.unwrap_or(0..0);
                    out.push(block);
                }
            }
            _ => {}
        }
    }
    out
}

/// One command of a block and the lines the page shows under it.
struct Step {
    command: String,
    shown: String,
}

fn steps(text: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for line in text.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step { command: command.to_string(), shown: String::new() });
        } else if let Some(step) = steps.last_mut() {
            step.shown.push_str(line);
            step.shown.push('\n');
        }
    }
    steps
}

/// The folder the block's commands start in: a copy of the repository's base or of a fixture.
fn workspace(block: &Block) -> Result<(tempfile::TempDir, PathBuf), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let work = dir.path().join("base");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let fixture = block.attr("base").map(|name| root().join("tests/book").join(name));
    let over_repository = match &fixture {
        None => true,
        Some(path) => {
            if !path.is_dir() {
                return Err(format!("no fixture {}", path.display()));
            }
            read_settings(path)?.0
        }
    };
    if over_repository {
        for name in ["sopbook.toml", "manuals.toml", "procedures", "book"] {
            let from = root().join(name);
            if from.is_dir() {
                super::copy_dir(&from, &work.join(name));
            } else {
                std::fs::copy(&from, work.join(name)).map_err(|e| e.to_string())?;
            }
        }
    }
    if let Some(path) = fixture {
        for gone in read_settings(&path)?.1 {
            let target = work.join(&gone);
            let removed =
                if target.is_dir() { std::fs::remove_dir_all(&target) } else { std::fs::remove_file(&target) };
            removed.map_err(|e| format!("{}: apagar `{gone}`: {e}", path.display()))?;
        }
        super::copy_dir(&path, &work);
        let _ = std::fs::remove_file(work.join("exemplo.toml"));
    }
    Ok((dir, work))
}

/// `exemplo.toml` of a fixture: laid over the repository's base?, files to remove first.
fn read_settings(fixture: &Path) -> Result<(bool, Vec<String>), String> {
    let path = fixture.join("exemplo.toml");
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok((false, Vec::new())) };
    let table: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let over = table.get("sobre").and_then(|v| v.as_str()) == Some("repositório");
    let gone = table
        .get("apagar")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    Ok((over, gone))
}

/// Runs one command line as a terminal would (through `sh`, stderr with stdout), with `sopbook`
/// being the binary under test, in Portuguese, with the tests' fixed "today" and no colour.
fn run(command: &str, cwd: &Path, home: &Path) -> (Option<i32>, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sopbook"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    // A command that does not end (`sopbook serve`) must say `sem-teste=servidor`; it is stopped.
    let mut cmd = Command::new("timeout");
    cmd.args(["20", "sh", "-c"]).arg(format!("exec 2>&1; {command}")).current_dir(cwd);
    cmd.env("PATH", path)
        .env("SOPBOOK_TODAY", super::TODAY)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("GIT_CEILING_DIRECTORIES", home)
        .env("COLUMNS", "100");
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "CI", "GITHUB_ACTIONS", "TERM"] {
        cmd.env_remove(name);
    }
    match cmd.output() {
        Ok(out) => (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(e) => (None, format!("could not run `{command}`: {e}")),
    }
}

/// What may differ between the page and a run: timings, memory figures, the temporary folder.
fn normalize(text: &str, temporary: &Path) -> String {
    static TIMES: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static MEMORY: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    // The spaces before a figure too: `--verbose` aligns them to the right.
    let times = TIMES.get_or_init(|| Regex::new(r" *\b\d+([.,]\d+)? ?(ms|µs|s)\b").unwrap());
    let memory = MEMORY.get_or_init(|| Regex::new(r" *\b\d+([.,]\d+)? ?(kB|KB|KiB|MB|MiB|GB|GiB)\b").unwrap());
    let text = text.replace(&temporary.display().to_string(), "[..]");
    let text = times.replace_all(&text, " [tempo]");
    let text = memory.replace_all(&text, " [memória]");
    // A line that is only `…` on the page is snapbox's "any lines".
    text.lines().map(|l| if l.trim() == "…" { "..." } else { l }).collect::<Vec<_>>().join("\n") + "\n"
}

/// Runs one block; `Err` holds the report of what differs, `Ok(Some(text))` the block's text as
/// the tool prints it (for `SOPBOOK_BOOK_UPDATE`).
fn check(page: &str, block: &Block) -> Result<String, String> {
    let (dir, start) = workspace(block).map_err(|e| format!("{page}:{}: {e}", block.line))?;
    let expected_code: i32 = match block.attr("código") {
        None => 0,
        Some(code) => code.parse().map_err(|_| format!("{page}:{}: código={code} is not a number", block.line))?,
    };
    let mut cwd = start;
    let mut rewritten = String::new();
    let mut failures = Vec::new();
    for step in steps(&block.text) {
        rewritten.push_str(&format!("$ {}\n", step.command));
        if let Some(folder) = step.command.strip_prefix("cd ") {
            cwd = cwd.join(folder.trim());
            continue;
        }
        let (code, printed) = run(&step.command, &cwd, dir.path());
        rewritten.push_str(&printed);
        let actual = normalize(&printed, dir.path());
        let shown = normalize(&step.shown, dir.path());
        let name = format!("{page}:{}: `$ {}`", block.line, step.command);
        if code != Some(expected_code) {
            failures.push(format!("{name}: exit code {code:?}, the page says {expected_code}\n{printed}"));
            continue;
        }
        if let Err(e) = snapbox::Assert::new().normalize_paths(false).try_eq(Some(&name), actual.into(), shown.into()) {
            failures.push(e.to_string());
        }
    }
    if failures.is_empty() { Ok(rewritten) } else { Err(failures.join("\n") + "\u{0}" + &rewritten) }
}

fn run_page(path: &Path, update: bool) -> Vec<String> {
    let source = std::fs::read_to_string(path).unwrap();
    let page = path.strip_prefix(root()).unwrap().display().to_string();
    let mut failures = Vec::new();
    let mut edits = Vec::new();
    for block in blocks(&source) {
        if let Some(problem) = unmarked(&block) {
            failures.push(format!("{page}:{}: {problem}", block.line));
            continue;
        }
        if let Some(file) = block.attr("arquivo") {
            failures.extend(same_file(&page, &block, file));
            continue;
        }
        if block.lang != "console" || block.attr("sem-teste").is_some() {
            continue;
        }
        if let Err(report) = check(&page, &block) {
            let (report, rewritten) = report.split_once('\u{0}').unwrap_or((&report, ""));
            failures.push(report.to_string());
            if update && !block.text.lines().any(|l| l.trim() == "…") && !rewritten.is_empty() {
                edits.push((block.span.clone(), rewritten.to_string()));
            }
        }
    }
    if !edits.is_empty() {
        let mut text = source.clone();
        for (span, new) in edits.into_iter().rev() {
            text.replace_range(span, &new);
        }
        std::fs::write(path, text).unwrap();
    }
    failures
}

/// A block that shows a fixture's file (`arquivo=NOME/caminho`) shows it whole and as it is.
fn same_file(page: &str, block: &Block, file: &str) -> Option<String> {
    let path = root().join("tests/book").join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) if text == block.text => None,
        Ok(text) => Some(format!("{page}:{}: the block differs from {}:\n{text}", block.line, path.display())),
        Err(e) => Some(format!("{page}:{}: {}: {e}", block.line, path.display())),
    }
}

/// Why a block cannot be left as it is: a command example that neither runs nor says why, or a
/// diagnostic shown as plain text (it would drift unseen).
fn unmarked(block: &Block) -> Option<String> {
    if let Some(reason) = block.attr("sem-teste") {
        return reason.is_empty().then(|| "`sem-teste=` needs a reason (one word)".to_string());
    }
    if SHELLS.contains(&block.lang.as_str()) && block.lang != "console" {
        return Some(format!("a `{}` block must be a tested `console` block or say `sem-teste=MOTIVO`", block.lang));
    }
    if block.lang == "console" && !block.text.lines().any(|l| l.starts_with("$ ")) {
        return Some("a `console` block without `$ ` commands: show the command, or say `sem-teste=MOTIVO`".into());
    }
    static DIAGNOSTIC: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let diagnostic = DIAGNOSTIC.get_or_init(|| Regex::new(r"^(erro|aviso|nota|error|warning)\[[a-z-]+\]").unwrap());
    if block.lang != "console" && block.text.lines().any(|l| diagnostic.is_match(l)) {
        return Some("a diagnostic shown outside a tested `console` block".into());
    }
    None
}

#[test]
fn the_book_examples_print_what_the_pages_show() {
    let update = std::env::var_os("SOPBOOK_BOOK_UPDATE").is_some();
    let only = std::env::var("SOPBOOK_BOOK_PAGE").ok();
    let failures: Vec<String> = pages()
        .iter()
        .filter(|p| only.as_deref().is_none_or(|name| p.ends_with(name)))
        .flat_map(|p| run_page(p, update))
        .collect();
    assert!(failures.is_empty(), "{} example(s) differ from the book:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn the_harness_reads_commands_outputs_and_attributes() {
    let page = "Texto.\n\n```console base=x código=2\n$ sopbook lint\nerro\n…\n$ cd y\n```\n\n```toml\na = 1\n```\n";
    let found = blocks(page);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].lang.as_str(), found[0].attr("base"), found[0].attr("código")),
        ("console", Some("x"), Some("2"))
    );
    assert_eq!(&page[found[0].span.clone()], "$ sopbook lint\nerro\n…\n$ cd y\n");
    let parts = steps(&found[0].text);
    assert_eq!(parts.len(), 2);
    assert_eq!((parts[0].command.as_str(), parts[0].shown.as_str()), ("sopbook lint", "erro\n…\n"));
    let tmp = Path::new("/tmp/xyz");
    assert_eq!(
        normalize("10 páginas em 37 ms, 1,2 s\n…\n/tmp/xyz/a\n", tmp),
        "10 páginas em [tempo], [tempo]\n...\n[..]/a\n"
    );
    assert!(unmarked(&blocks("```sh\nls\n```\n")[0]).is_some());
    assert!(unmarked(&blocks("```sh sem-teste=cargo\nls\n```\n")[0]).is_none());
    assert!(unmarked(&blocks("```text\nerro[dead-end]: x\n```\n")[0]).is_some());
    assert!(unmarked(&blocks("```console\nsopbook lint\n```\n")[0]).is_some());
    let shown = &blocks("```toml arquivo=x/y.toml\na = 1\n```\n")[0];
    assert!(same_file("p.md", shown, "no-such-fixture/y.toml").is_some());
}
