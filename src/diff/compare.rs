//! Two versions of one procedure, compared: metadata, then the steps in the new file's order
//! (a removed step right after the step it followed), then the scenarios.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};
use toml::Spanned;

use super::words::words;
use super::{Change, ImageInfo, ProcedureField, ScenarioInfo, Side, StepField, StepRef, TicketField};
use crate::load::procedure::parse;
use crate::load::{Problem, SourceFile};
use crate::model::{Answers, Branch, EndKind, Expect, Field, Image, Procedure, Scenario, Step, references};
use crate::text::{toml_line, toml_string};

/// The changes from one version of a procedure file's text to another. A text that is not a
/// procedure file (not TOML) gives one [`Change::Unreadable`] for its side instead.
pub fn procedure(old: &str, new: &str) -> Vec<Change> {
    if old == new {
        return Vec::new();
    }
    compare_read(&read(old), &read(new))
}

/// A procedure file as read, or why it could not be.
pub(super) type Read = Result<Procedure, String>;

/// Reads a procedure text; its `schema` problems are ignored (the linter reports them).
pub(super) fn read(text: &str) -> Read {
    let mut problems: Vec<Problem> = Vec::new();
    parse(0, String::new(), text, &mut problems).ok_or_else(|| {
        let Some(problem) = problems.first() else { return crate::t!("diff-not-a-procedure") };
        let (line, column) = SourceFile::new(String::new(), text.to_string()).line_col(problem.span.start);
        crate::t!("diff-problem-at", message = &problem.message, line = line, column = column)
    })
}

/// Compares two reads: the procedures, or which side could not be read.
pub(super) fn compare_read(old: &Read, new: &Read) -> Vec<Change> {
    match (old, new) {
        (Ok(old), Ok(new)) => compare(old, new),
        _ => {
            let sides = [(Side::Old, old), (Side::New, new)];
            // The same error on both sides is not a change.
            if let (Err(a), Err(b)) = (old, new)
                && a == b
            {
                return Vec::new();
            }
            sides
                .into_iter()
                .filter_map(|(side, read)| read.as_ref().err().map(|m| Change::Unreadable { side, message: m.clone() }))
                .collect()
        }
    }
}

fn compare(old: &Procedure, new: &Procedure) -> Vec<Change> {
    let pair = Pair::new(old, new);
    let mut changes = Vec::new();
    pair.metadata(&mut changes);
    pair.steps(&mut changes);
    pair.scenarios(&mut changes);
    changes
}

/// Both versions, with their steps indexed by ID.
struct Pair<'a> {
    old: &'a Procedure,
    new: &'a Procedure,
    old_ids: HashMap<&'a str, usize>,
    new_ids: HashMap<&'a str, usize>,
}

fn ids(procedure: &Procedure) -> HashMap<&str, usize> {
    procedure.steps.iter().enumerate().map(|(i, s)| (s.id.get_ref().as_str(), i)).collect()
}

fn text(value: &Option<Spanned<String>>) -> Option<String> {
    value.as_ref().map(|v| v.get_ref().clone())
}

fn texts(values: &[Spanned<String>]) -> Vec<String> {
    values.iter().map(|v| v.get_ref().clone()).collect()
}

impl<'a> Pair<'a> {
    fn new(old: &'a Procedure, new: &'a Procedure) -> Self {
        Pair { old, new, old_ids: ids(old), new_ids: ids(new) }
    }

    /// The step with this ID: as it is in the new version, else as it was in the old one.
    fn step_ref(&self, id: &str) -> StepRef {
        let found = match (self.new_ids.get(id), self.old_ids.get(id)) {
            (Some(&i), _) => Some((i, &self.new.steps[i])),
            (None, Some(&i)) => Some((i, &self.old.steps[i])),
            (None, None) => None,
        };
        StepRef {
            id: id.to_string(),
            number: found.map(|(i, _)| i + 1),
            title: found.and_then(|(_, step)| text(&step.title)),
        }
    }

    fn target(&self, id: &Option<Spanned<String>>) -> Option<StepRef> {
        id.as_ref().map(|id| self.step_ref(id.get_ref()))
    }

    fn metadata(&self, changes: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        for (field, a, b) in [
            (ProcedureField::Title, &old.title, &new.title),
            (ProcedureField::Section, &old.section, &new.section),
            (ProcedureField::Summary, &old.summary, &new.summary),
            (ProcedureField::Owner, &old.owner, &new.owner),
        ] {
            let (a, b) = (text(a), text(b));
            if a != b {
                let words = both(&a, &b).map_or_else(Vec::new, |(a, b)| words(a, b));
                changes.push(Change::MetadataChanged { field, old: a, new: b, words });
            }
        }
        let date = |d: &Option<Spanned<crate::model::Date>>| d.as_ref().map(|d| d.get_ref().to_string());
        if date(&old.updated) != date(&new.updated) {
            changes.push(Change::UpdatedChanged { old: date(&old.updated), new: date(&new.updated) });
        }
        let months = |m: &Option<Spanned<u32>>| m.as_ref().map(|m| *m.get_ref());
        if months(&old.review_months) != months(&new.review_months) {
            changes.push(Change::ReviewChanged { old: months(&old.review_months), new: months(&new.review_months) });
        }
        let (added, removed) = multiset_diff(&texts(&old.tags), &texts(&new.tags));
        if !added.is_empty() || !removed.is_empty() {
            changes.push(Change::TagsChanged { added, removed });
        }
        let (added, removed) = multiset_diff(&texts(&old.aliases), &texts(&new.aliases));
        if !added.is_empty() || !removed.is_empty() {
            changes.push(Change::AliasesChanged { added, removed });
        }
        self.start(changes);
        let refs = |p: &Procedure| p.summary.as_ref().map_or_else(Vec::new, |s| reference_targets(s.get_ref()));
        let (added, removed) = multiset_diff(&refs(old), &refs(new));
        changes.extend(added.into_iter().map(|target| Change::ReferenceAdded { step: None, target }));
        changes.extend(removed.into_iter().map(|target| Change::ReferenceRemoved { step: None, target }));
    }

    /// The step reading starts at: `start` as written (even a missing step), else the first.
    fn start(&self, changes: &mut Vec<Change>) {
        let (a, b) = (start_id(self.old), start_id(self.new));
        if a != b {
            let (old, new) = (a.map(|id| self.step_ref(id)), b.map(|id| self.step_ref(id)));
            changes.push(Change::StartChanged { old, new });
        }
    }

    fn steps(&self, changes: &mut Vec<Change>) {
        let moved = self.moved();
        // Sort keys: new step j at 2j + 2; a removed step after the new place of the last old
        // step before it that is still there (2j + 3), or before every step (1).
        let mut blocks: Vec<((usize, usize), Vec<Change>)> = Vec::new();
        for (j, step) in self.new.steps.iter().enumerate() {
            let mut block = Vec::new();
            match self.old_ids.get(step.id.get_ref().as_str()) {
                None => {
                    block.push(Change::StepAdded { step: self.step_ref(step.id.get_ref()), step_kind: step.kind() })
                }
                Some(&i) => self.step(&self.old.steps[i], step, moved.contains(&i).then_some(i + 1), &mut block),
            }
            blocks.push(((2 * j + 2, 0), block));
        }
        let mut anchor = 1;
        for (i, step) in self.old.steps.iter().enumerate() {
            match self.new_ids.get(step.id.get_ref().as_str()) {
                Some(&j) => anchor = 2 * j + 3,
                None => {
                    let change = Change::StepRemoved { step: self.step_ref(step.id.get_ref()), step_kind: step.kind() };
                    blocks.push(((anchor, i), vec![change]));
                }
            }
        }
        blocks.sort_by_key(|(key, _)| *key);
        changes.extend(blocks.into_iter().flat_map(|(_, block)| block));
    }

    /// Old indices of the steps, kept in both versions, that changed place relative to the
    /// others: those outside the longest run in the same order (patience diff of unique IDs).
    fn moved(&self) -> HashSet<usize> {
        let kept_old: Vec<&str> =
            self.old.steps.iter().map(|s| s.id.get_ref().as_str()).filter(|id| self.new_ids.contains_key(id)).collect();
        let kept_new: Vec<&str> =
            self.new.steps.iter().map(|s| s.id.get_ref().as_str()).filter(|id| self.old_ids.contains_key(id)).collect();
        let mut moved = HashSet::new();
        for op in capture_diff_slices(Algorithm::Patience, &kept_old, &kept_new) {
            if let DiffOp::Delete { old_index, old_len, .. } | DiffOp::Replace { old_index, old_len, .. } = op {
                moved.extend(kept_old[old_index..old_index + old_len].iter().map(|id| self.old_ids[id]));
            }
        }
        moved
    }

    /// A step both versions have. `moved`: its old number, when it changed place.
    fn step(&self, old: &Step, new: &Step, moved: Option<usize>, changes: &mut Vec<Change>) {
        let step = self.step_ref(new.id.get_ref());
        if let Some(old_number) = moved {
            changes.push(Change::StepMoved { step: step.clone(), old_number });
        }
        let (old_kind, new_kind) = (old.kind(), new.kind());
        if old_kind != new_kind {
            changes.push(Change::KindChanged { step: step.clone(), old: old_kind, new: new_kind });
        }
        step_texts(&step, old, new, changes);
        self.graph(&step, old, new, old_kind != new_kind, changes);
        if matches!(new.end.as_ref().map(|e| *e.get_ref()), Some(EndKind::Escalation)) {
            escalation(&step, old, new, changes);
        }
        let refs = |s: &Step| s.markdown_fields().flat_map(|t| reference_targets(t.get_ref())).collect::<Vec<_>>();
        let (added, removed) = multiset_diff(&refs(old), &refs(new));
        let on = || Some(step.clone());
        changes.extend(added.into_iter().map(|target| Change::ReferenceAdded { step: on(), target }));
        changes.extend(removed.into_iter().map(|target| Change::ReferenceRemoved { step: on(), target }));
        let (added, removed) = multiset_diff(&texts(&old.see), &texts(&new.see));
        changes.extend(added.into_iter().map(|target| Change::SeeAdded { step: step.clone(), target }));
        changes.extend(removed.into_iter().map(|target| Change::SeeRemoved { step: step.clone(), target }));
        images(&step, &old.images, &new.images, changes);
    }

    /// `next` and `branches`. When the kind changed, what the new kind lacks is not listed as
    /// removed: the kind change says it.
    fn graph(&self, step: &StepRef, old: &Step, new: &Step, kind_changed: bool, changes: &mut Vec<Change>) {
        let same_next = old.next.as_ref().map(Spanned::get_ref) == new.next.as_ref().map(Spanned::get_ref);
        let dropped_with_kind = kind_changed && new.next.is_none();
        if !same_next && !dropped_with_kind {
            let (old, new) = (self.target(&old.next), self.target(&new.next));
            changes.push(Change::NextChanged { step: step.clone(), old, new });
        }
        if kind_changed && new.branches.is_none() {
            return;
        }
        self.branches(step, branches(old), branches(new), changes);
    }

    fn branches(&self, step: &StepRef, old: &[Branch], new: &[Branch], out: &mut Vec<Change>) {
        let when = |b: &Branch| text(&b.when).unwrap_or_default();
        let next = |b: &Branch| text(&b.next);
        let old_when: Vec<String> = old.iter().map(when).collect();
        let new_when: Vec<String> = new.iter().map(when).collect();
        let pairs = pair_branches(
            &old_when,
            &new_when,
            &old.iter().map(next).collect::<Vec<_>>(),
            &new.iter().map(next).collect::<Vec<_>>(),
        );
        for (j, branch) in new.iter().enumerate() {
            let answer = new_when[j].clone();
            let Some(i) = pairs[j] else {
                out.push(Change::AnswerAdded { step: step.clone(), answer, to: self.target(&branch.next) });
                continue;
            };
            if old_when[i] != answer {
                let to = self.target(&branch.next);
                out.push(Change::AnswerRenamed {
                    step: step.clone(),
                    old: old_when[i].clone(),
                    new: answer.clone(),
                    to,
                });
            }
            if next(&old[i]) != next(branch) {
                let (from, to) = (self.target(&old[i].next), self.target(&branch.next));
                out.push(Change::Rerouted { step: step.clone(), answer, old: from, new: to });
            }
        }
        let mut paired = vec![false; old.len()];
        pairs.iter().flatten().for_each(|&i| paired[i] = true);
        for (i, branch) in old.iter().enumerate().filter(|(i, _)| !paired[*i]) {
            out.push(Change::AnswerRemoved {
                step: step.clone(),
                answer: old_when[i].clone(),
                to: self.target(&branch.next),
            });
        }
        let order: Vec<usize> = pairs.iter().flatten().copied().collect();
        if order.windows(2).any(|w| w[0] > w[1]) {
            out.push(Change::AnswersReordered { step: step.clone(), old: old_when, new: new_when });
        }
    }

    fn scenarios(&self, changes: &mut Vec<Change>) {
        let named = |p: &'a Procedure| -> Vec<(String, &'a Scenario)> {
            p.scenarios.iter().enumerate().map(|(i, s)| (s.display_name(i), s)).collect()
        };
        let (old, new) = (named(self.old), named(self.new));
        let mut old_by_name = queues(old.iter().map(|(name, _)| name.as_str()));
        let mut kept = vec![false; old.len()];
        for (name, scenario) in &new {
            let Some(i) = old_by_name.get_mut(name.as_str()).and_then(VecDeque::pop_front) else {
                changes.push(Change::ScenarioAdded { name: name.clone() });
                continue;
            };
            kept[i] = true;
            let (a, b) = (scenario_info(old[i].1), scenario_info(scenario));
            if a != b {
                changes.push(Change::ScenarioChanged { name: name.clone(), old: a, new: b });
            }
        }
        for ((name, _), _) in old.iter().zip(&kept).filter(|(_, kept)| !**kept) {
            changes.push(Change::ScenarioRemoved { name: name.clone() });
        }
    }
}

fn start_id(procedure: &Procedure) -> Option<&str> {
    match &procedure.start {
        Some(id) => Some(id.get_ref().as_str()),
        None => procedure.steps.first().map(|s| s.id.get_ref().as_str()),
    }
}

fn branches(step: &Step) -> &[Branch] {
    step.branches.as_ref().map_or(&[], |b| b.get_ref().as_slice())
}

/// Both values, when both are present.
fn both<'v>(a: &'v Option<String>, b: &'v Option<String>) -> Option<(&'v str, &'v str)> {
    Some((a.as_deref()?, b.as_deref()?))
}

fn step_texts(step: &StepRef, old: &Step, new: &Step, changes: &mut Vec<Change>) {
    for (field, a, b) in [
        (StepField::Title, &old.title, &new.title),
        (StepField::Text, &old.text, &new.text),
        (StepField::Note, &old.note, &new.note),
        (StepField::Warning, &old.warning, &new.warning),
    ] {
        let (a, b) = (text(a), text(b));
        if a != b {
            let words = both(&a, &b).map_or_else(Vec::new, |(a, b)| words(a, b));
            changes.push(Change::StepText { step: step.clone(), field, old: a, new: b, words });
        }
    }
}

fn escalation(step: &StepRef, old: &Step, new: &Step, changes: &mut Vec<Change>) {
    let s = || step.clone();
    if text(&old.to) != text(&new.to) {
        changes.push(Change::SectorChanged { step: s(), old: text(&old.to), new: text(&new.to) });
    }
    if text(&old.sla) != text(&new.sla) {
        changes.push(Change::SlaChanged { step: s(), old: text(&old.sla), new: text(&new.sla) });
    }
    if text(&old.via) != text(&new.via) {
        changes.push(Change::ViaChanged { step: s(), old: text(&old.via), new: text(&new.via) });
    }
    let info = |f: &Field| TicketField { name: f.name.get_ref().clone(), field_kind: f.kind(), required: f.required };
    let mut by_name = queues(old.fields.iter().map(|f| f.name.get_ref().as_str()));
    let mut kept = vec![false; old.fields.len()];
    for field in &new.fields {
        let new_info = info(field);
        match by_name.get_mut(field.name.get_ref().as_str()).and_then(VecDeque::pop_front) {
            None => changes.push(Change::FieldAdded { step: s(), field: new_info }),
            Some(i) => {
                kept[i] = true;
                let old_info = info(&old.fields[i]);
                if old_info != new_info {
                    changes.push(Change::FieldChanged { step: s(), old: old_info, new: new_info });
                }
            }
        }
    }
    for (field, _) in old.fields.iter().zip(&kept).filter(|(_, kept)| !**kept) {
        changes.push(Change::FieldRemoved { step: s(), field: info(field) });
    }
}

fn images(step: &StepRef, old: &[Image], new: &[Image], changes: &mut Vec<Change>) {
    let info =
        |i: &Image| ImageInfo { src: text(&i.src).unwrap_or_default(), alt: text(&i.alt), caption: text(&i.caption) };
    let old: Vec<ImageInfo> = old.iter().map(info).collect();
    let mut by_src = queues(old.iter().map(|i| i.src.as_str()));
    let mut kept = vec![false; old.len()];
    for image in new.iter().map(info) {
        match by_src.get_mut(image.src.as_str()).and_then(VecDeque::pop_front) {
            None => changes.push(Change::ImageAdded { step: step.clone(), image }),
            Some(i) => {
                kept[i] = true;
                if old[i] != image {
                    changes.push(Change::ImageChanged { step: step.clone(), old: old[i].clone(), new: image });
                }
            }
        }
    }
    for (image, _) in old.iter().zip(&kept).filter(|(_, kept)| !**kept) {
        changes.push(Change::ImageRemoved { step: step.clone(), image: image.clone() });
    }
}

/// For each new branch, the old branch it is: the same answer; else the same target; else the
/// same place. Each old branch is used once; lookups are hashed, so a hostile decision with
/// thousands of answers stays linear.
fn pair_branches(
    old_when: &[String],
    new_when: &[String],
    old_next: &[Option<String>],
    new_next: &[Option<String>],
) -> Vec<Option<usize>> {
    let mut used = vec![false; old_when.len()];
    let mut pairs = vec![None; new_when.len()];
    let mut by_when = queues(old_when.iter().map(String::as_str));
    for (j, when) in new_when.iter().enumerate() {
        if let Some(i) = by_when.get_mut(when.as_str()).and_then(VecDeque::pop_front) {
            pairs[j] = Some(i);
            used[i] = true;
        }
    }
    let mut by_next = queues(old_next.iter().enumerate().filter(|(i, _)| !used[*i]).map(|(_, n)| n.as_deref()));
    // `queues` numbered only the unused ones: map back to old indices.
    let unused: Vec<usize> = (0..old_when.len()).filter(|&i| !used[i]).collect();
    for (j, next) in new_next.iter().enumerate() {
        if pairs[j].is_some() || next.is_none() {
            continue;
        }
        if let Some(k) = by_next.get_mut(&next.as_deref()).and_then(VecDeque::pop_front) {
            pairs[j] = Some(unused[k]);
            used[unused[k]] = true;
        }
    }
    for j in 0..new_when.len() {
        if pairs[j].is_none() && j < used.len() && !used[j] {
            pairs[j] = Some(j);
            used[j] = true;
        }
    }
    pairs
}

/// Positions of each value, in order: the first unused one is popped.
fn queues<K: Hash + Eq>(items: impl Iterator<Item = K>) -> HashMap<K, VecDeque<usize>> {
    let mut map: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (i, item) in items.enumerate() {
        map.entry(item).or_default().push_back(i);
    }
    map
}

/// What `new` has more of than `old` (in new order), and what it has less of (in old order).
fn multiset_diff(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let extra = |from: &[String], against: &[String]| {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for item in against {
            *left.entry(item.as_str()).or_default() += 1;
        }
        let mut extra = Vec::new();
        for item in from {
            match left.get_mut(item.as_str()) {
                Some(n) if *n > 0 => *n -= 1,
                _ => extra.push(item.clone()),
            }
        }
        extra
    };
    (extra(new, old), extra(old, new))
}

/// The `[[…]]` of a text as `Breadcrumb#step-id`, without their shown text.
fn reference_targets(text: &str) -> Vec<String> {
    references(text)
        .into_iter()
        .map(|r| {
            let target = r.target.map(|t| t.as_str().to_string()).unwrap_or_default();
            match r.step {
                Some(step) => format!("{target}#{step}"),
                None => target,
            }
        })
        .collect()
}

fn scenario_info(scenario: &Scenario) -> ScenarioInfo {
    let quoted = |answers: &[Spanned<String>]| {
        let items: Vec<String> = answers.iter().map(|a| toml_line(a.get_ref())).collect();
        format!("[{}]", items.join(", "))
    };
    let answers = match &scenario.answers {
        Answers::InOrder(answers) => quoted(answers),
        Answers::ByStep(steps) => {
            let items: Vec<String> = steps
                .iter()
                .map(|s| {
                    let value = match (s.every_time, s.answers.first()) {
                        (true, Some(one)) => toml_line(one.get_ref()),
                        _ => quoted(&s.answers),
                    };
                    format!("{} = {value}", s.step.get_ref())
                })
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    };
    let expect = match scenario.expect.as_ref().map(Spanned::get_ref) {
        None => String::new(),
        Some(Expect::Step(id)) => toml_string(id),
        Some(Expect::End { kind, to }) => {
            let kind = if *kind == EndKind::Resolution { "resolution" } else { "escalation" };
            match to {
                Some(to) => format!("{{ end = \"{kind}\", to = {} }}", toml_line(to)),
                None => format!("{{ end = \"{kind}\" }}"),
            }
        }
    };
    ScenarioInfo { answers, expect }
}
