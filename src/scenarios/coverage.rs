//! Branch coverage: which answers of which decisions the scenarios' walks take.

use super::Walk;
use crate::model::{Procedure, StepKind};

/// The branches of one procedure's decisions, and those no walk takes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Every answer of every decision.
    pub branches: usize,
    /// (step, branch) of each answer no walk takes, in file order.
    pub missed: Vec<(usize, usize)>,
}

impl Coverage {
    pub fn covered(&self) -> usize {
        self.branches - self.missed.len()
    }

    /// Several procedures' coverage added up (the base's total): only its counts mean anything,
    /// since `missed` holds step indexes of different procedures.
    pub fn sum<'c>(all: impl IntoIterator<Item = &'c Coverage>) -> Coverage {
        let mut total = Coverage::default();
        for coverage in all {
            total.branches += coverage.branches;
            total.missed.extend_from_slice(&coverage.missed);
        }
        total
    }

    /// The covered share in percent; `None` for a procedure without decisions.
    pub fn percent(&self) -> Option<f64> {
        (self.branches > 0).then(|| 100.0 * self.covered() as f64 / self.branches as f64)
    }
}

/// The coverage of `procedure` by `walks` (failing walks count for the branches they took).
pub fn coverage<'w>(procedure: &Procedure, walks: impl IntoIterator<Item = &'w Walk>) -> Coverage {
    let mut taken: Vec<Vec<bool>> = procedure
        .steps
        .iter()
        .map(|s| match (s.kind(), &s.branches) {
            (StepKind::Decision, Some(b)) => vec![false; b.get_ref().len()],
            _ => Vec::new(),
        })
        .collect();
    for visit in walks.into_iter().flat_map(|w| &w.path) {
        if let Some(branch) = visit.branch {
            taken[visit.step][branch] = true;
        }
    }
    let mut coverage = Coverage::default();
    for (step, branches) in taken.iter().enumerate() {
        coverage.branches += branches.len();
        coverage.missed.extend(branches.iter().enumerate().filter(|(_, t)| !**t).map(|(b, _)| (step, b)));
    }
    coverage
}
