"""The CI gate: the current results of each board, mode and variant against the committed
baseline (results/baselines.toml). In icount mode every growth of a fastpath-variant case is
a regression; other cases are regressions beyond their threshold (results/thresholds.toml).
Improvements are reported and do not fail. Returns data; __main__.py prints it.
"""
import dataclasses
import pathlib

import pandas as pd

from analysis import baselines, compare, load
from harness import store

STRICT_VARIANTS = ("fastpath",)


@dataclasses.dataclass(frozen=True)
class Verdict:
    table: pd.DataFrame        # compare.compare() rows of every gated case
    missing_baselines: list    # (board, mode, variant) with current results but no baseline

    @property
    def regressions(self):
        return self.table[self.table["verdict"].isin(["regression", "missing"])]

    @property
    def improvements(self):
        return self.table[self.table["verdict"] == "improvement"]

    @property
    def passed(self):
        return self.regressions.empty and not self.missing_baselines


def gate(current_root, baseline_root=store.RESULTS_ROOT):
    """Compare every result under `current_root` with its baseline under `baseline_root`."""
    accepted = baselines.read(baseline_root)
    default, per_case = baselines.thresholds(baseline_root)
    tables, missing = [], []
    for path in store.results_in(current_root):
        current = store.read(path)
        key = (current["board"], current["mode"], current["variant"])
        entry = accepted.get(key)
        if entry is None:
            missing.append(key)
            continue
        base_path = (pathlib.Path(baseline_root) / current["board"] /
                     f"{entry['commit']}-{current['mode']}-{current['variant']}.json")
        base = store.read(base_path)
        tables.append(compare.compare(load.frame([base]), load.frame([current]), default,
                                      per_case, STRICT_VARIANTS))
    table = pd.concat(tables, ignore_index=True) if tables else \
        pd.DataFrame(columns=compare.COLUMNS)
    return Verdict(table, missing)


def profile_diffs(verdict, baseline_root, limit):
    """Lines that show, for each of the first `limit` regressed cases, where its path grew:
    `harness profile-diff` of the case from the baseline's commit to the working tree (or why
    it cannot: the baseline's commit is not in this repository)."""
    from harness import bisect, profile, profile_diff
    accepted = baselines.read(baseline_root)
    rows = verdict.table[verdict.table["verdict"] == "regression"]
    for index, row in enumerate(rows.itertuples()):
        if index == limit:
            yield f"profile-diff: {len(rows) - limit} more regressed case(s) not profiled"
            return
        base = accepted[(row.board, row.mode, row.variant)]["commit"]
        if not profile_diff.reachable(base):
            yield (f"profile-diff {row.board} {row.variant} {row.case}: the baseline's commit "
                   f"{base} is not in this repository; no diff")
            continue
        yield f"profile-diff {row.board} {row.variant} {row.case}: {base} -> working tree"
        try:
            diff = profile_diff.profile_commits(base, profile_diff.WORKTREE, row.board,
                                                row.case, row.variant == "fastpath")
        except (profile.ProfileError, bisect.BisectError) as e:
            yield f"profile-diff failed: {e}"
            continue
        yield profile_diff.render(diff, base, "working tree")

