//! `sopbook test` as a user runs it, on a knowledge base written by others with passing,
//! failing and stale scenarios.

use crate::{fixture, sopbook};

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_failing_base_exits_1_with_a_line_per_scenario_and_every_failure_explained() {
    let out = sopbook().arg("test").arg(fixture("scenarios")).assert().code(1);
    let text = stdout(&out);
    assert!(text.contains("teste rede/sem-internet :: Nenhuma porta funciona ... ok\n"), "{text}");
    assert!(text.contains("teste financeiro/boleto-vencido :: Vencido há dois meses ... FALHOU\n"), "{text}");
    insta::assert_snapshot!("scenarios_human", text);
}

#[test]
fn a_passing_selection_exits_0_and_a_missing_folder_exits_2() {
    let out = sopbook().args(["test", "--filter", "rede/"]).arg(fixture("scenarios")).assert().code(0);
    assert!(stdout(&out).ends_with("resultado: ok. 3 aprovados; 0 reprovados; 6 filtrados\n"), "{}", stdout(&out));
    let out = sopbook().args(["test", "no-such-folder"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).starts_with("erro: "));
}

#[test]
fn lint_reports_the_same_failures() {
    let out = sopbook().args(["lint", "--format", "json"]).arg(fixture("scenarios")).assert().code(1);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let failing: Vec<(&str, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "failing-scenario")
        .map(|f| (f["file"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    let a1 = "procedures/certificado/perda-do-backup-a1.toml";
    assert_eq!(failing, [(a1, 30), (a1, 35), (a1, 41), ("procedures/financeiro/boleto-vencido.toml", 36)]);
}

#[test]
fn coverage_per_procedure_and_in_total_matches_a_hand_count() {
    let out = sopbook().args(["test", "--coverage", "--format", "json"]).arg(fixture("scenarios")).assert().code(1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows: Vec<(&str, u64, u64)> = report["coverage"]["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["procedure"].as_str().unwrap(), p["branches"].as_u64().unwrap(), p["covered"].as_u64().unwrap()))
        .collect();
    // certificado: "Sim" only (the stale "Não" matches no answer); boleto: both; rede: all four.
    assert_eq!(
        rows,
        [("certificado/perda-do-backup-a1", 2, 1), ("financeiro/boleto-vencido", 2, 2), ("rede/sem-internet", 4, 4)]
    );
    assert_eq!((report["coverage"]["branches"].as_u64(), report["coverage"]["covered"].as_u64()), (Some(8), Some(7)));
    assert_eq!(report["coverage"]["percent"], 87.5);
}

#[test]
fn junit_has_a_suite_per_procedure_and_a_failure_per_failing_scenario() {
    let out = sopbook().args(["test", "--format", "junit"]).arg(fixture("scenarios")).assert().code(1);
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sopbook test\" tests=\"9\" failures=\"5\" errors=\"0\">"), "{xml}");
    assert_eq!(xml.matches("<testsuite ").count(), 3);
    assert_eq!(xml.matches("<failure ").count(), 5);
    assert!(
        xml.contains(
            "<failure message=\"a pergunta `acesso-maquina` não tem a resposta `Não`\" type=\"failing-scenario\">"
        ),
        "{xml}"
    );
}
