//! `sopbook init` (being written).

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<u8, String> {
    Err("`sopbook init` is not available yet".into())
}
