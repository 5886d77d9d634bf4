"""The system test root task (tests/system) on every board with both toolchains, in icount
mode: it must end with "N passed, 0 failed" and status 0, and the kernel must not panic. The
line the root task prints through the console UART, which it drives itself from user level, must
reach the console. On x86_64 it also runs on the board's CPU with FSGSBASE added, where the FS/GS
base test must run."""
import re

import pytest

from boards import board as boards
from harness import build, qemu
from tests.conftest import expect

ROOT_TASK = "system-test"
MODE = "icount"
TIMEOUT = 300.0
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$", re.MULTILINE)
CASES = [(name, toolchain) for name in boards.qemu_names() for toolchain in build.TOOLCHAINS]
X86_BOARDS = [name for name in boards.qemu_names() if boards.load(name)["arch"] == "x86_64"]
X86_CASES = [(name, toolchain) for name in X86_BOARDS for toolchain in build.TOOLCHAINS]
# Printed by the root task through the console UART, which it drives itself (COM1 through an
# I/O port capability, the PL011 and 16550 through frames of a device untyped).
USER_UART_LINES = {
    "x86_64": "system-test: hello from user-level COM1",
    "aarch64": "system-test: hello from the user-level UART",
    "riscv64": "system-test: hello from the user-level UART",
}
# Printed by the FS/GS base test only when CPUID reports FSGSBASE and the test ran.
FSGSBASE_LINE = "system-test: FS and GS bases written with wrfsbase/wrgsbase kept per thread"


def run_system_test(builds, board, toolchain, log_name):
    """Boot the system test on `board` (a loaded board dict) and check its closing line."""
    manifest = builds(board["name"], toolchain)
    files = build.root_task_files(manifest, ROOT_TASK)
    log = qemu.log_path(build.build_dir(board["name"], toolchain, True), log_name, MODE)
    outcome = qemu.run_root_task(board, files, MODE, log, TIMEOUT)
    console = outcome.output
    expect(qemu.PANIC_MARKER not in console, "the kernel panicked", outcome)
    summary = SUMMARY.search(console)
    expect(summary, "no closing line 'N passed, M failed'", outcome)
    failing = [line for line in console.splitlines() if line.startswith("system-test: FAIL")]
    expect(summary.group(2) == "0", "failing system tests:\n" + "\n".join(failing), outcome)
    expect(int(summary.group(1)) > 0, "no system test ran", outcome)
    uart_line = USER_UART_LINES[board["arch"]]
    expect(uart_line in console.splitlines(), f"no line '{uart_line}' on the console", outcome)
    expect(outcome.guest_status == 0, f"guest status {outcome.guest_status}", outcome)
    return outcome


@pytest.mark.parametrize("board_name, toolchain", CASES, ids=[f"{b}-{t}" for b, t in CASES])
def test_system(builds, board_name, toolchain):
    board = boards.load(board_name)
    outcome = run_system_test(builds, board, toolchain, ROOT_TASK)
    if board["arch"] == "x86_64":
        expect(FSGSBASE_LINE not in outcome.output, "FSGSBASE used on a CPU without it", outcome)


def with_fsgsbase(board):
    """The board with FSGSBASE added to its QEMU CPU (DESIGN §3: its own CPU lacks it)."""
    cpu = board["cpu"]
    assert "-fsgsbase" in cpu, f"{board['name']}: expected '-fsgsbase' in cpu '{cpu}'"
    return {**board, "cpu": cpu.replace("-fsgsbase", "+fsgsbase")}


@pytest.mark.parametrize("board_name, toolchain", X86_CASES,
                         ids=[f"{b}-{t}" for b, t in X86_CASES])
def test_system_with_fsgsbase(builds, board_name, toolchain):
    board = with_fsgsbase(boards.load(board_name))
    outcome = run_system_test(builds, board, toolchain, ROOT_TASK + "-fsgsbase")
    expect(FSGSBASE_LINE in outcome.output, "the FS/GS base test did not run", outcome)
