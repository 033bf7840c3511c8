//! `sopbook schema [procedure|config|manuals]`: the JSON Schema of a file editors write, for
//! completion and checking in the editor (Taplo / "Even Better TOML").

use super::{SUCCESS, print};
use crate::schema::{self, Kind};

#[derive(clap::Args)]
pub struct Args {
    /// Which file the schema describes: `procedure` (a procedure file,
    /// procedures/**/*.toml), `config` (sopbook.toml) or `manuals` (manuals.toml).
    #[arg(value_enum, default_value_t = Which::Procedure)]
    which: Which,
}

#[derive(Clone, Copy, clap::ValueEnum)]
// The values are described in the help of `which`: per-value help cannot be translated.
enum Which {
    // A procedure file (procedures/**/*.toml).
    Procedure,
    // sopbook.toml.
    Config,
    // manuals.toml.
    Manuals,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let kind = match args.which {
        Which::Procedure => Kind::Procedure,
        Which::Config => Kind::Config,
        Which::Manuals => Kind::Manuals,
    };
    print(&schema::to_json(&schema::schema(kind)));
    Ok(SUCCESS)
}
