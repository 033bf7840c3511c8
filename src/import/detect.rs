//! What the importer recognises in one paragraph, each as a small function over its text: the
//! numbering of sections and sub-steps, "Observação"/"Atenção" labels, escalations and the sector
//! and time they name, conditions, references to pictures that did not come along, the closing
//! place and date, and Qualitor breadcrumbs.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Breadcrumb, Date};
use crate::text::fold;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

/// A numbered section or sub-step: `1.`, `1.1 -`, `2.3`, `4)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub parts: Vec<u32>,
    /// The text after the number and its separator.
    pub rest: String,
}

impl Number {
    /// `1.1` → `1-1`, for step IDs.
    pub fn id(&self) -> String {
        self.parts.iter().map(u32::to_string).collect::<Vec<_>>().join("-")
    }

    pub fn dotted(&self) -> String {
        self.parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
    }

    /// Whether `other` is a sub-step of this one (`1.2` of `1.`).
    pub fn is_parent_of(&self, other: &Number) -> bool {
        other.parts.len() > self.parts.len() && other.parts.starts_with(&self.parts)
    }
}

static STEP_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:passo|etapa)\s+(\d{1,2})\s*(?:[:.\-–—)]\s*|$)"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2}(?:\.\d{1,2}){0,4})(\.?)(\s*[-–—)]\s*|\s+|$)"));

/// The number at the start of a paragraph. A lone number needs a dot or a separator after it
/// (`1.`, `1 -`, `1)`), so that "2 telefones…" is not a step; "Passo 3:" and "Etapa 3 -" count.
pub fn number(text: &str) -> Option<Number> {
    let bold = text.starts_with("**");
    let body = if bold { &text[2..] } else { text };
    if let Some(found) = STEP_WORD.captures(body) {
        let rest = body[found.get(0)?.end()..].trim_start_matches("**").trim();
        return Some(Number { parts: vec![found.get(1)?.as_str().parse().ok()?], rest: rest.to_string() });
    }
    let found = NUMBER.captures(body)?;
    let digits = found.get(1)?.as_str();
    let parts: Vec<u32> = digits.split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let separator = found.get(3)?.as_str();
    if parts.len() == 1 && found.get(2)?.as_str().is_empty() && separator.trim().is_empty() {
        return None;
    }
    if parts.contains(&0) && parts.len() == 1 {
        return None;
    }
    let mut rest = body[found.get(0)?.end()..].to_string();
    if bold {
        if let Some(after) = rest.strip_prefix("**") {
            rest = after.trim_start().to_string();
        } else if rest.matches("**").count() % 2 == 1 {
            // The whole line was bold: the emphasis goes with the number.
            match rest.strip_suffix("**") {
                Some(inner) => rest = inner.to_string(),
                None => rest = format!("**{rest}"),
            }
        }
    }
    Some(Number { parts, rest: rest.trim().to_string() })
}

/// The call-out a paragraph's label asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callout {
    Note,
    Warning,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\*\*)?\s*(observa[çc][õo]es|observa[çc][ãa]o|obs|notas?|dicas?|lembrete|aten[çc][ãa]o|importante|cuidado|aviso|alerta)\s*(?:\*\*)?\s*(?:[:!\-–—]|\.\s*:?|$)\s*(?:\*\*)?\s*",
    )
});

/// "Observações: …" → a note, "Atenção: …" / "Importante: …" → a warning, with the text after
/// the label (empty when the label stands alone and its text is the next paragraph).
pub fn label(text: &str) -> Option<(Callout, String)> {
    let found = LABEL.captures(text)?;
    let word = fold(found.get(1)?.as_str());
    let callout = match word.as_str() {
        "atencao" | "importante" | "cuidado" | "aviso" | "alerta" => Callout::Warning,
        _ => Callout::Note,
    };
    let prefix = found.get(0)?.as_str();
    let mut rest = text[prefix.len()..].trim().to_string();
    if prefix.matches("**").count() % 2 == 1 {
        // "**Atenção: não faça isso**": the bold that opened before the label closes at the end.
        if rest.ends_with("**") && rest.matches("**").count() % 2 == 1 {
            rest = format!("**{rest}");
        }
    }
    Some((callout, rest))
}

/// Headings whose paragraphs say what the manual is for: they become the `summary`.
pub fn is_intro_heading(text: &str) -> bool {
    let folded = fold(&plain(text));
    let folded = folded.trim().trim_end_matches([':', '.']).trim();
    matches!(
        folded,
        "introducao"
            | "objetivo"
            | "objetivos"
            | "finalidade"
            | "descricao"
            | "resumo"
            | "apresentacao"
            | "escopo"
            | "proposito"
            | "objetivo do manual"
            | "objetivo do procedimento"
    )
}

/// The text without `**`, `__` and backslash escapes, for matching.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

static ESCALATION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:abrir|abra|abre|abrindo|aberto|aberta|abertura\s+de|registrar|registre|gerar|gere|criar|crie)\s+",
        r"(?:(?:um|uma|o|a|novo|nova)\s+){0,2}(?:chamado|ticket|demanda|solicita[çc][ãa]o|ocorr[êe]ncia)\b",
        r"|\bescalon\w*",
        r"|\b(?:encaminh|transfer|direcion|repass|envi)\w*\b[^.;!?]*?\b(?:para|ao|à|com)\s+(?:o\s+|a\s+)?",
        r"(?:setor|departamento|equipe|[áa]rea|time|n[íi]vel|relacionamento|financeiro|comercial|desenvolvimento|",
        r"cadastro|fiscal|infraestrutura|implanta[çc][ãa]o|cobran[çc]a|faturamento|n2|n3)\b",
        r"|\b(?:acion|contat)\w*\s+(?:o|a)\s+(?:setor|departamento|equipe|[áa]rea|time)\b",
        r"|\bentrar\s+em\s+contato\s+com\s+(?:o|a)\s+(?:setor|departamento|equipe|[áa]rea|time)\b",
    ))
});

/// The words of a paragraph that hand the case over to another sector: "abrir um chamado com o
/// setor responsável", "encaminhar para o Relacionamento", "demanda escalonada".
pub fn escalation(text: &str) -> Option<String> {
    ESCALATION.find(&plain(text)).map(|m| m.as_str().trim().to_string())
}

static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*pronto\b|\bproblema\s+(?:resolvido|solucionado|corrigido)|\b(?:atendimento|procedimento)\s+(?:conclu[íi]do|finalizado|encerrado)",
    )
});

/// A closing paragraph that says the case is solved ("Pronto! Problema resolvido.").
pub fn resolution(text: &str) -> bool {
    RESOLUTION.is_match(&plain(text))
}

/// Sectors written in lower case that are still sectors ("encaminhar para o relacionamento").
const SECTORS: &[&str] = &[
    "relacionamento",
    "financeiro",
    "comercial",
    "desenvolvimento",
    "fiscal",
    "cadastro",
    "infraestrutura",
    "implantação",
    "treinamento",
    "qualidade",
    "cobrança",
    "faturamento",
    "contabilidade",
    "jurídico",
    "logística",
    "vendas",
    "produto",
];

/// Capitalised words after "para o" that are not sectors.
const NOT_SECTORS: &[&str] = &["qualitor", "windows", "sim", "não", "cliente", "nome", "google", "internet", "excel"];

static SECTOR_AFTER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?i:setor|departamento|equipe|área|area|time)\s+(?:(?i:de|do|da|dos|das)\s+)?(\p{Lu}[\p{L}\d-]*(?:\s+(?:\p{Lu}[\p{L}\d-]*|N\d|\d+))*)",
    )
});
static SECTOR_KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    let names = SECTORS.join("|");
    re(&format!(
        r"(?i)\b(?:para|com|ao|à|pelo|pela|setor|departamento|equipe|área|area)\s+(?:(?:o|a|de|do|da)\s+)?({names})\b"
    ))
});
static SECTOR_CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?i:para|com|ao|à|pelo|pela)\s+(?:(?i:o|a)\s+)?(\p{Lu}[\p{L}\d-]*(?:\s+(?:\p{Lu}[\p{L}\d-]*|N\d))*)")
});

/// The sector a paragraph names: "setor de Relacionamento", "para o Financeiro", "com o
/// relacionamento". "o setor responsável" names none.
pub fn sector(text: &str) -> Option<String> {
    let text = plain(text);
    if let Some(found) = SECTOR_AFTER_WORD.captures(&text).and_then(|c| c.get(1)).filter(|m| is_sector(m.as_str())) {
        return Some(found.as_str().to_string());
    }
    if let Some(found) = SECTOR_KNOWN.captures(&text).and_then(|c| c.get(1)) {
        return Some(capitalise(found.as_str()));
    }
    SECTOR_CAPITALISED
        .captures_iter(&text)
        .filter_map(|c| c.get(1))
        .find(|m| is_sector(m.as_str()))
        .map(|m| m.as_str().to_string())
}

fn is_sector(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or_default();
    let shouting = first.chars().filter(|c| c.is_alphabetic()).count() > 3 && first.chars().all(|c| !c.is_lowercase());
    !shouting && !NOT_SECTORS.contains(&first.to_lowercase().as_str())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

static SLA: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(\d{1,3}|uma?|dois|duas|tr[êe]s|quatro|cinco|seis|sete|oito|nove|dez|doze|quinze|vinte|trinta|",
        r"vinte\s+e\s+quatro|quarenta\s+e\s+oito|setenta\s+e\s+duas)\s*(h|hs|hrs?|horas?|dias?)\b",
        r"(\s+[úu](?:teis|til)\b)?",
    ))
});

/// The promised return a paragraph gives ("dentro de 24 horas" → `24h`, "2 dias" → `2d`,
/// "2 dias úteis" or "1 dia util" → `2du`, `1du`), with the words that said it.
pub fn sla(text: &str) -> Option<(String, String)> {
    let text = plain(text);
    let found = SLA.captures(&text)?;
    let amount = match found.get(1)?.as_str().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
        "um" | "uma" => 1,
        "dois" | "duas" => 2,
        "três" | "tres" => 3,
        "quatro" => 4,
        "cinco" => 5,
        "seis" => 6,
        "sete" => 7,
        "oito" => 8,
        "nove" => 9,
        "dez" => 10,
        "doze" => 12,
        "quinze" => 15,
        "vinte" => 20,
        "trinta" => 30,
        "vinte e quatro" => 24,
        "quarenta e oito" => 48,
        "setenta e duas" => 72,
        digits => digits.parse().ok().filter(|n| *n > 0)?,
    };
    let unit = match (found.get(2)?.as_str().to_lowercase().starts_with('d'), found.get(3).is_some()) {
        (true, true) => "du",
        (true, false) => "d",
        (false, _) => "h",
    };
    Some((format!("{amount}{unit}"), found.get(0)?.as_str().to_string()))
}

static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\*\*)?(?:[a-z]\)\s*|-\s+)?(?:caso|se|senão|sen[ãa]o|nos?\s+casos?\s+(?:em\s+)?que|em\s+casos?\s+(?:em\s+)?que|em\s+caso\s+de|no\s+caso\s+de|quando|sempre\s+que)\b",
    )
});

/// Whether a sentence opens with a condition ("Caso…", "Se…", "Nos casos em que…"): a decision
/// the manual wrote as prose.
pub fn condition(sentence: &str) -> bool {
    CONDITION.is_match(sentence.trim())
}

static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:conforme|segue|veja|vide|como\s+mostra|como\s+na|observe)\s+(?:a\s+|o\s+|as\s+|os\s+)?",
        r"(?:imagem|imagens|figura|figuras|print|prints|captura|tela)(?:\s+(?:abaixo|acima|a\s+seguir))?\b",
        r"|\b(?:imagem|imagens|figura|figuras|print|prints|tela|telas|captura)\s+(?:abaixo|a\s+seguir|acima)\b",
    ))
});

/// The words of a paragraph that point at a picture ("conforme imagem abaixo", "Na tela abaixo").
pub fn image_reference(text: &str) -> Option<String> {
    IMAGE.find(&plain(text)).map(|m| m.as_str().to_string())
}

static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)^\s*(?:([\p{L}][\p{L} .'-]{1,40}?)\s*,\s*)?(\d{1,2})º?\s+de\s+",
        r"(janeiro|fevereiro|mar[çc]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)",
        r"\s+de\s+(\d{4})\.?\s*$",
    ))
});
static CLOSING_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:([\p{L}][\p{L} .'-]{1,40}?)\s*,\s*)?(\d{1,2})/(\d{1,2})/(\d{4})\.?\s*$"));

/// "Porto Alegre, 22 de novembro de 2019" (or "…, 22/11/2019") as a whole paragraph: the date.
pub fn closing(text: &str) -> Option<Date> {
    let text = plain(text);
    if let Some(found) = CLOSING.captures(&text) {
        let month = match fold(found.get(3)?.as_str()).as_str() {
            "janeiro" => 1,
            "fevereiro" => 2,
            "marco" => 3,
            "abril" => 4,
            "maio" => 5,
            "junho" => 6,
            "julho" => 7,
            "agosto" => 8,
            "setembro" => 9,
            "outubro" => 10,
            "novembro" => 11,
            _ => 12,
        };
        return Date::new(found.get(4)?.as_str().parse().ok()?, month, found.get(2)?.as_str().parse().ok()?);
    }
    let found = CLOSING_NUMERIC.captures(&text)?;
    let n = |i: usize| found.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Date::new(n(4)? as i32, n(3)?, n(2)?)
}

/// The sector of a manual's header ("SUPORTE TÉCNICO", "Setor: Suporte Técnico"), as an owner.
pub fn owner(text: &str) -> Option<String> {
    let text = plain(text);
    let text = text.trim();
    let lower = fold(text);
    for prefix in ["setor", "departamento", "area", "responsavel", "elaborado por", "equipe"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && let Some(after) = rest.trim_start().strip_prefix(':')
        {
            let start = text.len() - after.len();
            let name = text[start..].trim();
            return (!name.is_empty()).then(|| title_case(name));
        }
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let words = text.split_whitespace().count();
    let shouting = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && words <= 6;
    (shouting && !is_document_kind(text) && !text.chars().any(|c| c.is_ascii_digit())).then(|| title_case(text))
}

/// "Procedimento Operacional Padrão - SOP" and the like: the kind of document, not its content.
pub fn is_document_kind(text: &str) -> bool {
    let lower = fold(text);
    lower.contains("procedimento operacional")
        || lower.contains("instrucao de trabalho")
        || lower.starts_with("manual")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "sop" || w == "pop")
}

/// "SUPORTE TÉCNICO" → "Suporte Técnico"; short connectors stay lower case, acronyms of two
/// letters stay upper case ("TI", "N2").
fn title_case(text: &str) -> String {
    const SMALL: &[&str] = &["de", "da", "do", "das", "dos", "e", "em", "para", "a", "o"];
    text.split_whitespace()
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else if word.chars().count() <= 2 && word.chars().any(|c| c.is_ascii_digit() || c.is_uppercase()) {
                word.to_string()
            } else {
                capitalise(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

static BOLD: LazyLock<Regex> = LazyLock::new(|| re(r"\*\*(.+?)\*\*"));
static QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r#""([^"\n]+?)"|“([^”\n]+?)”|«([^»\n]+?)»"#));
static PLAIN_CRUMB: LazyLock<Regex> =
    LazyLock::new(|| re(r#"[^\s>\[\]()"“”«»,;:!?|*][^>\[\]()"“”«»,;:!?|*]*?(?:\s*>\s*[^>\[\]()"“”«»,;:!?|*]+)+"#));

/// Qualitor breadcrumbs in a paragraph, written as `[[…]]`: bold (`**A > B > C**`), quoted
/// (`"A > B"`, `“A > B”`), or plain inside a sentence that speaks of a manual or of Qualitor, or
/// that starts with a section already known (`roots`, the first segments of the knowledge base's
/// breadcrumbs). A bold span loses its `**` (the link shows it); quotes stay.
/// Returns the new text and the breadcrumbs, in order.
pub fn link_breadcrumbs(text: &str, roots: &[String]) -> (String, Vec<Breadcrumb>) {
    // Bold spans, then quoted spans.
    let text = replace_spans(text, &BOLD, false);
    let text = replace_spans(&text, &QUOTED, true);
    // Plain text, outside the references already written.
    let lower = fold(&text);
    let speaks_of_manuals =
        ["manual", "qualitor", "procedimento", "base de conhecimento"].iter().any(|w| lower.contains(w));
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let (outside, inside, after) = match rest.find("[[") {
            Some(open) => match rest[open..].find("]]") {
                Some(close) => (&rest[..open], &rest[open..open + close + 2], &rest[open + close + 2..]),
                None => (rest, "", ""),
            },
            None => (rest, "", ""),
        };
        let mut last = 0;
        for m in PLAIN_CRUMB.find_iter(outside) {
            let Some((mut start, end)) = crumb_in(m.as_str(), false) else { continue };
            // A section already known may follow other capitalised words: "Veja Fiscal > NFe".
            let first = m.as_str()[start..].split('>').next().unwrap_or_default().trim_end();
            let known = roots.iter().find(|r| {
                first.len() >= r.len()
                    && first.is_char_boundary(first.len() - r.len())
                    && first[first.len() - r.len()..].eq_ignore_ascii_case(r)
                    && (first.len() == r.len() || first[..first.len() - r.len()].ends_with(' '))
            });
            match known {
                Some(root) => start += first.len() - root.len(),
                None if speaks_of_manuals => {}
                None => continue,
            }
            let crumb = Breadcrumb::parse(&m.as_str()[start..end]);
            out.push_str(&outside[last..m.start() + start]);
            out.push_str(&format!("[[{crumb}]]"));
            last = m.start() + end;
        }
        out.push_str(&outside[last..]);
        out.push_str(inside);
        rest = after;
    }
    let mut found: Vec<Breadcrumb> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for target in crate::model::references(&out).into_iter().filter_map(|r| r.target) {
        if seen.insert(target.clone()) {
            found.push(target);
        }
    }
    (out, found)
}

fn replace_spans(text: &str, pattern: &Regex, keep_delimiters: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for captures in pattern.captures_iter(text) {
        let whole = captures.get(0).expect("the whole match");
        let Some(inner) = captures.iter().skip(1).flatten().next() else { continue };
        if !inner.as_str().contains('>') || inner.as_str().contains("[[") {
            continue;
        }
        let Some((start, end)) = crumb_in(inner.as_str(), true) else { continue };
        let crumb = Breadcrumb::parse(&inner.as_str()[start..end]);
        out.push_str(&text[last..whole.start()]);
        if keep_delimiters {
            out.push_str(&text[whole.start()..inner.start()]);
        }
        out.push_str(&inner.as_str()[..start]);
        out.push_str(&format!("[[{crumb}]]"));
        out.push_str(&inner.as_str()[end..]);
        if keep_delimiters {
            out.push_str(&text[inner.end()..whole.end()]);
        }
        last = whole.end();
    }
    out.push_str(&text[last..]);
    out
}

/// Where the breadcrumb lies inside a span that contains `>`: the first segment starts after the
/// last comma, colon or parenthesis and at a capital letter ("Manual disponível no Qualitor,
/// Certificado Digital > A1 > Debug" → "Certificado Digital > A1 > Debug"); the last one ends at
/// a comma, parenthesis or the end of a sentence. A plain (not bold or quoted) breadcrumb's
/// segments are short.
fn crumb_in(span: &str, delimited: bool) -> Option<(usize, usize)> {
    let parts: Vec<&str> = span.split('>').collect();
    if parts.len() < 2 {
        return None;
    }
    let first = parts[0];
    let cut = [",", ":", ";", "(", " - ", " – ", " — "]
        .iter()
        .filter_map(|d| first.rfind(d).map(|i| i + d.len()))
        .max()
        .unwrap_or(0);
    // Skip the lower-case words before the name: "no manual de Emissão de Nota" → "Emissão de Nota".
    let words: Vec<(usize, &str)> = word_offsets(&first[cut..]).into_iter().map(|(i, w)| (i + cut, w)).collect();
    let after_lower = words.iter().rposition(|(_, w)| !starts_upper(w) && !is_connector(w)).map_or(0, |i| i + 1);
    let name = words[after_lower..].iter().position(|(_, w)| !is_connector(w))?;
    let start = words[after_lower + name].0;
    let last = parts[parts.len() - 1];
    let last_offset = span.len() - last.len();
    let mut end_in_last = last.len();
    for d in [",", ";", ")", "(", " - ", " – ", ". "] {
        if let Some(i) = last.find(d) {
            end_in_last = end_in_last.min(i);
        }
    }
    let kept = last[..end_in_last].trim_end().trim_end_matches('.').trim_end();
    let end = last_offset + (kept.as_ptr() as usize - last.as_ptr() as usize) + kept.len();
    if end <= start {
        return None;
    }
    let crumb = &span[start..end];
    let segments: Vec<&str> = crumb.split('>').map(str::trim).collect();
    let too_long = |s: &&str| s.split_whitespace().count() > if delimited { 10 } else { 6 };
    if segments.iter().any(|s| s.is_empty() || s.ends_with(['-', '=', '<']) || s.starts_with('=') || too_long(s)) {
        return None;
    }
    Some((start, end))
}

fn word_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            out.push((offset, word));
        }
        offset += word.len() + 1;
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_connector(word: &str) -> bool {
    matches!(word, "de" | "da" | "do" | "das" | "dos" | "e" | "/" | "-" | "em" | "a")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let n = number("1.1 - Poderá verificar").unwrap();
        assert_eq!((n.parts.clone(), n.rest.as_str()), (vec![1, 1], "Poderá verificar"));
        assert_eq!(number("1. Gerando novo arquivo").unwrap().rest, "Gerando novo arquivo");
        assert_eq!(number("2.3 Clique").unwrap().parts, [2, 3]);
        assert_eq!(number("4) Abra").unwrap().parts, [4]);
        assert_eq!(number("**2. Chamado**").unwrap().rest, "Chamado");
        assert_eq!(number("**1.1 -** Passo").unwrap().rest, "Passo");
        assert!(number("2 telefones para contato").is_none());
        assert!(number("2019 foi o ano").is_none());
        assert!(number("10.000 notas").is_none());
        assert!(number("24 horas").is_none());
        assert_eq!(
            number("Passo 3: Abra o emissor").unwrap(),
            Number { parts: vec![3], rest: "Abra o emissor".into() }
        );
        assert!(number("Passo a passo do manual").is_none());
    }

    #[test]
    fn labels() {
        assert_eq!(label("Observações: Deverá ter acesso").unwrap(), (Callout::Note, "Deverá ter acesso".into()));
        assert_eq!(label("**Atenção:** não apague").unwrap(), (Callout::Warning, "não apague".into()));
        assert_eq!(label("**Importante: não apague**").unwrap(), (Callout::Warning, "**não apague**".into()));
        assert_eq!(label("OBS.: algo").unwrap().0, Callout::Note);
        assert_eq!(label("Observação").unwrap(), (Callout::Note, String::new()));
        assert!(label("Nota fiscal emitida.").is_none());
        assert!(label("Importante ressaltar que").is_none());
    }

    #[test]
    fn escalations_sectors_and_slas() {
        let seed = "Nos casos em que não foi possível realizar os passos descritos acima, deverá abrir um chamado com o setor responsável, explicando todo o processo realizado.";
        assert_eq!(escalation(seed).as_deref(), Some("abrir um chamado"));
        assert_eq!(sector(seed), None);
        let done = "Pronto! Problema identificado e demanda escalonada para o setor responsável, informar ao cliente que será retornando dentro de 24 horas para o mesmo.";
        assert!(escalation(done).is_some());
        assert_eq!(sla(done).unwrap().0, "24h");
        assert_eq!(sector("Chamado para o Relacionamento").as_deref(), Some("Relacionamento"));
        assert_eq!(sector("encaminhar o chamado para o relacionamento").as_deref(), Some("Relacionamento"));
        assert_eq!(sector("Encaminhe ao setor de Suporte N2.").as_deref(), Some("Suporte N2"));
        assert_eq!(sector("Dentro do Qualitor, clique para o Qualitor"), None);
        assert_eq!(sla("retorno em até 2 dias úteis").unwrap(), ("2du".to_string(), "2 dias úteis".to_string()));
        assert_eq!(sla("retorno em até 2 dias uteis").unwrap().0, "2du");
        assert_eq!(sla("retorno em 1 dia útil").unwrap().0, "1du");
        assert_eq!(sla("retorno em um dia util.").unwrap().0, "1du");
        assert_eq!(sla("em até três DIAS ÚTEIS").unwrap().0, "3du");
        assert_eq!(sla("em até 2 dias, úteis ou não").unwrap().0, "2d");
        assert_eq!(sla("em 5 dias utilizando o portal").unwrap().0, "5d");
        assert_eq!(sla("retorno em até 2 dias corridos").unwrap().0, "2d");
        assert_eq!(sla("em 4 horas úteis").unwrap().0, "4h");
        assert_eq!(sla("em quarenta e oito horas").unwrap().0, "48h");
        assert!(escalation("Encaminhe o boleto para o e-mail do cliente.").is_none());
        assert!(escalation("Encaminhar para o Financeiro.").is_some());
        assert!(escalation("Dentro do Qualitor, deverá ser aberto um atendimento normal").is_none());
    }

    #[test]
    fn conditions_images_and_closings() {
        assert!(condition("Em casos em que a opção esteja inibida, recupere."));
        assert!(condition("Caso não consiga, ligue."));
        assert!(!condition("Segue o manual."));
        assert!(condition("a) Se funcionar em outro computador, o problema é do computador."));
        assert_eq!(
            image_reference("a Categorização correta, conforme imagem abaixo.").as_deref(),
            Some("conforme imagem abaixo")
        );
        assert_eq!(image_reference("Na tela abaixo, deverá informar").as_deref(), Some("tela abaixo"));
        assert!(image_reference("Na tela de cadastro").is_none());
        assert_eq!(closing("Porto Alegre, 22 de novembro de 2019"), Date::new(2019, 11, 22));
        assert_eq!(closing("São Paulo, 3 de março de 2021."), Date::new(2021, 3, 3));
        assert_eq!(closing("Porto Alegre, 05/02/2020"), Date::new(2020, 2, 5));
        assert_eq!(closing("Em 22 de novembro de 2019 o sistema mudou."), None);
    }

    #[test]
    fn owners() {
        assert_eq!(owner("SUPORTE TÉCNICO").as_deref(), Some("Suporte Técnico"));
        assert_eq!(owner("Setor: Suporte N2").as_deref(), Some("Suporte N2"));
        assert_eq!(owner("Procedimento Operacional Padrão - SOP"), None);
        assert_eq!(owner("SOP"), None);
    }

    #[test]
    fn breadcrumbs_bold_quoted_and_plain() {
        let (text, found) = link_breadcrumbs(
            "Veja no Qualitor (**Certificado Digital > A1 > Exportar/Trocar senha A1**), e (**Manual disponível no Qualitor, Certificado Digital > A1 > Debug**).",
            &[],
        );
        assert_eq!(
            text,
            "Veja no Qualitor ([[Certificado Digital > A1 > Exportar/Trocar senha A1]]), e (Manual disponível no Qualitor, [[Certificado Digital > A1 > Debug]])."
        );
        assert_eq!(found.len(), 2);
        let (text, _) = link_breadcrumbs("Siga o manual “Fiscal > NFe > Rejeição 539”.", &[]);
        assert_eq!(text, "Siga o manual “[[Fiscal > NFe > Rejeição 539]]”.");
        let (text, found) = link_breadcrumbs("(Manual disponível no Qualitor, Certificado Digital > A1 > Debug)", &[]);
        assert_eq!(text, "(Manual disponível no Qualitor, [[Certificado Digital > A1 > Debug]])");
        assert_eq!(found[0].as_str(), "Certificado Digital > A1 > Debug");
        let (text, found) = link_breadcrumbs("Clique em Arquivo > Salvar como.", &[]);
        assert_eq!((text.as_str(), found.len()), ("Clique em Arquivo > Salvar como.", 0));
        let (text, _) = link_breadcrumbs("Veja Fiscal > NFe > Rejeição.", &["Fiscal".to_string()]);
        assert_eq!(text, "Veja [[Fiscal > NFe > Rejeição]].");
        let (text, found) = link_breadcrumbs("Já em [[A > B]], veja **C > D**.", &[]);
        assert_eq!(text, "Já em [[A > B]], veja [[C > D]].");
        assert_eq!(found.iter().map(|b| b.as_str()).collect::<Vec<_>>(), ["A > B", "C > D"]);
        let (_, found) = link_breadcrumbs("**Chamados Relacionados** e se a -> b", &[]);
        assert!(found.is_empty());
    }
}
