//! Appends up to N passing scenarios to every procedure of a knowledge base, each along a
//! different path chosen at random (seeded, so runs repeat), to measure `sopbook test` on a base
//! written by others: `cargo run --release --example add_scenarios -- 5 /dev/shm/real10k`.
//! It rewrites the files in place: run it on a copy.

use sopbook::load::KnowledgeBase;
use sopbook::model::{Procedure, StepKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse::<usize>().ok()), args.next()) else {
        eprintln!("usage: add_scenarios N FOLDER");
        std::process::exit(2);
    };
    let root = std::path::Path::new(&dir);
    let kb = match KnowledgeBase::load(root) {
        Ok(kb) => kb,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    };
    let mut added = 0;
    for (i, procedure) in kb.procedures.iter().enumerate() {
        let scenarios = scenarios(procedure, n, i as u64);
        if scenarios.is_empty() {
            continue;
        }
        added += scenarios.len();
        let path = root.join(&kb.files[procedure.file].path);
        let mut text = kb.files[procedure.file].text.clone();
        text.push_str(&scenarios.concat());
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    println!("{added} scenarios in {} procedures", kb.procedures.len());
}

/// `s` as a TOML string, quoted by the toml crate.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Up to `n` scenarios along distinct paths from the start to a terminal.
fn scenarios(procedure: &Procedure, n: usize, seed: u64) -> Vec<String> {
    let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut seen = Vec::new();
    let mut out = Vec::new();
    // Distinct paths first; a procedure with fewer paths than `n` repeats some under a new name.
    for attempt in 0..n * 8 {
        let Some((answers, end)) = random_walk(procedure, &mut rng) else { continue };
        if seen.contains(&answers) && attempt < n * 4 {
            continue;
        }
        let list: Vec<String> = answers.iter().map(|a| toml_string(a)).collect();
        out.push(format!(
            "\n[[scenarios]]\nname    = {}\nanswers = [{}]\nexpect  = {}\n",
            toml_string(&format!("Caminho {} ({} respostas)", attempt + 1, answers.len())),
            list.join(", "),
            toml_string(end),
        ));
        seen.push(answers);
        if out.len() == n {
            break;
        }
    }
    out
}

/// The answers of one random walk and the terminal it reaches; `None` past 500 moves.
fn random_walk<'p>(procedure: &'p Procedure, rng: &mut u64) -> Option<(Vec<&'p str>, &'p str)> {
    let mut at = procedure.start_index()?;
    let mut answers = Vec::new();
    for _ in 0..500 {
        let step = &procedure.steps[at];
        let next = match step.kind() {
            StepKind::Resolution | StepKind::Escalation => return Some((answers, step.id.get_ref())),
            StepKind::Action => step.next.as_ref()?.get_ref(),
            StepKind::Decision => {
                let branches = step.branches.as_ref()?.get_ref();
                *rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let branch = &branches[(*rng >> 33) as usize % branches.len()];
                answers.push(branch.when.as_ref()?.get_ref().as_str());
                branch.next.as_ref()?.get_ref()
            }
            _ => return None,
        };
        at = procedure.step_index(next)?;
    }
    None
}
