//! Rules declared once, as oxc's `declare_oxc_lint!`: [`declare_rule!`] in a rule's file gives
//! its id, default severity, summary and doc; [`declare_all_rules!`] in `rules/mod.rs` lists the
//! rules once and makes from that list the modules, [`RuleId`](super::RuleId) and the registry.
//! A rule cannot be half-registered, and a rule id that does not exist does not compile.

/// Declares the rule of the current file: its unit struct and its `META`. The struct's name is
/// its [`RuleId`](super::RuleId) variant; the string is the id users write (`"dead-end"`).
///
/// `found_by: loader` declares a rule whose findings are the loader's problems
/// ([`crate::load::Problem`]), which [`super::run`] reports: it checks nothing itself.
macro_rules! declare_rule {
    (
        $name:ident: $id:literal, $severity:ident,
        summary: $summary:literal,
        doc: $doc:literal,
        found_by: loader $(,)?
    ) => {
        $crate::lint::declare::declare_rule!($name: $id, $severity, summary: $summary, doc: $doc);

        impl $crate::lint::Rule for $name {}
    };
    (
        $name:ident: $id:literal, $severity:ident,
        summary: $summary:literal,
        doc: $doc:literal $(,)?
    ) => {
        #[doc = $summary]
        pub struct $name;

        pub static META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
            id: $crate::lint::RuleId::$name,
            text: $id,
            default_level: $crate::lint::Level::$severity,
            summary: $summary,
            doc: $doc,
        };
    };
}

/// The registry, from one list of `module::Rule`: the `mod` lines, the [`RuleId`](super::RuleId)
/// enum, `RULES` in the order given, and the way from an id to its rule.
macro_rules! declare_all_rules {
    ($($module:ident::$name:ident),+ $(,)?) => {
        $(mod $module;)+

        /// A rule's id. It prints as users write it (`dead-end`); see [`RuleId::as_str`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $($name),+
        }

        /// Every rule, in the order of the list.
        pub static RULES: &[RuleId] = &[$(RuleId::$name),+];

        impl RuleId {
            /// The rule's id, severity, summary and doc, from its `declare_rule!`.
            pub fn meta(self) -> &'static RuleMeta {
                match self {
                    $(RuleId::$name => &$module::META),+
                }
            }

            /// What the rule checks.
            pub(crate) fn rule(self) -> &'static dyn Rule {
                match self {
                    $(RuleId::$name => &$module::$name),+
                }
            }
        }
    };
}

pub(crate) use {declare_all_rules, declare_rule};

impl super::RuleMeta {
    /// The one-line summary in the language of the run: `<rule-id>-summary` of
    /// `locales/*/rules.ftl`. The English of `declare_rule!` (`summary`) stays the rule's doc.
    pub fn summary(&self) -> String {
        self.summary_in(crate::i18n::current())
    }

    /// The one-line summary in `language`.
    pub fn summary_in(&self, language: crate::i18n::Language) -> String {
        crate::i18n::message_in(language, &format!("{}-summary", self.id.as_str()), &[])
    }
}

/// The default file of a documented example: a procedure.
const EXAMPLE_FILE: &str = "procedures/example.toml";

/// The files of the example in the `### Example` section of a rule's doc: one fenced block a
/// file, named by a first line `# file: PATH` (or `<!-- file: PATH -->`), else [`EXAMPLE_FILE`].
/// The naming line is not part of the file.
pub fn example_files(doc: &str) -> Vec<(String, String)> {
    let Some((_, section)) = doc.split_once("### Example\n") else {
        return Vec::new();
    };
    let section = format!("\n{}", section.split("\n### ").next().unwrap_or_default());
    // Between fences, the odd pieces are the blocks: a language, then the lines.
    let blocks = section.split("\n```").skip(1).step_by(2);
    blocks.map(|block| block.split_once('\n').map_or("", |(_, body)| body)).map(example_file).collect()
}

/// The path and text of one block of an example.
fn example_file(body: &str) -> (String, String) {
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    match file_name(first) {
        Some(path) => (path.to_string(), format!("{rest}\n")),
        None => (EXAMPLE_FILE.to_string(), format!("{body}\n")),
    }
}

/// `PATH` of a line `# file: PATH` or `<!-- file: PATH -->`.
fn file_name(line: &str) -> Option<&str> {
    let line = line.trim();
    let named = line.strip_prefix("# file:").or_else(|| line.strip_prefix("<!-- file:")?.strip_suffix("-->"))?;
    Some(named.trim())
}

#[cfg(test)]
mod tests {
    use super::example_files;
    use crate::i18n::Language;
    use crate::lint::RULES;

    #[test]
    fn every_summary_is_in_the_catalogue_and_its_english_is_the_declared_one() {
        for meta in RULES.iter().map(|r| r.meta()) {
            assert_eq!(meta.summary_in(Language::En), meta.summary, "`{}-summary` in en", meta.id);
            let portuguese = meta.summary_in(Language::PtBr);
            assert!(portuguese != format!("{}-summary", meta.id) && portuguese != meta.summary, "`{}`", meta.id);
        }
        let dead_end = crate::lint::RuleId::DeadEnd.meta();
        assert_eq!(dead_end.summary(), "um passo sem nenhum entre `next`, `branches` e `end`");
    }

    #[test]
    fn one_block_is_one_procedure() {
        let doc = "### What it finds\nx\n\n### Example\n```toml\ntitle = \"A\"\n```\nwith prose.\n\n### Fix\n```toml\nno = 1\n```";
        assert_eq!(example_files(doc), [("procedures/example.toml".to_string(), "title = \"A\"\n".to_string())]);
    }

    #[test]
    fn blocks_name_their_files() {
        let doc = "### Example\n```toml\n# file: procedures/a.toml\nx = 1\n```\nand\n```svg\n<!-- file: procedures/d.svg -->\n<svg/>\n```\n";
        assert_eq!(
            example_files(doc),
            [
                ("procedures/a.toml".to_string(), "x = 1\n".to_string()),
                ("procedures/d.svg".to_string(), "<svg/>\n".to_string())
            ]
        );
    }

    #[test]
    fn no_example_section_is_no_files() {
        assert!(example_files("### Fix\n```toml\nx = 1\n```").is_empty());
    }
}
