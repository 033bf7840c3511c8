//! Printing findings: rustc-style text for people, JSON and SARIF for CI.

mod human;
mod json;
mod sarif;

pub use human::{HumanOptions, human, summary};
pub use json::json;
pub use sarif::sarif;

use super::Finding;
use crate::load::KnowledgeBase;

/// 1-based line and column of a finding's start.
fn position(kb: &KnowledgeBase, finding: &Finding) -> (usize, usize) {
    kb.files[finding.file].line_col(finding.span.start)
}
