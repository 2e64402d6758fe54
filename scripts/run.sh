#!/usr/bin/env bash
# Command 1: set up, build, and serve the app at http://localhost:8080 (PORT to change).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
scripts/build.sh all
exec node scripts/serve.mjs --root build/web/site --port "${PORT:-8080}" --host "${HOST:-localhost}"
