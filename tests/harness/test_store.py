"""harness/store.py: a parsed fixture log becomes a valid result document stored at
results/<board>/<commit12>-<mode>-<variant>.json; bad documents are refused before anything is
written; a writer killed at any moment leaves the old file or none, never half of one."""
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from harness import protocol, store

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def good_result(mode="icount"):
    run = protocol.parse((FIXTURES / "sel4bench-good.log").read_text())
    return store.result(run, mode, "fixtures/sel4bench-good.log", qemu="QEMU emulator 7.2",
                        cpu="test cpu", date="2026-12-04T21:00:00+00:00")


def test_a_result_holds_the_fields_of_the_issue_and_is_stored_by_its_name(tmp_path):
    data = good_result()
    assert data["commit"] == "bfe613e0fd70" and data["dirty"] is True
    assert data["toolchain"] == {"name": "gcc", "version": "12.2.0"}
    assert data["unit"] == "guest instructions" and data["counter"]["overhead"] == 1
    assert data["kvm_exits"] is None and len(data["cases"]) == 37
    assert all(c["bench_version"] == 1 for c in data["cases"])
    path = store.write(data, tmp_path)
    assert path == tmp_path / "qemu-riscv64" / "bfe613e0fd70-icount-fastpath.json"
    assert store.read(path) == data
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_log_mode_is_in_cycles_and_may_lack_a_qemu_version(tmp_path):
    data = good_result("log")
    data["qemu_version"] = None
    assert store.read(store.write(data, tmp_path))["unit"] == "cycles"


@pytest.mark.parametrize("field, value, where", [
    ("commit", "not-a-commit", "commit"),
    ("mode", "fast", "mode"),
    ("cases", [], "cases"),
    ("kvm_exits", {"io": 3}, "kvm_exits"),
])
def test_an_invalid_result_is_refused_and_nothing_is_written(tmp_path, field, value, where):
    data = good_result()
    data[field] = value
    with pytest.raises(store.StoreError, match=where):
        store.write(data, tmp_path)
    assert not any(tmp_path.rglob("*"))


def test_a_kvm_result_needs_its_vm_exit_counts(tmp_path):
    data = good_result("kvm")
    with pytest.raises(store.StoreError, match="kvm_exits"):
        store.write(data, tmp_path)
    data["kvm_exits"] = {"event": "kvm:kvm_exit", "window": "cases", "total": 12,
                         "by_reason": {"IO_INSTRUCTION": 12}}
    store.write(data, tmp_path)


WRITER = """
import sys
from harness import store
big = "x" * (4 << 20)
n = 0
while True:
    n += 1
    store.write_atomically(sys.argv[1], f"{n}\\n{big}\\n{n}\\n")
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_or_none(tmp_path):
    target = tmp_path / "result.json"
    repo = pathlib.Path(store.__file__).resolve().parent.parent
    for trial in range(12):
        target.unlink(missing_ok=True)
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=repo)
        time.sleep(0.05 + 0.04 * trial)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        if target.exists():
            lines = target.read_text().split("\n")
            assert lines[0] == lines[2] and len(lines[1]) == 4 << 20, f"trial {trial}: torn"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".json" and p != target]
