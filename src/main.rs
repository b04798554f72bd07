//! The `factex` binary: run the command line, map the outcome to an exit status.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic in one document is reported as that document's error record and on one line of
    // stderr, not as Rust's panic message and backtrace.
    factex::batch::quiet_document_panics();
    match cli::run() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factex: {e:#}");
            ExitCode::from(cli::SOME_FAILED)
        }
    }
}

/// A closed pipe (`factex extract corpus | head -1`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
