//! `sopbook import` (being written).

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<u8, String> {
    Err("`sopbook import` is not available yet".into())
}
