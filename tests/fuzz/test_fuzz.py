"""The syscall fuzzer root task (tests/fuzz) on every board, in icount mode: the kernel must
answer every random invocation and the root task must end with "fuzz: N passed, 0 failed" and
status 0, with no kernel panic. GCC builds only: the fuzzer tests the kernel's decoders, which
the system tests already run under both compilers."""
import re

import pytest

from boards import board as boards
from harness import build, qemu
from tests.conftest import expect

ROOT_TASK = "fuzz"
MODE = "icount"
TIMEOUT = 300.0
SUMMARY = re.compile(r"^fuzz: (\d+) passed, (\d+) failed$", re.MULTILINE)


@pytest.mark.parametrize("board_name", boards.names())
def test_fuzz(builds, board_name):
    manifest = builds(board_name, "gcc")
    files = build.root_task_files(manifest, ROOT_TASK)
    log = qemu.log_path(build.build_dir(board_name, "gcc", True), ROOT_TASK, MODE)
    outcome = qemu.run_root_task(boards.load(board_name), files, MODE, log, TIMEOUT)
    expect(qemu.PANIC_MARKER not in outcome.output, "the kernel panicked", outcome)
    summary = SUMMARY.search(outcome.output)
    expect(summary, "no closing line 'fuzz: N passed, M failed'", outcome)
    expect(summary.group(2) == "0", "the fuzz thread did not finish", outcome)
    expect(outcome.guest_status == 0, f"guest status {outcome.guest_status}", outcome)
