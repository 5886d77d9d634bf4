"""Result trees for the analysis tests, made from the fixture log of tests/harness/fixtures
(a real qemu-riscv64 run, 5 samples per case)."""
import copy
import pathlib

import numpy as np
import pytest

from harness import protocol, store

FIXTURE_LOG = (pathlib.Path(__file__).resolve().parent.parent / "harness" / "fixtures" /
               "sel4bench-good.log")


def fixture_result(variant="fastpath", mode="icount"):
    run = protocol.parse(FIXTURE_LOG.read_text())
    data = store.result(run, mode, "tests/harness/fixtures/sel4bench-good.log",
                        qemu="QEMU emulator version 7.2.x", cpu="test cpu",
                        date="2026-12-01T00:00:00+00:00")
    data["variant"] = variant
    data["dirty"] = False
    return data


def variant_of(data, commit, day, grow=None, scale=1.0, rng=None):
    """A copy of `data` as commit `commit` on day `day`; `grow` {case: instructions} added to
    every sample; `scale` and `rng` make noisy samples."""
    out = copy.deepcopy(data)
    out["commit"], out["date"] = commit, f"2026-12-{day:02d}T00:00:00+00:00"
    for case in out["cases"]:
        extra = (grow or {}).get(case["id"], 0)
        samples = np.array(case["samples"], float) * scale + extra
        if rng is not None:
            samples = np.repeat(samples, 40) * rng.normal(1, 0.01, len(samples) * 40)
        case["samples"] = [int(round(s)) for s in samples]
    return out


@pytest.fixture
def history_tree(tmp_path):
    """Six commits of both variants in icount mode, null_syscall one instruction longer from
    the fourth on; plus two noisy log-mode runs."""
    root = tmp_path / "results"
    for variant in ("fastpath", "slowpath"):
        base = fixture_result(variant)
        for day in range(1, 7):
            grow = {"null_syscall": 1} if day >= 4 else {}
            store.write(variant_of(base, f"{day:012x}", day, grow), root)
    rng = np.random.default_rng(1)
    for variant in ("fastpath", "slowpath"):
        base = fixture_result(variant, "log")
        base["qemu_version"] = None
        store.write(variant_of(base, "00000000000a", 10, rng=rng), root)
    return root
