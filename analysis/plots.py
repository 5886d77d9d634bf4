"""Figures from DataFrames (matplotlib, Agg); no computation beyond laying out. Each function
writes one PNG and returns its path."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)
import numpy as np  # noqa: E402

UPSTREAM_LABEL = "upstream seL4 (MCS), its own figures"
DPI = 100


def save(figure, path):
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    return path


def ipc_matrix(rows, hw_limit, unit, title, path, upstream=None):
    """Grouped bars, fastpath against slowpath per IPC case, with the hardware-limit line.
    rows: DataFrame with case, fastpath, slowpath; hw_limit: {variant: value};
    upstream: {case: (fastpath, slowpath)} of upstream's figures where a case matches."""
    cases = list(rows["case"])
    x = np.arange(len(cases))
    figure, axes = plt.subplots(figsize=(max(8, 0.32 * len(cases) + 2), 5))
    axes.bar(x - 0.2, rows["fastpath"], 0.4, label="fastpath build (ours)", color="#1f77b4")
    axes.bar(x + 0.2, rows["slowpath"], 0.4, label="slowpath build (ours)", color="#ff7f0e")
    for variant, style in (("fastpath", "-"), ("slowpath", "--")):
        if hw_limit.get(variant):
            axes.axhline(hw_limit[variant], color="black", linestyle=style, linewidth=1,
                         label=f"hardware-limit round trip ({variant} build)")
    if upstream:
        ux = [i for i, c in enumerate(cases) if c in upstream]
        axes.scatter([x[i] - 0.2 for i in ux], [upstream[cases[i]][0] for i in ux], marker="v",
                     color="green", zorder=3, label=UPSTREAM_LABEL + ": fastpath")
        axes.scatter([x[i] + 0.2 for i in ux], [upstream[cases[i]][1] for i in ux], marker="^",
                     color="red", zorder=3, label=UPSTREAM_LABEL + ": slowpath")
    axes.set_xticks(x, cases, rotation=75, ha="right", fontsize=7)
    axes.set_ylabel(unit)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7)
    return save(figure, path)


def history(series, unit, title, path):
    """One line per (variant, case) over commits, change points marked with a red ring.
    series: DataFrame with variant, case, commit, value, change."""
    figure, axes = plt.subplots(figsize=(9, 4.5))
    for (variant, case), rows in series.groupby(["variant", "case"], sort=False):
        x = np.arange(len(rows))
        axes.plot(x, rows["value"], marker="o", markersize=3, label=f"{case} ({variant})")
        changes = rows["change"].to_numpy()
        axes.scatter(x[changes], rows["value"].to_numpy()[changes], s=120, facecolors="none",
                     edgecolors="red", linewidths=1.5, zorder=3)
    commits = list(dict.fromkeys(series["commit"]))
    if commits:
        longest = max(series.groupby(["variant", "case"]).size())
        labels = list(series.groupby(["variant", "case"], sort=False)["commit"].apply(list))
        ticks = max(labels, key=len) if labels else commits
        axes.set_xticks(np.arange(longest), ticks[:longest], rotation=45, ha="right",
                        fontsize=7)
    axes.scatter([], [], s=120, facecolors="none", edgecolors="red", label="change point (PELT)")
    axes.set_xlabel("commit (in run order)")
    axes.set_ylabel(unit)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7)
    return save(figure, path)


def distributions(samples, unit, title, path):
    """Violin plots of the raw samples of noisy runs. samples: {label: array}."""
    labels = list(samples)
    figure, axes = plt.subplots(figsize=(max(6, 0.6 * len(labels) + 2), 4.5))
    axes.violinplot([samples[k] for k in labels], showmedians=True)
    axes.set_xticks(np.arange(1, len(labels) + 1), labels, rotation=60, ha="right", fontsize=7)
    axes.set_ylabel(unit)
    axes.set_title(title, fontsize=10)
    return save(figure, path)
