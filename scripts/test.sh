#!/usr/bin/env bash
# Command 2: set up, build, and run every test:
#   the C++ formatting check (clang-format, .clang-format), unit tests (doctest, CTest, each test with a TIMEOUT), the same under ASan+UBSan,
#   the libFuzzer targets for FUZZ_SECONDS (default 30) each under ASan+UBSan
#   (scripts/fuzz.sh), and the browser end-to-end suite (@playwright/test + Debian
#   Chromium, headless; playwright.config.mjs) against the built site.
# SHELFMARK_BUILD_DIR: build root (default build/), as for scripts/build.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
b="${SHELFMARK_BUILD_DIR:-build}"
fuzz_seconds="${FUZZ_SECONDS:-30}"
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "setup"
scripts/setup.sh
step "clang-format --check (scripts/format.sh)"
scripts/format.sh --check
step "native build (Release) + shelfmark check data/"
scripts/build.sh native
step "unit tests"
(cd "$b/native" && ctest --output-on-failure)
step "unit tests under -fsanitize=address,undefined"
scripts/build.sh asan
LSAN_OPTIONS="suppressions=$PWD/tests/lsan-btparse.supp" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$b/asan/shelfmark_tests"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan-btparse.supp" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$b/asan/shelfmark_ui_tests"
"$b/asan/shelfmark" check data >/dev/null
step "fuzzing: libFuzzer + ASan + UBSan, ${fuzz_seconds} s per target (scripts/fuzz.sh)"
scripts/fuzz.sh "$fuzz_seconds"
step "web build"
scripts/build.sh web
step "browser end-to-end tests"
SHELFMARK_SITE="${SHELFMARK_SITE:-$b/web/site}" node_modules/.bin/playwright test
step "all tests passed"
