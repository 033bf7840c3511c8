//! Rendering: the static site (tera templates from the theme, Markdown via pulldown-cmark), its
//! flowcharts, search index and guided mode.

pub mod flowchart;
