#!/usr/bin/env bash
# Runs every fuzz target (or those named) for FUZZ_SECONDS each (default 600), one at a time,
# with libFuzzer through cargo-fuzz on stable Rust (RUSTC_BOOTSTRAP=1 unlocks the nightly flags
# cargo-fuzz passes). Logs go to fuzz/logs/TARGET.log; the last lines of each are the final stats.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(procedure config markdown site import image url)
[ -d corpus ] || ./seed.sh
mkdir -p logs
export RUSTC_BOOTSTRAP=1
# Release with debug assertions and overflow checks; no sanitizer (the code fuzzed is safe Rust,
# and without ASan the targets run 2-3 times faster).
flags=(-O -a -s none)
cargo fuzz build "${flags[@]}"
for target in "${targets[@]}"; do
  cargo fuzz run "${flags[@]}" "$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 \
    > "logs/$target.log" 2>&1 || echo "$target: stopped with a finding, see fuzz/artifacts/$target and logs/$target.log"
  grep -E '^#[0-9]+ +(DONE|NEW|REDUCE|pulse)' "logs/$target.log" | tail -1 || true
  grep -E '^stat::' "logs/$target.log" || true
done
