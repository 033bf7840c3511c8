use serde::Serialize;

use super::position;
use crate::lint::Finding;
use crate::load::KnowledgeBase;

/// One finding, with exactly the keys of the FORMAT, in its order.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<&'a str>,
}

/// A JSON array with one object per finding, one object per line.
pub fn json(kb: &KnowledgeBase, findings: &[Finding]) -> String {
    let mut out = String::from("[");
    for (i, finding) in findings.iter().enumerate() {
        let (line, column) = position(kb, finding);
        let object = JsonFinding {
            rule: finding.rule.as_str(),
            severity: finding.severity.as_str(),
            file: &kb.files[finding.file].path,
            line,
            column,
            message: &finding.message,
            step: finding.step.as_deref(),
        };
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(&object).expect("a finding always serialises"));
    }
    out.push_str(if findings.is_empty() { "]\n" } else { "\n]\n" });
    out
}
