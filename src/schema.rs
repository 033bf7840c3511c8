//! JSON Schemas of the files an editor writes (a procedure, `sopbook.toml`, `manuals.toml`), for
//! editors that complete and check TOML against a schema (Taplo / "Even Better TOML" in VS Code).
//!
//! Draft-07: Taplo validates with the `jsonschema` crate, which knows drafts 4, 6 and 7, and its
//! completion walks `properties`, `additionalProperties`, `patternProperties`, `items` and
//! `oneOf`/`anyOf`/`allOf`. Nothing here uses `$ref`: Taplo (like draft-07) ignores every keyword
//! beside a `$ref`, descriptions and `x-taplo` hints included, so each schema is written out in
//! place. Descriptions are in Brazilian Portuguese: they are what VS Code shows on hover.
//!
//! The schemas mirror what the loader accepts (`load::procedure`, `config`, `load::manuals`) and
//! the structural rules (`mixed-step`, `dead-end`, `single-branch`, `escalation-incomplete`), so
//! a file the linter accepts is valid here and most files it rejects are already marked in the
//! editor. What needs the whole knowledge base (references, reachability) stays with `sopbook lint`.

use serde_json::{Value, json};

use crate::lint::RULES;
use crate::load::config::{
    Build, Config, MAX_CASE_FIELD_CHARS, MAX_CASE_FIELDS, MAX_HISTORY_DAYS, MAX_SYNONYM_CHARS, Review, Site,
};
use crate::model::FieldKind;

/// Which file a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A procedure file, `procedures/**/*.toml`.
    Procedure,
    /// `sopbook.toml`.
    Config,
    /// `manuals.toml`.
    Manuals,
}

/// The `$schema` of every schema printed here.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// A step ID: lower-case letters, digits and `-` (as `load::procedure::is_valid_step_id`).
pub const STEP_ID_PATTERN: &str = "^[a-z0-9-]+$";

/// An SLA as `model::Sla` parses it: a positive whole number and `h`, `d` or `du`, in any case,
/// with optional white space between them and around.
pub const SLA_PATTERN: &str = r"^\s*0*[1-9][0-9]*\s*([hHdD]|[dD][uU])\s*$";

/// A TOML local date as Taplo hands it to the validator (the date's text, `2019-11-22`).
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Not empty nor only white space.
const NOT_BLANK: &str = r"\S";

const LEVELS: [&str; 3] = ["error", "warning", "allow"];

pub fn schema(kind: Kind) -> Value {
    match kind {
        Kind::Procedure => procedure(),
        Kind::Config => config(),
        Kind::Manuals => manuals(),
    }
}

/// The schema as printed by `sopbook schema`: pretty JSON and a final newline.
pub fn to_json(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// `schema` with `description` added (every property gets one: it is the hover text).
fn described(description: &str, mut schema: Value) -> Value {
    schema.as_object_mut().expect("a schema is an object").insert("description".into(), description.into());
    schema
}

fn string(description: &str) -> Value {
    described(description, json!({ "type": "string" }))
}

fn required_string(description: &str) -> Value {
    described(description, json!({ "type": "string", "pattern": NOT_BLANK }))
}

fn strings(description: &str) -> Value {
    described(description, json!({ "type": "array", "items": { "type": "string" } }))
}

fn step_id(description: &str) -> Value {
    described(description, json!({ "type": "string", "pattern": STEP_ID_PATTERN }))
}

/// The schema of a procedure file.
pub fn procedure() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": "https://sopbook.dev/schema/procedure.json",
        "title": "Procedimento do sopbook",
        "description": "Um procedimento de atendimento: metadados, um grafo de passos (`[steps.ID]`) e, \
            se quiser, cenários de teste (`[[scenarios]]`). Formato completo no livro do editor, \
            capítulo do formato; `sopbook lint` confere o resto (referências, passos inalcançáveis, \
            laços sem saída, cenários que terminam no lugar errado).",
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "section", "steps"],
        "properties": {
            "title": required_string(
                "Título do procedimento, como no Qualitor. Obrigatório. Junto com `section`, forma o \
                 caminho (breadcrumb) pelo qual os outros procedimentos o citam: `section > title`."
            ),
            "section": required_string(
                "Caminho (breadcrumb) da pasta do Qualitor onde o procedimento fica, com os níveis \
                 separados por ` > `, por exemplo `\"Certificado Digital > A1\"`. Obrigatório."
            ),
            "summary": string("Resumo de uma frase: em que situação este procedimento se aplica."),
            "owner": string(
                "Setor ou pessoa responsável pelo conteúdo, por exemplo `\"Suporte Técnico\"`. \
                 Se faltar, o sopbook avisa (`missing-metadata`)."
            ),
            "updated": described(
                "Data da última revisão, uma data TOML escrita sem aspas: `updated = 2019-11-22`. \
                 Se faltar, o sopbook avisa (`missing-metadata`); somada ao ciclo de revisão, diz \
                 quando o procedimento vence (`review-overdue`).",
                json!({ "type": "string", "format": "date", "pattern": DATE_PATTERN }),
            ),
            "review_months": described(
                &format!(
                    "Ciclo de revisão deste procedimento, em meses (de 1 a 600). Se omitido, vale \
                     `[review] months` do sopbook.toml (padrão: {}).",
                    Review::default().months
                ),
                json!({ "type": "integer", "minimum": 1, "maximum": 600 }),
            ),
            "tags": strings(
                "Palavras-chave do procedimento, usadas pela busca do site, por exemplo \
                 `[\"certificado\", \"backup\"]`."
            ),
            "aliases": strings(
                "Como o cliente descreve o problema com as próprias palavras, por exemplo \
                 `[\"cliente formatou o computador\", \"perdi o pfx\"]`. A busca do site encontra o \
                 procedimento também por elas, e a página as mostra em \"Também conhecido como\". \
                 Um apelido igual ao de outro procedimento, ou ao título de outro, é um aviso \
                 (`duplicate-alias`)."
            ),
            "start": step_id(
                "ID do passo por onde o atendimento começa. Se omitido, é o primeiro passo do arquivo."
            ),
            "steps": {
                "description": "Os passos do procedimento, um por tabela `[steps.ID]`. Obrigatório. O ID \
                    usa só letras minúsculas, dígitos e `-` (`acesso-maquina`); a ordem dos passos no \
                    arquivo é a ordem de leitura e a numeração nas páginas e checklists.",
                "type": "object",
                "minProperties": 1,
                "propertyNames": {
                    "description": "ID de passo: letras minúsculas, dígitos e `-`.",
                    "pattern": STEP_ID_PATTERN,
                },
                "additionalProperties": step(),
            },
            "scenarios": {
                "description": "Casos de teste do procedimento, um por tabela `[[scenarios]]`: as respostas \
                    de um atendimento e onde ele deve terminar. `sopbook test` percorre cada um; um \
                    cenário que termina em outro lugar é um erro (`failing-scenario`).",
                "type": "array",
                "items": scenario(),
            },
        },
    })
}

/// One `[[scenarios]]`: a name, the answers given at the decisions met, and the expected end.
fn scenario() -> Value {
    let answer = json!({ "type": "string" });
    let answer_list = json!({ "type": "array", "items": answer });
    json!({
        "description": "Um cenário: um atendimento com as respostas dadas e o final esperado.",
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "expect"],
        "properties": {
            "name": required_string(
                "Nome do caso, como o atendimento o conhece, por exemplo `\"Máquina formatada\"`. \
                 Obrigatório."
            ),
            "answers": {
                "description": "As respostas (`when`) dadas às decisões encontradas no caminho: uma lista, \
                    uma resposta por decisão, na ordem, como `[\"Sim\", \"Não\"]`; ou uma tabela pelo ID \
                    da decisão, como `{ acesso-maquina = \"Sim\" }`, em que um texto responde a decisão \
                    toda vez que ela aparece e uma lista responde a 1ª, a 2ª… vez (para laços).",
                "oneOf": [
                    described("Uma resposta por decisão encontrada, na ordem do caminho.", answer_list.clone()),
                    {
                        "description": "As respostas pelo ID da decisão.",
                        "type": "object",
                        "propertyNames": {
                            "description": "ID de uma decisão do procedimento.",
                            "pattern": STEP_ID_PATTERN,
                        },
                        "additionalProperties": {
                            "description": "Um texto: a resposta de toda vez que a decisão aparece. Uma \
                                lista: a resposta da 1ª vez, da 2ª…",
                            "oneOf": [answer, answer_list],
                        },
                    },
                ],
            },
            "expect": {
                "description": "Onde o caminho deve terminar: o ID de um passo final, como \
                    `\"resolvido\"`, ou o tipo de final, como \
                    `{ end = \"escalation\", to = \"Relacionamento\" }`. Obrigatório.",
                "oneOf": [
                    step_id("O ID do passo final (`end`) em que o caminho deve terminar."),
                    {
                        "description": "O tipo de final esperado; num escalonamento, `to` também confere o setor.",
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["end"],
                        "properties": {
                            "end": {
                                "description": "`\"resolution\"` (resolvido no atendimento) ou \
                                    `\"escalation\"` (encaminhado a outro setor).",
                                "type": "string",
                                "enum": ["resolution", "escalation"],
                                "x-taplo": {
                                    "docs": {
                                        "enumValues": [
                                            "Resolução: o caminho termina num passo `end = \"resolution\"`.",
                                            "Escalonamento: o caminho termina num passo `end = \"escalation\"`.",
                                        ],
                                    },
                                },
                            },
                            "to": required_string(
                                "Só com `end = \"escalation\"` (opcional): o setor que deve receber o caso, \
                                 por exemplo `\"Relacionamento\"`."
                            ),
                        },
                        "dependencies": {
                            "to": { "required": ["end"], "properties": { "end": { "const": "escalation" } } },
                        },
                    },
                ],
            },
        },
    })
}

/// One `[steps.ID]`: an action (`next`), a decision (`branches`) or a terminal (`end`).
fn step() -> Value {
    let one_kind = "Um passo é exatamente um tipo: ação (`next`), decisão (`branches`) ou final (`end`).";
    let escalation_only = json!({ "required": ["end"], "properties": { "end": { "const": "escalation" } } });
    json!({
        "description": format!(
            "Um passo. {one_kind} `to`, `sla`, `via` e `fields` só valem num escalonamento \
             (`end = \"escalation\"`), que precisa de `to` e `sla`."
        ),
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "title": string("Título curto do passo."),
            "text": string("Texto do passo, em Markdown. Numa decisão (`branches`), é a pergunta."),
            "note": string("Observação em Markdown, exibida em destaque como \"Observação\"."),
            "warning": string("Alerta em Markdown, exibido em destaque como \"Atenção\"."),
            "see": strings(
                "Manuais relacionados, pelo caminho (breadcrumb), por exemplo \
                 `[\"Certificado Digital > A1 > Debug\"]`."
            ),
            "image": {
                "description": "Imagem do passo, `{ src = \"…\", alt = \"…\" }`, ou uma lista delas. \
                    `src` é relativo ao arquivo do procedimento.",
                "oneOf": [
                    image(),
                    { "type": "array", "items": image() },
                ],
            },
            "next": step_id(&format!("Passo de ação: o ID do passo seguinte. {one_kind}")),
            "branches": {
                "description": format!(
                    "Passo de decisão: as respostas à pergunta de `text`, duas ou mais, cada uma \
                     `{{ when = \"resposta\", next = \"ID\" }}`. {one_kind}"
                ),
                "type": "array",
                "minItems": 2,
                "items": {
                    "description": "Uma resposta possível e o passo a que ela leva.",
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["when", "next"],
                    "properties": {
                        "when": required_string("A resposta, por exemplo `\"Sim\"` ou `\"Não\"`."),
                        "next": step_id("O ID do passo seguinte quando a resposta é esta."),
                    },
                },
            },
            "end": {
                "description": format!(
                    "Passo final: `\"resolution\"` (resolvido no atendimento) ou `\"escalation\"` \
                     (encaminhado a outro setor). {one_kind}"
                ),
                "type": "string",
                "enum": ["resolution", "escalation"],
                "x-taplo": {
                    "docs": {
                        "enumValues": [
                            "Resolução: o caso termina resolvido no próprio atendimento.",
                            "Escalonamento: o caso segue para outro setor; informe `to` e `sla`.",
                        ],
                    },
                },
            },
            "to": required_string("Escalonamento: o setor que recebe o caso, por exemplo `\"Relacionamento\"`."),
            "sla": described(
                "Escalonamento: prazo de retorno prometido ao cliente, um número e uma unidade, `h` \
                 (horas), `d` (dias corridos) ou `du` (dias úteis), entre aspas: `\"24h\"`, `\"2d\"`, \
                 `\"2du\"`. Dias úteis são de segunda a sexta, menos os feriados de \
                 `[calendar] holidays` do sopbook.toml.",
                json!({ "type": "string", "pattern": SLA_PATTERN }),
            ),
            "via": string(
                "Escalonamento (opcional): caminho (breadcrumb) do procedimento que faz o \
                 encaminhamento, por exemplo `\"Certificado Digital > A1 > Chamado para o Relacionamento\"`."
            ),
            "fields": described(
                "Escalonamento (opcional): os dados a coletar para abrir o chamado, cada um pelo nome \
                 ou como `{ name = \"…\", kind = \"…\", required = false }`, por exemplo \
                 `[\"CNPJ\", { name = \"Telefone 2\", kind = \"phone\", required = false }]`.",
                json!({ "type": "array", "items": field() }),
            ),
        },
        "oneOf": [
            { "description": "Ação: tem `next`.", "required": ["next"] },
            { "description": "Decisão: tem `branches`.", "required": ["branches"] },
            { "description": "Final: tem `end`.", "required": ["end"] },
        ],
        "dependencies": {
            "to": escalation_only,
            "sla": escalation_only,
            "via": escalation_only,
            "fields": escalation_only,
        },
        "if": { "required": ["end"], "properties": { "end": { "const": "escalation" } } },
        "then": { "required": ["to", "sla"] },
    })
}

/// What each field kind holds, in the order of [`FieldKind::ALL`].
const KIND_DOCS: [&str; 6] = [
    "Um CNPJ.",
    "Um CPF.",
    "Um telefone.",
    "Um endereço de e-mail.",
    "Um texto curto, numa linha.",
    "Um texto longo, em várias linhas.",
];

/// One entry of `fields`: a name, or a table with the name, the kind and whether it is required.
fn field() -> Value {
    let kinds: Vec<&str> = FieldKind::ALL.iter().map(|(name, _)| *name).collect();
    json!({
        "oneOf": [
            required_string("O nome do dado, por exemplo `\"CNPJ\"`; o tipo vem do nome e o dado é obrigatório."),
            {
                "description": "Um dado com tipo ou opcional: `{ name = \"…\", kind = \"…\", required = false }`.",
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": required_string("O nome do dado, como o analista o vê, por exemplo `\"Telefone 2\"`."),
                    "kind": {
                        "description": "O tipo do dado; sem ele, vem do nome (`Telefone` é `phone`, \
                            `Descrição` é `long-text`, os demais são `text`).",
                        "type": "string",
                        "enum": kinds,
                        "x-taplo": { "docs": { "enumValues": KIND_DOCS } },
                    },
                    "required": {
                        "description": "Se o chamado precisa do dado. Padrão: `true`.",
                        "type": "boolean",
                    },
                },
            },
        ],
    })
}

fn image() -> Value {
    json!({
        "description": "Uma imagem: `{ src = \"…\", alt = \"…\" }`, com `caption` opcional.",
        "type": "object",
        "additionalProperties": false,
        "required": ["src"],
        "properties": {
            "src": string("Caminho do arquivo da imagem, relativo ao arquivo do procedimento. Obrigatório."),
            "alt": string(
                "Texto alternativo: o que a imagem mostra, para quem não pode vê-la. Se faltar, o \
                 sopbook avisa (`image-alt`)."
            ),
            "caption": string("Legenda exibida com a imagem (opcional). Se omitida, a legenda é o `alt`."),
        },
    })
}

/// The schema of `sopbook.toml`. Defaults come from the code's own defaults; the rule ids of
/// `[lint]` from the rule registry.
pub fn config() -> Value {
    let defaults = Config::default();
    let (site, build): (Site, Build) = (defaults.site, defaults.build);
    let language = site.language.code();
    let levels_doc = json!([
        "Erro: a regra faz `sopbook lint` terminar com código 1 e impede `sopbook build`.",
        "Aviso: aparece no relatório, mas não impede nada (a não ser com `--deny-warnings`).",
        "Desligada: a regra não é verificada.",
    ]);
    let mut rules = serde_json::Map::new();
    for meta in RULES.iter().map(|r| r.meta()) {
        let default = meta.default_level.as_str();
        let description = format!(
            "Severidade da regra `{id}` (padrão: \"{default}\"): \"error\", \"warning\" ou \"allow\". \
             O que ela verifica: `sopbook rules {id}`.",
            id = meta.id
        );
        let level = json!({
            "type": "string",
            "enum": LEVELS,
            "default": default,
            "x-taplo": { "docs": { "enumValues": levels_doc } },
        });
        rules.insert(meta.id.to_string(), described(&description, level));
    }
    let ids: Vec<&str> = RULES.iter().map(|r| r.as_str()).collect();
    json!({
        "$schema": DRAFT,
        "$id": "https://sopbook.dev/schema/sopbook.json",
        "title": "sopbook.toml",
        "description": "Configuração de uma base de conhecimento do sopbook. Toda chave é opcional e tem um \
            valor padrão.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "site": {
                "description": "O site gerado: título, idioma da interface e endereço.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "title": described(
                        &format!("Título do site. Padrão: \"{}\".", site.title),
                        json!({ "type": "string", "default": site.title }),
                    ),
                    "language": {
                        "description": format!(
                            "Idioma da interface: \"pt-BR\" ou \"en\"; toda palavra da interface segue \
                             esta escolha. Padrão: \"{language}\"."
                        ),
                        "type": "string",
                        "enum": ["pt-BR", "en"],
                        "default": language,
                        "x-taplo": {
                            "docs": { "enumValues": ["Português do Brasil.", "Inglês."] },
                        },
                    },
                    "base_url": described(
                        &format!(
                            "Endereço em que o site é publicado, usado nos links: um endereço `http(s)://` ou um \
                             caminho (outro é um erro de `unsafe-url` e é ignorado). Padrão: \"{}\".",
                            site.base_url
                        ),
                        json!({ "type": "string", "default": site.base_url }),
                    ),
                },
            },
            "build": {
                "description": "A geração do site por `sopbook build`.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "output": described(
                        &format!("Pasta em que `sopbook build` grava o site. Padrão: \"{}\".", build.output),
                        json!({ "type": "string", "default": build.output }),
                    ),
                    "theme": described(
                        &format!(
                            "Tema: \"default\" (o embutido) ou o nome de uma pasta em `themes/` \
                             (um nome, não um caminho). Padrão: \"{}\".",
                            build.theme
                        ),
                        json!({
                            "type": "string",
                            "default": build.theme,
                            "pattern": "^[^/\\\\]+$",
                            "not": { "enum": [".", ".."] }
                        }),
                    ),
                },
            },
            "review": {
                "description": "O ciclo de revisão dos procedimentos.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "months": described(
                        &format!(
                            "Ciclo de revisão, em meses (de 1 a 600), dos procedimentos sem \
                             `review_months`. Padrão: {}.",
                            defaults.review.months
                        ),
                        json!({
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 600,
                            "default": defaults.review.months,
                        }),
                    ),
                },
            },
            "search": {
                "description": "A busca do site.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "synonyms": synonyms(),
                },
            },
            "history": {
                "description": "O histórico do git no site: quem alterou cada procedimento e quando, e a \
                    página Novidades.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "enabled": described(
                        "Ler o histórico do git dos procedimentos (a data e o autor da última alteração, \
                         o histórico de cada página, a página Novidades). Padrão: true.",
                        json!({ "type": "boolean", "default": defaults.history.enabled }),
                    ),
                    "days": described(
                        &format!(
                            "Quantos dias para trás a página Novidades e as marcas \"novo\" e \"alterado\" \
                             alcançam (de 1 a {MAX_HISTORY_DAYS}). Padrão: {}.",
                            defaults.history.days
                        ),
                        json!({
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_HISTORY_DAYS,
                            "default": defaults.history.days,
                        }),
                    ),
                },
            },
            "checklist": {
                "description": "Os checklists para impressão.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "case_fields": described(
                        &format!(
                            "As linhas do cabeçalho do atendimento, no alto de cada checklist impresso, \
                             para preencher à mão: até {MAX_CASE_FIELDS}, cada uma com até \
                             {MAX_CASE_FIELD_CHARS} caracteres, por exemplo \
                             `case_fields = [\"Analista\", \"Nº do chamado\"]`. `[]` não imprime nenhuma. \
                             Padrão: Analista, Data/hora, Nº do chamado e Cliente/CNPJ (em inglês, se o \
                             site for em inglês)."
                        ),
                        json!({
                            "type": "array",
                            "maxItems": MAX_CASE_FIELDS,
                            "items": { "type": "string", "pattern": NOT_BLANK, "maxLength": MAX_CASE_FIELD_CHARS },
                        }),
                    ),
                },
            },
            "calendar": {
                "description": "O calendário dos prazos em dias úteis (`sla = \"2du\"`).",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "holidays": described(
                        "Feriados: datas que não contam como dia útil, além dos sábados e domingos, \
                         escritas sem aspas, por exemplo `holidays = [2026-12-25, 2027-01-01]`. \
                         Padrão: nenhum.",
                        json!({
                            "type": "array",
                            "items": { "type": "string", "format": "date", "pattern": DATE_PATTERN },
                            "default": [],
                        }),
                    ),
                },
            },
            "lint": {
                "description": "Severidade das regras de `sopbook lint`: `id-da-regra = \"error\"`, \
                    `\"warning\"` ou `\"allow\"`. `sopbook rules` lista as regras.",
                "type": "object",
                "propertyNames": { "enum": ids },
                "additionalProperties": false,
                "properties": rules,
            },
        },
    })
}

/// `[search] synonyms`: each key a word or phrase, its value the list of its equivalents.
fn synonyms() -> Value {
    let phrase = json!({ "type": "string", "pattern": NOT_BLANK, "maxLength": MAX_SYNONYM_CHARS });
    described(
        &format!(
            "Sinônimos para a busca, valendo para a base inteira: cada chave é uma palavra ou \
             expressão, e a lista ao lado, o que significa o mesmo, por exemplo \
             `pfx = [\"certificado a1\", \"arquivo do certificado\"]`. Buscar qualquer uma delas \
             encontra as outras. Cada palavra ou expressão tem até {MAX_SYNONYM_CHARS} caracteres e \
             não pode ser vazia."
        ),
        json!({
            "type": "object",
            "propertyNames": phrase,
            "additionalProperties": described("As palavras ou expressões equivalentes à chave.", json!({
                "type": "array",
                "items": phrase,
            })),
            "default": {},
        }),
    )
}

/// The schema of `manuals.toml`.
pub fn manuals() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": "https://sopbook.dev/schema/manuals.json",
        "title": "manuals.toml",
        "description": "Manuais que ainda existem apenas no Qualitor e que os procedimentos citam.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "manual": {
                "description": "Um manual por tabela `[[manual]]`, com o caminho (`path`) e, se souber, o \
                    endereço (`url`).",
                "type": "array",
                "items": {
                    "description": "Um manual do Qualitor.",
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["path"],
                    "properties": {
                        "path": required_string(
                            "Caminho (breadcrumb) do manual no Qualitor, como os procedimentos o citam, \
                             por exemplo `\"Certificado Digital > A1 > Debug\"`. Obrigatório."
                        ),
                        "url": string(
                            "Endereço do manual (opcional): `http://`, `https://` ou `mailto:` (outro é um \
                             erro de `unsafe-url`). Sem ele, as referências ao manual aparecem como texto, \
                             sem link."
                        ),
                    },
                },
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object schema with `properties` is closed, and every property has a description.
    fn check_strict(path: &str, schema: &Value) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties")
                    && map.get("type").and_then(Value::as_str) == Some("object")
                {
                    assert!(map.contains_key("additionalProperties"), "{path} is not closed");
                    for (name, property) in properties {
                        let description = property.get("description").and_then(Value::as_str).unwrap_or("");
                        assert!(!description.trim().is_empty(), "{path}.{name} has no description");
                    }
                }
                for (key, value) in map {
                    check_strict(&format!("{path}/{key}"), value);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| check_strict(path, item)),
            _ => {}
        }
    }

    #[test]
    fn every_schema_is_strict_and_described() {
        for kind in [Kind::Procedure, Kind::Config, Kind::Manuals] {
            let schema = schema(kind);
            assert_eq!(schema["$schema"], DRAFT);
            assert_eq!(schema["additionalProperties"], false);
            check_strict("#", &schema);
        }
    }

    fn procedure_validator() -> jsonschema::Validator {
        jsonschema::draft7::new(&procedure()).expect("the procedure schema compiles")
    }

    /// A procedure with one decision and the given `[[scenarios]]` text, as JSON.
    fn with_scenarios(scenarios: &str) -> Value {
        let text = format!(
            "title = \"T\"\nsection = \"S\"\n\
             [steps.acesso]\n\
             branches = [{{ when = \"Sim\", next = \"fim\" }}, {{ when = \"Não\", next = \"chamado\" }}]\n\
             [steps.fim]\nend = \"resolution\"\n\
             [steps.chamado]\nend = \"escalation\"\nto = \"Relacionamento\"\nsla = \"24h\"\n\
             {scenarios}"
        );
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        serde_json::to_value(table).unwrap()
    }

    #[test]
    fn scenarios_in_both_answer_and_expect_forms_are_valid() {
        let validator = procedure_validator();
        for scenarios in [
            "[[scenarios]]\nname = \"a\"\nanswers = [\"Não\"]\nexpect = \"chamado\"\n",
            "[[scenarios]]\nname = \"a\"\nanswers = { acesso = \"Sim\" }\nexpect = { end = \"resolution\" }\n",
            "[[scenarios]]\nname = \"a\"\nanswers = { acesso = [\"Não\"] }\n\
             expect = { end = \"escalation\", to = \"Relacionamento\" }\n",
            "[[scenarios]]\nname = \"a\"\nanswers = []\nexpect = { end = \"escalation\" }\n",
            "[[scenarios]]\nname = \"sem respostas\"\nexpect = \"fim\"\n",
        ] {
            let instance = with_scenarios(scenarios);
            let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{scenarios}: {errors:?}");
        }
    }

    #[test]
    fn malformed_scenarios_are_invalid() {
        let validator = procedure_validator();
        for (what, scenarios) in [
            ("no name", "[[scenarios]]\nanswers = [\"Sim\"]\nexpect = \"fim\"\n"),
            ("a blank name", "[[scenarios]]\nname = \" \"\nexpect = \"fim\"\n"),
            ("no expect", "[[scenarios]]\nname = \"a\"\nanswers = [\"Sim\"]\n"),
            ("an unknown key", "[[scenarios]]\nname = \"a\"\nexpect = \"fim\"\nanswer = [\"Sim\"]\n"),
            ("answers as one string", "[[scenarios]]\nname = \"a\"\nanswers = \"Sim\"\nexpect = \"fim\"\n"),
            ("an answer that is a number", "[[scenarios]]\nname = \"a\"\nanswers = [1]\nexpect = \"fim\"\n"),
            (
                "a key that is no step ID",
                "[[scenarios]]\nname = \"a\"\nanswers = { Acesso = \"Sim\" }\nexpect = \"fim\"\n",
            ),
            (
                "a keyed answer that is a table",
                "[[scenarios]]\nname = \"a\"\nanswers = { acesso = { x = 1 } }\nexpect = \"fim\"\n",
            ),
            ("expect that is no step ID", "[[scenarios]]\nname = \"a\"\nexpect = \"Resolvido\"\n"),
            ("an unknown end", "[[scenarios]]\nname = \"a\"\nexpect = { end = \"resolvido\" }\n"),
            ("expect without end", "[[scenarios]]\nname = \"a\"\nexpect = { to = \"Relacionamento\" }\n"),
            ("`to` with a resolution", "[[scenarios]]\nname = \"a\"\nexpect = { end = \"resolution\", to = \"X\" }\n"),
            (
                "an unknown expect key",
                "[[scenarios]]\nname = \"a\"\nexpect = { end = \"escalation\", sla = \"24h\" }\n",
            ),
            ("a single table", "[scenarios]\nname = \"a\"\nexpect = \"fim\"\n"),
        ] {
            assert!(!validator.is_valid(&with_scenarios(scenarios)), "{what} should be invalid:\n{scenarios}");
        }
    }

    #[test]
    fn lint_keys_are_the_registry() {
        let schema = config();
        let ids = schema["properties"]["lint"]["propertyNames"]["enum"].as_array().unwrap();
        assert_eq!(ids.len(), RULES.len());
        assert!(ids.iter().any(|id| id == "dead-end"));
    }
}
