//! A procedure file: TOML text → [`Procedure`], recording every `schema` problem on the way
//! instead of stopping at the first, so an editor sees all of them in one run.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Problem, ProblemKind};
use crate::model::{
    Answers, Branch, Date, EndKind, Expect, Field, FieldKind, Image, Procedure, Scenario, Span, Step, StepAnswers,
};
use crate::suggest;
use crate::text::{quoted_list, step_id};

type Value<'i> = Spanned<DeValue<'i>>;
type Key<'i> = Spanned<Cow<'i, str>>;

const TOP_KEYS: &[&str] = &[
    "title",
    "section",
    "summary",
    "owner",
    "updated",
    "review_months",
    "tags",
    "aliases",
    "start",
    "steps",
    "scenarios",
];
const STEP_KEYS: &[&str] =
    &["title", "text", "note", "warning", "see", "image", "next", "branches", "end", "to", "sla", "via", "fields"];
const BRANCH_KEYS: &[&str] = &["when", "next"];
const IMAGE_KEYS: &[&str] = &["src", "alt", "caption"];
const ESCALATION_KEYS: &[&str] = &["to", "sla", "via", "fields"];
const SCENARIO_KEYS: &[&str] = &["name", "answers", "expect"];
const EXPECT_KEYS: &[&str] = &["end", "to"];
const EXPECT_SHAPE: &str = "a terminal's step ID or `{ end = \"escalation\", to = \"…\" }`";
const FIELD_KEYS: &[&str] = &["name", "kind", "required"];
const FIELD_SHAPE: &str = "a string or `{ name = \"…\", kind = \"…\", required = false }`";

/// Parses one procedure file. Returns `None` when the text is not TOML or holds no key at all
/// (the problem is recorded); otherwise a procedure with whatever could be read.
pub fn parse(file: usize, slug: String, text: &str, problems: &mut Vec<Problem>) -> Option<Procedure> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            problems.push(Problem::new(ProblemKind::TomlSyntax, file, span, syntax_message(error.message())));
        }
        return None;
    }
    let mut reader = Reader { file, text, problems, step: None };
    Some(reader.procedure(slug, doc.get_ref()))
}

/// toml's messages are good but sometimes end with a period or a newline; make them one line.
pub fn syntax_message(message: &str) -> String {
    let first = message.trim().lines().next().unwrap_or("invalid TOML").trim_end_matches('.');
    format!("invalid TOML: {first}")
}

struct Reader<'p> {
    file: usize,
    text: &'p str,
    problems: &'p mut Vec<Problem>,
    /// The step being read, for the findings' `step` field.
    step: Option<String>,
}

impl Reader<'_> {
    fn report(&mut self, span: Span, message: String, help: Option<String>) {
        let mut problem = Problem::new(ProblemKind::Schema, self.file, span, message);
        problem.help = help;
        problem.step = self.step.clone();
        self.problems.push(problem);
    }

    fn unknown_key(&mut self, key: &Key<'_>, allowed: &[&str], place: &str) {
        let help = match suggest::closest(key.get_ref(), allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys of {place} are: {}", quoted_list(allowed.iter().copied())),
        };
        self.report(key.span(), format!("unknown key `{}` in {place}", key.get_ref()), Some(help));
    }

    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: &str) {
        let found = value.get_ref().type_str();
        let help = match (expected, value.get_ref()) {
            ("a date", DeValue::String(s)) if Date::parse(s).is_some() => {
                Some(format!("write the date without quotes: `{key} = {}`", s.trim()))
            }
            ("a string", DeValue::Integer(_) | DeValue::Float(_)) => Some("put the value between quotes".to_string()),
            _ => None,
        };
        self.report(value.span(), format!("`{key}` must be {expected}, found {found}"), help);
    }

    fn procedure(&mut self, slug: String, table: &DeTable<'_>) -> Procedure {
        let mut procedure = Procedure { slug, ..Procedure::default() };
        if table.is_empty() {
            self.report(
                0..0,
                "the file is empty: a procedure needs `title`, `section` and `steps`".into(),
                Some("start from an existing procedure, or see `sopbook rules schema`".into()),
            );
            return procedure;
        }
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let ok = match name {
                "title" => self.required_string(name, value).map(|v| procedure.title = Some(v)),
                "section" => self.required_string(name, value).map(|v| procedure.section = Some(v)),
                "summary" => self.string(name, value).map(|v| procedure.summary = Some(v)),
                "owner" => self.string(name, value).map(|v| procedure.owner = Some(v)),
                "updated" => self.date(name, value).map(|v| procedure.updated = Some(v)),
                "review_months" => self.months(name, value).map(|v| procedure.review_months = Some(v)),
                "tags" => self.strings(name, value).map(|v| procedure.tags = v),
                "aliases" => self.strings(name, value).map(|v| procedure.aliases = v),
                "start" => self.string(name, value).map(|v| procedure.start = Some(v)),
                "steps" => self.steps(value).map(|v| procedure.steps = v),
                "scenarios" => self.scenarios(value).map(|v| procedure.scenarios = v),
                _ => {
                    self.unknown_key(key, TOP_KEYS, "a procedure");
                    continue;
                }
            };
            if ok.is_none() {
                procedure.invalid_keys.push(static_key(name, TOP_KEYS));
            }
        }
        for required in ["title", "section", "steps"] {
            if !table.contains_key(required) {
                self.report(0..0, format!("missing required key `{required}`"), None);
            }
        }
        procedure
    }

    fn steps(&mut self, value: &Value<'_>) -> Option<Vec<Step>> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type("steps", value, "a table of steps (`[steps.ID]`)");
            return None;
        };
        if table.is_empty() {
            self.report(value.span(), "`steps` has no steps".into(), Some("add `[steps.ID]` tables".into()));
        }
        let mut steps = Vec::with_capacity(table.len());
        for (key, value) in table {
            let id = key.get_ref().as_ref();
            self.step = Some(id.to_string());
            if !is_valid_step_id(id) {
                self.report(
                    key.span(),
                    format!("invalid step ID `{id}`"),
                    Some(format!("use lower-case letters, digits and `-`, e.g. `{}`", step_id(id))),
                );
            }
            let id = Spanned::new(key.span(), id.to_string());
            if let Some(mut step) = self.step_table(id, value) {
                step.span = header_span(self.text, key.span());
                steps.push(step);
            }
        }
        self.step = None;
        Some(steps)
    }

    fn step_table(&mut self, id: Spanned<String>, value: &Value<'_>) -> Option<Step> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(&format!("steps.{}", id.get_ref()), value, "a table");
            return None;
        };
        let mut step = Step::new(id);
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let ok = match name {
                "title" => self.string(name, value).map(|v| step.title = Some(v)),
                "text" => self.string(name, value).map(|v| step.text = Some(v)),
                "note" => self.string(name, value).map(|v| step.note = Some(v)),
                "warning" => self.string(name, value).map(|v| step.warning = Some(v)),
                "see" => self.strings(name, value).map(|v| step.see = v),
                "image" => self.images(value).map(|v| step.images = v),
                "next" => self.string(name, value).map(|v| step.next = Some(v)),
                "branches" => self.branches(value).map(|v| step.branches = Some(v)),
                "end" => self.end(value).map(|v| step.end = Some(v)),
                "to" => self.string(name, value).map(|v| step.to = Some(v)),
                "sla" => self.string(name, value).map(|v| step.sla = Some(v)),
                "via" => self.string(name, value).map(|v| step.via = Some(v)),
                "fields" => self.fields(value).map(|v| step.fields = v),
                _ => {
                    self.unknown_key(key, STEP_KEYS, "a step");
                    continue;
                }
            };
            if ok.is_none() {
                step.invalid_keys.push(static_key(name, STEP_KEYS));
            }
        }
        self.escalation_keys_outside_escalation(&step, table);
        Some(step)
    }

    /// `to`, `sla`, `via` and `fields` mean nothing on other steps: say so rather than ignore them.
    fn escalation_keys_outside_escalation(&mut self, step: &Step, table: &DeTable<'_>) {
        let is_escalation = matches!(step.end.as_ref().map(|e| *e.get_ref()), Some(EndKind::Escalation));
        if is_escalation || step.is_invalid("end") {
            return;
        }
        for (key, _) in table {
            if ESCALATION_KEYS.contains(&key.get_ref().as_ref()) {
                self.report(
                    key.span(),
                    format!("`{}` only applies to an escalation", key.get_ref()),
                    Some("add `end = \"escalation\"` to make this step an escalation, or remove the key".into()),
                );
            }
        }
    }

    fn branches(&mut self, value: &Value<'_>) -> Option<Spanned<Vec<Branch>>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("branches", value, "an array of `{ when = \"…\", next = \"…\" }`");
            return None;
        };
        let mut branches = Vec::with_capacity(items.len());
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("branches", item, "an array of `{ when = \"…\", next = \"…\" }`");
                continue;
            };
            let mut branch = Branch { when: None, next: None, span: item.span() };
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "when" => branch.when = self.required_string("when", value),
                    "next" => branch.next = self.string("next", value),
                    _ => self.unknown_key(key, BRANCH_KEYS, "a branch"),
                }
            }
            for (present, key) in [(table.contains_key("when"), "when"), (table.contains_key("next"), "next")] {
                if !present {
                    self.report(item.span(), format!("branch without `{key}`"), None);
                }
            }
            branches.push(branch);
        }
        Some(Spanned::new(value.span(), branches))
    }

    fn scenarios(&mut self, value: &Value<'_>) -> Option<Vec<Scenario>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("scenarios", value, "an array of tables (`[[scenarios]]`)");
            return None;
        };
        let mut scenarios = Vec::with_capacity(items.len());
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("scenarios", item, "a table (`[[scenarios]]`)");
                continue;
            };
            let mut scenario = Scenario {
                name: None,
                answers: Answers::default(),
                answers_span: None,
                expect: None,
                span: item.span(),
                invalid: false,
            };
            let before = self.problems.len();
            for (key, value) in table {
                // The table's own span may be its header only: stretch it over every key and value.
                scenario.span.start = scenario.span.start.min(key.span().start);
                scenario.span.end = scenario.span.end.max(value.span().end);
                match key.get_ref().as_ref() {
                    "name" => scenario.name = self.required_string("name", value),
                    "answers" => {
                        scenario.answers_span = Some(value.span());
                        scenario.answers = self.answers(value).unwrap_or_default();
                    }
                    "expect" => scenario.expect = self.expect(value),
                    _ => self.unknown_key(key, SCENARIO_KEYS, "a scenario"),
                }
            }
            for key in ["name", "expect"] {
                if !table.contains_key(key) {
                    let span = scenario.name.as_ref().map_or(item.span(), Spanned::span);
                    self.report(span, format!("scenario without `{key}`"), Some(scenario_help(key)));
                }
            }
            scenario.invalid = self.problems.len() > before;
            scenarios.push(scenario);
        }
        Some(scenarios)
    }

    /// `["Sim", "Não"]`, or `{ step-id = "Sim", other-id = ["Não", "Sim"] }`.
    fn answers(&mut self, value: &Value<'_>) -> Option<Answers> {
        match value.get_ref() {
            DeValue::Array(_) => self.strings("answers", value).map(Answers::InOrder),
            DeValue::Table(table) => {
                let mut by_step = Vec::with_capacity(table.len());
                for (key, value) in table {
                    let step = Spanned::new(key.span(), key.get_ref().to_string());
                    let (answers, every_time) = match value.get_ref() {
                        DeValue::String(_) => (self.string("answers", value).into_iter().collect(), true),
                        DeValue::Array(_) => (self.strings("answers", value)?, false),
                        _ => {
                            self.wrong_type(
                                &format!("answers.{}", step.get_ref()),
                                value,
                                "a string or an array of strings",
                            );
                            continue;
                        }
                    };
                    by_step.push(StepAnswers { step, answers, every_time });
                }
                Some(Answers::ByStep(by_step))
            }
            _ => {
                let help = value.get_ref().is_str().then(|| "write it as a list: `[\"…\"]`".to_string());
                let found = value.get_ref().type_str();
                let message = format!("`answers` must be an array of answers or a table of step IDs, found {found}");
                self.report(value.span(), message, help);
                None
            }
        }
    }

    /// `"chamado"`, or `{ end = "escalation", to = "Relacionamento" }`.
    fn expect(&mut self, value: &Value<'_>) -> Option<Spanned<Expect>> {
        let table = match value.get_ref() {
            DeValue::String(_) => {
                let id = self.required_string("expect", value)?;
                return Some(Spanned::new(value.span(), Expect::Step(id.into_inner())));
            }
            DeValue::Table(table) => table,
            _ => {
                self.wrong_type("expect", value, EXPECT_SHAPE);
                return None;
            }
        };
        let (mut kind, mut to) = (None, None);
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "end" => kind = self.end(value),
                "to" => to = self.required_string("to", value),
                _ => self.unknown_key(key, EXPECT_KEYS, "`expect`"),
            }
        }
        if !table.contains_key("end") {
            let help = "add `end = \"resolution\"` or `end = \"escalation\"`".to_string();
            self.report(value.span(), "`expect` without `end`".into(), Some(help));
        }
        let kind = *kind?.get_ref();
        if to.is_some() && kind == EndKind::Resolution {
            let help = "`to` names the sector of an escalation: remove it, or expect `end = \"escalation\"`";
            self.report(value.span(), "`to` only applies to an expected escalation".into(), Some(help.into()));
            return None;
        }
        Some(Spanned::new(value.span(), Expect::End { kind, to: to.map(Spanned::into_inner) }))
    }

    fn images(&mut self, value: &Value<'_>) -> Option<Vec<Image>> {
        let items: Vec<&Value<'_>> = match value.get_ref() {
            DeValue::Table(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type("image", value, "`{ src = \"…\", alt = \"…\" }` or an array of them");
                return None;
            }
        };
        let mut images = Vec::with_capacity(items.len());
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("image", item, "`{ src = \"…\", alt = \"…\" }`");
                continue;
            };
            let mut image = Image { src: None, alt: None, caption: None, span: item.span() };
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "src" => image.src = self.string("src", value),
                    "alt" => image.alt = self.string("alt", value),
                    "caption" => image.caption = self.string("caption", value),
                    _ => self.unknown_key(key, IMAGE_KEYS, "an image"),
                }
            }
            if image.src.is_none() && !table.contains_key("src") {
                self.report(item.span(), "image without `src`".into(), None);
            }
            images.push(image);
        }
        Some(images)
    }

    fn fields(&mut self, value: &Value<'_>) -> Option<Vec<Field>> {
        let DeValue::Array(items) = value.get_ref() else {
            let help = value.get_ref().is_str().then(|| "write it as a list: `[\"…\"]`".to_string());
            let found = value.get_ref().type_str();
            self.report(value.span(), format!("`fields` must be an array, found {found}"), help);
            return None;
        };
        Some(items.iter().filter_map(|item| self.field(item)).collect())
    }

    /// One entry of `fields`: a name, or a table with `name` and optional `kind` and `required`.
    fn field(&mut self, item: &Value<'_>) -> Option<Field> {
        let table = match item.get_ref() {
            DeValue::String(_) => return self.string("fields", item).map(Field::named),
            DeValue::Table(table) => table,
            _ => {
                self.wrong_type("fields", item, FIELD_SHAPE);
                return None;
            }
        };
        let (mut name, mut declared_kind, mut required) = (None, None, true);
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "name" => name = self.required_string("name", value),
                "kind" => declared_kind = self.field_kind(value),
                "required" => required = self.boolean("required", value).unwrap_or(true),
                _ => self.unknown_key(key, FIELD_KEYS, "a field"),
            }
        }
        if name.is_none() && !table.contains_key("name") {
            self.report(item.span(), "field without `name`".into(), None);
        }
        Some(Field { name: name?, declared_kind, required, span: item.span() })
    }

    fn field_kind(&mut self, value: &Value<'_>) -> Option<Spanned<FieldKind>> {
        let raw = self.string("kind", value)?;
        if let Some(kind) = FieldKind::parse(raw.get_ref()) {
            return Some(Spanned::new(value.span(), kind));
        }
        let names = FieldKind::ALL.map(|(name, _)| name);
        let help = match suggest::closest(raw.get_ref(), names) {
            Some(best) => format!("did you mean `\"{best}\"`?"),
            None => format!("the kinds are: {}", quoted_list(names)),
        };
        self.report(value.span(), format!("unknown field kind `{}`", raw.get_ref()), Some(help));
        None
    }

    fn boolean(&mut self, key: &str, value: &Value<'_>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, "`true` or `false`");
                None
            }
        }
    }

    fn end(&mut self, value: &Value<'_>) -> Option<Spanned<EndKind>> {
        let raw = self.string("end", value)?;
        let kind = match raw.get_ref().as_str() {
            "resolution" => EndKind::Resolution,
            "escalation" => EndKind::Escalation,
            other => {
                let help = match suggest::closest(other, ["resolution", "escalation"]) {
                    Some(best) => format!("did you mean `\"{best}\"`?"),
                    None => "use `\"resolution\"` or `\"escalation\"`".into(),
                };
                self.report(value.span(), format!("unknown `end` value `{other}`"), Some(help));
                return None;
            }
        };
        Some(Spanned::new(value.span(), kind))
    }

    fn string(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(key, value, "a string");
                None
            }
        }
    }

    fn required_string(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        let s = self.string(key, value)?;
        if s.get_ref().trim().is_empty() {
            self.report(value.span(), format!("`{key}` must not be empty"), None);
            return None;
        }
        Some(s)
    }

    fn strings(&mut self, key: &str, value: &Value<'_>) -> Option<Vec<Spanned<String>>> {
        let DeValue::Array(items) = value.get_ref() else {
            let help = value.get_ref().is_str().then(|| "write it as a list: `[\"…\"]`".to_string());
            let found = value.get_ref().type_str();
            self.report(value.span(), format!("`{key}` must be an array of strings, found {found}"), help);
            return None;
        };
        Some(items.iter().filter_map(|item| self.string(key, item)).collect())
    }

    fn date(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<Date>> {
        let DeValue::Datetime(datetime) = value.get_ref() else {
            self.wrong_type(key, value, "a date");
            return None;
        };
        let date = datetime.date.filter(|_| datetime.time.is_none() && datetime.offset.is_none());
        match date.and_then(|d| Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day))) {
            Some(date) => Some(Spanned::new(value.span(), date)),
            None => {
                self.report(value.span(), format!("`{key}` must be a date like 2019-11-22"), None);
                None
            }
        }
    }

    fn months(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<u32>> {
        let parsed = value.get_ref().as_integer().and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match parsed {
            Some(n) if (1..=600).contains(&n) => Some(Spanned::new(value.span(), n as u32)),
            Some(_) => {
                self.report(value.span(), format!("`{key}` must be between 1 and 600 months"), None);
                None
            }
            None => {
                self.wrong_type(key, value, "a whole number of months");
                None
            }
        }
    }
}

fn scenario_help(key: &str) -> String {
    match key {
        "name" => "name the case as the desk knows it, e.g. `name = \"Máquina formatada\"`".into(),
        _ => "say where the walk must end: a terminal's step ID, e.g. `expect = \"resolvido\"`, or \
              `expect = { end = \"escalation\", to = \"Relacionamento\" }`"
            .into(),
    }
}

/// The whole `[steps.ID]` header when the step's key stands in one (so findings about the step
/// point at column 1, where the step begins); otherwise the key itself.
fn header_span(text: &str, key: Span) -> Span {
    let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..key.start];
    let indent = before.len() - before.trim_start().len();
    if !before.trim_start().starts_with('[') {
        return key;
    }
    match text[key.end..].find(']') {
        Some(close) if !text[key.end..key.end + close].contains('\n') => line_start + indent..key.end + close + 1,
        _ => key,
    }
}

fn static_key(name: &str, keys: &[&'static str]) -> &'static str {
    keys.iter().copied().find(|k| *k == name).unwrap_or("")
}

pub fn is_valid_step_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_ids_are_lower_case_digits_and_dashes() {
        assert!(is_valid_step_id("acesso-maquina-2"));
        for bad in ["", "Acesso", "acesso_maquina", "ação"] {
            assert!(!is_valid_step_id(bad), "{bad}");
        }
        assert_eq!(step_id("Ação Rápida_2"), "acao-rapida-2");
    }

    fn read(text: &str) -> (Option<Procedure>, Vec<Problem>) {
        let mut problems = Vec::new();
        let procedure = parse(0, "p".into(), text, &mut problems);
        (procedure, problems)
    }

    const HEAD: &str = "title = \"T\"\nsection = \"S\"\n";
    const STEPS: &str = "[steps.a]\nend = \"resolution\"\n";

    #[test]
    fn aliases_are_read_with_their_spans() {
        let text = format!("{HEAD}aliases = [\"perdi o pfx\", \"formatou\"]\n{STEPS}");
        let (procedure, problems) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        let aliases = procedure.unwrap().aliases;
        let written: Vec<&str> = aliases.iter().map(|a| &text[a.span()]).collect();
        assert_eq!(written, ["\"perdi o pfx\"", "\"formatou\""]);
        assert_eq!(aliases[0].get_ref(), "perdi o pfx");
    }

    #[test]
    fn aliases_of_the_wrong_type_are_schema_problems() {
        let text = format!("{HEAD}aliases = \"perdi o pfx\"\n{STEPS}");
        let (procedure, problems) = read(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Schema);
        assert_eq!(problems[0].message, "`aliases` must be an array of strings, found string");
        assert_eq!(problems[0].help.as_deref(), Some("write it as a list: `[\"…\"]`"));
        assert_eq!(&text[problems[0].span.clone()], "\"perdi o pfx\"");
        assert_eq!(procedure.unwrap().invalid_keys, ["aliases"]);

        let text = format!("{HEAD}aliases = [\"ok\", 3]\n{STEPS}");
        let (procedure, problems) = read(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "`aliases` must be a string, found integer");
        assert_eq!(&text[problems[0].span.clone()], "3");
        assert_eq!(procedure.unwrap().aliases.len(), 1, "the valid alias is kept");
    }

    const ESCALATION: &str = "[steps.a]\nend = \"escalation\"\nto = \"R\"\nsla = \"2d\"\n";

    fn fields_of(list: &str) -> (String, Vec<Field>, Vec<Problem>) {
        let text = format!("{HEAD}{ESCALATION}fields = {list}\n");
        let (procedure, problems) = read(&text);
        let mut steps = procedure.unwrap().steps;
        (text, steps.remove(0).fields, problems)
    }

    #[test]
    fn fields_are_names_or_tables() {
        let (text, fields, problems) =
            fields_of("[\"CNPJ\", { name = \"Telefone 2\", kind = \"phone\", required = false }, { name = \"Nome\" }]");
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<&str> = fields.iter().map(|f| f.name.get_ref().as_str()).collect();
        assert_eq!(names, ["CNPJ", "Telefone 2", "Nome"]);
        assert_eq!(fields.iter().map(|f| f.required).collect::<Vec<_>>(), [true, false, true]);
        assert_eq!(fields[1].declared_kind.as_ref().map(|k| *k.get_ref()), Some(FieldKind::Phone));
        assert_eq!(fields[0].kind(), FieldKind::Cnpj, "inferred from the name");
        assert_eq!(&text[fields[1].span.clone()], "{ name = \"Telefone 2\", kind = \"phone\", required = false }");
    }

    #[test]
    fn field_mistakes_are_schema_problems() {
        let cases = [
            ("[{ name = \"T\", kind = \"telefone\" }]", "unknown field kind `telefone`", "\"telefone\""),
            ("[{ name = \"T\", tipo = \"phone\" }]", "unknown key `tipo` in a field", "tipo"),
            ("[{ kind = \"phone\" }]", "field without `name`", "{ kind = \"phone\" }"),
            ("[{ name = \"T\", required = \"não\" }]", "`required` must be `true` or `false`, found string", "\"não\""),
            ("[{ name = 3 }]", "`name` must be a string, found integer", "3"),
            (
                "[3]",
                "`fields` must be a string or `{ name = \"…\", kind = \"…\", required = false }`, found integer",
                "3",
            ),
            ("\"CNPJ\"", "`fields` must be an array, found string", "\"CNPJ\""),
        ];
        for (list, message, spanned) in cases {
            let (text, _, problems) = fields_of(list);
            assert_eq!(problems.len(), 1, "{list}: {problems:?}");
            assert_eq!(problems[0].kind, ProblemKind::Schema);
            assert_eq!(problems[0].message, message, "{list}");
            assert_eq!(&text[problems[0].span.clone()], spanned, "{list}");
            assert_eq!(problems[0].step.as_deref(), Some("a"));
        }
        let (_, _, problems) = fields_of("[{ name = \"T\", kind = \"phon\" }]");
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `\"phone\"`?"));
    }
}
