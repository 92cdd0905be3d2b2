#!/usr/bin/env bash
# Runs fuzz targets built with -DANTQ_FUZZ=ON, each for a while, from its seeds and with its dictionary; stops at the
# first finding (libFuzzer exits non-zero and leaves the input as <build>/fuzz-findings/<target>/crash-...).
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]   (all targets when none is named)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
seconds=$2
shift 2
targets=("$@")
if ((${#targets[@]} == 0)); then
  for seeds in "$here"/corpus/*/; do targets+=("$(basename "$seeds")"); done
fi
for t in "${targets[@]}"; do
  # New inputs go to a scratch corpus beside the build; the seeds in git are only read.
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-findings/$t"
  echo "fuzz_$t: ${seconds}s" >&2
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -dict="$here/dict/$t.dict" -artifact_prefix="$build/fuzz-findings/$t/" \
    "$build/fuzz-corpus/$t" "$here/corpus/$t"
done
