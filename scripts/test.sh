#!/usr/bin/env bash
# `npm test`: static checks, then every jest tier against a PostgreSQL and a Redis of the
# suite's own (scripts/test-env starts them on free ports and installs redis-server if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run -s build
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== eslint"
npx eslint .
echo "== prettier"
npx prettier --check . > /dev/null
echo "== chromium"
node dist/scripts/ensure-chromium.js
echo "== jest (unit, int, e2e)"
results=$(mktemp)
log=$(mktemp)
status=0
set +e
node dist/scripts/test-env.js -- npx jest --ci --json --outputFile="$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "== CPR numbers in the test log"
node dist/scripts/check-log-for-cpr.js "$log" || status=1
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$results" || true
rm -f "$results" "$log"
exit "$status"
