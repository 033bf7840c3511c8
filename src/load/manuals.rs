//! `manuals.toml`: manuals that still live only in Qualitor.

use serde::Deserialize;
use toml::Spanned;

use super::Problem;
use crate::config::deserialize_strict;
use crate::model::Manual;

pub const MANUALS_FILE: &str = "manuals.toml";

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ManualsFile {
    manual: Vec<ManualEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManualEntry {
    path: Spanned<String>,
    url: Option<Spanned<String>>,
}

pub fn parse(file: usize, text: &str, problems: &mut Vec<Problem>) -> Vec<Manual> {
    let Some(parsed) = deserialize_strict::<ManualsFile>(file, text, problems) else {
        return Vec::new();
    };
    parsed
        .manual
        .into_iter()
        .map(|m| Manual {
            path: m.path,
            url: m.url,
        })
        .collect()
}
