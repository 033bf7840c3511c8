//! A whole library at once: the manuals under a folder (a Qualitor export, a shared drive) found,
//! then read and imported in parallel with a progress bar. A manual that cannot be imported is
//! set aside with its reason, and the others go on.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::shown;
use crate::import::{self, Options, Skeleton};
use crate::t;

/// Extensions of the manuals `import` reads.
const READ: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "docm"];
/// Extensions of documents it cannot read: reported, so that none is silently left behind.
const NOT_READ: &[&str] = &["doc", "pdf", "odt", "rtf", "pages"];
/// From this many manuals on, a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 8;

/// A manual set aside, and why.
#[derive(Debug)]
pub(super) struct Skipped {
    pub input: PathBuf,
    pub reason: String,
}

/// The manuals named on the command line, folders walked.
#[derive(Debug, Default)]
pub(super) struct Inputs {
    pub manuals: Vec<PathBuf>,
    /// Documents found in a folder that `import` cannot read (`.doc`, `.pdf`…).
    pub skipped: Vec<Skipped>,
    /// Other files found in folders (pictures, spreadsheets): not manuals.
    pub ignored: usize,
    /// A folder was given: bad manuals are set aside instead of stopping everything.
    pub library: bool,
}

/// Every manual under `args`: a file as given, a folder walked in name order (hidden files and
/// folders, and Word's `~$` lock files, left out).
pub(super) fn inputs(args: &[PathBuf]) -> anyhow::Result<Inputs> {
    let mut found = Inputs::default();
    for arg in args {
        if !arg.is_dir() {
            found.manuals.push(arg.clone());
            continue;
        }
        found.library = true;
        let before = found.manuals.len() + found.skipped.len();
        let walk = walkdir::WalkDir::new(arg)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !hidden(e.path()));
        for entry in walk {
            let entry = entry.map_err(|e| {
                anyhow::Error::msg(t!("import-folder-unreadable", folder = shown(arg), error = e.to_string()))
            })?;
            if !entry.file_type().is_dir() {
                sort(entry.path(), entry.file_type(), &mut found);
            }
        }
        if found.manuals.len() + found.skipped.len() == before {
            return Err(anyhow::Error::msg(t!("import-no-manual", folder = shown(arg))));
        }
    }
    Ok(found)
}

fn hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"))
}

/// Puts a file found in a folder where it belongs: a manual, a document set aside, or ignored.
/// A manual's name on something else than a regular file (a link, a FIFO) is set aside: links are
/// not followed, so a folder cannot lead the import out of it.
fn sort(path: &Path, kind: std::fs::FileType, found: &mut Inputs) {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let manual = READ.contains(&ext.as_str()) || NOT_READ.contains(&ext.as_str());
    if manual && !kind.is_file() {
        let reason = match kind.is_symlink() {
            true => t!("import-skip-symlink"),
            false => t!("import-skip-not-regular"),
        };
        found.skipped.push(Skipped { input: path.to_path_buf(), reason });
    } else if READ.contains(&ext.as_str()) {
        found.manuals.push(path.to_path_buf());
    } else if NOT_READ.contains(&ext.as_str()) {
        let reason = match import::Format::of(path, &[]) {
            Err(error) => error.to_string(),
            Ok(_) => t!("import-skip-extension", ext = ext.as_str()),
        };
        found.skipped.push(Skipped { input: path.to_path_buf(), reason });
    } else {
        found.ignored += 1;
    }
}

/// A manual read and imported, or why it could not be.
pub(super) type Imported = Result<Skeleton, String>;

/// Reads and imports every manual in parallel, in the order given, with a progress bar on a
/// terminal. Warnings (a manual not in UTF-8) go to `warn`, in the same order.
pub(super) fn import_all(manuals: &[PathBuf], options: &Options, warn: &mut dyn FnMut(String)) -> Vec<Imported> {
    let bar = progress_bar(manuals.len());
    let results: Vec<(Imported, Option<String>)> = manuals
        .par_iter()
        .map(|input| {
            let result = import_one(input, options);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    results
        .into_iter()
        .map(|(result, warning)| {
            if let Some(warning) = warning {
                warn(warning);
            }
            result
        })
        .collect()
}

fn import_one(input: &Path, options: &Options) -> (Imported, Option<String>) {
    let source = match import::read(input) {
        Ok(source) => source,
        Err(error) => return (Err(format!("{:#}", anyhow::Error::new(error))), None),
    };
    let warning = source.encoding.map(|encoding| {
        let text = t!("import-not-utf8", path = shown(input), encoding = encoding);
        format!("{}: {text}\n", t!("severity-warning"))
    });
    let skeleton =
        import::import(&source, options).map_err(|e| format!("`{}`: {:#}", shown(input), anyhow::Error::new(e)));
    (skeleton, warning)
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let template = format!("{{spinner}} {{wide_bar}} {{pos}}/{{len}} {} ({{eta}})", t!("import-progress-manuals"));
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_manuals_in_name_order_and_sets_aside_what_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for name in
            ["b/sub/z.docx", "b/a.html", "a.txt", "antigo.doc", "foto.png", "~$aberto.docx", ".git/x.md", "c.MD"]
        {
            std::fs::write(root.join(name), "x").unwrap();
        }
        std::os::unix::fs::symlink("/etc/passwd", root.join("fora.txt")).unwrap();
        let found = inputs(&[root.to_path_buf()]).unwrap();
        let names: Vec<String> =
            found.manuals.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.txt", "b/a.html", "b/sub/z.docx", "c.MD"]);
        let reasons: Vec<&str> = found.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].contains(".doc"), "{reasons:?}");
        assert_eq!(reasons[1], t!("import-skip-symlink"), "never followed out of the folder: {reasons:?}");
        assert!(reasons[1].starts_with("um link simbólico"), "{reasons:?}");
        assert_eq!(found.ignored, 1, "the picture");
        assert!(found.library);
        let file = inputs(&[root.join("antigo.doc")]).unwrap();
        assert_eq!((file.manuals.len(), file.library), (1, false), "a file named is read as given");
    }
}
