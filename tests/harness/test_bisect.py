"""harness/bisect.py: the binary search finds the first slower commit with few measurements,
and reports none when no commit is slower (the measuring itself builds in a git worktree and
is exercised by hand: `harness bisect --board ... --case ... --good ...`)."""
import subprocess

import pytest

from harness import REPO_ROOT, bisect


def search(values, good_value=100):
    commits = [f"{i:040x}" for i in range(len(values))]
    calls = []

    def measure(commit):
        calls.append(commit)
        return values[commits.index(commit)]
    found, measured = bisect.first_slower(commits, good_value, measure)
    return (commits.index(found) if found else None), len(calls), measured


def test_the_first_slower_commit_is_found_in_log2_measurements():
    for first in range(0, 64):
        values = [100] * first + [101] * (64 - first)
        index, calls, _ = search(values)
        assert index == first and calls <= 7


def test_no_commit_slower_gives_none():
    index, _, measured = search([100] * 9 + [99])
    assert index is None and measured


def test_the_candidates_are_the_ancestry_path_oldest_first():
    head = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    parent = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD~1"],
                            capture_output=True, text=True)
    if not head or parent.returncode != 0:
        pytest.skip("not a git checkout with history")
    assert bisect.candidates(parent.stdout.strip(), "HEAD") == [head]
