//! Client-side offline search: builds `search-index.js`, which
//! `themes/default/static/search.js` loads lazily with a `<script>` tag (so it works from
//! `file://`, where nothing can be fetched) and queries in the browser.
//!
//! # Index format, version 1
//!
//! The file is `window.SOPBOOK_SEARCH=` + one JSON object + `;`. Every `<`, `>`, `&`, U+2028,
//! U+2029 and non-ASCII character is written as a `\uXXXX` escape: the file is plain ASCII, safe
//! whatever the page's encoding, and `</script>` or `<!--` can never appear in it.
//!
//! ```text
//! { "v": 1,
//!   "s": [string, …],              shared strings, most used first
//!   "p": [[title, file, code], …], one per procedure, in input order
//!   "t": [token, …],               folded tokens, sorted by UTF-16 code units (JS string order)
//!   "i": [postings, …] }           the documents of each token, parallel to "t"
//! ```
//!
//! *Numbers.* `code` and `postings` are strings of unsigned numbers, each one written as zero or
//! more digits from [`MORE`] (base 26, most significant first) and a last digit from [`FINAL`]
//! (base 62): `v = (more digits as a base-26 number) × 62 + final digit`. Numbers below 62 take
//! one character, below 1,612 two, below 41,912 three.
//!
//! *Procedures.* The URL is `s[folder] + file`. `code` holds: folder, crumb, the number of steps,
//! then for each step its anchor, title, snippet (indexes into `s`) and number. An odd `crumb`
//! means the breadcrumb is `s[crumb / 2] + " > " + title` (or just the title when that string is
//! empty); an even one, that it is `s[crumb / 2]` as it stands.
//!
//! *Documents* are numbered from 0: each procedure, then its steps, then the next procedure.
//!
//! *Postings* list each document that holds the token, in increasing order, as
//! `gap × 4 + field`: `gap` is the document minus the previous one minus 1 (the "previous" of
//! the first is −1); `field` is the best place the token appears in: 3 procedure title, 2 step
//! title, 1 tag or breadcrumb, 0 summary or step text.
//!
//! *Tokens* are [`fold`]ed text split on every character that is not alphanumeric, without
//! 1-character tokens and [`STOPWORDS`], cut to [`MAX_TOKEN_CHARS`] characters. The client folds
//! and splits queries by the same rules (a test keeps the two lists equal).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One procedure as the search sees it.
pub struct SearchProcedure<'a> {
    /// Root-relative page URL, e.g. `procedures/certificado-digital/a1/perda-do-backup-a1.html`.
    pub url: &'a str,
    pub title: &'a str,
    /// E.g. `Certificado Digital > A1 > Perda do Backup A1`.
    pub breadcrumb: &'a str,
    pub tags: &'a [String],
    /// Plain text.
    pub summary: &'a str,
    pub steps: Vec<SearchStep<'a>>,
}

/// One step of a [`SearchProcedure`].
pub struct SearchStep<'a> {
    /// The step ID; the step's URL is the procedure's URL + `#` + anchor.
    pub anchor: &'a str,
    /// 1-based.
    pub number: usize,
    /// May be empty.
    pub title: &'a str,
    /// Plain text (Markdown already stripped); may be long. Only a snippet is stored.
    pub text: &'a str,
}

/// Version of the index format, `v` in the JSON.
pub const FORMAT_VERSION: u32 = 1;
/// What `search-index.js` starts with; a `;` ends it.
pub const GLOBAL_PREFIX: &str = "window.SOPBOOK_SEARCH=";
/// Longest snippet kept for a step, in characters (plus `…` when cut).
pub const SNIPPET_CHARS: usize = 120;
/// Tokens longer than this are cut to this many characters (on both sides).
pub const MAX_TOKEN_CHARS: usize = 32;
/// Folded pt-BR words that are not indexed (sorted). Tokens of one character are not indexed
/// either, which covers `a`, `à`, `e`, `é`, `o`.
pub const STOPWORDS: &[&str] = &[
    "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "em", "na", "nas", "no", "nos", "num", "numa",
    "os", "ou", "para", "pela", "pelas", "pelo", "pelos", "por", "que", "se", "um", "uma", "umas", "uns",
];

/// Last digits of a number (base 62).
pub const FINAL: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Leading digits of a number (base 26): printable ASCII that needs no escaping in JSON or HTML.
pub const MORE: &[u8; 26] = b"!#$%()*+,-./:;=?@[]^_`{|}~";

const FIELD_TITLE: u8 = 3;
const FIELD_STEP_TITLE: u8 = 2;
const FIELD_TAG: u8 = 1;
const FIELD_TEXT: u8 = 0;

/// The accent- and case-folding used on both sides: NFD, drop combining marks (general category
/// M), lower-case. `"Não Localiza"` → `"nao localiza"`.
pub fn fold(text: &str) -> String {
    // ASCII has no marks to drop: skip the decomposition (most words of a procedure).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let unmarked: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    unmarked.to_lowercase()
}

/// The indexed tokens of a text, in order, repeats included.
fn tokens(text: &str) -> impl Iterator<Item = String> {
    let folded = fold(text);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().nth(1).is_some() && !STOPWORDS.contains(word))
        .map(|word| match word.char_indices().nth(MAX_TOKEN_CHARS) {
            Some((end, _)) => word[..end].to_string(),
            None => word.to_string(),
        })
        .collect();
    words.into_iter()
}

/// The first [`SNIPPET_CHARS`] characters of a text, white space collapsed, cut at a word when
/// one ends in the second half, with `…` when something was left out.
fn snippet(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut cut = false;
    for word in text.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
        if chars > SNIPPET_CHARS {
            cut = true;
            break;
        }
    }
    if !cut {
        return out;
    }
    let end = out.char_indices().nth(SNIPPET_CHARS).map_or(out.len(), |(i, _)| i);
    out.truncate(end);
    if let Some(space) = out.rfind(' ')
        && out[..space].chars().count() >= SNIPPET_CHARS / 2
    {
        out.truncate(space);
    }
    let kept = out.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{kept}…")
}

/// Appends `v` in the variable-length form described in the module docs.
fn push_number(out: &mut String, v: usize) {
    let mut digits = Vec::with_capacity(4);
    digits.push(FINAL[v % FINAL.len()]);
    let mut rest = v / FINAL.len();
    while rest > 0 {
        digits.push(MORE[rest % MORE.len()]);
        rest /= MORE.len();
    }
    out.extend(digits.iter().rev().map(|&b| char::from(b)));
}

/// Shared strings, numbered by first use, renumbered most used first at the end.
#[derive(Default)]
struct Strings {
    ids: HashMap<String, usize>,
    texts: Vec<String>,
    uses: Vec<usize>,
}

impl Strings {
    fn id(&mut self, text: &str) -> usize {
        let id = match self.ids.get(text) {
            Some(&id) => id,
            None => {
                let id = self.texts.len();
                self.ids.insert(text.to_string(), id);
                self.texts.push(text.to_string());
                self.uses.push(0);
                id
            }
        };
        self.uses[id] += 1;
        id
    }

    /// The strings most used first (ties in order of first use), and the new number of each
    /// old one.
    fn finish(self) -> (Vec<String>, Vec<usize>) {
        let mut order: Vec<usize> = (0..self.texts.len()).collect();
        order.sort_by_key(|&id| (std::cmp::Reverse(self.uses[id]), id));
        let mut renumber = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = new;
        }
        let mut texts: Vec<Option<String>> = self.texts.into_iter().map(Some).collect();
        let sorted = order.iter().map(|&old| texts[old].take().expect("each string is taken once")).collect();
        (sorted, renumber)
    }
}

/// A part of a procedure's `code`: a number, or a string number still to be renumbered.
#[derive(Clone, Copy)]
enum Code {
    Plain(usize),
    String(usize),
    /// `2 × string + flag`.
    Crumb(usize, bool),
}

#[derive(Serialize)]
struct Index {
    v: u32,
    s: Vec<String>,
    p: Vec<(String, String, String)>,
    t: Vec<String>,
    i: Vec<String>,
}

/// Adds the tokens of `text` to a document's tokens, keeping the best field of each.
fn add_tokens(doc: &mut BTreeMap<String, u8>, text: &str, field: u8) {
    for token in tokens(text) {
        let best = doc.entry(token).or_insert(field);
        *best = (*best).max(field);
    }
}

/// A procedure's step snippets, and its documents' tokens: the procedure itself, then each step.
fn prepare(procedure: &SearchProcedure<'_>) -> (Vec<String>, Vec<BTreeMap<String, u8>>) {
    let snippets = procedure.steps.iter().map(|step| snippet(step.text)).collect();
    let mut docs = Vec::with_capacity(procedure.steps.len() + 1);
    let mut doc = BTreeMap::new();
    add_tokens(&mut doc, procedure.title, FIELD_TITLE);
    add_tokens(&mut doc, procedure.breadcrumb, FIELD_TAG);
    for tag in procedure.tags {
        add_tokens(&mut doc, tag, FIELD_TAG);
    }
    add_tokens(&mut doc, procedure.summary, FIELD_TEXT);
    docs.push(doc);
    for step in &procedure.steps {
        let mut doc = BTreeMap::new();
        add_tokens(&mut doc, step.title, FIELD_STEP_TITLE);
        add_tokens(&mut doc, step.text, FIELD_TEXT);
        docs.push(doc);
    }
    (snippets, docs)
}

fn build(procedures: &[SearchProcedure<'_>]) -> Index {
    let mut builder = Builder::default();
    builder.add(procedures);
    builder.finish()
}

/// The index, built from the procedures in order, given a few at a time (so that a caller
/// needs only a chunk of their plain texts at once).
#[derive(Default)]
pub struct Builder {
    strings: Strings,
    records: Vec<(String, String, Vec<Code>)>,
    postings: BTreeMap<String, Vec<(usize, u8)>>,
    next_doc: usize,
}

impl Builder {
    /// Adds `procedures` after those added before. Their tokens and snippets are made in
    /// parallel, then numbered in order.
    pub fn add(&mut self, procedures: &[SearchProcedure<'_>]) {
        let prepared: Vec<_> = procedures.par_iter().map(prepare).collect();
        let strings = &mut self.strings;
        for (procedure, (snippets, docs)) in procedures.iter().zip(prepared) {
            let (folder, file) = match procedure.url.rfind('/') {
                Some(slash) => procedure.url.split_at(slash + 1),
                None => ("", procedure.url),
            };
            let crumb = if procedure.breadcrumb == procedure.title {
                Code::Crumb(strings.id(""), true)
            } else {
                match procedure.breadcrumb.strip_suffix(procedure.title).and_then(|rest| rest.strip_suffix(" > ")) {
                    Some(section) if !section.is_empty() => Code::Crumb(strings.id(section), true),
                    _ => Code::Crumb(strings.id(procedure.breadcrumb), false),
                }
            };
            let mut code = vec![Code::String(strings.id(folder)), crumb, Code::Plain(procedure.steps.len())];
            for (step, snippet) in procedure.steps.iter().zip(&snippets) {
                code.push(Code::String(strings.id(step.anchor)));
                code.push(Code::String(strings.id(step.title)));
                code.push(Code::String(strings.id(snippet)));
                code.push(Code::Plain(step.number));
            }
            self.records.push((procedure.title.to_string(), file.to_string(), code));
            for doc in docs {
                for (token, field) in doc {
                    self.postings.entry(token).or_default().push((self.next_doc, field));
                }
                self.next_doc += 1;
            }
        }
    }

    /// The contents of `search-index.js`.
    pub fn finish_js(self) -> String {
        js_of(&self.finish())
    }

    fn finish(self) -> Index {
        let Builder { strings, records, postings, .. } = self;
        let (s, renumber) = strings.finish();
        let p = records
            .into_iter()
            .map(|(title, file, code)| {
                let mut text = String::new();
                for part in code {
                    let n = match part {
                        Code::Plain(n) => n,
                        Code::String(id) => renumber[id],
                        Code::Crumb(id, appended) => renumber[id] * 2 + usize::from(appended),
                    };
                    push_number(&mut text, n);
                }
                (title, file, text)
            })
            .collect();

        // Sorted as JavaScript compares strings, so the client's binary search agrees.
        let mut sorted: Vec<(String, Vec<(usize, u8)>)> = postings.into_iter().collect();
        sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
        let mut t = Vec::with_capacity(sorted.len());
        let mut i = Vec::with_capacity(sorted.len());
        for (token, docs) in sorted {
            let mut text = String::new();
            let mut previous: Option<usize> = None;
            for (doc, field) in docs {
                let gap = previous.map_or(doc, |p| doc - p - 1);
                push_number(&mut text, gap * 4 + usize::from(field));
                previous = Some(doc);
            }
            t.push(token);
            i.push(text);
        }

        Index { v: FORMAT_VERSION, s, p, t, i }
    }
}

/// Writes JSON as JavaScript that is safe anywhere: pure ASCII, and no `<`, `>` or `&`.
/// Outside strings, JSON has none of the characters escaped here, so escaping them everywhere
/// only touches string contents.
fn push_escaped(out: &mut String, json: &str) {
    for c in json.chars() {
        if c.is_ascii() && !matches!(c, '<' | '>' | '&') {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
}

/// The contents of `search-index.js`: assigns the index to `window.SOPBOOK_SEARCH`.
pub fn index_js(procedures: &[SearchProcedure<'_>]) -> String {
    js_of(&build(procedures))
}

fn js_of(index: &Index) -> String {
    let json = serde_json::to_string(index).expect("the index serialises");
    let mut out = String::with_capacity(GLOBAL_PREFIX.len() + json.len() + json.len() / 8 + 1);
    out.push_str(GLOBAL_PREFIX);
    push_escaped(&mut out, &json);
    out.push(';');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const SEARCH_JS: &str = include_str!("../../themes/default/static/search.js");
    const HARNESS_INDEX: &str = "tests/browser/search-index.js";

    /// The index as the client decodes it.
    #[derive(Debug)]
    struct Decoded {
        strings: Vec<String>,
        procedures: Vec<DecodedProcedure>,
        tokens: Vec<String>,
        /// Per token: `(doc, field)`.
        postings: Vec<Vec<(usize, u8)>>,
    }

    #[derive(Debug, PartialEq)]
    struct DecodedProcedure {
        doc: usize,
        url: String,
        title: String,
        breadcrumb: String,
        /// `(doc, anchor, number, title, snippet)`.
        steps: Vec<(usize, String, usize, String, String)>,
    }

    fn numbers(code: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut acc = 0;
        for b in code.bytes() {
            if let Some(d) = MORE.iter().position(|&m| m == b) {
                acc = acc * MORE.len() + d;
            } else {
                let d = FINAL.iter().position(|&f| f == b).expect("a digit");
                out.push(acc * FINAL.len() + d);
                acc = 0;
            }
        }
        assert_eq!(acc, 0, "a number was left unfinished in {code:?}");
        out
    }

    fn payload(js: &str) -> Value {
        let json =
            js.strip_prefix(GLOBAL_PREFIX).and_then(|rest| rest.strip_suffix(';')).expect("window.SOPBOOK_SEARCH=…;");
        serde_json::from_str(json).expect("the payload is JSON")
    }

    fn decode(js: &str) -> Decoded {
        let value = payload(js);
        assert_eq!(value["v"], FORMAT_VERSION);
        let strs = |v: &Value| -> Vec<String> {
            v.as_array().expect("an array").iter().map(|s| s.as_str().expect("a string").to_string()).collect()
        };
        let strings = strs(&value["s"]);
        let mut procedures = Vec::new();
        let mut doc = 0;
        for record in value["p"].as_array().expect("p") {
            let record = strs(record);
            let [title, file, code] = <[String; 3]>::try_from(record).expect("3 fields");
            let n = numbers(&code);
            let (folder, crumb, count) = (n[0], n[1], n[2]);
            assert_eq!(n.len(), 3 + 4 * count);
            let section = &strings[crumb / 2];
            let breadcrumb = match (crumb % 2 == 1, section.is_empty()) {
                (false, _) => section.clone(),
                (true, true) => title.clone(),
                (true, false) => format!("{section} > {title}"),
            };
            let steps = n[3..]
                .chunks(4)
                .enumerate()
                .map(|(k, s)| {
                    let (a, t, p) = (&strings[s[0]], &strings[s[1]], &strings[s[2]]);
                    (doc + 1 + k, a.clone(), s[3], t.clone(), p.clone())
                })
                .collect();
            procedures.push(DecodedProcedure {
                doc,
                url: format!("{}{file}", strings[folder]),
                title,
                breadcrumb,
                steps,
            });
            doc += 1 + count;
        }
        let tokens = strs(&value["t"]);
        let postings = strs(&value["i"])
            .iter()
            .map(|code| {
                let mut previous: Option<usize> = None;
                numbers(code)
                    .into_iter()
                    .map(|v| {
                        let doc = previous.map_or(v / 4, |p| p + 1 + v / 4);
                        previous = Some(doc);
                        (doc, (v % 4) as u8)
                    })
                    .collect()
            })
            .collect();
        Decoded { strings, procedures, tokens, postings }
    }

    impl Decoded {
        fn docs_of(&self, token: &str) -> Vec<(usize, u8)> {
            match self.tokens.binary_search_by(|t| t.as_str().cmp(token)) {
                Ok(i) => self.postings[i].clone(),
                Err(_) => Vec::new(),
            }
        }
    }

    /// Owned data behind [`SearchProcedure`]s.
    struct Owned {
        url: String,
        title: String,
        breadcrumb: String,
        tags: Vec<String>,
        summary: String,
        steps: Vec<(String, String, String)>,
    }

    impl Owned {
        fn borrow(&self) -> SearchProcedure<'_> {
            SearchProcedure {
                url: &self.url,
                title: &self.title,
                breadcrumb: &self.breadcrumb,
                tags: &self.tags,
                summary: &self.summary,
                steps: self
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(k, (anchor, title, text))| SearchStep { anchor, number: k + 1, title, text })
                    .collect(),
            }
        }
    }

    fn owned(
        url: &str,
        title: &str,
        breadcrumb: &str,
        tags: &[&str],
        summary: &str,
        steps: &[(&str, &str, &str)],
    ) -> Owned {
        Owned {
            url: url.to_string(),
            title: title.to_string(),
            breadcrumb: breadcrumb.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            summary: summary.to_string(),
            steps: steps.iter().map(|(a, t, x)| (a.to_string(), t.to_string(), x.to_string())).collect(),
        }
    }

    /// The few procedures of the browser harness, hostile text included.
    fn harness_data() -> Vec<Owned> {
        vec![
            owned(
                "procedures/certificado-digital/a1/perda-do-backup-a1.html",
                "Perda do Backup A1",
                "Certificado Digital > A1 > Perda do Backup A1",
                &["certificado-digital", "a1", "backup"],
                "Orientar o analista quando o cliente não localiza o backup do certificado A1.",
                &[
                    (
                        "acesso-maquina",
                        "Acesso à máquina da primeira instalação",
                        "O cliente ainda tem acesso à máquina da primeira instalação do certificado, e ela não foi formatada?",
                    ),
                    (
                        "chave-exportavel",
                        "Opção de exportar a chave privada",
                        "Ao exportar o certificado, a opção Sim, exportar a chave privada está disponível?",
                    ),
                    (
                        "gerar-backup",
                        "Gerar novo arquivo",
                        "Oriente o cliente a gerar um novo backup conforme o manual já disponível no Qualitor: Exportar/Trocar senha A1.",
                    ),
                    (
                        "chamado",
                        "",
                        "Abra um chamado para o Relacionamento informando que o cliente não localiza o arquivo de backup e precisa de um novo certificado. Informe CNPJ, nome, telefone e e-mail de contato do responsável.",
                    ),
                ],
            ),
            owned(
                "procedures/certificado-digital/a3/token-nao-reconhecido.html",
                "Token não reconhecido",
                "Certificado Digital > A3 > Token não reconhecido",
                &["certificado-digital", "a3", "token"],
                "O computador não localiza o token ou o cartão do certificado A3.",
                &[
                    ("driver", "Instalar o driver", "Instale o driver do fabricante do token (SafeNet ou Gemalto)."),
                    ("usb", "Trocar de porta USB", "Teste outra porta USB, de preferência direto na placa-mãe."),
                    ("resolvido", "", "Token reconhecido. Atendimento encerrado."),
                ],
            ),
            owned(
                "procedures/nfe/rejeicao-539.html",
                "Rejeição 539: duplicidade de NF-e",
                "NF-e > Rejeição 539: duplicidade de NF-e",
                &["nfe", "rejeicao"],
                "A SEFAZ devolve a rejeição 539 ao transmitir uma nota já autorizada.",
                &[
                    (
                        "consultar",
                        "Consultar a chave",
                        "Consulte a chave de acesso no portal da SEFAZ para saber se a nota já foi autorizada.",
                    ),
                    (
                        "ajustar",
                        "Ajustar a numeração",
                        "Se foi autorizada, ajuste a numeração da próxima nota e retransmita.",
                    ),
                ],
            ),
            owned(
                "procedures/testes/texto-hostil.html",
                "Texto <script>alert(1)</script> hostil",
                "Testes > Texto <script>alert(1)</script> hostil",
                &["teste"],
                "Nada aqui pode virar HTML: </script><!-- & \u{2028} \u{2029} \"aspas\" \\ barra.",
                &[(
                    "hostil",
                    "<img src=x onerror=alert(1)>\u{2028}passo hostil",
                    "Mostre </script> e <!-- como texto; a linha \u{2028} e o parágrafo \u{2029} também. Emoji 🙂 e acentuação: ação, pão, açúcar.",
                )],
            ),
        ]
    }

    fn synthetic(n: usize) -> Vec<Owned> {
        use crate::load::KnowledgeBase;
        let kb = KnowledgeBase::from_memory(crate::synth::knowledge_base(n));
        let text =
            |s: &Option<toml::Spanned<String>>| s.as_ref().map(|s| strip_references(s.get_ref())).unwrap_or_default();
        kb.procedures
            .iter()
            .map(|p| Owned {
                url: format!("procedures/{}.html", p.slug),
                title: text(&p.title),
                breadcrumb: p.breadcrumb().map(|b| b.to_string()).unwrap_or_default(),
                tags: p.tags.iter().map(|t| t.get_ref().clone()).collect(),
                summary: text(&p.summary),
                steps: p.steps.iter().map(|s| (s.id.get_ref().clone(), text(&s.title), text(&s.text))).collect(),
            })
            .collect()
    }

    /// A rough Markdown strip for the synthetic base: `[[a|b]]` → `b`, `[[a]]` → `a`, no `*`.
    fn strip_references(markdown: &str) -> String {
        let mut out = String::new();
        let mut rest = markdown;
        while let Some(open) = rest.find("[[") {
            out.push_str(&rest[..open]);
            let inner_start = open + 2;
            match rest[inner_start..].find("]]") {
                Some(close) => {
                    let inner = &rest[inner_start..inner_start + close];
                    out.push_str(inner.rsplit('|').next().unwrap_or(inner));
                    rest = &rest[inner_start + close + 2..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out.replace('*', "")
    }

    fn js_of(data: &[Owned]) -> String {
        let procedures: Vec<SearchProcedure<'_>> = data.iter().map(Owned::borrow).collect();
        index_js(&procedures)
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Não"), "nao");
        assert_eq!(fold("AÇÃO"), "acao");
        assert_eq!(fold("Não Localiza"), "nao localiza");
        assert_eq!(fold("Pão, AÇÚCAR e Café"), "pao, acucar e cafe");
        // Already decomposed input (a + U+0303) folds the same.
        assert_eq!(fold("na\u{0303}o"), "nao");
        assert_eq!(fold("ÀÉÎÕÜ ç"), "aeiou c");
    }

    #[test]
    fn tokens_split_on_non_alphanumerics_and_skip_stopwords() {
        let found: Vec<String> =
            tokens("Perda do Backup A1: o cliente não localiza a chave-privada (e-CNPJ)").collect();
        assert_eq!(found, ["perda", "backup", "a1", "cliente", "nao", "localiza", "chave", "privada", "cnpj"]);
        assert_eq!(tokens("de da do à é a e o os para com").count(), 0);
        let long = "x".repeat(50);
        assert_eq!(tokens(&long).collect::<Vec<_>>(), ["x".repeat(MAX_TOKEN_CHARS)]);
    }

    #[test]
    fn stopwords_are_sorted_and_folded() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| fold(w) == *w));
    }

    /// The client must split and filter queries exactly as the index was built.
    #[test]
    fn the_client_uses_the_same_rules() {
        let quoted = |name: &str| -> String {
            let line = SEARCH_JS
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("const {name} =")))
                .unwrap_or_else(|| panic!("search.js defines {name}"));
            line.split('\'').nth(1).expect("a quoted value").to_string()
        };
        assert_eq!(quoted("STOPWORDS"), STOPWORDS.join(" "));
        assert_eq!(quoted("FINAL"), std::str::from_utf8(FINAL).unwrap());
        assert_eq!(quoted("MORE"), std::str::from_utf8(MORE).unwrap());
        let number = |name: &str| -> String {
            let line = SEARCH_JS
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("const {name} =")))
                .unwrap_or_else(|| panic!("search.js defines {name}"));
            line.split('=').nth(1).unwrap().trim().trim_end_matches(';').to_string()
        };
        assert_eq!(number("MAX_TOKEN_CHARS"), MAX_TOKEN_CHARS.to_string());
        assert_eq!(number("FORMAT_VERSION"), FORMAT_VERSION.to_string());
    }

    #[test]
    fn numbers_round_trip() {
        let values = [0, 1, 61, 62, 63, 1611, 1612, 41_911, 41_912, 1_000_000, 123_456_789];
        let mut text = String::new();
        for v in values {
            push_number(&mut text, v);
        }
        assert_eq!(numbers(&text), values);
        let mut one = String::new();
        push_number(&mut one, 61);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn snippets_are_short_and_cut_at_words() {
        assert_eq!(snippet("  Curto \n demais. "), "Curto demais.");
        let long = "palavra ".repeat(40);
        let cut = snippet(&long);
        assert!(cut.ends_with("palavra…"), "{cut}");
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
        let one = "x".repeat(300);
        assert_eq!(snippet(&one).chars().count(), SNIPPET_CHARS + 1);
        assert_eq!(snippet(""), "");
    }

    #[test]
    fn output_is_deterministic() {
        let data = harness_data();
        assert_eq!(js_of(&data), js_of(&data));
        let synthetic = synthetic(30);
        assert_eq!(js_of(&synthetic), js_of(&synthetic));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let js = js_of(&harness_data());
        assert!(js.is_ascii());
        for raw in ["</script", "<!--", "<script", "<img", "-->", "\u{2028}", "\u{2029}"] {
            assert!(!js.contains(raw), "{raw:?} appears raw");
        }
        assert!(!js.contains(['<', '>', '&']));
        assert!(!js[GLOBAL_PREFIX.len()..].contains('\n'));
        // …and the text survives decoding intact.
        let decoded = decode(&js);
        let hostile = &decoded.procedures[3];
        assert_eq!(hostile.title, "Texto <script>alert(1)</script> hostil");
        assert_eq!(hostile.steps[0].3, "<img src=x onerror=alert(1)>\u{2028}passo hostil");
        assert!(hostile.steps[0].4.contains("</script> e <!-- como texto"));
        assert!(js.contains("\\u2028"));
        assert!(decoded.strings.iter().any(|s| s.contains("🙂")));
    }

    /// Every procedure and step can be found by each of its words, and decodes to what went in.
    fn assert_reachable(data: &[Owned], js: &str) {
        let decoded = decode(js);
        assert_eq!(decoded.procedures.len(), data.len());
        assert!(decoded.tokens.windows(2).all(|w| w[0].encode_utf16().cmp(w[1].encode_utf16()).is_lt()));
        for (want, got) in data.iter().zip(&decoded.procedures) {
            assert_eq!(got.url, want.url);
            assert_eq!(got.title, want.title);
            assert_eq!(got.breadcrumb, want.breadcrumb);
            assert_eq!(got.steps.len(), want.steps.len());
            let title_tokens: Vec<String> = tokens(&want.title).collect();
            for token in tokens(&want.title)
                .chain(tokens(&want.breadcrumb))
                .chain(tokens(&want.summary))
                .chain(want.tags.iter().flat_map(|t| tokens(t)))
            {
                let docs = decoded.docs_of(&token);
                let field = docs.iter().find(|(d, _)| *d == got.doc).map(|(_, f)| *f);
                assert!(field.is_some(), "{token:?} does not find {}", want.title);
                if title_tokens.contains(&token) {
                    assert_eq!(field, Some(FIELD_TITLE));
                }
            }
            for ((k, (anchor, title, text)), step) in want.steps.iter().enumerate().zip(&got.steps) {
                assert_eq!(step.1, *anchor);
                assert_eq!(step.2, k + 1);
                assert_eq!(step.3, *title);
                assert_eq!(step.4, snippet(text));
                for token in tokens(title).chain(tokens(text)) {
                    assert!(
                        decoded.docs_of(&token).iter().any(|(d, _)| *d == step.0),
                        "{token:?} does not find {}#{anchor}",
                        want.url
                    );
                }
            }
        }
    }

    #[test]
    fn every_procedure_and_step_is_reachable() {
        let data = harness_data();
        assert_reachable(&data, &js_of(&data));
        let synthetic = synthetic(200);
        assert_reachable(&synthetic, &js_of(&synthetic));
    }

    #[test]
    fn the_accented_query_finds_its_step() {
        let data = harness_data();
        let decoded = decode(&js_of(&data));
        let wanted: Vec<usize> = tokens("nao localiza backup")
            .map(|t| decoded.docs_of(&t).into_iter().map(|(d, _)| d).collect())
            .reduce(|a: Vec<usize>, b| a.into_iter().filter(|d| b.contains(d)).collect())
            .unwrap();
        let chamado = decoded.procedures[0].steps[3].0;
        assert_eq!(wanted, [0, chamado]);
    }

    /// The harness's index (`tests/browser/search-index.js`) is this module's output for
    /// [`harness_data`]. `SOPBOOK_WRITE_HARNESS=1 cargo test harness_index` rewrites it.
    #[test]
    fn harness_index_is_current() {
        let js = js_of(&harness_data());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(HARNESS_INDEX);
        if std::env::var_os("SOPBOOK_WRITE_HARNESS").is_some() {
            std::fs::write(&path, format!("{js}\n")).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            on_disk.trim_end(),
            js,
            "{HARNESS_INDEX} is stale: SOPBOOK_WRITE_HARNESS=1 cargo test harness_index"
        );
    }

    /// Prints the size of the index for 10,000 synthetic procedures (100,000 steps).
    /// `SOPBOOK_SEARCH_DUMP=path` also writes it there (to measure its gzip size).
    #[test]
    fn index_size_for_10000_procedures() {
        let data = synthetic(10_000);
        let js = js_of(&data);
        let value = payload(&js);
        let part = |key: &str| {
            let mut escaped = String::new();
            push_escaped(&mut escaped, &value[key].to_string());
            escaped.len()
        };
        eprintln!(
            "search-index.js for {} procedures, {} steps: {} bytes (s {}, p {}, t {}, i {}; {} tokens)",
            data.len(),
            data.iter().map(|p| p.steps.len()).sum::<usize>(),
            js.len(),
            part("s"),
            part("p"),
            part("t"),
            part("i"),
            value["t"].as_array().unwrap().len(),
        );
        if let Some(path) = std::env::var_os("SOPBOOK_SEARCH_DUMP") {
            std::fs::write(path, &js).unwrap();
        }
        assert_eq!(decode(&js).procedures.len(), 10_000);
        // ~10,000 pages × ~15 KB of HTML is ~150 MB; the index must stay a small part of it.
        assert!(js.len() < 8_000_000, "{} bytes", js.len());
    }
}
