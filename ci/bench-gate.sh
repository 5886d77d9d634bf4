#!/usr/bin/env bash
# The bench gate (DESIGN §2, §6): run the icount suite on every board with the build's default
# sample count (1000), the build the baselines were taken from: the sample count is compiled
# into sel4bench, and a different count moves its code, which can move where QEMU delivers an
# interrupt by one instruction (aarch64's irq_to_self_wait read 1678 at 20 samples, 1677 at
# 1000). Store the results in a scratch folder, and compare them with
# the committed baselines (results/baselines.toml) by `python3 -m analysis gate`: any growth
# of a fastpath-variant case fails, other cases fail beyond their threshold
# (results/thresholds.toml); improvements are reported and do not fail. About a minute. On a
# failure the gate prints `harness profile-diff` of the first regressed cases against the
# baseline's commit: the functions and source lines that grew (a few minutes more).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

samples=${BENCH_GATE_SAMPLES:-1000}
current=$(mktemp -d)
trap 'rm -rf "$current"' EXIT

echo "bench-gate: icount suite on every board, ${samples} samples per case"
/usr/bin/python3 -m harness bench --all --mode icount --samples "$samples" \
  --results "$current" --report build/bench-gate/report > "$current/bench.out"
bench_status=$?
grep -E '^(qemu-|== summary|report:)' "$current/bench.out"
if [ "$bench_status" -ne 0 ]; then
  echo "bench-gate: the icount suite failed (status $bench_status)"
  cat "$current/bench.out"
  exit 1
fi
/usr/bin/python3 -m analysis --results results gate --current "$current" \
  --profile-diff "${BENCH_GATE_PROFILE_DIFFS:-2}"
