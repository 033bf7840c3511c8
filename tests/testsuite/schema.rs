//! `sopbook schema`: the JSON Schemas for editors. Every file this project ships (and every file
//! `sopbook init` writes) is valid against them, the usual mistakes are not, and for each of those
//! mistakes the linter agrees.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::fixture;
use crate::sopbook;

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `sopbook schema ARGS` as printed.
fn printed(args: &[&str]) -> String {
    let out = sopbook().arg("schema").args(args).assert().code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The schema printed by the binary, checked against the draft-07 meta-schema, compiled.
fn validator(which: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed(&[which])).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(error) = jsonschema::draft7::meta::validate(&schema) {
        panic!("the {which} schema is not a valid draft-07 schema: {error}");
    }
    jsonschema::draft7::new(&schema).unwrap()
}

/// TOML → JSON as Taplo hands a document to the validator: a date becomes its text.
fn json_of(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(json_of).collect()),
        toml::Value::Table(table) => Value::Object(table.into_iter().map(|(k, v)| (k, json_of(v))).collect()),
    }
}

fn document(text: &str) -> Value {
    json_of(toml::Value::Table(toml::from_str::<toml::Table>(text).unwrap()))
}

/// Every error, one per line, for the assertion messages.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator.iter_errors(instance).map(|e| format!("  {} at {}\n", e, e.instance_path())).collect()
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, text: &str) {
    let instance = document(text);
    assert!(validator.is_valid(&instance), "{what} should be valid:\n{}", errors(validator, &instance));
}

fn assert_invalid(validator: &jsonschema::Validator, what: &str, text: &str) {
    assert!(!validator.is_valid(&document(text)), "{what} should be invalid:\n{text}");
}

/// The procedure files under `root/procedures`, skipping what the loader skips (`_` names).
fn procedure_files(root: &Path) -> Vec<PathBuf> {
    let procedures = root.join("procedures");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&procedures)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('_'))
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_procedure_shipped_is_valid() {
    let validator = validator("procedure");
    let mut count = 0;
    for root in [project().to_path_buf(), fixture("clean")] {
        for file in procedure_files(&root) {
            assert_valid(&validator, &file.display().to_string(), &std::fs::read_to_string(&file).unwrap());
            count += 1;
        }
    }
    assert!(count >= 5, "only {count} procedures found");
}

/// A small procedure that lints clean, and its variants with one mistake each.
const BASE: &str = r#"
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2019-11-22
review_months = 12
tags    = ["certificado"]
aliases = ["perdi o pfx", "cliente formatou o computador"]
start   = "acesso"

[steps.acesso]
text = "O cliente tem acesso à máquina?"
image = [{ src = "a.png", alt = "A tela", caption = "Legenda" }]
branches = [
  { when = "Sim", next = "exportar" },
  { when = "Não", next = "chamado" },
]

[steps.exportar]
title = "Exportar"
text  = "Exporte o certificado."
image = { src = "b.png", alt = "Outra tela" }
note  = "Observação."
warning = "Atenção."
see   = ["Certificado Digital > A1 > Debug"]
next  = "resolvido"

[steps.resolvido]
end  = "resolution"
text = "Resolvido."

[steps.chamado]
end    = "escalation"
to     = "Relacionamento"
sla    = "24h"
via    = "Certificado Digital > A1 > Chamado"
fields = ["CNPJ", { name = "Telefone", kind = "phone", required = false }]

[[scenarios]]
name    = "Máquina formatada"
answers = ["Não"]
expect  = { end = "escalation", to = "Relacionamento" }

[[scenarios]]
name    = "Exporta normalmente"
answers = { acesso = "Sim" }
expect  = "resolvido"

[[scenarios]]
name    = "Sem acesso, por tentativa"
answers = { acesso = ["Não"] }
expect  = { end = "escalation" }
"#;

/// `(what, from, to)`: `BASE` with `from` replaced by `to` is invalid.
const PROCEDURE_MISTAKES: &[(&str, &str, &str)] = &[
    ("an unknown key", "next  = \"resolvido\"", "nxet  = \"resolvido\""),
    ("an unknown top-level key", "owner   =", "onwer   ="),
    ("a wrong type", "sla    = \"24h\"", "sla    = 24"),
    ("a step with both next and end", "end  = \"resolution\"", "end  = \"resolution\"\nnext = \"acesso\""),
    ("a step with none of next, branches, end", "end  = \"resolution\"\n", ""),
    ("a bad step ID", "[steps.exportar]", "[steps.Passo_1]"),
    ("a decision with one branch", "  { when = \"Não\", next = \"chamado\" },\n", ""),
    ("a bad end value", "end  = \"resolution\"", "end  = \"resolvido\""),
    ("a missing title", "title   = \"Perda do Backup A1\"", ""),
    ("a blank section", "section = \"Certificado Digital > A1\"", "section = \"  \""),
    ("a date that is not a date", "updated = 2019-11-22", "updated = \"22/11/2019\""),
    ("a date and time", "updated = 2019-11-22", "updated = 2019-11-22T10:00:00"),
    ("review_months out of range", "review_months = 12", "review_months = 0"),
    ("an SLA in words", "sla    = \"24h\"", "sla    = \"24 horas\""),
    ("an SLA of zero", "sla    = \"24h\"", "sla    = \"0h\""),
    ("an SLA in business days in words", "sla    = \"24h\"", "sla    = \"2 dias úteis\""),
    ("an SLA with the letters of `du` swapped", "sla    = \"24h\"", "sla    = \"2ud\""),
    ("an SLA of zero business days", "sla    = \"24h\"", "sla    = \"0du\""),
    ("an escalation without sla", "sla    = \"24h\"\n", ""),
    ("`to` outside an escalation", "end  = \"resolution\"", "end  = \"resolution\"\nto = \"Relacionamento\""),
    ("an image without src", "{ src = \"b.png\", alt = \"Outra tela\" }", "{ alt = \"Outra tela\" }"),
    ("an unknown image key", "caption = \"Legenda\"", "legenda = \"Legenda\""),
    ("a branch without next", "{ when = \"Não\", next = \"chamado\" }", "{ when = \"Não\" }"),
    ("an unknown field kind", "kind = \"phone\"", "kind = \"telefone\""),
    ("an unknown field key", "required = false", "opcional = true"),
    ("a field without name", "name = \"Telefone\", ", ""),
    ("a field's required as a string", "required = false", "required = \"não\""),
    ("a field as a number", "[\"CNPJ\", {", "[3, {"),
    ("tags as a string", "tags    = [\"certificado\"]", "tags    = \"certificado\""),
    (
        "aliases as a string",
        "aliases = [\"perdi o pfx\", \"cliente formatou o computador\"]",
        "aliases = \"perdi o pfx\"",
    ),
    ("a scenario without name", "name    = \"Máquina formatada\"\n", ""),
    ("a scenario without expect", "expect  = \"resolvido\"\n", ""),
    ("a scenario with a blank name", "name    = \"Exporta normalmente\"", "name    = \"\""),
    ("an unknown scenario key", "answers = [\"Não\"]", "respostas = [\"Não\"]"),
    ("answers as one string", "answers = [\"Não\"]", "answers = \"Não\""),
    ("an answer that is a number", "answers = [\"Não\"]", "answers = [2]"),
    ("a keyed answer that is a number", "{ acesso = \"Sim\" }", "{ acesso = 1 }"),
    ("an answer key that is not a step ID", "{ acesso = \"Sim\" }", "{ Acesso = \"Sim\" }"),
    ("an expected step that is not a step ID", "expect  = \"resolvido\"", "expect  = \"Resolvido\""),
    ("an unknown expected end", "{ end = \"escalation\" }", "{ end = \"escalonamento\" }"),
    ("an expected end without `end`", "{ end = \"escalation\", to", "{ to"),
    ("`to` with an expected resolution", "{ end = \"escalation\", to", "{ end = \"resolution\", to"),
    ("an unknown key in expect", "{ end = \"escalation\" }", "{ end = \"escalation\", sla = \"24h\" }"),
];

#[test]
fn procedure_mistakes_are_caught_as_the_linter_catches_them() {
    let validator = validator("procedure");
    assert_valid(&validator, "the base procedure", BASE);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    for image in ["a.png", "b.png"] {
        std::fs::write(dir.path().join("procedures").join(image), crate::images::PNG).unwrap();
    }
    let manuals = "[[manual]]\npath = \"Certificado Digital > A1 > Debug\"\n\
        [[manual]]\npath = \"Certificado Digital > A1 > Chamado\"\n";
    std::fs::write(dir.path().join("manuals.toml"), manuals).unwrap();
    std::fs::write(dir.path().join("procedures/p.toml"), BASE).unwrap();
    sopbook().arg("lint").arg(dir.path()).assert().code(0);

    for (what, from, to) in PROCEDURE_MISTAKES {
        assert!(BASE.contains(from), "{what}: `{from}` is not in the base procedure");
        let text = BASE.replacen(from, to, 1);
        assert_invalid(&validator, what, &text);
        std::fs::write(dir.path().join("procedures/p.toml"), &text).unwrap();
        let out = sopbook().arg("lint").arg(dir.path()).assert();
        assert_eq!(out.get_output().status.code(), Some(1), "{what}: the linter does not agree");
    }

    // Every unit, in any case, is valid to both.
    for sla in ["\"48 h\"", "\"2d\"", "\"2du\"", "\" 1 DU \""] {
        let text = BASE.replacen("sla    = \"24h\"", &format!("sla    = {sla}"), 1);
        assert_valid(&validator, sla, &text);
        std::fs::write(dir.path().join("procedures/p.toml"), &text).unwrap();
        sopbook().arg("lint").arg(dir.path()).assert().code(0);
    }

    // The one known gap: Taplo hands a date to the validator as its text, so a quoted date looks
    // like a date to the schema. The linter tells them apart (`write the date without quotes`).
    let quoted = BASE.replacen("updated = 2019-11-22", "updated = \"2019-11-22\"", 1);
    assert_valid(&validator, "a quoted date (a known gap)", &quoted);
    std::fs::write(dir.path().join("procedures/p.toml"), &quoted).unwrap();
    sopbook().arg("lint").arg(dir.path()).assert().code(1);
}

/// `(what, from, to, path)`: `BASE` with `from` replaced by `to` has one error (a wrong type, two:
/// see below), about the value
/// at `path`: Taplo marks an error about a table at its header and at each key and value, so the
/// usual mistakes must each be about a single value (tests/browser/taplo.test.mjs shows Taplo's).
const ONE_ERROR_MISTAKES: &[(&str, &str, &str, &str)] = &[
    ("an unknown key", "next  = \"resolvido\"", "nxet  = \"resolvido\"", "/steps/exportar/nxet"),
    ("an unknown top-level key", "owner   =", "onwer   =", "/onwer"),
    ("a misspelt required key", "title   =", "titel   =", "/titel"),
    ("next and end", "end  = \"resolution\"", "end  = \"resolution\"\nnext = \"acesso\"", "/steps/resolvido/end"),
    ("next beside branches", "image = [{", "next = \"exportar\"\nimage = [{", "/steps/acesso/next"),
    (
        "an unknown branch key",
        "{ when = \"Não\", next = \"chamado\" }",
        "{ when = \"Não\", nxet = \"chamado\" }",
        "/steps/acesso/branches/1/nxet",
    ),
    ("an unknown image key", "caption = \"Legenda\"", "legenda = \"Legenda\"", "/steps/acesso/image/0/legenda"),
    ("an unknown scenario key", "answers = [\"Não\"]", "respostas = [\"Não\"]", "/scenarios/0/respostas"),
    (
        "`to` on a resolution",
        "end  = \"resolution\"",
        "end  = \"resolution\"\nto = \"Relacionamento\"",
        "/steps/resolvido/to",
    ),
];

#[test]
fn the_usual_mistakes_are_one_error_on_one_value() {
    let validator = validator("procedure");
    for (what, from, to, path) in ONE_ERROR_MISTAKES {
        assert!(BASE.contains(from), "{what}: `{from}` is not in the base procedure");
        let instance = document(&BASE.replacen(from, to, 1));
        let errors: Vec<_> = validator.iter_errors(&instance).collect();
        assert_eq!(errors.len(), 1, "{what}:\n{}", self::errors(&validator, &instance));
        assert_eq!(errors[0].instance_path().to_string(), *path, "{what}");
    }
    // A wrong type is two errors on the value: the validator's "is not of type", and one that
    // names the key.
    let instance = document(&BASE.replacen("sla    = \"24h\"", "sla    = 24", 1));
    let errors: Vec<_> = validator.iter_errors(&instance).collect();
    assert_eq!(errors.len(), 2, "{}", self::errors(&validator, &instance));
    assert!(errors.iter().all(|e| e.instance_path().to_string() == "/steps/chamado/sla"));
    assert!(errors.iter().any(|e| e.to_string().contains("`sla` deve ser um texto entre aspas")));
}

#[test]
fn config_files_are_valid_and_mistakes_are_caught() {
    let validator = validator("config");
    assert_valid(
        &validator,
        "the project's sopbook.toml",
        &std::fs::read_to_string(project().join("sopbook.toml")).unwrap(),
    );
    let clean = std::fs::read_to_string(fixture("clean").join("sopbook.toml")).unwrap();
    assert_valid(&validator, "the clean fixture's sopbook.toml", &clean);
    assert_valid(&validator, "an empty sopbook.toml", "");
    let every_key = "[site]\ntitle = \"T\"\nlanguage = \"en\"\nbase_url = \"/kb/\"\n\
        [build]\noutput = \"out\"\ntheme = \"meu\"\n[review]\nmonths = 600\n\
        [search]\nsynonyms = { pfx = [\"certificado a1\", \"arquivo do certificado\"], \"nota fiscal\" = [] }\n\
        [history]\nenabled = false\ndays = 3660\n\
        [checklist]\ncase_fields = [\"Analista\", \"Nº do chamado\"]\n\
        [calendar]\nholidays = [2026-12-25, 2027-01-01]\n";
    assert_valid(&validator, "every key", every_key);
    for meta in sopbook::lint::RULES.iter().map(|r| r.meta()) {
        for level in ["error", "warning", "allow"] {
            assert_valid(&validator, meta.id.as_str(), &format!("[lint]\n{} = \"{level}\"\n", meta.id));
        }
    }
    for (what, text) in [
        ("[site] titel", "[site]\ntitel = \"x\"\n"),
        ("[lint] dead-edn", "[lint]\ndead-edn = \"error\"\n"),
        ("a bad lint level", "[lint]\ndead-end = \"fatal\"\n"),
        ("a language not offered", "[site]\nlanguage = \"es\"\n"),
        ("review months out of range", "[review]\nmonths = 0\n"),
        ("review months as a string", "[review]\nmonths = \"12\"\n"),
        ("an unknown table", "[sitte]\ntitle = \"x\"\n"),
        ("a theme given as a path", "[build]\ntheme = \"../../fora\"\n"),
        ("a theme given as an absolute path", "[build]\ntheme = \"/etc\"\n"),
        ("a theme named ..", "[build]\ntheme = \"..\"\n"),
        ("an empty theme", "[build]\ntheme = \"\"\n"),
        ("a synonym that is not a list", "[search]\nsynonyms = { pfx = \"certificado a1\" }\n"),
        ("an empty synonym", "[search]\nsynonyms = { pfx = [\" \"] }\n"),
        ("an empty synonym key", "[search]\nsynonyms = { \"\" = [\"pfx\"] }\n"),
        ("a synonym too long", &format!("[search]\nsynonyms = {{ pfx = [\"{}\"] }}\n", "x".repeat(101))),
        ("a misspelt search key", "[search]\nsynonym = { pfx = [\"a1\"] }\n"),
        ("a misspelt calendar key", "[calendar]\nferiados = [2026-12-25]\n"),
        ("holidays as one date", "[calendar]\nholidays = 2026-12-25\n"),
        ("a holiday that is a number", "[calendar]\nholidays = [3]\n"),
        ("a holiday in words", "[calendar]\nholidays = [\"Natal\"]\n"),
        ("a holiday with a time", "[calendar]\nholidays = [2026-12-25T10:00:00]\n"),
        ("history days out of range", "[history]\ndays = 0\n"),
        ("history days beyond ten years", "[history]\ndays = 3661\n"),
        ("history enabled as a word", "[history]\nenabled = \"sim\"\n"),
        ("a misspelt history key", "[history]\nenable = true\n"),
        ("a misspelt checklist key", "[checklist]\ncase_field = [\"Analista\"]\n"),
        ("case fields as one string", "[checklist]\ncase_fields = \"Analista\"\n"),
        ("an empty case field", "[checklist]\ncase_fields = [\"\"]\n"),
        ("a case field too long", &format!("[checklist]\ncase_fields = [\"{}\"]\n", "x".repeat(41))),
        ("nine case fields", &format!("[checklist]\ncase_fields = [{}]\n", ["\"x\""; 9].join(", "))),
    ] {
        assert_invalid(&validator, what, text);
    }
}

#[test]
fn manuals_files_are_valid_and_mistakes_are_caught() {
    let validator = validator("manuals");
    assert_valid(
        &validator,
        "the project's manuals.toml",
        &std::fs::read_to_string(project().join("manuals.toml")).unwrap(),
    );
    let clean = std::fs::read_to_string(fixture("clean").join("manuals.toml")).unwrap();
    assert_valid(&validator, "the clean fixture's manuals.toml", &clean);
    assert_valid(&validator, "a manual with a url", "[[manual]]\npath = \"A > B\"\nurl = \"https://x.example/1\"\n");
    assert_valid(&validator, "an empty manuals.toml", "");
    for (what, text) in [
        ("a url that is not a string", "[[manual]]\npath = \"A > B\"\nurl = 3\n"),
        ("a misspelt key", "[[manual]]\npaht = \"A > B\"\n"),
        ("a manual without path", "[[manual]]\nurl = \"https://x.example/1\"\n"),
        ("an unknown top-level key", "[[manuals]]\npath = \"A > B\"\n"),
        ("a single table instead of a list", "[manual]\npath = \"A > B\"\n"),
    ] {
        assert_invalid(&validator, what, text);
    }
}

#[test]
fn what_init_writes_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    sopbook().arg("init").arg(dir.path()).assert().code(0);
    let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
    assert_valid(&validator("config"), "sopbook.toml of init", &read("sopbook.toml"));
    assert_valid(&validator("manuals"), "manuals.toml of init", &read("manuals.toml"));
    let procedure = validator("procedure");
    let files = procedure_files(dir.path());
    assert!(!files.is_empty());
    for file in files {
        assert_valid(&procedure, &file.display().to_string(), &std::fs::read_to_string(&file).unwrap());
    }
}

#[test]
fn what_new_writes_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    sopbook().arg("init").arg(dir.path()).assert().code(0);
    sopbook().args(["new", "Certificado Digital > A1 > Perda do Backup A1", "--root"]).arg(dir.path()).assert().code(0);
    let file = dir.path().join("procedures/certificado-digital/a1/perda-do-backup-a1.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("[[scenarios]]"), "{text}");
    assert_valid(&validator("procedure"), "the procedure of `sopbook new`", &text);
}

#[test]
fn the_schema_is_deterministic_and_procedure_is_the_default() {
    for (which, kind) in [
        ("procedure", sopbook::schema::Kind::Procedure),
        ("config", sopbook::schema::Kind::Config),
        ("manuals", sopbook::schema::Kind::Manuals),
    ] {
        let first = printed(&[which]);
        assert_eq!(first, printed(&[which]), "{which}");
        assert_eq!(first, sopbook::schema::to_json(&sopbook::schema::schema(kind)), "{which}");
        assert!(first.ends_with("}\n"));
    }
    assert_eq!(printed(&[]), printed(&["procedure"]));
}

#[test]
fn a_bogus_kind_exits_2() {
    let out = sopbook().args(["schema", "bogus"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("procedure") && stderr.contains("config") && stderr.contains("manuals"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
}
