"""Find the first commit that made a case slower, in icount mode (exact path lengths).

The candidates are the commits on the ancestry path from a good commit to a bad one (git
rev-list --ancestry-path, oldest first); a binary search measures the fewest of them. Each
measured commit is checked out in a scratch git worktree, built as a benchmark build and run
with sel4bench; the case's path length is its smallest sample. A commit is "slower" when its
path length is greater than the good commit's. first_slower() is the search alone, over any
measure function, so it is tested without building anything.
"""
import contextlib
import pathlib
import shutil
import subprocess
import tempfile

from boards import board as boards
from harness import REPO_ROOT, build, protocol, qemu

SAMPLES = 5
TIMEOUT = 120.0


class BisectError(Exception):
    """The bisection cannot go on: a commit does not build or run, or the case is missing."""


def candidates(good, bad, repo=REPO_ROOT):
    """The commits after `good` up to `bad`, oldest first."""
    try:
        out = subprocess.run(["git", "-C", str(repo), "rev-list", "--reverse",
                              "--ancestry-path", f"{good}..{bad}"], check=True,
                             capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as e:
        raise BisectError(f"git rev-list {good}..{bad}: {e.stderr.strip()}") from None
    return out.split()


def first_slower(commits, good_value, measure, progress=None):
    """The first commit of `commits` (oldest first, the last one known slower or not) whose
    measure is above good_value, and {commit: value} of what was measured; (None, measured)
    when none is slower. Assumes one step from good to slower along the path, as git bisect
    does."""
    low, high, measured = 0, len(commits) - 1, {}
    found = None
    while low <= high:
        middle = (low + high) // 2
        if progress:
            progress(commits[middle], high - low + 1)
        value = measured[commits[middle]] = measure(commits[middle])
        if value > good_value:
            found, high = commits[middle], middle - 1
        else:
            low = middle + 1
    return found, measured


@contextlib.contextmanager
def commit_tree(commit, repo=REPO_ROOT, prefix="bisect"):
    """A scratch folder holding `tree`, a git worktree of `commit` (detached), removed with
    the folder afterwards. Yields the scratch folder. Raises BisectError if git cannot."""
    scratch = pathlib.Path(tempfile.mkdtemp(prefix=f"{prefix}-{commit[:12]}-"))
    tree = scratch / "tree"
    try:
        try:
            subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", str(tree),
                            commit], check=True, capture_output=True, text=True)
        except subprocess.CalledProcessError as e:
            raise BisectError(f"git worktree add {commit[:12]}: {e.stderr.strip()}") from None
        yield scratch
    finally:
        subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)],
                       capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


def measure_commit(commit, board_name, case, fastpath=True, toolchain="gcc", repo=REPO_ROOT):
    """The path length of `case` at `commit`: worktree, benchmark build, sel4bench, minimum."""
    with commit_tree(commit, repo) as scratch:
        tree, directory = scratch / "tree", scratch / "build"
        try:
            manifest = build.build(board_name, toolchain, fastpath, source=tree,
                                   directory=directory, benchmark=True, samples=SAMPLES)
            files = build.root_task_files(manifest, "sel4bench")
        except build.BuildError as e:
            raise BisectError(f"{commit[:12]} does not build: {e}") from None
        board = boards.load(board_name)
        outcome = qemu.run_root_task(board, files, "icount",
                                     qemu.log_path(directory, "sel4bench", "icount"), TIMEOUT)
        try:
            run = protocol.parse(outcome.output)
        except protocol.ProtocolError as e:
            raise BisectError(f"{commit[:12]}: sel4bench log rejected: {e}") from None
        found = run.case(case)
        if found is None:
            raise BisectError(f"{commit[:12]}: sel4bench has no case '{case}'")
        return min(found.samples)
