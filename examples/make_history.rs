//! Writes a git repository with a long procedure history, to measure `sopbook::history`:
//! `cargo run --release --example make_history -- /dev/shm/hist 10000 2000`.
//!
//! The first commit adds the synthetic knowledge base of `sopbook::synth` (PROCEDURES files);
//! the others, COMMITS in all, edit one to four procedures each, and now and then rename one
//! (with an edit), add or delete one; every tenth or so is the merge of a two-commit topic
//! branch, made while `main` moved on. Five authors, one to six hours apart. Commits are
//! streamed to `git fast-import`, so 2,000 commits take a few seconds. Deterministic. Half the
//! edits change a summary, half a step's text. With `FROM=DIR` in the environment, the first
//! commit is the knowledge base in DIR (its `sopbook.toml`, `manuals.toml` and procedures, which
//! must be there, in that order of importance) instead of the synthetic one.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const AUTHORS: [&str; 5] = [
    "Ana Lima <ana@example.com>",
    "Bruno Costa <bruno@example.com>",
    "Carla Dias <carla@example.com>",
    "Diego Alves <diego@example.com>",
    "Elisa Rocha <elisa@example.com>",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(procedures), Some(commits)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: make_history FOLDER PROCEDURES COMMITS");
        std::process::exit(2);
    };
    if let Err(error) = make(Path::new(&dir), procedures.max(2), commits.max(1)) {
        eprintln!("error: {error}");
        std::process::exit(2);
    }
}

fn make(dir: &Path, procedures: usize, commits: usize) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    git(dir, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git fast-import: {e}"))?;
    let stdin = child.stdin.take().expect("piped");
    let mut history =
        Writer { out: std::io::BufWriter::new(stdin), mark: 0, time: 1_704_067_200, rng: 0x9E37_79B9_7F4A_7C15 };
    history.write(procedures, commits).map_err(|e| format!("cannot write to git fast-import: {e}"))?;
    drop(history);
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("git fast-import failed: {status}"));
    }
    git(dir, &["reset", "-q", "--hard"])
}

fn git(dir: &Path, args: &[&str]) -> Result<(), String> {
    let status =
        Command::new("git").args(args).current_dir(dir).status().map_err(|e| format!("cannot run git: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("git {} failed", args.join(" ")))
}

/// The fast-import stream being written, with the state of `main`.
struct Writer<W: Write> {
    out: W,
    mark: usize,
    time: i64,
    rng: u64,
}

/// What a commit does to one file.
enum Op {
    Write(String, String),
    Rename(String, String, String),
    Delete(String),
}

impl<W: Write> Writer<W> {
    fn write(&mut self, procedures: usize, commits: usize) -> std::io::Result<()> {
        let mut files = match std::env::var_os("FROM") {
            Some(from) => read_base(Path::new(&from))?,
            None => sopbook::synth::knowledge_base(procedures),
        };
        let first: Vec<Op> = files.iter().map(|(p, t)| Op::Write(p.clone(), t.clone())).collect();
        let mut main = self.commit("main", None, &[], "Importa a base de procedimentos", &first)?;
        // Only procedures are edited: the first two files are sopbook.toml and manuals.toml.
        files.drain(..2);
        let mut made = 1;
        while made < commits {
            if commits - made >= 4 && self.next().is_multiple_of(10) {
                main = self.merge_round(&mut files, main, made)?;
                made += 4;
            } else {
                let ops = self.ops(&mut files, made);
                main = self.commit("main", Some(main), &[], &format!("Revisão {made}"), &ops)?;
                made += 1;
            }
        }
        self.out.flush()
    }

    /// Two commits on a topic branch, one on `main` (other files), and the merge.
    fn merge_round(&mut self, files: &mut [(String, String)], main: usize, made: usize) -> std::io::Result<usize> {
        let (a, b, c) = (self.pick(files.len()), self.pick(files.len()), self.pick(files.len()));
        let first = vec![self.edit(files, a, made)];
        let topic = self.commit("topic", Some(main), &[], &format!("Tópico {made}: primeiro passo"), &first)?;
        let second = vec![self.edit(files, b, made + 1)];
        let topic = self.commit("topic", Some(topic), &[], &format!("Tópico {made}: segundo passo"), &second)?;
        let on_main = if c != a && c != b { vec![self.edit(files, c, made + 2)] } else { Vec::new() };
        let main = self.commit("main", Some(main), &[], &format!("Revisão {}", made + 2), &on_main)?;
        // The merge's tree is main's plus the branch's files, as they are now in `files`.
        let merged: Vec<Op> = [a, b].iter().map(|&i| Op::Write(files[i].0.clone(), files[i].1.clone())).collect();
        self.commit("main", Some(main), &[topic], &format!("Merge do tópico {made}"), &merged)
    }

    /// One to four edits, now and then a rename, an addition or a deletion.
    fn ops(&mut self, files: &mut Vec<(String, String)>, made: usize) -> Vec<Op> {
        let mut ops = Vec::new();
        match self.next() % 40 {
            0..=2 => {
                let i = self.pick(files.len());
                let old = files[i].0.clone();
                let new = format!(
                    "procedures/secao-{:02}/movido/{}",
                    self.next() % 20,
                    old.rsplit('/').next().unwrap_or("x.toml")
                );
                if !files.iter().any(|(p, _)| *p == new) {
                    files[i].0 = new.clone();
                    self.edit(files, i, made);
                    ops.push(Op::Rename(old, new.clone(), files[i].1.clone()));
                }
            }
            3 => {
                let i = self.pick(files.len());
                let path = format!("procedures/novos/novo-{made:05}.toml");
                let text = files[i].1.replacen("title = \"", &format!("title = \"Novo {made}: "), 1);
                files.push((path.clone(), text.clone()));
                ops.push(Op::Write(path, text));
            }
            4 if files.len() > 2 => {
                let i = self.pick(files.len());
                ops.push(Op::Delete(files.swap_remove(i).0));
            }
            _ => {}
        }
        for _ in 0..1 + self.next() % 4 {
            let i = self.pick(files.len());
            if !ops.iter().any(|op| matches!(op, Op::Rename(_, p, _) | Op::Write(p, _) if *p == files[i].0)) {
                ops.push(self.edit(files, i, made));
            }
        }
        ops
    }

    /// Rewrites the summary of file `i`, or one of its steps' text, as an editor would.
    fn edit(&mut self, files: &mut [(String, String)], i: usize, made: usize) -> Op {
        let (path, text) = &mut files[i];
        let summary = format!("summary = \"Texto revisto na revisão {made}, com acentuação: não, ação, é.\"");
        let texts = text.lines().filter(|l| l.starts_with("text")).count().max(1);
        // Half the edits change a step: the nth `text = "…"` line gets a sentence more.
        let step = (made % 2 == 1).then(|| made / 2 % texts);
        let mut seen = 0;
        *text = text
            .lines()
            .map(|l| {
                if step.is_none() && l.starts_with("summary = ") {
                    return summary.clone();
                }
                if l.starts_with("text") && l.ends_with('"') {
                    seen += 1;
                    if step == Some(seen - 1) {
                        return format!(
                            "{} Confirme com o cliente antes de seguir (revisão {made}).\"",
                            &l[..l.len() - 1]
                        );
                    }
                }
                l.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        Op::Write(path.clone(), text.clone())
    }

    fn commit(
        &mut self,
        branch: &str,
        from: Option<usize>,
        merges: &[usize],
        message: &str,
        ops: &[Op],
    ) -> std::io::Result<usize> {
        self.mark += 1;
        self.time += 3600 * (1 + (self.next() % 6) as i64);
        let author = AUTHORS[(self.next() % AUTHORS.len() as u64) as usize];
        let out = &mut self.out;
        writeln!(out, "commit refs/heads/{branch}\nmark :{}", self.mark)?;
        writeln!(out, "author {author} {} -0300\ncommitter {author} {} -0300", self.time, self.time)?;
        writeln!(out, "data {}\n{message}", message.len())?;
        if let Some(from) = from {
            writeln!(out, "from :{from}")?;
        }
        for merge in merges {
            writeln!(out, "merge :{merge}")?;
        }
        for op in ops {
            match op {
                Op::Write(path, text) => data(out, path, text)?,
                Op::Rename(old, new, text) => {
                    writeln!(out, "R {old} {new}")?;
                    data(out, new, text)?;
                }
                Op::Delete(path) => writeln!(out, "D {path}")?,
            }
        }
        writeln!(out)?;
        Ok(self.mark)
    }

    fn pick(&mut self, len: usize) -> usize {
        (self.next() % len as u64) as usize
    }

    /// xorshift64: deterministic and good enough to spread edits.
    fn next(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }
}

fn data(out: &mut impl Write, path: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, "M 100644 inline {path}\ndata {}\n{text}", text.len())
}

/// The knowledge base at `dir` as `synth::knowledge_base` gives one: `sopbook.toml` and
/// `manuals.toml` first (empty when absent), then the procedures, sorted.
fn read_base(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let mut files =
        vec![("sopbook.toml".to_string(), read("sopbook.toml")), ("manuals.toml".to_string(), read("manuals.toml"))];
    let mut procedures = Vec::new();
    for entry in walkdir::WalkDir::new(dir.join("procedures")).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.path().extension().is_some_and(|e| e == "toml") {
            let rel = entry.path().strip_prefix(dir).map_err(std::io::Error::other)?;
            procedures.push((rel.to_string_lossy().replace('\\', "/"), std::fs::read_to_string(entry.path())?));
        }
    }
    files.extend(procedures);
    Ok(files)
}
