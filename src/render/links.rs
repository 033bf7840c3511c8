//! Where everything lives in the site, and the table that turns a breadcrumb into a link.
//! Every URL is relative to the site root; pages prefix it with their own `root` (`../../`), so
//! the site works under any base path and from `file://`.

use std::collections::HashMap;

use serde::Serialize;

use crate::load::{KnowledgeBase, Target};
use crate::model::{Breadcrumb, Reference};
use crate::safe_url;

pub use crate::site_paths::{procedure_path, section_url, tag_url};

/// The href of a file of the site (root-relative), from its path: a procedure file may be named
/// `a?b#c.toml`, and its page must still be found.
pub fn href(path: &str) -> String {
    crate::safe_url::encode_path(path)
}

/// The href of a procedure's page (its path, percent-encoded).
pub fn procedure_url(slug: &str) -> String {
    href(&procedure_path(slug))
}

/// The relative prefix from a page at `url` to the site root: `""`, `"../"`, `"../../"`…
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// What a reference renders as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    /// Root-relative for internal links, absolute for Qualitor manuals, `None` for plain text.
    pub url: Option<String>,
    pub kind: LinkKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// A page of this site.
    Internal,
    /// A Qualitor manual with a URL (`http`, `https` or `mailto`: see [`safe_url`]).
    External,
    /// A Qualitor manual without a URL: plain text.
    Manual,
    /// Resolves to nothing (only with `--allow-errors`).
    Broken,
}

/// One procedure as links need it.
struct Entry {
    url: String,
    /// Step ID → step number.
    steps: HashMap<String, usize>,
}

/// Breadcrumb → page, for every procedure and manual. Built once, shared by every page.
pub struct LinkTable {
    procedures: Vec<Entry>,
    index: HashMap<Breadcrumb, Target>,
    manual_urls: Vec<Option<String>>,
}

impl LinkTable {
    pub fn build(kb: &KnowledgeBase) -> LinkTable {
        let procedures = kb
            .procedures
            .iter()
            .map(|p| Entry {
                url: procedure_url(&p.slug),
                steps: p.steps.iter().enumerate().map(|(i, s)| (s.id.get_ref().clone(), i + 1)).collect(),
            })
            .collect();
        let mut index = HashMap::new();
        for crumb in kb.index.breadcrumbs() {
            if let Some(target) = kb.index.resolve(crumb) {
                index.insert(crumb.clone(), target);
            }
        }
        let manual_urls = kb
            .manuals
            .iter()
            .map(|m| {
                let url = m.url.as_ref().map(|u| u.get_ref()).filter(|u| safe_url::is_manual_url(u));
                url.map(|u| valid_url(&safe_url::clean(u)))
            })
            .collect();
        LinkTable { procedures, index, manual_urls }
    }

    /// The link for `reference`, written in procedure `current` (for `[[#step]]`), with step
    /// numbers worded by `step_word` ("passo 3").
    pub fn resolve(&self, reference: &Reference, current: Option<usize>, step_word: &dyn Fn(usize) -> String) -> Link {
        let names_a_step = reference.step.as_deref().is_some_and(|s| !s.is_empty());
        let target = match &reference.target {
            // `[[#step]]`; `[[#]]` or `[[|x]]` names nothing (a `broken-reference`, as lint says).
            None if names_a_step => current.map(Target::Procedure),
            None => None,
            Some(crumb) => self.index.get(crumb).copied(),
        };
        let written = match (&reference.target, &reference.step) {
            (Some(crumb), _) => crumb.to_string(),
            (None, Some(step)) => format!("#{step}"),
            (None, None) => String::new(),
        };
        let shown = |default: String| reference.shown.clone().filter(|s| !s.is_empty()).unwrap_or(default);
        match target {
            Some(Target::Procedure(p)) => {
                let entry = &self.procedures[p];
                let Some(step) = reference.step.as_deref().filter(|s| !s.is_empty()) else {
                    return Link { text: shown(written), url: Some(entry.url.clone()), kind: LinkKind::Internal };
                };
                match entry.steps.get(step) {
                    Some(&number) => {
                        let default = match &reference.target {
                            Some(crumb) => format!("{crumb}, {}", step_word(number)),
                            None => step_word(number),
                        };
                        Link {
                            text: shown(default),
                            url: Some(format!("{}#{step}", entry.url)),
                            kind: LinkKind::Internal,
                        }
                    }
                    None => Link { text: shown(written), url: None, kind: LinkKind::Broken },
                }
            }
            Some(Target::Manual(m)) => match &self.manual_urls[m] {
                Some(url) => Link { text: shown(written), url: Some(url.clone()), kind: LinkKind::External },
                None => Link { text: shown(written), url: None, kind: LinkKind::Manual },
            },
            None => Link { text: shown(written), url: None, kind: LinkKind::Broken },
        }
    }

    /// The position (0-based) of step `id` in procedure `procedure`.
    pub fn step_index(&self, procedure: usize, id: &str) -> Option<usize> {
        self.procedures.get(procedure)?.steps.get(id).map(|n| n - 1)
    }

    /// The page of procedure `index`.
    pub fn procedure(&self, index: usize) -> &str {
        &self.procedures[index].url
    }
}

/// A manual's URL as a valid `href`: trimmed, with the characters a URL may not hold (spaces,
/// quotes, `<`, `>`, control characters…) percent-encoded, as a browser would send them.
fn valid_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_ascii_control() || matches!(c, ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_roots() {
        assert_eq!(procedure_url("a/b"), "procedures/a/b.html");
        assert_eq!(procedure_url("a/b?c#d%e\\f g\th\ni"), "procedures/a/b%3Fc%23d%25e%5Cf%20g%09h%0Ai.html");
        assert_eq!(procedure_path("a/b?c"), "procedures/a/b?c.html");
        assert_eq!(root_of("procedures/a/b.html"), "../../");
        assert_eq!(root_of("index.html"), "");
        assert_eq!(section_url(&["Certificado Digital", "A1"]), "sections/certificado-digital/a1.html");
        assert_eq!(tag_url("Certificado Digital"), "tags/certificado-digital.html");
        assert_eq!(crate::text::slug("Ação / Exportação"), "acao-exportacao");
    }

    #[test]
    fn a_reference_that_names_nothing_is_broken() {
        // Lint calls `[[#]]` and `[[|x]]` "names nothing"; the page must not link them to itself.
        let kb = KnowledgeBase::from_memory(vec![(
            "procedures/p.toml".into(),
            "title = \"P\"\nsection = \"S\"\n[steps.um]\nend = \"resolution\"\n".into(),
        )]);
        let table = LinkTable::build(&kb);
        for inner in ["#", "|x", "", " # | x"] {
            let link = table.resolve(&Reference::parse_inner(inner, 0..0), Some(0), &|n| n.to_string());
            assert_eq!(link.kind, LinkKind::Broken, "[[{inner}]]");
        }
        let link = table.resolve(&Reference::parse_inner("#um", 0..0), Some(0), &|n| n.to_string());
        assert_eq!(link.kind, LinkKind::Internal);
    }

    #[test]
    fn manual_urls_are_made_valid() {
        assert_eq!(valid_url(" https://q.example/a b?x=\"<y>\"&z=1 "), "https://q.example/a%20b?x=%22%3Cy%3E%22&z=1");
        assert_eq!(valid_url("https://q.example/ação"), "https://q.example/ação");
    }
}
