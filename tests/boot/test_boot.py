"""The boot test on every board with both toolchains: build (once per board and toolchain, via
harness.build), boot the boot-test root task (tests/boot/main.c) in icount mode via
harness.qemu, judge it as `harness run` does (harness/verdict.py: the root task's own
"boot-test: N passed, 0 failed" and status 125), and read the console for each line main.c and
the kernel must print."""
import re

import pytest

from boards import board as boards
from harness import build, qemu, verdict
from tests.conftest import expect

ROOT_TASK = "boot-test"
MODE = "icount"
TIMEOUT = 120.0
NO_THREAD_CAN_RUN = {name: status for status, name in qemu.STATUS_NAMES.items()}[
    "no thread can run"]
CYCLE_COUNTER = re.compile(r"^boot-test: cycle counter: (\d+) then (\d+)$", re.MULTILINE)
USER_FAULT = re.compile(
    r"^fault: thread 'rootserver': VMFault ip (0x)?[0-9a-f]+ addr (0x)?ffffffff80000000\b",
    re.MULTILINE)
KERNEL_STOP = re.compile(rf"^kernel: stopping: no thread can run; status {NO_THREAD_CAN_RUN} "
                         r"after (\d+) timer interrupts$")
EXTRA_BOOTINFO = re.compile(r"^boot-test: extra boot info (\d+) bytes:((?: \d+:\d+)*)$",
                            re.MULTILINE)
# The chunks of the ABI sheet's §6.2 per arch, (id, length or None for "any"): x86_64 packs
# ACPI RSDP, the multiboot memory map and the TSC frequency, then pads to the region's end;
# the others pass the device tree alone.
EXPECTED_CHUNKS = {
    "x86_64": [(3, 52), (2, 1220), (5, 20), (0, None)],
    "aarch64": [(6, None)],
    "riscv64": [(6, None)],
}
# The IPC round trips (tests/boot/main.c measure_ipc): the server in this address space, and
# the one in the second address space that sel4runtime_address_space_create made.
ROUND_TRIP = re.compile(r"^boot-test: Call \+ ReplyRecv round trip, (same|cross) address space: "
                        r"(\d+) counter ticks \(mean of 100\)$", re.MULTILINE)
CASES = [(name, toolchain) for name in boards.qemu_names() for toolchain in build.TOOLCHAINS]


def boot(manifest, board_name, toolchain):
    files = build.root_task_files(manifest, ROOT_TASK)
    log = qemu.log_path(build.build_dir(board_name, toolchain, True), ROOT_TASK, MODE)
    return qemu.run_root_task(boards.load(board_name), files, MODE, log, TIMEOUT)


@pytest.mark.parametrize("board_name, toolchain", CASES, ids=[f"{b}-{t}" for b, t in CASES])
def test_boot(builds, board_name, toolchain):
    manifest = builds(board_name, toolchain)
    outcome = boot(manifest, board_name, toolchain)
    console = outcome.output
    lines = [line.strip() for line in console.splitlines()]
    expect(qemu.PANIC_MARKER not in console, "the kernel panicked", outcome)
    expect(outcome.kind == "exited", f"the guest did not exit: {outcome.kind}", outcome)
    counter = CYCLE_COUNTER.search(console)
    expect(counter, "no line 'boot-test: cycle counter: A then B'", outcome)
    first, second = map(int, counter.groups())
    expect(second > first, f"the cycle counter did not increase: {first} then {second}", outcome)
    failed = [line for line in lines if "FAILED" in line]
    expect(not failed, "boot-test checks failed:\n" + "\n".join(failed), outcome)
    extra = EXTRA_BOOTINFO.search(console)
    expect(extra, "no line 'boot-test: extra boot info N bytes: id:len ...'", outcome)
    chunks = [tuple(map(int, c.split(":"))) for c in extra.group(2).split()]
    expected = EXPECTED_CHUNKS[boards.load(board_name)["arch"]]
    expect([i for i, _ in chunks] == [i for i, _ in expected] and
           all(n is None or n == length for (_, length), (_, n) in zip(chunks, expected)),
           f"extra boot info chunks {chunks}, expected {expected}", outcome)
    round_trips = dict(ROUND_TRIP.findall(console))
    expect(set(round_trips) == {"same", "cross"},
           "no line 'boot-test: Call + ReplyRecv round trip, {same,cross} address space: N "
           "counter ticks (mean of 100)' for each", outcome)
    expect(all(int(ticks) > 0 for ticks in round_trips.values()),
           f"a round trip of no ticks: {round_trips}", outcome)
    judged = verdict.judge(outcome, build.root_task_files(manifest, ROOT_TASK)["expected_status"])
    expect(judged.passed, f"the harness's verdict: {judged.reason}", outcome)
    expect(f"boot-test: {judged.checks_passed} passed, 0 failed" in console,
           "no closing line 'boot-test: N passed, 0 failed'", outcome)
    expect(USER_FAULT.search(console), "the user read of the kernel address was not reported "
           "as a VMFault of 'rootserver' at ffffffff80000000", outcome)
    kernel_lines = [line for line in lines if line.startswith("kernel:")]
    stop = KERNEL_STOP.match(kernel_lines[-1] if kernel_lines else "")
    expect(stop, "the last kernel line is not 'kernel: stopping: no thread can run; status "
           f"{NO_THREAD_CAN_RUN} after N timer interrupts'", outcome)
    expect(int(stop.group(1)) >= 1, "no timer interrupt arrived", outcome)
    expect(outcome.guest_status == NO_THREAD_CAN_RUN,
           f"guest status {outcome.guest_status}, expected {NO_THREAD_CAN_RUN}", outcome)
