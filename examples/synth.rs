//! Writes a knowledge base for the benchmarks:
//!
//! - `cargo run --release --example synth -- 10000 /dev/shm/kb10k`: the synthetic one
//!   (`sopbook::synth::knowledge_base`: one small procedure, repeated with other numbers);
//! - `cargo run --release --example synth -- --realistic 10000 /dev/shm/real10k [--seed 19]`: the
//!   realistic one (`sopbook::synth::realistic`: 2–4 KB of varied Portuguese per procedure).

fn main() {
    let corpus = match sopbook_args() {
        Some(corpus) => corpus,
        None => {
            eprintln!("usage: synth [--realistic] N FOLDER [--seed SEED]");
            std::process::exit(2);
        }
    };
    let dir = std::path::Path::new(&corpus.dir);
    let written = match corpus.seed {
        Some(seed) => sopbook::synth::write_realistic(dir, corpus.n, seed),
        None => sopbook::synth::write(dir, corpus.n),
    };
    if let Err(error) = written {
        eprintln!("error: cannot write {}: {error}", corpus.dir);
        std::process::exit(2);
    }
}

/// What to write: `seed` is `Some` for the realistic base.
struct Corpus {
    n: usize,
    dir: String,
    seed: Option<u64>,
}

/// The seed of the realistic base when `--seed` is not given.
const SEED: u64 = 19;

fn sopbook_args() -> Option<Corpus> {
    let mut realistic = false;
    let mut seed = None;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--realistic" => realistic = true,
            "--seed" => seed = Some(args.next()?.parse().ok()?),
            _ => positional.push(arg),
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional).ok()?;
    let seed = if realistic { Some(seed.unwrap_or(SEED)) } else { None };
    Some(Corpus { n: n.parse().ok()?, dir, seed })
}
