//! One index of every breadcrumb: the procedures of this knowledge base, then the manuals of
//! `manuals.toml`. References resolve against it.

use std::collections::HashMap;

use crate::model::{Breadcrumb, Manual, Procedure};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into `KnowledgeBase::procedures`.
    Procedure(usize),
    /// Index into `KnowledgeBase::manuals`.
    Manual(usize),
}

#[derive(Debug, Default)]
pub struct Index {
    targets: HashMap<Breadcrumb, Target>,
    /// Step IDs of each procedure, for `#step` anchors.
    anchors: Vec<HashMap<String, usize>>,
}

impl Index {
    pub fn build(procedures: &[Procedure], manuals: &[Manual]) -> Index {
        let mut targets = HashMap::with_capacity(procedures.len() + manuals.len());
        for (i, procedure) in procedures.iter().enumerate() {
            if let Some(crumb) = procedure.breadcrumb() {
                // The first procedure wins; `duplicate-procedure` reports the others.
                targets.entry(crumb).or_insert(Target::Procedure(i));
            }
        }
        for (i, manual) in manuals.iter().enumerate() {
            targets.entry(Breadcrumb::parse(manual.path.get_ref())).or_insert(Target::Manual(i));
        }
        let anchors = procedures
            .iter()
            .map(|p| p.steps.iter().enumerate().map(|(i, s)| (s.id.get_ref().clone(), i)).collect())
            .collect();
        Index { targets, anchors }
    }

    pub fn resolve(&self, crumb: &Breadcrumb) -> Option<Target> {
        self.targets.get(crumb).copied()
    }

    /// The index of step `id` in procedure `procedure`.
    pub fn anchor(&self, procedure: usize, id: &str) -> Option<usize> {
        self.anchors.get(procedure)?.get(id).copied()
    }

    pub fn breadcrumbs(&self) -> impl Iterator<Item = &Breadcrumb> {
        self.targets.keys()
    }
}
