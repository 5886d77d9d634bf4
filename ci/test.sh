#!/usr/bin/env bash
# CI: install the dependencies, then run the harness and boot tests with pytest. Prints how long
# each phase took, then pytest's closing line again as the last line; exits with pytest's status.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$SECONDS
bash ci/deps.sh || { echo "test.sh: ci/deps.sh failed" >&2; exit 1; }
deps_seconds=$((SECONDS - start))

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
/usr/bin/python3 -m pytest -q tests/harness tests/boot 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
pytest_seconds=$((SECONDS - start))

echo
echo "time: deps ${deps_seconds} s, pytest ${pytest_seconds} s"
grep -E '^(=+ )?[0-9]+ (passed|failed|error|errors|skipped|deselected)|no tests ran' "$log" | tail -n 1
exit "$status"
