//! Two knowledge bases' procedure files, paired: the same path, else the same breadcrumb (a
//! moved file), else the same step graph (moved and renamed at once).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use rayon::prelude::*;

use super::compare::{Read, compare_read, read};
use super::{BaseDiff, Change, Changed, Entry, ProcedureField, Renamed};
use crate::load::PROCEDURES_DIR;
use crate::model::Procedure;

/// The share of step IDs and titles two procedures must have in common (of the larger one's)
/// to be taken for one procedure that changed both file and breadcrumb.
pub const SAME_GRAPH: f64 = 0.6;

/// Compares the procedure files of two knowledge bases, each given as `(path, text)` with the
/// path relative to the root (`procedures/a/b.toml`). Other paths are ignored, as the loader
/// ignores them: outside `procedures/`, not `.toml`, or under a name starting with `_` or `.`.
/// A path given twice counts once (the first). Every list of the result is sorted by path.
pub fn bases(old: &[(String, String)], new: &[(String, String)]) -> BaseDiff {
    let (old, new) = (procedure_files(old), procedure_files(new));
    let mut diff = BaseDiff::default();
    let mut only_old = Vec::new();
    let mut same = Vec::new();
    for (&path, &text) in &old {
        match new.get(path) {
            Some(&other) if other == text => {}
            Some(&other) => same.push((path, text, other)),
            None => only_old.push((path, text)),
        }
    }
    let only_new: Vec<(&str, &str)> =
        new.iter().filter(|(p, _)| !old.contains_key(*p)).map(|(p, t)| (*p, *t)).collect();
    let changed: Vec<(&str, Read, Read)> = same.into_par_iter().map(|(p, a, b)| (p, read(a), read(b))).collect();
    for (path, a, b) in &changed {
        match (breadcrumb(a), breadcrumb(b)) {
            (Some(x), Some(y)) if x != y => diff.renamed.push(renamed(path, a, path, b, false, true)),
            (_, crumb) => {
                let changes = compare_read(a, b);
                if !changes.is_empty() {
                    diff.changed.push(Changed { path: path.to_string(), breadcrumb: crumb, changes });
                }
            }
        }
    }
    let only_old = read_all(only_old);
    let only_new = read_all(only_new);
    let Pairing { pairs, removed, added } = pair(&only_old, &only_new);
    for (i, j, by_breadcrumb) in pairs {
        let ((from, a), (to, b)) = (&only_old[i], &only_new[j]);
        diff.renamed.push(renamed(from, a, to, b, true, by_breadcrumb));
    }
    diff.removed = removed.into_iter().map(|i| entry(only_old[i].0, &only_old[i].1)).collect();
    diff.added = added.into_iter().map(|j| entry(only_new[j].0, &only_new[j].1)).collect();
    diff.renamed.sort_by(|a, b| (&a.to.path, &a.from.path).cmp(&(&b.to.path, &b.from.path)));
    diff.changed.sort_by(|a, b| a.path.cmp(&b.path));
    diff
}

/// The procedure files among `files`, by path.
fn procedure_files(files: &[(String, String)]) -> BTreeMap<&str, &str> {
    let mut map = BTreeMap::new();
    for (path, text) in files {
        if is_procedure_path(path) {
            map.entry(path.as_str()).or_insert(text.as_str());
        }
    }
    map
}

fn is_procedure_path(path: &str) -> bool {
    let Some(inner) = path.strip_prefix(PROCEDURES_DIR).and_then(|p| p.strip_prefix('/')) else {
        return false;
    };
    inner.ends_with(".toml") && inner.split('/').all(|part| !part.is_empty() && !part.starts_with(['_', '.']))
}

fn read_all<'a>(files: Vec<(&'a str, &str)>) -> Vec<(&'a str, Read)> {
    files.into_par_iter().map(|(path, text)| (path, read(text))).collect()
}

fn breadcrumb(read: &Read) -> Option<String> {
    read.as_ref().ok().and_then(Procedure::breadcrumb).map(|b| b.to_string())
}

fn entry(path: &str, read: &Read) -> Entry {
    let title = read.as_ref().ok().and_then(|p| p.title.as_ref()).map(|t| t.get_ref().clone());
    Entry { path: path.to_string(), breadcrumb: breadcrumb(read), title }
}

/// A rename, with the changes inside. The title and section are left out of them: the two
/// breadcrumbs already show them.
fn renamed(from: &str, a: &Read, to: &str, b: &Read, by_file: bool, by_breadcrumb: bool) -> Renamed {
    let changes = compare_read(a, b)
        .into_iter()
        .filter(|c| {
            !matches!(c, Change::MetadataChanged { field: ProcedureField::Title | ProcedureField::Section, .. })
        })
        .collect();
    Renamed { from: entry(from, a), to: entry(to, b), by_file, by_breadcrumb, changes }
}

/// Files only in the old base paired with files only in the new one, by index.
struct Pairing {
    /// `(old, new, by_breadcrumb)`.
    pairs: Vec<(usize, usize, bool)>,
    /// Old files left over.
    removed: Vec<usize>,
    /// New files left over.
    added: Vec<usize>,
}

fn pair(old: &[(&str, Read)], new: &[(&str, Read)]) -> Pairing {
    let mut pairs = Vec::new();
    let (mut old_used, mut new_used) = (vec![false; old.len()], vec![false; new.len()]);
    let mut by_crumb: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, (_, read)) in new.iter().enumerate() {
        if let Some(crumb) = breadcrumb(read) {
            by_crumb.entry(crumb).or_default().push_back(j);
        }
    }
    for (i, (_, read)) in old.iter().enumerate() {
        let found = breadcrumb(read).and_then(|c| by_crumb.get_mut(&c)?.pop_front());
        if let Some(j) = found {
            pairs.push((i, j, false));
            (old_used[i], new_used[j]) = (true, true);
        }
    }
    for (i, j) in same_graphs(old, new, &old_used, &new_used) {
        pairs.push((i, j, true));
        (old_used[i], new_used[j]) = (true, true);
    }
    let left = |used: &[bool]| (0..used.len()).filter(|&k| !used[k]).collect::<Vec<_>>();
    Pairing { pairs, removed: left(&old_used), added: left(&new_used) }
}

/// `#id` for each step ID and `=title` for each step title.
fn graph_keys(read: &Read) -> HashSet<String> {
    let Ok(procedure) = read else { return HashSet::new() };
    let ids = procedure.steps.iter().map(|s| format!("#{}", s.id.get_ref()));
    let titles = procedure.steps.iter().filter_map(|s| s.title.as_ref()).map(|t| format!("={}", t.get_ref()));
    ids.chain(titles).collect()
}

/// Unused old and new files whose steps are mostly the same, best matches first. Shared keys
/// are counted through an index of the new files' keys, so only files that share something are
/// ever compared.
fn same_graphs(
    old: &[(&str, Read)],
    new: &[(&str, Read)],
    old_used: &[bool],
    new_used: &[bool],
) -> Vec<(usize, usize)> {
    let new_keys: Vec<HashSet<String>> =
        new.iter().enumerate().map(|(j, (_, r))| if new_used[j] { HashSet::new() } else { graph_keys(r) }).collect();
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, keys) in new_keys.iter().enumerate() {
        for key in keys {
            holders.entry(key.as_str()).or_default().push(j);
        }
    }
    let mut candidates = Vec::new();
    for (i, (_, read)) in old.iter().enumerate().filter(|(i, _)| !old_used[*i]) {
        let keys = graph_keys(read);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for j in keys.iter().filter_map(|k| holders.get(k.as_str())).flatten() {
            *shared.entry(*j).or_default() += 1;
        }
        for (j, n) in shared {
            let score = n as f64 / keys.len().max(new_keys[j].len()) as f64;
            if score >= SAME_GRAPH {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((old[a.1].0, new[a.2].0).cmp(&(old[b.1].0, new[b.2].0))));
    let (mut old_taken, mut new_taken) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !old_taken.contains(&i) && !new_taken.contains(&j) {
            old_taken.insert(i);
            new_taken.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn procedure(section: &str, title: &str, ids: &[&str]) -> String {
        let mut text = format!("title = \"{title}\"\nsection = \"{section}\"\n");
        for (k, id) in ids.iter().enumerate() {
            let next = ids.get(k + 1).map_or("end = \"resolution\"".to_string(), |n| format!("next = \"{n}\""));
            text.push_str(&format!("\n[steps.{id}]\ntitle = \"Passo {id}\"\n{next}\n"));
        }
        text
    }

    fn file(path: &str, text: String) -> (String, String) {
        (path.to_string(), text)
    }

    #[test]
    fn breadcrumbs_pair_before_graphs_and_each_file_pairs_once() {
        let graph = ["a", "b", "c", "d", "e"];
        let old = vec![
            file("procedures/x.toml", procedure("S", "Um", &graph)),
            file("procedures/y.toml", procedure("S", "Dois", &graph)),
        ];
        let new = vec![
            // Same breadcrumb as x, another graph: still x, moved.
            file("procedures/m/x.toml", procedure("S", "Um", &["p", "q"])),
            // y's graph under a new name and path; a second copy finds nothing left to pair with.
            file("procedures/m/y.toml", procedure("S", "Dois (novo)", &graph)),
            file("procedures/m/z.toml", procedure("S", "Três", &graph)),
        ];
        let diff = bases(&old, &new);
        let pairs: Vec<(&str, &str, bool, bool)> = diff
            .renamed
            .iter()
            .map(|r| (r.from.path.as_str(), r.to.path.as_str(), r.by_file, r.by_breadcrumb))
            .collect();
        assert_eq!(
            pairs,
            [
                ("procedures/x.toml", "procedures/m/x.toml", true, false),
                ("procedures/y.toml", "procedures/m/y.toml", true, true),
            ]
        );
        assert_eq!(diff.added.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["procedures/m/z.toml"]);
        assert!(diff.removed.is_empty());
    }

    #[test]
    fn less_than_sixty_percent_in_common_is_another_procedure() {
        let old = vec![file("procedures/a.toml", procedure("S", "A", &["a", "b", "c", "d", "e"]))];
        // 2 of 5 IDs and 2 of 5 titles: 40 %.
        let new = vec![file("procedures/b.toml", procedure("T", "B", &["a", "b", "x", "y", "z"]))];
        let diff = bases(&old, &new);
        assert!(diff.renamed.is_empty());
        assert_eq!((diff.added.len(), diff.removed.len()), (1, 1));
        // 3 of 5: 60 %, the same procedure.
        let new = vec![file("procedures/b.toml", procedure("T", "B", &["a", "b", "c", "y", "z"]))];
        assert_eq!(bases(&old, &new).renamed.len(), 1);
    }

    #[test]
    fn only_procedure_files_count() {
        assert!(is_procedure_path("procedures/a/b.toml"));
        for path in
            ["procedures/_x.toml", "procedures/.a/b.toml", "procedures/a.md", "sopbook.toml", "proceduresx/a.toml"]
        {
            assert!(!is_procedure_path(path), "{path}");
        }
    }

    #[test]
    fn many_moved_and_renamed_files_pair_quickly() {
        let n = 400;
        let ids = |i: usize| [format!("p{i}-a"), format!("p{i}-b"), "fim".to_string()];
        let make = |dir: &str, title: &str, i: usize| {
            let ids = ids(i);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            file(&format!("procedures/{dir}/p{i:03}.toml"), procedure(dir, &format!("{title} {i}"), &ids))
        };
        let old: Vec<_> = (0..n).map(|i| make("velho", "Antigo", i)).collect();
        let new: Vec<_> = (0..n).map(|i| make("novo", "Novo", i)).collect();
        let started = std::time::Instant::now();
        let diff = bases(&old, &new);
        assert_eq!(diff.renamed.len(), n);
        assert!(diff.renamed.iter().all(|r| r.from.path.replace("velho", "novo") == r.to.path));
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
