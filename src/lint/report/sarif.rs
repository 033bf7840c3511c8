use serde_json::{Value, json};

use super::position;
use crate::lint::{Finding, RULES, Severity};
use crate::load::KnowledgeBase;

/// A SARIF 2.1.0 log, as GitHub code scanning accepts it: one run, the rules with their metadata,
/// one result per finding with a region in a file relative to the repository root.
pub fn sarif(kb: &KnowledgeBase, findings: &[Finding]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| r.meta())
        .map(|meta| {
            json!({
                "id": meta.id,
                "name": meta.id,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": meta.doc, "markdown": meta.doc },
                "defaultConfiguration": { "level": level(meta.default_severity) },
                "properties": { "tags": ["sopbook"] },
            })
        })
        .collect();
    let results: Vec<Value> = findings.iter().map(|f| result(kb, f)).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sopbook",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/sopbook/sopbook",
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": "file:///" } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("a SARIF log always serialises");
    out.push('\n');
    out
}

fn result(kb: &KnowledgeBase, finding: &Finding) -> Value {
    let file = &kb.files[finding.file];
    let (line, column) = position(kb, finding);
    let (end_line, end_column) = file.line_col(finding.span.end.max(finding.span.start));
    let rule_index = RULES.iter().position(|r| r.meta().id == finding.rule).unwrap_or(0);
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": file.path, "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column.max(column + usize::from(end_line == line && end_column == column)),
            },
        }}],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
