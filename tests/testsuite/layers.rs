//! The module graph of `src/` has no cycle. Every top-level module and every sub-module
//! (`text`, `load::config`, `render::site`) is a node; every `crate::`, `super::` or `self::`
//! path from one to another is an edge. A path through a re-export (`crate::render::Options`)
//! leads to the module that defines the item. Not counted: code under `#[cfg(test)]`, and a
//! folder's uses of its own sub-modules (its `mod.rs` declares, re-exports and drives them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

type Module = Vec<String>;

/// For each node, the nodes it uses, each with one place that shows it (`file: path`).
type Graph = BTreeMap<Module, BTreeMap<Module, String>>;

static USE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\buse\s+([^;]+);").unwrap());
static PUB_USE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);").unwrap());
static PATH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\w+)((?:::\w+)+)").unwrap());
static RENAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+as\s+\w+").unwrap());
static TEST_MOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;").unwrap());

fn name(module: &[String]) -> String {
    if module.is_empty() { "crate".to_string() } else { module.join("::") }
}

/// Every module file of the library but its root: its module path, file and code (comments,
/// strings and `#[cfg(test)]` items removed). Modules declared only for tests are left out.
fn module_files() -> Vec<(Module, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let mut module: Module = rel.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if module == ["lib"] || module == ["main"] {
            continue;
        }
        if module.last().is_some_and(|last| last == "mod") {
            module.pop();
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        files.push((module, format!("src/{}", rel.display()), text));
    }
    let mut test_only: BTreeSet<Module> = BTreeSet::new();
    let mut out = Vec::new();
    for (module, file, text) in files {
        let mut tests = Vec::new();
        let code = without_tests(&code_only(&text), &mut tests);
        test_only.extend(tests.into_iter().map(|t| [module.clone(), vec![t]].concat()));
        out.push((module, file, code));
    }
    out.retain(|(module, _, _)| !test_only.iter().any(|t| module.starts_with(t)));
    out
}

/// The code without comments, strings and character literals, which may hold paths as text.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && !after_word && (at(i + 1) == '"' || (at(i + 1) == '#' && raw_start(&chars, i + 1))) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            i += 2 + hashes;
            while i < chars.len() && !(chars[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#')) {
                i += 1;
            }
            i += 1 + hashes;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `#`s from `i` open a raw string (`r#"`).
fn raw_start(chars: &[char], i: usize) -> bool {
    chars[i..].iter().find(|&&c| c != '#') == Some(&'"')
}

/// The code without its `#[cfg(test)]` items; the names of modules declared for tests only
/// (`#[cfg(test)] mod tests;`) go to `tests`.
fn without_tests(code: &str, tests: &mut Vec<String>) -> String {
    const ATTRIBUTE: &str = "#[cfg(test)]";
    let mut code = code.to_string();
    while let Some(at) = code.find(ATTRIBUTE) {
        let from = at + ATTRIBUTE.len();
        if let Some(declared) = TEST_MOD.captures(&code[from..]) {
            tests.push(declared[1].to_string());
        }
        let open = from + code[from..].find(['{', ';']).expect("an item after #[cfg(test)]");
        let mut end = open + 1;
        if code[open..].starts_with('{') {
            let mut depth = 0;
            for (k, c) in code[open..].char_indices() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                if depth == 0 {
                    end = open + k + 1;
                    break;
                }
            }
        }
        code.replace_range(at..end, "");
    }
    code
}

/// Every path of a `use` tree: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = RENAME.replace_all(tree, "").chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let (prefix, inner) = (&tree[..open], &tree[open + 1..tree.len() - 1]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).flat_map(|p| expand(&format!("{prefix}{p}"))).collect()
}

/// Where modules and re-exports are.
struct Tree {
    modules: BTreeSet<Module>,
    /// (module, name it exports) → (the module whose `pub use` it is, the path written there).
    exports: BTreeMap<(Module, String), (Module, String)>,
}

impl Tree {
    /// The deepest module that `path`, written in `from`, leads to.
    fn resolve(&self, path: &str, from: &Module, depth: usize) -> Option<Module> {
        let mut segments = path.split("::").peekable();
        let mut base = match *segments.peek()? {
            "crate" => Vec::new(),
            "self" => from.clone(),
            "super" => from.clone(),
            child if self.modules.contains(&[from.clone(), vec![child.to_string()]].concat()) => from.clone(),
            _ => return None,
        };
        while let Some(&segment) = segments.peek() {
            match segment {
                "crate" | "self" => {}
                "super" => {
                    base.pop();
                }
                _ => break,
            }
            segments.next();
        }
        for segment in segments {
            let deeper = [base.clone(), vec![segment.to_string()]].concat();
            if self.modules.contains(&deeper) {
                base = deeper;
            } else if let Some((module, written)) = self.exports.get(&(base.clone(), segment.to_string()))
                && depth < 8
            {
                return self.resolve(written, module, depth + 1);
            } else {
                break;
            }
        }
        (!base.is_empty()).then_some(base)
    }
}

/// The graph of nodes (modules cut to two levels) and the places that make each edge.
fn graph() -> Graph {
    let files = module_files();
    let mut tree = Tree { modules: files.iter().map(|(m, _, _)| m.clone()).collect(), exports: BTreeMap::new() };
    for (module, _, code) in &files {
        for tree_text in PUB_USE.captures_iter(code) {
            for path in expand(&tree_text[1]) {
                let exported = path.rsplit("::").next().unwrap().to_string();
                tree.exports.insert((module.clone(), exported), (module.clone(), path));
            }
        }
    }
    let mut graph = Graph::new();
    for (module, file, code) in &files {
        let node: Module = module.iter().take(2).cloned().collect();
        let mut paths: Vec<String> = USE.captures_iter(code).flat_map(|c| expand(&c[1])).collect();
        // `use crate::render;` makes `render::build(…)` a path too.
        let aliases: BTreeMap<&str, &str> = paths
            .iter()
            .map(|p| p.strip_suffix("::self").unwrap_or(p))
            .filter_map(|p| Some((p.rsplit("::").next()?, p)))
            .collect();
        let mut more = Vec::new();
        for found in PATH.captures_iter(&USE.replace_all(code, "")) {
            match &found[1] {
                "crate" | "super" | "self" => more.push(found[0].to_string()),
                first => more.extend(aliases.get(first).map(|full| format!("{full}{}", &found[2]))),
            }
        }
        paths.extend(more);
        for path in paths {
            let Some(target) = tree.resolve(&path, module, 0) else { continue };
            let target: Module = target.into_iter().take(2).collect();
            if target.starts_with(&node) {
                continue;
            }
            let path = path.strip_suffix("::self").unwrap_or(&path);
            graph.entry(node.clone()).or_default().entry(target).or_insert_with(|| format!("{file}: {path}"));
        }
    }
    graph
}

/// A cycle of `graph`, as its nodes in order (the first again at the end), if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<Module>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Open,
        Done,
    }
    let mut seen: BTreeMap<&Module, Seen> = BTreeMap::new();
    for start in graph.keys() {
        if seen.contains_key(start) {
            continue;
        }
        // Depth first without recursion: the path so far, each with its edges still to follow.
        let mut path: Vec<(&Module, Vec<&Module>)> = vec![(start, graph[start].keys().collect())];
        seen.insert(start, Seen::Open);
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let Some(target) = next.pop() else {
                seen.insert(node, Seen::Done);
                path.pop();
                continue;
            };
            match seen.get(target) {
                Some(Seen::Open) => {
                    let from = path.iter().position(|(n, _)| *n == target).unwrap();
                    let mut cycle: Vec<Module> = path[from..].iter().map(|(n, _)| (*n).clone()).collect();
                    cycle.push(target.clone());
                    return Some(cycle);
                }
                Some(Seen::Done) => {}
                None => {
                    seen.insert(target, Seen::Open);
                    let edges = graph.get(target).map(|e| e.keys().collect()).unwrap_or_default();
                    path.push((target, edges));
                }
            }
        }
    }
    None
}

fn module(path: &str) -> Module {
    path.split("::").map(str::to_string).collect()
}

/// Fails with the cycle of `graph`, if any, and the place in the source behind each of its edges.
fn assert_acyclic(graph: &Graph, what: &str) {
    if let Some(cycle) = find_cycle(graph) {
        let names: Vec<String> = cycle.iter().map(|m| name(m)).collect();
        let places: Vec<String> = cycle.windows(2).map(|w| format!("  {}", graph[&w[0]][&w[1]])).collect();
        panic!("a cycle between {what}: {}\n{}", names.join(" → "), places.join("\n"));
    }
}

#[test]
fn the_module_graph_has_no_cycle() {
    assert_acyclic(&graph(), "modules");
}

#[test]
fn text_is_the_bottom_floor() {
    let text = module("text");
    let graph = graph();
    let outside: Vec<&String> = graph
        .iter()
        .filter(|(from, _)| from.starts_with(&text))
        .flat_map(|(_, edges)| edges.iter().filter(|(to, _)| !to.starts_with(&text)).map(|(_, place)| place))
        .collect();
    assert!(outside.is_empty(), "text must use no other module of the crate: {outside:#?}");
}

/// The reader sees the tree: known edges are found, through `super::`, `crate::` and re-exports.
#[test]
fn the_graph_is_read_from_the_source() {
    let graph = graph();
    let uses = |from: &str, to: &str| graph.get(&module(from)).is_some_and(|e| e.contains_key(&module(to)));
    assert!(uses("render::site", "render::book"));
    assert!(uses("render::lists", "render::templates"));
    assert!(uses("load::config", "load"));
    assert!(uses("cli::build", "render::site"), "through the re-export `render::build`");
    assert!(uses("import::structure", "text::fold"), "through the re-export `text::fold`");
    assert!(!uses("render", "render::site"), "a folder's use of its own modules is not an edge");
    assert!(!graph.contains_key(&module("render::search::tests")), "test code is left out");
}

#[test]
fn a_cycle_is_found_and_shown_in_order() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(module(from)).or_default().insert(module(to), String::new());
    }
    let cycle: Vec<String> = find_cycle(&graph).unwrap().iter().map(|m| name(m)).collect();
    assert_eq!(cycle, ["a", "b", "c", "a"]);
    graph.get_mut(&module("c")).unwrap().remove(&module("a"));
    assert_eq!(find_cycle(&graph), None);
}

/// Top-level modules are layers too: `lint` below `render`, `load` below both. Folding every
/// sub-module into its top-level module must leave no cycle either.
#[test]
fn the_top_level_modules_have_no_cycle() {
    let mut top = Graph::new();
    for (from, edges) in graph() {
        for (to, place) in edges {
            if from[0] != to[0] {
                top.entry(vec![from[0].clone()]).or_default().entry(vec![to[0].clone()]).or_insert(place);
            }
        }
    }
    assert_acyclic(&top, "top-level modules");
}
