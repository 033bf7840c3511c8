//! `sopbook import FILE...`: turns existing manuals (.txt, .md, .html, .docx) into procedure
//! skeletons under `procedures/`, one file per manual, in the folder of its section (as
//! `sopbook new` places files), and adds the manuals they cite that the knowledge base does not
//! know to `manuals.toml`.
//!
//! The pictures of a manual go beside its procedure file, in a folder named as the file
//! (`perda-do-backup-a1/passo-2-1-1.png`), and the steps name them in `image`.
//!
//! Nothing is written unless everything can be: every manual is read and every target path
//! checked first, and an existing file (a procedure or a picture) is never overwritten (exit 2,
//! naming it). `--check` prints the same report without writing anything.

mod library;
mod report;

use std::path::{Path, PathBuf};

use self::library::Skipped;
use super::staged::{self, Staged};
use super::to_stderr;
use crate::import::structure::short_slug;
use crate::import::{self, Options, Skeleton, StepKind, write};
use crate::load::file::{self, ReadError};
use crate::load::{KnowledgeBase, PROCEDURES_DIR, Target};
use crate::model::Breadcrumb;
use crate::t;
use crate::text::{escape_controls, toml_line, toml_string};

/// The knowledge base's list of Qualitor manuals.
const MANUALS_FILE: &str = "manuals.toml";

#[derive(clap::Args)]
pub struct Args {
    /// The manuals to import: .txt, .md, .html or .docx files, or folders of them (a whole
    /// library: every manual under it, in parallel; one that cannot be imported is set aside and
    /// reported, and the others go on).
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// The section of every imported procedure ("Certificado Digital > A1"). By default it is
    /// the part that the breadcrumbs the manual cites have in common.
    #[arg(long)]
    section: Option<String>,
    /// The folder of procedures to write into; each file goes into the subfolder of its section,
    /// as `sopbook new` does [default: ROOT/procedures].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Report what would be written, without writing anything.
    #[arg(long)]
    check: bool,
    /// How to print the report: `human`, a paragraph per manual, then the summary; `json`, one
    /// JSON object with every manual, what was set aside and the totals.
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    format: report::Format,
    /// The knowledge base: cited manuals are looked up in it, and the unknown ones added to its
    /// manuals.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

/// One manual, read and planned.
struct Planned {
    input: PathBuf,
    skeleton: Skeleton,
    /// Where the file goes, as shown.
    path: PathBuf,
    text: String,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let root = &args.root;
    if !root.is_dir() {
        return Err(anyhow::Error::msg(t!("import-root-not-folder", root = root.display().to_string())));
    }
    if let Some(section) = &args.section {
        check_section(section)?;
    }
    let out_dir = args.out.clone().unwrap_or_else(|| root.join(PROCEDURES_DIR));
    let kb = knowledge_base(root)?;
    let options = Options { section: args.section.clone() };

    // Read every manual first: with files named one by one, one that cannot be read stops
    // everything, before any writing; in a folder, it is set aside and the others go on.
    let found = library::inputs(&args.files)?;
    let mut skipped = found.skipped;
    let imported = library::import_all(&found.manuals, &options, &mut |warning| to_stderr(&warning));
    let mut planned: Vec<Planned> = Vec::new();
    for (input, result) in found.manuals.iter().zip(imported) {
        let skeleton = match result {
            Ok(skeleton) => skeleton,
            Err(reason) if found.library => {
                skipped.push(Skipped { input: input.clone(), reason });
                continue;
            }
            Err(reason) => return Err(anyhow::Error::msg(reason)),
        };
        let path = out_dir.join(relative_path(&skeleton));
        crate::load::paths::write_inside(&out_dir, &path)?;
        let text = write::to_toml(&skeleton);
        let plan = Planned { input: input.clone(), skeleton, path, text };
        match planned.iter().find(|p| p.path == plan.path) {
            Some(other) if found.library => {
                skipped.push(Skipped { reason: collision(other, &plan), input: plan.input })
            }
            Some(other) => return Err(anyhow::Error::msg(collision(other, &plan))),
            None => planned.push(plan),
        }
    }
    if found.library {
        // Imported before (a library imported again after fixing a few files): set aside, as is
        // a manual whose picture files are there already.
        let (fresh, existing): (Vec<Planned>, Vec<Planned>) =
            planned.into_iter().partition(|p| first_existing(p).is_none());
        skipped.extend(
            existing
                .iter()
                .filter_map(|p| Some(Skipped { input: p.input.clone(), reason: refusal(&first_existing(p)?) })),
        );
        planned = fresh;
    }
    // Every file to create: each procedure, then its pictures.
    let files = files_of(&planned, &out_dir)?;
    let existing: Vec<&Path> =
        files.iter().map(|(path, _)| path.as_path()).filter(|p| std::fs::symlink_metadata(p).is_ok()).collect();

    // The manuals cited that resolve to nothing: neither a procedure nor a manual of the knowledge
    // base, nor one of the procedures imported now.
    let importing: Vec<Breadcrumb> = planned.iter().filter_map(|p| p.skeleton.breadcrumb()).collect();
    let mut new_manuals: Vec<Breadcrumb> = Vec::new();
    for plan in &planned {
        for crumb in &plan.skeleton.references {
            if kb.index.resolve(crumb).is_none() && !importing.contains(crumb) && !new_manuals.contains(crumb) {
                new_manuals.push(crumb.clone());
            }
        }
    }

    let manuals_path = root.join(MANUALS_FILE);
    let done = report::Done { kb: &kb, planned: &planned, importing: &importing, new_manuals: &new_manuals };
    let outcome = report::Outcome { skipped: &skipped, ignored: found.ignored, library: found.library };
    if args.check {
        report::print_check(&done, &outcome, &manuals_path, args.format);
        return match existing.first() {
            Some(path) => Err(anyhow::Error::msg(refusal(path))),
            None => Ok(outcome.code()),
        };
    }
    if let Some(path) = existing.first() {
        return Err(anyhow::Error::msg(refusal(path)));
    }
    if !new_manuals.is_empty() {
        check_manuals_file(root, &manuals_path)?;
    }
    write_all(&files, &planned, &new_manuals, &manuals_path)?;
    report::print_written(&done, &outcome, &manuals_path, args.format);
    Ok(outcome.code())
}

/// The files of every manual planned: its procedure, then its pictures beside it, each checked to
/// stay inside the output folder.
fn files_of<'p>(planned: &'p [Planned], out_dir: &Path) -> anyhow::Result<Vec<(PathBuf, &'p [u8])>> {
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    for plan in planned {
        files.push((plan.path.clone(), plan.text.as_bytes()));
        let folder = plan.path.parent().unwrap_or(Path::new(""));
        for (src, bytes) in plan.skeleton.pictures() {
            let path = folder.join(src);
            crate::load::paths::write_inside(out_dir, &path)?;
            files.push((path, bytes));
        }
    }
    Ok(files)
}

/// The first file of a manual (its procedure, then its pictures) that exists already.
fn first_existing(plan: &Planned) -> Option<PathBuf> {
    let folder = plan.path.parent().unwrap_or(Path::new(""));
    std::iter::once(plan.path.clone())
        .chain(plan.skeleton.pictures().map(|(src, _)| folder.join(src)))
        .find(|path| std::fs::symlink_metadata(path).is_ok())
}

/// Every file goes to a temporary file beside it first, and manuals.toml is replaced last: on any
/// failure (a full disk, a file where a folder must go) nothing is left behind.
fn write_all(
    files: &[(PathBuf, &[u8])],
    planned: &[Planned],
    new_manuals: &[Breadcrumb],
    manuals_path: &Path,
) -> anyhow::Result<()> {
    let mut staged = Staged::default();
    let failed = |e: staged::Failed| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists if !e.folder => anyhow::Error::msg(refusal(&e.path)),
        _ => anyhow::Error::new(e).context(t!("import-nothing-written")),
    };
    let manuals_text = match new_manuals.is_empty() {
        true => None,
        false => {
            let names: Vec<String> = planned.iter().map(|p| p.skeleton.source_name.clone()).collect();
            Some(manuals_with(manuals_path, new_manuals, &names)?)
        }
    };
    for (path, bytes) in files {
        staged.create(path, bytes).map_err(failed)?;
    }
    if let Some(text) = &manuals_text {
        staged.replace(manuals_path, text).map_err(failed)?;
    }
    staged.commit().map_err(failed)?;
    Ok(())
}

/// Before anything is written: `manuals.toml` can be appended to. It is absent or a regular file
/// inside the knowledge base; not a link out of it, nor a link to nothing (appending would
/// create the file wherever the link points).
fn check_manuals_file(root: &Path, path: &Path) -> anyhow::Result<()> {
    if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path).unwrap_or_default();
        return Err(anyhow::Error::msg(t!(
            "import-manuals-dangling-link",
            path = shown(path),
            target = target.display().to_string()
        )));
    }
    match file::read_file(path, Some(root), file::MAX_FILE_BYTES) {
        Ok(_) | Err(ReadError::NotFound) => Ok(()),
        Err(error) => Err(anyhow::Error::msg(t!("import-manuals-unreadable", reason = error.describe(&shown(path))))),
    }
}

fn collision(first: &Planned, second: &Planned) -> String {
    t!("import-collision", first = shown(&first.input), second = shown(&second.input), path = shown(&second.path))
}

fn refusal(path: &Path) -> String {
    t!("import-refusal", path = shown(path))
}

/// The knowledge base the references are resolved against: the one at `root`, or only its
/// `manuals.toml` when it has no `procedures/` yet.
fn knowledge_base(root: &Path) -> anyhow::Result<KnowledgeBase> {
    if root.join(PROCEDURES_DIR).is_dir() {
        return Ok(KnowledgeBase::load(root)?);
    }
    let manuals = root.join(MANUALS_FILE);
    let files = match file::read_file(&manuals, Some(root), file::MAX_FILE_BYTES) {
        Ok(bytes) => vec![(MANUALS_FILE.to_string(), String::from_utf8_lossy(&bytes).into_owned())],
        Err(ReadError::NotFound) => Vec::new(),
        Err(error) => return Err(anyhow::Error::msg(error.describe(&shown(&manuals)))),
    };
    Ok(KnowledgeBase::from_memory(files))
}

fn check_section(section: &str) -> anyhow::Result<()> {
    let segments: Vec<&str> = section.split('>').map(str::trim).collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(anyhow::Error::msg(t!("import-section-empty-part", section = section)));
    }
    if let Some(c) = section.chars().find(|c| "#|[]".contains(*c)) {
        return Err(anyhow::Error::msg(t!("import-section-bad-char", section = section, char = c.to_string())));
    }
    Ok(())
}

/// `certificado-digital/a1/perda-do-backup-a1.toml`: the section's folders, then the title; a
/// manual whose section is unknown goes straight into the output folder.
fn relative_path(skeleton: &Skeleton) -> PathBuf {
    let mut path = PathBuf::new();
    if let Some(section) = &skeleton.section {
        for segment in Breadcrumb::parse(section).segments() {
            path.push(short_slug(segment));
        }
    }
    path.push(format!("{}.toml", skeleton.stem));
    path
}

/// A path as the user would write it: `procedures/a.toml`, not `./procedures/a.toml`.
fn shown(path: &Path) -> String {
    escape_controls(&path.strip_prefix(".").unwrap_or(path).display().to_string())
}

/// What one manual becomes, for the report.
fn describe(plan: &Planned, kb: &KnowledgeBase, importing: &[Breadcrumb], check: bool) -> String {
    let s = &plan.skeleton;
    let (path, input) = (shown(&plan.path), shown(&plan.input));
    let mut out = match check {
        true => t!("import-report-would-create", path = path, input = input),
        false => t!("import-report-created", path = path, input = input),
    };
    out.push('\n');
    let section = match (&s.section, s.section_origin) {
        (Some(section), import::structure::SectionOrigin::Option) => {
            t!("import-report-section-option", section = escape_controls(section))
        }
        (Some(section), _) => t!("import-report-section-cited", section = escape_controls(section)),
        (None, _) => t!("import-report-section-unknown"),
    };
    let quoted = |text: &str| format!("\"{}\"", escape_controls(text));
    let owner = s.owner.as_deref().map_or_else(|| t!("import-report-not-found"), quoted);
    let updated = s.updated.map_or_else(|| t!("import-report-not-found"), |d| d.to_string());
    for line in [
        t!("import-report-title", title = quoted(&s.title)),
        t!("import-report-section", section = section),
        t!("import-report-owner", owner = owner),
        t!("import-report-updated", updated = updated),
    ] {
        out.push_str(&format!("  {line}\n"));
    }
    let count = |f: fn(&StepKind) -> bool| s.steps.iter().filter(|step| f(&step.kind)).count();
    let actions = count(|k| matches!(k, StepKind::Action));
    let escalations = count(|k| matches!(k, StepKind::Escalation { .. }));
    let resolutions = count(|k| matches!(k, StepKind::Resolution));
    let mut kinds = vec![t!("import-count-actions", count = actions)];
    if escalations > 0 {
        kinds.push(t!("import-count-escalations", count = escalations));
    }
    if resolutions > 0 {
        kinds.push(t!("import-count-resolutions", count = resolutions));
    }
    out.push_str(&format!("  {}\n", t!("import-report-steps", count = s.steps.len(), kinds = kinds.join(", "))));
    let pictures: Vec<&str> = s.pictures().map(|(src, _)| src).collect();
    if !pictures.is_empty() {
        let line = match check {
            true => t!("import-report-pictures-check", count = pictures.len()),
            false => t!("import-report-pictures", count = pictures.len()),
        };
        out.push_str(&format!("  {line}\n"));
        for src in pictures {
            out.push_str(&format!("    {}\n", escape_controls(src)));
        }
    }
    if !s.references.is_empty() {
        out.push_str(&format!("  {}\n", t!("import-report-references")));
        for crumb in &s.references {
            let status = match kb.index.resolve(crumb) {
                Some(Target::Procedure(_)) => t!("import-report-ref-procedure"),
                Some(Target::Manual(_)) => t!("import-report-ref-manual"),
                None if importing.contains(crumb) => t!("import-report-ref-imported"),
                None if check => t!("import-report-ref-new-check"),
                None => t!("import-report-ref-new"),
            };
            out.push_str(&format!("    {} ({status})\n", escape_controls(crumb.as_str())));
        }
    }
    let review: Vec<String> = s
        .steps
        .iter()
        .flat_map(|step| {
            step.candidates
                .iter()
                .filter(|c| c.is_review())
                .map(move |c| format!("    {}: {}\n", step.id, escape_controls(&c.describe())))
        })
        .collect();
    if !review.is_empty() {
        out.push_str(&format!("  {}\n", t!("import-report-review")));
        out.extend(review);
    }
    out
}

/// manuals.toml with `[[manual]]` entries added after what is there (or new, if missing).
fn manuals_with(path: &Path, manuals: &[Breadcrumb], sources: &[String]) -> anyhow::Result<Vec<u8>> {
    // Inside the knowledge base, and a regular file of a bounded size.
    let existing = match file::read_file(path, path.parent(), file::MAX_FILE_BYTES) {
        Ok(bytes) => Some(bytes),
        Err(ReadError::NotFound) => None,
        Err(error) => return Err(anyhow::Error::msg(error.describe(&shown(path)))),
    };
    let mut text = String::new();
    match &existing {
        None => text
            .push_str("# Manuais que ainda existem apenas no Qualitor e são citados pelos procedimentos desta base.\n"),
        Some(bytes) if !bytes.is_empty() && !bytes.ends_with(b"\n") => text.push('\n'),
        Some(_) => {}
    }
    if existing.as_ref().is_some_and(|b| !b.is_empty()) {
        text.push('\n');
    }
    // A file name may hold anything, a line break and `[[manual]]` too: quoted by toml_writer, it
    // stays inside its comment line.
    let sources: Vec<String> = sources.iter().map(|s| toml_line(s)).collect();
    text.push_str(&format!(
        "# Acrescentados pelo `sopbook import` ({}): citados pelo manual e ainda não conhecidos nesta base.\n\
         # Acrescente o endereço (url) de cada um quando souber.\n",
        sources.join(", ")
    ));
    for (i, crumb) in manuals.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&format!("[[manual]]\npath = {}\n", toml_string(crumb.as_str())));
    }
    let mut bytes = existing.unwrap_or_default();
    bytes.extend_from_slice(text.as_bytes());
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::structure::MAX_NAME;

    #[test]
    fn names_stay_short() {
        let long = "Palavra ".repeat(100);
        assert_eq!(short_slug("Perda do Backup A1"), "perda-do-backup-a1");
        let cut = short_slug(&long);
        assert!(cut.len() <= MAX_NAME && cut.starts_with("palavra-palavra") && cut.ends_with("palavra"), "{cut}");
        assert_eq!(short_slug(&"x".repeat(300)).len(), MAX_NAME);
    }

    #[test]
    fn sections_are_checked() {
        assert!(check_section("Certificado Digital > A1").is_ok());
        assert!(check_section("A >  > B").unwrap_err().to_string().contains("uma parte vazia"));
        assert!(check_section("A > B#c").unwrap_err().to_string().contains("`#`"));
        let english = crate::i18n::message_in(
            crate::i18n::Language::En,
            "import-section-empty-part",
            &[("section", crate::i18n::Arg::from("A >  > B"))],
        );
        assert!(english.starts_with("--section `A >  > B` has an empty part: "), "{english}");
    }
}
