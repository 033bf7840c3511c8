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

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::staged::{self, Staged};
use super::{SUCCESS, print, to_stderr};
use crate::import::structure::short_slug;
use crate::import::{self, Options, Skeleton, StepKind, write};
use crate::load::file::{self, ReadError};
use crate::load::{KnowledgeBase, PROCEDURES_DIR, Target};
use crate::model::Breadcrumb;
use crate::text::{escape_controls, toml_line, toml_string};

/// The knowledge base's list of Qualitor manuals.
const MANUALS_FILE: &str = "manuals.toml";

#[derive(clap::Args)]
pub struct Args {
    /// The manuals to import: .txt, .md, .html or .docx files.
    #[arg(required = true, value_name = "FILE")]
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
    /// The knowledge base: cited manuals are looked up in it, and the unknown ones added to its
    /// manuals.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
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
        return Err(anyhow::anyhow!("`{}` is not a folder (the knowledge base, given with --root)", root.display()));
    }
    if let Some(section) = &args.section {
        check_section(section)?;
    }
    let out_dir = args.out.clone().unwrap_or_else(|| root.join(PROCEDURES_DIR));
    let kb = knowledge_base(root)?;
    let options = Options { section: args.section.clone() };

    // Read every manual first: one that cannot be read stops everything, before any writing.
    let mut planned: Vec<Planned> = Vec::new();
    for input in &args.files {
        let source = import::read(input)?;
        if let Some(encoding) = source.encoding {
            to_stderr(&format!("warning: `{}` is not UTF-8: read as {encoding}; check the accents\n", shown(input)));
        }
        let skeleton = import::import(&source, &options).with_context(|| format!("`{}`", shown(input)))?;
        let path = out_dir.join(relative_path(&skeleton));
        crate::load::paths::write_inside(&out_dir, &path)?;
        let text = write::to_toml(&skeleton);
        planned.push(Planned { input: input.clone(), skeleton, path, text });
    }
    for (i, plan) in planned.iter().enumerate() {
        if let Some(other) = planned[..i].iter().find(|p| p.path == plan.path) {
            return Err(anyhow::anyhow!(
                "`{}` and `{}` would both be written to `{}`: import them one at a time with different --section, \
                 or rename one manual's title",
                shown(&other.input),
                shown(&plan.input),
                shown(&plan.path)
            ));
        }
    }
    // Every file to create: each procedure, then its pictures.
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    for plan in &planned {
        files.push((plan.path.clone(), plan.text.as_bytes()));
        let folder = plan.path.parent().unwrap_or(Path::new(""));
        for (src, bytes) in plan.skeleton.pictures() {
            let path = folder.join(src);
            crate::load::paths::write_inside(&out_dir, &path)?;
            files.push((path, bytes));
        }
    }
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

    let mut report = String::new();
    for plan in &planned {
        report.push_str(&describe(plan, &kb, &importing, args.check));
    }
    let manuals_path = root.join(MANUALS_FILE);
    if args.check {
        if !new_manuals.is_empty() {
            report.push_str(&format!(
                "Would add {} to {}\n",
                plural(new_manuals.len(), "manual", "manuals"),
                shown(&manuals_path)
            ));
        }
        report.push_str("Nothing written (--check).\n");
        print(&report);
        return match existing.first() {
            Some(path) => Err(anyhow::Error::msg(refusal(path))),
            None => Ok(SUCCESS),
        };
    }
    if let Some(path) = existing.first() {
        return Err(anyhow::Error::msg(refusal(path)));
    }
    if !new_manuals.is_empty() {
        check_manuals_file(root, &manuals_path)?;
    }

    // Every file goes to a temporary file beside it first, and manuals.toml is replaced last:
    // on any failure (a full disk, a file where a folder must go) nothing is left behind.
    let mut staged = Staged::default();
    let failed = |e: staged::Failed| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists if !e.folder => anyhow::Error::msg(refusal(&e.path)),
        _ => anyhow::Error::new(e).context("nothing was written"),
    };
    let manuals_text = match new_manuals.is_empty() {
        true => None,
        false => {
            let names: Vec<String> = planned.iter().map(|p| p.skeleton.source_name.clone()).collect();
            Some(manuals_with(&manuals_path, &new_manuals, &names)?)
        }
    };
    for (path, bytes) in &files {
        staged.create(path, bytes).map_err(failed)?;
    }
    if let Some(text) = &manuals_text {
        staged.replace(&manuals_path, text).map_err(failed)?;
    }
    staged.commit().map_err(failed)?;
    if !new_manuals.is_empty() {
        report.push_str(&format!(
            "Added {} to {}\n",
            plural(new_manuals.len(), "manual", "manuals"),
            shown(&manuals_path)
        ));
    }
    report.push_str(
        "Next: run `sopbook lint`, and follow its findings and the `# sopbook import:` comments in the files.\n",
    );
    print(&report);
    Ok(SUCCESS)
}

/// Before anything is written: `manuals.toml` can be appended to. It is absent or a regular file
/// inside the knowledge base; not a link out of it, nor a link to nothing (appending would
/// create the file wherever the link points).
fn check_manuals_file(root: &Path, path: &Path) -> anyhow::Result<()> {
    if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path).unwrap_or_default();
        return Err(anyhow::anyhow!(
            "`{}` is a symbolic link to `{}`, which does not exist: nothing was written; replace the link with a file",
            shown(path),
            target.display()
        ));
    }
    match file::read_file(path, Some(root), file::MAX_FILE_BYTES) {
        Ok(_) | Err(ReadError::NotFound) => Ok(()),
        Err(error) => Err(anyhow::anyhow!("{}; nothing was written", error.describe(&shown(path)))),
    }
}

fn refusal(path: &Path) -> String {
    format!(
        "`{}` already exists: sopbook import never overwrites a file. Move or rename it, or import into another \
         folder with --out",
        shown(path)
    )
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
        return Err(anyhow::anyhow!(
            "--section `{section}` has an empty part: write the Qualitor folder's breadcrumb, as in \
             \"Certificado Digital > A1\""
        ));
    }
    if let Some(c) = section.chars().find(|c| "#|[]".contains(*c)) {
        return Err(anyhow::anyhow!(
            "--section `{section}` cannot contain `{c}`: `[[…]]` references use `#`, `|`, `[` and `]`"
        ));
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What one manual becomes, for the report.
fn describe(plan: &Planned, kb: &KnowledgeBase, importing: &[Breadcrumb], check: bool) -> String {
    let s = &plan.skeleton;
    let verb = if check { "Would create" } else { "Created" };
    let mut out = format!("{verb} {} from {}\n", shown(&plan.path), shown(&plan.input));
    let section = match (&s.section, s.section_origin) {
        (Some(section), import::structure::SectionOrigin::Option) => {
            format!("\"{}\" (--section)", escape_controls(section))
        }
        (Some(section), _) => format!("\"{}\" (from the manuals it cites; check it)", escape_controls(section)),
        (None, _) => "unknown: `section = \"\"` until you write it, or import with --section".into(),
    };
    out.push_str(&format!("  title:      \"{}\"\n  section:    {section}\n", escape_controls(&s.title)));
    out.push_str(&format!(
        "  owner:      {}\n  updated:    {}\n",
        s.owner.as_ref().map_or("not found".to_string(), |o| format!("\"{}\"", escape_controls(o))),
        s.updated.map_or("not found".to_string(), |d| d.to_string())
    ));
    let count = |f: fn(&StepKind) -> bool| s.steps.iter().filter(|step| f(&step.kind)).count();
    let actions = count(|k| matches!(k, StepKind::Action));
    let escalations = count(|k| matches!(k, StepKind::Escalation { .. }));
    let resolutions = count(|k| matches!(k, StepKind::Resolution));
    let mut kinds = vec![plural(actions, "action", "actions")];
    if escalations > 0 {
        kinds.push(plural(escalations, "escalation", "escalations"));
    }
    if resolutions > 0 {
        kinds.push(plural(resolutions, "resolution", "resolutions"));
    }
    out.push_str(&format!("  steps:      {} ({})\n", s.steps.len(), kinds.join(", ")));
    let pictures: Vec<&str> = s.pictures().map(|(src, _)| src).collect();
    if !pictures.is_empty() {
        let written = if check { "would be written" } else { "written" };
        out.push_str(&format!("  pictures:   {} ({written} beside it)\n", pictures.len()));
        for src in pictures {
            out.push_str(&format!("    {}\n", escape_controls(src)));
        }
    }
    if !s.references.is_empty() {
        out.push_str("  references:\n");
        for crumb in &s.references {
            let status = match kb.index.resolve(crumb) {
                Some(Target::Procedure(_)) => "a procedure of the knowledge base",
                Some(Target::Manual(_)) => "already in manuals.toml",
                None if importing.contains(crumb) => "imported now",
                None if check => "new: would be added to manuals.toml",
                None => "new: added to manuals.toml",
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
        out.push_str("  to review (see the `# sopbook import:` comments):\n");
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
        assert!(check_section("A >  > B").unwrap_err().to_string().contains("empty part"));
        assert!(check_section("A > B#c").unwrap_err().to_string().contains("`#`"));
    }
}
