"""`harness run --root-task sel4bench` stores one result file for an intact run, and none for
a hung guest, a missing QEMU, a log with a wrong CRC or a log of another board (fake QEMU
processes from fake_qemu.py print the fixture log)."""
import pathlib

import fake_qemu
import pytest

from boards import board as boards
from harness import __main__ as cli
from harness import build, store

LOG = (pathlib.Path(__file__).parent / "fixtures" / "sel4bench-good.log").read_text()
X86_LOG = LOG.replace('"board":"qemu-riscv64"', '"board":"qemu-x86_64"')
FILES = {"kernel": "k.elf", "initrd": "b.elf", "elf": "b.elf", "expected_status": 125}
X86_EXIT_125 = 251   # isa-debug-exit: (125 << 1) | 1


def run(monkeypatch, tmp_path, argv, *extra):
    monkeypatch.setattr(build, "build", lambda *_, **__: {"root_tasks": {"sel4bench": FILES}})
    monkeypatch.setattr(build, "build_dir", lambda *_, **__: tmp_path)
    monkeypatch.setattr(boards, "qemu_argv", lambda *_: argv)
    return cli.main(["run", "--board", "qemu-x86_64", "--root-task", "sel4bench",
                     "--results", str(tmp_path / "results"), *extra])


def stored(tmp_path):
    return sorted((tmp_path / "results").rglob("*.json"))


def test_an_intact_run_is_stored_with_its_qemu_version_and_host(monkeypatch, tmp_path):
    argv = fake_qemu.prints_and_exits(tmp_path, X86_LOG, X86_EXIT_125)
    assert run(monkeypatch, tmp_path, argv) == 0
    [path] = stored(tmp_path)
    data = store.read(path)
    assert path.name == "bfe613e0fd70-icount-fastpath.json" and data["board"] == "qemu-x86_64"
    assert data["qemu_version"].startswith("QEMU emulator") and data["host_cpu"]


@pytest.mark.parametrize("make, extra", [
    (lambda d: fake_qemu.hangs(d, X86_LOG[:2000]), ["--timeout", "1"]),
    (lambda d: fake_qemu.prints_and_exits(d, X86_LOG.replace('"crc32":', '"crc32":1'),
                                          X86_EXIT_125), []),
    (lambda d: fake_qemu.prints_and_exits(d, LOG, X86_EXIT_125), []),
])
def test_a_run_that_is_not_intact_stores_nothing(monkeypatch, tmp_path, make, extra):
    assert run(monkeypatch, tmp_path, make(tmp_path), *extra) != 0
    assert stored(tmp_path) == []


def test_a_missing_qemu_stores_nothing(monkeypatch, tmp_path):
    board = boards.load("qemu-x86_64")
    monkeypatch.setattr(boards, "load", lambda name: {
        **board, "qemu": {**board["qemu"], "binary": "/nonexistent/qemu-system-x86_64"}})
    assert run(monkeypatch, tmp_path, []) == cli.EXIT_FOR_KIND["missing"]
    assert stored(tmp_path) == []
