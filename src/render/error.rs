//! Why a site could not be built: what sopbook was doing, on which file, and the system's or the
//! template engine's error as the `source`, so the command line can print the whole chain.

use std::path::{Path, PathBuf};

use crate::t;

/// An error of the renderer. Its `Display` is the sentence for the user; causes are `source`s.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed: `cannot {action} `{path}``.
    #[error("{}", .action.describe(.path))]
    Io {
        /// What sopbook was doing: write, create, read the image…
        action: Action,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing the whole site to `target` failed at one step.
    #[error("{}", .action.describe_in_site(.target, .path))]
    Site {
        target: PathBuf,
        action: Action,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A template failed to parse or to render.
    #[error("{context}")]
    Template {
        /// "theme template error", "rendering `a/b.html` with `procedure.html`" (in the catalogue).
        context: String,
        #[source]
        source: tera::Error,
    },
    /// A file of the theme or a setting that cannot be used, with the parser's error.
    #[error("{context}")]
    Invalid {
        /// "`lang/pt-BR.toml`", "cannot read theme `x`" (in the catalogue).
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A file or folder reached through a symbolic link that leads out of the knowledge base.
    #[error(transparent)]
    Outside(#[from] crate::load::paths::Outside),
    /// Refused on purpose, or invalid input: the message says why and what to do.
    #[error("{0}")]
    Refused(String),
}

/// A file-system operation of the renderer, named in the sentence of an [`Error::Io`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Read,
    ReadImage,
    Write,
    Create,
    CreateStaging,
    Clear,
    CopyImage,
    Replace,
    Remove,
    /// Moving the previous site aside from its place.
    MoveAside,
    /// Moving the new site into its place.
    MoveInto,
}

impl Action {
    /// "cannot write `path`", in the language of the messages.
    pub fn describe(self, path: &Path) -> String {
        let path = path.display().to_string();
        match self {
            Action::Read => t!("render-cannot-read", path = path),
            Action::ReadImage => t!("render-cannot-read-image", path = path),
            Action::Write => t!("render-cannot-write", path = path),
            Action::Create => t!("render-cannot-create", path = path),
            Action::CreateStaging => t!("render-cannot-create-staging", path = path),
            Action::Clear => t!("render-cannot-clear", path = path),
            Action::CopyImage => t!("render-cannot-copy-image", path = path),
            Action::Replace => t!("render-cannot-replace", path = path),
            Action::Remove => t!("render-cannot-remove", path = path),
            Action::MoveAside => t!("render-cannot-move-aside", path = path),
            Action::MoveInto => t!("render-cannot-move-into", path = path),
        }
    }

    /// "cannot write the site to `target`: cannot create `path`".
    pub fn describe_in_site(self, target: &Path, path: &Path) -> String {
        t!("render-cannot-write-site", target = target.display().to_string(), cause = self.describe(path))
    }
}

impl Error {
    /// A closure for `map_err` that names the operation and the file.
    pub fn io<'a>(action: Action, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
        move |source| Error::Io { action, path: path.to_path_buf(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The whole chain of an error on one line, `outer: cause: cause` (as `anyhow`'s `{:#}`), for
/// places that report a message rather than an error value (the `serve` overlay, tests).
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, message_in};

    #[test]
    fn a_failed_operation_names_what_sopbook_was_doing_and_the_file() {
        let error = Error::Site {
            target: "site".into(),
            action: Action::Create,
            path: "x/y".into(),
            source: std::io::Error::other("disco cheio"),
        };
        assert_eq!(error.to_string(), "não foi possível gravar o site em `site`: não foi possível criar `x/y`");
        assert_eq!(
            chain(&error),
            "não foi possível gravar o site em `site`: não foi possível criar `x/y`: disco cheio"
        );
        let cause = message_in(Language::En, "render-cannot-create", &[("path", "x/y".into())]);
        let en =
            message_in(Language::En, "render-cannot-write-site", &[("target", "site".into()), ("cause", cause.into())]);
        assert_eq!(en, "cannot write the site to `site`: cannot create `x/y`");
    }
}
