//! `sopbook.toml`: site settings. Every table is strict (`deny_unknown_fields`) and every key has
//! a documented default, so an empty or missing file is a valid configuration.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::words::{choices, did_you_mean, expected_by_serde, found_by_serde, quoted_values};
use super::{Problem, ProblemKind};
use crate::model::{Date, Span};
use crate::suggest;
use crate::t;

pub use crate::i18n::{CONFIG_FILE, Language};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub site: Site,
    pub build: Build,
    pub review: Review,
    pub search: Search,
    /// `[history]`: what the site shows of the git history.
    pub history: History,
    /// `[checklist]`: the printed checklists.
    pub checklist: Checklist,
    /// The business days of `sla = "…du"`, from `[calendar]` as [`check_calendar`] read it.
    /// Default: no holidays, so Monday to Friday.
    #[serde(skip)]
    pub calendar: crate::model::Calendar,
    /// Severity overrides: a rule's id = `"error"`, `"warning"` or `"allow"`. Validated by the
    /// linter, which knows the rules.
    pub lint: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Site {
    /// The site's title. Default: "Base de Conhecimento".
    pub title: String,
    /// The interface language. Default: pt-BR.
    pub language: Language,
    /// Where the site is published. Default: "/".
    pub base_url: String,
}

impl Default for Site {
    fn default() -> Self {
        Site { title: "Base de Conhecimento".into(), language: Language::PtBr, base_url: "/".into() }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Build {
    /// Where `sopbook build` writes. Default: "site".
    pub output: String,
    /// The built-in theme ("default") or a folder under `themes/`. Default: "default".
    pub theme: String,
}

impl Default for Build {
    fn default() -> Self {
        Build { output: "site".into(), theme: "default".into() }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Review {
    /// The review cycle of procedures without `review_months`. Default: 12.
    pub months: u32,
}

impl Default for Review {
    fn default() -> Self {
        Review { months: 12 }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct History {
    /// Read the git history of the procedures (last change, history, "Novidades"). Default: true.
    pub enabled: bool,
    /// How many days back the "Novidades" page and the "novo"/"alterado" marks reach. Default: 30.
    pub days: u32,
}

impl Default for History {
    fn default() -> Self {
        History { enabled: true, days: 30 }
    }
}

/// The longest window of `[history] days`: ten years.
pub const MAX_HISTORY_DAYS: u32 = 3660;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Search {
    /// Groups of words or phrases that mean the same to the search: a key and each of its values
    /// (`pfx = ["certificado a1", "arquivo do certificado"]`). Default: none.
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// The longest word or phrase of `[search] synonyms`, in characters.
pub const MAX_SYNONYM_CHARS: usize = 100;

impl Search {
    /// Each group of synonyms as its key followed by its values, in the order of the keys.
    pub fn synonym_groups(&self) -> Vec<Vec<String>> {
        self.synonyms.iter().map(|(key, values)| std::iter::once(key).chain(values).cloned().collect()).collect()
    }
}

/// `[checklist]`: the printed checklists.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Checklist {
    /// The lines of the case header at the top of each printed checklist, filled in by hand at
    /// the desk. Default: the interface language's ("Analista", "Data/hora", "Nº do chamado",
    /// "Cliente/CNPJ" in pt-BR); `[]` prints no header.
    pub case_fields: Option<Vec<String>>,
}

/// The most lines of `[checklist] case_fields`, and the longest one, in characters: a header
/// that keeps the sheet on one page.
pub const MAX_CASE_FIELDS: usize = 8;
pub const MAX_CASE_FIELD_CHARS: usize = 40;

/// `[calendar]`: what is not a business day besides Saturdays and Sundays.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarTable {
    /// The holidays, for `sla = "…du"`: TOML dates written without quotes
    /// (`holidays = [2026-12-25, 2027-01-01]`). Default: none. Read as any TOML value, so that
    /// [`check_calendar`] can say what is wrong with each one that is not a date.
    pub holidays: Vec<Spanned<toml::Value>>,
}

/// Reads `sopbook.toml`. Each table is read on its own, so a mistake in `[site]` never
/// discards the `[lint]` overrides; what is wrong is recorded and its defaults used.
pub fn parse(file: usize, text: &str, problems: &mut Vec<Problem>) -> Config {
    let mut config = Config::default();
    let Some(document) = parse_document(file, text, problems) else {
        return config;
    };
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "site" => {
                if let Some(site) = deserialize_value::<Site>(file, text, value.clone(), problems) {
                    config.site = check_site(file, value, site, problems);
                }
            }
            "build" => {
                if let Some(build) = deserialize_value::<Build>(file, text, value.clone(), problems) {
                    config.build = check_build(file, value, build, problems);
                }
            }
            "lint" => config.lint = deserialize_value(file, text, value.clone(), problems).unwrap_or_default(),
            "review" => {
                if let Some(review) = deserialize_value::<Review>(file, text, value.clone(), problems) {
                    config.review = check_review(file, value, review, problems);
                }
            }
            "search" => {
                if let Some(search) = deserialize_value::<Search>(file, text, value.clone(), problems) {
                    config.search = check_search(file, value, search, problems);
                }
            }
            "history" => {
                if let Some(history) = deserialize_value::<History>(file, text, value.clone(), problems) {
                    config.history = check_history(file, value, history, problems);
                }
            }
            "checklist" => {
                if let Some(checklist) = deserialize_value::<Checklist>(file, text, value.clone(), problems) {
                    config.checklist = check_checklist(file, value, checklist, problems);
                }
            }
            "calendar" => {
                if let Some(problem) = single_holiday(file, value) {
                    problems.push(problem);
                } else if let Some(calendar) = deserialize_value::<CalendarTable>(file, text, value.clone(), problems) {
                    config.calendar = check_calendar(file, calendar, problems);
                }
            }
            _ => unknown_key(
                file,
                key,
                &["site", "build", "review", "search", "history", "checklist", "calendar", "lint"],
                problems,
            ),
        }
    }
    config
}

/// `[review] months` within 1..=600, as `review_months` of a procedure.
fn check_review(file: usize, value: &Spanned<DeValue<'_>>, review: Review, problems: &mut Vec<Problem>) -> Review {
    if (1..=600).contains(&review.months) {
        return review;
    }
    let span = match value.get_ref() {
        DeValue::Table(table) => table.get("months").map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    problems.push(Problem::new(ProblemKind::Schema, file, span, t!("load-review-months-range")));
    Review::default()
}

/// `[history] days` within 1..=[`MAX_HISTORY_DAYS`].
fn check_history(file: usize, value: &Spanned<DeValue<'_>>, history: History, problems: &mut Vec<Problem>) -> History {
    if (1..=MAX_HISTORY_DAYS).contains(&history.days) {
        return history;
    }
    let span = match value.get_ref() {
        DeValue::Table(table) => table.get("days").map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    let message = t!("load-history-days-range", max = MAX_HISTORY_DAYS);
    problems.push(Problem::new(ProblemKind::Schema, file, span, message));
    History { days: History::default().days, ..history }
}

/// `[checklist] case_fields`: at most [`MAX_CASE_FIELDS`] lines, each one not blank and at most
/// [`MAX_CASE_FIELD_CHARS`] characters. A list with a wrong line is reported and the default used.
fn check_checklist(
    file: usize,
    value: &Spanned<DeValue<'_>>,
    checklist: Checklist,
    problems: &mut Vec<Problem>,
) -> Checklist {
    let Some(fields) = &checklist.case_fields else {
        return checklist;
    };
    let wrong = if fields.len() > MAX_CASE_FIELDS {
        Some(t!("load-case-fields-too-many", count = fields.len(), max = MAX_CASE_FIELDS))
    } else if fields.iter().any(|f| f.trim().is_empty()) {
        Some(t!("load-case-fields-empty"))
    } else {
        fields
            .iter()
            .find(|f| f.chars().count() > MAX_CASE_FIELD_CHARS)
            .map(|f| t!("load-case-fields-too-long", line = f.as_str(), max = MAX_CASE_FIELD_CHARS))
    };
    let Some(message) = wrong else {
        return checklist;
    };
    let span = match value.get_ref() {
        DeValue::Table(table) => table.get("case_fields").map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    problems.push(Problem::new(ProblemKind::Schema, file, span, message));
    Checklist::default()
}

/// `holidays = 2026-12-25`, one date where a list is expected (which serde would call a table).
fn single_holiday(file: usize, value: &Spanned<DeValue<'_>>) -> Option<Problem> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    let holiday = table.get("holidays")?;
    let DeValue::Datetime(datetime) = holiday.get_ref() else {
        return None;
    };
    let mut problem = Problem::new(ProblemKind::Schema, file, holiday.span(), t!("load-holidays-not-list"));
    problem.help = Some(t!("load-holidays-not-list.help", date = datetime.to_string()));
    Some(problem)
}

/// `[calendar] holidays`: each one a TOML date (`2026-12-25`), neither a date and time nor a date
/// in quotes; the ones that are not are reported and left out.
fn check_calendar(file: usize, calendar: CalendarTable, problems: &mut Vec<Problem>) -> crate::model::Calendar {
    let mut holidays = Vec::new();
    for holiday in calendar.holidays {
        let span = holiday.span();
        let (message, help) = match holiday.into_inner() {
            toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
                (Some(d), None) if datetime.offset.is_none() => {
                    match Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day)) {
                        Some(date) => {
                            holidays.push(date);
                            continue;
                        }
                        None => (t!("load-holiday-not-a-day", date = d.to_string()), None),
                    }
                }
                (Some(d), _) => (
                    t!("load-holiday-date-and-time", value = datetime.to_string()),
                    Some(t!("load-holiday-date-and-time.help", date = d.to_string())),
                ),
                (None, _) => (t!("load-holiday-time", value = datetime.to_string()), Some(t!("load-holiday-help"))),
            },
            toml::Value::String(text) => {
                let help = match Date::parse(&text) {
                    Some(date) => t!("load-holiday-quoted.help", date = date.to_string()),
                    None => t!("load-holiday-help"),
                };
                (t!("load-holiday-quoted", value = text), Some(help))
            }
            other => {
                (t!("load-holiday-other", found = super::words::found(other.type_str())), Some(t!("load-holiday-help")))
            }
        };
        let mut problem = Problem::new(ProblemKind::Schema, file, span, message);
        problem.help = help;
        problems.push(problem);
    }
    crate::model::Calendar::new(holidays)
}

/// Every word or phrase of `[search] synonyms` is not blank and at most
/// [`MAX_SYNONYM_CHARS`] long; the ones that are not are reported and left out.
fn check_search(file: usize, value: &Spanned<DeValue<'_>>, mut search: Search, problems: &mut Vec<Problem>) -> Search {
    let groups = match value.get_ref() {
        DeValue::Table(table) => table.get("synonyms").map(|v| v.get_ref()),
        _ => None,
    };
    let Some(DeValue::Table(groups)) = groups else {
        return search;
    };
    for (key, phrases) in groups {
        report_phrase(file, key.get_ref(), key.span(), problems);
        if let DeValue::Array(items) = phrases.get_ref() {
            for item in items.iter() {
                if let DeValue::String(phrase) = item.get_ref() {
                    report_phrase(file, phrase, item.span(), problems);
                }
            }
        }
    }
    search.synonyms.retain(|key, _| phrase_problem(key).is_none());
    for phrases in search.synonyms.values_mut() {
        phrases.retain(|phrase| phrase_problem(phrase).is_none());
    }
    search
}

fn report_phrase(file: usize, phrase: &str, span: Span, problems: &mut Vec<Problem>) {
    if let Some((message, help)) = phrase_problem(phrase) {
        let mut problem = Problem::new(ProblemKind::Schema, file, span, message);
        problem.help = Some(help);
        problems.push(problem);
    }
}

/// What is wrong with a word or phrase of `[search] synonyms`, and the help.
fn phrase_problem(phrase: &str) -> Option<(String, String)> {
    let chars = phrase.trim().chars().count();
    if chars == 0 {
        return Some((t!("load-synonym-empty"), t!("load-synonym-empty.help")));
    }
    (chars > MAX_SYNONYM_CHARS).then(|| {
        (t!("load-synonym-too-long", count = chars, max = MAX_SYNONYM_CHARS), t!("load-synonym-too-long.help"))
    })
}

/// `[site] base_url` is an `http(s)` URL or a path: anything else (`javascript:…`) would run in
/// the page that links to it. An unsafe one is an `unsafe-url` problem and is not used.
fn check_site(file: usize, value: &Spanned<DeValue<'_>>, site: Site, problems: &mut Vec<Problem>) -> Site {
    if crate::safe_url::is_base_url(&site.base_url) {
        // Written as it was judged: without the control characters a browser would drop.
        return Site { base_url: crate::safe_url::clean(&site.base_url), ..site };
    }
    let span = match value.get_ref() {
        DeValue::Table(table) => table.get("base_url").map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    let message = match crate::safe_url::scheme(&site.base_url) {
        Some(scheme) => t!("load-base-url-scheme", scheme = scheme),
        None => t!("load-base-url-other-site"),
    };
    let mut problem = Problem::new(ProblemKind::UnsafeUrl, file, span, message);
    problem.help = Some(t!("load-base-url-help"));
    problems.push(problem);
    Site { base_url: Site::default().base_url, ..site }
}

/// `[build] theme` names a folder under `themes/`, never a path (which could lead anywhere).
fn check_build(file: usize, value: &Spanned<DeValue<'_>>, build: Build, problems: &mut Vec<Problem>) -> Build {
    if super::paths::is_plain_name(&build.theme) {
        return build;
    }
    let span = match value.get_ref() {
        DeValue::Table(table) => table.get("theme").map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    let message = t!("load-theme-path", theme = build.theme.as_str());
    let mut problem = Problem::new(ProblemKind::Schema, file, span, message);
    problem.help = Some(t!("load-theme-path.help"));
    problems.push(problem);
    Build { theme: "default".into(), ..build }
}

/// An unknown top-level key, with "did you mean".
pub fn unknown_key(
    file: usize,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    allowed: &[&str],
    problems: &mut Vec<Problem>,
) {
    let help = match suggest::closest(key.get_ref(), allowed.iter().copied()) {
        Some(best) => did_you_mean(best),
        None => t!("load-expected-choices", choices = choices(allowed)),
    };
    let message = t!("load-unknown-key", key = key.get_ref().as_ref());
    let mut problem = Problem::new(ProblemKind::Schema, file, key.span(), message);
    problem.help = Some(help);
    problems.push(problem);
}

/// Parses a small settings file; a syntax error becomes a `toml-syntax` problem.
pub fn parse_document<'i>(file: usize, text: &'i str, problems: &mut Vec<Problem>) -> Option<Spanned<DeTable<'i>>> {
    match DeTable::parse(text) {
        Ok(table) => Some(table),
        Err(error) => {
            let message = super::procedure::syntax_message(error.message());
            problems.push(Problem::new(ProblemKind::TomlSyntax, file, error.span().unwrap_or(0..0), message));
            None
        }
    }
}

/// Deserialises one value with serde, turning a structural error (unknown key, wrong type)
/// into a `schema` problem with "did you mean".
pub fn deserialize_value<T: DeserializeOwned>(
    file: usize,
    text: &str,
    value: Spanned<DeValue<'_>>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match T::deserialize(value.into_deserializer()) {
        Ok(value) => Some(value),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let key = key_before(text, span.start);
            let (message, help) = explain_serde_error(error.message(), key);
            let mut problem = Problem::new(ProblemKind::Schema, file, span, message);
            problem.help = help;
            problems.push(problem);
            None
        }
    }
}

/// The key of the `key = value` whose value starts at `offset`, if the line reads that way.
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let key = line.trim_end().strip_suffix('=')?;
    // The last key of an inline table: `synonyms = { pfx = ` → `pfx`.
    let key = key.rsplit(['{', ',']).next().unwrap_or(key).trim();
    if let Some(quoted) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
        return Some(quoted);
    }
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some(key)
}

/// Serde says "unknown field `titel`, expected one of `title`, `language`"; editors want
/// "did you mean `title`?". Likewise "invalid type: integer `3`, expected a string" becomes
/// "`url` must be a string, found integer `3`", in the language of the messages.
fn explain_serde_error(message: &str, key: Option<&str>) -> (String, Option<String>) {
    let message = message.trim().trim_end_matches('.');
    if let Some(field) = message.strip_prefix("missing field ") {
        return (t!("load-missing-key", key = field.trim_matches('`')), None);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let help = (expected == "a sequence" && found.starts_with("string")).then(|| t!("load-help-write-list"));
        let (expected, found) = (expected_by_serde(expected), found_by_serde(found));
        return match key {
            Some(key) => (t!("load-must-be", key = key, expected = expected, found = found), help),
            None => (t!("load-expected-found", expected = expected, found = found), help),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        // A negative number for a `u32`: too small, not of the wrong kind.
        let expected = match expected {
            "u32" | "u64" | "usize" => t!("load-shape-positive-number"),
            other => expected_by_serde(other),
        };
        return (t!("load-invalid-value", expected = expected, found = found_by_serde(found)), None);
    }
    if let (Some(rest), Some(key)) = (message.strip_prefix("unknown variant "), key) {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let help = t!("load-expected-choices", choices = choices(&quoted_values(expected)));
        return (t!("load-unknown-value", value = value.trim_matches('`'), key = key), Some(help));
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return (message.to_string(), None);
    };
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let candidates = quoted_values(expected);
    let help = match suggest::closest(field, candidates.iter().copied()) {
        Some(best) => did_you_mean(best),
        None if candidates.is_empty() => t!("load-remove-key"),
        None => t!("load-expected-choices", choices = choices(&candidates)),
    };
    (t!("load-unknown-key", key = field), Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        parse(0, text, &mut problems);
        problems
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let mut problems = Vec::new();
        let config = parse(0, "", &mut problems);
        assert!(problems.is_empty());
        assert_eq!(config.review.months, 12);
        assert_eq!(config.build.output, "site");
        assert_eq!(config.site.language, Language::PtBr);
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let problems = problems_of("[site]\ntitel = \"x\"\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ProblemKind::Schema);
        assert_eq!(problems[0].message, "chave desconhecida `titel`");
        assert_eq!(problems[0].help.as_deref(), Some("você quis dizer `title`?"));
        assert_eq!(problems[0].span, 7..12);
    }

    #[test]
    fn bad_language_and_syntax_are_reported() {
        let bad_language = &problems_of("[site]\nlanguage = \"es\"\n")[0];
        assert_eq!(bad_language.kind, ProblemKind::Schema);
        assert_eq!(bad_language.message, "valor desconhecido `es` para `language`");
        assert_eq!(bad_language.help.as_deref(), Some("use `pt-BR` ou `en`"));
        let en = |id: &str, args: &[(&str, &str)]| {
            let args: Vec<_> = args.iter().map(|(k, v)| (*k, crate::i18n::Arg::from(*v))).collect();
            crate::i18n::message_in(Language::En, id, &args)
        };
        assert_eq!(
            en("load-unknown-value", &[("value", "es"), ("key", "language")]),
            "unknown value `es` for `language`"
        );
        assert_eq!(en("load-expected-choices", &[("choices", "`pt-BR` or `en`")]), "expected `pt-BR` or `en`");
        let found = en("load-found-value", &[("kind", "string"), ("value", "\"12\"")]);
        let expected = en("load-shape-whole-number", &[]);
        assert_eq!(
            en("load-must-be", &[("key", "months"), ("expected", &expected), ("found", &found)]),
            "`months` must be a whole number, found string \"12\""
        );
        assert_eq!(
            problems_of("[review]\nmonths = \"12\"\n")[0].message,
            "`months` deveria ser um número inteiro, mas é o texto \"12\""
        );
        assert_eq!(
            problems_of("[review]\nmonths = -1\n")[0].message,
            "valor inválido: o número inteiro `-1`; deveria ser um número inteiro positivo"
        );
        assert_eq!(problems_of("[site\n")[0].kind, ProblemKind::TomlSyntax);
        assert_eq!(problems_of("[review]\nmonths = 0\n")[0].message, "`months` deve estar entre 1 e 600");
        assert_eq!(problems_of("[history]\ndays = 3661\n")[0].message, "`days` deve estar entre 1 e 3660");
        assert_eq!(problems_of("[history]\nenable = true\n")[0].help.as_deref(), Some("você quis dizer `enabled`?"));
        assert_eq!(problems_of("[sitte]\n")[0].help.as_deref(), Some("você quis dizer `site`?"));
    }

    #[test]
    fn case_fields_are_checked_and_a_wrong_list_falls_back_to_the_default() {
        let mut problems = Vec::new();
        let config = parse(0, "[checklist]\ncase_fields = [\"Operador\", \"Loja\"]\n", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.checklist.case_fields, Some(vec!["Operador".to_string(), "Loja".to_string()]));
        assert_eq!(parse(0, "[checklist]\ncase_fields = []\n", &mut problems).checklist.case_fields, Some(vec![]));
        assert_eq!(parse(0, "", &mut problems).checklist.case_fields, None);
        let text = "[checklist]\ncase_fields = [\"Analista\", \" \"]\n";
        let config = parse(0, text, &mut problems);
        assert_eq!(config.checklist.case_fields, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "uma linha de `case_fields` está vazia");
        assert_eq!(&text[problems[0].span.clone()], "[\"Analista\", \" \"]");
        let nine = format!("[checklist]\ncase_fields = [{}]\n", ["\"x\""; 9].join(", "));
        assert!(problems_of(&nine)[0].message.contains("no máximo 8"));
        let long = format!("[checklist]\ncase_fields = [\"{}\"]\n", "x".repeat(41));
        assert!(problems_of(&long)[0].message.contains("mais de 40"));
        assert_eq!(
            problems_of("[checklist]\ncase_field = []\n")[0].help.as_deref(),
            Some("você quis dizer `case_fields`?")
        );
        assert_eq!(problems_of("[checklists]\n")[0].help.as_deref(), Some("você quis dizer `checklist`?"));
    }

    #[test]
    fn a_mistake_in_one_table_keeps_the_others() {
        let mut problems = Vec::new();
        let config =
            parse(0, "[site]\ntitel = \"x\"\n[lint]\ndead-end = \"warning\"\n[review]\nmonths = 6\n", &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(config.lint.len(), 1);
        assert_eq!(config.review.months, 6);
    }

    #[test]
    fn an_unsafe_base_url_is_a_problem_and_not_used() {
        for url in ["javascript:alert(1)//", " JaVa\\tScRiPt:x", "data:text/html,x", "mailto:a@b.c"] {
            let text = format!("[site]\ntitle = \"T\"\nbase_url = \"{url}\"\n");
            let mut problems = Vec::new();
            let config = parse(0, &text, &mut problems);
            assert_eq!(config.site.base_url, "/", "{url}");
            assert_eq!(config.site.title, "T", "the rest of [site] is kept");
            assert_eq!(problems.len(), 1, "{url}");
            assert_eq!(problems[0].kind, ProblemKind::UnsafeUrl);
            assert_eq!(&text[problems[0].span.clone()], format!("\"{url}\""));
        }
        for url in ["/", "/kb/", "https://kb.example.com/", "kb"] {
            let mut problems = Vec::new();
            let config = parse(0, &format!("[site]\nbase_url = \"{url}\"\n"), &mut problems);
            assert!(problems.is_empty(), "{url}");
            assert_eq!(config.site.base_url, url);
        }
        // Found by the `url` fuzzer: kept with the NULs a browser would not drop from a scheme.
        let mut problems = Vec::new();
        let config = parse(0, "[site]\nbase_url = \"https\\u0000\\u0000://kb.example.com/\"\n", &mut problems);
        assert!(problems.is_empty());
        assert_eq!(config.site.base_url, "https://kb.example.com/");
    }

    #[test]
    fn synonyms_are_groups_in_key_order() {
        let text = "[search]\nsynonyms = { pfx = [\"certificado a1\", \"arquivo do certificado\"], \"nota fiscal\" = [\"nfe\"] }\n";
        let mut problems = Vec::new();
        let config = parse(0, text, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.search.synonym_groups(),
            [vec!["nota fiscal", "nfe"], vec!["pfx", "certificado a1", "arquivo do certificado"]]
        );
        let mut problems = Vec::new();
        let table = parse(0, "[search.synonyms]\npfx = [\"certificado a1\"]\n", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(table.search.synonym_groups(), [vec!["pfx", "certificado a1"]]);
        assert!(Config::default().search.synonym_groups().is_empty());
    }

    #[test]
    fn a_synonym_that_is_not_a_list_points_at_the_value() {
        let text = "[search]\nsynonyms = { pfx = \"certificado a1\" }\n";
        let problems = problems_of(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Schema);
        assert_eq!(problems[0].message, "`pfx` deveria ser uma lista, mas é o texto \"certificado a1\"");
        assert_eq!(problems[0].help.as_deref(), Some("escreva como lista: `[\"…\"]`"));
        assert_eq!(&text[problems[0].span.clone()], "\"certificado a1\"");
        let text = "[search.synonyms]\n\"nota fiscal\" = 3\n";
        assert_eq!(problems_of(text)[0].message, "`nota fiscal` deveria ser uma lista, mas é o número inteiro `3`");
        assert_eq!(
            problems_of("[search]\nsynonyms = [\"pfx\"]\n")[0].message,
            "`synonyms` deveria ser uma tabela, mas é uma lista"
        );
        assert_eq!(problems_of("[search]\nsynonym = {}\n")[0].help.as_deref(), Some("você quis dizer `synonyms`?"));
        assert_eq!(problems_of("[serch]\n")[0].help.as_deref(), Some("você quis dizer `search`?"));
    }

    #[test]
    fn empty_and_long_synonyms_are_reported_and_left_out() {
        let long = "x".repeat(101);
        let text = format!(
            "[search.synonyms]\npfx = [\"certificado a1\", \" \", \"{long}\"]\n\"\" = [\"a\"]\nok = [\"{}\"]\n",
            "é".repeat(100)
        );
        let mut problems = Vec::new();
        let config = parse(0, &text, &mut problems);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "um sinônimo não pode ser vazio",
                "um sinônimo tem 101 caracteres; o máximo é 100",
                "um sinônimo não pode ser vazio"
            ]
        );
        let spans: Vec<&str> = problems.iter().map(|p| &text[p.span.clone()]).collect();
        assert_eq!(spans, ["\" \"", format!("\"{long}\"").as_str(), "\"\""]);
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Schema));
        let groups = config.search.synonym_groups();
        assert_eq!(groups.len(), 2, "the group with an empty key is left out");
        assert_eq!(groups[1], ["pfx", "certificado a1"]);
    }

    #[test]
    fn holidays_are_dates() {
        let mut problems = Vec::new();
        let config = parse(0, "[calendar]\nholidays = [2027-01-01, 2026-12-25, 2026-12-25]\n", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let holidays: Vec<String> = config.calendar.holidays().map(|d| d.to_string()).collect();
        assert_eq!(holidays, ["2026-12-25", "2027-01-01"], "sorted, each once");
        assert!(!config.calendar.is_business_day(Date::new(2026, 12, 25).unwrap()));
        let mut problems = Vec::new();
        let table = parse(0, "[calendar]\nholidays = []\n", &mut problems);
        assert!(problems.is_empty());
        assert_eq!(table.calendar, crate::model::Calendar::default());
        assert_eq!(Config::default().calendar.holidays().count(), 0, "default: no holidays");
    }

    #[test]
    fn an_unknown_calendar_key_suggests_holidays() {
        let problems = problems_of("[calendar]\nholiday = [2026-12-25]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Schema);
        assert_eq!(problems[0].message, "chave desconhecida `holiday`");
        assert_eq!(problems[0].help.as_deref(), Some("você quis dizer `holidays`?"));
        assert_eq!(problems[0].span, 11..18);
        assert_eq!(problems_of("[calender]\n")[0].help.as_deref(), Some("você quis dizer `calendar`?"));
    }

    #[test]
    fn a_holiday_that_is_not_a_date_is_reported_and_left_out() {
        let text = "[calendar]\nholidays = [2026-12-25, \"2027-01-01\", \"25/12\", 2027-01-01T10:00:00, 10:00:00, 3]\n";
        let mut problems = Vec::new();
        let config = parse(0, text, &mut problems);
        let found: Vec<(&str, &str, Option<&str>)> =
            problems.iter().map(|p| (&text[p.span.clone()], p.message.as_str(), p.help.as_deref())).collect();
        assert_eq!(
            found,
            [
                (
                    "\"2027-01-01\"",
                    "um feriado deveria ser uma data, mas é o texto \"2027-01-01\"",
                    Some("escreva a data sem aspas: `2027-01-01`")
                ),
                (
                    "\"25/12\"",
                    "um feriado deveria ser uma data, mas é o texto \"25/12\"",
                    Some("escreva a data como ano-mês-dia, sem aspas: `2026-12-25`")
                ),
                (
                    "2027-01-01T10:00:00",
                    "um feriado deveria ser uma data, mas é a data e hora `2027-01-01T10:00:00`",
                    Some("escreva só a data: `2027-01-01`")
                ),
                (
                    "10:00:00",
                    "um feriado deveria ser uma data, mas é a hora `10:00:00`",
                    Some("escreva a data como ano-mês-dia, sem aspas: `2026-12-25`")
                ),
                (
                    "3",
                    "um feriado deveria ser uma data, mas é um número inteiro",
                    Some("escreva a data como ano-mês-dia, sem aspas: `2026-12-25`")
                ),
            ]
        );
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Schema));
        assert_eq!(config.calendar.holidays().map(|d| d.to_string()).collect::<Vec<_>>(), ["2026-12-25"]);
        let not_a_list = &problems_of("[calendar]\nholidays = 2026-12-25\n")[0];
        assert_eq!(not_a_list.message, "`holidays` deveria ser uma lista, mas é uma data");
        assert_eq!(not_a_list.help.as_deref(), Some("escreva como lista: `holidays = [2026-12-25]`"));
        assert_eq!(not_a_list.span, 22..32);
        assert_eq!(problems_of("[calendar]\nholidays = [2026-02-30]\n")[0].kind, ProblemKind::TomlSyntax);
    }

    #[test]
    fn lint_overrides_keep_spans() {
        let mut problems = Vec::new();
        let config = parse(0, "[lint]\nreview-overdue = \"allow\"\n", &mut problems);
        let (key, value) = config.lint.iter().next().unwrap();
        assert_eq!(key.get_ref(), "review-overdue");
        assert_eq!(key.span(), 7..21);
        assert_eq!(value.get_ref(), "allow");
    }
}
