use std::process::ExitCode;

// Rendering allocates many short-lived strings on every thread; mimalloc's per-thread heaps
// serve that pattern better than the system allocator (see book/desempenho.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    sopbook::cli::main()
}
