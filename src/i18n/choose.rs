//! Which language the command line speaks: `--lang`, else `[site] language` of the base, else
//! the environment's locale, else pt-BR.

use std::path::Path;

use super::{CONFIG_FILE, Language};

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

/// More than any real `sopbook.toml`.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// `[site] language` of the base in `dir`, when its `sopbook.toml` says one. A file that cannot
/// be read or parsed says none: the lint reports it, in the language chosen without it.
pub fn language_of_base(dir: &Path) -> Option<Language> {
    use std::io::Read;
    let path = dir.join(CONFIG_FILE);
    // Only a plain file, and only its start: a FIFO would block, a device never end. The loader
    // reports such a file later (as `unreadable`), in the language chosen without it.
    if !std::fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(&path).ok()?.take(MAX_CONFIG_BYTES).read_to_string(&mut text).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    match table.get("site")?.get("language")?.as_str()? {
        "pt-BR" => Some(Language::PtBr),
        "en" => Some(Language::En),
        _ => None,
    }
}
