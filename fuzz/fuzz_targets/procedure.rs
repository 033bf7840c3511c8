//! Bytes as a procedure file, through load, lint and the human, JSON and SARIF reports.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let kb = sopbook_fuzz::knowledge_base(&[("procedures/p.toml", data)]);
    sopbook_fuzz::lint_and_report(&kb);
});
