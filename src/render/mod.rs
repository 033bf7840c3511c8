//! Rendering: the static site (tera templates from the theme, Markdown via pulldown-cmark), its
//! flowcharts, search index and guided mode.

pub mod book;
pub mod checklist;
pub mod flowchart;
mod guided;
pub mod lang;
pub mod links;
mod lists;
pub mod markdown;
pub mod media;
pub mod output;
pub mod search;
pub mod site;
mod templates;
pub mod theme;
pub mod views;

pub use site::{Live, Options, Report, build};
