use super::{SUCCESS, print};
use crate::lint::{RULES, RuleId};
use crate::suggest;

#[derive(clap::Args)]
pub struct Args {
    /// A rule id: print its documentation.
    id: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let Some(id) = args.id else {
        let width = RULES.iter().map(|r| r.as_str().len()).max().unwrap_or(0);
        let mut text = String::new();
        for meta in RULES.iter().map(|r| r.meta()) {
            text.push_str(&format!("{:width$}  {:7}  {}\n", meta.id, meta.default_level.as_str(), meta.summary));
        }
        print(&text);
        return Ok(SUCCESS);
    };
    let Some(rule) = RuleId::parse(&id) else {
        let hint = suggest::closest(&id, RULES.iter().map(|r| r.as_str()))
            .map_or(String::from("`sopbook rules` lists them all"), |b| format!("did you mean `{b}`?"));
        return Err(anyhow::anyhow!("unknown rule `{id}`: {hint}"));
    };
    let meta = rule.meta();
    print(&format!("# {} ({} by default)\n\n{}\n\n{}\n", meta.id, meta.default_level, meta.summary, meta.doc));
    Ok(SUCCESS)
}
