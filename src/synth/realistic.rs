//! A realistic knowledge base, for benchmarks on content that looks like users' content: the
//! support desk of a Brazilian ERP. Each procedure has ten steps (two decisions, a resolution or
//! two, an escalation), three or four scenarios that take every branch, and 2–4 KB in all:
//! step titles, prose with inline code, codes (`Rejeição 539`, `NCM 8471.30.12`, `CFOP 5.102`),
//! menus in bold, notes, warnings, sometimes a Markdown table or a list, and cross-references to
//! other procedures, to one of their steps, to a step of its own and to manuals.
//!
//! The prose is made of sentence patterns whose words are drawn from the vocabulary of
//! [`super::words`] (thousands of inflected pt-BR forms) with Zipf's law: word `r` of a shuffled
//! list with a probability ∝ 1/r, per part of speech. So the vocabulary keeps growing with the
//! base, as real text does, and the frequent words are very frequent. Deterministic: the same
//! `n` and `seed` give the same files.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::words::{self, Adjective, Gender, Noun, Verb};
use crate::text::{fold, slug, step_id};

/// The files of a realistic knowledge base of `n` procedures: `(path relative to the root,
/// text)`, as [`super::knowledge_base`] gives them. The same `n` and `seed`, the same files.
pub fn realistic(n: usize, seed: u64) -> Vec<(String, String)> {
    let vocabulary = Vocabulary::new(seed);
    let heads = heads(n, seed, &vocabulary);
    let mut files =
        vec![("sopbook.toml".to_string(), SOPBOOK_TOML.to_string()), ("manuals.toml".to_string(), manuals_toml())];
    files.extend(heads.iter().enumerate().map(|(i, head)| {
        let mut w = Writer { v: &vocabulary, rng: Rng::stream(seed, i, BODY) };
        (head.path.clone(), procedure(&mut w, i, &heads))
    }));
    files
}

const SOPBOOK_TOML: &str = r#"# A realistic knowledge base written by sopbook::synth::realistic, for the benchmarks.
[site]
title = "Base realista"
language = "pt-BR"

[review]
# Long enough that the base never falls due for review, whatever the day it is measured on.
months = 120
"#;

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: small, fast, and good enough to draw words.
#[derive(Clone)]
struct Rng(u64);

/// The streams of one procedure: its heading (title, path, step IDs) and its body.
const HEAD: u64 = 1;
const BODY: u64 = 2;
const VOCABULARY: u64 = 3;

impl Rng {
    /// The generator of stream `kind` of item `i`: independent of the other items.
    fn stream(seed: u64, i: usize, kind: u64) -> Self {
        let mut rng =
            Rng(seed ^ kind.wrapping_mul(0xA24B_AED4_963E_E407) ^ (i as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.float() * n as f64) as usize).min(n - 1)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.float() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A list in a random order, drawn with Zipf's law: item `r` (from 1) with a probability
/// ∝ 1/(r + [`OFFSET`]) (the Zipf–Mandelbrot form: the tail is Zipf's 1/r, and the few first
/// words of each part of speech do not crowd every sentence; the function words of the
/// patterns are the most frequent words, as in real text).
const OFFSET: f64 = 6.0;

struct Ranked<T> {
    items: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T> Ranked<T> {
    fn new(mut items: Vec<T>, rng: &mut Rng) -> Self {
        rng.shuffle(&mut items);
        let mut sum = 0.0;
        let cumulative = (1..=items.len())
            .map(|r| {
                sum += 1.0 / (r as f64 + OFFSET);
                sum
            })
            .collect();
        Ranked { items, cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> &T {
        let x = rng.float() * self.cumulative.last().copied().unwrap_or(0.0);
        &self.items[self.cumulative.partition_point(|&c| c < x).min(self.items.len() - 1)]
    }
}

/// The words, each part of speech in its own Zipf-ranked list.
struct Vocabulary {
    nouns: Ranked<Noun>,
    adjectives: Ranked<Adjective>,
    adverbs: Ranked<String>,
    verbs: Ranked<Verb>,
    terms: Ranked<&'static str>,
}

impl Vocabulary {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::stream(seed, 0, VOCABULARY);
        let adjectives = words::adjectives();
        let adverbs =
            adjectives.iter().filter_map(|a| a.adverb.clone()).chain(ADVERBS.iter().map(|a| a.to_string())).collect();
        Vocabulary {
            nouns: Ranked::new(words::nouns(), &mut rng),
            adverbs: Ranked::new(adverbs, &mut rng),
            adjectives: Ranked::new(adjectives, &mut rng),
            verbs: Ranked::new(words::verbs(), &mut rng),
            terms: Ranked::new(words::TERMS.to_vec(), &mut rng),
        }
    }
}

/// Adverbs that no adjective makes.
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "novamente", "depois", "antes", "ainda", "já", "sempre", "somente", "apenas", "também", "logo",
    "agora", "hoje", "ontem", "amanhã", "aqui", "ali", "bem", "mal", "muito", "pouco", "tarde",
    "cedo", "primeiro", "quase", "talvez", "assim", "inclusive", "sobretudo", "imediatamente",
    "manualmente",
];

// ---------------------------------------------------------------------------------------------
// Fixed lists of the domain

const SECTIONS: &[(&str, &[&str])] = &[
    ("Documentos Fiscais", &["NF-e", "NFC-e", "CT-e", "MDF-e", "NFS-e"]),
    ("Fiscal", &["SPED", "Apuração de ICMS", "Substituição Tributária", "Sintegra"]),
    ("Certificado Digital", &["A1", "A3", "Renovação"]),
    ("Financeiro", &["Contas a Receber", "Contas a Pagar", "Boletos", "Conciliação Bancária", "PIX"]),
    ("Estoque", &["Inventário", "Transferências", "Lotes e Validade"]),
    ("PDV", &["Frente de Caixa", "TEF", "SAT e MFE", "Balança"]),
    ("Sistema", &["Instalação", "Atualização", "Banco de Dados", "Backup", "Usuários e Permissões"]),
    ("Atendimento", &["Acesso Remoto", "Chamados"]),
    ("Compras", &["Pedidos de Compra", "Entrada de Notas", "Fornecedores"]),
    ("Vendas", &["Orçamentos", "Pedidos de Venda", "Comissões"]),
    ("Folha de Pagamento", &["eSocial", "Férias", "Rescisão"]),
    ("Integrações", &["E-commerce", "Marketplaces", "API"]),
    ("Contabilidade", &["Plano de Contas", "Lançamentos", "Balancete"]),
    ("Infraestrutura", &["Impressoras", "Rede Local", "Servidor"]),
];

/// A third level, under some sections.
const THIRD: &[&str] = &["Rejeições", "Configuração", "Dúvidas Frequentes", "Erros"];

#[rustfmt::skip]
const MANUALS: &[&str] = &[
    "Qualitor > Abrir chamado", "Qualitor > Abrir chamado para o N2",
    "Qualitor > Anexar arquivos ao chamado", "Manual do ERP > Fiscal > Parâmetros da NF-e",
    "Manual do ERP > Fiscal > Tabela de CFOP", "Manual do ERP > Fiscal > Cadastro de NCM e CEST",
    "Manual do ERP > Financeiro > Remessa e retorno CNAB",
    "Manual do ERP > Financeiro > Configuração do PIX", "Manual do ERP > PDV > Configuração do TEF",
    "Manual do ERP > PDV > Instalação do SAT", "Manual do ERP > Sistema > Backup e restauração",
    "Manual do ERP > Sistema > Atualização de versão", "Manual do ERP > Sistema > Perfis de acesso",
    "Manual do ERP > Estoque > Inventário anual", "Portal da NF-e > Consulta de disponibilidade",
    "Portal da NF-e > Consulta de NF-e por chave",
    "Portal da NF-e > Manual de Orientação do Contribuinte", "Receita Federal > Consulta de CNPJ",
];

/// The manuals an escalation goes through (the first entries of [`MANUALS`]).
const TICKETS: usize = 2;

#[rustfmt::skip]
const MENUS: &[&str] = &[
    "Fiscal > NF-e > Parâmetros", "Fiscal > NF-e > Monitor", "Fiscal > NFC-e > Configurações",
    "Fiscal > Apuração > ICMS", "Fiscal > SPED > EFD ICMS/IPI", "Cadastros > Produtos",
    "Cadastros > Clientes", "Cadastros > Fornecedores", "Cadastros > Transportadoras",
    "Cadastros > Tributação", "Financeiro > Contas a Receber", "Financeiro > Contas a Pagar",
    "Financeiro > Boletos > Remessa", "Financeiro > Conciliação", "Estoque > Movimentações",
    "Estoque > Inventário", "Vendas > Pedidos", "Vendas > Orçamentos", "Compras > Entrada de Notas",
    "PDV > Configurações > TEF", "PDV > Fechamento de Caixa", "Utilitários > Backup",
    "Utilitários > Atualizar Versão", "Utilitários > Reindexar Base",
    "Configurações > Empresa > Certificado Digital", "Configurações > Usuários > Perfis",
    "Configurações > E-mail", "Relatórios > Fiscais", "Relatórios > Financeiros",
    "Relatórios > Estoque", "Integrações > E-commerce", "Integrações > API > Tokens",
    "Contabilidade > Lançamentos", "Folha > eSocial > Eventos",
];

#[rustfmt::skip]
const BUTTONS: &[&str] = &[
    "Salvar", "Transmitir", "Consultar", "Gerar", "Imprimir", "Cancelar", "Confirmar", "Atualizar",
    "Reprocessar", "Exportar", "Importar", "Enviar", "Validar", "Testar conexão", "Avançar",
    "Concluir", "Pesquisar", "Filtrar", "Recalcular", "Inutilizar",
];

#[rustfmt::skip]
const CONTEXTS: &[&str] = &[
    "no PDV", "após a atualização", "em homologação", "na filial", "no servidor",
    "ao abrir o sistema", "no fechamento do mês", "com certificado A3", "no Windows 11",
    "fora do horário comercial", "na virada do mês", "depois da troca de computador",
    "em contingência", "no segundo caixa", "com o banco de dados remoto", "na primeira emissão",
    "para outro estado", "no Simples Nacional",
];

const CFOPS: &[(&str, &str)] = &[
    ("1.102", "Compra para comercialização"),
    ("1.202", "Devolução de venda de mercadoria"),
    ("1.403", "Compra para comercialização com substituição tributária"),
    ("2.102", "Compra para comercialização de outro estado"),
    ("5.101", "Venda de produção do estabelecimento"),
    ("5.102", "Venda de mercadoria adquirida de terceiros"),
    ("5.152", "Transferência de mercadoria"),
    ("5.202", "Devolução de compra para comercialização"),
    ("5.405", "Venda de mercadoria com substituição tributária, como substituído"),
    ("5.910", "Remessa em bonificação, doação ou brinde"),
    ("5.929", "Lançamento de operação também registrada em cupom fiscal"),
    ("6.102", "Venda de mercadoria adquirida de terceiros para outro estado"),
    ("6.108", "Venda a não contribuinte de outro estado"),
];

#[rustfmt::skip]
const FIELDS: &[&str] = &[
    "CNPJ", "Razão social", "Nome do contato", "Telefone 1", "Telefone 2", "E-mail",
    "Número da nota", "Série", "Chave de acesso", "Versão do sistema", "Mensagem de erro",
    "Descrição do problema", "Print da tela", "Código do produto", "Data da ocorrência",
    "Número do protocolo",
];

const SECTORS: &[&str] = &[
    "Suporte Fiscal N2",
    "Desenvolvimento",
    "Infraestrutura",
    "Financeiro N2",
    "Implantação",
    "Suporte PDV N2",
    "Relacionamento",
    "Banco de Dados",
];

const SLAS: &[&str] = &["4h", "8h", "24h", "2d", "3d", "2du"];

const OWNERS: &[&str] = &[
    "Suporte Fiscal",
    "Suporte Técnico",
    "Suporte Financeiro",
    "Suporte PDV",
    "Implantação",
    "Qualidade do Atendimento",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "nota fiscal", "rejeição", "certificado", "impressão", "banco de dados", "boleto", "sefaz",
    "icms", "cfop", "ncm", "xml", "danfe", "contingência", "versão", "rede", "permissões",
    "integração", "relatórios", "fechamento", "cancelamento", "devolução", "cadastro", "senha",
    "lentidão", "tributação", "cobrança",
];

/// The answers of a two-way decision.
const ANSWERS: &[(&str, &str)] = &[
    ("Sim", "Não"),
    ("Sim", "Não, outro erro"),
    ("Autorizada", "Rejeitada"),
    ("Aparece", "Não aparece"),
    ("Em produção", "Em homologação"),
    ("Certificado A1", "Certificado A3"),
    ("Com acesso remoto", "Sem acesso remoto"),
    ("Funcionou", "O erro continua"),
    ("Resolveu", "Não resolveu"),
    ("Está correto", "Está divergente"),
    ("Conectou", "Não conectou"),
    ("Dentro do prazo", "Fora do prazo"),
];

const ESCALATION_TITLES: &[&str] =
    &["Abrir chamado", "Escalonar para o N2", "Encaminhar ao setor responsável", "Registrar o chamado"];

// ---------------------------------------------------------------------------------------------
// Phrases

/// A noun phrase and what agrees with it.
struct Phrase {
    text: String,
    gender: Gender,
    plural: bool,
}

fn article(gender: Gender, plural: bool) -> &'static str {
    match (gender, plural) {
        (Gender::M, false) => "o",
        (Gender::F, false) => "a",
        (Gender::M, true) => "os",
        (Gender::F, true) => "as",
    }
}

/// `de`, `em`, `a` or `por` joined to the article, as Portuguese writes them.
fn contract(preposition: &str, gender: Gender, plural: bool) -> String {
    let article = article(gender, plural);
    match preposition {
        "de" => format!("d{article}"),
        "em" => format!("n{article}"),
        "por" => format!("pel{article}"),
        "a" => match article {
            "o" => "ao".to_string(),
            "os" => "aos".to_string(),
            "a" => "à".to_string(),
            _ => "às".to_string(),
        },
        other => format!("{other} {article}"),
    }
}

/// The gender of a term of [`words::TERMS`]: the documents, the SEFAZ and a few others are
/// feminine (`a NF-e`, `a SEFAZ`), the taxes and codes masculine (`o ICMS`, `o XML`).
fn term_gender(term: &str) -> Gender {
    const FEMININE: &[&str] = &[
        "NF-e",
        "NFC-e",
        "CT-e",
        "MDF-e",
        "NFS-e",
        "SEFAZ",
        "EFD",
        "Receita Federal",
        "GNRE",
        "REINF",
        "DCTFWeb",
        "API",
        "DANFE NFC-e",
        "SVC-AN",
        "SVC-RS",
    ];
    if FEMININE.contains(&term) { Gender::F } else { Gender::M }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `está`/`estão`, `foi`/`foram`…: the few irregular verbs the patterns use.
fn be(plural: bool, singular: &'static str, plural_form: &'static str) -> &'static str {
    if plural { plural_form } else { singular }
}

/// Writes sentences with one procedure's generator.
struct Writer<'a> {
    v: &'a Vocabulary,
    rng: Rng,
}

impl<'a> Writer<'a> {
    fn noun(&mut self) -> &'a Noun {
        self.v.nouns.draw(&mut self.rng)
    }

    fn adjective(&mut self) -> &'a Adjective {
        self.v.adjectives.draw(&mut self.rng)
    }

    fn adverb(&mut self) -> &'a str {
        self.v.adverbs.draw(&mut self.rng)
    }

    fn verb(&mut self) -> &'a Verb {
        self.v.verbs.draw(&mut self.rng)
    }

    fn term(&mut self) -> &'static str {
        self.v.terms.draw(&mut self.rng)
    }

    /// A noun phrase without its article: `nota`, `arquivos rejeitados`, `senha do certificado`.
    fn core(&mut self, nested: bool) -> Phrase {
        let noun = self.noun();
        let plural = self.rng.chance(0.25);
        let mut text = if plural { noun.plural.clone() } else { noun.singular.clone() };
        match self.rng.below(10) {
            4..=5 => {
                let adjective = self.adjective().agree(noun.gender, plural).to_string();
                let _ = write!(text, " {adjective}");
            }
            6 => {
                let participle = self.verb().participle.agree(noun.gender, plural).to_string();
                let _ = write!(text, " {participle}");
            }
            7..=8 if !nested => {
                let of = self.core(true);
                let _ = write!(text, " {} {}", contract("de", of.gender, of.plural), of.text);
            }
            9 => {
                let term = self.term();
                let _ = write!(text, " {} {term}", contract("de", term_gender(term), false));
            }
            _ => {}
        }
        Phrase { text, gender: noun.gender, plural }
    }

    /// A noun phrase with its article: `a nota`, `os arquivos do servidor`.
    fn np(&mut self) -> Phrase {
        let core = self.core(false);
        Phrase { text: format!("{} {}", article(core.gender, core.plural), core.text), ..core }
    }

    /// A noun phrase after a preposition: `no servidor`, `das notas`.
    fn pp(&mut self, preposition: &str) -> String {
        let core = self.core(false);
        format!("{} {}", contract(preposition, core.gender, core.plural), core.text)
    }

    fn imperative(&mut self) -> String {
        capital(&self.verb().subjunctive[0])
    }

    fn menu(&mut self) -> &'static str {
        MENUS[self.rng.below(MENUS.len())]
    }

    fn context(&mut self) -> &'static str {
        CONTEXTS[self.rng.below(CONTEXTS.len())]
    }

    /// A code as the support desk writes it: `Rejeição 539`, `NCM 8471.30.12`, `CFOP 5.102`.
    fn code(&mut self) -> String {
        let r = &mut self.rng;
        match r.below(9) {
            0 | 1 => format!("Rejeição {}", r.range(201, 999)),
            2 => format!("NCM {:04}.{:02}.{:02}", r.range(101, 9706), r.below(100), r.below(100)),
            3 => format!("CFOP {}", r.pick(CFOPS).0),
            4 => format!("CST {:03}", r.pick(&[0, 10, 20, 30, 40, 41, 50, 51, 60, 70, 90])),
            5 => format!("CSOSN {}", r.pick(&[101, 102, 103, 201, 202, 300, 400, 500, 900])),
            6 => format!("cStat {}", r.pick(&[100, 101, 135, 204, 217, 539, 656, 778])),
            7 => format!("protocolo {}{:09}", r.range(131, 355), r.below(1_000_000_000)),
            _ => format!("CNPJ {:02}.{:03}.{:03}/0001-{:02}", r.below(100), r.below(1000), r.below(1000), r.below(100)),
        }
    }

    /// A code with its article: `a Rejeição 539`, `o CFOP 5.102`.
    fn the_code(&mut self) -> String {
        let code = self.code();
        let article = if code.starts_with("Rejeição") { "a" } else { "o" };
        format!("{article} {code}")
    }

    /// A short instruction: `Confira o cadastro.`
    fn short(&mut self) -> String {
        let (imp, np) = (self.imperative(), self.np().text);
        format!("{imp} {np}.")
    }

    /// Something to write in inline code.
    fn inline_code(&mut self) -> String {
        let r = &mut self.rng;
        match r.below(8) {
            0 => format!("C:\\Sistema\\Config\\{}.ini", r.pick(&["nfe", "pdv", "servidor", "tef", "banco"])),
            1 => format!("{}-nfe.xml", (0..11).map(|_| char::from(b'0' + r.below(10) as u8)).collect::<String>()),
            2 => format!(
                "SELECT * FROM {} WHERE situacao = '{}'",
                r.pick(&["notas", "titulos", "produtos", "pedidos"]),
                r.pick(&["P", "R", "C"])
            ),
            3 => format!("{}={}", r.pick(&["TIMEOUT_SEFAZ", "PORTA", "AMBIENTE", "VERSAO_LAYOUT"]), r.range(1, 120)),
            4 => format!("<cStat>{}</cStat>", r.pick(&[100, 204, 539, 656])),
            5 => format!("ping 192.168.0.{}", r.range(2, 254)),
            6 => format!("sc stop {}", r.pick(&["SistemaServidor", "MonitorFiscal", "ServicoTEF"])),
            _ => format!("{}", r.range(1024, 9999)),
        }
    }

    /// One sentence of instructions or explanation.
    fn sentence(&mut self) -> String {
        match self.rng.below(23) {
            0 => {
                let (imp, np, menu) = (self.imperative(), self.np().text, self.menu());
                format!("{imp} {np} em **{menu}**.")
            }
            1 => {
                let (imp, np) = (self.imperative(), self.np().text);
                let (imp2, np2, adv) = (self.verb().subjunctive[0].clone(), self.np().text, self.adverb());
                format!("{imp} {np} e {imp2} {np2} {adv}.")
            }
            2 => {
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let (object, imp, np3) = (self.np().text, self.verb().subjunctive[0].clone(), self.np().text);
                format!("Se {} {verb} {object}, {imp} {np3}.", subject.text)
            }
            3 => {
                let subject = self.np();
                let verb = self.verb().subjunctive[usize::from(subject.plural)].clone();
                let (object, imp, np3) = (self.np().text, self.verb().subjunctive[0].clone(), self.np().text);
                let (inf, np4) = (self.verb().infinitive.clone(), self.np().text);
                format!("Caso {} não {verb} {object}, {imp} {np3} antes de {inf} {np4}.", subject.text)
            }
            4 => {
                let (inf, np, inf2, np2) =
                    (self.verb().infinitive.clone(), self.np().text, self.verb().infinitive.clone(), self.np().text);
                format!("Peça ao cliente para {inf} {np} e {inf2} {np2}.")
            }
            5 => {
                let (screen, button, np) = (self.noun().singular.clone(), self.rng.pick(BUTTONS), self.np().text);
                format!("Na tela de {screen}, clique em **{button}** e aguarde {np}.")
            }
            6 => {
                let a = self.np();
                let participle = self.verb().participle.agree(a.gender, a.plural).to_string();
                let b = self.np();
                let adjective = self.adjective().agree(b.gender, b.plural).to_string();
                format!(
                    "Confira se {} {} {participle} e se {} {} {adjective}.",
                    a.text,
                    be(a.plural, "está", "estão"),
                    b.text,
                    be(b.plural, "está", "estão")
                )
            }
            7 => {
                let (verb, np, adv) = (self.verb().future[0].clone(), self.np().text, self.adverb());
                let when = self.np();
                let v = self.verb();
                let when_verb = if when.plural { v.future_subjunctive_plural.clone() } else { v.infinitive.clone() };
                let np3 = self.np().text;
                format!("O sistema {verb} {np} {adv} quando {} {when_verb} {np3}.", when.text)
            }
            8 => {
                let (inf, np, imp, np2) = (
                    self.verb().infinitive.clone(),
                    self.np().text,
                    self.verb().subjunctive[0].clone(),
                    self.np().text,
                );
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let place = self.pp("em");
                format!("Depois de {inf} {np}, {imp} {np2}: {} {verb} {place}.", subject.text)
            }
            9 => {
                let a = self.np();
                let verb = self.verb().imperfect[usize::from(a.plural)].clone();
                let np2 = self.np().text;
                let b = self.np();
                let verb2 = self.verb().present[usize::from(b.plural)].clone();
                let np4 = self.np().text;
                format!("Em geral, {} {verb} {np2}, mas agora {} {verb2} {np4}.", a.text, b.text)
            }
            10 => {
                let (np, code, imp, np2) =
                    (self.np().text, self.code(), self.verb().subjunctive[0].clone(), self.np().text);
                format!("Anote {np} ({code}) e {imp} {np2}.")
            }
            11 => {
                let rejection = self.rng.range(201, 999);
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let np2 = self.np().text;
                format!("A SEFAZ devolve a Rejeição {rejection} quando {} {verb} {np2}.", subject.text)
            }
            12 => {
                let code = *self.rng.pick(&[
                    "0x80070005",
                    "0x800C0005",
                    "10054",
                    "12029",
                    "12175",
                    "-2146893802",
                    "SQLCODE -904",
                    "I/O error 32",
                ]);
                let subject = self.np();
                let verb = self.verb().preterite[usize::from(subject.plural)].clone();
                let np2 = self.np().text;
                format!("O erro `{code}` indica que {} não {verb} {np2}.", subject.text)
            }
            13 => {
                let (gerund, np) = (self.verb().gerund.clone(), self.np().text);
                let subject = self.np();
                let verb = self.verb().subjunctive[usize::from(subject.plural)].clone();
                let np3 = self.np().text;
                format!("Continue {gerund} {np} até que {} {verb} {np3}.", subject.text)
            }
            14 => {
                let a = self.np();
                let verb = self.verb().past_subjunctive[usize::from(a.plural)].clone();
                let np2 = self.np().text;
                let b = self.np();
                let participle = self.verb().participle.agree(b.gender, b.plural).to_string();
                let be = be(b.plural, "seria", "seriam");
                format!("Se {} {verb} {np2}, {} {be} {participle}.", a.text, b.text)
            }
            15 => {
                let noun = self.noun();
                let article = article(noun.gender, true);
                let (verb, np) = (self.verb().preterite[1].clone(), self.np().text);
                let (verb2, np2, adv) = (self.verb().imperfect[1].clone(), self.np().text, self.adverb());
                format!("{} {} {verb} {np} e {verb2} {np2} {adv}.", capital(article), noun.plural)
            }
            16 => {
                let code = self.the_code();
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let np2 = self.np().text;
                format!("Use {code} quando {} {verb} {np2}.", subject.text)
            }
            17 => {
                let code = self.inline_code();
                let np = self.np().text;
                format!("Verifique se `{code}` aparece para {np}.")
            }
            18 => {
                let menu = self.menu();
                let option = self.core(true);
                let button = self.rng.pick(BUTTONS);
                format!("Em **{menu}**, marque a opção *{}* e clique em **{button}**.", capital(&option.text))
            }
            19 => {
                let (inf, np) = (self.verb().infinitive.clone(), self.np().text);
                let subject = self.np();
                let participle = self.verb().participle.agree(subject.gender, subject.plural).to_string();
                let adv = self.adverb();
                let stays = be(subject.plural, "ficará", "ficarão");
                format!("Ao {inf} {np}, {} {stays} {participle} {adv}.", subject.text)
            }
            20 => {
                let subject = self.np();
                let verb = self.verb().preterite[usize::from(subject.plural)].clone();
                let (np2, place, context) = (self.np().text, self.pp("em"), self.context());
                format!("{} {verb} {np2} {place} {context}.", capital(&subject.text))
            }
            21 => {
                let (term, imp, np) = (self.term(), self.imperative(), self.np().text);
                let adv = self.adverb();
                format!(
                    "{imp} {np} {adv} antes de enviar o arquivo {} {term}.",
                    contract("a", term_gender(term), false)
                )
            }
            _ => {
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let (code, imp, np2) = (self.the_code(), self.verb().subjunctive[0].clone(), self.np().text);
                format!("Quando {} {verb} {code}, {imp} {np2}.", subject.text)
            }
        }
    }

    /// The question of a decision.
    fn question(&mut self) -> String {
        match self.rng.below(6) {
            0 => {
                let subject = self.np();
                let participle = self.verb().participle.agree(subject.gender, subject.plural).to_string();
                format!("{} {} {participle}?", capital(&subject.text), be(subject.plural, "foi", "foram"))
            }
            1 => {
                let (subject, place) = (self.np(), self.pp("em"));
                format!("{} {} {place}?", capital(&subject.text), be(subject.plural, "aparece", "aparecem"))
            }
            2 => {
                let (verb, np) = (self.verb().present[0].clone(), self.np().text);
                format!("O cliente {verb} {np}?")
            }
            3 => {
                let subject = self.np();
                let adjective = self.adjective().agree(subject.gender, subject.plural).to_string();
                format!("{} {} {adjective}?", capital(&subject.text), be(subject.plural, "está", "estão"))
            }
            4 => format!("A mensagem {} continua aparecendo?", self.code()),
            _ => {
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let (np2, adv) = (self.np().text, self.adverb());
                format!("{} {verb} {np2} {adv}?", capital(&subject.text))
            }
        }
    }

    fn note(&mut self) -> String {
        match self.rng.below(4) {
            0 => {
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                let (np2, adv) = (self.np().text, self.adverb());
                format!("Em alguns estados, {} {verb} {np2} {adv}.", subject.text)
            }
            1 => {
                let (subject, menu) = (self.np(), self.menu());
                format!("{} {} em **{menu}**.", capital(&subject.text), be(subject.plural, "fica", "ficam"))
            }
            2 => {
                let (np, code) = (self.np().text, self.the_code());
                format!("A regra vale apenas para {np} com {code}.")
            }
            _ => self.sentence(),
        }
    }

    fn warning(&mut self) -> String {
        match self.rng.below(3) {
            0 => {
                let (imp, np, inf, np2) = (
                    self.verb().subjunctive[0].clone(),
                    self.np().text,
                    self.verb().infinitive.clone(),
                    self.np().text,
                );
                let subject = self.np();
                let verb = self.verb().future[usize::from(subject.plural)].clone();
                let np4 = self.np().text;
                format!("Nunca {imp} {np} sem {inf} {np2}: {} {verb} {np4}.", subject.text)
            }
            1 => {
                let (imp, np, inf, np2) = (
                    self.verb().subjunctive[0].clone(),
                    self.np().text,
                    self.verb().infinitive.clone(),
                    self.np().text,
                );
                format!("Não {imp} {np} antes de {inf} {np2}.")
            }
            _ => {
                let (inf, np, hours, context) =
                    (self.verb().infinitive.clone(), self.np().text, self.rng.pick(&[24, 48, 72, 168]), self.context());
                format!("O prazo para {inf} {np} é de **{hours} horas** {context}.")
            }
        }
    }

    /// A Markdown table or list for a step's text.
    fn block(&mut self) -> String {
        let mut t = String::new();
        match self.rng.below(4) {
            0 => {
                t.push_str("| CFOP | Operação |\n|---|---|\n");
                for _ in 0..self.rng.range(2, 4) {
                    let (cfop, what) = self.rng.pick(CFOPS);
                    let _ = writeln!(t, "| {cfop} | {what} |");
                }
            }
            1 => {
                t.push_str("| Campo | Onde encontrar |\n|---|---|\n");
                for _ in 0..self.rng.range(2, 4) {
                    let (field, menu) = (self.rng.pick(FIELDS), self.menu());
                    let _ = writeln!(t, "| {field} | **{menu}** |");
                }
            }
            2 => {
                t.push_str("| Código | Significado | O que fazer |\n|---|---|---|\n");
                for _ in 0..self.rng.range(2, 3) {
                    let code = self.rng.range(100, 999);
                    let meaning = self.core(true);
                    let participle = self.verb().participle.agree(meaning.gender, meaning.plural).to_string();
                    let (imp, np) = (self.imperative(), self.np().text);
                    let _ = writeln!(t, "| `{code}` | {} {participle} | {imp} {np} |", capital(&meaning.text));
                }
            }
            _ => {
                let items = self.rng.range(3, 4);
                for k in 0..items {
                    let (imp, np) = (self.imperative(), self.np().text);
                    let _ = writeln!(t, "- {imp} {np}{}", if k + 1 == items { "." } else { ";" });
                }
            }
        }
        t
    }

    /// A procedure's title.
    fn title(&mut self) -> String {
        match self.rng.below(6) {
            0 => {
                let (code, inf, np) = (self.rng.range(201, 999), self.verb().infinitive.clone(), self.np().text);
                format!("Rejeição {code} ao {inf} {np}")
            }
            1 => {
                let subject = self.np();
                let verb = self.verb().present[usize::from(subject.plural)].clone();
                format!("{} não {verb} {}", capital(&subject.text), self.context())
            }
            2 => {
                let (inf, np, context) = (self.verb().infinitive.clone(), self.np().text, self.context());
                format!("Como {inf} {np} {context}")
            }
            3 => {
                let (code, inf, np) = (self.rng.range(1000, 99999), self.verb().infinitive.clone(), self.np().text);
                format!("Erro {code} ao {inf} {np}")
            }
            4 => {
                let noun = self.noun();
                let plural = self.rng.chance(0.3);
                let word = if plural { &noun.plural } else { &noun.singular };
                let participle = self.verb().participle.agree(noun.gender, plural).to_string();
                format!("{} {participle} {}", capital(word), self.context())
            }
            _ => {
                let (inf, np, place) = (self.verb().infinitive.clone(), self.np().text, self.pp("em"));
                format!("{} {np} {place}", capital(&inf))
            }
        }
    }

    fn summary(&mut self) -> String {
        let subject = self.np();
        let verb = self.verb().present[usize::from(subject.plural)].clone();
        let (np2, context, inf, np3) = (self.np().text, self.context(), self.verb().infinitive.clone(), self.np().text);
        format!("Quando {} {verb} {np2} {context} e o cliente precisa {inf} {np3}.", subject.text)
    }
}

// ---------------------------------------------------------------------------------------------
// Procedures

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Action,
    Decision,
    Resolution,
    Escalation,
}

/// The two graphs a procedure can have.
#[derive(Clone, Copy)]
enum Shape {
    /// check, check, decide; try, check, decide (yes, try again, give up); resolved; collect,
    /// collect, escalate.
    Retry,
    /// check, decide (one answer is solved by guidance); try, check, decide; resolved, guided;
    /// collect, collect, escalate.
    TwoEnds,
}

impl Shape {
    fn roles(self) -> [Role; 10] {
        use Role::*;
        match self {
            Shape::Retry => {
                [Action, Action, Decision, Action, Action, Decision, Resolution, Action, Action, Escalation]
            }
            Shape::TwoEnds => {
                [Action, Decision, Action, Action, Decision, Resolution, Resolution, Action, Action, Escalation]
            }
        }
    }
}

/// What other procedures need to know of one: its breadcrumb, file, steps.
struct Head {
    section: String,
    title: String,
    path: String,
    shape: Shape,
    /// Each step's ID and title.
    steps: Vec<(String, Option<String>)>,
}

impl Head {
    fn breadcrumb(&self) -> String {
        format!("{} > {}", self.section, self.title)
    }
}

fn heads(n: usize, seed: u64, vocabulary: &Vocabulary) -> Vec<Head> {
    let mut breadcrumbs = HashSet::new();
    let mut paths = HashSet::new();
    (0..n)
        .map(|i| {
            let mut w = Writer { v: vocabulary, rng: Rng::stream(seed, i, HEAD) };
            let (area, subsections) = *w.rng.pick(SECTIONS);
            let mut parts = vec![area, *w.rng.pick(subsections)];
            if w.rng.chance(0.3) {
                parts.push(*w.rng.pick(THIRD));
            }
            let section = parts.join(" > ");
            let base = w.title();
            let mut title = base.clone();
            for k in 2.. {
                if breadcrumbs.insert(fold(&format!("{section} > {title}"))) {
                    break;
                }
                title = format!("{base} ({k})");
            }
            let folder = parts.iter().map(|p| slug(p)).collect::<Vec<_>>().join("/");
            let file = short_id(&title, 8);
            let mut path = format!("procedures/{folder}/{file}.toml");
            for k in 2.. {
                if paths.insert(path.clone()) {
                    break;
                }
                path = format!("procedures/{folder}/{file}-{k}.toml");
            }
            let shape = if w.rng.chance(0.5) { Shape::Retry } else { Shape::TwoEnds };
            let steps = step_heads(&mut w, shape);
            Head { section, title, path, shape, steps }
        })
        .collect()
}

/// A step ID from the first `words` words of a title.
fn short_id(title: &str, words: usize) -> String {
    step_id(&title.split_whitespace().take(words).collect::<Vec<_>>().join(" "))
}

fn step_heads(w: &mut Writer, shape: Shape) -> Vec<(String, Option<String>)> {
    let mut ids = HashSet::new();
    let mut resolutions = 0;
    shape
        .roles()
        .iter()
        .enumerate()
        .map(|(k, role)| {
            let title = match role {
                Role::Action => w.rng.chance(0.75).then(|| {
                    let (inf, np) = (w.verb().infinitive.clone(), w.np().text);
                    format!("{} {np}", capital(&inf))
                }),
                Role::Decision => w.rng.chance(0.6).then(|| {
                    let noun = w.noun();
                    let participle = w.verb().participle.agree(noun.gender, false).to_string();
                    format!("{} {participle}?", capital(&noun.singular))
                }),
                Role::Resolution => {
                    resolutions += 1;
                    Some(if resolutions == 2 {
                        "Cliente orientado".to_string()
                    } else {
                        let noun = w.noun();
                        let participle = w.verb().participle.agree(noun.gender, false).to_string();
                        format!("{} {participle}", capital(&noun.singular))
                    })
                }
                Role::Escalation => Some(w.rng.pick(ESCALATION_TITLES).to_string()),
            };
            let base = title.as_deref().map_or_else(|| format!("passo-{}", k + 1), |t| short_id(t, 4));
            let mut id = base.clone();
            for n in 2.. {
                if ids.insert(id.clone()) {
                    break;
                }
                id = format!("{base}-{n}");
            }
            (id, title)
        })
        .collect()
}

/// One step as written.
struct Step {
    prose: Vec<String>,
    question: Option<String>,
    block: Option<String>,
    note: Option<String>,
    warning: Option<String>,
    see: Option<&'static str>,
    /// `next`, `branches` (answer, step), or the end.
    next: Option<usize>,
    branches: Vec<(String, usize)>,
    end: Option<Role>,
}

impl Step {
    fn text(&self) -> String {
        let mut t = self.prose.join(" ");
        if let Some(q) = &self.question {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(q);
        }
        if let Some(block) = &self.block {
            let _ = write!(t, "\n\n{block}");
        }
        t
    }
}

fn procedure(w: &mut Writer, i: usize, heads: &[Head]) -> String {
    let head = &heads[i];
    let roles = head.shape.roles();
    // Actions get their prose below, to fit the size; the others one sentence (or just the
    // question) now.
    let mut steps: Vec<Step> = roles
        .iter()
        .map(|role| Step {
            prose: match role {
                Role::Action => vec![],
                Role::Decision if w.rng.chance(0.5) => vec![],
                _ => vec![w.sentence()],
            },
            question: (*role == Role::Decision).then(|| w.question()),
            block: None,
            note: (*role != Role::Escalation && w.rng.chance(0.15)).then(|| w.note()),
            warning: (*role == Role::Action && w.rng.chance(0.1)).then(|| w.warning()),
            see: (*role == Role::Action && w.rng.chance(0.1)).then(|| *w.rng.pick(&MANUALS[TICKETS..])),
            next: None,
            branches: vec![],
            end: matches!(role, Role::Resolution | Role::Escalation).then_some(*role),
        })
        .collect();
    let actions: Vec<usize> = (0..roles.len()).filter(|&k| roles[k] == Role::Action).collect();
    if w.rng.chance(0.5) {
        let k = *w.rng.pick(&actions);
        steps[k].block = Some(w.block());
    }
    let mut scenarios = wire(w, head, &mut steps);
    // Teams write scenarios for some procedures, not all.
    if !w.rng.chance(SCENARIOS) {
        scenarios.clear();
    }
    references(w, i, heads, &actions, &mut steps);

    // Prose in the actions until the file is close to `target` bytes: first in those that have
    // none, then anywhere; one short instruction in those still without any.
    let (updated, tags, owner, summary) = (updated(w), tags(w), *w.rng.pick(OWNERS), w.summary());
    let escalation = escalation(w);
    let target = w.rng.range(2250, 3950);
    let mut length = render(head, &updated, &summary, owner, &tags, &steps, &escalation, &scenarios).len();
    let mut empty: Vec<usize> = actions.iter().copied().filter(|&k| steps[k].prose.is_empty()).collect();
    let mut tries = 0;
    while length + 150 < target && tries < 20 {
        let sentence = w.sentence();
        if length + sentence.len() + 1 > target {
            tries += 1;
            continue;
        }
        length += sentence.len() + 1;
        let k = if empty.is_empty() { *w.rng.pick(&actions) } else { empty.swap_remove(w.rng.below(empty.len())) };
        steps[k].prose.push(sentence);
    }
    for k in empty {
        steps[k].prose.push(w.short());
    }
    render(head, &updated, &summary, owner, &tags, &steps, &escalation, &scenarios)
}

/// The share of procedures with `[[scenarios]]`.
const SCENARIOS: f64 = 1.0 / 3.0;

/// `updated`, as a TOML date.
fn updated(w: &mut Writer) -> String {
    format!("2026-{:02}-{:02}", w.rng.range(1, 11), w.rng.range(1, 28))
}

fn tags(w: &mut Writer) -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = Vec::new();
    for _ in 0..w.rng.range(1, 3) {
        let tag = *w.rng.pick(TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

struct Escalation {
    to: &'static str,
    sla: &'static str,
    via: &'static str,
    fields: Vec<&'static str>,
}

fn escalation(w: &mut Writer) -> Escalation {
    let mut fields: Vec<&'static str> = vec!["CNPJ"];
    for _ in 0..w.rng.range(3, 6) {
        let field = *w.rng.pick(FIELDS);
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    Escalation {
        to: SECTORS[w.rng.below(SECTORS.len())],
        sla: SLAS[w.rng.below(SLAS.len())],
        via: MANUALS[w.rng.below(TICKETS)],
        fields,
    }
}

/// A scenario: its answers (`["Sim", "Não"]` or `{ id = … }`) and what it expects, as TOML.
struct Scenario {
    answers: String,
    expect: String,
}

/// Sets every step's `next` or `branches` for the shape, and returns scenarios that take every
/// branch.
fn wire(w: &mut Writer, head: &Head, steps: &mut [Step]) -> Vec<Scenario> {
    let (yes1, no1) = *w.rng.pick(ANSWERS);
    let (yes2, no2) = *w.rng.pick(ANSWERS);
    let id = |k: usize| head.steps[k].0.as_str();
    let list = |answers: &[&str]| format!("[{}]", answers.iter().map(|a| quote(a)).collect::<Vec<_>>().join(", "));
    let to = |k: usize| format!("\"{}\"", id(k));
    let escalation = || "{ end = \"escalation\" }".to_string();
    let scenario = |answers: String, expect: String| Scenario { answers, expect };
    match head.shape {
        Shape::Retry => {
            for (from, to) in [(0, 1), (1, 2), (3, 4), (4, 5), (7, 8), (8, 9)] {
                steps[from].next = Some(to);
            }
            let (retry, give_up) = (format!("{no2}: tentar de novo"), format!("{no2} após três tentativas"));
            steps[2].branches = vec![(yes1.into(), 3), (no1.into(), 7)];
            steps[5].branches = vec![(yes2.into(), 6), (retry.clone(), 3), (give_up.clone(), 7)];
            let by_step = format!("{{ {} = {}, {} = {} }}", id(2), quote(yes1), id(5), list(&[&retry, yes2]));
            vec![
                scenario(list(&[no1]), to(9)),
                scenario(list(&[yes1, yes2]), to(6)),
                scenario(by_step, to(6)),
                scenario(list(&[yes1, &give_up]), escalation()),
            ]
        }
        Shape::TwoEnds => {
            for (from, to) in [(0, 1), (2, 3), (3, 4), (7, 8), (8, 9)] {
                steps[from].next = Some(to);
            }
            steps[1].branches = vec![(yes1.into(), 2), (no1.into(), 6)];
            steps[4].branches = vec![(yes2.into(), 5), (no2.into(), 7)];
            vec![
                scenario(list(&[no1]), to(6)),
                scenario(list(&[yes1, yes2]), to(5)),
                scenario(list(&[yes1, no2]), escalation()),
            ]
        }
    }
}

/// Cross-references: to a neighbour procedure, to a step of another one, to a step of this one.
fn references(w: &mut Writer, i: usize, heads: &[Head], actions: &[usize], steps: &mut [Step]) {
    let n = heads.len();
    if n >= 2 {
        let neighbour = &heads[(i + 1) % n];
        let k = *w.rng.pick(actions);
        steps[k].prose.push(format!("Se precisar, siga [[{}]].", neighbour.breadcrumb()));
        if w.rng.chance(0.5) {
            let other = &heads[(i + n / 2 + 1) % n];
            let (id, title) = w.rng.pick(&other.steps);
            let shown = title.as_deref().map_or_else(|| "o passo indicado".to_string(), lower_first);
            let k = *w.rng.pick(actions);
            steps[k].note = Some(format!("Veja [[{}#{id}|{shown}]].", other.breadcrumb()));
        }
    }
    if w.rng.chance(0.4) {
        let k = *w.rng.pick(actions);
        let (id, _) = &heads[i].steps[0];
        steps[k].prose.push(format!("Se o cliente mudar de ideia, volte ao [[#{id}|primeiro passo]]."));
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A TOML basic string (multi-line when the text has line breaks).
fn quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    if text.contains('\n') {
        let end = if escaped.ends_with('\n') { "" } else { "\n" };
        format!("\"\"\"\n{escaped}{end}\"\"\"")
    } else {
        format!("\"{escaped}\"")
    }
}

#[allow(clippy::too_many_arguments)]
fn render(
    head: &Head,
    updated: &str,
    summary: &str,
    owner: &str,
    tags: &[&str],
    steps: &[Step],
    escalation: &Escalation,
    scenarios: &[Scenario],
) -> String {
    let mut t = String::with_capacity(4096);
    let tags: Vec<String> = tags.iter().map(|tag| quote(tag)).collect();
    let _ = writeln!(t, "title = {}", quote(&head.title));
    let _ = writeln!(t, "section = {}", quote(&head.section));
    let _ = writeln!(t, "summary = {}", quote(summary));
    let _ = writeln!(t, "owner = {}", quote(owner));
    let _ = writeln!(t, "updated = {updated}");
    let _ = writeln!(t, "tags = [{}]", tags.join(", "));
    let id = |k: usize| head.steps[k].0.as_str();
    for (k, step) in steps.iter().enumerate() {
        let _ = writeln!(t, "\n[steps.{}]", id(k));
        if let Some(title) = &head.steps[k].1 {
            let _ = writeln!(t, "title = {}", quote(title));
        }
        match step.end {
            Some(Role::Resolution) => t.push_str("end = \"resolution\"\n"),
            Some(_) => t.push_str("end = \"escalation\"\n"),
            None => {}
        }
        let _ = writeln!(t, "text = {}", quote(&step.text()));
        if let Some(note) = &step.note {
            let _ = writeln!(t, "note = {}", quote(note));
        }
        if let Some(warning) = &step.warning {
            let _ = writeln!(t, "warning = {}", quote(warning));
        }
        if let Some(see) = step.see {
            let _ = writeln!(t, "see = [{}]", quote(see));
        }
        if let Some(next) = step.next {
            let _ = writeln!(t, "next = \"{}\"", id(next));
        }
        if !step.branches.is_empty() {
            t.push_str("branches = [\n");
            for (when, next) in &step.branches {
                let _ = writeln!(t, "  {{ when = {}, next = \"{}\" }},", quote(when), id(*next));
            }
            t.push_str("]\n");
        }
        if step.end == Some(Role::Escalation) {
            let fields: Vec<String> = escalation.fields.iter().map(|f| quote(f)).collect();
            let _ = writeln!(
                t,
                "to = {}\nsla = \"{}\"\nvia = {}\nfields = [{}]",
                quote(escalation.to),
                escalation.sla,
                quote(escalation.via),
                fields.join(", ")
            );
        }
    }
    for (number, scenario) in scenarios.iter().enumerate() {
        let _ = write!(
            t,
            "\n[[scenarios]]\nname = \"Caminho {}\"\nanswers = {}\nexpect = {}\n",
            number + 1,
            scenario.answers,
            scenario.expect
        );
    }
    t
}

fn manuals_toml() -> String {
    let mut t = String::from("# Manuais citados pela base realista.\n");
    for (k, path) in MANUALS.iter().enumerate() {
        let _ = write!(
            t,
            "\n[[manual]]\npath = {}\nurl = \"https://qualitor.example.com.br/kb/{}\"\n",
            quote(path),
            100 + k
        );
    }
    t
}
