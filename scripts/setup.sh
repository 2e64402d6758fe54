#!/usr/bin/env bash
# Installs what Shelfmark needs to build and test, from Debian packages and npm.
# Idempotent: when everything is present it only checks and returns in seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

APT_PACKAGES=(
  cmake g++ make dpkg-dev
  emscripten nlohmann-json3-dev doctest-dev libbenchmark-dev
  chromium
  fonts-inter fonts-jetbrains-mono fonts-fork-awesome fonts-noto-cjk
  nodejs npm
)

command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 ||
  die "this script needs Debian's apt (Debian bookworm). Elsewhere install: emscripten (emsdk), nlohmann-json, doctest, Chromium, Node.js; then configure with -DIMGUI_SOURCE_DIR=... -DCMARK_GFM_SOURCE_DIR=... (see README)."

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "run as root or install sudo"
  SUDO="sudo"
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # node/npm may come from another vendor's packages; accept any working binary.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  st="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [ "$st" = "install ok installed" ] || missing+=("$p")
done

updated=0
apt_update() { [ "$updated" = 1 ] || { say "apt-get update"; $SUDO apt-get update -qq; updated=1; }; }

if [ "${#missing[@]}" -gt 0 ]; then
  say "installing: ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install failed for: ${missing[*]}"
fi

# --- Third-party sources (Dear ImGui 1.86, cmark-gfm 0.29.0.gfm.6) via `apt-get source`.
# deb-src entries are derived from the machine's own Debian .sources file(s): same
# mirrors, suites and keys, only Types changed. No host name is written here.
tp="$root/third_party"
mkdir -p "$tp"
have_src() { ls -d "$tp"/"$1"-*/ >/dev/null 2>&1; }
if ! have_src imgui || ! have_src cmark-gfm; then
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    made=0
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      grep -q 'debian-archive-keyring' "$f" || continue
      out="/etc/apt/sources.list.d/shelfmark-src-$(basename "$f")"
      sed -E 's/^Types:.*/Types: deb-src/' "$f" | $SUDO tee "$out" >/dev/null
      made=1
    done
    if [ "$made" = 0 ] && [ -f /etc/apt/sources.list ]; then
      grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/shelfmark-src.list >/dev/null
      made=1
    fi
    [ "$made" = 1 ] || die "no Debian apt source found to derive deb-src entries from"
    updated=0
  fi
  apt_update
  (cd "$tp" && for s in imgui cmark-gfm; do
     have_src "$s" || { say "apt-get source $s"; apt-get source -qq "$s" >/dev/null 2>&1 || die "apt-get source $s failed"; }
   done)
fi
imgui_dir="$(ls -d "$tp"/imgui-*/ | head -n1)"
cmark_dir="$(ls -d "$tp"/cmark-gfm-*/ | head -n1)"
grep -q '#define IMGUI_VERSION *"1.86' "$imgui_dir/imgui.h" || die "expected Dear ImGui 1.86 in $imgui_dir"
[ -f "$cmark_dir/src/cmark-gfm.h" ] || die "cmark-gfm sources incomplete in $cmark_dir"

# --- npm (playwright-core) from the committed lockfile.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci failed"
  fi
fi
say "ok (imgui: $(basename "$imgui_dir"), cmark-gfm: $(basename "$cmark_dir"))"
