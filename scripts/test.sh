#!/usr/bin/env bash
# Command 2: set up, build, and run every test:
#   unit tests (doctest, CTest), the same under ASan+UBSan, and the browser end-to-end
#   suite (playwright-core + Debian Chromium, headless) against the built site.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "setup"
scripts/setup.sh
step "native build (Release) + shelfmark check data/"
scripts/build.sh native
step "unit tests"
(cd build/native && ctest --output-on-failure)
step "unit tests under -fsanitize=address,undefined"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/asan/shelfmark_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/asan/shelfmark_ui_tests
build/asan/shelfmark check data >/dev/null
step "web build"
scripts/build.sh web
step "browser end-to-end tests"
node tests/e2e/run.mjs
step "all tests passed"
