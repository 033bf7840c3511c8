//! The binary as a user runs it: exit codes 0, 1 and 2, formats, and never a panic.

use crate::fixture;
use crate::sopbook;

#[test]
fn exit_0_on_a_clean_knowledge_base() {
    let out = sopbook().args(["lint"]).arg(fixture("clean")).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, "nenhum erro, nenhum aviso em 3 procedimentos\n");
}

#[test]
fn root_defaults_to_the_current_folder() {
    sopbook().arg("lint").current_dir(fixture("clean")).assert().code(0);
    sopbook().arg("lint").current_dir(fixture("every-rule")).assert().code(1);
}

#[test]
fn exit_1_on_errors_with_rustc_style_output() {
    let out = sopbook().arg("lint").arg(fixture("every-rule")).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains(
            "erro[dead-end]: o passo `parado` não leva a lugar nenhum\n  --> procedures/a/defeitos.toml:24:1\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("   = ajuda: "));
    assert!(stdout.ends_with("15 erros, 3 avisos em 3 procedimentos\n"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    std::fs::write(
        dir.path().join("procedures/p.toml"),
        "title = \"P\"\nsection = \"S\"\n[steps.fim]\nend = \"resolution\"\n",
    )
    .unwrap();
    sopbook().arg("lint").arg(dir.path()).assert().code(0);
    sopbook().arg("lint").arg("--deny-warnings").arg(dir.path()).assert().code(1);
}

#[test]
fn exit_1_never_101_on_broken_files() {
    sopbook().arg("lint").arg(fixture("bad-files")).assert().code(1);
    sopbook().args(["lint", "--format", "json"]).arg(fixture("bad-files")).assert().code(1);
    sopbook().args(["lint", "--format", "sarif"]).arg(fixture("bad-files")).assert().code(1);
}

#[test]
fn exit_2_when_it_cannot_run() {
    let out = sopbook().args(["lint", "/no/such/folder"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("/no/such/folder"));
    let empty = tempfile::tempdir().unwrap();
    let out = sopbook().arg("lint").arg(empty.path()).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("procedures/"));
    sopbook().args(["lint", "--format", "xml"]).assert().code(2);
    sopbook().args(["lint", "--no-such-flag"]).assert().code(2);
    sopbook().arg("frobnicate").assert().code(2);
}

#[test]
fn json_is_one_array_with_the_format_keys() {
    let out = sopbook().args(["lint", "--format", "json"]).arg(fixture("every-rule")).assert().code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings = value.as_array().unwrap();
    assert_eq!(findings.len(), 18);
    for finding in findings {
        let keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        let expected = ["rule", "severity", "file", "line", "column", "message"];
        assert!(keys.starts_with(&expected) || keys.iter().all(|k| expected.contains(k) || *k == "step"), "{keys:?}");
        assert!(finding["line"].as_u64().unwrap() >= 1 && finding["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_has_rules_and_results() {
    let out = sopbook().args(["lint", "--format", "sarif"]).arg(fixture("every-rule")).assert().code(1);
    let log: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), sopbook::lint::RULES.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 18);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(
            region["endColumn"].as_u64().unwrap() > region["startColumn"].as_u64().unwrap()
                || region["endLine"] != region["startLine"]
        );
    }
}

/// SARIF Multitool (run in CI by tests/browser/validate-sarif.sh) warns SARIF1001 when a rule's
/// `name` is its `id`, and a `uri` must be a URI: file names with spaces, `?`, `#` or `%` are
/// percent-encoded, and decode back to the file's path.
#[test]
fn sarif_rule_names_are_words_and_uris_are_encoded() {
    let out = sopbook().args(["lint", "--format", "sarif"]).arg(fixture("every-rule")).assert().code(1);
    let log: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        // A rule of one word has no name (SARIF1001 compares name and id ignoring case).
        let Some(name) = rule["name"].as_str() else {
            assert!(!id.contains('-'), "{id} has a name");
            continue;
        };
        assert!(!name.eq_ignore_ascii_case(id), "{name} / {id}");
        assert_eq!(name.to_lowercase(), id.replace('-', ""), "{name} is {id} in PascalCase");
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric()));
    }
    assert!(rules.iter().any(|r| r["name"] == "DeadEnd"));

    let root = tempfile::tempdir().unwrap();
    let name = "a b?#%ç[1].toml";
    std::fs::create_dir(root.path().join("procedures")).unwrap();
    std::fs::write(root.path().join("procedures").join(name), "title = \"x\"\n[steps.a]\nnext = \"nada\"\n").unwrap();
    let out = sopbook().args(["lint", "--format", "sarif"]).arg(root.path()).assert().code(1);
    let log: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, "procedures/a%20b%3F%23%25%C3%A7%5B1%5D.toml");
        let decoded = percent_encoding::percent_decode_str(uri).decode_utf8().unwrap();
        assert_eq!(decoded, format!("procedures/{name}"));
    }
    let json = sopbook().args(["lint", "--format", "json"]).arg(root.path()).assert().code(1);
    let findings: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(findings[0]["file"], format!("procedures/{name}"), "JSON keeps the path as it is");
}

/// A file name or a step ID holding an escape sequence (or a bidi override) is shown, never sent
/// to the terminal: the human report has no control character but its line breaks.
#[test]
fn the_human_report_never_sends_control_characters() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("procedures")).unwrap();
    let text = "title = \"x\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
                [steps.\"a\\u001b[31m\\u202eRED\"]\nnext = \"nada\\u001b[2J\"\n";
    std::fs::write(root.path().join("procedures/e\u{1b}[32m\u{7}.toml"), text).unwrap();
    let out = sopbook().arg("lint").arg(root.path()).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("unknown-step"), "{stdout}");
    let bad: Vec<char> = stdout.chars().filter(|c| (c.is_control() && *c != '\n') || *c == '\u{202e}').collect();
    assert!(bad.is_empty(), "{bad:?} in {stdout}");
    assert!(stdout.contains("procedures/e\u{241b}[32m\u{2407}.toml"), "{stdout}");
}

#[test]
fn rules_lists_and_explains() {
    let out = sopbook().arg("rules").assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), sopbook::lint::RULES.len());
    assert!(stdout.lines().any(|l| l.starts_with("dead-end") && l.contains(" erro ")));
    let out = sopbook().args(["rules", "no-exit"]).assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("### Como corrigir"));
    let out = sopbook().args(["rules", "dead-edn"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("você quis dizer `dead-end`?"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let out = sopbook().args(["lint", "--color", "always"]).arg(fixture("every-rule")).assert().code(1);
    assert!(out.get_output().stdout.contains(&0x1b));
}

#[test]
fn an_error_that_stops_a_command_prints_its_whole_cause_chain() {
    // The importer's error names the file and the kind of problem; the zip reader's own error is
    // its source, and it is printed too, on the same line, after a colon.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("manual.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let out = sopbook().arg("import").arg(&bad).arg("--check").current_dir(dir.path()).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let line = stderr.lines().find(|l| l.starts_with("erro: ")).unwrap_or_default();
    assert!(line.contains("manual.docx`: não é um arquivo .docx (não é um arquivo zip)"), "{stderr}");
    let (_, cause) = line.split_once("salve-o no Word como .docx: ").unwrap_or_default();
    assert!(!cause.is_empty(), "the zip reader's error follows: {stderr}");

    // A template of the theme that does not parse: the template engine's message, with the file
    // and line, follows sopbook's.
    let (_kb, root) = crate::base(&[
        ("procedures/p.toml", "title = \"P\"\nsection = \"S\"\n[steps.fim]\nend = \"resolution\"\n"),
        ("themes/default/templates/procedure.html", "{% extends \"base.html\" %}{{ oops( }}"),
    ]);
    let out = sopbook().arg("build").arg(&root).arg("--out").arg(root.join("site")).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("\nerro: erro num template do tema: "), "{stderr}");
    assert!(stderr.contains("procedure.html:1:"), "{stderr}");
    assert!(!root.join("site").exists(), "nothing was written");
}
