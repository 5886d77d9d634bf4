"""How a mutant is judged: generic code by every QEMU board's system test in turn (default board
first) and then sel4bench, an arch file by its own board's, a BENCHMARK-only file by sel4bench
alone, which kills as the bench gate fails; and how earlier runs' logs are combined
(--summarize LOG..., --rerun LOG)."""
import io

import pytest

from boards import board as boards
from harness import build
from tests.mutation import __main__ as mutation
from tests.mutation import operators, runner

SOURCE = "if (a < 3)\n    return error_plain(seL4_IllegalOperation);\n"
SAME = {"ipc": [10, 12], "irq": [7]}


def mutant_of(path):
    return operators.mutants_of(path, SOURCE, ("negate",))[0]


def test_generic_code_is_tried_on_the_default_board_first_then_every_other_qemu_board():
    tried = runner.boards_for("kernel/core/scheduler.c", "qemu-riscv64")
    assert tried[0] == "qemu-riscv64"
    assert sorted(tried) == sorted(boards.qemu_names())
    assert runner.boards_for("kernel/arch/x86_64/io_port.c") == ["qemu-x86_64"]


class JudgedScratch(runner.Scratch):
    """No build and no QEMU: the system test fails on the boards in `failing_on`, sel4bench
    prints `bench_run` (None: it fails)."""

    def __init__(self, tmp_path, failing_on=(), bench_run=SAME):
        super().__init__(tmp_path, set(boards.qemu_names()), "qemu-riscv64")
        self.failing_on = failing_on
        self.bench_run = bench_run
        self.booted = []
        self.bench_counts = {"ipc": [10, 11], "irq": [7]}
        (tmp_path / "kernel" / "core").mkdir(parents=True)
        (tmp_path / "kernel" / "core" / "x.c").write_text(SOURCE)
        (tmp_path / "kernel" / "api").mkdir(parents=True)
        (tmp_path / "kernel" / "api" / "benchmark.c").write_text(SOURCE)

    def build_board(self, board_name):
        return {}

    def unit_tests_compile(self, path):
        return False

    def run_system(self, board_name, timeout=None):
        self.booted.append(board_name)
        return "exited, status 1" if board_name in self.failing_on else None

    def build_bench(self):
        return {}

    def boot_bench(self, files, timeout=None):
        return (self.bench_run, None) if self.bench_run else (None, "exited, status 1")


def test_a_generic_mutant_survives_only_if_every_board_and_sel4bench_pass(tmp_path):
    scratch = JudgedScratch(tmp_path)
    result = scratch.try_mutant(mutant_of("kernel/core/x.c"), "qemu-riscv64")
    assert result.outcome == "survived"
    assert sorted(scratch.booted) == sorted(boards.qemu_names())


def test_a_generic_mutant_every_system_test_passes_is_then_judged_by_sel4bench(tmp_path):
    scratch = JudgedScratch(tmp_path, bench_run=None)
    result = scratch.try_mutant(mutant_of("kernel/core/x.c"), "qemu-riscv64")
    assert (result.outcome, result.stage) == ("killed", "bench (exited, status 1)")


def test_an_arch_mutant_is_judged_by_its_own_board_alone(tmp_path):
    scratch = JudgedScratch(tmp_path, bench_run=None)
    (tmp_path / "kernel" / "arch" / "x86_64").mkdir(parents=True)
    (tmp_path / "kernel" / "arch" / "x86_64" / "io_port.c").write_text(SOURCE)
    result = scratch.try_mutant(mutant_of("kernel/arch/x86_64/io_port.c"), "qemu-riscv64")
    assert result.outcome == "survived"
    assert scratch.booted == ["qemu-x86_64"]


def test_a_generic_mutant_one_other_board_catches_is_killed_there(tmp_path):
    scratch = JudgedScratch(tmp_path, failing_on={"qemu-x86_64"})
    result = scratch.try_mutant(mutant_of("kernel/core/x.c"), "qemu-riscv64")
    assert (result.outcome, result.stage) == (
        "killed", "system on qemu-x86_64 (exited, status 1)")
    assert scratch.booted[0] == "qemu-riscv64"
    assert (tmp_path / "kernel" / "core" / "x.c").read_text() == SOURCE


def test_the_default_board_is_tried_first_and_a_kill_there_stops(tmp_path):
    scratch = JudgedScratch(tmp_path, failing_on={"qemu-riscv64"})
    result = scratch.try_mutant(mutant_of("kernel/core/x.c"), "qemu-riscv64")
    assert (result.outcome, result.stage) == ("killed", "system (exited, status 1)")
    assert scratch.booted == ["qemu-riscv64"]


@pytest.mark.parametrize("bench_run, outcome, stage", [
    (SAME, "survived", ""),
    ({"ipc": [9, 30], "irq": [6]}, "survived", ""),  # shorter: the gate passes it
    ({"ipc": [11, 11], "irq": [7]}, "killed", "bench (grew or missing: ipc)"),
    ({"ipc": [10, 10]}, "killed", "bench (grew or missing: irq)"),
    (None, "killed", "bench (exited, status 1)"),
])
def test_a_benchmark_only_mutant_is_judged_as_the_bench_gate_would(tmp_path, bench_run,
                                                                    outcome, stage):
    scratch = JudgedScratch(tmp_path, failing_on=set(boards.qemu_names()), bench_run=bench_run)
    result = scratch.try_mutant(mutant_of("kernel/api/benchmark.c"), "qemu-riscv64")
    assert (result.outcome, result.stage) == (outcome, stage)
    assert scratch.booted == []


def test_a_benchmark_build_that_fails_makes_the_mutant_invalid(tmp_path):
    scratch = JudgedScratch(tmp_path)

    def broken():
        raise build.BuildError("build failed")
    scratch.build_bench = broken
    result = scratch.try_mutant(mutant_of("kernel/api/benchmark.c"), "qemu-riscv64")
    assert (result.outcome, result.stage) == ("invalid", "build")


def log_of(*results):
    out = io.StringIO()
    for number, (outcome, mutant) in enumerate(results, 1):
        out.write(f"[{number}/{len(results)}] {outcome} (system (exited, status 1)) 1.0 s  "
                  f"{mutant.describe()}\n")
    return out.getvalue()


def test_summarize_takes_each_mutant_from_the_last_log_that_ran_it(monkeypatch):
    monkeypatch.setattr(mutation.equivalents, "load", lambda: {})
    a, b, c = operators.mutants_of("kernel/core/x.c", SOURCE * 3, ("negate",))
    gone = mutant_of("kernel/core/gone.c")
    first = log_of(("survived", a), ("killed", b), ("survived", gone))
    second = log_of(("killed", a))
    out = io.StringIO()
    survivors = mutation.summarize_logs([first, second], [a, b, c], out)
    assert survivors == []
    text = out.getvalue()
    assert "1 result(s) of mutants the tree no longer has dropped; 1 of its mutants in no log" in text
    assert "all                      2/2" in text


def test_rerun_takes_the_survivors_and_the_mutants_no_log_ran():
    a, b, c, d = operators.mutants_of("kernel/core/x.c", SOURCE * 4, ("negate",))
    first = log_of(("survived", a), ("killed", b), ("survived", d))
    second = log_of(("killed", d))
    assert mutation.unsettled([a, b, c, d], [first]) == [a, c, d]
    assert mutation.unsettled([a, b, c, d], [first, second]) == [a, c]
