//! Changes as sentences, in Brazilian Portuguese or English. One function words every change;
//! a [`Style`] decides how the editors' texts, answers, IDs, steps and word diffs look in it:
//! plain text ([`Change::describe`]), the terminal ([`super::human`]) or Markdown
//! ([`super::markdown`]).

use super::{Change, FieldKind, Language, Piece, ProcedureField, Side, StepField, StepKind, StepRef, TicketField};
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
    let pt = language == Language::PtBr;
    let Some(number) = step.number else {
        let id = style.code(&step.id);
        return if pt { format!("passo inexistente {id}") } else { format!("missing step {id}") };
    };
    let word = if pt { "passo" } else { "step" };
    match &step.title {
        Some(title) if !style.step_by_id() => format!("{word} {number} ({})", style.text(title)),
        _ => format!("{word} {number} {}", style.code(&step.id)),
    }
}

/// What changed, without the step: "a resposta "Não" agora leva ao passo 7 (…)".
pub(super) fn body(change: &Change, style: &dyn Style, language: Language) -> String {
    let pt = language == Language::PtBr;
    let w = Words { style, pt, language };
    let l = |p: &str, e: &str| if pt { p.to_string() } else { e.to_string() };
    use Change::*;
    match change {
        Unreadable { side, message } => {
            let which = match (side, pt) {
                (Side::Old, true) => "a versão antiga não pôde ser lida",
                (Side::New, true) => "a versão nova não pôde ser lida",
                (Side::Old, false) => "the old version could not be read",
                (Side::New, false) => "the new version could not be read",
            };
            format!("{which}: {}", style.text(message))
        }
        MetadataChanged { field, old, new, words } => w.metadata(*field, old, new, words),
        UpdatedChanged { old, new } => {
            let label = format!("{} ({})", l("última revisão", "last review"), style.code("updated"));
            let date = |d: &Option<String>| d.as_deref().map(|d| w.date(d));
            w.value(&label, date(old), date(new), true)
        }
        ReviewChanged { old, new } => {
            let months = |m: &Option<u32>| match (m, pt) {
                (Some(1), true) => "1 mês".to_string(),
                (Some(1), false) => "1 month".to_string(),
                (Some(n), true) => format!("{n} meses"),
                (Some(n), false) => format!("{n} months"),
                (None, true) => "o padrão da base".to_string(),
                (None, false) => "the base's default".to_string(),
            };
            format!("{}: {} → {}", l("ciclo de revisão", "review cycle"), months(old), months(new))
        }
        TagsChanged { added, removed } => w.list(&l("etiquetas", "tags"), added, removed),
        AliasesChanged { added, removed } => {
            w.list(&l("frases do cliente (aliases)", "the customer's phrasings (aliases)"), added, removed)
        }
        StartChanged { old, new } => w.start(old, new),
        StepAdded { step_kind, .. } => format!("{} ({})", l("passo adicionado", "step added"), kind(*step_kind, pt)),
        StepRemoved { step_kind, .. } => format!("{} ({})", l("passo removido", "step removed"), kind(*step_kind, pt)),
        StepMoved { old_number, .. } => {
            if pt {
                format!("mudou de lugar; era o passo {old_number}")
            } else {
                format!("moved; it was step {old_number}")
            }
        }
        StepText { field, old, new, words, .. } => w.step_text(*field, old, new, words),
        KindChanged { old, new, .. } => match (old, new, pt) {
            (StepKind::Resolution, StepKind::Escalation, true) => "a resolução virou um escalonamento".into(),
            (StepKind::Escalation, StepKind::Resolution, true) => "o escalonamento virou uma resolução".into(),
            (StepKind::Resolution, StepKind::Escalation, false) => "the resolution became an escalation".into(),
            (StepKind::Escalation, StepKind::Resolution, false) => "the escalation became a resolution".into(),
            _ => format!("{}: {} → {}", l("tipo alterado", "kind changed"), kind(*old, pt), kind(*new, pt)),
        },
        NextChanged { old, new, .. } => w.next(old, new),
        Rerouted { answer, old, new, .. } => w.rerouted(answer, old, new),
        AnswerAdded { answer, to, .. } => {
            let answer = style.quoted(answer);
            match (to, pt) {
                (Some(to), true) => format!("resposta {answer} adicionada, levando ao {}", w.step(to)),
                (Some(to), false) => format!("answer {answer} added, leading to {}", w.step(to)),
                (None, true) => format!("resposta {answer} adicionada, sem passo seguinte"),
                (None, false) => format!("answer {answer} added, leading nowhere"),
            }
        }
        AnswerRemoved { answer, to, .. } => {
            let answer = style.quoted(answer);
            match (to, pt) {
                (Some(to), true) => format!("resposta {answer} removida; ela levava ao {}", w.step(to)),
                (Some(to), false) => format!("answer {answer} removed; it led to {}", w.step(to)),
                (None, true) => format!("resposta {answer} removida"),
                (None, false) => format!("answer {answer} removed"),
            }
        }
        AnswerRenamed { old, new, .. } => {
            let (old, new) = (style.quoted(old), style.quoted(new));
            if pt { format!("resposta {old} renomeada para {new}") } else { format!("answer {old} renamed to {new}") }
        }
        AnswersReordered { old, new, .. } => {
            let all = |answers: &[String]| answers.iter().map(|a| style.quoted(a)).collect::<Vec<_>>().join(", ");
            format!("{}: {} → {}", l("ordem das respostas alterada", "answers reordered"), all(old), all(new))
        }
        SectorChanged { old, new, .. } => {
            let label = l("setor do escalonamento", "escalation sector");
            w.value(&label, w.text(old), w.text(new), false)
        }
        SlaChanged { old, new, .. } => {
            let label = l("prazo (SLA)", "SLA");
            let (old, new) = (w.text(old), w.text(new));
            match (&old, &new) {
                (Some(old), Some(new)) => format!("{label}: {old} → {new}"),
                _ => w.value(&label, old, new, false),
            }
        }
        ViaChanged { old, new, .. } => {
            let label =
                format!("{} ({})", l("procedimento de abertura do chamado", "ticket procedure"), style.code("via"));
            w.value(&label, w.text(old), w.text(new), false)
        }
        FieldAdded { field, .. } => {
            format!("{}: {}", l("dado do chamado adicionado", "ticket field added"), w.field(field))
        }
        FieldRemoved { field, .. } => {
            format!("{}: {}", l("dado do chamado removido", "ticket field removed"), style.quoted(&field.name))
        }
        FieldChanged { old, new, .. } => w.field_changed(old, new),
        ReferenceAdded { step, target } => w.reference(step.is_some(), true, target),
        ReferenceRemoved { step, target } => w.reference(step.is_some(), false, target),
        SeeAdded { target, .. } => {
            format!("{}: {}", l("\"Veja também\" ganhou", "\"See also\" gained"), style.text(target))
        }
        SeeRemoved { target, .. } => {
            format!("{}: {}", l("\"Veja também\" perdeu", "\"See also\" lost"), style.text(target))
        }
        ImageAdded { image, .. } => w.image(true, &image.src, image.alt.as_deref()),
        ImageRemoved { image, .. } => w.image(false, &image.src, image.alt.as_deref()),
        ImageChanged { old, new, .. } => {
            w.image_changed(&new.src, [(&old.alt, &new.alt), (&old.caption, &new.caption)])
        }
        ScenarioAdded { name } => {
            format!("{}: {}", l("cenário de teste adicionado", "test scenario added"), style.quoted(name))
        }
        ScenarioRemoved { name } => {
            format!("{}: {}", l("cenário de teste removido", "test scenario removed"), style.quoted(name))
        }
        ScenarioChanged { name, old, new } => {
            let mut parts = Vec::new();
            if old.answers != new.answers {
                let label = l("respostas", "answers");
                parts.push(format!("{label} {} → {}", style.code(&old.answers), style.code(&new.answers)));
            }
            if old.expect != new.expect {
                let label = l("fim esperado", "expected end");
                parts.push(format!("{label} {} → {}", style.code(&old.expect), style.code(&new.expect)));
            }
            format!("{} {}: {}", l("cenário de teste", "test scenario"), style.quoted(name), parts.join("; "))
        }
    }
}

/// The kind of a step in words.
fn kind(kind: StepKind, pt: bool) -> &'static str {
    match (kind, pt) {
        (StepKind::Action, true) => "ação",
        (StepKind::Decision, true) => "decisão",
        (StepKind::Resolution, true) => "resolução",
        (StepKind::Escalation, true) => "escalonamento",
        (StepKind::Mixed | StepKind::Incomplete, true) => "passo incompleto",
        (StepKind::Action, false) => "action",
        (StepKind::Decision, false) => "decision",
        (StepKind::Resolution, false) => "resolution",
        (StepKind::Escalation, false) => "escalation",
        (StepKind::Mixed | StepKind::Incomplete, false) => "broken step",
    }
}

fn field_kind(kind: FieldKind, pt: bool) -> &'static str {
    match (kind, pt) {
        (FieldKind::Cnpj, _) => "CNPJ",
        (FieldKind::Cpf, _) => "CPF",
        (FieldKind::Phone, true) => "telefone",
        (FieldKind::Email, true) => "e-mail",
        (FieldKind::Text, true) => "texto",
        (FieldKind::LongText, true) => "texto longo",
        (FieldKind::Phone, false) => "phone",
        (FieldKind::Email, false) => "email",
        (FieldKind::Text, false) => "text",
        (FieldKind::LongText, false) => "long text",
    }
}

/// The sentence parts shared by several changes.
struct Words<'s> {
    style: &'s dyn Style,
    pt: bool,
    language: Language,
}

/// Portuguese agreement of a past participle: `adicionad` + o/a/os/as.
fn agreed(stem: &str, feminine: bool, plural: bool) -> String {
    format!("{stem}{}{}", if feminine { "a" } else { "o" }, if plural { "s" } else { "" })
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
            Some(date) if self.pt => format!("{:02}/{:02}/{:04}", date.day, date.month, date.year),
            _ => self.style.text(iso),
        }
    }

    /// `label alterado: A → B`, `label definido: B`, `label removido (era A)`; `feminine` for
    /// the agreement in Portuguese.
    fn value(&self, label: &str, old: Option<String>, new: Option<String>, feminine: bool) -> String {
        let p = |stem: &str| agreed(stem, feminine, false);
        match (old, new, self.pt) {
            (Some(old), Some(new), true) => format!("{label} {}: {old} → {new}", p("alterad")),
            (None, Some(new), true) => format!("{label} {}: {new}", p("definid")),
            (Some(old), None, true) => format!("{label} {} (era {old})", p("removid")),
            (Some(old), Some(new), false) => format!("{label} changed: {old} → {new}"),
            (None, Some(new), false) => format!("{label} set: {new}"),
            (Some(old), None, false) => format!("{label} removed (was {old})"),
            (None, None, _) => label.to_string(),
        }
    }

    /// A changed text: its word diff when both versions exist, else what was added or removed.
    fn texts(&self, name: &str, feminine: bool, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let p = |stem: &str| agreed(stem, feminine, false);
        match (old, new, self.pt) {
            (Some(_), Some(_), _) => format!("{name}: {}", self.style.words(words)),
            (None, Some(new), true) => format!("{name} {}: {}", p("adicionad"), self.style.text(new)),
            (Some(old), None, true) => format!("{name} {} (era: {})", p("removid"), self.style.text(old)),
            (None, Some(new), false) => format!("{name} added: {}", self.style.text(new)),
            (Some(old), None, false) => format!("{name} removed (was: {})", self.style.text(old)),
            (None, None, _) => name.to_string(),
        }
    }

    fn metadata(&self, field: ProcedureField, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let (name, feminine) = match (field, self.pt) {
            (ProcedureField::Title, true) => ("título", false),
            (ProcedureField::Section, true) => ("seção", true),
            (ProcedureField::Summary, true) => ("resumo", false),
            (ProcedureField::Owner, true) => ("responsável", false),
            (ProcedureField::Title, false) => ("title", false),
            (ProcedureField::Section, false) => ("section", false),
            (ProcedureField::Summary, false) => ("summary", false),
            (ProcedureField::Owner, false) => ("owner", false),
        };
        if field == ProcedureField::Summary {
            return self.texts(name, feminine, old, new, words);
        }
        self.value(name, self.text(old), self.text(new), feminine)
    }

    fn step_text(&self, field: StepField, old: &Option<String>, new: &Option<String>, words: &[Piece]) -> String {
        let (name, feminine) = match (field, self.pt) {
            (StepField::Title, true) => ("título", false),
            (StepField::Text, true) => ("texto", false),
            (StepField::Note, true) => ("observação", true),
            (StepField::Warning, true) => ("aviso (Atenção)", false),
            (StepField::Title, false) => ("title", false),
            (StepField::Text, false) => ("text", false),
            (StepField::Note, false) => ("note", false),
            (StepField::Warning, false) => ("warning", false),
        };
        self.texts(name, feminine, old, new, words)
    }

    /// `etiquetas: adicionada "a"; removidas "b", "c"`.
    fn list(&self, label: &str, added: &[String], removed: &[String]) -> String {
        let all = |items: &[String]| items.iter().map(|i| self.style.quoted(i)).collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        // Tags and phrasings are feminine in Portuguese (etiqueta, frase).
        for (items, stem, english) in [(added, "adicionad", "added"), (removed, "removid", "removed")] {
            if !items.is_empty() {
                let verb = if self.pt { agreed(stem, true, items.len() > 1) } else { english.to_string() };
                parts.push(format!("{verb} {}", all(items)));
            }
        }
        format!("{label}: {}", parts.join("; "))
    }

    fn start(&self, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        match (old, new, self.pt) {
            (Some(old), Some(new), true) => {
                format!("o procedimento agora começa no {} em vez do {}", self.step(new), self.step(old))
            }
            (None, Some(new), true) => format!("o procedimento agora começa no {}", self.step(new)),
            (Some(old), None, true) => format!("o procedimento não tem mais passo inicial (era o {})", self.step(old)),
            (Some(old), Some(new), false) => {
                format!("the procedure now starts at {} instead of {}", self.step(new), self.step(old))
            }
            (None, Some(new), false) => format!("the procedure now starts at {}", self.step(new)),
            (Some(old), None, false) => format!("the procedure no longer has a first step (it was {})", self.step(old)),
            (None, None, _) => String::new(),
        }
    }

    fn next(&self, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        match (old, new, self.pt) {
            (Some(old), Some(new), true) => {
                format!("agora segue para o {} em vez do {}", self.step(new), self.step(old))
            }
            (None, Some(new), true) => format!("agora segue para o {}", self.step(new)),
            (Some(old), None, true) => format!("não segue mais para o {}", self.step(old)),
            (Some(old), Some(new), false) => format!("now goes on to {} instead of {}", self.step(new), self.step(old)),
            (None, Some(new), false) => format!("now goes on to {}", self.step(new)),
            (Some(old), None, false) => format!("no longer goes on to {}", self.step(old)),
            (None, None, _) => String::new(),
        }
    }

    fn rerouted(&self, answer: &str, old: &Option<StepRef>, new: &Option<StepRef>) -> String {
        let answer = self.style.quoted(answer);
        match (old, new, self.pt) {
            (Some(old), Some(new), true) => {
                format!("a resposta {answer} agora leva ao {} em vez do {}", self.step(new), self.step(old))
            }
            (None, Some(new), true) => format!("a resposta {answer} agora leva ao {}", self.step(new)),
            (Some(old), None, true) => format!("a resposta {answer} não leva mais ao {}", self.step(old)),
            (Some(old), Some(new), false) => {
                format!("the answer {answer} now leads to {} instead of {}", self.step(new), self.step(old))
            }
            (None, Some(new), false) => format!("the answer {answer} now leads to {}", self.step(new)),
            (Some(old), None, false) => format!("the answer {answer} no longer leads to {}", self.step(old)),
            (None, None, _) => String::new(),
        }
    }

    /// `"Telefone 2" (telefone, opcional)`.
    fn field(&self, field: &TicketField) -> String {
        let required = match (field.required, self.pt) {
            (true, true) => "obrigatório",
            (false, true) => "opcional",
            (true, false) => "required",
            (false, false) => "optional",
        };
        format!("{} ({}, {required})", self.style.quoted(&field.name), field_kind(field.field_kind, self.pt))
    }

    fn field_changed(&self, old: &TicketField, new: &TicketField) -> String {
        let mut parts = Vec::new();
        if old.required != new.required {
            parts.push(
                match (new.required, self.pt) {
                    (true, true) => "agora obrigatório",
                    (false, true) => "agora opcional",
                    (true, false) => "now required",
                    (false, false) => "now optional",
                }
                .to_string(),
            );
        }
        if old.field_kind != new.field_kind {
            let (a, b) = (field_kind(old.field_kind, self.pt), field_kind(new.field_kind, self.pt));
            parts.push(format!("{} {a} → {b}", if self.pt { "tipo" } else { "kind" }));
        }
        let label = if self.pt { "dado do chamado" } else { "ticket field" };
        format!("{label} {}: {}", self.style.quoted(&new.name), parts.join("; "))
    }

    fn reference(&self, in_step: bool, added: bool, target: &str) -> String {
        let shown = self.style.code(&format!("[[{target}]]"));
        let what = match (added, in_step, self.pt) {
            (true, true, true) => "referência adicionada",
            (false, true, true) => "referência removida",
            (true, false, true) => "referência adicionada ao resumo",
            (false, false, true) => "referência removida do resumo",
            (true, true, false) => "reference added",
            (false, true, false) => "reference removed",
            (true, false, false) => "reference added to the summary",
            (false, false, false) => "reference removed from the summary",
        };
        format!("{what}: {shown}")
    }

    fn image(&self, added: bool, src: &str, alt: Option<&str>) -> String {
        let what = match (added, self.pt) {
            (true, true) => "imagem adicionada",
            (false, true) => "imagem removida",
            (true, false) => "image added",
            (false, false) => "image removed",
        };
        match alt {
            Some(alt) => format!("{what}: {} ({})", self.style.code(src), self.style.quoted(alt)),
            None => format!("{what}: {}", self.style.code(src)),
        }
    }

    /// `imagem `a.png`: texto alternativo "x" → "y"; legenda (nenhuma) → "z"`.
    fn image_changed(&self, src: &str, [alt, caption]: [(&Option<String>, &Option<String>); 2]) -> String {
        let shown = |t: &Option<String>, feminine: bool| match (t, self.pt) {
            (Some(t), _) => self.style.quoted(t),
            (None, true) => (if feminine { "(nenhuma)" } else { "(nenhum)" }).to_string(),
            (None, false) => "(none)".to_string(),
        };
        let mut parts = Vec::new();
        let labels = if self.pt { ["texto alternativo", "legenda"] } else { ["alt text", "caption"] };
        for ((old, new), (label, feminine)) in [alt, caption].into_iter().zip(labels.into_iter().zip([false, true])) {
            if old != new {
                parts.push(format!("{label} {} → {}", shown(old, feminine), shown(new, feminine)));
            }
        }
        let image = if self.pt { "imagem" } else { "image" };
        format!("{image} {}: {}", self.style.code(src), parts.join("; "))
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
