//! Writes a knowledge base for the benchmarks:
//!
//! - `cargo run --release --example synth -- 10000 /dev/shm/kb10k`: the synthetic one
//!   (`sopbook::synth::knowledge_base`: one small procedure, repeated with other numbers);
//! - `cargo run --release --example synth -- --realistic 10000 /dev/shm/real10k [--seed 19]`: the
//!   realistic one (`sopbook::synth::realistic`: 2–4 KB of varied Portuguese per procedure).

fn main() {
    let Some((n, dir, seed)) = sopbook::synth::corpus_args(std::env::args().skip(1)) else {
        eprintln!("usage: synth [--realistic] N FOLDER [--seed SEED]");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&dir);
    let written = match seed {
        Some(seed) => sopbook::synth::write_realistic(path, n, seed),
        None => sopbook::synth::write(path, n),
    };
    if let Err(error) = written {
        eprintln!("error: cannot write {dir}: {error}");
        std::process::exit(2);
    }
}
