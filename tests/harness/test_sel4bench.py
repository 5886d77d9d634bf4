"""sel4bench end to end on every board with both toolchains: a benchmark build (BENCHMARK=ON,
10 samples per case) boots in icount mode, ends with its declared status, and its log is an
intact protocol run with one record per entry of the table in sel4bench/benchmarks.c, in
order, with no sample below zero (wrapped); the hardware-limit round trip lies between the null
syscall and the IPC round trip; the interrupt and VMFault cases lie above the null syscall, the
Timeout fault round trip above the interrupt delivered to a waiting thread.
A padding before the header (BENCH_PHASE_PAD) changes no case's figures."""
import re

import pytest

from boards import board as boards
from harness import REPO_ROOT, build, protocol, qemu
from tests.conftest import expect

MODE = "icount"
SAMPLES = 10
TIMEOUT = 120.0
TABLE = REPO_ROOT / "sel4bench" / "benchmarks.c"
CASES = [(name, toolchain) for name in boards.qemu_names() for toolchain in build.TOOLCHAINS]


def table_ids():
    """The ids of the table's entries, but those a profile build alone has (#ifdef)."""
    text = re.sub(r"^#ifdef BENCH_KNOWN_LENGTH.*?^#endif", "", TABLE.read_text(),
                  flags=re.MULTILINE | re.DOTALL)
    return re.findall(r'^\s*\{"(\w+)", bench_\w+,', text, re.MULTILINE)


@pytest.mark.parametrize("board_name, toolchain", CASES, ids=[f"{b}-{t}" for b, t in CASES])
def test_sel4bench_runs_every_case_of_the_table(board_name, toolchain):
    try:
        manifest = build.build(board_name, toolchain, True, benchmark=True, samples=SAMPLES)
    except build.BuildError as e:
        pytest.fail(f"benchmark build of {board_name} with {toolchain} failed: {e}",
                    pytrace=False)
    files = build.root_task_files(manifest, "sel4bench")
    directory = build.build_dir(board_name, toolchain, True, benchmark=True)
    outcome = qemu.run_root_task(boards.load(board_name), files, MODE,
                                 qemu.log_path(directory, "sel4bench", MODE), TIMEOUT)
    expect(outcome.kind == "exited" and outcome.guest_status == files["expected_status"],
           f"sel4bench did not end with status {files['expected_status']}", outcome)
    expect("kernel:" not in outcome.output, "a benchmark kernel printed", outcome)
    try:
        run = protocol.parse(outcome.output)
    except protocol.ProtocolError as e:
        pytest.fail(f"sel4bench's log was rejected: {e}\n{outcome.tail}", pytrace=False)
    board = boards.load(board_name)
    assert (run.header["board"], run.header["arch"]) == (board_name, board["arch"])
    assert run.header["samples"] == SAMPLES and run.header["variant"] == "fastpath"
    assert [c.id for c in run.cases] == table_ids()
    assert all(len(c.samples) == SAMPLES for c in run.cases)
    wrapped = [c.id for c in run.cases if max(c.samples) >= 2**40]
    assert not wrapped, f"samples that wrapped below zero (an end read before its start): {wrapped}"
    least = {c.id: min(c.samples) for c in run.cases}
    # The hardware limit is the floor of an IPC round trip (entry, switch, exit and nothing
    # else); a null syscall also pays the MCS budget accounting, which the floor leaves out, so
    # the two are not ordered, but each lies below every IPC round trip.
    round_trips = [least[c.id] for c in run.cases if c.id.startswith("ipc_round_trip_")]
    assert least["hw_limit_round_trip"] < min(round_trips)
    assert least["null_syscall"] < min(round_trips)
    assert least["ipc_call_same_as_len0"] < least["ipc_call_same_as_len120"]
    # An interrupt and a VMFault each take at least one kernel entry and exit on top of user
    # work: a figure under the null syscall would be a stale or misplaced counter read.
    assert least["null_syscall"] < least["irq_to_waiting_thread_higher_prio"]
    assert least["null_syscall"] < least["irq_to_self_wait"]
    assert least["null_syscall"] < least["fault_vm_fault_round_trip_same_as"]
    # The Timeout fault round trip holds what the interrupt case does (an interrupt's entry and
    # a switch to a higher-priority thread) and a fault message, a Configure and a reply.
    assert least["irq_to_waiting_thread_higher_prio"] < least["fault_timeout_round_trip"]


# 0 and 1 character: without the fix below, riscv64's UnknownSyscall round trip read 3797 and
# 4085 (which paddings show a phase effect is itself an accident of the phase).
PHASE_PADS = (0, 1)


def case_minima(board_name, pad):
    """Each case's smallest sample in a gcc benchmark build padded with `pad` characters before
    its header (BENCH_PHASE_PAD), built in a directory of its own."""
    directory = build.build_dir(board_name, "gcc", True, benchmark=True).with_name(
        f"{board_name}-gcc-fastpath-bench-pad{pad}")
    try:
        manifest = build.build(board_name, "gcc", True, directory=directory, benchmark=True,
                               samples=SAMPLES, phase_pad=pad)
    except build.BuildError as e:
        pytest.fail(f"benchmark build of {board_name} (padding {pad}) failed: {e}", pytrace=False)
    files = build.root_task_files(manifest, "sel4bench")
    outcome = qemu.run_root_task(boards.load(board_name), files, MODE,
                                 qemu.log_path(directory, "sel4bench", MODE), TIMEOUT)
    expect(outcome.kind == "exited" and outcome.guest_status == files["expected_status"],
           f"sel4bench (padding {pad}) did not end with status {files['expected_status']}",
           outcome)
    return {c.id: min(c.samples) for c in protocol.parse(outcome.output).cases}


@pytest.mark.parametrize("board_name", boards.qemu_names())
def test_no_case_depends_on_when_it_starts(board_name):
    """Padding before the header moves the time at which every case starts (the clock's phase,
    each partner's and the runner's budget); every case must read the same in icount. Without
    a context switch always rearming the timer, riscv64's UnknownSyscall round trip read 3797
    or 4085 by the phase."""
    minima = [case_minima(board_name, pad) for pad in PHASE_PADS]
    assert list(minima[0]) == list(minima[1])
    deltas = [f"{case}: {minima[0][case]} -> {minima[1][case]} "
              f"({minima[1][case] - minima[0][case]:+d})"
              for case in minima[0] if minima[0][case] != minima[1][case]]
    assert not deltas, (f"{board_name}: cases whose figures depend on the padding "
                        f"{PHASE_PADS[0]} -> {PHASE_PADS[1]}:\n" + "\n".join(deltas))
