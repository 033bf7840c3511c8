//! Reading a knowledge base from disk: `sopbook.toml`, `manuals.toml` and every procedure under
//! `procedures/`. Loading never stops at a bad file: what is wrong becomes a [`Problem`] that the
//! `toml-syntax`, `schema` and `unreadable` rules report, and the rest is still read.

pub(crate) mod config;
pub(crate) mod file;
pub mod images;
mod index;
mod manuals;
pub(crate) mod paths;
pub(crate) mod procedure;
mod source;
mod today;
mod walk;
pub(crate) mod words;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use index::{Index, Target};
pub use source::SourceFile;
pub use today::today;

use self::config::Config;
use crate::model::{Manual, Procedure, Span};
use crate::t;

/// Which lint rule reports a [`Problem`]: the loader names it, `lint` maps it to the rule's id
/// (the loader stands below the linter and does not know its rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// `toml-syntax`: not TOML, or not UTF-8.
    TomlSyntax,
    /// `schema`: TOML, but not what the file should hold.
    Schema,
    /// `unreadable`: the file or folder cannot be read.
    Unreadable,
    /// `unsafe-url`: a URL of `sopbook.toml` that would not be a safe link.
    UnsafeUrl,
}

/// A problem found while reading, before any lint rule runs.
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    pub file: usize,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub step: Option<String>,
}

impl Problem {
    pub fn new(kind: ProblemKind, file: usize, span: Span, message: String) -> Self {
        Problem { kind, file, span, message, help: None, step: None }
    }
}

/// Everything loaded, indexed and ready to lint or render.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub root: PathBuf,
    pub config: Config,
    /// Every file read, in a stable order: `sopbook.toml`, `manuals.toml`, then procedures by path.
    pub files: Vec<SourceFile>,
    pub procedures: Vec<Procedure>,
    pub manuals: Vec<Manual>,
    pub problems: Vec<Problem>,
    pub index: Index,
}

/// Why a knowledge base could not be loaded at all (exit code 2). A file that cannot be read is
/// not one: it becomes a finding, so the rest is still checked.
#[derive(Debug)]
pub enum LoadError {
    NotAFolder(PathBuf),
    NotAKnowledgeBase(PathBuf),
}

impl std::error::Error for LoadError {}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match self {
            LoadError::NotAFolder(path) => t!("load-not-a-folder", path = path.display().to_string()),
            LoadError::NotAKnowledgeBase(path) => {
                t!("load-not-a-knowledge-base", path = path.display().to_string(), procedures = PROCEDURES_DIR)
            }
        };
        f.write_str(&message)
    }
}

pub const PROCEDURES_DIR: &str = "procedures";

impl KnowledgeBase {
    /// Loads the knowledge base at `root`.
    pub fn load(root: &Path) -> Result<KnowledgeBase, LoadError> {
        if !root.is_dir() {
            return Err(LoadError::NotAFolder(root.to_path_buf()));
        }
        let procedures_dir = root.join(PROCEDURES_DIR);
        if !procedures_dir.is_dir() {
            return Err(LoadError::NotAKnowledgeBase(root.to_path_buf()));
        }
        let mut inputs = Vec::new();
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for name in [config::CONFIG_FILE, manuals::MANUALS_FILE] {
            let path = root.join(name);
            if path.is_symlink() && walk::leaves(&real_root, &path) {
                let reason = t!("load-link-outside");
                inputs.push(Input::Failed { rel: name.to_string(), failure: ReadFailure::Io(reason) });
            } else if path.exists() {
                inputs.push(Input::Read { rel: name.to_string(), path });
            }
        }
        inputs.extend(walk::procedure_files(root, &procedures_dir));
        let read: Vec<(String, Result<String, ReadFailure>)> =
            inputs.into_par_iter().map(|input| input.read()).collect();
        Ok(Self::from_sources(root.to_path_buf(), read))
    }

    /// Builds a knowledge base from in-memory files (`path` relative to the root, e.g.
    /// `procedures/a.toml`). Used by tests and benchmarks; `load` ends here too.
    pub fn from_memory(files: Vec<(String, String)>) -> KnowledgeBase {
        let sources = files.into_iter().map(|(path, text)| (path, Ok(text))).collect();
        Self::from_sources(PathBuf::from("."), sources)
    }

    fn from_sources(root: PathBuf, sources: Vec<(String, Result<String, ReadFailure>)>) -> KnowledgeBase {
        let mut files = Vec::with_capacity(sources.len());
        let mut problems = Vec::new();
        let mut procedure_texts = Vec::new();
        let mut config_file = None;
        let mut manuals_file = None;
        for (id, (path, content)) in sources.into_iter().enumerate() {
            let (text, readable) = match content {
                Ok(text) => (text, true),
                Err(failure) => {
                    let ((kind, span, message), text) = failure.into_problem();
                    problems.push(Problem::new(kind, id, span, message));
                    (text, false)
                }
            };
            match path.as_str() {
                _ if !readable => {}
                config::CONFIG_FILE => config_file = Some(id),
                manuals::MANUALS_FILE => manuals_file = Some(id),
                _ => procedure_texts.push(id),
            }
            files.push(SourceFile::new(path, text));
        }
        let config = match config_file {
            Some(id) => config::parse(id, &files[id].text, &mut problems),
            None => Config::default(),
        };
        let manuals = match manuals_file {
            Some(id) => manuals::parse(id, &files[id].text, &mut problems),
            None => Vec::new(),
        };
        let parsed: Vec<(Option<Procedure>, Vec<Problem>)> = procedure_texts
            .par_iter()
            .map(|&id| {
                let mut found = Vec::new();
                let slug = slug_of(&files[id].path);
                let procedure = procedure::parse(id, slug, &files[id].text, &mut found);
                (procedure.map(|p| Procedure { file: id, ..p }), found)
            })
            .collect();
        let mut procedures = Vec::with_capacity(parsed.len());
        for (procedure, found) in parsed {
            problems.extend(found);
            procedures.extend(procedure);
        }
        let index = Index::build(&procedures, &manuals);
        KnowledgeBase { root, config, files, procedures, manuals, problems, index }
    }

    /// Reads one edited procedure file again and updates the knowledge base in place (for
    /// `serve`). Returns `None`, changing nothing, when the edit adds or removes a procedure
    /// (a new, deleted, emptied or unparseable file): the caller then loads everything again.
    pub fn reload_procedure(&mut self, rel: &str) -> Option<Reloaded> {
        let id = self.files.iter().position(|f| f.path == rel)?;
        let position = self.procedures.iter().position(|p| p.file == id)?;
        let path = self.root.join(rel);
        if path.is_symlink() && walk::leaves(&self.root.canonicalize().unwrap_or_else(|_| self.root.clone()), &path) {
            return None; // a full load reports it
        }
        let (_, content) = Input::Read { rel: rel.to_string(), path }.read();
        let text = content.ok()?;
        let mut found = Vec::new();
        let procedure = procedure::parse(id, slug_of(rel), &text, &mut found)?;
        let ids = |p: &Procedure| p.steps.iter().map(|s| s.id.get_ref().clone()).collect::<Vec<_>>();
        let old = &self.procedures[position];
        let relinked = old.breadcrumb() != procedure.breadcrumb() || ids(old) != ids(&procedure);
        self.procedures[position] = Procedure { file: id, ..procedure };
        self.files[id] = SourceFile::new(rel.to_string(), text);
        self.problems.retain(|p| p.file != id);
        self.problems.extend(found);
        // The index holds breadcrumbs and step IDs: rebuilt only when those changed.
        if relinked {
            self.index = Index::build(&self.procedures, &self.manuals);
        }
        Some(Reloaded { index: position, relinked })
    }

    pub fn file_of(&self, procedure: &Procedure) -> &SourceFile {
        &self.files[procedure.file]
    }
}

/// What [`KnowledgeBase::reload_procedure`] changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reloaded {
    /// The procedure's index in `procedures`.
    pub index: usize,
    /// Its breadcrumb or step IDs changed: references to it may resolve differently, so
    /// everything that depends on other procedures must be computed again.
    pub relinked: bool,
}

/// `procedures/a/b.toml` → `a/b`.
pub fn slug_of(path: &str) -> String {
    let inner = path.strip_prefix(PROCEDURES_DIR).unwrap_or(path).trim_start_matches('/');
    inner.strip_suffix(".toml").unwrap_or(inner).to_string()
}

/// A file to read, or a walk error already known.
pub(crate) enum Input {
    Read { rel: String, path: PathBuf },
    Failed { rel: String, failure: ReadFailure },
}

impl Input {
    fn read(self) -> (String, Result<String, ReadFailure>) {
        match self {
            Input::Failed { rel, failure } => (rel, Err(failure)),
            Input::Read { rel, path } => {
                let result = match file::read_file(&path, None, file::MAX_FILE_BYTES) {
                    Err(e) => Err(ReadFailure::Io(e.to_string())),
                    Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                        let offset = e.utf8_error().valid_up_to();
                        ReadFailure::NotUtf8 { offset, lossy: String::from_utf8_lossy(e.as_bytes()).into_owned() }
                    }),
                };
                (rel, result)
            }
        }
    }
}

#[derive(Debug)]
pub(crate) enum ReadFailure {
    Io(String),
    NotUtf8 { offset: usize, lossy: String },
}

impl ReadFailure {
    /// The kind, span and message to report, and the text to keep for display.
    fn into_problem(self) -> ((ProblemKind, Span, String), String) {
        match self {
            ReadFailure::Io(error) => {
                ((ProblemKind::Unreadable, 0..0, t!("load-cannot-read-file", error = error)), String::new())
            }
            ReadFailure::NotUtf8 { offset, lossy } => {
                let end = lossy[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
                let message = t!("load-not-utf8");
                ((ProblemKind::TomlSyntax, offset..end, message), lossy)
            }
        }
    }
}
