//! The tera setup every kind of page shares: the theme's templates, the `markdown` filter and the
//! globals, and rendering a template for the page at a URL.

use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera};

use super::error::{Error, Result};
use super::lang::Strings;
use super::links::{self, LinkTable};
use super::markdown;
use super::theme::Theme;
use crate::t;
use crate::text::json_for_html;

/// A rendered file of the site: path relative to the site root, and its bytes.
pub(super) type File = (String, Vec<u8>);

/// The tera instance: the theme's templates, the `markdown` filter, and what every page shares.
pub(super) fn templates(
    theme: &Theme,
    t: &Strings,
    title: &str,
    handbook_url: Option<&str>,
    links: Arc<LinkTable>,
) -> Result<Tera> {
    let mut tera = Tera::new();
    let t_filter = t.clone();
    tera.register_filter("markdown", move |text: &str, _: Kwargs, state: &State| {
        let root: String = state.get("root").ok().flatten().unwrap_or_default();
        let step_word = |n: usize| t_filter.fill("step_n", &[("n", &n.to_string())]);
        let cx = markdown::Context {
            links: &links,
            current: None,
            root: &root,
            step_word: &step_word,
            external_note: t_filter.get("external"),
            manual_note: t_filter.get("manual_no_link"),
            broken_note: t_filter.get("broken_reference"),
            book: false,
            images: None,
        };
        tera::Value::safe_string(&markdown::to_html(text, &cx))
    });
    tera.add_raw_templates(theme.templates()?)
        .map_err(|source| Error::Template { context: t!("render-template-error"), source })?;
    let globals = tera.global_context();
    globals.insert("t", t);
    globals.insert("lang", t.language.code());
    globals.insert("site_title", title);
    globals.insert("strings_json", &json_for_html(&t.js));
    globals.insert("handbook_url", &handbook_url);
    globals.insert("generator", concat!("sopbook ", env!("CARGO_PKG_VERSION")));
    Ok(tera)
}

/// Renders the page written at `path` (its href, percent-encoded, is the page's `url`).
pub(super) fn render(tera: &Tera, template: &str, path: &str, context: &mut Context) -> Result<File> {
    Ok((path.to_string(), render_string(tera, template, &links::href(path), context)?.into_bytes()))
}

/// Renders `template` for the page at `url` (its `root` and `url` set in `context`).
pub(super) fn render_string(tera: &Tera, template: &str, url: &str, context: &mut Context) -> Result<String> {
    render_at(tera, template, url, &links::root_of(url), context)
}

/// [`render_string`] with the prefix that leads from the page to the site root given.
pub(super) fn render_at(tera: &Tera, template: &str, url: &str, root: &str, context: &mut Context) -> Result<String> {
    context.insert("root", root);
    context.insert("url", url);
    tera.render(template, context).map_err(|source| Error::Template {
        context: t!("render-template-render", url = url, template = template),
        source,
    })
}
