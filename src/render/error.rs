//! Why a site could not be built: what sopbook was doing, on which file, and the system's or the
//! template engine's error as the `source`, so the command line can print the whole chain.

use std::path::{Path, PathBuf};

/// An error of the renderer. Its `Display` is the sentence for the user; causes are `source`s.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed: `cannot {action} `{path}``.
    #[error("cannot {action} `{}`", path.display())]
    Io {
        /// What sopbook was doing, as a verb phrase: "write", "create", "read the image".
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing the whole site to `target` failed at one step.
    #[error("cannot write the site to `{}`: cannot {action} `{}`", target.display(), path.display())]
    Site {
        target: PathBuf,
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A template failed to parse or to render.
    #[error("{context}")]
    Template {
        /// "theme template error", "rendering `a/b.html` with `procedure.html`".
        context: String,
        #[source]
        source: tera::Error,
    },
    /// A file of the theme or a setting that cannot be used, with the parser's error.
    #[error("{context}")]
    Invalid {
        /// "`lang/pt-BR.toml`", "cannot read theme `x`".
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

impl Error {
    /// A closure for `map_err` that names the operation and the file.
    pub fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
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
