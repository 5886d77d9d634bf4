"""results/baselines.toml (the accepted commit per board, mode and variant, with the reason)
and results/thresholds.toml (the gate's per-case thresholds). Accepting a baseline rewrites
baselines.toml; it lands only as a reviewed commit.
"""
import datetime
import pathlib
import tomllib

from harness import store

BASELINES = "baselines.toml"
THRESHOLDS = "thresholds.toml"
HEADER = ("# The accepted baseline per board, mode and variant (harness baseline accept).\n"
          "# Changed only by a reviewed commit that says why; ci/bench-gate.sh compares with it.\n")


class BaselineError(Exception):
    """No results to accept, or a baselines file that cannot be read."""


def read(root=store.RESULTS_ROOT):
    """{(board, mode, variant): {"commit":..., "reason":..., "accepted":...}}."""
    path = pathlib.Path(root) / BASELINES
    if not path.exists():
        return {}
    try:
        table = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BaselineError(f"{path}: {e}") from None
    return {(board, mode, variant): entry
            for board, modes in table.items() for mode, variants in modes.items()
            for variant, entry in variants.items()}


def quoted(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(entries, root=store.RESULTS_ROOT):
    lines = [HEADER]
    for (board, mode, variant), entry in sorted(entries.items()):
        lines.append(f'\n["{board}".{mode}.{variant}]\n')
        for name in ("commit", "reason", "accepted"):
            lines.append(f"{name} = {quoted(entry[name])}\n")
    store.write_atomically(pathlib.Path(root) / BASELINES, "".join(lines))


def accept(root, commit, mode, reason, boards=None):
    """Record the stored results of `commit` in `mode` as the baseline; the keys accepted."""
    if not commit:
        raise BaselineError("no commit to accept (not in a git work tree; pass --commit)")
    found = [store.read(p) for p in store.results_in(root)
             if p.name.startswith(commit[:12]) and f"-{mode}-" in p.name]
    found = [r for r in found if not boards or r["board"] in boards]
    if not found:
        raise BaselineError(f"no stored {mode} results of commit {commit[:12]} under {root}: "
                            f"run `harness bench --mode {mode}` first")
    entries = read(root)
    today = datetime.date.today().isoformat()
    accepted = []
    for result in found:
        key = (result["board"], mode, result["variant"])
        entries[key] = {"commit": result["commit"][:12], "reason": reason, "accepted": today}
        accepted.append(key)
    write(entries, root)
    return sorted(accepted)


def thresholds(root=store.RESULTS_ROOT):
    """(default threshold, {case: threshold}) of the gate, as fractions."""
    path = pathlib.Path(root) / THRESHOLDS
    table = tomllib.loads(path.read_text()) if path.exists() else {}
    return float(table.get("default", 0.02)), {k: float(v) for k, v in
                                               table.get("cases", {}).items()}
