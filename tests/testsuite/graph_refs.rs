//! `sopbook graph` (a procedure's step graph as DOT, Mermaid or standalone SVG) and `sopbook refs`
//! (every place that names a manual or procedure, and the ones nothing names).

use std::path::{Path, PathBuf};

use crate::sopbook;

const SEED: &str = "certificado-digital/a1/perda-do-backup-a1";
const DEBUG: &str = "Certificado Digital > A1 > Debug";

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Standard output and standard error of `sopbook ARGS --root ROOT`, which must exit with `code`.
fn run(root: &Path, args: &[&str], code: i32) -> (String, String) {
    let out = sopbook().args(args).arg("--root").arg(root).assert().code(code);
    let output = out.get_output();
    (String::from_utf8(output.stdout.clone()).unwrap(), String::from_utf8(output.stderr.clone()).unwrap())
}

fn stdout(root: &Path, args: &[&str]) -> String {
    run(root, args, 0).0
}

/// The DOT quoted strings of one line, unescaped; panics on an unterminated string or an unknown
/// escape, so a label that breaks out of its quotes fails the test.
fn dot_strings(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            assert!(!c.is_control(), "a control character outside quotes: {line}");
            continue;
        }
        let mut text = String::new();
        loop {
            match chars.next().unwrap_or_else(|| panic!("unterminated string: {line}")) {
                '"' => break,
                '\\' => match chars.next() {
                    Some('"') => text.push('"'),
                    Some('\\') => text.push('\\'),
                    Some('n') => text.push('\n'),
                    other => panic!("unexpected escape {other:?}: {line}"),
                },
                c => text.push(c),
            }
        }
        found.push(text);
    }
    found
}

#[test]
fn dot_of_the_seed() {
    let dot = stdout(&project(), &["graph", SEED]);
    assert!(dot.starts_with("digraph ") && dot.ends_with("}\n"));
    for line in dot.lines() {
        dot_strings(line);
    }
    assert!(dot.contains("\"acesso-maquina\" [label=\"1. Acesso à máquina da primeira instalação\", shape=diamond"));
    assert!(dot.contains("\"chamado\" [label=\"7. Chamado para o Relacionamento\", shape=box, peripheries=2]"));
    assert!(dot.contains("\"chave-exportavel\" -> \"recuperar-debug\" [label=\"Não, está inibida\"];"));
    assert!(dot.contains("\"_start\" -> \"acesso-maquina\";"));
    // The default format, and the same output by breadcrumb and by file name.
    assert_eq!(dot, stdout(&project(), &["graph", "Certificado Digital>A1> Perda do Backup A1", "--format", "dot"]));
    assert_eq!(dot, stdout(&project(), &["graph", "perda-do-backup-a1.toml"]));
    insta::assert_snapshot!("graph_seed_dot", dot);
}

#[test]
fn mermaid_of_the_seed() {
    let mermaid = stdout(&project(), &["graph", SEED, "--format", "mermaid"]);
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert!(mermaid.contains("  s1{\"1. Acesso à máquina da primeira instalação\"}\n"));
    assert!(mermaid.contains("  s6([\"6. Novo backup do certificado digital A1 gerado.\"])\n"));
    assert!(mermaid.contains("  s7[[\"7. Chamado para o Relacionamento\"]]\n"));
    assert!(mermaid.contains("  s1 -->|\"Sim\"| s2\n"));
    assert!(mermaid.contains("  %% s4 = recuperar-debug\n"));
    insta::assert_snapshot!("graph_seed_mermaid", mermaid);
}

#[test]
fn svg_of_the_seed_is_the_sites_flowchart_standing_alone() {
    let svg = stdout(&project(), &["graph", SEED, "--format", "svg"]);
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert_eq!(svg.matches("<a ").count(), 7, "one link per step");
    assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());
    assert!(svg.contains("<style><![CDATA[") && svg.contains(".fc .fc-decision .fc-shape"), "the CSS is embedded");
    assert_eq!(svg, stdout(&project(), &["graph", SEED, "--format", "svg"]), "deterministic");

    // Without the declaration and the style, it is the drawing on the procedure's page.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(project()).arg("--out").arg(&out).assert().code(0);
    let page = std::fs::read_to_string(out.join(format!("procedures/{SEED}.html"))).unwrap();
    let begin = page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fc\"").expect("the page has a flowchart");
    let end = begin + page[begin..].find("</svg>").unwrap() + "</svg>".len();
    let style_begin = svg.find("<style>").unwrap();
    let style_end = svg.find("</style>").unwrap() + "</style>".len();
    let drawing = format!("{}{}", &svg[..style_begin], &svg[style_end..]);
    let drawing = drawing.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").unwrap().trim_end();
    assert_eq!(drawing, &page[begin..end]);
}

#[test]
fn unknown_procedure_exits_2_with_a_suggestion() {
    let (_, stderr) = run(&project(), &["graph", "perda-do-bakup-a1"], 2);
    assert!(stderr.contains("você quis dizer `certificado-digital/a1/perda-do-backup-a1`?"), "{stderr}");
}

/// A knowledge base whose titles, texts and answers try to break out of every format.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("procedures")).unwrap();
    let procedure = r#"
title = "Hostil \"aspas\""
section = "Testes"
[steps.pergunta]
title = "Diz \"oi\" \\ <script>alert(1)</script> # & |"
branches = [
  { when = "Sim \"mesmo\" \\n <b> `x`", next = "fim" },
  { when = "Não|\"]]; x --> y", next = "escala" },
  { when = "Linha\nquebrada", next = "fim" },
]
[steps.fim]
end = "resolution"
text = "Fim </text><script>alert(2)</script>"
[steps.escala]
end = "escalation"
to = "X"
sla = "1h"
title = "Escalar \\\"já\\\""
"#;
    std::fs::write(dir.path().join("procedures/hostil.toml"), procedure).unwrap();
    dir
}

#[test]
fn hostile_labels_are_escaped_in_dot() {
    let dir = hostile();
    let dot = stdout(dir.path(), &["graph", "hostil"]);
    let strings: Vec<String> = dot.lines().flat_map(dot_strings).collect();
    assert!(strings.contains(&"1. Diz \"oi\" \\ <script>alert(1)</script> # & |".to_string()), "{dot}");
    assert!(strings.contains(&"Sim \"mesmo\" \\n <b> `x`".to_string()), "{dot}");
    assert!(strings.contains(&"Não|\"]]; x --> y".to_string()), "{dot}");
    assert!(strings.contains(&"Linha\nquebrada".to_string()), "{dot}");
    assert!(strings.contains(&"3. Escalar \"já\"".to_string()), "{dot}");
    assert!(strings.contains(&"Testes > Hostil \"aspas\"".to_string()), "{dot}");
    // One statement per line: nothing leaked out of a string into a line of its own.
    assert_eq!(dot.lines().count(), 14, "{dot}");
}

#[test]
fn hostile_labels_are_escaped_in_mermaid() {
    let dir = hostile();
    let mermaid = stdout(dir.path(), &["graph", "hostil", "--format", "mermaid"]);
    for line in mermaid.lines().filter(|l| !l.trim_start().starts_with("%%")) {
        // Every label is one quoted string: exactly two `"` on a line that has one.
        let quotes = line.matches('"').count();
        assert!(quotes == 0 || quotes == 2, "{line}");
        assert!(!line.contains(['<', '>', '`', '&']) || line.contains("-->"), "{line}");
    }
    assert!(!mermaid.contains("<script>"));
    assert!(mermaid.contains("s1{\"1. Diz #quot;oi#quot; \\ #60;script#62;alert(1)#60;/script#62; #35; #38; #124;\"}"));
    assert!(mermaid.contains("s1 -->|\"Não#124;#quot;]]; x --#62; y\"| s3"), "{mermaid}");
    assert!(mermaid.contains("s1 -->|\"Linha quebrada\"| s2"), "{mermaid}");
    assert!(mermaid.contains("s1 -->|\"Sim #quot;mesmo#quot; \\n #60;b#62; #96;x#96;\"| s2"), "{mermaid}");
    assert!(mermaid.contains("s3[[\"3. Escalar #quot;já#quot;\"]]"), "{mermaid}");
}

#[test]
fn hostile_labels_are_escaped_in_svg() {
    let dir = hostile();
    let svg = stdout(dir.path(), &["graph", "hostil", "--format", "svg"]);
    assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
    assert!(svg.contains("&lt;script&gt;"));
    assert_eq!(svg.matches("<a ").count(), 3);
}

// ------------------------------------------------------------------------------------------------
// refs

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not found"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() + 1, text[line_start..at].chars().count() + 1)
}

#[test]
fn the_debug_manual_is_referenced_once_at_its_place() {
    let file = format!("procedures/{SEED}.toml");
    let text = std::fs::read_to_string(project().join(&file)).unwrap();
    let (line, column) = line_col(&text, &format!("[[{DEBUG}]]"));
    let human = stdout(&project(), &["refs", DEBUG]);
    assert_eq!(
        human,
        format!("{file}:{line}:{column}  passo recuperar-debug  text  [[{DEBUG}]]\n1 referência ao manual `{DEBUG}`\n")
    );
    for variant in
        ["Certificado Digital>A1>Debug", "  Certificado Digital >  A1>   Debug ", "Certificado Digital > A1 > Debug"]
    {
        assert_eq!(stdout(&project(), &["refs", variant]), human, "{variant}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&project(), &["refs", DEBUG, "--format", "json"])).unwrap();
    let places = json.as_array().unwrap();
    assert_eq!(places.len(), 1);
    let place = &places[0];
    assert_eq!(place["file"], file.as_str());
    assert_eq!((place["line"].as_u64().unwrap() as usize, place["column"].as_u64().unwrap() as usize), (line, column));
    assert_eq!(place["step"], "recuperar-debug");
    assert_eq!(place["field"], "text");
    assert_eq!(place["text"], text.lines().nth(line - 1).unwrap());
}

#[test]
fn via_counts_and_nothing_found_still_exits_0() {
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &project(),
        &["refs", "Certificado Digital > A1 > Chamado para o Relacionamento", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["field"], "via");
    assert_eq!(json[0]["step"], "chamado");
    let (out, stderr) = run(&project(), &["refs", "Certificado Digital > A1 > Perda do Backup A1"], 0);
    assert!(out.starts_with("nenhuma referência ao procedimento `Certificado Digital > A1 > Perda do Backup A1`"));
    assert!(stderr.is_empty());
    let (out, _) = run(&project(), &["refs", "Certificado Digital > A1 > Perda do Backup A1", "--format", "json"], 0);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn an_unknown_breadcrumb_exits_1_with_a_suggestion() {
    let (out, stderr) = run(&project(), &["refs", "Certificado Digital > A1 > Debg"], 1);
    assert!(out.contains("nenhuma referência a `Certificado Digital > A1 > Debg`"));
    assert!(stderr.contains("não corresponde a nenhum procedimento nem manual"), "{stderr}");
    assert!(stderr.contains("você quis dizer `Certificado Digital > A1 > Debug`?"), "{stderr}");
    run(&project(), &["refs", "Certificado Digital > A1 > Debg", "--format", "json"], 1);
    // A breadcrumb and --unused together, or neither, is a usage error.
    run(&project(), &["refs"], 2);
    run(&project(), &["refs", DEBUG, "--unused"], 2);
}

#[test]
fn unused_on_the_project_lists_only_what_nothing_references() {
    let human = stdout(&project(), &["refs", "--unused"]);
    assert!(!human.contains("Chamado para o Relacionamento"), "referenced by `via`:\n{human}");
    assert!(!human.contains(DEBUG) && !human.contains("Exportar/Trocar senha A1"), "{human}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&project(), &["refs", "--unused", "--format", "json"])).unwrap();
    let listed = json.as_array().unwrap();
    assert!(!listed.is_empty());
    for entry in listed {
        let crumb = entry["breadcrumb"].as_str().unwrap();
        let places: serde_json::Value =
            serde_json::from_str(&stdout(&project(), &["refs", crumb, "--format", "json"])).unwrap();
        // Nothing references it, except perhaps the procedure itself.
        for place in places.as_array().unwrap() {
            assert_eq!(place["file"], entry["file"], "{crumb} is referenced from elsewhere");
        }
    }
    assert!(human.contains(&format!(
        "procedures/{SEED}.toml:4:11  procedimento  Certificado Digital > A1 > Perda do Backup A1\n"
    )));
}

#[test]
fn every_field_counts_and_self_references_leave_a_procedure_unused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("procedures/q")).unwrap();
    let manuals = "[[manual]]\npath = \"Q > Usado\"\n\n[[manual]]\npath = \"Q>Esquecido\"\n";
    std::fs::write(dir.path().join("manuals.toml"), manuals).unwrap();
    let a = r#"title = "A"
section = "Q"
summary = "Veja [[Q>Usado]]."
[steps.um]
title = "[[ Q > Usado#passo|o manual ]]"
text = "Primeiro \"isto\", depois [[Q > Usado]] e [[#dois]]."
note = "Nada aqui."
warning = "[[Q > B]] antes."
see = ["Q >Usado", "Q > B"]
next = "dois"
[steps.dois]
end = "escalation"
to = "X"
sla = "2d"
via = "Q > Usado"
"#;
    let b = "title = \"B\"\nsection = \"Q\"\n[steps.x]\ntext = \"Eu mesmo: [[Q > B#x]]\"\nend = \"resolution\"\n";
    std::fs::write(dir.path().join("procedures/q/a.toml"), a).unwrap();
    std::fs::write(dir.path().join("procedures/q/b.toml"), b).unwrap();

    let json: serde_json::Value =
        serde_json::from_str(&stdout(dir.path(), &["refs", "Q > Usado", "--format", "json"])).unwrap();
    let fields: Vec<(&str, Option<&str>)> =
        json.as_array().unwrap().iter().map(|p| (p["field"].as_str().unwrap(), p["step"].as_str())).collect();
    assert_eq!(
        fields,
        [("summary", None), ("title", Some("um")), ("text", Some("um")), ("see", Some("um")), ("via", Some("dois"))]
    );
    // The column of the `[[` even after an escaped quote earlier in the string.
    let (line, column) = line_col(a, "[[Q > Usado]] e");
    assert_eq!(
        (json[2]["line"].as_u64().unwrap() as usize, json[2]["column"].as_u64().unwrap() as usize),
        (line, column)
    );
    let (line, column) = line_col(a, "\"Q >Usado\"");
    assert_eq!(
        (json[3]["line"].as_u64().unwrap() as usize, json[3]["column"].as_u64().unwrap() as usize),
        (line, column)
    );

    // B names itself and is named by A (warning, see).
    assert!(
        stdout(dir.path(), &["refs", "Q > B"])
            .ends_with("3 referências ao procedimento `Q > B` (procedures/q/b.toml)\n")
    );

    let unused = stdout(dir.path(), &["refs", "--unused"]);
    assert_eq!(
        unused,
        "manuals.toml:5:8  manual  Q > Esquecido\nprocedures/q/a.toml:1:9  procedimento  Q > A\n\
         2 não citados: 1 manual, 1 procedimento\n"
    );
    // The same count in English (its plurals are written differently).
    assert!(
        stdout(dir.path(), &["--lang", "en", "refs", "--unused"]).ends_with("2 unreferenced: 1 manual, 1 procedure\n")
    );
    // Once A is gone, B is referenced only by itself: unused.
    std::fs::remove_file(dir.path().join("procedures/q/a.toml")).unwrap();
    let unused = stdout(dir.path(), &["refs", "--unused"]);
    assert!(
        unused.contains("Q > Usado") && unused.contains("procedures/q/b.toml:1:9  procedimento  Q > B"),
        "{unused}"
    );
}
