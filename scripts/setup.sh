#!/usr/bin/env bash
# Installs what Shelfmark needs to build and test, from Debian packages and npm.
# Idempotent: when everything is present it only checks and returns in seconds.
#   scripts/setup.sh                  everything
#   scripts/setup.sh --only-sources   only the third-party sources (third_party/)
set -euo pipefail
only_sources=0
case "${1:-}" in
  "") ;;
  --only-sources) only_sources=1 ;;
  *) echo "usage: $0 [--only-sources]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

APT_PACKAGES=(
  cmake g++ make dpkg-dev
  clang clang-format
  emscripten nlohmann-json3-dev doctest-dev libbenchmark-dev
  chromium
  fonts-inter fonts-jetbrains-mono fonts-fork-awesome fonts-noto-cjk fonttools
  nodejs npm
)

command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 ||
  die "this script needs Debian's apt (Debian bookworm). Elsewhere install: emscripten (emsdk), nlohmann-json, doctest, Chromium, Node.js; then configure with -DIMGUI_SOURCE_DIR=... -DCMARK_GFM_SOURCE_DIR=... (see README)."

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "run as root or install sudo"
  SUDO="sudo"
fi

install_packages() {
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

  # --- libFuzzer runtime (scripts/fuzz.sh): libclang_rt.fuzzer comes with
  # libclang-rt-<N>-dev for the installed clang <N> (bookworm: clang 14, libclang-rt-14-dev).
  clang_major="$(clang -dumpversion 2>/dev/null | cut -d. -f1)"
  [ -n "$clang_major" ] || die "clang is not working"
  rt_pkg="libclang-rt-${clang_major}-dev"
  if [ "$(dpkg-query -W -f='${Status}' "$rt_pkg" 2>/dev/null || true)" != "install ok installed" ]; then
    if apt-cache show "$rt_pkg" >/dev/null 2>&1 || { apt_update; apt-cache show "$rt_pkg" >/dev/null 2>&1; }; then
      say "installing: $rt_pkg"
      apt_update
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$rt_pkg" >/dev/null ||
        die "apt-get install failed for: $rt_pkg"
    else
      die "no package $rt_pkg for clang $clang_major (libclang_rt.fuzzer is needed by scripts/fuzz.sh)"
    fi
  fi
  [ -f "$(clang -print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a" ] ||
    die "libclang_rt.fuzzer-$(uname -m).a missing from $(clang -print-resource-dir) (package $rt_pkg)"
}
[ "$only_sources" = 1 ] || install_packages

# --- Third-party sources, no host name written here: apt's own sources are reused.
#   Dear ImGui 1.90.1 (input event queue, IME data callback, ImGuiChildFlags) and
#   cmark-gfm 0.29.0.gfm.13 (bookworm's gfm.6 has quadratic-time CVEs): Debian 13
#   (trixie)'s source packages, and btparse 0.91 (BibTeX in: Debian ships it inside the
#   source package libtext-bibtex-perl, folder btparse/; built from these sources natively
#   and with emcc, see CMakeLists.txt), fetched through a private deb-src list for suite trixie
#   derived from the machine's own Debian sources (same mirrors and keys), with private
#   lists and cache folders: the system's apt configuration never sees trixie.
IMGUI_VERSION=1.90.1+ds
CMARK_VERSION=0.29.0.gfm.13
BTPARSE_VERSION=0.91 # libtext-bibtex-perl's upstream version (btparse's own is the same)
tp="${SHELFMARK_THIRD_PARTY:-$root/third_party}" # another folder: to check a fetch
mkdir -p "$tp"

# Writes a deb-src list for suite trixie made from the machine's Debian
# sources: the stanzas (or lines) of the main archive (a suite without '-', not
# -updates/-security), with Types: deb-src and Suites: trixie; echoes its path.
trixie_sources() { # $1: output path without extension (.sources or .list is added)
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in shelfmark-*) continue ;; esac
    grep -q 'debian-archive-keyring' "$f" || continue
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
      {
        main = 0; types = 0; n = split($0, L, "\n"); out = ""
        for (i = 1; i <= n; i++) {
          if (L[i] ~ /^Types:/) { if (L[i] ~ /[ \t]deb([ \t]|$)/) types = 1; L[i] = "Types: deb-src" }
          if (L[i] ~ /^Suites:/) {
            m = split(substr(L[i], 8), S, /[ \t]+/)
            for (k = 1; k <= m; k++) if (S[k] != "" && S[k] !~ /-/) main = 1
            L[i] = "Suites: trixie"
          }
          if (L[i] ~ /^Enabled:[ \t]*no/) types = 0
          out = out L[i] "\n"
        }
        if (main && types) print out
      }' "$f" >>"$1.sources"
  done
  if [ -s "$1.sources" ]; then echo "$1.sources"; return; fi
  if [ -f /etc/apt/sources.list ]; then
    # One-line format: deb [opts] URI SUITE COMPONENTS...
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
           if ($(i + 1) !~ /-/) { $1 = "deb-src"; $(i + 1) = "trixie"; print } }' \
      /etc/apt/sources.list >"$1.list"
    if [ -s "$1.list" ]; then echo "$1.list"; return; fi
  fi
  return 1
}

# fetch_trixie PACKAGE VERSION CHECK: fetches source package PACKAGE at upstream
# VERSION from trixie into $tp/PACKAGE-VERSION (CHECK: a file that must be in it). First
# `apt-get source` (the Debian package, patches applied); when that fails (the .dsc or
# .debian.tar.xz may answer 404 while the orig tarball downloads), the upstream orig
# tarball alone, checked against the SHA-256 in trixie's Sources index.
fetch_trixie() (
  set -euo pipefail
  pkg="$1" want="$2" check="$3"
  dir="$pkg-$want"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/dl" "$work/src" "$work/orig"
  chmod 755 "$work" "$work/dl" "$work/src"
  list="$(trixie_sources "$work/trixie")" || die "no Debian apt source found to derive a trixie deb-src entry from"
  # Private source list, lists and cache; downloads run as the caller (apt's _apt
  # sandbox user cannot write into a mktemp folder).
  opts=(-o "Dir::Etc::SourceList=$list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
  say "apt-get update (private deb-src list, suite trixie)"
  apt-get "${opts[@]}" -qq update >"$work/log" 2>&1 || { cat "$work/log" >&2; die "apt-get update for trixie sources failed"; }
  ver="$(apt-cache "${opts[@]}" showsrc "$pkg" 2>/dev/null |
         awk -v v="$want-" '$1 == "Version:" && index($2, v) == 1 { print $2 }' | sort -V | tail -n1)"
  [ -n "$ver" ] || die "$pkg $want not found in trixie's Sources"
  say "apt-get source $pkg=$ver (trixie)"
  how=""
  # SHELFMARK_SETUP_ORIG_ONLY=1 takes the fallback path on purpose (to check it).
  if [ "${SHELFMARK_SETUP_ORIG_ONLY:-0}" != 1 ] &&
     (cd "$work/src" && apt-get "${opts[@]}" -qq source "$pkg=$ver") >>"$work/log" 2>&1 &&
     [ -f "$work/src/$dir/$check" ]; then
    how="apt-get source $pkg=$ver (Debian package, patches applied)"
  else
    say "apt-get source failed (see below); falling back to the orig tarball"
    grep -E '^(E|Err):|404' "$work/log" | sed 's/^/[setup]   /' >&2 || true
    line="$(apt-get "${opts[@]}" --print-uris source "$pkg=$ver" 2>/dev/null | grep -E "^'[^']*\.orig\.tar\.[a-z0-9]+' " | head -n1)"
    [ -n "$line" ] || die "no orig tarball listed for $pkg=$ver"
    uri="$(echo "$line" | awk '{ print $1 }' | tr -d "'")"
    name="$(echo "$line" | awk '{ print $2 }')"
    hash="$(echo "$line" | awk '{ print $4 }')"
    case "$hash" in SHA256:*) ;; *) die "no SHA-256 for $name in trixie's Sources" ;; esac
    # apt-get source (above) and --download-only keep each file that downloaded and
    # verified; apt's own downloader fetches it otherwise.
    if [ -f "$work/src/$name" ]; then
      mv "$work/src/$name" "$work/dl/$name"
    else
      (cd "$work/dl" && apt-get "${opts[@]}" -qq source --download-only "$pkg=$ver") >>"$work/log" 2>&1 || true
    fi
    if [ ! -f "$work/dl/$name" ]; then
      /usr/lib/apt/apt-helper "${opts[@]}" download-file "$uri" "$work/dl/$name" "$hash" >>"$work/log" 2>&1 ||
        { cat "$work/log" >&2; die "download of $name failed"; }
    fi
    echo "${hash#SHA256:}  $work/dl/$name" | sha256sum -c --quiet - || die "$name: SHA-256 mismatch"
    tar -xf "$work/dl/$name" -C "$work/orig" || die "cannot unpack $name"
    # The orig tarball holds one top folder, named as upstream chose.
    top="$(ls -A "$work/orig")"
    [ "$(echo "$top" | wc -l)" = 1 ] && [ -f "$work/orig/$top/$check" ] || die "$name did not unpack into one folder with $check"
    rm -rf "$work/src/$dir"
    mv "$work/orig/$top" "$work/src/$dir"
    how="$name (upstream orig tarball, trixie's Sources SHA-256 checked; Debian's patches not applied)"
  fi
  rm -rf "${tp:?}/$dir.tmp"
  cp -a "$work/src/$dir" "$tp/$dir.tmp"
  echo "$how" >"$tp/$dir.tmp/.shelfmark-origin"
  mv "$tp/$dir.tmp" "$tp/$dir"
  say "$pkg from $how"
)
imgui_dir="$tp/imgui-$IMGUI_VERSION"
cmark_dir="$tp/cmark-gfm-$CMARK_VERSION"
btparse_dir="$tp/libtext-bibtex-perl-$BTPARSE_VERSION"
fetch_sources() {
  [ -f "$imgui_dir/imgui.h" ] || fetch_trixie imgui "$IMGUI_VERSION" imgui.h
  [ -f "$imgui_dir/backends/imgui_impl_opengl3.cpp" ] || die "imgui sources incomplete in $imgui_dir"
  grep -q "#define IMGUI_VERSION *\"${IMGUI_VERSION%+*}\"" "$imgui_dir/imgui.h" ||
    die "expected Dear ImGui ${IMGUI_VERSION%+*} in $imgui_dir"
  [ -f "$cmark_dir/src/cmark-gfm.h" ] || fetch_trixie cmark-gfm "$CMARK_VERSION" src/cmark-gfm.h
  grep -q "set(PROJECT_VERSION_GFM ${CMARK_VERSION##*.})" "$cmark_dir/CMakeLists.txt" ||
    die "expected cmark-gfm $CMARK_VERSION in $cmark_dir"
  [ -f "$btparse_dir/btparse/src/btparse.h" ] ||
    fetch_trixie libtext-bibtex-perl "$BTPARSE_VERSION" btparse/src/btparse.h
  grep -q "our \$VERSION = '$BTPARSE_VERSION'" "$btparse_dir/lib/Text/BibTeX.pm" ||
    die "expected btparse (libtext-bibtex-perl) $BTPARSE_VERSION in $btparse_dir"
}
fetch_sources
[ "$only_sources" = 1 ] && { say "ok (imgui: $(basename "$imgui_dir"), cmark-gfm: $(basename "$cmark_dir"), btparse: $(basename "$btparse_dir"))"; exit 0; }

# --- npm (@playwright/test, playwright-core, pngjs, axe-core, @axe-core/playwright) from the committed lockfile; no
# browser download (the tests use Debian's chromium).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@playwright/test ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci failed"
  fi
fi
say "ok (imgui: $(basename "$imgui_dir"), cmark-gfm: $(basename "$cmark_dir"), btparse: $(basename "$btparse_dir"), clang $clang_major + libFuzzer)"
