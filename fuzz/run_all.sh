#!/usr/bin/env bash
# Runs every fuzz target for a while, starting from the seed corpora in
# fuzz/corpus/<target>/ (grown in build-fuzz/corpus/<target>/).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for exe in "$build"/fuzz/*_fuzz; do
  name=$(basename "$exe" _fuzz)
  corpus="$build/corpus/$name"
  mkdir -p "$corpus"
  seeds=()
  [ -d "$root/fuzz/corpus/$name" ] && seeds+=("$root/fuzz/corpus/$name")
  max_len=65536
  # A real case file with one analysis run is about 70 KB (512-byte pages).
  [ "$name" = case_file ] && max_len=131072
  echo "== $name: ${seconds}s"
  if ! "$exe" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=4096 \
      -artifact_prefix="$build/crash-$name-" "$corpus" "${seeds[@]}" 2>"$build/$name.log"; then
    echo "   FAILED: see $build/$name.log and $build/crash-$name-*"
    status=1
  fi
  grep -E "^#[0-9]+.*(DONE|pulse)" "$build/$name.log" | tail -1 || true
done
exit $status
