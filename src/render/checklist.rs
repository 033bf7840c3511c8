//! Printable checklists, after the aviation Quick Reference Handbook: a condition, numbered
//! items, decisions that send the reader to a step, and an unmistakable end of every branch.
//! The HTML pages come from the theme (`checklist.html`, `partials/checklist-body.html`); this
//! module writes the text and Markdown forms of `sopbook checklist` and finds procedures by
//! slug or breadcrumb. A step's text that holds a list or a table keeps its layout there: nested
//! items indented, a table as aligned columns (or, too wide for the line, one `Campo: valor` line
//! a cell) in text, and as a table in Markdown.

use super::error::Error;
use super::lang::Strings;
use super::markdown::PaperBlock;
use super::views::{FieldView, ProcedureView, StepView, TargetView};
use crate::load::KnowledgeBase;
use crate::model::{Breadcrumb, StepKind};
use crate::suggest;
use crate::t;
use crate::text::escape_markdown_all;

/// Width of the text form, for pasting into a ticket.
pub const WIDTH: usize = 80;

/// The procedure named by `reference`: a slug (`certificado-digital/a1/perda-do-backup-a1`, with
/// or without `.toml`) or a breadcrumb. On a miss, the message says what was meant.
pub fn find(kb: &KnowledgeBase, reference: &str) -> Result<usize, Error> {
    let slug = reference.trim().trim_start_matches("procedures/").trim_end_matches(".toml");
    if let Some(i) = kb.procedures.iter().position(|p| p.slug == slug) {
        return Ok(i);
    }
    // A file name alone is enough when only one procedure has it.
    let by_name: Vec<usize> =
        (0..kb.procedures.len()).filter(|&i| kb.procedures[i].slug.rsplit('/').next() == Some(slug)).collect();
    if let [only] = by_name[..] {
        return Ok(only);
    }
    let crumb = Breadcrumb::parse(reference);
    if let Some(i) = kb.procedures.iter().position(|p| p.breadcrumb().as_ref() == Some(&crumb)) {
        return Ok(i);
    }
    let crumbs: Vec<String> = kb.procedures.iter().filter_map(|p| p.breadcrumb()).map(|b| b.to_string()).collect();
    let suggestion = if reference.contains('>') {
        suggest::closest_breadcrumb(crumb.as_str(), crumbs.iter().map(String::as_str)).map(String::from)
    } else {
        let name = slug.rsplit('/').next().unwrap_or(slug);
        let names = kb.procedures.iter().map(|p| p.slug.rsplit('/').next().unwrap_or(&p.slug));
        suggest::closest(name, names)
            .and_then(|best| kb.procedures.iter().find(|p| p.slug.ends_with(best)))
            .map(|p| p.slug.clone())
    };
    Err(Error::Refused(match suggestion {
        Some(best) => t!("render-no-procedure-suggest", reference = reference, best = best),
        None => t!("render-no-procedure", reference = reference),
    }))
}

/// Where a step sends the reader: "-> passo N", also when it is simply the next item, so that
/// every action says where to go; "<- volte ao passo N" for a loop back.
fn goto(t: &Strings, target: &TargetView) -> String {
    let key = if target.back { "text_back_to" } else { "text_go_to" };
    t.fill(key, &[("n", &target.number.to_string())])
}

/// A resolution's words, the site's (`resolution_label`).
fn resolved(t: &Strings) -> String {
    t.get("resolution_label").to_string()
}

/// An escalation's words, the site's: "Escalonar para X — retorno em até 24 horas".
fn escalated(t: &Strings, step: &StepView) -> String {
    let to = t.fill("escalate_to", &[("to", &step.to)]);
    if step.sla_text.is_empty() {
        to
    } else {
        format!("{to} — {}", t.fill("sla_promise", &[("sla", &step.sla_text)]))
    }
}

/// Typographic characters a plain-text ticket may mangle, replaced by ASCII; letters (accents
/// included) stay as they are.
pub fn ticket_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '—' | '–' => out.push('-'),
            '“' | '”' | '«' | '»' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '…' => out.push_str("..."),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            '\u{a0}' => out.push(' '),
            c if c.is_control() && c != '\n' => {}
            // Direction overrides and zero-width characters would scramble a ticket.
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The checklist as text: wrapped at 80 columns, ticket-safe characters only.
pub fn text(view: &ProcedureView, t: &Strings) -> String {
    let mut out = Vec::new();
    let rule = "=".repeat(WIDTH);
    out.push(view.title.to_uppercase());
    out.push(view.breadcrumb.clone());
    if !view.summary_paper.is_empty() {
        wrap_into(&mut out, &format!("{}: {}", t.get("checklist_condition"), view.summary_paper), "", "");
    }
    if let Some(line) = overdue_line(view, t) {
        wrap_into(&mut out, &format!("!! {line}"), "", "   ");
    }
    wrap_into(&mut out, &header_line(view, t), "", "");
    out.push(rule.clone());
    for step in &view.steps {
        out.push(String::new());
        text_item(&mut out, step, t);
    }
    out.push(String::new());
    out.push(rule);
    wrap_into(&mut out, &format!("{} | {}", view.slug, header_line(view, t)), "", "");
    let mut text = ticket_safe(&out.join("\n"));
    text.push('\n');
    text
}

fn header_line(view: &ProcedureView, t: &Strings) -> String {
    let owner = view.owner.clone().unwrap_or_else(|| t.get("no_owner").to_string());
    let revision = view.updated.as_ref().map_or_else(|| t.get("no_date").to_string(), |d| d.text.clone());
    let mut line = format!("{}: {owner} | {}: {revision}", t.get("owner"), t.get("checklist_revision"));
    if let Some(next) = &view.next_review {
        line.push_str(&format!(" | {}: {}", t.get("checklist_next_review"), next.text));
    }
    line.push_str(&format!(" | {}: {}", t.get("checklist_version"), view.version));
    line
}

/// "REVISÃO VENCIDA em …" when the review of `view` is overdue.
fn overdue_line(view: &ProcedureView, t: &Strings) -> Option<String> {
    let next = view.next_review.as_ref().filter(|_| view.overdue)?;
    Some(t.fill("checklist_overdue", &[("date", &next.text)]))
}

fn text_item(out: &mut Vec<String>, step: &StepView, t: &Strings) {
    // A decision is ticked at the answer taken (choose one), not as a step.
    let head = if step.kind == StepKind::Decision {
        format!("    {}. ", step.number)
    } else {
        format!("[ ] {}. ", step.number)
    };
    let indent = " ".repeat(head.len());
    let (heading, body) = heading_and_body(step, t);
    wrap_into(out, &heading, &head, &indent);
    match body {
        Body::Line(body) if !body.is_empty() => wrap_into(out, body, &indent, &indent),
        Body::Line(_) => {}
        Body::Blocks(blocks) => text_blocks(out, blocks, &indent),
    }
    if !step.note_paper.is_empty() {
        wrap_into(out, &format!("{}: {}", t.get("text_note"), step.note_paper), &indent, &indent);
    }
    if !step.warning_paper.is_empty() {
        wrap_into(out, &format!("!! {}: {}", t.get("text_warning"), step.warning_paper), &indent, &indent);
    }
    if !step.see.is_empty() {
        let see: Vec<String> = step.see.iter().map(paper_link).collect();
        wrap_into(out, &format!("{}: {}", t.get("text_see"), see.join("; ")), &indent, &indent);
    }
    match step.kind {
        StepKind::Action => {
            if let Some(next) = &step.next {
                out.push(format!("{indent}{}", goto(t, next)));
            }
        }
        StepKind::Decision => {
            for branch in &step.branches {
                let target = branch.target.as_ref().map(|n| goto(t, n)).unwrap_or_default();
                wrap_into(out, &format!("( ) {} {target}", branch.when), &indent, &format!("{indent}    "));
            }
        }
        StepKind::Resolution => out.push(format!("{indent}*** {} ***", resolved(t))),
        StepKind::Escalation => {
            wrap_into(out, &format!("*** {} ***", escalated(t, step)), &indent, &indent);
            if let Some(via) = &step.via {
                wrap_into(out, &format!("{}: {}", t.get("checklist_via"), paper_link(via)), &indent, &indent);
            }
            if !step.fields.is_empty() {
                out.push(format!("{indent}{}:", t.get("checklist_fields")));
                for field in &step.fields {
                    let label = format!("{indent}  {}: ", field_label(t, field));
                    let blank = WIDTH.saturating_sub(textwrap::core::display_width(&label)).max(10);
                    out.push(format!("{label}{}", "_".repeat(blank)));
                }
            }
        }
        _ => out.push(format!("{indent}!! {}", t.get("checklist_incomplete"))),
    }
}

/// What follows an item's first line: its text on one line, or block by block when it holds a
/// list or a table.
enum Body<'a> {
    Line(&'a str),
    Blocks(&'a [PaperBlock]),
}

/// An item's first line (its title, or else its text in full, or its first paragraph when the
/// text holds a list or a table) and what follows it.
fn heading_and_body<'a>(step: &'a StepView, t: &Strings) -> (String, Body<'a>) {
    let laid_out = step.text_blocks.iter().any(|b| !matches!(b, PaperBlock::Paragraph(_)));
    let (heading, body) = match (step.title.is_empty(), step.text_paper.is_empty()) {
        (false, _) if laid_out => (step.title.clone(), Body::Blocks(&step.text_blocks)),
        (false, _) => (step.title.clone(), Body::Line(&step.text_paper)),
        (true, false) if laid_out => match step.text_blocks.split_first() {
            Some((PaperBlock::Paragraph(first), rest)) => (first.clone(), Body::Blocks(rest)),
            _ => (t.get(&format!("kind_{}", step.kind.name())).to_string(), Body::Blocks(&step.text_blocks)),
        },
        (true, false) => (step.text_paper.clone(), Body::Line("")),
        (true, true) => (t.get(&format!("kind_{}", step.kind.name())).to_string(), Body::Line("")),
    };
    match step.kind {
        StepKind::Decision => (format!("{}: {heading}", t.get("text_decision")), body),
        _ => (heading, body),
    }
}

/// A text's blocks in the text form: paragraphs wrapped, items indented by their depth under
/// their marker, tables laid out by [`text_table`].
fn text_blocks(out: &mut Vec<String>, blocks: &[PaperBlock], indent: &str) {
    for block in blocks {
        match block {
            PaperBlock::Paragraph(text) => wrap_into(out, text, indent, indent),
            PaperBlock::Item { depth, marker, text } => {
                let pad = format!("{indent}{}", "  ".repeat(*depth));
                let hang = format!("{pad}{}", " ".repeat(marker.len() + 1));
                wrap_into(out, text, &format!("{pad}{marker} "), &hang);
            }
            PaperBlock::Table(rows) => text_table(out, rows, indent),
        }
    }
}

/// A table in the text form: aligned columns under a dashed line when it fits the width, else
/// each row as `Header: value` lines, one a cell, the first after a `- `.
fn text_table(out: &mut Vec<String>, rows: &[Vec<String>], indent: &str) {
    let width = |s: &str| textwrap::core::display_width(s);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (k, cell) in row.iter().enumerate() {
            widths[k] = widths[k].max(width(cell));
        }
    }
    let total = width(indent) + widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
    if total <= WIDTH {
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = (0..columns)
                .map(|k| {
                    let cell = row.get(k).map_or("", String::as_str);
                    format!("{cell}{}", " ".repeat(widths[k] - width(cell)))
                })
                .collect();
            out.push(format!("{indent}{}", cells.join("  ")).trim_end().to_string());
            if i == 0 && rows.len() > 1 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat((*w).max(1))).collect();
                out.push(format!("{indent}{}", rule.join("  ")));
            }
        }
        return;
    }
    let (header, rows) = match rows.split_first() {
        Some((header, rest)) if !rest.is_empty() => (header.as_slice(), rest),
        _ => (&[][..], rows),
    };
    let hang = format!("{indent}  ");
    for row in rows {
        for (k, cell) in row.iter().enumerate() {
            let line = match header.get(k).filter(|h| !h.is_empty()) {
                Some(name) => format!("{name}: {cell}"),
                None => cell.clone(),
            };
            let first = if k == 0 { format!("{indent}- ") } else { hang.clone() };
            wrap_into(out, &line, &first, &hang);
        }
    }
}

/// A text's blocks in the Markdown form: items nested under their parent's text, tables as
/// tables, everything else escaped as text.
fn markdown_blocks(blocks: &[PaperBlock]) -> String {
    let mut out = String::new();
    // For each open level of the list being written, where its items' text starts.
    let mut columns: Vec<usize> = Vec::new();
    let mut last_was_item = false;
    for block in blocks {
        let item = matches!(block, PaperBlock::Item { .. });
        if !out.is_empty() {
            out.push_str(if item && last_was_item { "\n" } else { "\n\n" });
        }
        if !item {
            columns.clear();
        }
        last_was_item = item;
        match block {
            PaperBlock::Paragraph(text) => out.push_str(&escape_markdown_all(text)),
            PaperBlock::Item { depth, marker, text } => {
                columns.truncate((*depth).min(columns.len()));
                let indent = columns.last().copied().unwrap_or(0);
                out.push_str(&format!("{}{marker} {}", " ".repeat(indent), escape_markdown_all(text)));
                columns.push(indent + marker.len() + 1);
            }
            PaperBlock::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
                let lines: Vec<String> = rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<String> =
                            (0..columns).map(|k| escape_markdown_all(row.get(k).map_or("", String::as_str))).collect();
                        format!("| {} |", cells.join(" | "))
                    })
                    .collect();
                let rule = format!("|{}", " --- |".repeat(columns));
                let (header, rest) = lines.split_first().map_or((String::new(), &[][..]), |(h, r)| (h.clone(), r));
                out.push_str(&header);
                out.push('\n');
                out.push_str(&rule);
                for line in rest {
                    out.push('\n');
                    out.push_str(line);
                }
            }
        }
    }
    out
}

/// A field's name, with "(optional)" when the ticket can go without it.
fn field_label(t: &Strings, field: &FieldView) -> String {
    if field.required { field.name.clone() } else { format!("{} {}", field.name, t.get("field_optional")) }
}

fn paper_link(link: &super::links::Link) -> String {
    match (link.kind, &link.url) {
        (super::links::LinkKind::External, Some(url)) => format!("{} ({url})", link.text),
        _ => link.text.clone(),
    }
}

fn wrap_into(out: &mut Vec<String>, text: &str, first: &str, rest: &str) {
    let options = textwrap::Options::new(WIDTH).initial_indent(first).subsequent_indent(rest).break_words(true);
    out.extend(textwrap::wrap(text, options).into_iter().map(|l| l.trim_end().to_string()));
}

/// The checklist as Markdown (for a chat or a ticket that renders it).
pub fn markdown(view: &ProcedureView, t: &Strings) -> String {
    let mut out = Vec::new();
    out.push(format!("# {}", escape_markdown_all(&view.title)));
    out.push(String::new());
    out.push(format!("*{}*", escape_markdown_all(&view.breadcrumb)));
    out.push(String::new());
    if !view.summary_paper.is_empty() {
        out.push(format!("**{}:** {}", t.get("checklist_condition"), escape_markdown_all(&view.summary_paper)));
        out.push(String::new());
    }
    if let Some(line) = overdue_line(view, t) {
        out.push(format!("> **{}**", escape_markdown_all(&line)));
        out.push(String::new());
    }
    out.push(escape_markdown_all(&header_line(view, t)));
    out.push(String::new());
    for step in &view.steps {
        let (heading, body) = heading_and_body(step, t);
        let tick = if step.kind == StepKind::Decision { "" } else { "[ ] " };
        out.push(format!("- {tick}**{}.** {}", step.number, escape_markdown_all(&heading)));
        // Each detail is a paragraph (or a nested list) of the item: a blank line, two spaces.
        let mut detail = |line: String| {
            out.push(String::new());
            out.push(format!("  {line}"));
        };
        match body {
            Body::Line(body) if !body.is_empty() => detail(escape_markdown_all(body)),
            Body::Line(_) => {}
            Body::Blocks(blocks) if !blocks.is_empty() => {
                let lines: Vec<String> = markdown_blocks(blocks)
                    .lines()
                    .map(|line| if line.is_empty() { String::new() } else { format!("  {line}") })
                    .collect();
                detail(lines.join("\n").trim_start().to_string());
            }
            Body::Blocks(_) => {}
        }
        if !step.note_paper.is_empty() {
            detail(format!("> {}: {}", t.get("text_note"), escape_markdown_all(&step.note_paper)));
        }
        if !step.warning_paper.is_empty() {
            detail(format!("> **{}:** {}", t.get("text_warning"), escape_markdown_all(&step.warning_paper)));
        }
        match step.kind {
            StepKind::Action => {
                if let Some(next) = &step.next {
                    detail(goto(t, next));
                }
            }
            StepKind::Decision => {
                let answers: Vec<String> = step
                    .branches
                    .iter()
                    .map(|branch| {
                        let target = branch.target.as_ref().map(|n| goto(t, n)).unwrap_or_default();
                        format!("- [ ] {} {target}", escape_markdown_all(&branch.when))
                    })
                    .collect();
                detail(answers.join("\n  "));
            }
            StepKind::Resolution => detail(format!("**{}**", escape_markdown_all(&resolved(t)))),
            StepKind::Escalation => {
                detail(format!("**{}**", escape_markdown_all(&escalated(t, step))));
                if let Some(via) = &step.via {
                    detail(format!("{}: {}", t.get("checklist_via"), escape_markdown_all(&paper_link(via))));
                }
                if !step.fields.is_empty() {
                    let fields: Vec<String> = step
                        .fields
                        .iter()
                        .map(|f| format!("- {}: ____________", escape_markdown_all(&field_label(t, f))))
                        .collect();
                    detail(format!("{}:\n\n  {}", t.get("checklist_fields"), fields.join("\n  ")));
                }
            }
            _ => detail(format!("**{}**", t.get("checklist_incomplete"))),
        }
    }
    out.push(String::new());
    ticket_safe(&out.join("\n")) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn tables_are_aligned_or_one_line_a_cell_when_too_wide() {
        let mut out = Vec::new();
        text_table(
            &mut out,
            &[row(&["Campo", "Exemplo"]), row(&["CNPJ", "00.000.000/0001-00"]), row(&["Razão social"])],
            "   ",
        );
        assert_eq!(
            out,
            [
                "   Campo         Exemplo",
                "   ------------  ------------------",
                "   CNPJ          00.000.000/0001-00",
                "   Razão social",
            ]
        );
        let long = "uma descrição longa do que preencher ".repeat(2);
        let mut out = Vec::new();
        text_table(
            &mut out,
            &[row(&["Campo", "Como preencher"]), row(&["CNPJ", &long]), row(&["Nome", "", "extra"])],
            "  ",
        );
        assert_eq!(
            out,
            [
                "  - Campo: CNPJ",
                "    Como preencher: uma descrição longa do que preencher uma descrição longa do",
                "    que preencher",
                "  - Campo: Nome",
                "    Como preencher:",
                "    extra",
            ]
        );
    }

    #[test]
    fn markdown_keeps_tables_as_tables_and_nests_items_under_their_text() {
        let item = |depth: usize, marker: &str, text: &str| PaperBlock::Item {
            depth,
            marker: marker.into(),
            text: text.into(),
        };
        let blocks = [
            PaperBlock::Paragraph("Siga:".into()),
            item(0, "10.", "Dez"),
            item(1, "-", "a *b*"),
            item(3, "-", "fundo"),
            PaperBlock::Table(vec![row(&["Campo", "Exemplo"]), row(&["A|B", "<b>"])]),
        ];
        assert_eq!(
            markdown_blocks(&blocks),
            "Siga:\n\n10. Dez\n    - a \\*b\\*\n      - fundo\n\n| Campo | Exemplo |\n| --- | --- |\n| A\\|B | \\<b\\> |"
        );
    }

    #[test]
    fn ticket_safe_keeps_letters_and_drops_typography() {
        assert_eq!(ticket_safe("Não — “sim” → passo 2…\u{202e}x"), "Não - \"sim\" -> passo 2...x");
    }
}
