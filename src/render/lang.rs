//! The language table: every word of the interface, from `lang/LANG.toml` of the theme.

use std::collections::BTreeMap;

use super::error::{Error, Result};
use super::theme::Theme;
use crate::load::config::Language;
use crate::model::{Date, Sla, SlaUnit};
use crate::t;

/// Interface strings of one language. Templates see them as `t.KEY`; the browser scripts get
/// the `[js]` table.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Strings {
    #[serde(skip)]
    pub language: Language,
    #[serde(flatten)]
    words: BTreeMap<String, String>,
    pub js: BTreeMap<String, String>,
}

impl Strings {
    /// The built-in table of `language`, overlaid by the theme's own (which may hold only some keys).
    pub fn load(theme: &Theme, language: Language) -> Result<Strings> {
        let file = format!("lang/{}.toml", language.code());
        let builtin = Theme::builtin(&file).ok_or_else(|| Error::Refused(t!("render-lang-missing", file = &file)))?;
        let mut strings = Self::parse(&file, builtin)?;
        if let Some(own) = theme.file(&file) {
            let own = std::str::from_utf8(own).map_err(|_| Error::Refused(t!("render-lang-not-utf8", file = &file)))?;
            let own = Self::parse(&file, own)?;
            strings.words.extend(own.words);
            strings.js.extend(own.js);
        }
        strings.language = language;
        Ok(strings)
    }

    fn parse(file: &str, text: &str) -> Result<Strings> {
        #[derive(serde::Deserialize)]
        struct Table {
            #[serde(default)]
            js: BTreeMap<String, String>,
            #[serde(flatten)]
            words: BTreeMap<String, String>,
        }
        let table: Table =
            toml::from_str(text).map_err(|e| Error::Invalid { context: format!("`{file}`"), source: Box::new(e) })?;
        Ok(Strings { language: Language::PtBr, words: table.words, js: table.js })
    }

    /// The word for `key`; a missing key shows as itself so it is noticed, never as a crash.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// `key` with `{name}` placeholders filled in, one name after the other.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let template = self.get(key);
        fill_at_once(template, values).unwrap_or_else(|| {
            let mut text = template.to_string();
            for (name, value) in values {
                text = text.replace(&format!("{{{name}}}"), value);
            }
            text
        })
    }

    /// "1 procedimento" / "3 procedimentos".
    pub fn count(&self, key: &str, n: usize) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.fill(&format!("{key}_{form}"), &[("n", &n.to_string())])
    }

    /// "24 horas", "2 dias", "2 dias úteis".
    pub fn sla(&self, sla: Sla) -> String {
        let key = match sla.unit {
            SlaUnit::Hours => "sla_hours",
            SlaUnit::Days => "sla_days",
            SlaUnit::BusinessDays => "sla_business_days",
        };
        self.count(key, sla.amount as usize)
    }

    /// 22/11/2019 in Portuguese, 2019-11-22 in English.
    pub fn date(&self, date: Date) -> String {
        match self.language {
            Language::PtBr => format!("{:02}/{:02}/{:04}", date.day, date.month, date.year),
            Language::En => date.to_string(),
        }
    }
}

/// `template` filled in one pass, without a string per name, when that is what filling one name
/// after the other gives: no braces in the names and values, and every `{` of the template opens
/// a placeholder of `values` (then no value can join the text around it into another one).
fn fill_at_once(template: &str, values: &[(&str, &str)]) -> Option<String> {
    if values.iter().any(|(name, value)| name.contains(['{', '}']) || value.contains(['{', '}'])) {
        return None;
    }
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let (name, value) =
            values.iter().find(|(name, _)| after.strip_prefix(name).is_some_and(|r| r.starts_with('}')))?;
        out.push_str(value);
        rest = &after[name.len() + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(language: Language) -> Strings {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
        Strings::load(&theme, language).unwrap()
    }

    #[test]
    fn filling_at_once_is_filling_name_after_name() {
        let one_by_one = |template: &str, values: &[(&str, &str)]| {
            values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
        };
        let cases: [(&str, &[(&str, &str)]); 5] = [
            ("Passo {n}: {title}", &[("n", "3"), ("title", "Trocar {n} o cabo")]),
            ("{n} de {name} e {n}", &[("name", "x"), ("n", "7")]),
            ("{ti{n}le}", &[("n", "t"), ("title", "T")]),
            ("{x} e {n}", &[("n", "1")]),
            ("sem nada", &[("n", "1")]),
        ];
        for (template, values) in cases {
            let at_once = fill_at_once(template, values).unwrap_or_else(|| one_by_one(template, values));
            assert_eq!(at_once, one_by_one(template, values), "{template}");
        }
        assert_eq!(fill_at_once("{n} de {name}", &[("name", "x"), ("n", "7")]).as_deref(), Some("7 de x"));
    }

    #[test]
    fn both_tables_have_the_same_keys() {
        let (pt, en) = (strings(Language::PtBr), strings(Language::En));
        assert_eq!(pt.words.keys().collect::<Vec<_>>(), en.words.keys().collect::<Vec<_>>());
        assert_eq!(pt.js.keys().collect::<Vec<_>>(), en.js.keys().collect::<Vec<_>>());
    }

    /// The `key: 'value'` lines of the object `const NAME = { … };` in a theme script.
    fn js_defaults(script: &str, name: &str) -> Vec<(String, String)> {
        let open = format!("const {name} = {{");
        let body = script.lines().skip_while(|l| l.trim() != open).skip(1).take_while(|l| l.trim() != "};");
        let pairs: Vec<(String, String)> = body
            .map(|line| {
                let (key, value) = line.trim().trim_end_matches(',').split_once(": ").expect(line);
                let value = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).expect(line);
                (key.to_string(), value.to_string())
            })
            .collect();
        assert!(!pairs.is_empty(), "no `{name}` object found");
        pairs
    }

    // The scripts repeat the pt-BR words for a page without #sopbook-strings.
    #[test]
    fn the_scripts_defaults_equal_the_pt_br_table() {
        let pt = strings(Language::PtBr);
        let objects = [
            ("static/guided.js", "DEFAULT_STRINGS"),
            ("static/search.js", "DEFAULT_STRINGS"),
            ("static/search.js", "DEFAULT_OPTIONAL_STRINGS"),
        ];
        for (file, name) in objects {
            let script = Theme::builtin(file).unwrap();
            for (key, value) in js_defaults(script, name) {
                // `search_more` is written by the template, so it sits among the words.
                let table = pt.js.get(&key).or_else(|| pt.words.get(&key));
                assert_eq!(table, Some(&value), "{file} {name}.{key}");
            }
        }
    }

    #[test]
    fn sla_and_dates_in_words() {
        let pt = strings(Language::PtBr);
        assert_eq!(pt.sla("24h".parse().unwrap()), "24 horas");
        assert_eq!(pt.sla("1d".parse().unwrap()), "1 dia");
        assert_eq!(pt.sla("2du".parse().unwrap()), "2 dias úteis");
        assert_eq!(pt.sla("1du".parse().unwrap()), "1 dia útil");
        assert_eq!(pt.date(Date::new(2019, 11, 22).unwrap()), "22/11/2019");
        let en = strings(Language::En);
        assert_eq!(en.sla("2d".parse().unwrap()), "2 days");
        assert_eq!(en.sla("2du".parse().unwrap()), "2 business days");
        assert_eq!(en.sla("1du".parse().unwrap()), "1 business day");
        assert_eq!(en.count("procedures_count", 1), "1 procedure");
    }
}

/// A date as pages show it: machine-readable (`<time datetime>`) and in words.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl DateView {
    pub fn new(date: Date, t: &Strings) -> DateView {
        DateView { iso: date.to_string(), text: t.date(date) }
    }
}
