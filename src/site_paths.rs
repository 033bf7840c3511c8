//! Where each page of the site is written, from names alone. Below both `render`, which writes
//! the pages, and `lint`, whose `name-variant` rule finds two names that would share a page.

use crate::text::slug;

/// Where a procedure's page is written: `procedures/certificado-digital/a1/perda-do-backup-a1.html`.
pub fn procedure_path(slug: &str) -> String {
    format!("procedures/{slug}.html")
}

/// A section page: `sections/certificado-digital/a1.html` for `Certificado Digital > A1`.
pub fn section_url(segments: &[&str]) -> String {
    let path: Vec<String> = segments.iter().map(|s| slug(s)).collect();
    format!("sections/{}.html", path.join("/"))
}

/// A tag page: `tags/nf-e.html` for `NF-e`.
pub fn tag_url(tag: &str) -> String {
    format!("tags/{}.html", slug(tag))
}
