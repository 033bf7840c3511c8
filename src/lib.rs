//! sopbook turns support procedures written as TOML step graphs into checked, rendered
//! documentation. The pipeline is the architecture: [`load`] reads and indexes a knowledge base,
//! [`lint`] proves its graphs and references, and the reports print the findings.
//!
//! Public is what a library user (and the tests, benches and fuzz targets) needs; the rest is
//! `pub(crate)`, so that the compiler reports what nothing uses.

pub mod cli;
pub mod diff;
pub mod flowchart;
pub mod history;
pub mod i18n;
pub mod import;
pub mod lint;
pub mod load;
pub mod model;
pub mod refs;
pub mod render;
pub mod safe_url;
pub mod scenarios;
pub mod schema;
pub(crate) mod serve;
pub(crate) mod site_paths;
pub(crate) mod suggest;
#[doc(hidden)]
pub mod synth;
pub(crate) mod text;
pub mod timeline;
