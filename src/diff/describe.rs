//! Changes as sentences, in Brazilian Portuguese or English. One function words every change;
//! a [`Style`] decides how the editors' texts, answers, IDs, steps and word diffs look in it:
//! plain text ([`Change::describe`]), the terminal ([`super::human`]) or Markdown
//! ([`super::markdown`]).

use super::{Change, FieldKind, Language, Piece, ProcedureField, Side, StepField, StepKind, StepRef, TicketField};
use crate::i18n::Arg;
use crate::model::Date;

/// How the parts of a sentence are written.
pub(super) trait Style {
    /// An editor's text inside a sentence (a title, a sector, a breadcrumb).
    fn text(&self, text: &str) -> String;
    /// An answer or a name, set off from the sentence: `"Não"`.
    fn quoted(&self, text: &str) -> String {
        format!("\"{}\"", self.text(text))
    }
    /// An ID, a key or a TOML value, as code: `` `exportar` ``.
    fn code(&self, text: &str) -> String;
    fn words(&self, pieces: &[Piece]) -> String;
    /// Whether a step is named by its ID (the terminal) or by its title when it has one.
    fn step_by_id(&self) -> bool {
        false
    }
}

/// Plain text, as [`Change::describe`] gives it: `[-old-]{+new+}` word diffs.
pub(super) struct Plain;

impl Style for Plain {
    fn text(&self, text: &str) -> String {
        one_line(text, " ")
    }

    fn code(&self, text: &str) -> String {
        format!("`{}`", one_line(text, " "))
    }

    fn words(&self, pieces: &[Piece]) -> String {
        bracketed(pieces, |s| s.to_string())
    }
}

/// Word diffs as `[-old-]{+new+}`, each run written by `text`. Line breaks inside a change show
/// as `↵`; elsewhere they are spaces, so the diff stays on one line.
pub(super) fn bracketed(pieces: &[Piece], text: impl Fn(&str) -> String) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Same(s) => text(&one_line(s, " ")),
            Piece::Removed(s) => format!("[-{}-]", text(&one_line(s, "↵"))),
            Piece::Added(s) => format!("{{+{}+}}", text(&one_line(s, "↵"))),
        })
        .collect()
}

/// `text` with every line break (`\r\n`, `\n`, `\r`) replaced by `with`.
pub(super) fn one_line(text: &str, with: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace(['\n', '\r'], with)
}

impl Change {
    /// One line in the editor's terms, plain text, in `language`: "Passo 3 (Conseguiu
    /// exportar?): a resposta "Não" agora leva ao passo 7 (Abrir chamado) em vez do passo 5
    /// (Debug)". Word diffs show as `[-old-]{+new+}`.
    pub fn describe(&self, language: Language) -> String {
        sentence(self, &Plain, language)
    }

    /// [`Change::describe`] as HTML for the site: every editor's text escaped, IDs in `<code>`,
    /// word diffs in `<del>`/`<ins>`.
    pub fn describe_html(&self, language: Language) -> String {
        sentence(self, &Html, language)
    }
}

/// HTML, as the site shows a change: nothing an editor wrote can become markup.
pub(super) struct Html;

impl Style for Html {
    fn text(&self, text: &str) -> String {
        crate::text::escape_html(&one_line(text, " "))
    }

    fn quoted(&self, text: &str) -> String {
        format!("“{}”", self.text(text))
    }

    fn code(&self, text: &str) -> String {
        format!("<code>{}</code>", self.text(text))
    }

    fn words(&self, pieces: &[Piece]) -> String {
        super::html_words(pieces)
    }
}

/// The whole sentence: the step it belongs to, then what changed.
pub(super) fn sentence(change: &Change, style: &dyn Style, language: Language) -> String {
    let body = body(change, style, language);
    match change.step() {
        Some(step) => format!("{}: {body}", capitalized(&step_name(step, style, language))),
        None => capitalized(&body),
    }
}

pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `passo 7 (Abrir chamado)`, `passo 7 `chamado``, or `passo inexistente `x`` for an ID that
/// names no step.
pub(super) fn step_name(step: &StepRef, style: &dyn Style, language: Language) -> String {
    let id = style.code(&step.id);
    let Some(number) = step.number else {
        return tr!(language, "diff-step-missing", id = id);
    };
    match &step.title {
        Some(title) if !style.step_by_id() => {
            tr!(language, "diff-step-titled", number = number, title = style.text(title))
        }
        _ => tr!(language, "diff-step-id", number = number, id = id),
    }
}

/// What changed, without the step: "a resposta "Não" agora leva ao passo 7 (…)".
pub(super) fn body(change: &Change, style: &dyn Style, language: Language) -> String {
    let w = Words { style, language };
    use Change::*;
    match change {
        Unreadable { side, message } => match side {
            Side::Old => tr!(language, "diff-unreadable-old", message = style.text(message)),
            Side::New => tr!(language, "diff-unreadable-new", message = style.text(message)),
        },
        MetadataChanged { field, old, new, words } => w.metadata(*field, old, new, words),
        UpdatedChanged { old, new } => {
            let label = tr!(language, "diff-label-updated", key = style.code("updated"));
            let date = |d: &Option<String>| d.as_deref().map(|d| w.date(d));
            w.value(&label, date(old), date(new), true)
        }
        ReviewChanged { old, new } => {
            let months = |m: &Option<u32>| match m {
                Some(n) => tr!(language, "diff-months", count = *n),
                None => tr!(language, "diff-months-default"),
            };
            tr!(language, "diff-review-cycle", old = months(old), new = months(new))
        }
        TagsChanged { added, removed } => w.list(&tr!(language, "diff-tags"), added, removed),
        AliasesChanged { added, removed } => w.list(&tr!(language, "diff-aliases"), added, removed),
        StartChanged { old, new } => w.start(old, new),
        StepAdded { step_kind, .. } => tr!(language, "diff-step-added", kind = kind(*step_kind, language)),
        StepRemoved { step_kind, .. } => tr!(language, "diff-step-removed", kind = kind(*step_kind, language)),
        StepMoved { old_number, .. } => tr!(language, "diff-step-moved", old = *old_number),
        StepText { field, old, new, words, .. } => w.step_text(*field, old, new, words),
        KindChanged { old, new, .. } => match (old, new) {
            (StepKind::Resolution, StepKind::Escalation) => tr!(language, "diff-resolution-to-escalation"),
            (StepKind::Escalation, StepKind::Resolution) => tr!(language, "diff-escalation-to-resolution"),
            _ => tr!(language, "diff-kind-changed", old = kind(*old, language), new = kind(*new, language)),
        },
        NextChanged { old, new, .. } => w.next(old, new),
        Rerouted { answer, old, new, .. } => w.rerouted(answer, old, new),
        AnswerAdded { answer, to, .. } => {
            let answer = style.quoted(answer);
            match to {
                Some(to) => tr!(language, "diff-answer-added", answer = answer, to = w.step(to)),
                None => tr!(language, "diff-answer-added-nowhere", answer = answer),
            }
        }
        AnswerRemoved { answer, to, .. } => {
            let answer = style.quoted(answer);
            match to {
                Some(to) => tr!(language, "diff-answer-removed-to", answer = answer, to = w.step(to)),
                None => tr!(language, "diff-answer-removed", answer = answer),
            }
        }
        AnswerRenamed { old, new, .. } => {
            tr!(language, "diff-answer-renamed", old = style.quoted(old), new = style.quoted(new))
        }
        AnswersReordered { old, new, .. } => {
            let all = |answers: &[String]| answers.iter().map(|a| style.quoted(a)).collect::<Vec<_>>().join(", ");
            tr!(language, "diff-answers-reordered", old = all(old), new = all(new))
        }
        SectorChanged { old, new, .. } => w.value(&tr!(language, "diff-label-sector"), w.text(old), w.text(new), false),
        SlaChanged { old, new, .. } => {
            let label = tr!(language, "diff-label-sla");
            let (old, new) = (w.text(old), w.text(new));
            match (&old, &new) {
                (Some(old), Some(new)) => format!("{label}: {old} → {new}"),
                _ => w.value(&label, old, new, false),
            }
        }
        ViaChanged { old, new, .. } => {
            let label = tr!(language, "diff-label-via", key = style.code("via"));
            w.value(&label, w.text(old), w.text(new), false)
        }
        FieldAdded { field, .. } => tr!(language, "diff-ticket-field-added", field = w.field(field)),
        FieldRemoved { field, .. } => {
            tr!(language, "diff-ticket-field-removed", field = style.quoted(&field.name))
        }
        FieldChanged { old, new, .. } => w.field_changed(old, new),
        ReferenceAdded { step, target } => w.reference(step.is_some(), true, target),
        ReferenceRemoved { step, target } => w.reference(step.is_some(), false, target),
        SeeAdded { target, .. } => tr!(language, "diff-see-added", target = style.text(target)),
        SeeRemoved { target, .. } => tr!(language, "diff-see-removed", target = style.text(target)),
        ImageAdded { image, .. } => w.image(true, &image.src, image.alt.as_deref()),
        ImageRemoved { image, .. } => w.image(false, &image.src, image.alt.as_deref()),
        ImageChanged { old, new, .. } => {
            w.image_changed(&new.src, [(&old.alt, &new.alt), (&old.caption, &new.caption)])
        }
        ScenarioAdded { name } => tr!(language, "diff-scenario-added", name = style.quoted(name)),
        ScenarioRemoved { name } => tr!(language, "diff-scenario-removed", name = style.quoted(name)),
        ScenarioChanged { name, old, new } => {
            let mut parts = Vec::new();
            if old.answers != new.answers {
                let (old, new) = (style.code(&old.answers), style.code(&new.answers));
                parts.push(tr!(language, "diff-scenario-answers", old = old, new = new));
            }
            if old.expect != new.expect {
                let (old, new) = (style.code(&old.expect), style.code(&new.expect));
                parts.push(tr!(language, "diff-scenario-expect", old = old, new = new));
            }
            tr!(language, "diff-scenario-changed", name = style.quoted(name), parts = parts.join("; "))
        }
    }
}

/// The kind of a step in words.
fn kind(kind: StepKind, language: Language) -> String {
    match kind {
        StepKind::Action => tr!(language, "diff-kind-action"),
        StepKind::Decision => tr!(language, "diff-kind-decision"),
        StepKind::Resolution => tr!(language, "diff-kind-resolution"),
        StepKind::Escalation => tr!(language, "diff-kind-escalation"),
        StepKind::Mixed | StepKind::Incomplete => tr!(language, "diff-kind-broken"),
    }
}

fn field_kind(kind: FieldKind, language: Language) -> String {
    match kind {
        FieldKind::Cnpj => "CNPJ".to_string(),
        FieldKind::Cpf => "CPF".to_string(),
        FieldKind::Phone => tr!(language, "diff-field-kind-phone"),
        FieldKind::Email => tr!(language, "diff-field-kind-email"),
        FieldKind::Text => tr!(language, "diff-field-kind-text"),
        FieldKind::LongText => tr!(language, "diff-field-kind-long-text"),
    }
}

/// The sentence parts shared by several changes.
struct Words<'s> {
    style: &'s dyn Style,
    language: Language,
}

/// `id`, or its `.feminine` form for a feminine noun in Portuguese (the same text in English).
fn agreeing(language: Language, id: &str, feminine: bool, args: &[(&str, Arg<'_>)]) -> String {
    let id = if feminine { format!("{id}.feminine") } else { id.to_string() };
    crate::i18n::message_in(language, &id, args)
}

impl Words<'_> {
    fn step(&self, step: &StepRef) -> String {
        step_name(step, self.style, self.language)
    }

    fn text(&self, text: &Option<String>) -> Option<String> {
        text.as_deref().map(|t| self.style.text(t))
    }

    fn date(&self, iso: &str) -> String {
        match Date::parse(iso) {
            Some(date) if self.language == Language::PtBr => {
                format!("{:02}/{:02}/{:04}", date.day, date.month, date.year)
            }
            _ => self.style.text(iso),
        }
    }

    /// `label alterado: A → B`, `label definido: B`, `label removido (era A)`; `feminine` for
    /// the agreement in Portuguese.
    fn value(&self, label: &str, old: Option<String>, new: Option<String>, feminine: bool) -> String {
        let say = |id: &str, args: &[(&str, Arg<'_>)]| agreeing(self.language, id, feminine, args);
        match (old, new) {
            (Some(old), Some(new)) => {
                say("diff-value-changed", &[("label", label.into()), ("old", old.into()), ("new", new.into())])
            }
            (None, Some(new)) => say("diff-value-set", &[("label", label.into()), ("new", new.into())]),
            (Some(old), None) => say("diff-value-removed", &[("label", label.into()), ("old", old.into())]),
            (None, None) => label.to_string(),
        }
    }

    /// A changed text: its word diff when both versions exist, else what was added or removed.
    fn texts(&self, name: &str, feminine: bool, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let say = |id: &str, text: &str| {
            agreeing(self.language, id, feminine, &[("name", name.into()), ("text", self.style.text(text).into())])
        };
        match (old, new) {
            (Some(_), Some(_)) => format!("{name}: {}", self.style.words(words)),
            (None, Some(new)) => say("diff-text-added", new),
            (Some(old), None) => say("diff-text-removed", old),
            (None, None) => name.to_string(),
        }
    }

    fn metadata(&self, field: ProcedureField, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let language = self.language;
        // Only `seção` is feminine in Portuguese.
        let (name, feminine) = match field {
            ProcedureField::Title => (tr!(language, "diff-field-title"), false),
            ProcedureField::Section => (tr!(language, "diff-field-section"), true),
            ProcedureField::Summary => (tr!(language, "diff-field-summary"), false),
            ProcedureField::Owner => (tr!(language, "diff-field-owner"), false),
        };
        if field == ProcedureField::Summary {
            return self.texts(&name, feminine, old, new, words);
        }
        self.value(&name, self.text(old), self.text(new), feminine)
    }

    fn step_text(&self, field: StepField, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let language = self.language;
        // Only `observação` is feminine in Portuguese.
        let (name, feminine) = match field {
            StepField::Title => (tr!(language, "diff-step-field-title"), false),
            StepField::Text => (tr!(language, "diff-step-field-text"), false),
            StepField::Note => (tr!(language, "diff-step-field-note"), true),
            StepField::Warning => (tr!(language, "diff-step-field-warning"), false),
        };
        self.texts(&name, feminine, old, new, words)
    }

    /// `etiquetas: adicionada "a"; removidas "b", "c"`.
    fn list(&self, label: &str, added: &[String], removed: &[String]) -> String {
        let mut parts = Vec::new();
        // Tags and phrasings are feminine in Portuguese (etiqueta, frase): the catalogue agrees.
        for (items, id) in [(added, "diff-list-added"), (removed, "diff-list-removed")] {
            if !items.is_empty() {
                let all = items.iter().map(|i| self.style.quoted(i)).collect::<Vec<_>>().join(", ");
                let id = if items.len() == 1 { format!("{id}.one") } else { id.to_string() };
                parts.push(crate::i18n::message_in(self.language, &id, &[("items", all.into())]));
            }
        }
        format!("{label}: {}", parts.join("; "))
    }

    fn start(&self, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        let language = self.language;
        match (old, new) {
            (Some(old), Some(new)) => tr!(language, "diff-start-changed", new = self.step(new), old = self.step(old)),
            (None, Some(new)) => tr!(language, "diff-start-set", new = self.step(new)),
            (Some(old), None) => tr!(language, "diff-start-removed", old = self.step(old)),
            (None, None) => String::new(),
        }
    }

    fn next(&self, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        let language = self.language;
        match (old, new) {
            (Some(old), Some(new)) => tr!(language, "diff-next-changed", new = self.step(new), old = self.step(old)),
            (None, Some(new)) => tr!(language, "diff-next-set", new = self.step(new)),
            (Some(old), None) => tr!(language, "diff-next-removed", old = self.step(old)),
            (None, None) => String::new(),
        }
    }

    fn rerouted(&self, answer: &str, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        let language = self.language;
        let answer = self.style.quoted(answer);
        match (old, new) {
            (Some(old), Some(new)) => {
                tr!(language, "diff-rerouted-changed", answer = answer, new = self.step(new), old = self.step(old))
            }
            (None, Some(new)) => tr!(language, "diff-rerouted-set", answer = answer, new = self.step(new)),
            (Some(old), None) => tr!(language, "diff-rerouted-removed", answer = answer, old = self.step(old)),
            (None, None) => String::new(),
        }
    }

    /// `"Telefone 2" (telefone, opcional)`.
    fn field(&self, field: &TicketField) -> String {
        let language = self.language;
        let required = if field.required { tr!(language, "diff-required") } else { tr!(language, "diff-optional") };
        format!("{} ({}, {required})", self.style.quoted(&field.name), field_kind(field.field_kind, language))
    }

    fn field_changed(&self, old: &TicketField, new: &TicketField) -> String {
        let language = self.language;
        let mut parts = Vec::new();
        if old.required != new.required {
            parts.push(if new.required {
                tr!(language, "diff-ticket-field-now-required")
            } else {
                tr!(language, "diff-ticket-field-now-optional")
            });
        }
        if old.field_kind != new.field_kind {
            let (a, b) = (field_kind(old.field_kind, language), field_kind(new.field_kind, language));
            parts.push(tr!(language, "diff-ticket-field-kind", old = a, new = b));
        }
        tr!(language, "diff-ticket-field-changed", name = self.style.quoted(&new.name), parts = parts.join("; "))
    }

    fn reference(&self, in_step: bool, added: bool, target: &str) -> String {
        let language = self.language;
        let target = self.style.code(&format!("[[{target}]]"));
        match (added, in_step) {
            (true, true) => tr!(language, "diff-reference-added", target = target),
            (false, true) => tr!(language, "diff-reference-removed", target = target),
            (true, false) => tr!(language, "diff-reference-added-summary", target = target),
            (false, false) => tr!(language, "diff-reference-removed-summary", target = target),
        }
    }

    fn image(&self, added: bool, src: &str, alt: Option<&str>) -> String {
        let language = self.language;
        let src = self.style.code(src);
        match (added, alt) {
            (true, Some(alt)) => tr!(language, "diff-image-added-alt", src = src, alt = self.style.quoted(alt)),
            (true, None) => tr!(language, "diff-image-added", src = src),
            (false, Some(alt)) => tr!(language, "diff-image-removed-alt", src = src, alt = self.style.quoted(alt)),
            (false, None) => tr!(language, "diff-image-removed", src = src),
        }
    }

    /// `imagem `a.png`: texto alternativo "x" → "y"; legenda (nenhuma) → "z"`.
    fn image_changed(&self, src: &str, [alt, caption]: [(&Option<String>, &Option<String>); 2]) -> String {
        let language = self.language;
        // `texto alternativo` is masculine, `legenda` feminine.
        let shown = |t: &Option<String>, feminine: bool| match t {
            Some(t) => self.style.quoted(t),
            None => agreeing(language, "diff-image-none", feminine, &[]),
        };
        let mut parts = Vec::new();
        if alt.0 != alt.1 {
            parts.push(tr!(language, "diff-image-alt", old = shown(alt.0, false), new = shown(alt.1, false)));
        }
        if caption.0 != caption.1 {
            parts.push(tr!(language, "diff-image-caption", old = shown(caption.0, true), new = shown(caption.1, true)));
        }
        tr!(language, "diff-image-changed", src = self.style.code(src), parts = parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(number: usize, id: &str, title: Option<&str>) -> StepRef {
        StepRef { id: id.into(), number: Some(number), title: title.map(Into::into) }
    }

    #[test]
    fn a_reroute_reads_as_the_issue_asks() {
        let change = Change::Rerouted {
            step: step(3, "exportar", Some("Conseguiu exportar?")),
            answer: "Não".into(),
            old: Some(step(5, "debug", None)),
            new: Some(step(7, "chamado", Some("Abrir chamado"))),
        };
        assert_eq!(
            change.describe(Language::PtBr),
            "Passo 3 (Conseguiu exportar?): a resposta \"Não\" agora leva ao passo 7 (Abrir chamado) em vez do passo 5 `debug`"
        );
        assert_eq!(
            change.describe(Language::En),
            "Step 3 (Conseguiu exportar?): the answer \"Não\" now leads to step 7 (Abrir chamado) instead of step 5 `debug`"
        );
    }

    #[test]
    fn escalation_values_read_in_portuguese() {
        let s = || step(7, "chamado", None);
        let sector =
            Change::SectorChanged { step: s(), old: Some("Suporte".into()), new: Some("Relacionamento".into()) };
        assert_eq!(
            sector.describe(Language::PtBr),
            "Passo 7 `chamado`: setor do escalonamento alterado: Suporte → Relacionamento"
        );
        let sla = Change::SlaChanged { step: s(), old: Some("24h".into()), new: Some("2du".into()) };
        assert_eq!(sla.describe(Language::PtBr), "Passo 7 `chamado`: prazo (SLA): 24h → 2du");
        let unset = Change::SlaChanged { step: s(), old: Some("24h".into()), new: None };
        assert_eq!(unset.describe(Language::PtBr), "Passo 7 `chamado`: prazo (SLA) removido (era 24h)");
        assert_eq!(unset.describe(Language::En), "Step 7 `chamado`: SLA removed (was 24h)");
    }

    #[test]
    fn agreement_follows_gender_and_number() {
        let note = Change::StepText {
            step: step(2, "a", Some("A")),
            field: StepField::Note,
            old: None,
            new: Some("Cuidado".into()),
            words: Vec::new(),
        };
        assert_eq!(note.describe(Language::PtBr), "Passo 2 (A): observação adicionada: Cuidado");
        let tags = Change::TagsChanged { added: vec!["a".into(), "b".into()], removed: vec!["c".into()] };
        assert_eq!(tags.describe(Language::PtBr), "Etiquetas: adicionadas \"a\", \"b\"; removida \"c\"");
        let section = Change::MetadataChanged {
            field: ProcedureField::Section,
            old: Some("A".into()),
            new: Some("B".into()),
            words: Vec::new(),
        };
        assert_eq!(section.describe(Language::PtBr), "Seção alterada: A → B");
        let updated = Change::UpdatedChanged { old: Some("2019-11-22".into()), new: Some("2026-11-27".into()) };
        assert_eq!(updated.describe(Language::PtBr), "Última revisão (`updated`) alterada: 22/11/2019 → 27/11/2026");
        assert_eq!(updated.describe(Language::En), "Last review (`updated`) changed: 2019-11-22 → 2026-11-27");
    }

    #[test]
    fn kinds_and_missing_steps() {
        let became =
            Change::KindChanged { step: step(6, "fim", None), old: StepKind::Resolution, new: StepKind::Escalation };
        assert_eq!(became.describe(Language::PtBr), "Passo 6 `fim`: a resolução virou um escalonamento");
        let missing = StepRef { id: "x".into(), number: None, title: None };
        let next = Change::NextChanged { step: step(1, "a", None), old: None, new: Some(missing) };
        assert_eq!(next.describe(Language::PtBr), "Passo 1 `a`: agora segue para o passo inexistente `x`");
    }

    #[test]
    fn word_diffs_stay_on_one_line() {
        let pieces = [Piece::Same("a\nb ".into()), Piece::Removed("c\nd".into()), Piece::Added("e".into())];
        assert_eq!(Plain.words(&pieces), "a b [-c↵d-]{+e+}");
    }
}
