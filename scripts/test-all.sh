#!/usr/bin/env bash
# Run every test of lomonitor, from a fresh machine: the README's test command.
#
#   bash scripts/test-all.sh
#
# Rust: format, clippy (warnings are errors), the workspace's tests, the examples.
# Python: builds the package with maturin into a fresh venv (target/test-venv), then pytest,
# stubtest and mypy --strict. Installs what it needs itself (pip packages into the venv).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

step "examples"
cargo run --quiet --release --example report > target/example-report.log
tail -n 1 target/example-report.log

step "Python package in a fresh venv"
venv="$root/target/test-venv"
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.9.4,<2" pytest pandas numpy mypy pandas-stubs scipy statsmodels
"$py" -m pip install --quiet --no-build-isolation "$root"

step "pytest"
"$py" -m pytest -q -p no:cacheprovider python/tests

step "stubtest and mypy --strict"
"$py" -m mypy.stubtest lomonitor._lomonitor lomonitor.exceptions
(cd python && "$py" -m mypy --strict --no-incremental tests lomonitor)

step "benchmark smoke runs (tiny sizes, no timing assertions)"
LOMONITOR_BENCH_QUICK=1 cargo bench --quiet -p lomonitor --bench aggregation -- --test > target/bench-smoke.log
tail -n 1 target/bench-smoke.log
"$py" benches/peers.py --quick --no-venv

step "all tests passed"
