//! Rendering: the static site (tera templates from the theme, Markdown via pulldown-cmark), its
//! flowcharts, search index and guided mode.

pub mod book;
pub mod checklist;
pub mod error;
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
pub mod theme;
pub mod views;

pub use error::Error;
pub use site::{Live, Options, Report, build};
