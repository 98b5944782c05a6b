#!/usr/bin/env bash
# Recompute every expected value from the peers.
#
#   bash python/tests/reference/run.sh
#
# Creates a test-only venv (REF_VENV, default .venv-ref at the repository root), installs the
# peers of requirements.txt, runs every ref_*.py here. Each script writes expected_<area>.json
# beside itself with the values, the peer's name and version, and the inputs. The Rust tests
# (crates/lomonitor/tests/) and the Python tests read those JSON files; nobody types a number.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
venv=${REF_VENV:-$root/.venv-ref}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q --prefer-binary -r "$here/requirements.txt"
"$venv/bin/python" -m pip install -q --no-deps irrCAC
for script in "$here"/ref_*.py; do
  echo "== $(basename "$script")"
  "$venv/bin/python" "$script"
done
