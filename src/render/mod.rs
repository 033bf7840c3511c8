//! Rendering: the static site (tera templates from the theme, Markdown via pulldown-cmark), its
//! flowcharts, search index and guided mode.

pub(crate) mod book;
mod changes;
mod chart;
pub(crate) mod checklist;
mod checklist_books;
pub mod error;
mod examples;
mod guided;
pub(crate) mod lang;
pub mod links;
mod lists;
pub mod markdown;
pub(crate) mod media;
pub(crate) mod output;
pub(crate) mod search;
pub(crate) mod site;
mod templates;
pub(crate) mod theme;
pub(crate) mod views;

pub use error::Error;
pub use site::{Live, Options, Report, build};
