//! sopbook turns support procedures written as TOML step graphs into checked, rendered
//! documentation. The pipeline is the architecture: [`load`] reads and indexes a knowledge base,
//! [`lint`] proves its graphs and references, and the reports print the findings.

pub mod cli;
pub mod import;
pub mod lint;
pub mod load;
pub mod model;
pub mod refs;
pub mod render;
pub mod safe_url;
pub mod schema;
pub mod serve;
pub mod suggest;
#[doc(hidden)]
pub mod synth;
pub(crate) mod text;
