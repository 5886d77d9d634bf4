"""Results tree → one tidy pandas DataFrame, a row per sample (DESIGN §2).

Columns: board, arch, mode, variant, commit, dirty, date, toolchain, unit, case, path,
length, address_space, partner_priority, bench_version, sample (0-based index), value. The
parameters of a case are columns so that cases are chosen by what they measure, never by
parsing an id.
"""
import pandas as pd

from harness import store

PARAM_COLUMNS = ("path", "length", "address_space", "partner_priority")
COLUMNS = ["board", "arch", "mode", "variant", "commit", "dirty", "date", "toolchain", "unit",
           "case", *PARAM_COLUMNS, "bench_version", "sample", "value"]


def rows_of(result):
    """The tidy rows of one result document."""
    common = {"board": result["board"], "arch": result["arch"], "mode": result["mode"],
              "variant": result["variant"], "commit": result["commit"][:12],
              "dirty": result["dirty"], "date": result["date"],
              "toolchain": result["toolchain"]["name"], "unit": result["unit"]}
    for case in result["cases"]:
        params = {name: case["params"].get(name) for name in PARAM_COLUMNS}
        for index, value in enumerate(case["samples"]):
            yield {**common, "case": case["id"], **params,
                   "bench_version": case["bench_version"], "sample": index, "value": value}


def frame(results):
    """A DataFrame from result documents (dicts)."""
    rows = [row for result in results for row in rows_of(result)]
    data = pd.DataFrame(rows, columns=COLUMNS)
    data["date"] = pd.to_datetime(data["date"], utc=True)
    data["value"] = data["value"].astype("int64")
    return data


def load(root=store.RESULTS_ROOT):
    """Every stored result under `root` as one DataFrame (each file validated)."""
    return frame(store.read(path) for path in store.results_in(root))


def summary(data):
    """One row per (board, mode, variant, commit, case): the minimum (the path length in
    icount mode: samples above it are timer interrupts), the median and the sample count."""
    keys = ["board", "mode", "variant", "commit", "case"]
    grouped = data.groupby(keys, sort=False)["value"]
    out = grouped.agg(minimum="min", median="median", samples="size").reset_index()
    dates = data.groupby(keys, sort=False)["date"].max().reset_index(drop=True)
    out["date"] = dates.values
    return out
