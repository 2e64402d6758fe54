#!/usr/bin/env bash
# Builds Shelfmark: native (core, CLI, unit tests) and web (static site in build/web/site).
#   scripts/build.sh [native|asan|web|all]   (default: all = native + web)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
# Debian's emcc 3.1.6 needs Debian's acorn when the machine's Node is not Debian's.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# SHELFMARK_BUILD_DIR: another build root (default build/), e.g. for parallel work trees.
b="${SHELFMARK_BUILD_DIR:-build}"

native() {
  cmake -S . -B "$b/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$b/native" -j "$jobs"
}
asan() {
  cmake -S . -B "$b/asan" -DCMAKE_BUILD_TYPE=Debug -DSHELFMARK_SANITIZE=ON >/dev/null
  cmake --build "$b/asan" -j "$jobs" --target shelfmark_tests shelfmark_ui_tests shelfmark
}
web() {
  command -v emcmake >/dev/null || { echo "emcmake not found: run scripts/setup.sh" >&2; exit 1; }
  emcmake cmake -S . -B "$b/web" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$b/web" -j "$jobs"
  echo "site: $root/$b/web/site"
}
case "$what" in
  native) native ;;
  asan) asan ;;
  web) web ;;
  all) native; web ;;
  *) echo "usage: $0 [native|asan|web|all]" >&2; exit 2 ;;
esac
