#!/usr/bin/env bash
# bench/run.sh — runs the whole benchmark suite and regenerates BENCHMARKS.md
# at the repository root. Run from anywhere: `bash bench/run.sh`.
#
# Extra arguments are passed to the benchmark binary (e.g. `micro` or
# `tenancy` to run one section; none runs them all); environment knobs are
# listed in bench/src/config.rs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash bench/setup.sh

features=()
if ! pkg-config --exists libpq 2>/dev/null && [[ ! -e /usr/include/postgresql/libpq-fe.h ]]; then
    echo "libpq is missing: Diesel runs on SQLite only"
    features=(--no-default-features)
fi

started=$(date +%s)
cargo run --release --manifest-path bench/Cargo.toml "${features[@]}" -- "$@"
echo "bench/run.sh: $(( $(date +%s) - started )) s in all (build included)"
