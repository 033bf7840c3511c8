//! The scenarios of a procedure (`[[scenarios]]`): each is walked through the step graph, and the
//! branches the walks take are its coverage. `sopbook test`, the `failing-scenario` and
//! `untested-branch` rules and the site's worked examples all read them from here.

mod coverage;
mod explain;
mod walk;

pub use coverage::{Coverage, coverage};
pub use explain::{Explained, explain, path_text};
pub use walk::{Failure, MAX_MOVES, Steps, Visit, Walk, ends_as, walk, walk_in};

use crate::model::Procedure;

/// The walk of every scenario of `procedure`, in file order; `None` for one that could not be
/// read (its `schema` problem says why).
pub fn walks(procedure: &Procedure) -> Vec<Option<Walk>> {
    let steps = Steps::new(procedure);
    procedure.scenarios.iter().map(|s| (!s.invalid).then(|| walk_in(&steps, s))).collect()
}

#[cfg(test)]
mod tests;
