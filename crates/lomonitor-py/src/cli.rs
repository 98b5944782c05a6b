//! The `lomonitor` console script: runs the command of `lomonitor-cli` in this process.

use pyo3::prelude::*;

/// Run the `lomonitor` command with `argv` (the program name first, as `sys.argv`) and return its
/// exit code (0 ok, 1 findings or errors in the user's files, 2 wrong usage). The GIL is released
/// while the command runs.
#[pyfunction]
pub fn _cli_main(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(|| lomonitor_cli::run(argv))
}
