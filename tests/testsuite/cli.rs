//! The binary as a user runs it: exit codes 0, 1 and 2, formats, and never a panic.

use crate::fixture;
use crate::sopbook;

#[test]
fn exit_0_on_a_clean_knowledge_base() {
    let out = sopbook().args(["lint"]).arg(fixture("clean")).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, "0 errors, 0 warnings in 3 procedures\n");
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
        stdout.contains("error[dead-end]: step `parado` leads nowhere\n  --> procedures/a/defeitos.toml:24:1\n"),
        "{stdout}"
    );
    assert!(stdout.contains("   = help: "));
    assert!(stdout.ends_with("15 errors, 3 warnings in 3 procedures\n"), "{stdout}");
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

#[test]
fn rules_lists_and_explains() {
    let out = sopbook().arg("rules").assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), sopbook::lint::RULES.len());
    assert!(stdout.lines().any(|l| l.starts_with("dead-end") && l.contains("error")));
    let out = sopbook().args(["rules", "no-exit"]).assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("### Fix"));
    let out = sopbook().args(["rules", "dead-edn"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("did you mean `dead-end`?"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let out = sopbook().args(["lint", "--color", "always"]).arg(fixture("every-rule")).assert().code(1);
    assert!(out.get_output().stdout.contains(&0x1b));
}
