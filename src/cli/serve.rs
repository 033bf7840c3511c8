use std::net::IpAddr;
use std::path::PathBuf;

use super::SUCCESS;

#[derive(clap::Args)]
pub struct Args {
    /// The knowledge base: the folder that holds `procedures/`.
    #[arg(default_value = ".")]
    root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 3000)]
    port: u16,
    /// The address to listen on. Only loopback by default: pass 0.0.0.0 to share the preview on
    /// the network, knowingly. Requests must name this machine (localhost or the address they
    /// reached) in their Host header; others get 421.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

impl Args {
    /// The knowledge base, whose `[site] language` the messages follow.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    crate::serve::run(crate::serve::Options { root: args.root, bind: args.bind, port: args.port, open: args.open })?;
    Ok(SUCCESS)
}
