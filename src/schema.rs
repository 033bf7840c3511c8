//! JSON Schemas of the files an editor writes (a procedure, `sopbook.toml`, `manuals.toml`), for
//! editors that complete and check TOML against a schema (Taplo / "Even Better TOML" in VS Code).
//!
//! Draft-07: Taplo validates with the `jsonschema` crate, which knows drafts 4, 6 and 7, and its
//! completion walks `properties`, `additionalProperties`, `patternProperties`, `items` and
//! `oneOf`/`anyOf`/`allOf` (never `if`/`then`/`else` nor `dependencies`: every key an editor may
//! write is listed under the `properties` of its table, never only inside a condition). Nothing
//! here uses `$ref`: Taplo (like draft-07) ignores every keyword beside a `$ref`, descriptions and
//! `x-taplo` hints included, so each schema is written out in place. Descriptions are in
//! Brazilian Portuguese: they are what VS Code shows on hover; so are the messages of `not`
//! (below), the only part of an error's text a schema chooses.
//!
//! How Taplo reports an error decides the structure (tests/browser/taplo.test.mjs keeps it so).
//! Taplo marks an error at every text range of the node it is about: a string is one range, but a
//! table is its header and each of its keys and values (1 + 2n marks), an array every range inside
//! it. So each usual mistake is made an error about a single value:
//! - no `oneOf`: Taplo repeats the whole table as JSON in "not valid under any of the schemas
//!   listed in the 'oneOf' keyword". A value of two shapes (an image or a list of them, an answer
//!   list or table) is one schema with both types, whose keywords each apply to one shape;
//! - no `additionalProperties: false` (its error is about the table, and so marks all of it, the
//!   known Taplo issues #515 and #711): an unknown key's value must match `{ "not": { "description":
//!   "chave desconhecida…" } }`, which fails once, on that value, with the message
//!   `{"description":"chave desconhecida … as chaves válidas são …"} is not allowed for VALUE`
//!   ([`closed`]);
//! - `required` is checked only when every key of the table is known (`if` its `propertyNames` are
//!   the `properties`), so a misspelt required key is the one error above and not also "is a
//!   required property" on the whole table;
//! - a step of two kinds is an error on the value of the second kind's key (`dependencies`: with
//!   `next`, `end` may not be; with `branches`, neither `next` nor `end`), never on the table, and
//!   an escalation key on another step is an error on that key's value;
//! - a step ID, a scenario's answer key, are `patternProperties`, so a bad one marks its own step
//!   or answer, not the whole `[steps]` or `answers` table.
//!
//! What stays about a whole table, because no single value is at fault: a missing required key
//! ("is a required property"), a step of no kind, `minProperties`, a decision with one branch
//! (about the `branches` array).
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

/// `schema` with `examples`: values as an editor would write them, in Portuguese.
fn with_examples(mut schema: Value, examples: Value) -> Value {
    schema.as_object_mut().expect("a schema is an object").insert("examples".into(), examples);
    schema
}

/// A schema no value matches, whose error carries `message`: Taplo's text for a failed `not` is
/// the sub-schema as JSON and the value, `{"description":"MESSAGE"} is not allowed for VALUE`.
/// No description of its own: Taplo's hover joins the descriptions of every schema of a key,
/// `additionalProperties` included, so one here would follow every known key's.
fn refused(message: &str) -> Value {
    json!({ "not": { "description": message } })
}

/// The keys of an object schema's `properties`, in order.
fn keys_of(schema: &Value) -> Vec<String> {
    schema["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
}

/// "`a`, `b` e `c`".
fn key_list(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} e {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// A table whose keys are all among `keys` (the condition under which a table's `required` and
/// its other whole-table checks apply: with an unknown key, likely a misspelt one, they would
/// only repeat the unknown key's error over the whole table).
fn all_known(keys: &[String]) -> Value {
    json!({ "propertyNames": { "enum": keys } })
}

/// The object schema `schema` closed: a key not in its `properties` is one error, on its value,
/// that lists the keys valid `place` ("num passo"), and its `required` is checked only when
/// every key is known.
fn closed(place: &str, schema: Value) -> Value {
    let message =
        format!("chave desconhecida {place} (confira a grafia); as chaves válidas são {}", key_list(&keys_of(&schema)));
    closed_with(&message, schema)
}

/// [`closed`] with its own message for an unknown key.
fn closed_with(message: &str, mut schema: Value) -> Value {
    let keys = keys_of(&schema);
    let map = schema.as_object_mut().expect("a schema is an object");
    map.insert("additionalProperties".into(), refused(message));
    if let Some(required) = map.remove("required") {
        assert!(!map.contains_key("if"), "a closed schema's `if` is its `required`");
        map.insert("if".into(), all_known(&keys));
        map.insert("then".into(), json!({ "required": required }));
    }
    schema
}

/// Every property that has a `type` also refuses a value of another type with a message that
/// names the key in Portuguese ("`sla` deve ser um texto entre aspas"): Taplo's own "24 is not of
/// type \"string\"" names neither. The `type` stays, for completion and hover, so a wrong type is
/// two errors on the one value.
fn named_types(mut schema: Value) -> Value {
    name_types_in(&mut schema);
    schema
}

fn name_types_in(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else { return };
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for (key, property) in properties.iter_mut() {
            let Some(kind) = property.get("type").and_then(type_in_words) else { continue };
            let guard = json!({ "if": { "not": { "type": property["type"].clone() } }, "then": refused(&format!("`{key}` deve ser {kind}")) });
            let all =
                property.as_object_mut().expect("a property is a schema").entry("allOf").or_insert_with(|| json!([]));
            all.as_array_mut().expect("allOf is a list").push(guard);
        }
    }
    for value in map.values_mut() {
        match value {
            Value::Array(items) => items.iter_mut().for_each(name_types_in),
            other => name_types_in(other),
        }
    }
}

/// A JSON Schema `type` as an editor reads it: "um texto entre aspas".
fn type_in_words(kind: &Value) -> Option<String> {
    let word = |kind: &str| match kind {
        "string" => Some("um texto entre aspas"),
        "integer" => Some("um número inteiro"),
        "number" => Some("um número"),
        "boolean" => Some("`true` ou `false`"),
        "array" => Some("uma lista (`[…]`)"),
        "object" => Some("uma tabela"),
        _ => None,
    };
    match kind {
        Value::String(kind) => word(kind).map(str::to_string),
        Value::Array(kinds) => {
            let words: Option<Vec<&str>> = kinds.iter().map(|k| k.as_str().and_then(word)).collect();
            Some(words?.join(" ou "))
        }
        _ => None,
    }
}

/// The schema of a procedure file.
pub fn procedure() -> Value {
    named_types(procedure_tables())
}

fn procedure_tables() -> Value {
    closed(
        "no procedimento",
        json!({
            "$schema": DRAFT,
            "$id": "https://sopbook.dev/schema/procedure.json",
            "title": "Procedimento do sopbook",
            "description": "Um procedimento de atendimento: metadados, um grafo de passos (`[steps.ID]`) e, \
                se quiser, cenários de teste (`[[scenarios]]`). Formato completo no livro do editor, \
                capítulo do formato; `sopbook lint` confere o resto (referências, passos inalcançáveis, \
                laços sem saída, cenários que terminam no lugar errado).",
            "type": "object",
            "required": ["title", "section", "steps"],
            "properties": {
                "title": with_examples(
                    required_string(
                        "Título do procedimento, como no Qualitor. Obrigatório. Junto com `section`, forma o \
                         caminho (breadcrumb) pelo qual os outros procedimentos o citam: `section > title`."
                    ),
                    json!(["Perda do Backup A1"]),
                ),
                "section": with_examples(
                    required_string(
                        "Caminho (breadcrumb) da pasta do Qualitor onde o procedimento fica, com os níveis \
                         separados por ` > `, por exemplo `\"Certificado Digital > A1\"`. Obrigatório."
                    ),
                    json!(["Certificado Digital > A1"]),
                ),
                "summary": with_examples(
                    string("Resumo de uma frase: em que situação este procedimento se aplica."),
                    json!(["Quando o cliente não localiza o backup do certificado digital A1."]),
                ),
                "owner": with_examples(
                    string(
                        "Setor ou pessoa responsável pelo conteúdo, por exemplo `\"Suporte Técnico\"`. \
                         Se faltar, o sopbook avisa (`missing-metadata`)."
                    ),
                    json!(["Suporte Técnico"]),
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
                    json!({ "type": "integer", "minimum": 1, "maximum": 600, "examples": [12] }),
                ),
                "tags": with_examples(
                    strings(
                        "Palavras-chave do procedimento, usadas pela busca do site, por exemplo \
                         `[\"certificado\", \"backup\"]`."
                    ),
                    json!([["certificado", "backup"]]),
                ),
                "aliases": with_examples(
                    strings(
                        "Como o cliente descreve o problema com as próprias palavras, por exemplo \
                         `[\"cliente formatou o computador\", \"perdi o pfx\"]`. A busca do site encontra o \
                         procedimento também por elas, e a página as mostra em \"Também conhecido como\". \
                         Um apelido igual ao de outro procedimento, ou ao título de outro, é um aviso \
                         (`duplicate-alias`)."
                    ),
                    json!([["cliente formatou o computador", "perdi o pfx"]]),
                ),
                "start": with_examples(
                    step_id("ID do passo por onde o atendimento começa. Se omitido, é o primeiro passo do arquivo."),
                    json!(["acesso-maquina"]),
                ),
                "steps": {
                    "description": "Os passos do procedimento, um por tabela `[steps.ID]`. Obrigatório. O ID \
                        usa só letras minúsculas, dígitos e `-` (`acesso-maquina`); a ordem dos passos no \
                        arquivo é a ordem de leitura e a numeração nas páginas e checklists.",
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": { STEP_ID_PATTERN: step() },
                    "additionalProperties": refused(
                        "ID de passo inválido: use só letras minúsculas sem acento, dígitos e `-`, como \
                         `acesso-maquina`"
                    ),
                },
                "scenarios": {
                    "description": "Casos de teste do procedimento, um por tabela `[[scenarios]]`: as respostas \
                        de um atendimento e onde ele deve terminar. `sopbook test` percorre cada um; um \
                        cenário que termina em outro lugar é um erro (`failing-scenario`).",
                    "type": "array",
                    "items": scenario(),
                },
            },
        }),
    )
}

/// One `[[scenarios]]`: a name, the answers given at the decisions met, and the expected end.
fn scenario() -> Value {
    let answer = json!({ "type": "string" });
    closed(
        "num cenário",
        json!({
            "description": "Um cenário: um atendimento com as respostas dadas e o final esperado.",
            "type": "object",
            "required": ["name", "expect"],
            "properties": {
                "name": with_examples(
                    required_string(
                        "Nome do caso, como o atendimento o conhece, por exemplo `\"Máquina formatada\"`. \
                         Obrigatório."
                    ),
                    json!(["Máquina formatada"]),
                ),
                "answers": {
                    "description": "As respostas (`when`) dadas às decisões encontradas no caminho: uma lista, \
                        uma resposta por decisão, na ordem, como `[\"Sim\", \"Não\"]`; ou uma tabela pelo ID \
                        da decisão, como `{ acesso-maquina = \"Sim\" }`, em que um texto responde a decisão \
                        toda vez que ela aparece e uma lista responde a 1ª, a 2ª… vez (para laços).",
                    "type": ["array", "object"],
                    "items": answer,
                    "patternProperties": {
                        STEP_ID_PATTERN: {
                            "description": "Um texto: a resposta de toda vez que a decisão aparece. Uma \
                                lista: a resposta da 1ª vez, da 2ª…",
                            "type": ["string", "array"],
                            "items": answer,
                        },
                    },
                    "additionalProperties": refused(
                        "numa tabela de `answers`, cada chave é o ID de uma decisão do procedimento: letras \
                         minúsculas, dígitos e `-`"
                    ),
                    "examples": [["Sim", "Não"], { "acesso-maquina": "Sim" }],
                },
                "expect": expect(),
            },
        }),
    )
}

/// A scenario's `expect`: the ID of a terminal step, or a table with the kind of end.
fn expect() -> Value {
    let mut expect = closed(
        "em `expect`",
        json!({
            "description": "Onde o caminho deve terminar: o ID de um passo final, como \
                `\"resolvido\"`, ou o tipo de final, como \
                `{ end = \"escalation\", to = \"Relacionamento\" }`; num escalonamento, `to` também \
                confere o setor. Obrigatório.",
            "type": ["string", "object"],
            "pattern": STEP_ID_PATTERN,
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
                "to": with_examples(
                    required_string(
                        "Só com `end = \"escalation\"` (opcional): o setor que deve receber o caso, \
                         por exemplo `\"Relacionamento\"`."
                    ),
                    json!(["Relacionamento"]),
                ),
            },
            "examples": ["resolvido", { "end": "escalation", "to": "Relacionamento" }],
        }),
    );
    expect.as_object_mut().unwrap().insert(
        "dependencies".into(),
        json!({
            "to": {
                "if": { "required": ["end"], "properties": { "end": { "const": "resolution" } } },
                "then": {
                    "properties": {
                        "to": refused("`to` só vale num escalonamento: aqui, `end` é `resolution`"),
                    },
                },
            },
        }),
    );
    expect
}

/// One `[steps.ID]`: an action (`next`), a decision (`branches`) or a terminal (`end`).
fn step() -> Value {
    let one_kind = "Um passo é exatamente um tipo: ação (`next`), decisão (`branches`) ou final (`end`).";
    let kind_of = |key: &str| json!({ "required": [key] });
    let escalation = json!({ "required": ["end"], "properties": { "end": { "const": "escalation" } } });
    let escalation_only =
        |key: &str| refused(&format!("`{key}` só vale num passo final de escalonamento (`end` igual a `escalation`)"));
    let mut step = closed(
        "num passo",
        json!({
            "description": format!(
                "Um passo. {one_kind} `to`, `sla`, `via` e `fields` só valem num escalonamento \
                 (`end = \"escalation\"`), que precisa de `to` e `sla`."
            ),
            "type": "object",
            "properties": {
                "title": with_examples(string("Título curto do passo."), json!(["Gerar novo backup"])),
                "text": string("Texto do passo, em Markdown. Numa decisão (`branches`), é a pergunta."),
                "note": string("Observação em Markdown, exibida em destaque como \"Observação\"."),
                "warning": string("Alerta em Markdown, exibido em destaque como \"Atenção\"."),
                "see": with_examples(
                    strings(
                        "Manuais relacionados, pelo caminho (breadcrumb), por exemplo \
                         `[\"Certificado Digital > A1 > Debug\"]`."
                    ),
                    json!([["Certificado Digital > A1 > Debug"]]),
                ),
                "image": closed(
                    "numa imagem",
                    json!({
                        "description": "Imagem do passo, `{ src = \"…\", alt = \"…\" }`, ou uma lista delas. \
                            `src` é relativo ao arquivo do procedimento.",
                        "type": ["object", "array"],
                        "required": ["src"],
                        "properties": image_properties(),
                        "items": image(),
                        "examples": [{ "src": "imagens/exportar.png", "alt": "A tela de exportação" }],
                    }),
                ),
                "next": with_examples(
                    step_id(&format!("Passo de ação: o ID do passo seguinte. {one_kind}")),
                    json!(["resolvido"]),
                ),
                "branches": {
                    "description": format!(
                        "Passo de decisão: as respostas à pergunta de `text`, duas ou mais, cada uma \
                         `{{ when = \"resposta\", next = \"ID\" }}`. {one_kind}"
                    ),
                    "type": "array",
                    "minItems": 2,
                    "items": closed(
                        "numa resposta de `branches`",
                        json!({
                            "description": "Uma resposta possível e o passo a que ela leva.",
                            "type": "object",
                            "required": ["when", "next"],
                            "properties": {
                                "when": with_examples(
                                    required_string("A resposta, por exemplo `\"Sim\"` ou `\"Não\"`."),
                                    json!(["Sim", "Não"]),
                                ),
                                "next": step_id("O ID do passo seguinte quando a resposta é esta."),
                            },
                        }),
                    ),
                    "examples": [[
                        { "when": "Sim", "next": "exportar" },
                        { "when": "Não", "next": "chamado" },
                    ]],
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
                "to": with_examples(
                    required_string("Escalonamento: o setor que recebe o caso, por exemplo `\"Relacionamento\"`."),
                    json!(["Relacionamento"]),
                ),
                "sla": described(
                    "Escalonamento: prazo de retorno prometido ao cliente, um número e uma unidade, `h` \
                     (horas), `d` (dias corridos) ou `du` (dias úteis), entre aspas: `\"24h\"`, `\"2d\"`, \
                     `\"2du\"`. Dias úteis são de segunda a sexta, menos os feriados de \
                     `[calendar] holidays` do sopbook.toml.",
                    json!({ "type": "string", "pattern": SLA_PATTERN, "examples": ["24h", "2d", "2du"] }),
                ),
                "via": with_examples(
                    string(
                        "Escalonamento (opcional): caminho (breadcrumb) do procedimento que faz o \
                         encaminhamento, por exemplo `\"Certificado Digital > A1 > Chamado para o Relacionamento\"`."
                    ),
                    json!(["Certificado Digital > A1 > Chamado para o Relacionamento"]),
                ),
                "fields": described(
                    "Escalonamento (opcional): os dados a coletar para abrir o chamado, cada um pelo nome \
                     ou como `{ name = \"…\", kind = \"…\", required = false }`, por exemplo \
                     `[\"CNPJ\", { name = \"Telefone 2\", kind = \"phone\", required = false }]`.",
                    json!({
                        "type": "array",
                        "items": field(),
                        "examples": [["CNPJ", { "name": "Telefone 2", "kind": "phone", "required": false }]],
                    }),
                ),
            },
        }),
    );
    let keys = keys_of(&step);
    let map = step.as_object_mut().unwrap();
    // A second kind is an error on its key's value: `end` (a string) beside `next`; `next` and
    // `end` beside `branches` (an array, which Taplo would mark in every item).
    map.insert(
        "dependencies".into(),
        json!({
            "next": {
                "properties": {
                    "end": refused(
                        "um passo tem um tipo só: este tem `next` (ação), então não pode ter `end` (final); \
                         tire um dos dois"
                    ),
                },
            },
            "branches": {
                "properties": {
                    "next": refused(
                        "um passo tem um tipo só: este tem `branches` (decisão), então não pode ter `next`; \
                         o passo seguinte de cada resposta vai dentro de `branches`"
                    ),
                    "end": refused(
                        "um passo tem um tipo só: este tem `branches` (decisão), então não pode ter `end` \
                         (final); tire um dos dois"
                    ),
                },
            },
        }),
    );
    // With every key known: a step of no kind is an error about the step; an escalation needs
    // `to` and `sla`; another step may not have the escalation's keys.
    map.insert("if".into(), all_known(&keys));
    map.insert(
        "then".into(),
        json!({
            "if": { "not": { "anyOf": [kind_of("next"), kind_of("branches"), kind_of("end")] } },
            "then": refused(
                "passo sem tipo: falta `next` (ação: o passo seguinte), `branches` (decisão: as \
                 respostas) ou `end` (final: `resolution` ou `escalation`)"
            ),
            "else": {
                "if": escalation,
                "then": { "required": ["to", "sla"] },
                "else": {
                    "properties": {
                        "to": escalation_only("to"),
                        "sla": escalation_only("sla"),
                        "via": escalation_only("via"),
                        "fields": escalation_only("fields"),
                    },
                },
            },
        }),
    );
    step
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
    closed(
        "num dado de `fields`",
        json!({
            "description": "Um dado a coletar: o nome, como `\"CNPJ\"` (o tipo vem do nome e o dado é \
                obrigatório), ou, com tipo ou opcional, `{ name = \"…\", kind = \"…\", required = false }`.",
            "type": ["string", "object"],
            "pattern": NOT_BLANK,
            "required": ["name"],
            "properties": {
                "name": with_examples(
                    required_string("O nome do dado, como o analista o vê, por exemplo `\"Telefone 2\"`."),
                    json!(["Telefone 2"]),
                ),
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
            "examples": ["CNPJ", { "name": "Telefone 2", "kind": "phone", "required": false }],
        }),
    )
}

/// The keys of an image table.
fn image_properties() -> Value {
    json!({
        "src": with_examples(
            string("Caminho do arquivo da imagem, relativo ao arquivo do procedimento. Obrigatório."),
            json!(["imagens/exportar.png"]),
        ),
        "alt": with_examples(
            string(
                "Texto alternativo: o que a imagem mostra, para quem não pode vê-la. Se faltar, o \
                 sopbook avisa (`image-alt`)."
            ),
            json!(["A tela de exportação do certificado"]),
        ),
        "caption": string("Legenda exibida com a imagem (opcional). Se omitida, a legenda é o `alt`."),
    })
}

/// One image of a list: `{ src = "…", alt = "…" }`.
fn image() -> Value {
    closed(
        "numa imagem",
        json!({
            "description": "Uma imagem: `{ src = \"…\", alt = \"…\" }`, com `caption` opcional.",
            "type": "object",
            "required": ["src"],
            "properties": image_properties(),
        }),
    )
}

/// The schema of `sopbook.toml`. Defaults come from the code's own defaults; the rule ids of
/// `[lint]` from the rule registry.
pub fn config() -> Value {
    named_types(config_tables())
}

fn config_tables() -> Value {
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
    let schema = json!({
        "$schema": DRAFT,
        "$id": "https://sopbook.dev/schema/sopbook.json",
        "title": "sopbook.toml",
        "description": "Configuração de uma base de conhecimento do sopbook. Toda chave é opcional e tem um \
            valor padrão.",
        "type": "object",
        "properties": {
            "site": {
                "description": "O site gerado: título, idioma da interface e endereço.",
                "type": "object",
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
                "properties": {
                    "synonyms": synonyms(),
                },
            },
            "history": {
                "description": "O histórico do git no site: quem alterou cada procedimento e quando, e a \
                    página Novidades.",
                "type": "object",
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
                "properties": rules,
            },
        },
    });
    close_tables("no sopbook.toml", schema)
}

/// A file's schema closed, and each of its tables: a key unknown in `[x]` is one error on its
/// value, that lists the keys of `[x]` (in `[lint]`, that sends to `sopbook rules`).
fn close_tables(place: &str, mut schema: Value) -> Value {
    let tables = schema["properties"].as_object_mut().expect("a file's schema has properties");
    for (name, table) in tables.iter_mut() {
        if table["type"] != "object" || table.get("properties").is_none() {
            continue;
        }
        *table = if name == "lint" {
            closed_with(
                "regra desconhecida em `[lint]` (confira a grafia); `sopbook rules` lista as regras",
                table.take(),
            )
        } else {
            closed(&format!("em `[{name}]`"), table.take())
        };
    }
    closed(place, schema)
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
    named_types(manuals_tables())
}

fn manuals_tables() -> Value {
    let manual = closed(
        "num `[[manual]]`",
        json!({
            "description": "Um manual do Qualitor.",
            "type": "object",
            "required": ["path"],
            "properties": {
                "path": with_examples(
                    required_string(
                        "Caminho (breadcrumb) do manual no Qualitor, como os procedimentos o citam, \
                         por exemplo `\"Certificado Digital > A1 > Debug\"`. Obrigatório."
                    ),
                    json!(["Certificado Digital > A1 > Debug"]),
                ),
                "url": with_examples(
                    string(
                        "Endereço do manual (opcional): `http://`, `https://` ou `mailto:` (outro é um \
                         erro de `unsafe-url`). Sem ele, as referências ao manual aparecem como texto, \
                         sem link."
                    ),
                    json!(["https://qualitor.exemplo.com.br/manual/123"]),
                ),
            },
        }),
    );
    closed(
        "no manuals.toml",
        json!({
            "$schema": DRAFT,
            "$id": "https://sopbook.dev/schema/manuals.json",
            "title": "manuals.toml",
            "description": "Manuais que ainda existem apenas no Qualitor e que os procedimentos citam.",
            "type": "object",
            "properties": {
                "manual": {
                    "description": "Um manual por tabela `[[manual]]`, com o caminho (`path`) e, se souber, o \
                        endereço (`url`).",
                    "type": "array",
                    "items": manual,
                },
            },
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a schema's `type` is or includes `"object"`.
    fn may_be_object(schema: &serde_json::Map<String, Value>) -> bool {
        match schema.get("type") {
            Some(Value::String(t)) => t == "object",
            Some(Value::Array(types)) => types.iter().any(|t| t == "object"),
            _ => false,
        }
    }

    /// Every object schema with `properties` is closed by a `refused` schema whose message lists
    /// its keys, every property has a description, and nothing is of the shapes Taplo reports as
    /// noise: `oneOf`, `additionalProperties: false`, a `required` beside an unknown key.
    fn check_strict(path: &str, schema: &Value) {
        match schema {
            Value::Object(map) => {
                assert!(!map.contains_key("oneOf"), "{path} uses oneOf");
                if let Some(Value::Object(properties)) = map.get("properties")
                    && may_be_object(map)
                {
                    let closing = map.get("additionalProperties").unwrap_or_else(|| panic!("{path} is not closed"));
                    let message = closing["not"]["description"].as_str().unwrap_or_else(|| {
                        panic!("{path} is closed by {closing}, not by a `refused` schema with a message")
                    });
                    assert!(closing.get("description").is_none(), "{path}: the hover would show {closing}");
                    if message.starts_with("chave desconhecida") {
                        for name in properties.keys() {
                            assert!(message.contains(&format!("`{name}`")), "{path}: {message} does not list {name}");
                        }
                    }
                    assert!(!map.contains_key("required"), "{path}: `required` outside the known-keys condition");
                    for (name, property) in properties {
                        let description = property.get("description").and_then(Value::as_str).unwrap_or("");
                        assert!(!description.trim().is_empty(), "{path}.{name} has no description");
                    }
                }
                if let Some(closing) = map.get("additionalProperties") {
                    assert_ne!(closing, &Value::Bool(false), "{path}: additionalProperties false");
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
            assert!(schema["additionalProperties"]["not"]["description"].is_string());
            check_strict("#", &schema);
        }
    }

    #[test]
    fn key_lists_read_as_portuguese() {
        let keys = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(key_list(&keys(&["when", "next"])), "`when` e `next`");
        assert_eq!(key_list(&keys(&["a", "b", "c"])), "`a`, `b` e `c`");
        assert_eq!(key_list(&keys(&["a"])), "`a`");
    }

    /// The errors of `text` (a procedure), as (instance path, message).
    fn procedure_errors(text: &str) -> Vec<(String, String)> {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let instance = serde_json::to_value(table).unwrap();
        procedure_validator().iter_errors(&instance).map(|e| (e.instance_path().to_string(), e.to_string())).collect()
    }

    /// A misspelt key, a step of two kinds: each one error, about one value; a wrong type, two.
    #[test]
    fn usual_mistakes_are_one_error_on_one_value() {
        let head = "title = \"T\"\nsection = \"S\"\n[steps.fim]\nend = \"resolution\"\n";
        for (what, step, path, words) in [
            ("a misspelt key", "text = \"x\"\nnxet = \"fim\"\n", "/steps/a/nxet", "chave desconhecida num passo"),
            ("next and end", "next = \"fim\"\nend = \"resolution\"\n", "/steps/a/end", "tem `next` (ação)"),
            (
                "next and branches",
                "next = \"fim\"\nbranches = [{ when = \"S\", next = \"fim\" }, { when = \"N\", next = \"fim\" }]\n",
                "/steps/a/next",
                "tem `branches` (decisão)",
            ),
            (
                "a misspelt branch key",
                "branches = [{ when = \"S\", next = \"fim\" }, { when = \"N\", nxet = \"fim\" }]\n",
                "/steps/a/branches/1/nxet",
                "numa resposta de `branches`",
            ),
            ("`to` on an action", "next = \"fim\"\nto = \"R\"\n", "/steps/a/to", "só vale num passo final"),
        ] {
            let errors = procedure_errors(&format!("{head}[steps.a]\n{step}"));
            assert_eq!(errors.len(), 1, "{what}: {errors:?}");
            assert_eq!(errors[0].0, path, "{what}: {errors:?}");
            assert!(errors[0].1.contains(words), "{what}: {errors:?}");
        }
        // A wrong type: Taplo's "is not of type", and ours, which names the key; both on the value.
        let errors = procedure_errors(&format!("{head}[steps.a]\nend = \"escalation\"\nto = \"R\"\nsla = 24\n"));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|(path, _)| path == "/steps/a/sla"), "{errors:?}");
        assert!(errors.iter().any(|(_, m)| m.contains("`sla` deve ser um texto entre aspas")), "{errors:?}");
        let errors = procedure_errors(&format!("onwer = \"x\"\n{head}"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, "/onwer");
        assert!(errors[0].1.contains("`owner`"), "{errors:?}");
        // A misspelt required key: the unknown key, and no "is a required property" beside it.
        let errors = procedure_errors("titel = \"T\"\nsection = \"S\"\n[steps.fim]\nend = \"resolution\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, "/titel");
        // With every key known, the whole-table checks apply.
        let errors = procedure_errors("section = \"S\"\n[steps.fim]\ntext = \"x\"\n");
        let messages: Vec<&str> = errors.iter().map(|(_, m)| m.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("\"title\" is a required property")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("passo sem tipo")), "{messages:?}");
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
        let lint = &schema["properties"]["lint"];
        let ids = lint["properties"].as_object().unwrap();
        assert_eq!(ids.len(), RULES.len());
        assert!(ids.contains_key("dead-end"));
        assert!(lint["additionalProperties"]["not"]["description"].as_str().unwrap().contains("sopbook rules"));
    }
}
