use std::path::PathBuf;

use clap::ValueEnum;

use super::{SUCCESS, print};
use crate::load::KnowledgeBase;
use crate::render::checklist;
use crate::render::lang::Strings;
use crate::render::links::LinkTable;
use crate::render::media::Media;
use crate::render::theme::Theme;
use crate::render::views::ViewBuilder;

#[derive(clap::Args)]
pub struct Args {
    /// The procedure: its slug (`certificado-digital/a1/perda-do-backup-a1`) or its breadcrumb
    /// (`"Certificado Digital > A1 > Perda do Backup A1"`).
    reference: String,
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Plain text wrapped at 80 columns (for a ticket), or Markdown (for a chat).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kb = KnowledgeBase::load(&args.root)?;
    let index = checklist::find(&kb, &args.reference)?;
    let theme = Theme::load(&kb.root, &kb.config.build.theme)?;
    // The sheet's words in the language of the command line (`--lang`), which is the base's
    // `[site] language` unless chosen otherwise.
    let t = Strings::load(&theme, crate::i18n::current())?;
    let links = LinkTable::build(&kb);
    let views = ViewBuilder {
        kb: &kb,
        links: &links,
        t: &t,
        today: crate::load::today(),
        media: &Media::default(),
        history: None,
        paper: true,
    };
    let view = views.procedure(index, Vec::new(), Vec::new());
    print(&match args.format {
        Format::Text => checklist::text(&view, &t),
        Format::Markdown => checklist::markdown(&view, &t),
    });
    Ok(SUCCESS)
}
