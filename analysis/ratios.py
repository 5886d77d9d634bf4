"""Fastpath against slowpath, and each IPC case against the hardware limit, per run.

Both take load.summary() rows and use the path length (the minimum) in icount mode and the
median otherwise. The hardware-limit round trip (kernel entry, address-space switch, kernel
exit: the floor of an IPC round trip) is measured in the same run as the cases.
"""
import pandas as pd

HW_LIMIT_CASE = "hw_limit_round_trip"
IPC_PREFIX = "ipc_"


def level_column(mode):
    return "minimum" if mode == "icount" else "median"


def with_level(summary):
    out = summary.copy()
    out["level"] = [row["minimum"] if row["mode"] == "icount" else row["median"]
                    for _, row in summary.iterrows()]
    return out


def fastpath_slowpath(summary):
    """board, mode, commit, case, fastpath, slowpath, ratio (fastpath / slowpath)."""
    data = with_level(summary)
    wide = data.pivot_table(index=["board", "mode", "commit", "case"], columns="variant",
                            values="level", aggfunc="first").reset_index()
    for variant in ("fastpath", "slowpath"):
        if variant not in wide:
            wide[variant] = float("nan")
    wide["ratio"] = wide["fastpath"] / wide["slowpath"]
    wide.columns.name = None
    return wide[["board", "mode", "commit", "case", "fastpath", "slowpath", "ratio"]]


def hardware_limit_multiples(summary):
    """board, mode, variant, commit, case, level, hw_limit, multiple, for every IPC case."""
    data = with_level(summary)
    keys = ["board", "mode", "variant", "commit"]
    limits = data[data["case"] == HW_LIMIT_CASE][keys + ["level"]].rename(
        columns={"level": "hw_limit"})
    ipc = data[data["case"].str.startswith(IPC_PREFIX)]
    out = ipc.merge(limits, on=keys, how="inner")
    out["multiple"] = out["level"] / out["hw_limit"]
    return out[keys + ["case", "level", "hw_limit", "multiple"]].reset_index(drop=True)
