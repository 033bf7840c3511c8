use std::process::ExitCode;

fn main() -> ExitCode {
    sopbook::cli::main()
}
