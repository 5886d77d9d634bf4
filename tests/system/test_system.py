"""The system test root task (tests/system) on every board with both toolchains, in icount
mode: it must end with "N passed, 0 failed" and status 0, and the kernel must not panic. On
the boards whose console UART is memory-mapped, the line the root task prints through the
UART from user level must reach the console."""
import re

import pytest

from boards import board as boards
from harness import build, qemu
from tests.conftest import expect

ROOT_TASK = "system-test"
MODE = "icount"
TIMEOUT = 300.0
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$", re.MULTILINE)
USER_UART_LINE = "system-test: hello from the user-level UART"
USER_UART_ARCHES = ("aarch64", "riscv64")
CASES = [(name, toolchain) for name in boards.names() for toolchain in build.TOOLCHAINS]


@pytest.mark.parametrize("board_name, toolchain", CASES, ids=[f"{b}-{t}" for b, t in CASES])
def test_system(builds, board_name, toolchain):
    manifest = builds(board_name, toolchain)
    files = build.root_task_files(manifest, ROOT_TASK)
    log = qemu.log_path(build.build_dir(board_name, toolchain, True), ROOT_TASK, MODE)
    board = boards.load(board_name)
    outcome = qemu.run_root_task(board, files, MODE, log, TIMEOUT)
    console = outcome.output
    expect(qemu.PANIC_MARKER not in console, "the kernel panicked", outcome)
    summary = SUMMARY.search(console)
    expect(summary, "no closing line 'N passed, M failed'", outcome)
    failing = [line for line in console.splitlines() if line.startswith("system-test: FAIL")]
    expect(summary.group(2) == "0", "failing system tests:\n" + "\n".join(failing), outcome)
    expect(int(summary.group(1)) > 0, "no system test ran", outcome)
    if board["arch"] in USER_UART_ARCHES:
        expect(USER_UART_LINE in console.splitlines(),
               f"no line '{USER_UART_LINE}' on the console", outcome)
    expect(outcome.guest_status == 0, f"guest status {outcome.guest_status}", outcome)
