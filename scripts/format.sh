#!/usr/bin/env bash
# Formats our C++ with .clang-format (clang-format 14, Debian's package).
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   list the files that differ and fail (the test command runs this)
# Our files only: src/, tests/, bench/ (third_party/ and build folders are not ours).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cf="$(command -v clang-format-14 || command -v clang-format || true)"
[ -n "$cf" ] || { echo "clang-format not found: run scripts/setup.sh" >&2; exit 1; }
mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    "$cf" --style=file "$f" | cmp -s - "$f" || bad+=("$f")
  done
  if [ "${#bad[@]}" -gt 0 ]; then
    printf 'not formatted (run scripts/format.sh):\n' >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
  fi
  echo "clang-format: ${#files[@]} files formatted"
else
  for f in "${files[@]}"; do [ -f "$f" ] && "$cf" --style=file -i "$f"; done
  echo "clang-format: ${#files[@]} files"
fi
