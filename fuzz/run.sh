#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and exits non-zero on a finding.
#
#   fuzz/run.sh                 # each target FUZZ_SECONDS (default 60) seconds
#   FUZZ_SECONDS=300 fuzz/run.sh cursor split
#
# Needs only a stable toolchain: cargo-fuzz is installed if missing, and
# RUSTC_BOOTSTRAP=1 lets stable rustc take the sanitizer-coverage flags
# libFuzzer needs (g++ builds libFuzzer itself). Corpora grow under
# fuzz/corpus/<target> (not committed); each run starts from the seeds
# (fuzz/seeds, the repository's migrations, cursors made by the runtime)
# plus what earlier runs found. Findings land in fuzz/artifacts/<target>;
# replay one with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>`.
set -euo pipefail

cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${FUZZ_SECONDS:-60}
all_targets=(cursor split split_structured migration_files identifier url)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --version 0.13.2
fi

# Seeds: committed files, plus the ones made from the repository and the runtime.
seed() { # target -> seed directory, filled
    local target=$1 dir=seeds-gen/$1
    rm -rf "$dir" && mkdir -p "$dir"
    [ -d "seeds/$target" ] && cp seeds/"$target"/* "$dir"/
    case $target in
        cursor)
            # The target itself writes them, from the instrumented build.
            ENTKIT_FUZZ_WRITE_SEEDS=$dir cargo fuzz run --sanitizer none cursor >&2 || return 1 ;;
        split)
            find "$root/migrations" -name '*.sql' | while read -r f; do
                cp "$f" "$dir/$(echo "${f#"$root"/}" | tr / _)"
            done ;;
        migration_files)
            # Each migration directory as one input, in `head`'s format.
            find "$root/migrations" -name entkit.sum | while read -r sum; do
                local d
                d=$(dirname "$sum")
                (cd "$d" && head -n 100000 -- *.sql entkit.sum) > "$dir/$(echo "${d#"$root"/}" | tr / _)"
            done ;;
    esac
    echo "$dir"
}

failed=()
summary=()
for target in "${targets[@]}"; do
    # Making the seeds runs the runtime (cursors): a failure there is a finding.
    if ! seeds=$(seed "$target" | tail -n 1); then
        failed+=("$target (seeds)")
        continue
    fi
    mkdir -p "corpus/$target" logs
    echo "== $target: ${seconds}s"
    if ! cargo fuzz run --sanitizer none "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        2>&1 | tee "logs/$target.log"; then
        failed+=("$target")
    fi
    # libFuzzer's last status line: coverage (cov), features (ft), corpus.
    summary+=("$target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$target.log" |
        grep -o '[0-9]*$' || echo '?') runs; $(grep -E '^#[0-9]+' "logs/$target.log" | tail -n 1 |
        grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || echo 'no status line')")
done

printf '%s\n' "== summary (${seconds}s each)" "${summary[@]}"

if [ ${#failed[@]} -gt 0 ]; then
    echo "findings in: ${failed[*]} (see fuzz/artifacts/)" >&2
    exit 1
fi
echo "no findings in: ${targets[*]}"
