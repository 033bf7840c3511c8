//! The theme: templates, static files and language tables. The default theme is compiled into
//! the binary; a knowledge base's `themes/NAME/` folder replaces any of its files one by one.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use super::error::{Error, Result};
use crate::load::file;
use crate::t;

/// The built-in theme, embedded so `sopbook` works from any folder.
const DEFAULT: &[(&str, &str)] = &[
    ("templates/base.html", include_str!("../../themes/default/templates/base.html")),
    ("templates/index.html", include_str!("../../themes/default/templates/index.html")),
    ("templates/procedure.html", include_str!("../../themes/default/templates/procedure.html")),
    ("templates/section.html", include_str!("../../themes/default/templates/section.html")),
    ("templates/tag.html", include_str!("../../themes/default/templates/tag.html")),
    ("templates/escalations.html", include_str!("../../themes/default/templates/escalations.html")),
    ("templates/review.html", include_str!("../../themes/default/templates/review.html")),
    ("templates/news.html", include_str!("../../themes/default/templates/news.html")),
    ("templates/book.html", include_str!("../../themes/default/templates/book.html")),
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("templates/search.html", include_str!("../../themes/default/templates/search.html")),
    ("templates/checklist-book.html", include_str!("../../themes/default/templates/checklist-book.html")),
    ("templates/checklists.html", include_str!("../../themes/default/templates/checklists.html")),
    (
        "templates/partials/checklist-body.html",
        include_str!("../../themes/default/templates/partials/checklist-body.html"),
    ),
    ("templates/partials/header.html", include_str!("../../themes/default/templates/partials/header.html")),
    ("templates/partials/search.html", include_str!("../../themes/default/templates/partials/search.html")),
    ("templates/partials/footer.html", include_str!("../../themes/default/templates/partials/footer.html")),
    ("templates/partials/breadcrumbs.html", include_str!("../../themes/default/templates/partials/breadcrumbs.html")),
    ("templates/partials/meta.html", include_str!("../../themes/default/templates/partials/meta.html")),
    ("templates/partials/revision.html", include_str!("../../themes/default/templates/partials/revision.html")),
    ("templates/partials/step.html", include_str!("../../themes/default/templates/partials/step.html")),
    ("templates/partials/action.html", include_str!("../../themes/default/templates/partials/action.html")),
    ("templates/partials/decision.html", include_str!("../../themes/default/templates/partials/decision.html")),
    ("templates/partials/resolution.html", include_str!("../../themes/default/templates/partials/resolution.html")),
    ("templates/partials/escalation.html", include_str!("../../themes/default/templates/partials/escalation.html")),
    ("templates/partials/callouts.html", include_str!("../../themes/default/templates/partials/callouts.html")),
    ("templates/partials/link.html", include_str!("../../themes/default/templates/partials/link.html")),
    ("templates/partials/examples.html", include_str!("../../themes/default/templates/partials/examples.html")),
    (
        "templates/partials/procedure-list.html",
        include_str!("../../themes/default/templates/partials/procedure-list.html"),
    ),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
    ("static/flowchart.css", include_str!("../../themes/default/static/flowchart.css")),
    ("static/search.css", include_str!("../../themes/default/static/search.css")),
    ("static/guided.css", include_str!("../../themes/default/static/guided.css")),
    ("static/search.js", include_str!("../../themes/default/static/search.js")),
    ("static/stemmer-pt.js", include_str!("../../themes/default/static/stemmer-pt.js")),
    ("static/guided.js", include_str!("../../themes/default/static/guided.js")),
    ("static/checklist.css", include_str!("../../themes/default/static/checklist.css")),
    ("static/checklist.js", include_str!("../../themes/default/static/checklist.js")),
    ("lang/pt-BR.toml", include_str!("../../themes/default/lang/pt-BR.toml")),
    ("lang/en.toml", include_str!("../../themes/default/lang/en.toml")),
];

/// Every file of the theme in use, by path inside the theme folder.
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme with `root/themes/NAME/` laid over it, when that folder exists.
    /// A theme other than `default` must exist.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut files: BTreeMap<String, Vec<u8>> =
            DEFAULT.iter().map(|(path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
        if !crate::load::paths::is_plain_name(name) {
            return Err(Error::Refused(t!("render-theme-not-a-name", name = name)));
        }
        let folder = root.join("themes").join(name);
        if !folder.is_dir() {
            if name == "default" {
                return Ok(Theme { files });
            }
            return Err(Error::Refused(t!(
                "render-theme-not-found",
                name = name,
                folder = folder.display().to_string()
            )));
        }
        crate::load::paths::read_inside(root, &folder)?;
        // Links are followed while they stay inside the knowledge base.
        for entry in WalkDir::new(&folder).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Invalid {
                context: t!("render-theme-unreadable", name = name),
                source: Box::new(e),
            })?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
            let key = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            // Anything but a folder is read, so a FIFO or device is refused rather than skipped.
            let bytes = file::read_file(entry.path(), Some(root), file::MAX_FILE_BYTES)
                .map_err(|e| Error::Refused(e.describe(&format!("themes/{name}/{key}"))))?;
            files.insert(key, bytes);
        }
        Ok(Theme { files })
    }

    /// Templates by name relative to `templates/` (`procedure.html`, `partials/step.html`).
    pub fn templates(&self) -> Result<Vec<(String, String)>> {
        self.under("templates/")
            .map(|(name, bytes)| {
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::Refused(t!("render-template-not-utf8", name = name)))?;
                Ok((name.to_string(), text))
            })
            .collect()
    }

    /// Static files, copied to `assets/` as they are.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("static/")
    }

    /// The built-in version of a file, whatever the theme overrides.
    pub fn builtin(path: &str) -> Option<&'static str> {
        DEFAULT.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files.iter().filter_map(move |(path, bytes)| Some((path.strip_prefix(prefix)?, bytes.as_slice())))
    }
}
