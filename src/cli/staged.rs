//! Writing several files as one, for the commands that promise to write nothing unless everything
//! can be written (`init`, `import`, `new`).
//!
//! Each file is first written whole to a temporary file in its own folder, so that a full disk, a
//! missing permission or a file standing where a folder must go shows up before anything is in
//! place. Then every temporary file is renamed into place, new files first and replacements
//! last. On any failure the files already placed, the temporary files and the folders created
//! for them are removed, newest first, and what was there before is left as it was.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::t;

/// A write that failed: which file or folder, and why (the system's error is the `source`).
#[derive(Debug, thiserror::Error)]
pub struct Failed {
    pub path: PathBuf,
    #[source]
    pub error: std::io::Error,
    /// Whether `path` is a folder that could not be created.
    pub folder: bool,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display().to_string();
        match self.folder {
            true => f.write_str(&t!("staged-cannot-create-folder", path = path)),
            false => f.write_str(&t!("staged-cannot-write", path = path)),
        }
    }
}

/// One file written to its temporary file, waiting for its rename.
struct Pending {
    temp: NamedTempFile,
    path: PathBuf,
    /// Whether it replaces the file at `path` (else it must not exist).
    replaces: bool,
}

/// Files written to temporary files, renamed into place by [`Staged::commit`]. Dropped without
/// a commit, it removes everything it wrote and every folder it created.
#[derive(Default)]
pub struct Staged {
    pending: Vec<Pending>,
    /// Folders created for the files, parents first.
    created: Vec<PathBuf>,
}

impl Staged {
    /// A new file at `path`: never overwrites one, even one that appears before the rename.
    pub fn create(&mut self, path: &Path, content: &[u8]) -> Result<(), Failed> {
        self.stage(path.to_path_buf(), content, None)
    }

    /// A file that replaces the one at `path` (or is created), with that file's permissions. A
    /// symlink is followed: the file it points to is replaced, the link stays.
    pub fn replace(&mut self, path: &Path, content: &[u8]) -> Result<(), Failed> {
        let failed = |error| Failed { path: path.to_path_buf(), error, folder: false };
        let target = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(failed)?,
            _ => path.to_path_buf(),
        };
        let permissions = match std::fs::metadata(&target) {
            Ok(meta) => Some(meta.permissions()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(failed(e)),
        };
        self.stage(target, content, Some(permissions))
    }

    /// `replaces`: `None` for a new file, else the permissions of the file it replaces, if any.
    fn stage(
        &mut self,
        path: PathBuf,
        content: &[u8],
        replaces: Option<Option<std::fs::Permissions>>,
    ) -> Result<(), Failed> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.create_folders(&folder)?;
        let failed = |error| Failed { path: path.clone(), error, folder: false };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".sopbook-").suffix(".tmp");
        // A new file gets the permissions of any new file (0666 less the umask), not the
        // temporary file's 0600.
        #[cfg(unix)]
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o666);
        #[cfg(unix)]
        builder.permissions(mode);
        let mut temp = builder.tempfile_in(&folder).map_err(failed)?;
        temp.write_all(content).and_then(|()| temp.as_file().sync_all()).map_err(failed)?;
        if let Some(Some(permissions)) = &replaces {
            temp.as_file().set_permissions(permissions.clone()).map_err(failed)?;
        }
        self.pending.push(Pending { temp, path, replaces: replaces.is_some() });
        Ok(())
    }

    /// Creates `folder` and its missing parents, recording each one created.
    fn create_folders(&mut self, folder: &Path) -> Result<(), Failed> {
        let mut missing = Vec::new();
        let mut dir = folder;
        while !dir.as_os_str().is_empty() && std::fs::symlink_metadata(dir).is_err() {
            missing.push(dir.to_path_buf());
            match dir.parent() {
                Some(up) => dir = up,
                None => break,
            }
        }
        for dir in missing.into_iter().rev() {
            std::fs::create_dir(&dir).map_err(|error| Failed { path: dir.clone(), error, folder: true })?;
            self.created.push(dir);
        }
        Ok(())
    }

    /// Renames every file into place, new files first and replacements last. On failure, the
    /// files placed so far are removed again (with every folder created) and the error names
    /// the file that could not be placed.
    pub fn commit(mut self) -> Result<(), Failed> {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|p| p.replaces);
        let mut placed: Vec<PathBuf> = Vec::new();
        let mut rest = pending.into_iter();
        for Pending { temp, path, replaces } in rest.by_ref() {
            let renamed = if replaces { temp.persist(&path) } else { temp.persist_noclobber(&path) };
            if let Err(e) = renamed {
                drop(e.file);
                for file in placed.iter().rev() {
                    let _ = std::fs::remove_file(file);
                }
                return Err(Failed { path, error: e.error, folder: false });
            }
            placed.push(path);
        }
        self.created.clear();
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // The temporary files first (each removes itself), then their folders, newest first.
        self.pending.clear();
        for dir in self.created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn everything_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("lista.toml"), "antes\n").unwrap();
        std::fs::write(root.join("ocupado"), "um arquivo onde iria uma pasta\n").unwrap();

        // A failure while staging: nothing placed, the folders created for it removed.
        let mut staged = Staged::default();
        staged.create(&root.join("a/b/um.toml"), b"um").unwrap();
        staged.replace(&root.join("lista.toml"), b"depois").unwrap();
        let failed = staged.create(&root.join("ocupado/c/dois.toml"), b"dois").unwrap_err();
        assert!(failed.path.ends_with("ocupado/c") && failed.folder, "{failed}");
        assert!(failed.to_string().starts_with("não foi possível criar a pasta `"), "{failed}");
        drop(staged);
        assert_eq!(listing(root), ["lista.toml", "ocupado"]);
        assert_eq!(std::fs::read_to_string(root.join("lista.toml")).unwrap(), "antes\n");

        // A failure while placing (the file appeared meanwhile): what was placed is removed.
        let mut staged = Staged::default();
        staged.create(&root.join("a/um.toml"), b"um").unwrap();
        staged.create(&root.join("z.toml"), b"meu").unwrap();
        staged.replace(&root.join("lista.toml"), b"depois").unwrap();
        std::fs::write(root.join("z.toml"), "de outro").unwrap();
        let failed = staged.commit().unwrap_err();
        assert_eq!(failed.error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(listing(root), ["lista.toml", "ocupado", "z.toml"]);
        assert_eq!(std::fs::read_to_string(root.join("z.toml")).unwrap(), "de outro");
        assert_eq!(std::fs::read_to_string(root.join("lista.toml")).unwrap(), "antes\n");

        // Success: every file in place, with the usual permissions.
        let mut staged = Staged::default();
        staged.create(&root.join("a/um.toml"), b"um").unwrap();
        staged.replace(&root.join("lista.toml"), b"depois").unwrap();
        staged.commit().unwrap();
        assert_eq!(listing(root), ["a", "a/um.toml", "lista.toml", "ocupado", "z.toml"]);
        assert_eq!(std::fs::read_to_string(root.join("lista.toml")).unwrap(), "depois");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::write(root.join("comum"), "").unwrap();
            let mode = |name: &str| std::fs::metadata(root.join(name)).unwrap().permissions().mode();
            assert_eq!(mode("a/um.toml"), mode("comum"), "the permissions of any new file");
        }
    }
}
