"""The syscall fuzzer root task (tests/fuzz) on every board, in icount mode, judged as
`harness run` judges it (harness/verdict.py: "fuzz: N passed, 0 failed" and status 0, no kernel
panic), with the lines that show it was not degenerate. GCC builds only: the fuzzer tests the
kernel's decoders, which the system tests already run under both compilers. The seed is a real
build option: another seed reaches the binary, and 0 is refused by CMake and by the harness."""
import re
import subprocess

import pytest

from boards import board as boards
from harness import REPO_ROOT, build, qemu, verdict
from harness import __main__ as cli
from tests.conftest import expect

ROOT_TASK = "fuzz"
MODE = "icount"
TIMEOUT = 300.0
DEFAULT_SEED = 0x2545f4914f6cdd1d
OTHER_SEED = 12345
SEED_BOARD = "qemu-riscv64"
SEED_LINE = re.compile(r"^fuzz: seed (0x[0-9a-f]+), (\d+) workers$", re.MULTILINE)
INVOCATIONS_PER_WORKER = 5000
OTHER_SPACE = re.compile(r"^fuzz: worker fuzz-other-space ran in VSpace (\d+), not the root "
                         r"task's (\d+); did not see the root task's IPC buffer; (\d+) "
                         r"invocations answered$", re.MULTILINE)
IPC_OPS = ("Send", "NBSend", "Call", "Recv", "NBRecv", "ReplyRecv", "NBSendRecv", "NBSendWait",
           "Wait", "Signal", "Poll")
IPC_MADE = re.compile(r"^fuzz: IPC syscalls made \(returned\):((?: \w+ \d+ \(\d+\))+)$",
                      re.MULTILINE)
IPC_WAITED = re.compile(r"^fuzz: (\d+) IPC syscalls that wait for a message, reply or signal got "
                        r"one$", re.MULTILINE)
DELETER = re.compile(r"^fuzz: deleter: (\d+) deletes (\d+) revokes (\d+) CancelBadgedSends "
                     r"(\d+) suspends and resumes", re.MULTILINE)
NOT_DEGENERATE = re.compile(r"^fuzz: (\d+) invocations answered; (\d+) distinct results and "
                            r"(\d+) successes of (\d+) Calls; (\d+) threads stopped", re.MULTILINE)


def run_fuzz(manifest, directory, board_name):
    files = build.root_task_files(manifest, ROOT_TASK)
    log = qemu.log_path(directory, ROOT_TASK, MODE)
    outcome = qemu.run_root_task(boards.load(board_name), files, MODE, log, TIMEOUT)
    expect(qemu.PANIC_MARKER not in outcome.output, "the kernel panicked", outcome)
    judged = verdict.judge(outcome, files["expected_status"])
    expect(judged.passed, f"the harness's verdict: {judged.reason}", outcome)
    counts = NOT_DEGENERATE.search(outcome.output)
    expect(counts, "no line 'fuzz: N invocations answered; D distinct results ...'", outcome)
    answered, distinct, successes, _, stops = map(int, counts.groups())
    workers = int(SEED_LINE.search(outcome.output).group(2))
    expect(workers >= 3 and answered == workers * INVOCATIONS_PER_WORKER and distinct >= 4 and
           successes > 0 and stops > 0, f"a degenerate run: {counts.group(0)}", outcome)
    other = OTHER_SPACE.search(outcome.output)
    expect(other and other.group(1) != other.group(2) and
           int(other.group(3)) == INVOCATIONS_PER_WORKER,
           "the third worker did not run its invocations in a VSpace of its own", outcome)
    made = IPC_MADE.search(outcome.output)
    made = {name: int(n) for name, n, _ in re.findall(r"(\w+) (\d+) \((\d+)\)", made.group(1))} \
        if made else {}
    expect(all(made.get(op, 0) > 0 for op in IPC_OPS),
           f"not every IPC syscall was made on the shared objects: {made}", outcome)
    waited = IPC_WAITED.search(outcome.output)
    expect(waited and int(waited.group(1)) > 0, "no message went between workers", outcome)
    deleter = DELETER.search(outcome.output)
    expect(deleter and all(int(n) > 0 for n in deleter.groups()),
           "the deleter did not delete, revoke, cancel, suspend and resume", outcome)
    return outcome


@pytest.mark.parametrize("board_name", boards.qemu_names())
def test_fuzz(builds, board_name):
    outcome = run_fuzz(builds(board_name, "gcc"), build.build_dir(board_name, "gcc", True),
                       board_name)
    seed = SEED_LINE.search(outcome.output)
    expect(seed and int(seed.group(1), 16) == DEFAULT_SEED,
           f"not the default seed {DEFAULT_SEED:#x}", outcome)


def test_another_seed_reaches_the_fuzzer_and_changes_the_run(builds):
    """-DFUZZ_SEED (what `harness run --fuzz-seed` passes) is a cache option that the fuzz
    target compiles in; built beside the shared builds so they keep the default seed."""
    default = run_fuzz(builds(SEED_BOARD, "gcc"), build.build_dir(SEED_BOARD, "gcc", True),
                       SEED_BOARD)
    directory = REPO_ROOT / "build" / f"fuzz-seed-{SEED_BOARD}"
    manifest = build.build(SEED_BOARD, "gcc", True, directory=directory, fuzz_seed=OTHER_SEED)
    other = run_fuzz(manifest, directory, SEED_BOARD)
    assert f"fuzz: seed {OTHER_SEED:#x}, " in other.output
    assert NOT_DEGENERATE.search(other.output).group(0) != \
        NOT_DEGENERATE.search(default.output).group(0)


@pytest.mark.parametrize("seed", ["0", "0x0", "-1", "lots", "18446744073709551616",
                                  "0x10000000000000000"])
def test_cmake_refuses_a_seed_the_generator_cannot_use(tmp_path, seed):
    done = subprocess.run(build.configure_command(SEED_BOARD, "gcc", True, tmp_path) +
                          [f"-DFUZZ_SEED={seed}"], capture_output=True, text=True)
    assert done.returncode != 0
    assert f"FUZZ_SEED='{seed}': expected an integer from 1 to 2**64-1" in done.stderr


def test_the_harness_refuses_seed_zero(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["run", "--root-task", "fuzz", "--fuzz-seed", "0"])
    assert "--fuzz-seed: must be 1 to 2**64-1" in capsys.readouterr().err
