use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::lint::{Finding, Outcome, Severity};
use crate::load::{KnowledgeBase, SourceFile};
use crate::model::Span;
use crate::t;
use crate::text::control_pictures as printable;

pub struct HumanOptions {
    pub color: bool,
}

/// Every finding in rustc's format, each followed by a blank line.
pub fn human(kb: &KnowledgeBase, findings: &[Finding], options: &HumanOptions) -> String {
    let renderer = if options.color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for finding in findings {
        let mut columns = Vec::new();
        let mut rendered = renderer.render(&[group(kb, finding, &mut columns)]);
        for (shown, right) in columns {
            rendered = rendered.replacen(&shown, &right, 1);
        }
        out.push_str(&rendered);
        out.push_str("\n\n");
    }
    out
}

/// `columns` gets the `path:line:column` the renderer will print for a cut line, and the right one.
fn group<'a>(kb: &'a KnowledgeBase, finding: &'a Finding, columns: &mut Vec<(String, String)>) -> Group<'a> {
    let message = printable(finding.message.as_str());
    let level = match finding.severity {
        Severity::Error => Level::ERROR.with_name(t!("severity-error")),
        Severity::Warning => Level::WARNING.with_name(t!("severity-warning")),
    };
    let file = &kb.files[finding.file];
    let (snippet, local) = excerpt(file, &finding.span, columns);
    let primary = AnnotationKind::Primary.span(local).label(finding.label.as_deref().map(printable));
    let mut group = level.primary_title(message).id(finding.rule.as_str()).element(snippet.annotation(primary));
    for related in &finding.related {
        let other = &kb.files[related.file];
        let (snippet, local) = excerpt(other, &related.span, columns);
        let label = printable(related.label.as_str());
        group = group.element(snippet.annotation(AnnotationKind::Context.span(local).label(label)));
    }
    if let Some(help) = &finding.help {
        group = group.element(Level::HELP.with_name(t!("label-help")).message(printable(help)));
    }
    group
}

/// Lines longer than this are cut around the span before rendering: the renderer shows only a
/// terminal's width of them anyway, and reads the whole line each time.
const LONG: usize = 8192;
/// How much of a long line is kept on each side of the span.
const AROUND: usize = 1024;

/// Only the lines around the span, so a finding in a 20,000-line file costs one line, and only a
/// part of a long line, so 100,000 findings in a 10 MB line cost 100,000 short ones.
fn excerpt<'a>(
    file: &'a SourceFile,
    span: &Span,
    columns: &mut Vec<(String, String)>,
) -> (Snippet<'a, annotate_snippets::Annotation<'a>>, Span) {
    let path = printable(&file.path);
    let (mut begin, mut lines) = file.lines_around(span);
    let start = span.start.min(file.text.len());
    let end = span.end.clamp(start, file.text.len());
    if lines.len() > LONG {
        let from = char_boundary(file, start.saturating_sub(AROUND).max(begin));
        let to = char_boundary(file, (end + AROUND).min(begin + lines.len()));
        let (line, column) = file.line_col(start);
        let shown = file.text[from..start].rfind('\n').map_or(file.text[from..start].chars().count(), |_| column - 1);
        if shown + 1 != column {
            columns.push((format!("{path}:{line}:{}", shown + 1), format!("{path}:{line}:{column}")));
        }
        (begin, lines) = (from, &file.text[from..to]);
    }
    let line = file.line_col(begin).0;
    (Snippet::source(lines).line_start(line).path(path), start - begin..end - begin)
}

/// `offset`, moved back to the start of the character it falls in.
fn char_boundary(file: &SourceFile, mut offset: usize) -> usize {
    while !file.text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `2 erros, 1 aviso em 14 procedimentos` (`2 errors, 1 warning in 14 procedures`).
pub fn summary(outcome: &Outcome) -> String {
    t!(
        "lint-summary",
        errors = t!("count-errors", count = outcome.errors()),
        warnings = t!("count-warnings", count = outcome.warnings()),
        procedures = t!("count-procedures", count = outcome.procedures),
    )
}
