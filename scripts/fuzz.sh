#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a bounded time with
# libFuzzer through cargo-fuzz, two at a time. Needs nightly Rust and
# `cargo install cargo-fuzz`. Seeds live in fuzz/seeds/<target>/ (small,
# in git); what the runs learn goes to fuzz/corpus/ (not in git); a crash
# leaves its input in fuzz/artifacts/<target>/ and fails the script.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 600)] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter markdown config i18n slug)
fi
cargo +nightly fuzz build --fuzz-dir fuzz
run() {
  local t="$1"
  mkdir -p "fuzz/corpus/$t"
  cargo +nightly fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
    > "fuzz/$t.log" 2>&1
  echo "$t: $(grep -Eo '#[0-9]+ +DONE.*' "fuzz/$t.log" | tail -1 || tail -1 "fuzz/$t.log")"
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    run "$t" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
done
exit $status
