//! Writing the site atomically: everything goes to a fresh folder beside the output, which is
//! swapped in only when complete. A failed build leaves the previous site untouched, and only a
//! folder that sopbook itself created (it holds the marker file) is ever replaced.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::error::{Action, Error, Result};
use crate::load::images::ImageKind;
use crate::t;

/// The folder of the site that holds the images, and nothing else.
pub const MEDIA_DIR: &str = "media";

/// The name of a published image in `media/`: the SHA-256 of its bytes in lower-case hex, a dot
/// and the extension of its kind. Made only from a file's bytes, so it is always a plain file name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MediaName(String);

impl MediaName {
    pub(super) fn from_digest(digest: &[u8], kind: ImageKind) -> MediaName {
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        MediaName(format!("{hex}.{}", kind.extension()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its URL, relative to the site root.
    pub fn url(&self) -> String {
        format!("{MEDIA_DIR}/{}", self.0)
    }
}

/// Written at the root of every site sopbook builds.
pub const MARKER: &str = ".sopbook-site";

/// A site being written, not yet visible at its final place.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// Every file written so far: two pages never share a path.
    written: Mutex<HashSet<String>>,
}

impl Staging {
    /// Prepares `target`'s replacement. Refuses a target that exists and is not a sopbook site.
    pub fn new(target: &Path) -> Result<Staging> {
        if target.is_symlink() {
            // Swapping the new site in would replace the link itself with a real folder.
            let to = target.canonicalize().or_else(|_| std::fs::read_link(target)).unwrap_or_default();
            return Err(Error::Refused(t!(
                "render-out-symlink",
                path = target.display().to_string(),
                to = to.display().to_string()
            )));
        }
        clear_stale(target);
        if target.exists() {
            if !target.is_dir() {
                return Err(Error::Refused(t!("render-out-is-file", path = target.display().to_string())));
            }
            let is_site = target.join(MARKER).is_file();
            let is_empty_dir = std::fs::read_dir(target).map(|mut d| d.next().is_none()).unwrap_or(false);
            if !is_site && !is_empty_dir {
                return Err(Error::Refused(t!(
                    "render-out-not-ours",
                    path = target.display().to_string(),
                    marker = MARKER
                )));
            }
        }
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        // The site is written beside its final place: the folder that holds it must be writable.
        let cannot = |action: Action, path: &Path| {
            let (target, path) = (target.to_path_buf(), path.to_path_buf());
            move |source| Error::Site { target, action, path, source }
        };
        if let Some(file) = parent.ancestors().find(|a| a.exists()).filter(|a| !a.is_dir()) {
            return Err(Error::Refused(t!(
                "render-out-parent-is-file",
                target = target.display().to_string(),
                file = file.display().to_string()
            )));
        }
        std::fs::create_dir_all(parent).map_err(cannot(Action::Create, parent))?;
        let name = target.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.sopbook-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(cannot(Action::Clear, &dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(cannot(Action::CreateStaging, &dir))?;
        Ok(Staging { target: target.to_path_buf(), dir, written: Mutex::new(HashSet::new()) })
    }

    /// Where `path` (relative to the site root) goes in the staging folder, its folder created.
    /// Refuses a path that leaves the site, that lies in `media/` (only [`Sink::copy_media`]
    /// writes there) or that another file of this build already took.
    fn place(&self, path: &str) -> Result<PathBuf> {
        let mut parts = Path::new(path).components();
        let plain = Path::new(path).components().all(|c| matches!(c, Component::Normal(_)));
        if !plain || path.is_empty() {
            return Err(Error::Refused(t!("render-page-outside", path = path)));
        }
        if parts.next().is_some_and(|first| first.as_os_str() == MEDIA_DIR) {
            return Err(Error::Refused(t!("render-page-in-media", path = path, media = MEDIA_DIR)));
        }
        let mut written = self.written.lock().map_err(|_| Error::Refused(t!("render-thread-panicked")))?;
        if !written.insert(path.to_string()) {
            return Err(Error::Refused(t!("render-page-taken", path = path)));
        }
        drop(written);
        let full = self.dir.join(path);
        create_parent(&full)?;
        Ok(full)
    }

    /// Writes one file (path relative to the site root), creating its folder.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let full = self.place(path)?;
        std::fs::write(&full, bytes).map_err(Error::io(Action::Write, &full))
    }

    /// Marks the folder as a site made by sopbook.
    pub fn mark(&self) -> Result<()> {
        self.write(MARKER, b"This folder is generated by sopbook build; it is replaced on every build.\n")
    }

    /// Swaps the new site in. Where the system can exchange two folders in one step (Linux's
    /// `renameat2` with `RENAME_EXCHANGE`), the target is never absent, even if the process is
    /// killed; elsewhere (macOS, Windows, a Linux file system without the exchange) it is
    /// [`swap_by_renames`].
    pub fn commit(self) -> Result<()> {
        if self.target.exists() && exchange(&self.dir, &self.target) {
            // The staging folder now holds the previous site.
            remove_tree(&self.dir);
            return Ok(());
        }
        let aside = self.dir.with_file_name(
            self.dir.file_name().unwrap_or_default().to_string_lossy().replace("sopbook-new", "sopbook-old"),
        );
        swap_by_renames(&self.dir, &self.target, &aside, |from, to| std::fs::rename(from, to))
    }

    /// Abandons the build, leaving the target as it was.
    pub fn discard(self) {
        remove_tree(&self.dir);
    }
}

/// Puts the folder `new` at `target` in two renames, where two folders cannot be exchanged in one
/// step: the previous site (if any) is moved to `aside`, `new` is moved to `target`, and `aside`
/// is removed. If the second rename fails, the previous site is moved back to `target`.
///
/// If the process is killed between the two renames, `target` is missing until the next build,
/// but nothing is lost: the previous site is whole in `aside` and the new one whole in `new`
/// (both named after the killed process, `.NAME.sopbook-old-PID` and `.NAME.sopbook-new-PID`,
/// beside `target`). The next build removes them once that process is gone (on Windows, where
/// [`process_alive`] cannot tell, they stay until removed by hand) and writes `target` again.
///
/// `rename` is [`std::fs::rename`]; the tests pass one that fails or stops half-way.
fn swap_by_renames(
    new: &Path,
    target: &Path,
    aside: &Path,
    mut rename: impl FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    let had_old = target.exists();
    if had_old {
        rename(target, aside).map_err(Error::io(Action::MoveAside, target))?;
    }
    if let Err(e) = rename(new, target) {
        if had_old {
            let _ = rename(aside, target);
        }
        return Err(Error::Io { action: Action::MoveInto, path: target.to_path_buf(), source: e });
    }
    if had_old {
        remove_tree(aside);
    }
    Ok(())
}

/// Swaps two folders atomically; `false` when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    result == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes the staging folders of earlier builds that were killed (their process is gone).
fn clear_stale(target: &Path) {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".sopbook-new-", ".sopbook-old-"]
            .iter()
            .find_map(|tag| file.strip_prefix(&format!(".{name}{tag}")))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !process_alive(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the process `pid` may still be running, writing its folders. On Windows it cannot
/// tell, and says yes: nothing is removed.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // No process has a number past `pid_t`; a negative one would name a process group.
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: signal 0 is not sent: `kill` only checks that the process exists.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        // EPERM: it exists, but belongs to another user.
        found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Refuses an output folder that would replace what must never be replaced: the knowledge base
/// itself or a folder that contains it, one of its source folders, the home folder, `/`.
pub fn check_output(out: &Path, root: &Path) -> Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // Canonicalise what exists (symbolic links, `..`); keep the rest as written.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut full = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
        full.extend(rest.into_iter().rev());
        full
    };
    let (out, root) = (absolute(out), absolute(root));
    let path = out.display().to_string();
    let refuse = |message: String| Err(Error::Refused(message));
    if out.parent().is_none() {
        return refuse(t!("render-out-fs-root", path = &path));
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == out) {
        return refuse(t!("render-out-home", path = &path));
    }
    if root.starts_with(&out) {
        return refuse(t!("render-out-base", path = &path));
    }
    for source in ["procedures", "book", "themes"] {
        if out.starts_with(root.join(source)) {
            return refuse(t!("render-out-source", path = &path, folder = source));
        }
    }
    for file in ["sopbook.toml", "manuals.toml"] {
        if out == root.join(file) {
            return refuse(t!("render-out-config", path = &path, file = file));
        }
    }
    Ok(())
}

/// Counts of what was written, summed over pages.
#[derive(Clone, Copy, Default)]
pub(super) struct Written {
    pub(super) pages: usize,
    pub(super) files: usize,
    pub(super) bytes: u64,
}

impl Written {
    pub(super) fn of(path: &str, bytes: &[u8]) -> Written {
        Written { pages: usize::from(path.ends_with(".html")), files: 1, bytes: bytes.len() as u64 }
    }

    pub(super) fn sum(self, other: Written) -> Written {
        Written { pages: self.pages + other.pages, files: self.files + other.files, bytes: self.bytes + other.bytes }
    }
}

/// Where pages go: a staging folder for a full build, or the live site for `serve`'s updates.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write_parts(path, &[bytes])
    }

    /// Writes one file made of `parts`, one after the other, without joining them in memory.
    fn write_parts(&self, path: &str, parts: &[&[u8]]) -> Result<()>;

    /// Copies the image at `from` to `media/NAME`, unless it is there already (the same name is
    /// the same bytes). Nothing else is ever copied into the site, and nowhere else.
    fn copy_media(&self, from: &Path, name: &MediaName) -> Result<()>;
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, path, bytes)
    }

    fn write_parts(&self, path: &str, parts: &[&[u8]]) -> Result<()> {
        write_parts(&self.place(path)?, parts)
    }

    fn copy_media(&self, from: &Path, name: &MediaName) -> Result<()> {
        copy_media(&self.dir, from, name, false)
    }
}

/// Copies `from` to `site/media/NAME`; `atomic`, through a temporary file renamed into place.
fn copy_media(site: &Path, from: &Path, name: &MediaName, atomic: bool) -> Result<()> {
    // A name is a hash and an extension; this check makes sure no change ever lets it climb out.
    if !crate::load::paths::is_plain_name(name.as_str()) || name.as_str().starts_with('.') {
        return Err(Error::Refused(t!("render-media-name", name = name.as_str())));
    }
    let folder = site.join(MEDIA_DIR);
    let dest = folder.join(name.as_str());
    if dest.is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(&folder).map_err(Error::io(Action::Create, &folder))?;
    if !atomic {
        return std::fs::copy(from, &dest).map(|_| ()).map_err(Error::io(Action::CopyImage, from));
    }
    let temporary = folder.join(format!(".{}.sopbook-tmp-{}", name.as_str(), std::process::id()));
    std::fs::copy(from, &temporary).map_err(Error::io(Action::CopyImage, from))?;
    std::fs::rename(&temporary, &dest).map_err(Error::io(Action::Replace, &dest))
}

/// Creates the folder that will hold `file`.
fn create_parent(file: &Path) -> Result<()> {
    match file.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(Error::io(Action::Create, parent)),
        None => Ok(()),
    }
}

/// Removes a folder sopbook wrote and everything in it, the files in parallel (a site has tens
/// of thousands). Links are removed, never followed.
fn remove_tree(dir: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    let _ = std::fs::remove_dir_all(dir);
}

/// Writes `parts` into a new file at `path`, through one buffer.
fn write_parts(path: &Path, parts: &[&[u8]]) -> Result<()> {
    let mut stream = Stream::create(path)?;
    for part in parts {
        stream.write(part)?;
    }
    stream.finish().map(|_| ())
}

/// A file written piece by piece through a buffer, with the path in every error.
pub struct Stream {
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    bytes: u64,
}

impl Stream {
    fn create(path: &Path) -> Result<Stream> {
        let file = std::fs::File::create(path).map_err(Error::io(Action::Write, path))?;
        Ok(Stream { path: path.to_path_buf(), out: std::io::BufWriter::with_capacity(256 * 1024, file), bytes: 0 })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        use std::io::Write;
        self.bytes += bytes.len() as u64;
        self.out.write_all(bytes).map_err(Error::io(Action::Write, &self.path))
    }

    /// Flushes the file; returns how many bytes it holds.
    pub fn finish(self) -> Result<u64> {
        let path = self.path;
        self.out.into_inner().map_err(|e| Error::Io {
            action: Action::Write,
            path: path.clone(),
            source: e.into_error(),
        })?;
        Ok(self.bytes)
    }
}

/// Writes into a live site, each file under a temporary name then renamed over the old one, so
/// a reader never sees half a page.
pub struct InPlace(pub PathBuf);

impl Sink for InPlace {
    fn write_parts(&self, path: &str, parts: &[&[u8]]) -> Result<()> {
        let full = self.0.join(path);
        let temporary = full.with_extension(format!("sopbook-tmp-{}", std::process::id()));
        create_parent(&full)?;
        write_parts(&temporary, parts)?;
        std::fs::rename(&temporary, &full).map_err(Error::io(Action::Replace, &full))
    }

    fn copy_media(&self, from: &Path, name: &MediaName) -> Result<()> {
        copy_media(&self.0, from, name, true)
    }
}

impl InPlace {
    /// Removes the images of `media/` that are not in `keep`, as a full build would not write them.
    pub fn prune_media(&self, keep: &BTreeSet<&str>) -> Result<()> {
        let folder = self.0.join(MEDIA_DIR);
        let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(()) };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !keep.contains(name.as_str()) {
                std::fs::remove_file(entry.path()).map_err(Error::io(Action::Remove, &entry.path()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_its_own_sites() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.mark().unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");

        let staging = Staging::new(&target).unwrap();
        staging.write("a/b.html", b"two").unwrap();
        staging.mark().unwrap();
        staging.commit().unwrap();
        assert!(!target.join("index.html").exists());
        assert_eq!(std::fs::read(target.join("a/b.html")).unwrap(), b"two");

        let foreign = dir.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("precioso.txt"), b"x").unwrap();
        assert!(Staging::new(&foreign).is_err());
        assert!(foreign.join("precioso.txt").exists());
    }

    #[test]
    fn a_page_never_leaves_the_site_never_enters_media_and_never_takes_anothers_path() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("site")).unwrap();
        staging.write("checklists/all.html", b"one").unwrap();
        let twice = staging.write("checklists/all.html", b"two").unwrap_err().to_string();
        assert!(twice.contains("duas páginas do site seriam gravadas em `checklists/all.html`"), "{twice}");
        assert!(staging.write_parts("checklists/all.html", &[b"x"]).is_err());
        for bad in ["../fora.html", "/etc/x", "a/../../b", "", "media/x.png", "media"] {
            assert!(staging.write(bad, b"x").is_err(), "{bad}");
        }
        assert!(!dir.path().join("fora.html").exists());
        staging.discard();
    }

    #[test]
    fn images_are_copied_only_into_media_under_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("tela.png");
        std::fs::write(&image, b"\x89PNG\r\n\x1a\n").unwrap();
        let kb = dir.path().join("kb");
        std::fs::create_dir_all(kb.join("procedures")).unwrap();
        std::fs::copy(&image, kb.join("procedures/tela.png")).unwrap();
        std::fs::write(
            kb.join("procedures/p.toml"),
            "title = \"P\"\n[steps.a]\nend = \"resolution\"\nimage = { src = \"tela.png\", alt = \"t\" }\n",
        )
        .unwrap();
        let media = crate::render::media::Media::new(&crate::load::KnowledgeBase::load(&kb).unwrap()).unwrap();
        let url = media.url(0, "tela.png").unwrap();
        let site = dir.path().join("site");
        let staging = Staging::new(&site).unwrap();
        media.publish(&staging).unwrap();
        media.publish(&staging).unwrap();
        staging.mark().unwrap();
        staging.commit().unwrap();
        let live = InPlace(site.clone());
        media.publish(&live).unwrap();
        let files: Vec<String> = walkdir::WalkDir::new(&site)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&site).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(files.contains(&url) && files.contains(&MARKER.to_string()), "{files:?}");
        assert_eq!(std::fs::read(site.join(&url)).unwrap(), std::fs::read(&image).unwrap());
        live.prune_media(&BTreeSet::new()).unwrap();
        assert!(!site.join(&url).exists());
    }

    #[test]
    fn dangerous_outputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kb");
        std::fs::create_dir_all(root.join("procedures/a")).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("procedures"),
            root.join("procedures/a/site"),
            PathBuf::from("/"),
        ] {
            assert!(check_output(&bad, &root).is_err(), "{}", bad.display());
        }
        assert!(check_output(&root.join("procedures/.."), &root).is_err());
        assert!(check_output(&root.join("site"), &root).is_ok());
        assert!(check_output(&dir.path().join("public"), &root).is_ok());
    }

    #[test]
    fn stale_staging_folders_of_dead_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        let stale = dir.path().join(".site.sopbook-new-999999999");
        std::fs::create_dir_all(stale.join("x")).unwrap();
        let staging = Staging::new(&target).unwrap();
        assert!(!stale.exists());
        staging.discard();
    }

    /// A folder holding a site whose only page says `text`.
    fn site_saying(folder: &Path, text: &str) {
        std::fs::create_dir_all(folder.join("a")).unwrap();
        std::fs::write(folder.join("a/index.html"), text).unwrap();
        std::fs::write(folder.join(MARKER), "").unwrap();
    }

    /// A folder with the previous site (`site`, saying "antigo") and the new one beside it
    /// (`.site.new`, saying "novo"), and where the previous one is put aside (`.site.old`).
    fn old_and_new_sites() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let (new, target, aside) =
            (dir.path().join(".site.new"), dir.path().join("site"), dir.path().join(".site.old"));
        site_saying(&target, "antigo");
        site_saying(&new, "novo");
        (dir, new, target, aside)
    }

    fn says(folder: &Path) -> String {
        std::fs::read_to_string(folder.join("a/index.html")).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    /// The fallback of macOS and Windows (and of Linux where the exchange is missing), run here.
    #[test]
    fn the_swap_by_renames_replaces_the_site_and_leaves_nothing_beside_it() {
        let (dir, new, target, aside) = old_and_new_sites();
        let mut calls = Vec::new();
        let rename = |from: &Path, to: &Path| {
            calls.push((from.to_path_buf(), to.to_path_buf()));
            std::fs::rename(from, to)
        };
        swap_by_renames(&new, &target, &aside, rename).unwrap();
        assert_eq!(calls, [(target.clone(), aside.clone()), (new.clone(), target.clone())], "two renames, in order");
        assert_eq!(says(&target), "novo");
        assert_eq!(names(dir.path()), ["site"], "no staging folder, no previous site left");

        // No previous site: one rename.
        std::fs::remove_dir_all(&target).unwrap();
        site_saying(&new, "primeiro");
        swap_by_renames(&new, &target, &aside, |from, to| std::fs::rename(from, to)).unwrap();
        assert_eq!(says(&target), "primeiro");
        assert_eq!(names(dir.path()), ["site"]);
    }

    #[test]
    fn when_the_new_site_cannot_be_moved_in_the_previous_one_is_put_back() {
        let (_dir, new, target, aside) = old_and_new_sites();
        let mut count = 0;
        // The second rename fails, as it can on Windows while another program holds a file of the
        // folder open.
        let rename = |from: &Path, to: &Path| {
            count += 1;
            if count == 2 {
                Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
            } else {
                std::fs::rename(from, to)
            }
        };
        let error = swap_by_renames(&new, &target, &aside, rename).unwrap_err();
        assert!(matches!(&error, Error::Io { action: Action::MoveInto, path, .. } if *path == target), "{error}");
        assert_eq!(says(&target), "antigo", "the previous site is back in place");
        assert_eq!(says(&new), "novo", "the new site is left whole beside it");
        assert!(!aside.exists());
    }

    /// Killed between the two renames: the target is missing, both sites are whole beside it,
    /// and the next build puts a site back (clearing the leftovers where it can tell their
    /// process is gone: not on Windows).
    #[test]
    fn a_swap_by_renames_stopped_half_way_loses_nothing_and_the_next_build_recovers() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        // Named after a process that no longer exists, as a killed build leaves them.
        let new = dir.path().join(".site.sopbook-new-999999999");
        let aside = dir.path().join(".site.sopbook-old-999999999");
        site_saying(&target, "antigo");
        site_saying(&new, "novo");
        let mut count = 0;
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let rename = |from: &Path, to: &Path| {
                count += 1;
                assert!(count < 2, "killed before the second rename (simulated)");
                std::fs::rename(from, to)
            };
            swap_by_renames(&new, &target, &aside, rename)
        }));
        assert!(stopped.is_err());
        assert!(!target.exists(), "the target is missing until the next build");
        assert_eq!(says(&aside), "antigo", "the previous site is whole beside it");
        assert_eq!(says(&new), "novo", "and so is the new one");

        let staging = Staging::new(&target).unwrap();
        staging.write("a/index.html", b"seguinte").unwrap();
        staging.mark().unwrap();
        staging.commit().unwrap();
        assert_eq!(says(&target), "seguinte");
        if cfg!(unix) {
            assert_eq!(names(dir.path()), ["site"], "the leftovers of the killed build are cleared");
        } else {
            assert_eq!(names(dir.path()).len(), 3, "on Windows the leftovers stay, for the user to remove");
        }
    }

    /// What tells a killed build's leftovers from a running build's folders.
    #[cfg(unix)]
    #[test]
    fn a_process_is_alive_until_it_has_exited() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new("sh").args(["-c", "exit 0"]).spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_alive(pid), "exited and reaped");
        assert!(!process_alive(999_999_999), "past the largest process number of Linux and macOS");
        assert!(!process_alive(u32::MAX), "not a process group");
    }

    #[test]
    fn a_discarded_build_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"old").unwrap();
        staging.mark().unwrap();
        staging.commit().unwrap();
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.mark().unwrap();
        staging.discard();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no staging folder left behind");
    }
}
