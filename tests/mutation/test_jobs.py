"""--jobs: mutants spread over several scratch copies, each result once, in the mutants' order,
each printed line whole and readable by --summarize and --rerun."""
import io
import threading
import time

from tests.mutation import __main__ as mutation
from tests.mutation import operators, runner

SOURCE = "".join(f"if (a{i} < 3)\n    return error_plain(seL4_IllegalOperation);\n"
                 for i in range(6))


class FakeScratch:
    """Stands in for runner.Scratch: no build, no QEMU; odd lines survive, and it notes which
    copy ran each mutant and how many ran at once."""
    used = []
    running = 0
    most_at_once = 0
    lock = threading.Lock()

    def __init__(self, root, boards_needed, bench_board=None):
        self.root = root

    def prepare(self):
        pass

    def try_mutant(self, mutant, default_board):
        with FakeScratch.lock:
            FakeScratch.running += 1
            FakeScratch.most_at_once = max(FakeScratch.most_at_once, FakeScratch.running)
            FakeScratch.used.append((self.root, mutant.key))
        time.sleep(0.05)
        with FakeScratch.lock:
            FakeScratch.running -= 1
        outcome = "survived" if mutant.line % 4 == 1 else "killed"
        return runner.Result(mutant, outcome, "" if outcome == "survived" else "unit", 0.05)


def test_jobs_share_the_mutants_and_each_result_is_printed_once_and_whole(monkeypatch):
    monkeypatch.setattr(runner, "Scratch", FakeScratch)
    monkeypatch.setattr(mutation.equivalents, "load", lambda: {})
    mutants = operators.mutants_of("kernel/object/x.c", SOURCE, ("negate", "drop_guard"))
    out = io.StringIO()
    results, skipped = mutation.run(mutants, ["copy1", "copy2"], out=out)

    assert [r.mutant for r in results] == mutants and not skipped
    assert sorted(key for _, key in FakeScratch.used) == sorted(m.key for m in mutants)
    assert {root for root, _ in FakeScratch.used} == {"copy1", "copy2"}
    assert FakeScratch.most_at_once == 2
    lines = out.getvalue().splitlines()[1:]
    assert sorted(int(line[1:line.index("/")]) for line in lines) == list(
        range(1, len(mutants) + 1))
    logged = list(mutation.logged_results(out.getvalue()))
    assert sorted(m.key for _, m in logged) == sorted(m.key for m in mutants)
    assert mutation.survivor_keys(out.getvalue()) == {
        r.mutant.key for r in results if r.outcome == "survived"}


def test_each_job_has_a_scratch_folder_of_its_own():
    assert mutation.scratch_folder("/tmp/s/", 1) == "/tmp/s/"
    assert mutation.scratch_folder("/tmp/s/", 2) == "/tmp/s-job2"
    assert mutation.scratch_folder(None, 3) is None


class SlowBuildScratch(runner.Scratch):
    """A scratch whose first build takes a while and whose boot is quick."""

    def run_unit(self):
        return None

    def build_board(self, board_name):
        time.sleep(0.5)
        return {}

    def boot(self, board_name, manifest, timeout=None):
        time.sleep(0.01)
        return None


def test_the_timeout_is_measured_on_the_boot_alone_not_the_first_build(monkeypatch, tmp_path):
    monkeypatch.setattr(runner, "MIN_TIMEOUT", 0.0)
    scratch = SlowBuildScratch(tmp_path, {"qemu-riscv64"})
    scratch.prepare()
    assert scratch.timeouts["qemu-riscv64"] < 0.5 * runner.TIMEOUT_FACTOR / 2


def test_run_order_puts_the_first_targets_first_and_shuffles_each_part_by_its_seed():
    mutants = (operators.mutants_of("kernel/core/a.c", SOURCE, ("negate",)) +
               operators.mutants_of("kernel/object/b.c", SOURCE, ("negate",)) +
               operators.mutants_of("kernel/api/c.c", SOURCE, ("negate",)))
    assert mutation.run_order(mutants) == mutants
    first = mutation.run_order(mutants, ["kernel/object", "kernel/api/c.c"])
    assert [m.path for m in first] == ["kernel/object/b.c"] * 6 + ["kernel/api/c.c"] * 6 + [
        "kernel/core/a.c"] * 6
    shuffled = mutation.run_order(mutants, ["kernel/core/a.c"], shuffle=1)
    assert shuffled == mutation.run_order(mutants, ["kernel/core/a.c"], shuffle=1)
    assert {m.path for m in shuffled[:6]} == {"kernel/core/a.c"}
    assert sorted(m.key for m in shuffled) == sorted(m.key for m in mutants)
    assert [m.path for m in shuffled[6:]] != [m.path for m in mutants[6:]]
