//! Slugs: the names of the site's pages and folders, the step ID suggested for an invalid one,
//! and heading anchors as GitHub makes them.

use super::{cut_bytes, fold};

/// Bytes of a slug (a file or folder name of the site, before `.html`): below every common
/// file-name limit (255 bytes) whatever the script of the name.
pub const MAX_SLUG_BYTES: usize = 120;

/// A URL-safe, accent-free, lower-case form of a name: "Certificado Digital" →
/// "certificado-digital". Every page's URL is made of these: the output must never change.
pub fn slug(name: &str) -> String {
    let dashed = dashed(&fold(name), char::is_alphanumeric);
    let trimmed = cut_bytes(&dashed, MAX_SLUG_BYTES).trim_end_matches('-');
    if trimmed.is_empty() { "-".to_string() } else { trimmed.to_string() }
}

/// A valid step ID close to `raw` (ASCII letters, digits and `-`), for the help of an invalid one.
pub fn step_id(raw: &str) -> String {
    let dashed = dashed(&fold(raw), |c| c.is_ascii_alphanumeric());
    let trimmed = dashed.trim_end_matches('-');
    if trimmed.is_empty() { "passo-1".to_string() } else { trimmed.to_string() }
}

/// The characters `keep` accepts, each run of the others as one `-`, none at the start.
fn dashed(folded: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// A heading's anchor as GitHub and VS Code make it (editors write `[x](#decisões-além)` after
/// previewing there): lower case, accents kept, punctuation dropped, spaces to `-`.
pub fn heading_anchor(text: &str) -> String {
    let anchor: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    if anchor.is_empty() { "secao".to_string() } else { anchor }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

    use super::*;

    /// The slugifier as it was before it moved here (`render::links::slug`), with its own fold:
    /// every URL of a published site was made by it.
    fn old_slug(name: &str) -> String {
        let folded: String = name.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
        let mut out = String::with_capacity(name.len());
        for c in folded.chars() {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed = cut_bytes(&out, 120).trim_end_matches('-');
        if trimmed.is_empty() { "-".to_string() } else { trimmed.to_string() }
    }

    /// The step ID suggestion as it was (`load::procedure::slugify`), with its accent table.
    fn old_step_id(raw: &str) -> String {
        let strip = |c: char| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        };
        let mut out = String::new();
        for c in raw.chars().flat_map(char::to_lowercase).map(strip) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let trimmed = out.trim_end_matches('-');
        if trimmed.is_empty() { "passo-1".into() } else { trimmed.into() }
    }

    const TRICKY: &[&str] = &[
        "Certificado Digital",
        "Exportação Rápida",
        "Ação, emissão e cancelamento",
        "Não localiza o backup",
        "Pinguim: linguiça, agüentar",
        "Año nuevo, señor",
        "ÀÉÎÕÜ ç Ç",
        "na\u{303}o (combining tilde)",
        "e\u{301}\u{327} two marks",
        "ﬁnal ﬂuxo Æsir œuvre ß",
        "Backup 🔐 do certificado 🎉",
        "a\u{a0}b\u{2009}c\u{200b}d",
        "\u{feff}BOM no início",
        "Ünïcödé — “aspas” – traço…",
        "İstanbul Ωmega ǅ",
        "",
        "   ",
        "---",
        "名前 の テスト",
        "Привет мир",
        "٣ أرقام عربية",
        "x\u{202e}y\u{2066}z",
        "A > B > C",
        "nf-e 6.353/2021",
    ];

    /// Every string value of every TOML file and every line of every Markdown file below
    /// `folder`: the titles, sections, tags and texts editors really write.
    fn real_texts(folder: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            match path.extension().and_then(|e| e.to_str()) {
                Some("toml") => {
                    if let Ok(value) = text.parse::<toml::Table>() {
                        strings(&toml::Value::Table(value), &mut out);
                    }
                }
                Some("md") => out.extend(text.lines().map(str::to_string)),
                _ => {}
            }
        }
        out
    }

    fn strings(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => {
                out.extend(s.split(" > ").map(str::to_string));
                out.push(s.clone());
            }
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    fn all_texts() -> Vec<String> {
        let mut texts: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
        for folder in ["procedures", "tests/fixtures", "book"] {
            texts.extend(real_texts(folder));
        }
        texts
    }

    #[test]
    fn slugs_are_byte_identical_to_the_old_slugifier() {
        let texts = all_texts();
        assert!(texts.len() > 1000, "only {} texts found", texts.len());
        for text in &texts {
            assert_eq!(slug(text), old_slug(text), "{text:?}");
        }
        let long = "Ação ".repeat(60);
        assert_eq!(slug(&long), old_slug(&long));
        assert!(slug(&long).len() <= MAX_SLUG_BYTES);
    }

    #[test]
    fn step_ids_match_the_old_table_where_it_had_the_letter() {
        for text in all_texts() {
            let covered =
                text.chars().all(|c| c.is_ascii() || "áàâãäéèêëíìîïóòôõöúùûüçñÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑ".contains(c));
            if covered {
                assert_eq!(step_id(&text), old_step_id(&text), "{text:?}");
            }
        }
        // Where the table had no entry, the letter is now kept without its accent.
        assert_eq!(step_id("Ýpsilon Ōsaka"), "ypsilon-osaka");
        assert_eq!(old_step_id("Ýpsilon Ōsaka"), "psilon-saka");
        assert_eq!(step_id("!!!"), "passo-1");
    }

    #[test]
    fn slugs_of_names() {
        assert_eq!(slug("Certificado Digital"), "certificado-digital");
        assert_eq!(slug("Exportação  Rápida!"), "exportacao-rapida");
        assert_eq!(slug("🔐"), "-");
    }

    #[test]
    fn headings_get_github_style_ids() {
        assert_eq!(heading_anchor("Decisões além do contrato"), "decisões-além-do-contrato");
        assert_eq!(heading_anchor("`sopbook.toml` e [lint]"), "sopbooktoml-e-lint");
        assert_eq!(heading_anchor("!!"), "secao");
    }
}
