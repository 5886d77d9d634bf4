#!/usr/bin/env bash
# One board's suite through LAVA (docs/lava.md): qemu-riscv64's benchmark builds, both
# variants, run by lava-run (no server) on a device dictionary of LAVA's qemu device type with
# no_kvm, their job logs imported (mode icount: -icount on the QEMU command the dispatcher
# ran), then the bench gate on the imported results against the committed baselines. 1000
# samples per case, as ci/bench-gate.sh takes (the builds are the same); about 30 s.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

board=${LAVA_BOARD:-qemu-riscv64}
samples=${BENCH_GATE_SAMPLES:-1000}
current=$(mktemp -d)
trap 'rm -rf "$current"' EXIT

echo "lava: $board through lava-run, ${samples} samples per case"
if ! /usr/bin/python3 -m harness lava dispatch --board "$board" --samples "$samples" \
    --out build/lava-ci --results "$current"; then
  echo "lava: the LAVA run of $board failed (above)"
  exit 1
fi
/usr/bin/python3 -m analysis --results results gate --current "$current"
