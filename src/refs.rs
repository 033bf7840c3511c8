//! Where a knowledge base names its manuals and procedures: every `[[…]]` in a procedure's
//! `summary` and in the `title`, `text`, `note` and `warning` of its steps, and every `see` and
//! `via` entry. `sopbook refs` lists them before a rename, and the manuals nobody names.

use toml::Spanned;

use crate::lint::spans_within;
use crate::load::{KnowledgeBase, Target};
use crate::model::{Breadcrumb, Reference, Span, references};

/// One place that names a breadcrumb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Index into `kb.procedures` of the procedure the reference is written in.
    pub procedure: usize,
    /// Index into `kb.files`.
    pub file: usize,
    /// The reference in the file: the `[[…]]`, or the quoted `see`/`via` entry (the whole value
    /// when escapes in the TOML string make the exact place ambiguous).
    pub span: Span,
    /// The step it is written in; `None` for the procedure's `summary`.
    pub step: Option<String>,
    /// `summary`, `title`, `text`, `note`, `warning`, `see` or `via`.
    pub field: &'static str,
    /// The breadcrumb named.
    pub target: Breadcrumb,
    /// The reference as written: `[[A > B#passo|aqui]]`, or the `see`/`via` entry.
    pub written: String,
}

/// Every reference to a breadcrumb in the knowledge base, in file order. `[[#step]]` (a step of
/// the same procedure) names no breadcrumb and is left out.
pub fn occurrences(kb: &KnowledgeBase) -> Vec<Occurrence> {
    let mut found = Vec::new();
    for (index, procedure) in kb.procedures.iter().enumerate() {
        let mut add = |value: &Spanned<String>, step: Option<&str>, field: &'static str, markdown: bool| {
            let file = &kb.files[procedure.file];
            let text = value.get_ref();
            let mut push = |reference: Reference, span: Span, written: &str| {
                if let Some(target) = reference.target {
                    found.push(Occurrence {
                        procedure: index,
                        file: procedure.file,
                        span,
                        step: step.map(str::to_string),
                        field,
                        target,
                        written: written.to_string(),
                    });
                }
            };
            if markdown {
                // Every reference of the text located in one pass (a 10 MB line with thousands
                // of references after an escape would otherwise be read once per reference).
                let found = references(text);
                let pieces: Vec<Span> = found.iter().map(|r| r.range.clone()).collect();
                let spans = spans_within(file, &value.span(), text, &pieces);
                for (reference, span) in found.into_iter().zip(spans) {
                    let written = &text[reference.range.clone()];
                    push(reference.clone(), span, written);
                }
            } else {
                push(Reference::parse_inner(text, 0..text.len()), value.span(), text);
            }
        };
        if let Some(summary) = &procedure.summary {
            add(summary, None, "summary", true);
        }
        for step in &procedure.steps {
            let id = Some(step.id.get_ref().as_str());
            for (field, value) in
                [("title", &step.title), ("text", &step.text), ("note", &step.note), ("warning", &step.warning)]
            {
                if let Some(value) = value {
                    add(value, id, field, true);
                }
            }
            for entry in &step.see {
                add(entry, id, "see", false);
            }
            if let Some(via) = &step.via {
                add(via, id, "via", false);
            }
        }
    }
    found.sort_by_key(|o| (o.file, o.span.start));
    found
}

/// Every place that names `crumb` (compared as breadcrumbs: the white space around `>` does not
/// matter), including a procedure's references to itself.
pub fn find(kb: &KnowledgeBase, crumb: &Breadcrumb) -> Vec<Occurrence> {
    occurrences(kb).into_iter().filter(|o| &o.target == crumb).collect()
}

/// A manual or procedure that nothing names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    pub kind: UnusedKind,
    /// Its breadcrumb; a procedure without one (no `title` or `section`) shows its slug.
    pub name: String,
    /// Index into `kb.files` of where it is defined.
    pub file: usize,
    /// The manual's `path` value, or the procedure's `title` (the start of the file without one).
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnusedKind {
    Manual,
    Procedure,
}

impl UnusedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnusedKind::Manual => "manual",
            UnusedKind::Procedure => "procedure",
        }
    }
}

/// The manuals of `manuals.toml` and the procedures that no reference resolves to, manuals
/// first, each in file order. A procedure's references to itself do not count, and neither does
/// a reference that resolves elsewhere (a manual shadowed by a procedure with its breadcrumb, or
/// the second of two procedures that share one, is unused).
pub fn unused(kb: &KnowledgeBase) -> Vec<Unused> {
    let mut manual_used = vec![false; kb.manuals.len()];
    let mut procedure_used = vec![false; kb.procedures.len()];
    for occurrence in occurrences(kb) {
        match kb.index.resolve(&occurrence.target) {
            Some(Target::Manual(m)) => manual_used[m] = true,
            Some(Target::Procedure(p)) if p != occurrence.procedure => procedure_used[p] = true,
            _ => {}
        }
    }
    let manuals_file = kb.files.iter().position(|f| f.path == "manuals.toml");
    let mut out = Vec::new();
    if let Some(file) = manuals_file {
        for (manual, _) in kb.manuals.iter().zip(&manual_used).filter(|(_, used)| !**used) {
            out.push(Unused {
                kind: UnusedKind::Manual,
                name: Breadcrumb::parse(manual.path.get_ref()).to_string(),
                file,
                span: manual.path.span(),
            });
        }
    }
    for (procedure, _) in kb.procedures.iter().zip(&procedure_used).filter(|(_, used)| !**used) {
        out.push(Unused {
            kind: UnusedKind::Procedure,
            name: procedure.breadcrumb().map_or_else(|| procedure.slug.clone(), |b| b.to_string()),
            file: procedure.file,
            span: procedure.title.as_ref().map_or(0..0, |t| t.span()),
        });
    }
    out.sort_by_key(|u| (u.file, u.span.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEBUG: &str =
        "title = \"Debug\"\nsection = \"A\"\n[steps.um]\ntext = \"[[#um]] e [[A>Debug#um]]\"\nend = \"resolution\"\n";

    fn kb(files: &[(&str, &str)]) -> KnowledgeBase {
        KnowledgeBase::from_memory(files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect())
    }

    #[test]
    fn finds_every_field_with_its_place() {
        let p = "title = \"P\"\nsection = \"A\"\nsummary = \"Ver [[A > Debug]].\"\n[steps.x]\n\
                 title = \"[[ A>Debug |t]]\"\nnote = \"x\\\"y [[A > Debug#um]]\"\nsee = [\"A >Debug\"]\n\
                 end = \"escalation\"\nvia = \"A > Debug\"\n";
        let kb = kb(&[("procedures/d.toml", DEBUG), ("procedures/p.toml", p)]);
        let found = find(&kb, &Breadcrumb::parse("A>Debug"));
        let fields: Vec<_> = found.iter().map(|o| (o.field, kb.files[o.file].path.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("text", "procedures/d.toml"),
                ("summary", "procedures/p.toml"),
                ("title", "procedures/p.toml"),
                ("note", "procedures/p.toml"),
                ("see", "procedures/p.toml"),
                ("via", "procedures/p.toml")
            ]
        );
        let file = &kb.files[found[3].file];
        assert_eq!(&file.text[found[3].span.clone()], "[[A > Debug#um]]");
        assert_eq!(&file.text[found[4].span.clone()], "\"A >Debug\"");
        assert_eq!(found[1].step, None);
        assert_eq!(found[2].step.as_deref(), Some("x"));
    }

    #[test]
    fn references_in_code_and_escaped_ones_are_not_listed() {
        let p = "title = \"P\"\nsection = \"A\"\n[steps.x]\ntext = \"`[[A > Debug]]` \\\\[[A > Debug]] [[A > Debug|sim]]\"\n\
                 note = '''\n```\n[[A > Debug]]\n```\n'''\nend = \"resolution\"\n";
        let kb = kb(&[("procedures/d.toml", DEBUG), ("procedures/p.toml", p)]);
        let found: Vec<_> = find(&kb, &Breadcrumb::parse("A > Debug"))
            .into_iter()
            .filter(|o| kb.files[o.file].path == "procedures/p.toml")
            .map(|o| o.written)
            .collect();
        assert_eq!(found, ["[[A > Debug|sim]]"]);
    }

    #[test]
    fn self_references_do_not_make_a_procedure_used() {
        let manuals = "[[manual]]\npath = \"Q > Usado\"\n[[manual]]\npath = \"Q>Livre\"\n";
        let p = "title = \"P\"\nsection = \"A\"\n[steps.x]\ntext = \"[[Q > Usado]]\"\nnext = \"y\"\n\
                 [steps.y]\nend = \"resolution\"\n";
        let kb = kb(&[("manuals.toml", manuals), ("procedures/d.toml", DEBUG), ("procedures/p.toml", p)]);
        let names: Vec<_> = unused(&kb).into_iter().map(|u| (u.kind, u.name)).collect();
        assert_eq!(
            names,
            [
                (UnusedKind::Manual, "Q > Livre".to_string()),
                (UnusedKind::Procedure, "A > Debug".to_string()),
                (UnusedKind::Procedure, "A > P".to_string())
            ]
        );
    }
}
