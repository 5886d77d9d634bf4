"""Which functions and source lines gained or lost instructions between two commits: each
commit is checked out in a scratch git worktree (bisect.commit_tree), built as a profile build
and profiled (profile.py); the two profiles are compared per function and per source line.

Lines are compared across the two versions of each file: a line of A is matched to its line
in B by a diff of the two file texts (difflib), so inserting a line does not move every count
below it; a line only in A is shown at A's number, marked so.
"""
import collections
import dataclasses
import difflib
import contextlib
import pathlib
import shutil
import subprocess
import tempfile

from harness import REPO_ROOT, bisect, profile


@dataclasses.dataclass(frozen=True)
class Change:
    key: str               # a function, or file:line (B's numbering)
    before: float
    after: float
    text: str = ""         # the source line, for lines

    @property
    def delta(self):
        return self.after - self.before


@dataclasses.dataclass(frozen=True)
class Diff:
    a: profile.Profile
    b: profile.Profile
    functions: list        # Change, largest |delta| first, changed only
    lines: list

    @property
    def delta(self):
        return self.b.total - self.a.total


def line_map(text_a, text_b):
    """{line number in A: line number in B} for the lines the two texts share (1-based)."""
    a, b = text_a.splitlines(), text_b.splitlines()
    mapping = {}
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for i in range(block.size):
            mapping[block.a + i + 1] = block.b + i + 1
    return mapping


def read_lines(tree, path):
    try:
        return (pathlib.Path(tree) / path).read_text(errors="replace")
    except OSError:
        return None


def by_line(p):
    totals = collections.Counter()
    for address, count in p.counts.items():
        totals[p.instructions[address].source] += count
    return totals


def compare(a, b, tree_a, tree_b):
    """The Diff of profiles a and b made from the source trees tree_a and tree_b."""
    fa = a.by(lambda i: f"{i.function} ({i.image})")
    fb = b.by(lambda i: f"{i.function} ({i.image})")
    functions = [Change(k, fa.get(k, 0), fb.get(k, 0)) for k in set(fa) | set(fb)
                 if fa.get(k, 0) != fb.get(k, 0)]
    la, lb = by_line(a), by_line(b)
    maps = {}
    moved = collections.Counter()
    for source, count in la.items():
        path, _, number = source.rpartition(":")
        if not number.isdigit():
            moved[source] += count
            continue
        if path not in maps:
            text_a, text_b = read_lines(tree_a, path), read_lines(tree_b, path)
            maps[path] = line_map(text_a, text_b) if text_a is not None and \
                text_b is not None else {}
        target = maps[path].get(int(number))
        moved[f"{path}:{target}" if target else f"{source} (only in A)"] += count
    lines = []
    for key in set(moved) | set(lb):
        if moved.get(key, 0) == lb.get(key, 0):
            continue
        lines.append(Change(key, moved.get(key, 0), lb.get(key, 0), source_text(tree_b, key)))
    order = (lambda c: (-abs(c.delta), c.key))
    return Diff(a, b, sorted(functions, key=order), sorted(lines, key=order))


def source_text(tree, key):
    path, _, number = key.rpartition(":")
    if not number.isdigit():
        return ""
    text = read_lines(tree, path)
    if text is None:
        return ""
    lines = text.splitlines()
    return lines[int(number) - 1].strip() if 0 < int(number) <= len(lines) else ""


WORKTREE = "worktree"


@contextlib.contextmanager
def source_tree(commit, repo, prefix):
    """A scratch folder with `tree`, the source of `commit`: a git worktree of it, or the
    repository's working tree itself (uncommitted changes too) for WORKTREE."""
    if commit != WORKTREE:
        with bisect.commit_tree(commit, repo, prefix) as scratch:
            yield scratch, scratch / "tree"
        return
    scratch = pathlib.Path(tempfile.mkdtemp(prefix=f"{prefix}-worktree-"))
    try:
        yield scratch, pathlib.Path(repo)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def profile_commits(commit_a, commit_b, board, case, fastpath=True,
                    iterations=profile.DEFAULT_ITERATIONS, toolchain="gcc", repo=REPO_ROOT,
                    progress=None):
    """Profile `case` at both commits (each in a scratch worktree; WORKTREE is the working
    tree as it is); their Diff."""
    with source_tree(commit_a, repo, "profile") as (scratch_a, tree_a), \
            source_tree(commit_b, repo, "profile") as (scratch_b, tree_b):
        profiles = []
        for commit, scratch, tree in ((commit_a, scratch_a, tree_a),
                                      (commit_b, scratch_b, tree_b)):
            if progress:
                progress(f"profiling {case} on {board} at {commit}")
            profiles.append(profile.profile_build(board, case, fastpath, iterations,
                                                  toolchain, source=tree,
                                                  directory=scratch / "profile"))
        return compare(profiles[0], profiles[1], tree_a, tree_b)


def reachable(commit, repo=REPO_ROOT):
    """Whether `commit` is a commit of the repository (a baseline's may be gone)."""
    return subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"{commit}^{{commit}}"],
                          capture_output=True).returncode == 0


def render(diff, commit_a, commit_b, top=30):
    def number(value):
        return f"{value:+g}" if isinstance(value, float) else f"{value:+d}"

    def plain(value):
        return f"{value:g}"
    a, b = diff.a, diff.b
    out = [f"profile-diff {a.board} {a.variant} {a.case}: {commit_a} {plain(a.total)} -> "
           f"{commit_b} {plain(b.total)} instructions per iteration ({number(diff.delta)})"]
    if not diff.functions and not diff.lines:
        out.append("no function or line changed")
        return "\n".join(out)
    out.append("functions:")
    for change in diff.functions[:top]:
        out.append(f"  {number(change.delta):>8}  {plain(change.before):>6} -> "
                   f"{plain(change.after):<6} {change.key}")
    out.append("lines (B's numbering):")
    for change in diff.lines[:top]:
        out.append(f"  {number(change.delta):>8}  {plain(change.before):>6} -> "
                   f"{plain(change.after):<6} {change.key}  {change.text}")
    return "\n".join(out)
