//! A procedure file: TOML text → [`Procedure`], recording every `schema` problem on the way
//! instead of stopping at the first, so an editor sees all of them in one run.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::words::{did_you_mean, found};
use super::{Problem, ProblemKind};
use crate::model::{
    Answers, Branch, Date, EndKind, Expect, Field, FieldKind, Image, Procedure, Scenario, Span, Step, StepAnswers,
};
use crate::suggest;
use crate::t;
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
const FIELD_KEYS: &[&str] = &["name", "kind", "required"];

// The inline tables the messages show, as TOML (never translated).
const BRANCH_TABLE: &str = "{ when = \"…\", next = \"…\" }";
const EXPECT_TABLE: &str = "{ end = \"escalation\", to = \"…\" }";
const IMAGE_TABLE: &str = "{ src = \"…\", alt = \"…\" }";
const FIELD_TABLE: &str = "{ name = \"…\", kind = \"…\", required = false }";

/// What a key's value should have been, for "`key` must be …, found …".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    String,
    Date,
    Table,
    Array,
    Strings,
    Boolean,
    Months,
    /// `steps`: `[steps.ID]` tables.
    Steps,
    Branches,
    Scenarios,
    Scenario,
    /// The answers of one decision in `answers = { … }`.
    StepAnswers,
    /// `answers`: in order or by step.
    Answers,
    Expect,
    Images,
    Image,
    Field,
}

impl Shape {
    fn words(self) -> String {
        match self {
            Shape::String => t!("load-shape-string"),
            Shape::Date => t!("load-shape-date"),
            Shape::Table => t!("load-shape-table"),
            Shape::Array => t!("load-shape-array"),
            Shape::Strings => t!("load-shape-strings"),
            Shape::Boolean => t!("load-shape-boolean"),
            Shape::Months => t!("load-shape-months"),
            Shape::Steps => t!("load-shape-steps"),
            Shape::Branches => t!("load-shape-branches", table = BRANCH_TABLE),
            Shape::Scenarios => t!("load-shape-scenarios"),
            Shape::Scenario => t!("load-shape-scenario"),
            Shape::StepAnswers => t!("load-shape-step-answers"),
            Shape::Answers => t!("load-shape-answers"),
            Shape::Expect => t!("load-shape-expect", table = EXPECT_TABLE),
            Shape::Images => t!("load-shape-images", table = IMAGE_TABLE),
            Shape::Image => format!("`{IMAGE_TABLE}`"),
            Shape::Field => t!("load-shape-field", table = FIELD_TABLE),
        }
    }
}

/// Where an unknown key was written, for "unknown key `x` in a step" (a selector of
/// `load-unknown-key-in`).
#[derive(Clone, Copy)]
enum Place {
    Procedure,
    Step,
    Branch,
    Image,
    Field,
    Scenario,
    Expect,
}

impl Place {
    fn id(self) -> &'static str {
        match self {
            Place::Procedure => "procedure",
            Place::Step => "step",
            Place::Branch => "branch",
            Place::Image => "image",
            Place::Field => "field",
            Place::Scenario => "scenario",
            Place::Expect => "expect",
        }
    }
}

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
    match message.trim().lines().next().map(|line| line.trim_end_matches('.')) {
        Some(first) if !first.is_empty() => t!("load-invalid-toml", detail = toml_detail(first)),
        _ => t!("load-invalid-toml-bare"),
    }
}

/// The TOML parser's words (always English) for the mistakes editors make most, from the
/// catalogue; another stays as the parser wrote it. "key with no value, expected `=`" →
/// "chave sem valor; esperava `=`".
fn toml_detail(detail: &str) -> String {
    const KNOWN: [(&str, &str); 17] = [
        ("key with no value", "toml-key-with-no-value"),
        ("unclosed table", "toml-unclosed-table"),
        ("unclosed array table", "toml-unclosed-array-table"),
        ("unclosed array", "toml-unclosed-array"),
        ("unclosed inline table", "toml-unclosed-inline-table"),
        ("invalid basic string", "toml-invalid-basic-string"),
        ("invalid multi-line basic string", "toml-invalid-multi-line-string"),
        ("invalid literal string", "toml-invalid-literal-string"),
        ("missing value", "toml-missing-value"),
        ("missing value for key", "toml-missing-value"),
        ("string values must be quoted", "toml-string-values-must-be-quoted"),
        ("duplicate key", "toml-duplicate-key"),
        ("missing comma between array elements", "toml-missing-comma"),
        ("missing assignment between key-value pairs", "toml-missing-assignment"),
        ("invalid unquoted key", "toml-invalid-unquoted-key"),
        ("unexpected content", "toml-unexpected-content"),
        ("invalid value", "toml-invalid-value"),
    ];
    let (what, expected) = match detail.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (detail, None),
    };
    let Some((_, key)) = KNOWN.iter().find(|(english, _)| *english == what) else {
        return detail.to_string();
    };
    let what = crate::i18n::message(key, &[]);
    match expected {
        Some(expected) => t!("toml-expected", what = what, expected = expected),
        None => what,
    }
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

    fn unknown_key(&mut self, key: &Key<'_>, allowed: &[&str], place: Place) {
        let help = match suggest::closest(key.get_ref(), allowed.iter().copied()) {
            Some(best) => did_you_mean(best),
            None => t!("load-unknown-key-in.help", place = place.id(), keys = quoted_list(allowed.iter().copied())),
        };
        let message = t!("load-unknown-key-in", key = key.get_ref().as_ref(), place = place.id());
        self.report(key.span(), message, Some(help));
    }

    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: Shape) {
        let help = match (expected, value.get_ref()) {
            (Shape::Date, DeValue::String(s)) if Date::parse(s).is_some() => {
                Some(t!("load-date-in-quotes.help", key = key, date = s.trim()))
            }
            (Shape::String, DeValue::Integer(_) | DeValue::Float(_)) => Some(t!("load-put-in-quotes")),
            _ => None,
        };
        self.must_be(key, value, expected, help);
    }

    /// "`key` must be …, found …".
    fn must_be(&mut self, key: &str, value: &Value<'_>, expected: Shape, help: Option<String>) {
        let found = found(value.get_ref().type_str());
        self.report(value.span(), t!("load-must-be", key = key, expected = expected.words(), found = found), help);
    }

    fn procedure(&mut self, slug: String, table: &DeTable<'_>) -> Procedure {
        let mut procedure = Procedure { slug, ..Procedure::default() };
        if table.is_empty() {
            self.report(0..0, t!("load-empty-procedure"), Some(t!("load-empty-procedure.help")));
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
                    self.unknown_key(key, TOP_KEYS, Place::Procedure);
                    continue;
                }
            };
            if ok.is_none() {
                procedure.invalid_keys.push(static_key(name, TOP_KEYS));
            }
        }
        for required in ["title", "section", "steps"] {
            if !table.contains_key(required) {
                self.report(0..0, t!("load-missing-key", key = required), None);
            }
        }
        procedure
    }

    fn steps(&mut self, value: &Value<'_>) -> Option<Vec<Step>> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type("steps", value, Shape::Steps);
            return None;
        };
        if table.is_empty() {
            self.report(value.span(), t!("load-no-steps"), Some(t!("load-no-steps.help")));
        }
        let mut steps = Vec::with_capacity(table.len());
        for (key, value) in table {
            let id = key.get_ref().as_ref();
            self.step = Some(id.to_string());
            if !is_valid_step_id(id) {
                let help = t!("load-invalid-step-id.help", example = step_id(id));
                self.report(key.span(), t!("load-invalid-step-id", id = id), Some(help));
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
            self.wrong_type(&format!("steps.{}", id.get_ref()), value, Shape::Table);
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
                    self.unknown_key(key, STEP_KEYS, Place::Step);
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
                let message = t!("load-escalation-key", key = key.get_ref().as_ref());
                self.report(key.span(), message, Some(t!("load-escalation-key.help")));
            }
        }
    }

    fn branches(&mut self, value: &Value<'_>) -> Option<Spanned<Vec<Branch>>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("branches", value, Shape::Branches);
            return None;
        };
        let mut branches = Vec::with_capacity(items.len());
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("branches", item, Shape::Branches);
                continue;
            };
            let mut branch = Branch { when: None, next: None, span: item.span() };
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "when" => branch.when = self.required_string("when", value),
                    "next" => branch.next = self.string("next", value),
                    _ => self.unknown_key(key, BRANCH_KEYS, Place::Branch),
                }
            }
            for (present, key) in [(table.contains_key("when"), "when"), (table.contains_key("next"), "next")] {
                if !present {
                    self.report(item.span(), t!("load-branch-without", key = key), None);
                }
            }
            branches.push(branch);
        }
        Some(Spanned::new(value.span(), branches))
    }

    fn scenarios(&mut self, value: &Value<'_>) -> Option<Vec<Scenario>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("scenarios", value, Shape::Scenarios);
            return None;
        };
        let mut scenarios = Vec::with_capacity(items.len());
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("scenarios", item, Shape::Scenario);
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
                    _ => self.unknown_key(key, SCENARIO_KEYS, Place::Scenario),
                }
            }
            for key in ["name", "expect"] {
                if !table.contains_key(key) {
                    let span = scenario.name.as_ref().map_or(item.span(), Spanned::span);
                    self.report(span, t!("load-scenario-without", key = key), Some(scenario_help(key)));
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
                            self.wrong_type(&format!("answers.{}", step.get_ref()), value, Shape::StepAnswers);
                            continue;
                        }
                    };
                    by_step.push(StepAnswers { step, answers, every_time });
                }
                Some(Answers::ByStep(by_step))
            }
            _ => {
                let help = value.get_ref().is_str().then(|| t!("load-help-write-list"));
                self.must_be("answers", value, Shape::Answers, help);
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
                self.wrong_type("expect", value, Shape::Expect);
                return None;
            }
        };
        let (mut kind, mut to) = (None, None);
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "end" => kind = self.end(value),
                "to" => to = self.required_string("to", value),
                _ => self.unknown_key(key, EXPECT_KEYS, Place::Expect),
            }
        }
        if !table.contains_key("end") {
            self.report(value.span(), t!("load-expect-without-end"), Some(t!("load-expect-without-end.help")));
        }
        let kind = *kind?.get_ref();
        if to.is_some() && kind == EndKind::Resolution {
            self.report(value.span(), t!("load-expect-to"), Some(t!("load-expect-to.help")));
            return None;
        }
        Some(Spanned::new(value.span(), Expect::End { kind, to: to.map(Spanned::into_inner) }))
    }

    fn images(&mut self, value: &Value<'_>) -> Option<Vec<Image>> {
        let items: Vec<&Value<'_>> = match value.get_ref() {
            DeValue::Table(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type("image", value, Shape::Images);
                return None;
            }
        };
        let mut images = Vec::with_capacity(items.len());
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type("image", item, Shape::Image);
                continue;
            };
            let mut image = Image { src: None, alt: None, caption: None, span: item.span() };
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "src" => image.src = self.string("src", value),
                    "alt" => image.alt = self.string("alt", value),
                    "caption" => image.caption = self.string("caption", value),
                    _ => self.unknown_key(key, IMAGE_KEYS, Place::Image),
                }
            }
            if image.src.is_none() && !table.contains_key("src") {
                self.report(item.span(), t!("load-image-without-src"), None);
            }
            images.push(image);
        }
        Some(images)
    }

    fn fields(&mut self, value: &Value<'_>) -> Option<Vec<Field>> {
        let DeValue::Array(items) = value.get_ref() else {
            let help = value.get_ref().is_str().then(|| t!("load-help-write-list"));
            self.must_be("fields", value, Shape::Array, help);
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
                self.wrong_type("fields", item, Shape::Field);
                return None;
            }
        };
        let (mut name, mut declared_kind, mut required) = (None, None, true);
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "name" => name = self.required_string("name", value),
                "kind" => declared_kind = self.field_kind(value),
                "required" => required = self.boolean("required", value).unwrap_or(true),
                _ => self.unknown_key(key, FIELD_KEYS, Place::Field),
            }
        }
        if name.is_none() && !table.contains_key("name") {
            self.report(item.span(), t!("load-field-without-name"), None);
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
            Some(best) => did_you_mean(&format!("\"{best}\"")),
            None => t!("load-unknown-field-kind.help", kinds = quoted_list(names)),
        };
        self.report(value.span(), t!("load-unknown-field-kind", kind = raw.get_ref().as_str()), Some(help));
        None
    }

    fn boolean(&mut self, key: &str, value: &Value<'_>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, Shape::Boolean);
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
                    Some(best) => did_you_mean(&format!("\"{best}\"")),
                    None => t!("load-unknown-end.help"),
                };
                self.report(value.span(), t!("load-unknown-end", value = other), Some(help));
                return None;
            }
        };
        Some(Spanned::new(value.span(), kind))
    }

    fn string(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(key, value, Shape::String);
                None
            }
        }
    }

    fn required_string(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        let s = self.string(key, value)?;
        if s.get_ref().trim().is_empty() {
            self.report(value.span(), t!("load-empty-value", key = key), None);
            return None;
        }
        Some(s)
    }

    fn strings(&mut self, key: &str, value: &Value<'_>) -> Option<Vec<Spanned<String>>> {
        let DeValue::Array(items) = value.get_ref() else {
            let help = value.get_ref().is_str().then(|| t!("load-help-write-list"));
            self.must_be(key, value, Shape::Strings, help);
            return None;
        };
        Some(items.iter().filter_map(|item| self.string(key, item)).collect())
    }

    fn date(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<Date>> {
        let DeValue::Datetime(datetime) = value.get_ref() else {
            self.wrong_type(key, value, Shape::Date);
            return None;
        };
        let date = datetime.date.filter(|_| datetime.time.is_none() && datetime.offset.is_none());
        match date.and_then(|d| Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day))) {
            Some(date) => Some(Spanned::new(value.span(), date)),
            None => {
                self.report(value.span(), t!("load-date-like", key = key), None);
                None
            }
        }
    }

    fn months(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<u32>> {
        let parsed = value.get_ref().as_integer().and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match parsed {
            Some(n) if (1..=600).contains(&n) => Some(Spanned::new(value.span(), n as u32)),
            Some(_) => {
                self.report(value.span(), t!("load-months-range", key = key), None);
                None
            }
            None => {
                self.wrong_type(key, value, Shape::Months);
                None
            }
        }
    }
}

fn scenario_help(key: &str) -> String {
    match key {
        "name" => t!("load-scenario-without-name.help"),
        _ => t!("load-scenario-without-expect.help", table = "{ end = \"escalation\", to = \"Relacionamento\" }"),
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

    #[test]
    fn the_parsers_common_words_are_translated_and_others_kept() {
        assert_eq!(super::toml_detail("key with no value, expected `=`"), "chave sem valor; esperava `=`");
        assert_eq!(super::toml_detail("duplicate key"), "chave duplicada");
        assert_eq!(
            super::toml_detail("cannot recurse further; max recursion depth met"),
            "cannot recurse further; max recursion depth met"
        );
        assert_eq!(
            super::syntax_message("unclosed table, expected `]`\n"),
            "TOML inválido: cabeçalho de tabela não fechado; esperava `]`"
        );
    }
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
        assert_eq!(problems[0].message, "`aliases` deveria ser uma lista de textos, mas é um texto");
        assert_eq!(problems[0].help.as_deref(), Some("escreva como lista: `[\"…\"]`"));
        assert_eq!(&text[problems[0].span.clone()], "\"perdi o pfx\"");
        assert_eq!(procedure.unwrap().invalid_keys, ["aliases"]);

        let text = format!("{HEAD}aliases = [\"ok\", 3]\n{STEPS}");
        let (procedure, problems) = read(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "`aliases` deveria ser um texto, mas é um número inteiro");
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
            ("[{ name = \"T\", kind = \"telefone\" }]", "tipo de dado desconhecido `telefone`", "\"telefone\""),
            ("[{ name = \"T\", tipo = \"phone\" }]", "chave desconhecida `tipo` num dado de `fields`", "tipo"),
            ("[{ kind = \"phone\" }]", "dado sem `name`", "{ kind = \"phone\" }"),
            (
                "[{ name = \"T\", required = \"não\" }]",
                "`required` deveria ser `true` ou `false`, mas é um texto",
                "\"não\"",
            ),
            ("[{ name = 3 }]", "`name` deveria ser um texto, mas é um número inteiro", "3"),
            (
                "[3]",
                "`fields` deveria ser um texto ou `{ name = \"…\", kind = \"…\", required = false }`, mas é um número inteiro",
                "3",
            ),
            ("\"CNPJ\"", "`fields` deveria ser uma lista, mas é um texto", "\"CNPJ\""),
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
        assert_eq!(problems[0].help.as_deref(), Some("você quis dizer `\"phone\"`?"));
    }
}
