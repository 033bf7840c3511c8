//! Size, not speed (speed is measured by `cargo bench`): huge procedures lint without recursion
//! or quadratic blow-up, and give the right answer.

use sopbook::lint::lint_files;

fn chain(n: usize, last: &str) -> String {
    let mut text = String::from("title = \"Longo\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n");
    for i in 0..n - 1 {
        text.push_str(&format!("[steps.s{i}]\nnext = \"s{}\"\n", i + 1));
    }
    text.push_str(&format!("[steps.s{}]\n{last}\n", n - 1));
    text
}

#[test]
fn a_20000_step_chain_is_clean() {
    let text = chain(20_000, "end = \"resolution\"");
    assert_eq!(lint_files(&[("procedures/p.toml", &text)]), vec![]);
}

#[test]
fn a_20000_step_loop_is_one_trapped_region() {
    let text = chain(20_000, "next = \"s0\"");
    let findings = lint_files(&[("procedures/p.toml", &text)]);
    assert_eq!(findings.len(), 1, "{:?}", findings.iter().map(|f| f.rule).collect::<Vec<_>>());
    assert_eq!(findings[0].rule, "no-exit");
}
