//! Which language the command line speaks: `--lang`, else `[site] language` of the base, else
//! the environment's locale, else pt-BR.

use std::path::Path;

use super::Language;
use crate::load::config::CONFIG_FILE;

/// The language of a command: the flag's, else the base's, else the environment's, else pt-BR.
pub fn choose(flag: Option<Language>, base: Option<Language>) -> Language {
    flag.or(base).or_else(from_env).unwrap_or(Language::PtBr)
}

/// The language a tag names, as people write it: `pt-BR`, `pt`, `pt_BR.UTF-8`, `en`,
/// `en_US.UTF-8`, `en-GB` (any case). Another language is `None`.
pub fn parse_tag(tag: &str) -> Option<Language> {
    let primary = tag.trim().split(['-', '_', '.', '@']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "pt" => Some(Language::PtBr),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// The language of the locale, as POSIX reads it: the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set and not empty. `C` and `POSIX` name no language.
pub fn from_env() -> Option<Language> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())?;
    parse_tag(&value)
}

/// `[site] language` of the base in `dir`, when its `sopbook.toml` says one. A file that cannot
/// be read or parsed says none: the lint reports it, in the language chosen without it.
pub fn language_of_base(dir: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(dir.join(CONFIG_FILE)).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    match table.get("site")?.get("language")?.as_str()? {
        "pt-BR" => Some(Language::PtBr),
        "en" => Some(Language::En),
        _ => None,
    }
}
