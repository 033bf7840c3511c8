//! Random step graphs: `unreachable` and `no-exit` agree with a plain fixed-point computation.

use proptest::prelude::*;
use sopbook::lint::{RuleId, StepGraph, lint_files};
use sopbook::load::KnowledgeBase;

#[derive(Clone, Debug)]
enum Kind {
    Action(usize),
    Decision(Vec<usize>),
    Resolution,
    Escalation,
    DeadEnd,
}

fn kind(n: usize) -> impl Strategy<Value = Kind> {
    prop_oneof![
        4 => (0..n).prop_map(Kind::Action),
        3 => proptest::collection::vec(0..n, 2..4).prop_map(Kind::Decision),
        1 => Just(Kind::Resolution),
        1 => Just(Kind::Escalation),
        1 => Just(Kind::DeadEnd),
    ]
}

fn graph() -> impl Strategy<Value = Vec<Kind>> {
    (1usize..14).prop_flat_map(|n| proptest::collection::vec(kind(n), n))
}

fn toml(kinds: &[Kind]) -> String {
    let mut text = String::from("title = \"P\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n");
    for (i, kind) in kinds.iter().enumerate() {
        text.push_str(&format!("\n[steps.s{i}]\n"));
        match kind {
            Kind::Action(t) => text.push_str(&format!("next = \"s{t}\"\n")),
            Kind::Decision(ts) => {
                let branches: Vec<String> =
                    ts.iter().enumerate().map(|(j, t)| format!("{{ when = \"R{j}\", next = \"s{t}\" }}")).collect();
                text.push_str(&format!("branches = [{}]\n", branches.join(", ")));
            }
            Kind::Resolution => text.push_str("end = \"resolution\"\n"),
            Kind::Escalation => text.push_str("end = \"escalation\"\nto = \"X\"\nsla = \"1d\"\n"),
            Kind::DeadEnd => text.push_str("text = \"fim?\"\n"),
        }
    }
    text
}

fn successors(kind: &Kind) -> Vec<usize> {
    match kind {
        Kind::Action(t) => vec![*t],
        Kind::Decision(ts) => ts.clone(),
        _ => vec![],
    }
}

/// Reachable from step 0: repeat until nothing changes.
fn reference_reachable(kinds: &[Kind]) -> Vec<bool> {
    let mut seen = vec![false; kinds.len()];
    seen[0] = true;
    loop {
        let mut changed = false;
        for i in 0..kinds.len() {
            if seen[i] {
                for j in successors(&kinds[i]) {
                    changed |= !seen[j];
                    seen[j] = true;
                }
            }
        }
        if !changed {
            return seen;
        }
    }
}

/// Can reach an end (or a dead end, which is reported on its own): repeat until stable.
fn reference_can_exit(kinds: &[Kind]) -> Vec<bool> {
    let mut exit: Vec<bool> =
        kinds.iter().map(|k| matches!(k, Kind::Resolution | Kind::Escalation | Kind::DeadEnd)).collect();
    loop {
        let mut changed = false;
        for i in 0..kinds.len() {
            if !exit[i] && successors(&kinds[i]).iter().any(|&j| exit[j]) {
                exit[i] = true;
                changed = true;
            }
        }
        if !changed {
            return exit;
        }
    }
}

/// Connected groups of trapped steps, ignoring edge direction.
fn reference_region_count(kinds: &[Kind], trapped: &[bool]) -> usize {
    let n = kinds.len();
    let mut neighbours = vec![Vec::new(); n];
    for i in 0..n {
        for j in successors(&kinds[i]) {
            if trapped[i] && trapped[j] {
                neighbours[i].push(j);
                neighbours[j].push(i);
            }
        }
    }
    let mut seen = vec![false; n];
    let mut count = 0;
    for i in (0..n).filter(|&i| trapped[i]) {
        if seen[i] {
            continue;
        }
        count += 1;
        let mut stack = vec![i];
        seen[i] = true;
        while let Some(k) = stack.pop() {
            for &m in &neighbours[k] {
                if !seen[m] {
                    seen[m] = true;
                    stack.push(m);
                }
            }
        }
    }
    count
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn unreachable_and_no_exit_match_the_reference(kinds in graph()) {
        let text = toml(&kinds);
        let findings = lint_files(&[("procedures/p.toml", &text)]);
        let step_of = |rule: RuleId| -> Vec<String> {
            let mut steps: Vec<String> = findings.iter().filter(|f| f.rule == rule).filter_map(|f| f.step.clone()).collect();
            steps.sort();
            steps
        };

        let reachable = reference_reachable(&kinds);
        let mut expected: Vec<String> = (0..kinds.len()).filter(|&i| !reachable[i]).map(|i| format!("s{i}")).collect();
        expected.sort();
        prop_assert_eq!(step_of(RuleId::Unreachable), expected);

        let can_exit = reference_can_exit(&kinds);
        let trapped: Vec<bool> = can_exit.iter().map(|e| !e).collect();
        let kb = KnowledgeBase::from_memory(vec![("procedures/p.toml".into(), text.clone())]);
        let regions = StepGraph::build(&kb.procedures[0]).trapped_regions();
        let mut flat: Vec<usize> = regions.iter().flatten().copied().collect();
        flat.sort();
        let expected: Vec<usize> = (0..kinds.len()).filter(|&i| trapped[i]).collect();
        prop_assert_eq!(flat, expected);
        prop_assert_eq!(step_of(RuleId::NoExit).len(), reference_region_count(&kinds, &trapped));

        // Every step of a region is named in its one finding.
        for region in &regions {
            let first = format!("s{}", region[0]);
            let finding = findings.iter().find(|f| f.rule == RuleId::NoExit && f.step.as_deref() == Some(first.as_str()));
            let finding = finding.expect("one finding per region, at its first step");
            for i in region {
                let named = format!("`s{i}`");
                prop_assert!(finding.message.contains(&named));
            }
        }
    }
}
