"""A commit against its baseline (DESIGN §6), as data.

icount runs are deterministic: a case's path length is its smallest sample (samples above it
are the kernel's timer interrupts), and the difference is exact. kvm and log runs are noisy:
each side's median with a bootstrap 95 % confidence interval of the relative change of the
median (scipy.stats.bootstrap, percentile method) and a two-sided Mann-Whitney U test
(scipy.stats.mannwhitneyu); a change is a regression only when it is significant (p < alpha
and the interval excludes 0) and the estimate is larger than the threshold (default 2 %).
"""
import numpy as np
import pandas as pd
from scipy import stats

DEFAULT_THRESHOLD = 0.02
DEFAULT_ALPHA = 0.05
BOOTSTRAP_RESAMPLES = 999
EXACT_MODES = ("icount",)
KEYS = ["board", "mode", "variant", "case"]
COLUMNS = KEYS + ["base", "new", "change", "relative", "ci_low", "ci_high", "p_value",
                  "threshold", "verdict"]


def relative_median_change(base, new, axis=-1):
    return np.median(new, axis=axis) / np.median(base, axis=axis) - 1.0


def noisy_change(base, new, threshold, alpha=DEFAULT_ALPHA, seed=0):
    """(relative change of the median, CI low, CI high, p, verdict) of two noisy samples."""
    base, new = np.asarray(base, float), np.asarray(new, float)
    estimate = float(relative_median_change(base, new))
    interval = stats.bootstrap((base, new), relative_median_change, vectorized=True,
                               n_resamples=BOOTSTRAP_RESAMPLES, method="percentile",
                               confidence_level=0.95,
                               random_state=np.random.default_rng(seed)).confidence_interval
    p = float(stats.mannwhitneyu(new, base, alternative="two-sided").pvalue)
    low, high = float(interval.low), float(interval.high)
    significant = p < alpha and (low > 0 or high < 0)
    if significant and estimate > threshold:
        verdict = "regression"
    elif significant and estimate < -threshold:
        verdict = "improvement"
    else:
        verdict = "unchanged"
    return estimate, low, high, p, verdict


def exact_verdict(base, new, threshold, strict):
    """icount: any growth of a strict case is a regression; others beyond the threshold."""
    if new > base and (strict or (new - base) / base > threshold):
        return "regression"
    if new > base:
        return "within threshold"
    if new < base:
        return "improvement"
    return "unchanged"


def compare(base, new, threshold=DEFAULT_THRESHOLD, thresholds=None, strict_variants=(),
            alpha=DEFAULT_ALPHA):
    """One row per (board, mode, variant, case) present in either tidy frame (load.frame),
    each side being one commit. `thresholds` maps a case id to its own threshold;
    `strict_variants` are variants whose every icount growth is a regression (the gate
    passes ("fastpath",))."""
    thresholds = thresholds or {}
    rows = []
    base_groups = dict(tuple(base.groupby(KEYS)))
    new_groups = dict(tuple(new.groupby(KEYS)))
    for key in sorted(set(base_groups) | set(new_groups)):
        board, mode, variant, case = key
        limit = thresholds.get(case, threshold)
        row = dict(zip(KEYS, key), threshold=limit, ci_low=np.nan, ci_high=np.nan,
                   p_value=np.nan, base=np.nan, new=np.nan, change=np.nan, relative=np.nan)
        if key not in new_groups or key not in base_groups:
            row["verdict"] = "missing" if key not in new_groups else "new case"
            rows.append(row)
            continue
        a, b = base_groups[key]["value"].to_numpy(), new_groups[key]["value"].to_numpy()
        if mode in EXACT_MODES:
            row["base"], row["new"] = int(a.min()), int(b.min())
            row["change"] = row["new"] - row["base"]
            row["relative"] = row["change"] / row["base"] if row["base"] else np.nan
            row["verdict"] = exact_verdict(row["base"], row["new"], limit,
                                           variant in strict_variants)
        else:
            row["base"], row["new"] = float(np.median(a)), float(np.median(b))
            row["change"] = row["new"] - row["base"]
            (row["relative"], row["ci_low"], row["ci_high"], row["p_value"],
             row["verdict"]) = noisy_change(a, b, limit, alpha)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def select_commit(data, commit):
    """The rows of one commit (a prefix of it is enough)."""
    return data[data["commit"].str.startswith(commit[:12])]


def latest_commit(data):
    """The commit of the most recent run in a tidy frame."""
    return data.sort_values("date")["commit"].iloc[-1]
