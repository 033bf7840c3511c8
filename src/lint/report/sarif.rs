use percent_encoding::{AsciiSet, utf8_percent_encode};
use serde_json::{Value, json};

use super::position;
use crate::lint::{Finding, Level, RULES, Severity};
use crate::load::KnowledgeBase;
use crate::t;

/// A SARIF 2.1.0 log, as GitHub code scanning accepts it: one run, the rules with their metadata,
/// one result per finding with a region in a file relative to the repository root.
pub fn sarif(kb: &KnowledgeBase, findings: &[Finding]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| r.meta())
        .map(|meta| {
            let mut rule = json!({
                "id": meta.id.as_str(),
                "shortDescription": { "text": meta.summary() },
                "fullDescription": { "text": meta.summary() },
                "help": { "text": meta.doc, "markdown": meta.doc },
                "defaultConfiguration": default_configuration(meta.default_level),
                "properties": { "tags": ["sopbook"] },
            });
            if let Some(name) = human_name(meta.id.as_str()) {
                rule["name"] = json!(name);
            }
            rule
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
    let rule_index = RULES.iter().position(|&r| r == finding.rule).unwrap_or(0);
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str(&format!("\n{}: {help}", t!("label-help")));
    }
    json!({
        "ruleId": finding.rule.as_str(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.path), "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column.max(column + usize::from(end_line == line && end_column == column)),
            },
        }}],
    })
}

/// A rule's name for people, in PascalCase as SARIF's own rules are named: `dead-end` →
/// `DeadEnd`. SARIF wants it different from the id even ignoring case (SARIF Multitool's
/// SARIF1001 compares them so), so a rule of one word (`schema`) has none: SARIF then shows the id.
fn human_name(id: &str) -> Option<String> {
    let name: String = id
        .split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
        })
        .collect();
    (!name.eq_ignore_ascii_case(id)).then_some(name)
}

/// What a path of a relative URI cannot hold as it is (RFC 3986): what a page's path escapes,
/// and `:` too (in the first segment it would read as a scheme).
const URI_PATH: &AsciiSet = &crate::safe_url::PATH_IN_URL.add(b':');

/// A file's path relative to the knowledge base as a relative URI: each part percent-encoded,
/// the `/` between them kept.
fn uri(path: &str) -> String {
    utf8_percent_encode(path, URI_PATH).to_string()
}

/// SARIF's `reportingConfiguration`: a rule allowed by default is off (`enabled: false`), with
/// the level it has when turned on.
fn default_configuration(level: Level) -> Value {
    match level.severity() {
        Some(severity) => json!({ "level": self::level(severity) }),
        None => json!({ "level": "warning", "enabled": false }),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(human_name("dead-end").as_deref(), Some("DeadEnd"));
        assert_eq!(human_name("toml-syntax").as_deref(), Some("TomlSyntax"));
        assert_eq!(human_name("schema"), None);
        assert_eq!(uri("procedures/certificado-digital/a1.toml"), "procedures/certificado-digital/a1.toml");
        assert_eq!(uri("procedures/a b/c?d#e%f:g.toml"), "procedures/a%20b/c%3Fd%23e%25f%3Ag.toml");
        assert_eq!(uri("procedures/emissão\tx.toml"), "procedures/emiss%C3%A3o%09x.toml");
    }
}
