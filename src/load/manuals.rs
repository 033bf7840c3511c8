//! `manuals.toml`: manuals that still live only in Qualitor. Each `[[manual]]` is read on its
//! own, so one mistake never hides the other manuals.

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use super::config::{deserialize_value, parse_document, unknown_key};
use super::{Problem, ProblemKind};
use crate::model::Manual;

pub const MANUALS_FILE: &str = "manuals.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManualEntry {
    path: Spanned<String>,
    url: Option<Spanned<String>>,
}

pub fn parse(file: usize, text: &str, problems: &mut Vec<Problem>) -> Vec<Manual> {
    let Some(document) = parse_document(file, text, problems) else {
        return Vec::new();
    };
    let mut manuals = Vec::new();
    for (key, value) in document.get_ref() {
        if key.get_ref() != "manual" {
            unknown_key(file, key, &["manual"], problems);
            continue;
        }
        let DeValue::Array(entries) = value.get_ref() else {
            let message = crate::t!("load-manual-not-list");
            problems.push(Problem::new(ProblemKind::Schema, file, value.span(), message));
            continue;
        };
        for entry in entries.iter() {
            if let Some(m) = deserialize_value::<ManualEntry>(file, text, entry.clone(), problems) {
                manuals.push(Manual { path: m.path, url: m.url });
            }
        }
    }
    manuals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bad_entry_keeps_the_others() {
        let mut problems = Vec::new();
        let text = "[[manual]]\npath = \"A > B\"\nurl = 3\n[[manual]]\npath = \"A > C\"\n";
        let manuals = parse(0, text, &mut problems);
        assert_eq!(manuals.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "`url` deveria ser um texto, mas é o número inteiro `3`");
    }
}
