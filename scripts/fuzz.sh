#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang under ASan+UBSan and
# runs each for a bounded time, starting from its committed seed corpus
# (tests/fuzz/corpus/<target>/). New corpus entries go to a temporary folder (the
# committed corpus is only read); crash/timeout/leak artifacts and each run's log land in
# test-results/fuzz/. Exits non-zero when any target finds a problem.
#   scripts/fuzz.sh [seconds per target, default 30] [target...]
#   e.g. scripts/fuzz.sh 300 fuzz_markdown
# Build folder: ${SHELFMARK_BUILD_DIR:-build}/fuzz. Reproduce a finding with
#   <build>/fuzz/<target> test-results/fuzz/<target>-crash-<sha1>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

secs="${1:-30}"
[ "$#" -gt 0 ] && shift
case "$secs" in '' | *[!0-9]*) echo "usage: $0 [seconds] [target...]" >&2; exit 2 ;; esac
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(fuzz_progress fuzz_markdown fuzz_import)
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
b="${SHELFMARK_BUILD_DIR:-build}"
fb="$b/fuzz"
out="$root/test-results/fuzz"
cc="${FUZZ_CC:-clang}"
cxx="${FUZZ_CXX:-clang++}"

say() { printf '[fuzz] %s\n' "$*"; }
die() { printf '[fuzz] error: %s\n' "$*" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The compiler must link and run a -fsanitize=fuzzer,address,undefined program
# (clang plus libclang_rt.fuzzer, from libclang-rt-<N>-dev on Debian).
command -v "$cxx" >/dev/null 2>&1 || die "$cxx not found: run scripts/setup.sh"
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
  'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' >"$work/probe.cpp"
"$cxx" -fsanitize=fuzzer,address,undefined "$work/probe.cpp" -o "$work/probe" >"$work/probe.log" 2>&1 ||
  { cat "$work/probe.log" >&2; die "$cxx does not support -fsanitize=fuzzer,address,undefined (install clang and libclang-rt-<version>-dev: scripts/setup.sh)"; }
"$work/probe" -runs=1 >"$work/probe.log" 2>&1 ||
  { cat "$work/probe.log" >&2; die "a -fsanitize=fuzzer program built by $cxx does not run"; }

say "build ($fb, $("$cxx" --version | head -n1))"
cmake -S . -B "$fb" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DSHELFMARK_FUZZ=ON -DSHELFMARK_WERROR=OFF >/dev/null
cmake --build "$fb" -j "$jobs" --target "${targets[@]}"

mkdir -p "$out"
failed=()
for t in "${targets[@]}"; do
  corpus="$root/tests/fuzz/corpus/$t"
  [ -d "$corpus" ] || die "no seed corpus $corpus"
  rm -f "$out/$t"-crash-* "$out/$t"-timeout-* "$out/$t"-leak-* "$out/$t"-oom-* "$out/$t"-slow-unit-*
  new="$work/$t"
  mkdir -p "$new"
  log="$out/$t.log"
  t0=$(date +%s)
  rc=0
  # First corpus folder: where libFuzzer writes new entries; the committed seeds second.
  # -timeout: one input taking over 10 s (a quadratic path) is a finding too.
  # tests/lsan-btparse.supp: leaks inside btparse (BibTeX), reached through fuzz_import too.
  (cd "$out" && ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
     LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/lsan-btparse.supp}" \
     UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
     "$root/$fb/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$out/$t-" "$new" "$corpus") >"$log" 2>&1 || rc=$?
  elapsed=$(( $(date +%s) - t0 ))
  # -print_final_stats=1: stat::number_of_executed_units (older libFuzzer: _runs).
  runs="$(awk '/^stat::number_of_executed_(units|runs):/ { n = $2 } END { print n }' "$log")"
  echo "$t: ${runs:-?} executions in $elapsed s ($(ls "$new" | wc -l) new corpus entries, not kept; log: ${log#"$root"/})"
  if [ "$rc" != 0 ]; then
    tail -n 60 "$log" >&2
    for a in "$out/$t"-*; do
      case "$a" in *.log) ;; *) [ -f "$a" ] && echo "$t: artifact ${a#"$root"/} (reproduce: $fb/$t ${a#"$root"/})" >&2 ;; esac
    done
    failed+=("$t")
  fi
done
[ "${#failed[@]}" = 0 ] || die "fuzzing found problems in: ${failed[*]} (see test-results/fuzz/)"
say "ok"
