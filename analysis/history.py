"""Series over commits and their change points.

A case's series is one value per commit, in the order the runs were made (the run's date): the
path length (smallest sample) in icount mode, the median otherwise. Change points are found by
PELT, Pruned Exact Linear Time (R. Killick, P. Fearnhead, I. A. Eckley, "Optimal detection of
changepoints with a linear computational cost", JASA 107(500):1590-1598, 2012): the exact
minimiser of the summed segment costs plus a penalty per change, with the pruning rule of the
paper's Theorem 3.1 (K = 0 for this cost). The cost is the Gaussian change-in-mean cost, the
squared deviations from the segment mean over sigma squared; sigma is estimated robustly from
the first differences (median absolute deviation, scipy.stats.median_abs_deviation) with a floor
(half an instruction in icount mode, where a one-instruction step is a real change), and the
penalty is the modified BIC's 3 log n for a change in mean (N. R. Zhang, D. O. Siegmund,
Biometrics 63(1):22-32, 2007).
"""
import numpy as np
import pandas as pd
from scipy import stats

ICOUNT_SIGMA_FLOOR = 0.5
RELATIVE_SIGMA_FLOOR = 1e-4


def series(summary, board, mode, variant, case):
    """(commits, values, dates) of one case across commits, from load.summary()."""
    rows = summary[(summary["board"] == board) & (summary["mode"] == mode) &
                   (summary["variant"] == variant) & (summary["case"] == case)]
    rows = rows.sort_values("date")
    column = "minimum" if mode == "icount" else "median"
    return list(rows["commit"]), rows[column].to_numpy(float), list(rows["date"])


def noise_scale(values, floor):
    if len(values) < 3:
        return floor
    mad = stats.median_abs_deviation(np.diff(values), scale="normal") / np.sqrt(2)
    return max(float(mad), floor)


def pelt(values, sigma, penalty=None):
    """The change points of `values` (indices where a new segment starts), by PELT with the
    Gaussian change-in-mean cost."""
    x = np.asarray(values, float)
    n = len(x)
    if n < 2:
        return []
    penalty = 3 * np.log(n) if penalty is None else penalty
    sums = np.concatenate([[0.0], np.cumsum(x)])
    squares = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(start, end):  # segment x[start:end]
        length = end - start
        total = sums[end] - sums[start]
        return (squares[end] - squares[start] - total * total / length) / (sigma * sigma)

    best = np.full(n + 1, np.inf)
    best[0] = -penalty
    last = np.zeros(n + 1, int)
    candidates = [0]
    for end in range(1, n + 1):
        totals = [best[s] + cost(s, end) + penalty for s in candidates]
        pick = int(np.argmin(totals))
        best[end], last[end] = totals[pick], candidates[pick]
        candidates = [s for s, t in zip(candidates, totals) if t - penalty <= best[end]]
        candidates.append(end)
    points, end = [], n
    while end > 0:
        start = last[end]
        if start > 0:
            points.append(start)
        end = start
    return sorted(points)


def change_points(values, mode):
    """The change points of one series: indices of the first commit of each new level."""
    values = np.asarray(values, float)
    if len(values) == 0:
        return []
    floor = ICOUNT_SIGMA_FLOOR if mode == "icount" else \
        max(RELATIVE_SIGMA_FLOOR * float(np.median(np.abs(values))), 1e-9)
    return pelt(values, noise_scale(values, floor))


def history(summary, cases=None):
    """A frame of every series: board, mode, variant, case, commit, date, value, change (True
    at the first commit of a new level)."""
    frames = []
    chosen = summary if cases is None else summary[summary["case"].isin(cases)]
    for (board, mode, variant, case), _ in chosen.groupby(["board", "mode", "variant", "case"]):
        commits, values, dates = series(summary, board, mode, variant, case)
        points = set(change_points(values, mode))
        frames.append(pd.DataFrame({"board": board, "mode": mode, "variant": variant,
                                    "case": case, "commit": commits, "date": dates,
                                    "value": values,
                                    "change": [i in points for i in range(len(values))]}))
    columns = ["board", "mode", "variant", "case", "commit", "date", "value", "change"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
