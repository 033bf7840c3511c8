//! Writes the synthetic knowledge base used by the benchmarks:
//! `cargo run --release --example synth -- 10000 /dev/shm/kb10k`.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse().ok()), args.next()) else {
        eprintln!("usage: synth N FOLDER");
        std::process::exit(2);
    };
    if let Err(error) = sopbook::synth::write(std::path::Path::new(&dir), n) {
        eprintln!("error: cannot write {dir}: {error}");
        std::process::exit(2);
    }
}
