use super::{SUCCESS, print};
use crate::i18n::{self, Arg, Language};
use crate::lint::{Level, RULES, RuleId, RuleMeta};
use crate::suggest;
use crate::t;

/// The book's chapter on the rules, which documents each one in Portuguese: in Portuguese,
/// `sopbook rules ID` prints the rule's section of it.
const BOOK_RULES: &str = include_str!("../../book/regras.md");

#[derive(clap::Args)]
pub struct Args {
    /// A rule id: print its documentation.
    id: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let Some(id) = args.id else {
        print(&listing(i18n::current()));
        return Ok(SUCCESS);
    };
    let Some(rule) = RuleId::parse(&id) else {
        let error = match suggest::closest(&id, RULES.iter().map(|r| r.as_str())) {
            Some(best) => t!("rules-unknown", id = &id, best = best),
            None => t!("rules-unknown-list", id = &id),
        };
        return Err(anyhow::anyhow!(error));
    };
    print(&doc(rule.meta(), i18n::current()));
    Ok(SUCCESS)
}

/// One line per rule: its id, its default level and its summary.
fn listing(language: Language) -> String {
    let width = RULES.iter().map(|r| r.as_str().len()).max().unwrap_or(0);
    let levels: Vec<String> = RULES.iter().map(|r| level(r.meta().default_level, language)).collect();
    let level_width = levels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (meta, level) in RULES.iter().map(|r| r.meta()).zip(&levels) {
        text.push_str(&format!("{:width$}  {level:level_width$}  {}\n", meta.id, meta.summary_in(language)));
    }
    text
}

/// The word for a level: `error`, `warning`, `allow` (erro, aviso, desligada).
fn level(level: Level, language: Language) -> String {
    let key = match level {
        Level::Error => "rules-level-error",
        Level::Warning => "rules-level-warning",
        Level::Allow => "rules-level-allow",
    };
    i18n::message_in(language, key, &[])
}

/// `sopbook rules ID`: in English the rule's doc; in Portuguese its section of the book.
fn doc(meta: &RuleMeta, language: Language) -> String {
    if language == Language::PtBr
        && let Some(section) = book_section(meta.id.as_str())
    {
        return format!("{section}\n");
    }
    let args = [("id", Arg::from(meta.id.as_str())), ("level", Arg::from(level(meta.default_level, language)))];
    let title = i18n::message_in(language, "rules-doc-title", &args);
    format!("{title}\n\n{}\n\n{}\n", meta.summary_in(language), meta.doc)
}

/// The section of `book/regras.md` on rule `id`: from its `` ## `id` `` heading to the next `## `.
fn book_section(id: &str) -> Option<&'static str> {
    let heading = format!("## `{id}`\n");
    let start = if BOOK_RULES.starts_with(&heading) { 0 } else { BOOK_RULES.find(&format!("\n{heading}"))? + 1 };
    let rest = &BOOK_RULES[start..];
    let end = rest[heading.len()..].find("\n## ").map_or(rest.len(), |e| e + heading.len());
    Some(rest[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_section_in_the_book() {
        for rule in RULES {
            let section = book_section(rule.as_str()).unwrap_or_else(|| panic!("no section for `{rule}`"));
            assert!(section.starts_with(&format!("## `{rule}`\n")), "`{rule}`");
            assert!(section.contains("**Severidade padrão:**"), "`{rule}`: {section}");
            assert!(!section[3..].contains("\n## "), "`{rule}` runs into the next section");
        }
    }

    #[test]
    fn the_doc_is_the_book_in_portuguese_and_the_rule_doc_in_english() {
        let meta = RuleId::DeadEnd.meta();
        let portuguese = doc(meta, Language::PtBr);
        assert!(portuguese.starts_with("## `dead-end`\n\n**Severidade padrão:** erro."), "{portuguese}");
        assert!(portuguese.contains("### Como corrigir") && !portuguese.contains("## `unreachable`"));
        let english = doc(meta, Language::En);
        assert!(
            english.starts_with("# dead-end (error by default)\n\na step has none of `next`, `branches`, `end`\n\n")
        );
        assert!(english.ends_with(&format!("{}\n", meta.doc)));
        // The last section of the book ends with the file.
        let last = doc(RuleId::SummaryAsInstruction.meta(), Language::PtBr);
        assert!(last.starts_with("## `summary-as-instruction`") && last.ends_with("A1.\"`.\n"), "{last}");
    }

    #[test]
    fn the_listing_names_the_levels_in_the_language() {
        let portuguese = listing(Language::PtBr);
        assert_eq!(portuguese.lines().count(), RULES.len());
        let dead_end = portuguese.lines().find(|l| l.starts_with("dead-end ")).unwrap();
        assert!(dead_end.contains("  erro       um passo sem nenhum entre"), "{dead_end}");
        assert!(portuguese.lines().any(|l| l.starts_with("untested-branch ") && l.contains("  desligada  ")));
        let english = listing(Language::En);
        let dead_end = english.lines().find(|l| l.starts_with("dead-end ")).unwrap();
        assert!(dead_end.ends_with("  error    a step has none of `next`, `branches`, `end`"), "{dead_end}");
    }

    #[test]
    fn an_unknown_rule_gets_a_suggestion() {
        let error = run(Args { id: Some("dead-ends".into()) }).unwrap_err().to_string();
        assert_eq!(error, "a regra `dead-ends` não existe: você quis dizer `dead-end`?");
    }
}
