"""Run mutants: in a scratch copy of the repository (never the working tree), apply one mutant
at a time, build the board, run the host unit tests (if they compile the mutated file) and then
the system test in icount mode, stopping at the first kill, and restore the file afterwards.

Outcomes: "killed" (a test failed or timed out), "survived", "invalid" (does not build).
"""
import dataclasses
import pathlib
import shutil
import subprocess
import tempfile
import time

from boards import board as boards
from harness import REPO_ROOT, build, qemu

DEFAULT_BOARD = "qemu-riscv64"
TOOLCHAIN = "gcc"
ROOT_TASK = "system-test"
MODE = "icount"
MIN_TIMEOUT = 20.0
TIMEOUT_FACTOR = 10.0


@dataclasses.dataclass
class Result:
    mutant: object
    outcome: str      # killed, survived, invalid
    stage: str        # what killed it (unit, system), or why it is invalid
    seconds: float


def board_for(path, default_board=DEFAULT_BOARD):
    """The board whose system test exercises `path`: an arch folder's own board, else the
    default one."""
    parts = pathlib.PurePosixPath(path).parts
    if len(parts) > 2 and parts[:2] == ("kernel", "arch"):
        return f"qemu-{parts[2]}"
    return default_board


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
    """A scratch copy with its builds: the boards' system tests and the host unit tests."""

    def __init__(self, root, boards_needed):
        self.root = pathlib.Path(root)
        self.boards = sorted(boards_needed)
        self.unit_dir = self.root / "build" / "unit"
        self.timeouts = {}

    def board_dir(self, board_name):
        return build.build_dir(board_name, TOOLCHAIN, True, root=self.root)

    def prepare(self):
        """Configure and build everything once and time the unmutated system test; raises
        RuntimeError if the unmutated tree fails a test."""
        failure = self.run_unit()
        if failure:
            raise RuntimeError(f"the unmutated tree fails its unit tests: {failure}")
        for board_name in self.boards:
            manifest = self.build_board(board_name)
            start = time.monotonic()  # the boot alone: a mutant's build is not timed
            failure = self.boot(board_name, manifest, timeout=600.0)
            if failure:
                raise RuntimeError(f"the unmutated tree fails on {board_name}: {failure}")
            self.timeouts[board_name] = max(MIN_TIMEOUT,
                                            TIMEOUT_FACTOR * (time.monotonic() - start))

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

    def try_mutant(self, mutant, default_board=DEFAULT_BOARD):
        """Apply `mutant`, test, restore; a Result."""
        path = self.root / mutant.path
        original = path.read_text()
        start = time.monotonic()
        board_name = board_for(mutant.path, default_board)
        try:
            path.write_text(mutant.apply(original))
            try:
                self.build_board(board_name)
            except build.BuildError:
                return Result(mutant, "invalid", "build", time.monotonic() - start)
            failure = self.run_unit() if self.unit_tests_compile(mutant.path) else None
            if failure:
                outcome = "invalid" if "cmake --build" in failure else "killed"
                return Result(mutant, outcome, "unit", time.monotonic() - start)
            failure = self.run_system(board_name)
            if failure:
                return Result(mutant, "killed", f"system ({failure})", time.monotonic() - start)
            return Result(mutant, "survived", "", time.monotonic() - start)
        finally:
            path.write_text(original)


def make_scratch(directory=None, rev=None):
    """A fresh scratch folder holding the tree (or `rev`); kept if `directory` is given."""
    root = pathlib.Path(directory) if directory else pathlib.Path(
        tempfile.mkdtemp(prefix="sel4perf-mutation-"))
    root.mkdir(parents=True, exist_ok=True)
    copy_tree(root, rev)
    return root
