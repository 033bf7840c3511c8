//! Text helpers every layer shares: folding, slugs, cutting and every escaper. The bottom floor
//! of the crate: nothing here uses another of its modules.

mod cut;
mod escape;
mod fold;
mod slug;

pub use cut::{cut_bytes, cut_chars, shorten, snippet};
pub use escape::{
    comment_line, control_pictures, css_string, dot_string, escape_controls, escape_html, escape_html_body,
    escape_markdown, escape_markdown_all, escape_markdown_literal, json_for_html, mermaid_label, push_json_ascii,
    push_markup, shell_word, toml_line, toml_string, unescape_html, xml_chars,
};
pub use fold::fold;
pub use slug::{heading_anchor, slug, step_id};

/// A list for a message, each item in backticks, as editors copy them: `` `a`, `b`, `c` ``.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}
