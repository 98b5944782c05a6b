#!/usr/bin/env bash
# Run every cargo-fuzz target of lomonitor for a bounded time, one after the other.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]
#
# Default: 60 s per target, all targets. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a
# stable toolchain RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the nightly flags it needs.
# Seeds: fuzz/corpus/<target>/ is filled from the example study and the test fixtures on first
# run (the corpus folder is not committed). Crashes land in fuzz/artifacts/<target>/; minimize
# one with `cargo fuzz tmin <target> <file>` and commit it under
# crates/lomonitor/tests/data/fuzz-regressions/<target>/, where `cargo test` replays it.
# See docs/robustness.md.
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$root/fuzz/target}"

all_targets=(register_csv study_toml instrument_toml instrument_json responses_lomonitor responses_limesurvey
    responses_qualtrics contacts_csv fieldwork_csv platform_csv codings_csv qdpx)
targets=("${@:-${all_targets[@]}}")
if [ "$#" -eq 0 ]; then targets=("${all_targets[@]}"); fi

seed() { # seed <target> <files...>
    local dir="corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
    done
    return 0
}
seed_head() { # seed_head <target> <lines> <files...>: small seeds fuzz faster than whole files
    local dir="corpus/$1" n="$2"
    shift 2
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && head -n "$n" "$f" > "$dir/head$n-$(basename "$f")"
    done
    return 0
}
ex="$root/examples/study"
td="$root/crates/lomonitor/tests/data"
seed register_csv "$td"/register/*.csv "$root/crates/lomonitor/data/gemeenten-2025.csv"
seed study_toml "$ex/study.toml"
seed instrument_toml "$ex/questionnaire.toml" "$ex/codebook.toml" "$ex/interview-guide.toml" "$td"/coding/*.toml
seed instrument_json "$td/coding/codebook.json"
seed_head responses_lomonitor 4 "$ex/responses.csv" "$td/responses/dutch-excel.csv" "$td/responses/broken.csv"
seed_head responses_limesurvey 4 "$td/responses/limesurvey.csv"
seed_head responses_qualtrics 6 "$td/responses/qualtrics.csv"
seed_head platform_csv 5 "$td/contacts/limesurvey_participants.csv" "$td/contacts/qualtrics_history.csv"
seed_head contacts_csv 5 "$ex/contacts.csv"
seed responses_lomonitor "$ex/responses.csv" "$td/responses/dutch-excel.csv" "$td/responses/broken.csv" "$td"/bad/responses-*.csv
seed responses_limesurvey "$td/responses/limesurvey.csv"
seed responses_qualtrics "$td/responses/qualtrics.csv"
seed contacts_csv "$ex/contacts.csv" "$td/contacts/directory.csv" "$td/contacts/bad_contacts.csv"
seed fieldwork_csv "$ex/fieldwork.csv" "$td/contacts/aapor_fieldwork.csv" "$td/contacts/bad_fieldwork.csv"
seed platform_csv "$td/contacts/limesurvey_participants.csv" "$td/contacts/qualtrics_history.csv"
seed codings_csv "$ex/codings.csv" "$td"/coding/*.csv
# qdpx: the first byte chooses raw archive (even) or project.qde XML to be zipped (odd).
mkdir -p corpus/qdpx
{ printf '\0'; cat "$ex/interviews.qdpx"; } > corpus/qdpx/seed-archive
if command -v unzip >/dev/null; then
    { printf '\1'; unzip -p "$ex/interviews.qdpx" project.qde; } > corpus/qdpx/seed-xml
fi
# JSON seeds: the TOML seeds as JSON when python3 is at hand.
if command -v python3 >/dev/null; then
    for f in "$ex/questionnaire.toml" "$ex/codebook.toml" "$ex/interview-guide.toml"; do
        python3 -c 'import json,sys,tomllib; print(json.dumps(tomllib.load(open(sys.argv[1],"rb"))))' "$f" \
            > "corpus/instrument_json/seed-$(basename "$f" .toml).json" 2>/dev/null || true
    done
fi

for t in "${targets[@]}"; do
    echo "=== $t: ${seconds}s"
    cargo fuzz run "$t" -- -max_total_time="$seconds" \
        -rss_limit_mb=2048 -max_len=1048576 -timeout=30 -print_final_stats=1 2>&1 |
        grep -E '^(#[0-9]+ *DONE|stat::|==[0-9]+==|SUMMARY|.*panicked|.*Test unit written|Done [0-9]+ runs)' || true
    if ls "artifacts/$t"/crash-* "artifacts/$t"/oom-* "artifacts/$t"/timeout-* >/dev/null 2>&1; then
        echo "!!! $t: artifacts in fuzz/artifacts/$t/"
    fi
done
