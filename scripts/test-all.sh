#!/usr/bin/env bash
# Run every test of lomonitor, from a fresh machine: the README's test command.
#
#   bash scripts/test-all.sh
#
# Rust: format, clippy (warnings are errors), the workspace's tests, the examples.
# Python: builds an abi3 wheel and an sdist with maturin, installs the wheel into a fresh venv
# (target/test-venv), runs the installed `lomonitor` command, then pytest,
# stubtest and mypy --strict. Installs what it needs itself (pip packages into the venv).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Each step prints the seconds since the start, so a slow step shows in the CI log.
step() { printf '\n==> %s  [%ss]\n' "$*" "$SECONDS"; }

# Debian packages the tests use as peers and viewers:
# - pspp: GNU PSPP runs the SPSS syntax lomonitor writes beside an exported CSV
#   (crates/lomonitor/tests/exports.rs; that test skips without it);
# - chromium: renders the report and the infographic as a person sees them (scripts/check_report.py).
# On a fresh Debian machine, as root, they are installed here (about a minute).
missing=()
command -v pspp >/dev/null || missing+=(pspp)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  step "apt-get install ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "the core without its optional parts (cargo build/clippy/test -p lomonitor --no-default-features)"
cargo build --quiet -p lomonitor --no-default-features
cargo clippy -p lomonitor --no-default-features --all-targets -- -D warnings
cargo test --quiet -p lomonitor --no-default-features --lib

step "cargo doc (warnings are errors: broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet -p lomonitor --no-deps

step "cargo test --workspace"
cargo test --workspace

step "examples"
# The main job on the example study. The municipal boundaries stay outside the project: the
# shared data folder beside the repository serves them to the map when it is there.
report_args=(--out target/example-out/study)
shared="$root/../shared/data"
if [ -f "$shared/municipalities.geojson" ]; then
  report_args+=(--boundaries "$shared/municipalities.geojson" --provinces "$shared/provinces.geojson")
fi
cargo run --quiet --release -- report examples/study "${report_args[@]}" > target/example-report.log
# the example beside it, so that it keeps working
cargo run --quiet --release --example report -- --out target/example-out-example > target/example-report-example.log
tail -n 5 target/example-report.log
cargo run --quiet --release --example contacts > target/example-contacts.log
tail -n 3 target/example-contacts.log

step "Python package in a fresh venv"
venv="$root/target/test-venv"
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.9.4,<2" pytest pandas numpy mypy pandas-stubs scipy statsmodels \
  pyarrow polars websocket-client pillow nbclient nbformat ipykernel
# The wheel, not the source tree: what `pip install lomonitor` gives a researcher (abi3, one per
# platform), and the sdist beside it.
rm -rf target/wheels
"$venv/bin/maturin" build --quiet --release -o target/wheels
"$venv/bin/maturin" sdist -o target/wheels
ls target/wheels/*.tar.gz >/dev/null
"$py" -m pip install --quiet target/wheels/lomonitor-*-abi3-*.whl

step "the installed lomonitor command"
"$venv/bin/lomonitor" --help > /dev/null
cli_tmp=$(mktemp -d)
"$venv/bin/lomonitor" init "$cli_tmp/s" --title "Proef" > /dev/null
"$venv/bin/lomonitor" check "$cli_tmp/s"
rm -rf "$cli_tmp"

step "pytest"
"$py" -m pytest -q -p no:cacheprovider python/tests

step "the report in headless Chromium"
"$py" scripts/check_report.py target/example-out/study --screenshots target/screenshots

step "stubtest and mypy --strict"
"$py" -m mypy.stubtest lomonitor._lomonitor lomonitor.exceptions
(cd python && "$py" -m mypy --strict --no-incremental tests lomonitor)

step "benchmark smoke runs (tiny sizes, no timing assertions)"
LOMONITOR_BENCH_QUICK=1 cargo bench --quiet -p lomonitor --bench aggregation -- --test > target/bench-smoke.log
tail -n 1 target/bench-smoke.log
"$py" benches/peers.py --quick --no-venv

step "all tests passed"
