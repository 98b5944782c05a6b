//! The `lomonitor` binary: see the crate's library for the commands.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(lomonitor_cli::run(std::env::args_os()))
}
