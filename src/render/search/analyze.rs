//! The analyzer: how text becomes search terms. The page's script (`search.js`) analyzes queries
//! with the same rules, so the two must change together; tests here and in the browser suite keep
//! them equal (the stop words and limits are compared as text, the stemmer on a vocabulary).
//!
//! 1. **Fold**: Unicode NFD, combining marks dropped, lower case (`"Não"` → `"nao"`).
//! 2. **Split** on every character that is not alphanumeric, except that a `-` or `.` between two
//!    alphanumerics joins its parts into one *group*: `nf-e`, `6.353`, `e-cnpj`. A group gives its
//!    parts and, once, their concatenation (`nf`, `nfe`; `6`, `353`, `6353`).
//! 3. **Filter**: words of one character and [`STOPWORDS`] are dropped; words longer than
//!    [`MAX_TOKEN_CHARS`] are cut.
//! 4. **Term**: a word with a digit is a code and stays as it is (`06001` is never `0600`); any
//!    other word is stemmed by Snowball's Portuguese stemmer after its nasal ending is put back
//!    (`cao` → `ção`, `coes` → `ção`, `oes`/`aes` → `ão`: accent-free text stems like accented
//!    text, and `emissões` meets `emissão`), and the stem is folded again.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::cut_chars;
use crate::text::fold;

/// Words longer than this are cut to this many characters (on both sides).
pub const MAX_TOKEN_CHARS: usize = 32;

/// Folded pt-BR words that are not indexed and not searched (sorted): Snowball's Portuguese stop
/// list, folded, without `fora` ("fora do ar").
pub const STOPWORDS: &[&str] = &[
    "aos",
    "aquela",
    "aquelas",
    "aquele",
    "aqueles",
    "aquilo",
    "as",
    "ate",
    "com",
    "como",
    "da",
    "das",
    "de",
    "dela",
    "delas",
    "dele",
    "deles",
    "depois",
    "do",
    "dos",
    "ela",
    "elas",
    "ele",
    "eles",
    "em",
    "entre",
    "era",
    "eram",
    "eramos",
    "essa",
    "essas",
    "esse",
    "esses",
    "esta",
    "estamos",
    "estao",
    "estas",
    "estava",
    "estavam",
    "estavamos",
    "este",
    "esteja",
    "estejam",
    "estejamos",
    "estes",
    "esteve",
    "estive",
    "estivemos",
    "estiver",
    "estivera",
    "estiveram",
    "estiveramos",
    "estiverem",
    "estivermos",
    "estivesse",
    "estivessem",
    "estivessemos",
    "estou",
    "eu",
    "foi",
    "fomos",
    "for",
    "foram",
    "foramos",
    "forem",
    "formos",
    "fosse",
    "fossem",
    "fossemos",
    "fui",
    "ha",
    "haja",
    "hajam",
    "hajamos",
    "hao",
    "havemos",
    "hei",
    "houve",
    "houvemos",
    "houver",
    "houvera",
    "houveram",
    "houveramos",
    "houverao",
    "houverei",
    "houverem",
    "houveremos",
    "houveria",
    "houveriam",
    "houveriamos",
    "houvermos",
    "houvesse",
    "houvessem",
    "houvessemos",
    "isso",
    "isto",
    "ja",
    "lhe",
    "lhes",
    "mais",
    "mas",
    "me",
    "mesmo",
    "meu",
    "meus",
    "minha",
    "minhas",
    "muito",
    "na",
    "nao",
    "nas",
    "nem",
    "no",
    "nos",
    "nossa",
    "nossas",
    "nosso",
    "nossos",
    "num",
    "numa",
    "os",
    "ou",
    "para",
    "pela",
    "pelas",
    "pelo",
    "pelos",
    "por",
    "qual",
    "quando",
    "que",
    "quem",
    "sao",
    "se",
    "seja",
    "sejam",
    "sejamos",
    "sem",
    "ser",
    "sera",
    "serao",
    "serei",
    "seremos",
    "seria",
    "seriam",
    "seriamos",
    "seu",
    "seus",
    "so",
    "somos",
    "sou",
    "sua",
    "suas",
    "tambem",
    "te",
    "tem",
    "temos",
    "tenha",
    "tenham",
    "tenhamos",
    "tenho",
    "tera",
    "terao",
    "terei",
    "teremos",
    "teria",
    "teriam",
    "teriamos",
    "teu",
    "teus",
    "teve",
    "tinha",
    "tinham",
    "tinhamos",
    "tive",
    "tivemos",
    "tiver",
    "tivera",
    "tiveram",
    "tiveramos",
    "tiverem",
    "tivermos",
    "tivesse",
    "tivessem",
    "tivessemos",
    "tu",
    "tua",
    "tuas",
    "um",
    "uma",
    "umas",
    "uns",
    "voce",
    "voces",
    "vos",
];

/// Folded endings put back to their nasal form before stemming, longest first: the word's
/// ending → what the stemmer sees.
pub const NASAL_ENDINGS: &[(&str, &str)] =
    &[("coes", "ção"), ("cao", "ção"), ("oes", "ão"), ("aes", "ão"), ("ao", "ão")];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Portuguese));

/// One word of an analyzed text.
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The folded word as written (cut to [`MAX_TOKEN_CHARS`]).
    pub surface: String,
    /// What is indexed and searched: the stem, or the code as it stands.
    pub term: String,
    /// The number of the group (see the module docs) the word comes from, counting from 0 in
    /// the text; the parts and the joined form of `nf-e` share it.
    pub group: usize,
    /// The concatenation of a group's parts (`nfe` of `nf-e`).
    pub joined: bool,
}

/// Whether a folded word is searched at all.
pub fn is_indexed(word: &str) -> bool {
    word.chars().nth(1).is_some() && !STOPWORD_SET.contains(word)
}

/// [`STOPWORDS`] for lookups: every word of every text is looked up.
static STOPWORD_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// How many words each thread remembers the term of: the words of a text follow Zipf's law, so
/// a few thousand of them make nearly every word, and stemming them again dominated indexing.
const CACHED_TERMS: usize = 1 << 16;

thread_local! {
    static TERMS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// The term of one folded word: see the module docs.
pub fn term(word: &str) -> String {
    if word.chars().any(|c| c.is_numeric()) || word.len() < 3 {
        return word.to_string();
    }
    TERMS.with_borrow_mut(|cache| {
        if let Some(term) = cache.get(word) {
            return term.clone();
        }
        let term = stem(word);
        if cache.len() >= CACHED_TERMS {
            cache.clear();
        }
        cache.insert(word.to_string(), term.clone());
        term
    })
}

/// [`term`] of a word without digits, not cached.
fn stem(word: &str) -> String {
    let mut restored = None;
    for (ending, nasal) in NASAL_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            restored = Some(format!("{stem}{nasal}"));
            break;
        }
    }
    let stemmed = STEMMER.stem(restored.as_deref().unwrap_or(word));
    fold(&stemmed)
}

/// The groups of a folded text: each a list of alphanumeric parts joined by `-` or `.`.
fn groups(folded: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut joinable = false;
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            let part = &folded[s..i];
            if joinable && let Some(group) = out.last_mut() {
                group.push(part);
            } else {
                out.push(vec![part]);
            }
        }
        let next_is_alnum = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        let previous_is_alnum = k > 0 && chars[k - 1].1.is_alphanumeric();
        joinable = matches!(c, '-' | '.') && next_is_alnum && previous_is_alnum;
    }
    if let Some(s) = start {
        let part = &folded[s..];
        if joinable && let Some(group) = out.last_mut() {
            group.push(part);
        } else {
            out.push(vec![part]);
        }
    }
    out
}

/// The words of a text, in order: each group's indexed parts, then its joined form.
#[cfg(test)]
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(text, |word, group, joined| {
        out.push(Word { surface: word.to_string(), term: term(word), group, joined });
    });
    out
}

/// Calls `found` with every indexed word of `text` (folded, cut), its group and whether it is a
/// group's parts joined.
fn each_word(text: &str, mut found: impl FnMut(&str, usize, bool)) {
    let folded = fold(text);
    for (group, parts) in groups(&folded).into_iter().enumerate() {
        let mut push = |word: &str, joined: bool| {
            let word = cut_chars(word, MAX_TOKEN_CHARS);
            if is_indexed(word) {
                found(word, group, joined);
            }
        };
        for part in &parts {
            push(part, false);
        }
        if parts.len() > 1 {
            push(&parts.concat(), true);
        }
    }
}

/// The terms of a text, in order, repeats included.
pub fn terms(text: &str) -> impl Iterator<Item = String> {
    let mut out = Vec::new();
    each_word(text, |word, _, _| out.push(term(word)));
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        terms(text).collect()
    }

    #[test]
    fn stop_words_are_sorted_folded_and_dropped() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| fold(w) == *w));
        assert!(all("de da do à é a e o os para com não depois").is_empty());
        assert_eq!(all("sistema fora do ar"), ["sistem", "for", "ar"]);
    }

    #[test]
    fn inflections_meet() {
        let same = |words: &[&str]| {
            let stems: Vec<String> = words.iter().map(|w| term(&fold(w))).collect();
            assert!(stems.windows(2).all(|w| w[0] == w[1]), "{words:?} → {stems:?}");
        };
        same(&["perda", "perdi", "perdido", "perdeu", "perderam"]);
        same(&["emissão", "emissao", "emissões", "emissoes"]);
        same(&["rejeição", "rejeicao", "rejeições", "rejeicoes"]);
        same(&["formatação", "formatacao", "formatou", "formatado", "formatar"]);
        same(&["certificado", "certificados"]);
        same(&["nota", "notas"]);
        same(&["impressora", "impressoras"]);
    }

    #[test]
    fn hyphenated_and_dotted_forms_give_parts_and_joined() {
        assert_eq!(all("NF-e"), ["nf", "nfe"]);
        assert_eq!(all("MDF-e e CT-e"), ["mdf", "mdfe", "ct", "cte"]);
        assert_eq!(all("e-CNPJ"), ["cnpj", "ecnpj"]);
        assert_eq!(all("a nota 6.353"), ["not", "353", "6353"]);
        let nfe = words("NF-e");
        assert_eq!(nfe[0].group, nfe[1].group);
        assert!(nfe[1].joined && !nfe[0].joined);
        // A joiner at a word's edge, or two in a row, does not join.
        assert_eq!(all("fim. Depois -x nf--e"), ["fim", "nf"]);
    }

    #[test]
    fn codes_stay_whole() {
        assert_eq!(all("Rejeição 06001 A1"), ["rejeica", "06001", "a1"]);
        assert_eq!(term("06001"), "06001");
    }

    #[test]
    fn long_words_are_cut() {
        let long = "x".repeat(50);
        assert_eq!(words(&long)[0].surface, "x".repeat(MAX_TOKEN_CHARS));
    }
}

/// The cases the browser suite analyzes with `search.js` and compares with this module
/// (`tests/browser/analyzer-cases.json`): `[text, terms]` pairs, made once from every distinct
/// whitespace-separated piece of this repository's procedures, handbook and search benchmark,
/// plus edge cases. The file is a fixed fixture: editing the book does not make it stale.
#[cfg(test)]
mod agreement {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    const CASES: &str = "tests/browser/analyzer-cases.json";
    const EDGE_CASES: &[&str] = &[
        "NF-e",
        "NFC-e/CT-e",
        "e-CNPJ",
        "6.353",
        "R$ 1.234,56",
        "06001",
        "A1",
        "nf--e",
        "-x",
        "fim.",
        "x.y.z",
        "Rejeição",
        "REJEICAO",
        "ações",
        "emissões",
        "pães",
        "irmãos",
        "não",
        "Não-conformidade",
        "ﬁm",
        "Straße",
        "ÀÉÎÕÜ",
        "na\u{0303}o",
        "１２３",
        "٣٤",
        "e\u{301}",
        "x\u{200b}y",
        "🙂ok",
        "ǅemal",
        "İstanbul",
    ];

    fn analyzed(text: &str) -> String {
        terms(text).collect::<Vec<_>>().join(" ")
    }

    fn pieces(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "toml" || x == "md") {
                let text = std::fs::read_to_string(path).unwrap();
                out.extend(text.split_whitespace().map(str::to_string));
            }
        }
    }

    /// `SOPBOOK_WRITE_CASES=1 cargo test analyzer_cases` makes the file again from the sources.
    #[test]
    fn analyzer_cases_agree_with_this_module() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CASES);
        if std::env::var_os("SOPBOOK_WRITE_CASES").is_some() {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut all = BTreeSet::new();
            for dir in ["procedures", "book", "benches/search/kb"] {
                pieces(&root.join(dir), &mut all);
            }
            all.extend(EDGE_CASES.iter().map(|s| s.to_string()));
            let cases: Vec<(String, String)> = all
                .into_iter()
                .map(|text| {
                    let t = analyzed(&text);
                    (text, t)
                })
                .collect();
            let json = serde_json::to_string(&cases).unwrap().replace("],[", "],\n[");
            std::fs::write(&path, format!("{json}\n")).unwrap();
        }
        let cases: Vec<(String, String)> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(cases.len() > 3000, "{} cases", cases.len());
        for (text, expected) in &cases {
            assert_eq!(&analyzed(text), expected, "{text:?}");
        }
    }
}
