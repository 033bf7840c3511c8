//! Times `sopbook::history::History::read` on a knowledge base in git (three runs), e.g. on
//! one written by `make_history`: `cargo run --release --example read_history -- /dev/shm/hist`.

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: read_history FOLDER");
        std::process::exit(2);
    };
    for _ in 0..3 {
        let start = std::time::Instant::now();
        match sopbook::history::History::read(std::path::Path::new(&root)) {
            Ok(Some(history)) => println!(
                "{:.0} ms: {} changes, head {}, {} dirty, {} threads",
                start.elapsed().as_secs_f64() * 1000.0,
                history.all().len(),
                &history.head()[..7],
                history.dirty().len(),
                rayon::current_num_threads(),
            ),
            Ok(None) => println!("not in a git repository with commits"),
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(2);
            }
        }
    }
}
