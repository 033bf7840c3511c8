use super::analyze::{self, terms};
use super::encode::{FINAL, MORE, numbers};
use super::*;
use serde_json::Value;

/// The index as the client decodes it.
struct Decoded {
    meta: Value,
    terms: Vec<String>,
    /// Per term: `(doc, tf, places)`.
    postings: Vec<Vec<(usize, usize, Vec<usize>)>>,
    records: Vec<Value>,
    files: Vec<(String, String)>,
}

fn payload(js: &str, prefix: &str) -> Value {
    let json = js.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(';')).expect("prefix…;");
    serde_json::from_str(json).expect("the payload is JSON")
}

fn part(files: &[(String, String)], name: &str) -> Value {
    let (_, js) = files.iter().find(|(path, _)| path == &format!("{FOLDER}/{name}.js")).expect(name);
    payload(js, &format!("(window.SOPBOOK_SEARCH_PARTS=window.SOPBOOK_SEARCH_PARTS||{{}})[\"{name}\"]="))
}

fn decode(files: Vec<(String, String)>) -> Decoded {
    assert_eq!(files[0].0, "search/index.js");
    let meta = payload(&files[0].1, GLOBAL_PREFIX);
    assert_eq!(meta["v"], FORMAT_VERSION);
    let terms: Vec<String> = meta["t"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    let starts = numbers(meta["sh"].as_str().unwrap());
    let mut codes: Vec<String> = Vec::new();
    for k in 0..=starts.len() {
        let shard = part(&files, &format!("t{k}"));
        let expected = starts.get(k).copied().unwrap_or(terms.len()) - if k == 0 { 0 } else { starts[k - 1] };
        assert_eq!(shard.as_array().unwrap().len(), expected, "shard {k} holds its terms");
        codes.extend(shard.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()));
    }
    let postings = codes
        .iter()
        .map(|code| {
            let n = numbers(code);
            let mut out = Vec::new();
            let (mut i, mut doc) = (0, usize::MAX);
            while i < n.len() {
                doc = doc.wrapping_add(1 + n[i]);
                let count = n[i + 2];
                let mut place = usize::MAX;
                let places = (0..count)
                    .map(|k| {
                        place = place.wrapping_add(1 + n[i + 3 + k]);
                        place
                    })
                    .collect();
                out.push((doc, n[i + 1], places));
                i += 3 + count;
            }
            out
        })
        .collect();
    let docs = meta["np"].as_u64().unwrap() as usize + meta["nc"].as_u64().unwrap() as usize;
    let mut records = Vec::new();
    for k in 0..docs.div_ceil(DOCS_PER_CHUNK) {
        records.extend(part(&files, &format!("d{k}")).as_array().unwrap().iter().cloned());
    }
    assert_eq!(records.len(), docs);
    Decoded { meta, terms, postings, records, files }
}

impl Decoded {
    fn docs_of(&self, term: &str) -> Vec<(usize, usize, Vec<usize>)> {
        match self.terms.binary_search_by(|t| t.as_str().cmp(term)) {
            Ok(i) => self.postings[i].clone(),
            Err(_) => Vec::new(),
        }
    }
}

struct Owned {
    url: String,
    title: String,
    breadcrumb: String,
    tags: Vec<String>,
    aliases: Vec<String>,
    summary: String,
    steps: Vec<(String, String, String, Vec<String>)>,
    mark: String,
}

impl Owned {
    fn borrow(&self) -> SearchProcedure<'_> {
        SearchProcedure {
            url: &self.url,
            title: &self.title,
            breadcrumb: &self.breadcrumb,
            tags: &self.tags,
            aliases: &self.aliases,
            summary: &self.summary,
            mark: &self.mark,
            steps: self
                .steps
                .iter()
                .map(|(anchor, title, text, more)| SearchStep {
                    anchor,
                    title,
                    text,
                    more: more.iter().map(String::as_str).collect(),
                })
                .collect(),
        }
    }
}

fn owned(title: &str, section: &str, aliases: &[&str], summary: &str, steps: &[(&str, &str, &str, &[&str])]) -> Owned {
    Owned {
        url: format!("procedures/{}.html", crate::text::slug(title)),
        title: title.to_string(),
        breadcrumb: format!("{section} > {title}"),
        tags: vec!["tag".to_string()],
        mark: String::new(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        summary: summary.to_string(),
        steps: steps
            .iter()
            .map(|(a, t, x, m)| {
                (a.to_string(), t.to_string(), x.to_string(), m.iter().map(|s| s.to_string()).collect())
            })
            .collect(),
    }
}

fn sample() -> Vec<Owned> {
    vec![
        owned(
            "Perda do Backup A1",
            "Certificado Digital > A1",
            &["cliente formatou o computador"],
            "O cliente não localiza o backup do certificado A1.",
            &[
                ("acesso", "Acesso à máquina", "A máquina da primeira instalação foi formatada?", &["Sim", "Não"]),
                ("chamado", "", "Abra um chamado para o Relacionamento.", &["Relacionamento", "CNPJ", "Telefone"]),
            ],
        ),
        owned(
            "Rejeição 539: duplicidade de NF-e",
            "NF-e",
            &[],
            "A SEFAZ devolve a rejeição 539 (nota 6.353).",
            &[("consultar", "Consultar a chave", "Consulte a chave de acesso no portal.", &[])],
        ),
        owned(
            "Texto <script>alert(1)</script> hostil",
            "Testes",
            &[],
            "Nada aqui pode virar HTML: </script><!-- & \u{2028} \u{2029} \"aspas\" \\ barra 🙂.",
            &[("hostil", "<img src=x onerror=alert(1)>", "Mostre </script> e <!-- como texto.", &[])],
        ),
    ]
}

fn build(data: &[Owned], chapters: &[SearchChapter<'_>]) -> Vec<(String, String)> {
    let mut builder = Builder::default();
    let procedures: Vec<SearchProcedure<'_>> = data.iter().map(Owned::borrow).collect();
    builder.add(&procedures);
    builder.add_chapters(chapters);
    builder.synonyms(&[vec!["pfx".to_string(), "certificado A1".to_string()]]);
    builder.finish()
}

#[test]
fn every_field_of_a_procedure_is_found_at_its_place() {
    let data = sample();
    let index = decode(build(&data, &[]));
    let at = |word: &str, doc: usize| -> Option<(usize, Vec<usize>)> {
        index.docs_of(&analyze::term(word)).into_iter().find(|(d, _, _)| *d == doc).map(|(_, tf, places)| (tf, places))
    };
    // Title, alias, section, summary: the head (place 0); the title weighs most.
    assert_eq!(at("backup", 0).unwrap().1, [0]);
    assert!(at("perda", 0).unwrap().0 >= weights::TITLE as usize);
    assert_eq!(at("formatou", 0).unwrap().1, [0, 1], "the alias (head) and the answer's step");
    // Answers and escalation fields belong to their step.
    assert_eq!(at("relacionamento", 0).map(|(_, p)| p), Some(vec![2]));
    assert_eq!(at("cnpj", 0).map(|(_, p)| p), Some(vec![2]));
    // NF-e is found as nfe and nf; 6.353 as 6353.
    assert!(at("nfe", 1).is_some() && at("nf", 1).is_some() && at("6353", 1).is_some());
    assert_eq!(at("chave", 1).map(|(_, p)| p), Some(vec![1]));
}

#[test]
fn records_hold_what_the_page_shows() {
    let mut data = sample();
    data[1].mark = "alterado".to_string();
    let index = decode(build(&data, &[SearchChapter { url: "book/formato.html", title: "Formato", text: "Texto" }]));
    assert_eq!(index.meta["np"], 3);
    assert_eq!(index.meta["nc"], 1);
    let first = &index.records[0];
    assert_eq!(first[0], "Perda do Backup A1");
    assert_eq!(first[1], data[0].url);
    assert_eq!(first[2], "Certificado Digital > A1");
    assert_eq!(first[3][1][0], "chamado");
    assert_eq!(first[4], "O cliente não localiza o backup do certificado A1.");
    // The mark of a procedure changed within `[history] days`; none elsewhere.
    assert_eq!((first[5].as_str(), index.records[1][5].as_str()), (Some(""), Some("alterado")));
    assert_eq!(index.records[3], serde_json::json!(["Formato", "book/formato.html", "", [["", "", "Texto"]], "", ""]));
    // Chapters come after the procedures, with their own documents.
    assert_eq!(index.docs_of(&analyze::term("formato")).iter().map(|d| d.0).collect::<Vec<_>>(), [0, 3]);
}

#[test]
fn synonyms_are_written_as_terms() {
    let index = decode(build(&sample(), &[]));
    assert_eq!(index.meta["syn"], serde_json::json!([[["pfx"], ["certific", "a1"]]]));
}

#[test]
fn hostile_text_is_escaped_in_every_file() {
    let index = decode(build(&sample(), &[]));
    for (path, js) in &index.files {
        assert!(js.is_ascii(), "{path}");
        assert!(!js.contains(['<', '>', '&']), "{path}");
        assert!(!js.contains('\n'), "{path}");
    }
    assert_eq!(index.records[2][0], "Texto <script>alert(1)</script> hostil");
    assert_eq!(index.records[2][3][0][1], "<img src=x onerror=alert(1)>");
}

#[test]
fn output_is_deterministic() {
    let data = sample();
    assert_eq!(build(&data, &[]), build(&data, &[]));
}

#[test]
fn step_texts_are_cut_at_words() {
    assert_eq!(snippet("  Curto \n demais. ", 120), "Curto demais.");
    let long = "palavra ".repeat(100);
    let cut = snippet(&long, STEP_TEXT_CHARS);
    assert!(cut.ends_with("palavra…"), "{cut}");
    assert!(cut.chars().count() <= STEP_TEXT_CHARS + 1);
}

/// Many procedures: shards and chunks split, every term of every procedure reaches it.
#[test]
fn a_large_base_is_sharded_and_complete() {
    use crate::load::KnowledgeBase;
    let kb = KnowledgeBase::from_memory(crate::synth::knowledge_base(600));
    let text = |s: &Option<toml::Spanned<String>>| s.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default();
    let data: Vec<Owned> = kb
        .procedures
        .iter()
        .map(|p| Owned {
            url: format!("procedures/{}.html", p.slug),
            title: text(&p.title),
            breadcrumb: p.breadcrumb().map(|b| b.to_string()).unwrap_or_default(),
            tags: p.tags.iter().map(|t| t.get_ref().clone()).collect(),
            aliases: Vec::new(),
            summary: text(&p.summary),
            mark: String::new(),
            steps: p
                .steps
                .iter()
                .map(|s| (s.id.get_ref().clone(), text(&s.title), text(&s.text), Vec::new()))
                .collect(),
        })
        .collect();
    let index = decode(build(&data, &[]));
    assert!(numbers(index.meta["sh"].as_str().unwrap()).len() > 1, "more than one shard");
    assert!(index.files.iter().filter(|(p, _)| p.starts_with("search/d")).count() > 1);
    assert!(index.terms.windows(2).all(|w| w[0].encode_utf16().cmp(w[1].encode_utf16()).is_lt()));
    for (path, js) in &index.files {
        assert!(js.len() < SHARD_BYTES * 4 || path.starts_with("search/t"), "{path}: {} bytes", js.len());
    }
    for (doc, p) in data.iter().enumerate() {
        for term in terms(&p.title).chain(terms(&p.summary)) {
            assert!(index.docs_of(&term).iter().any(|(d, _, places)| *d == doc && places[0] == 0), "{term} → {doc}");
        }
        for (k, (_, title, body, _)) in p.steps.iter().enumerate() {
            for term in terms(title).chain(terms(body)) {
                let found =
                    index.docs_of(&term).into_iter().find(|(d, _, _)| *d == doc).expect("the term finds its procedure");
                assert!(found.2.contains(&(k + 1)) || found.2.len() == MAX_PLACES, "{term} → {doc} step {k}");
            }
        }
    }
}

/// search.js analyzes queries and decodes the index with copies of these constants: they must
/// change together (the browser suite also compares the two analyzers on 12,476 cases).
#[test]
fn the_client_uses_the_same_constants() {
    const SEARCH_JS: &str = include_str!("../../../themes/default/static/search.js");
    let value = |name: &str| -> String {
        let line = SEARCH_JS
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("const {name} =")))
            .unwrap_or_else(|| panic!("search.js defines {name}"));
        let rest = line.split_once('=').unwrap().1.trim();
        match rest.split('\'').nth(1) {
            Some(quoted) => quoted.to_string(),
            None => rest.trim_end_matches(';').to_string(),
        }
    };
    assert_eq!(value("STOPWORDS"), analyze::STOPWORDS.join(" "));
    let nasal: Vec<String> = analyze::NASAL_ENDINGS.iter().map(|(a, b)| format!("{a}:{b}")).collect();
    assert_eq!(value("NASAL_ENDINGS"), nasal.join(" "));
    assert_eq!(value("MAX_TOKEN_CHARS"), analyze::MAX_TOKEN_CHARS.to_string());
    assert_eq!(value("FORMAT_VERSION"), FORMAT_VERSION.to_string());
    assert_eq!(value("FINAL"), std::str::from_utf8(FINAL).unwrap());
    assert_eq!(value("MORE"), std::str::from_utf8(MORE).unwrap());
}
