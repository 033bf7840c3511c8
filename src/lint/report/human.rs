use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::lint::{Finding, Outcome, Severity};
use crate::load::{KnowledgeBase, SourceFile};
use crate::model::Span;

pub struct HumanOptions {
    pub color: bool,
}

/// Every finding in rustc's format, each followed by a blank line.
pub fn human(kb: &KnowledgeBase, findings: &[Finding], options: &HumanOptions) -> String {
    let renderer = if options.color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for finding in findings {
        out.push_str(&renderer.render(&[group(kb, finding)]));
        out.push_str("\n\n");
    }
    out
}

fn group<'a>(kb: &'a KnowledgeBase, finding: &'a Finding) -> Group<'a> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let file = &kb.files[finding.file];
    let (snippet, local) = excerpt(file, &finding.span);
    let primary = AnnotationKind::Primary.span(local).label(finding.label.as_deref());
    let mut group = level.primary_title(finding.message.as_str()).id(finding.rule).element(snippet.annotation(primary));
    for related in &finding.related {
        let other = &kb.files[related.file];
        let (snippet, local) = excerpt(other, &related.span);
        group = group.element(snippet.annotation(AnnotationKind::Context.span(local).label(related.label.as_str())));
    }
    if let Some(help) = &finding.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}

/// Only the lines around the span, so a finding in a 20,000-line file costs one line.
fn excerpt<'a>(file: &'a SourceFile, span: &Span) -> (Snippet<'a, annotate_snippets::Annotation<'a>>, Span) {
    let (begin, lines) = file.lines_around(span);
    let start = span.start.min(file.text.len()) - begin;
    let end = span.end.clamp(span.start, file.text.len()) - begin;
    let line = file.line_col(begin).0;
    (Snippet::source(lines).line_start(line).path(file.path.as_str()), start..end)
}

/// `2 errors, 1 warning in 14 procedures`.
pub fn summary(outcome: &Outcome) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} in {}",
        plural(outcome.errors(), "error", "errors"),
        plural(outcome.warnings(), "warning", "warnings"),
        plural(outcome.procedures, "procedure", "procedures"),
    )
}
