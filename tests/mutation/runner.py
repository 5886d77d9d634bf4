"""Run mutants: in a scratch copy of the repository (never the working tree), apply one mutant
at a time, build the board, run the host unit tests (if they compile the mutated file) and then
the system test in icount mode, stopping at the first kill, and restore the file afterwards.

A mutant of generic code is judged by the default board's system test first; one that survives
there is tried on each other QEMU board's, since some generic code is reached only by one
arch's tests (x86_64's I/O ports, aarch64's EL1 registers), and last on sel4bench (below),
since some generic code only BENCHMARK builds run. A mutant of a file only BENCHMARK builds
run (BENCHMARK_ONLY) is judged by sel4bench alone. sel4bench runs on the default board's
benchmark build (fastpath variant, icount) and kills a mutant as the bench gate would fail it:
sel4bench fails (a crash, a hang, a case it cannot set up, a broken log), a case is missing,
or a case's minimum grows (the gate fails any growth of a fastpath case).

Outcomes: "killed" (a test failed or timed out), "survived", "invalid" (does not build).
"""
import dataclasses
import pathlib
import shutil
import subprocess
import tempfile
import time

from boards import board as boards
from harness import REPO_ROOT, build, protocol, qemu

DEFAULT_BOARD = "qemu-riscv64"
TOOLCHAIN = "gcc"
ROOT_TASK = "system-test"
MODE = "icount"
MIN_TIMEOUT = 20.0
TIMEOUT_FACTOR = 10.0
# Files whose code runs only in a BENCHMARK build (CONFIG_BENCHMARK is 0 in the system test's).
BENCHMARK_ONLY = ("kernel/api/benchmark.c",)
BENCH_ROOT_TASK = "sel4bench"
BENCH_SAMPLES = 20


@dataclasses.dataclass
class Result:
    mutant: object
    outcome: str      # killed, survived, invalid
    stage: str        # what killed it (unit, system), or why it is invalid
    seconds: float


def board_for(path, default_board=DEFAULT_BOARD):
    """The board whose system test exercises `path` first: an arch folder's own board, else
    the default one."""
    parts = pathlib.PurePosixPath(path).parts
    if len(parts) > 2 and parts[:2] == ("kernel", "arch"):
        return f"qemu-{parts[2]}"
    return default_board


def boards_for(path, default_board=DEFAULT_BOARD):
    """Every board whose system test may judge `path`, in the order they are tried: an arch
    file's own board; for generic code the default board, then the other QEMU boards."""
    first = board_for(path, default_board)
    if first != default_board:
        return [first]
    return [first] + [name for name in boards.qemu_names() if name != first]


def benchmark_only(path):
    return path in BENCHMARK_ONLY


def tree_files(rev=None, source=REPO_ROOT, unpack_to=None):
    """(folder, names): the working tree's files (tracked and untracked, not ignored) in
    `source`, or commit `rev`'s unpacked into `unpack_to`."""
    if rev:
        archive = subprocess.run(["git", "-C", str(source), "archive", rev], check=True,
                                 stdout=subprocess.PIPE).stdout
        subprocess.run(["tar", "-x", "-C", str(unpack_to)], input=archive, check=True)
        return unpack_to, [p.relative_to(unpack_to).as_posix()
                           for p in unpack_to.rglob("*") if p.is_file()]
    listing = subprocess.run(["git", "-C", str(source), "ls-files", "-z", "-co",
                              "--exclude-standard"], check=True, stdout=subprocess.PIPE)
    return source, [name for name in listing.stdout.decode().split("\0")
                    if name and (source / name).is_file()]


def copy_tree(destination, rev=None, source=REPO_ROOT):
    """The repository's files into `destination`: the working tree as it is, or commit `rev`.
    A file already there with the same content is left alone, so its build outputs stay
    valid; any other is written afresh, with a new modification time, so the next build
    recompiles it (a copy keeping the source's older time would let a build of an earlier
    mutant pass for current). Files the tree no longer has are removed (build/ is kept)."""
    with tempfile.TemporaryDirectory(prefix="sel4perf-rev-") as unpacked:
        folder, names = tree_files(rev, source, pathlib.Path(unpacked))
        for name in names:
            src, dst = folder / name, destination / name
            if dst.is_file() and dst.read_bytes() == src.read_bytes():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            shutil.copymode(src, dst)
    wanted = set(names)
    for top in destination.iterdir():
        for path in [top] if top.is_file() else [] if top.name == "build" else top.rglob("*"):
            if path.is_file() and path.relative_to(destination).as_posix() not in wanted:
                path.unlink()


class Scratch:
    """A scratch copy with its builds: the boards' system tests, the host unit tests and, if
    `bench_board` is given, that board's benchmark build with sel4bench."""

    def __init__(self, root, boards_needed, bench_board=None):
        self.root = pathlib.Path(root)
        self.boards = sorted(boards_needed)
        self.bench_board = bench_board
        self.unit_dir = self.root / "build" / "unit"
        self.timeouts = {}
        self.bench_counts = None

    def board_dir(self, board_name):
        return build.build_dir(board_name, TOOLCHAIN, True, root=self.root)

    def prepare(self):
        """Configure and build everything once and time the unmutated system test (and
        sel4bench, keeping its counts); raises RuntimeError if the unmutated tree fails."""
        failure = self.run_unit()
        if failure:
            raise RuntimeError(f"the unmutated tree fails its unit tests: {failure}")
        for board_name in self.boards:
            manifest = self.build_board(board_name)
            start = time.monotonic()  # the boot alone: a mutant's build is not timed
            failure = self.boot(board_name, manifest, timeout=600.0)
            if failure:
                raise RuntimeError(f"the unmutated tree fails on {board_name}: {failure}")
            self.timeouts[board_name] = timeout_after(start)
        if self.bench_board:
            files = self.build_bench()
            start = time.monotonic()
            self.bench_counts, failure = self.boot_bench(files, timeout=600.0)
            if failure:
                raise RuntimeError(f"the unmutated tree's sel4bench fails on "
                                   f"{self.bench_board}: {failure}")
            self.timeouts[BENCH_ROOT_TASK] = timeout_after(start)

    def build_board(self, board_name):
        return build.build(board_name, TOOLCHAIN, True, source=self.root,
                           directory=self.board_dir(board_name))

    def run_unit(self):
        """None if the unit tests build and pass, else a one-line reason."""
        steps = [["cmake", "-S", str(self.root / "tests" / "unit"), "-B", str(self.unit_dir),
                  "-G", "Ninja"],
                 ["cmake", "--build", str(self.unit_dir)],
                 ["ctest", "--test-dir", str(self.unit_dir), "--stop-on-failure"]]
        for step in steps:
            done = subprocess.run(step, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, errors="replace")
            if done.returncode:
                return f"{' '.join(step[:2])} failed"
        return None

    def unit_tests_compile(self, path):
        """Whether the host unit tests build `path` (a kernel file): they take the generic
        files tests/unit/CMakeLists.txt names, so a mutant elsewhere cannot change them."""
        listing = (self.root / "tests" / "unit" / "CMakeLists.txt").read_text()
        return "${KERNEL}/" + path.removeprefix("kernel/") in listing

    def run_system(self, board_name, timeout=None):
        """None if the system test passes on `board_name`, else a one-line reason."""
        return self.boot(board_name, self.build_board(board_name), timeout)

    def boot(self, board_name, manifest, timeout=None):
        """Boot the built system test (`manifest`) on `board_name`; None if it passes."""
        files = build.root_task_files(manifest, ROOT_TASK)
        log = qemu.log_path(self.board_dir(board_name), ROOT_TASK, MODE)
        outcome = qemu.run_root_task(boards.load(board_name), files, MODE, log,
                                     timeout or self.timeouts[board_name])
        console = outcome.output
        if outcome.kind == "hung":
            return "timeout"
        if qemu.PANIC_MARKER in console:
            return "kernel panic"
        if outcome.guest_status != 0 or "\n0 failed" not in console.replace(" passed, ", "\n"):
            return f"{outcome.kind}, status {outcome.guest_status}"
        return None

    def bench_dir(self):
        return build.build_dir(self.bench_board, TOOLCHAIN, True, root=self.root,
                               benchmark=True)

    def build_bench(self):
        """Build the bench board's benchmark build; sel4bench's boot files."""
        manifest = build.build(self.bench_board, TOOLCHAIN, True, source=self.root,
                               directory=self.bench_dir(), benchmark=True,
                               samples=BENCH_SAMPLES)
        return build.root_task_files(manifest, BENCH_ROOT_TASK)

    def boot_bench(self, files, timeout=None):
        """Boot sel4bench; ({case id: samples}, None) if it ran whole, else (None, reason)."""
        log = qemu.log_path(self.bench_dir(), BENCH_ROOT_TASK, MODE)
        outcome = qemu.run_root_task(boards.load(self.bench_board), files, MODE, log,
                                     timeout or self.timeouts[BENCH_ROOT_TASK])
        if outcome.kind == "hung":
            return None, "timeout"
        if outcome.kind != "exited" or outcome.guest_status != files["expected_status"]:
            return None, f"{outcome.kind}, status {outcome.guest_status}"
        try:
            run = protocol.parse(outcome.output)
        except protocol.ProtocolError as e:
            return None, f"log rejected at {e}"
        return {case.id: case.samples for case in run.cases}, None

    def try_mutant(self, mutant, default_board=DEFAULT_BOARD):
        """Apply `mutant`, test, restore; a Result."""
        path = self.root / mutant.path
        original = path.read_text()
        start = time.monotonic()
        try:
            path.write_text(mutant.apply(original))
            if benchmark_only(mutant.path):
                outcome, stage = self.judge_by_bench()
            else:
                outcome, stage = self.judge_by_tests(mutant, default_board)
            return Result(mutant, outcome, stage, time.monotonic() - start)
        finally:
            path.write_text(original)

    def judge_by_tests(self, mutant, default_board):
        """(outcome, stage) by the unit tests and the system tests of the mutant's boards."""
        board_names = boards_for(mutant.path, default_board)
        try:
            self.build_board(board_names[0])
        except build.BuildError:
            return "invalid", "build"
        failure = self.run_unit() if self.unit_tests_compile(mutant.path) else None
        if failure:
            return "invalid" if "cmake --build" in failure else "killed", "unit"
        for board_name in board_names:
            where = "system" if board_name == board_names[0] else f"system on {board_name}"
            try:
                failure = self.run_system(board_name)
            except build.BuildError:  # builds for the first board, not for this one: CI fails
                return "killed", f"build on {board_name}"
            if failure:
                return "killed", f"{where} ({failure})"
        if self.bench_board and board_names[0] == default_board:  # generic code
            return self.judge_by_bench()
        return "survived", ""

    def judge_by_bench(self):
        """(outcome, stage) by sel4bench on the benchmark build, as the bench gate judges."""
        try:
            files = self.build_bench()
        except build.BuildError:
            return "invalid", "build"
        counts, failure = self.boot_bench(files)
        if failure:
            return "killed", f"bench ({failure})"
        grown = [case for case, samples in self.bench_counts.items()
                 if case not in counts or min(counts[case]) > min(samples)]
        if grown:
            return "killed", f"bench (grew or missing: {', '.join(grown[:3])})"
        return "survived", ""


def timeout_after(start):
    """The hang timeout of a boot that the unmutated tree finished `start` seconds ago."""
    return max(MIN_TIMEOUT, TIMEOUT_FACTOR * (time.monotonic() - start))


def make_scratch(directory=None, rev=None):
    """A fresh scratch folder holding the tree (or `rev`); kept if `directory` is given."""
    root = pathlib.Path(directory) if directory else pathlib.Path(
        tempfile.mkdtemp(prefix="sel4perf-mutation-"))
    root.mkdir(parents=True, exist_ok=True)
    copy_tree(root, rev)
    return root
