//! `sopbook schema` (being written).

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<u8, String> {
    Err("`sopbook schema` is not available yet".into())
}
