#!/usr/bin/env bash
# The README quick start, step 1 of 2 (step 2 is `npm test`): installs the Debian tools, installs
# the locked npm dependencies, builds, and runs dfslab on the bundled demo app.
#
#   bash scripts/quickstart.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SAMPLE=samples/demo-wallet.apk

step() { printf '\n==> %s\n' "$*"; }

step "bash scripts/setup-debian.sh --with-browser --with-postgres"
# chromium and PostgreSQL are for the test suite (report screenshots, the lab on a real server).
bash scripts/setup-debian.sh --with-browser --with-postgres

step "npm ci"
npm ci --no-audit --no-fund

step "npm run build"
npm run build

[ -f "$SAMPLE" ] || { echo "quickstart: $SAMPLE is missing (bash scripts/build-sample.sh rebuilds it)" >&2; exit 1; }

# The demo: `audit` once the CLI has it, `inspect` until then.
if node dist/bin/dfslab.js --help | grep -qE '^\s+audit\b'; then
  step "dfslab audit $SAMPLE"
  # Exit code 1 means "findings at or above --fail-on": expected, the demo app is weak on purpose.
  status=0
  node dist/bin/dfslab.js audit "$SAMPLE" --out dfslab-reports || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    echo "quickstart: dfslab audit failed with exit code $status" >&2
    exit "$status"
  fi
else
  step "dfslab inspect $SAMPLE"
  node dist/bin/dfslab.js inspect "$SAMPLE"
fi

step "quick start done: reports in dfslab-reports/ (open the .html in a browser); next: npm test"
