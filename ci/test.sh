#!/usr/bin/env bash
# CI: install the dependencies, run the host unit tests of the kernel's generic code (ctest),
# then the harness, analysis, boot, system and fuzz tests on every board (pytest), then the
# bench gate (ci/bench-gate.sh: the icount suite against the committed baselines), then one
# board's suite through LAVA's lava-run and the gate on its imported results (ci/lava.sh).
# Prints how long each phase took, then pytest's closing line again as the last line; fails if
# any phase failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$SECONDS
bash ci/deps.sh || { echo "test.sh: ci/deps.sh failed" >&2; exit 1; }
deps_seconds=$((SECONDS - start))

start=$SECONDS
cmake -S tests/unit -B build/unit -G Ninja >/dev/null &&
  cmake --build build/unit >/dev/null &&
  ctest --test-dir build/unit --output-on-failure
unit_status=$?
unit_seconds=$((SECONDS - start))

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
/usr/bin/python3 -m pytest -q tests/harness tests/analysis tests/boot tests/system tests/fuzz 2>&1 | tee "$log"
pytest_status=${PIPESTATUS[0]}
pytest_seconds=$((SECONDS - start))

# Mutation testing: the operators' own tests and a seeded sample of the kernel's mutants.
/usr/bin/python3 -m pytest -q tests/mutation || { pytest_status=1; echo "test.sh: mutation tests failed"; }

start=$SECONDS
bash ci/bench-gate.sh
gate_status=$?
gate_seconds=$((SECONDS - start))

start=$SECONDS
bash ci/lava.sh
lava_status=$?
lava_seconds=$((SECONDS - start))

echo
echo "time: deps ${deps_seconds} s, unit ${unit_seconds} s, pytest ${pytest_seconds} s, bench gate ${gate_seconds} s, lava ${lava_seconds} s"
[ "$gate_status" -eq 0 ] || { pytest_status=1; echo "test.sh: the bench gate failed (table above)"; }
[ "$lava_status" -eq 0 ] || { pytest_status=1; echo "test.sh: the LAVA run or its gate failed (above)"; }
[ "$unit_status" -eq 0 ] || echo "test.sh: host unit tests failed (ctest above)"
grep -E '^(=+ )?[0-9]+ (passed|failed|error|errors|skipped|deselected)|no tests ran' "$log" | tail -n 1
[ "$unit_status" -eq 0 ] && exit "$pytest_status"
exit 1
