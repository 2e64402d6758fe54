#!/usr/bin/env bash
# Benchmarks: builds what they need, runs the native (Google Benchmark) and browser
# (headless Chromium + CDP) benchmarks, and writes bench-results/results.json and
# bench-results/results.md with the machine's description. See docs/benchmarks.md.
#
#   scripts/bench.sh
#
# Environment (all optional):
#   BENCH_PAPERS=50000   size of the big synthetic catalogue (over 50 lists)
#   BENCH_RUNS=5         cold/warm page loads per page (the median is reported)
#   BENCH_OUT=bench-results
#   BENCH_SKIP_SETUP=1   do not run scripts/setup.sh first
#   BENCH_SKIP_SITE=1    measure the site already in build/web/site (no web build)
#   BENCH_BEFORE=DIR     an earlier run's output folder (e.g. of main before a change):
#                        the issue 15 table gets its figures in a "before" column
#   JOBS=2               parallel build jobs
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# Debian's emcc 3.1.6 needs Debian's acorn when the machine's Node is not Debian's.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
papers="${BENCH_PAPERS:-50000}"
runs="${BENCH_RUNS:-5}"
out="${BENCH_OUT:-bench-results}"
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
mkdir -p "$out"
rm -f "$out"/native.json "$out"/browser.json "$out"/results.json "$out"/results.md "$out"/synth-*.json

if [ "${BENCH_SKIP_SETUP:-0}" != 1 ]; then
  step "setup"
  scripts/setup.sh
fi

step "native build (Release, -DSHELFMARK_BENCH=ON) in build/bench-native"
cmake -S . -B build/bench-native -DCMAKE_BUILD_TYPE=Release -DSHELFMARK_BENCH=ON >/dev/null
cmake --build build/bench-native -j "$jobs" --target shelfmark_bench shelfmark_synth

site_build="built"
if [ "${BENCH_SKIP_SITE:-0}" = 1 ]; then
  site_build="not rebuilt (BENCH_SKIP_SITE=1)"
else
  step "web site (scripts/build.sh web -> build/web/site)"
  if ! JOBS="$jobs" scripts/build.sh web; then
    [ -f build/web/site/index.html ] || { echo "bench: the web build failed and there is no site to measure" >&2; exit 1; }
    site_build="BUILD FAILED: measured the previous site in build/web/site"
    echo "bench: warning: $site_build" >&2
  fi
fi

step "baseline page and core benchmarks in wasm (build/bench-web)"
emcmake cmake -S . -B build/bench-web -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/bench-web -j "$jobs" --target imgui_baseline core_bench_wasm

step "synthetic workloads"
for n in 1000 10000 "$papers"; do
  args=(--papers "$n" --lists 50 --seed 1 --summary)
  [ "$n" = "$papers" ] && args+=(--all-ids)
  build/bench-native/bench/shelfmark_synth "${args[@]}" >"$out/synth-$n.json"
done

step "native benchmarks (Google Benchmark)"
# The console table goes to native.log; the JSON (medians of 3 repetitions) is what counts.
if build/bench-native/bench/shelfmark_bench \
  --benchmark_min_time=0.1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/native.json" --benchmark_out_format=json >"$out/native.log" 2>&1; then
  grep -c '_median' "$out/native.log" | xargs printf '%s benchmarks, see %s\n' - "$out/native.log" | sed 's/^- //'
else
  tail -n 20 "$out/native.log" >&2
  echo "bench: warning: the native benchmarks failed; continuing" >&2
fi

step "browser benchmarks (headless Chromium)"
node bench/browser/run.mjs --site build/web/site --baseline build/bench-web/baseline-site \
  --core build/bench-web/core-bench-site --synth "$out/synth-$papers.json" \
  --papers "$papers" --runs "$runs" --out "$out/browser.json" ||
  echo "bench: warning: the browser benchmarks failed; continuing" >&2

step "machine and report"
node bench/machine.mjs --site-build "$site_build" >"$out/machine.json"
report_args=(--dir "$out" --papers "$papers")
[ -n "${BENCH_BEFORE:-}" ] && report_args+=(--before "$BENCH_BEFORE")
node bench/report.mjs "${report_args[@]}"
step "done: $out/results.md"
cat "$out/results.md"
