"""The static HTML report: index.html with its figures as PNG files beside it, opened from the
file system without a server (relative links only). Per board: the IPC matrix of the latest
commit, fastpath against slowpath with the hardware-limit line; the history of key cases with
change points; the distributions of noisy (kvm, log) runs; a table of the latest numbers with
upstream seL4's own figures beside ours, labelled as upstream's. A small script in the page
checks, once it has loaded, that every figure decoded, and writes the verdict into the page
(#figure-check), which the browser test reads.
"""
import datetime
import html
import pathlib

from analysis import history, load, plots, ratios
from harness import bench_table, profile_output, store

KEY_CASES = ("ipc_call_cross_as_len0", "ipc_reply_recv_cross_as_len0", "null_syscall",
             "hw_limit_round_trip")
NOISY_MODES = ("kvm", "log")
DISTRIBUTION_CASES = 12
CHECK_SCRIPT = """<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; });
  var verdict = broken.length === 0 ? "all " + images.length + " figures loaded"
    : "figures missing: " + broken.map(function (i) { return i.getAttribute("src"); }).join(" ");
  var check = document.getElementById("figure-check");
  check.textContent = verdict;
  check.setAttribute("data-verdict", broken.length === 0 ? "ok" : "missing");
});
</script>"""
STYLE = """<style>
body { font-family: sans-serif; margin: 1.5em; max-width: 1200px; }
table { border-collapse: collapse; font-size: 12px; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
th.upstream, td.upstream { background: #eef6ee; }
img { max-width: 100%; border: 1px solid #ddd; }
.note { color: #555; font-size: 13px; }
</style>"""


def esc(value):
    return html.escape(str(value))


def number(value):
    if value is None or value != value:
        return "-"
    return f"{value:.2f}x" if isinstance(value, float) and value < 100 else f"{value:g}"


def latest_commit(summary, board, mode):
    rows = summary[(summary["board"] == board) & (summary["mode"] == mode)]
    return rows.sort_values("date")["commit"].iloc[-1]


def params_of(documents):
    return {(d["board"], c["id"]): c["params"] for d in documents for c in d["cases"]}


def upstream_of(board, cases, params, figures):
    """{case: (fastpath, slowpath)} of upstream's figures where a case measures the same."""
    out = {}
    for case in cases:
        key = bench_table.upstream_key(case, params.get((board, case), {}))
        if key:
            pair = tuple(figures.get((board, config) + key)
                         for config in ("mcs-fastpath", "mcs-slowpath"))
            if any(v is not None for v in pair):
                out[case] = pair
    return out


def board_section(board, mode, summary, params, figures, out):
    commit = latest_commit(summary, board, mode)
    rows = summary[(summary["board"] == board) & (summary["mode"] == mode) &
                   (summary["commit"] == commit)]
    unit = bench_table.UNITS.get(mode, "counter ticks").split(" (")[0]
    pairs = ratios.fastpath_slowpath(rows)
    multiples = ratios.hardware_limit_multiples(rows)
    order = list(dict.fromkeys(rows["case"]))
    pairs = pairs.set_index("case").reindex(order).reset_index()
    # Upstream's figures are icount path lengths: beside our icount numbers only.
    upstream = upstream_of(board, order, params, figures) if mode == "icount" else {}
    limits = {v: rows[(rows["variant"] == v) & (rows["case"] == ratios.HW_LIMIT_CASE)]
              ["minimum" if mode == "icount" else "median"].min() for v in ("fastpath",
                                                                         "slowpath")}
    ipc = pairs[pairs["case"].str.startswith(ratios.IPC_PREFIX)]
    parts = [f'<h2 id="{esc(board)}-{esc(mode)}">{esc(board)} ({esc(mode)}), commit '
             f'{esc(commit)}</h2>']
    identical = (pairs["fastpath"] == pairs["slowpath"]).all()
    if identical:
        parts.append('<p class="note">The fastpath and slowpath builds gave identical figures: '
                     'this kernel has no fastpath yet (FASTPATH changes nothing), so the '
                     'fastpath bars show the slowpath.</p>')
    if not ipc.empty:
        name = f"{board}-{mode}-ipc-matrix.png"
        plots.ipc_matrix(ipc, limits, unit, f"{board} ({mode}, {commit}): IPC cases, "
                         f"fastpath against slowpath", out / name, upstream)
        parts.append(f'<p><img src="{esc(name)}" alt="IPC matrix of {esc(board)}"></p>')
    parts.append(latest_table(pairs, multiples, upstream, unit))
    parts.append(history_part(board, mode, summary, unit, out))
    return "\n".join(parts)


def latest_table(pairs, multiples, upstream, unit):
    wide = multiples.pivot_table(index="case", columns="variant", values="multiple",
                                 aggfunc="first")
    head = ("<tr><th>case</th><th>fastpath (ours)</th><th>slowpath (ours)</th>"
            "<th>fastpath / slowpath</th><th>fastpath / hw limit</th>"
            "<th>slowpath / hw limit</th><th class=upstream>upstream seL4 (MCS) fastpath</th>"
            "<th class=upstream>upstream seL4 (MCS) slowpath</th></tr>")
    lines = [f'<table><caption>Latest numbers, in {esc(unit)} (smallest sample in icount '
             f'mode, median otherwise; counter overhead included). The shaded columns are '
             f'upstream seL4\'s own figures, never ours, shown where a case measures the same '
             f'thing.</caption>', head]
    for _, row in pairs.iterrows():
        case = row["case"]
        up = upstream.get(case, (None, None))
        cells = [esc(case), number(row["fastpath"]), number(row["slowpath"]),
                 number(row["ratio"])]
        for variant in ("fastpath", "slowpath"):
            value = wide[variant].get(case) if variant in wide else None
            cells.append(number(value))
        cells += [number(up[0]), number(up[1])]
        lines.append("<tr>" + "".join(
            f'<td{" class=upstream" if i >= 6 else ""}>{c}</td>' for i, c in enumerate(cells))
            + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def history_part(board, mode, summary, unit, out):
    rows = summary[(summary["board"] == board) & (summary["mode"] == mode)]
    series = history.history(rows, KEY_CASES)
    if series.empty:
        return ""
    name = f"{board}-{mode}-history.png"
    commits = series["commit"].nunique()
    plots.history(series, unit, f"{board} ({mode}): key cases over {commits} commit(s); "
                  f"change points by PELT", out / name)
    changes = series[series["change"]]
    listed = ", ".join(f"{r.case} ({r.variant}) at {r.commit}" for r in changes.itertuples()) \
        or "none"
    return (f'<h3>History</h3><p><img src="{esc(name)}" alt="history of {esc(board)}"></p>'
            f'<p class="note">Change points (PELT, Killick et al. 2012): {esc(listed)}.</p>')


def distribution_part(board, mode, data, out):
    commit = data.sort_values("date")["commit"].iloc[-1]
    rows = data[data["commit"] == commit]
    # Each case relative to its own median, so that the shapes of short and long cases show
    # on one axis.
    rows = rows[rows["case"].isin(KEY_CASES) | rows["case"].str.startswith(ratios.IPC_PREFIX)]
    samples = {f"{case} ({variant})": group["value"].to_numpy() / group["value"].median()
               for (case, variant), group in rows.groupby(["case", "variant"])}
    chosen = dict(list(samples.items())[:DISTRIBUTION_CASES])
    name = f"{board}-{mode}-distributions.png"
    plots.distributions(chosen, "sample / the case's median", f"{board} ({mode}, {commit}): "
                        f"raw samples of {len(chosen)} cases", out / name)
    return (f'<h3>Sample distributions ({esc(mode)}: noisy)</h3>'
            f'<p><img src="{esc(name)}" alt="distributions of {esc(board)}"></p>')


def profile_part(board, results_root, out):
    """Flame graphs of the path profiles kept for `board` (harness profile --store: folded
    stacks under <results>/profiles/<board>/), one per profiled case and variant."""
    folder = pathlib.Path(results_root) / "profiles" / board
    parts = []
    for path in sorted(folder.glob("*.folded")):
        comments, stacks = profile_output.read_folded(path)
        if not stacks:
            continue
        name = f"{board}-profile-{path.stem}.png"
        profile_output.flame_graph(stacks, f"{board}: {path.stem}", out / name)
        parts.append(f'<p class="note">{esc(comments[0] if comments else path.stem)}</p>'
                     f'<p><img src="{esc(name)}" alt="flame graph of {esc(path.stem)} on '
                     f'{esc(board)}"></p>')
    if not parts:
        return ""
    return ("<h3>Where the instructions go: path profiles (harness profile)</h3>"
            '<p class="note">Each box is a function, as wide as the guest instructions per '
            "iteration spent in it and below it; kernel call chains rebuilt from call and "
            "return instructions, user code as its function alone.</p>" + "\n".join(parts))


def exit_counts(kvm_exits):
    """(window, total, {reason: count}) of a result's kvm_exits: schema_version 2's document,
    or version 1's bare map (window unknown)."""
    if "by_reason" in kvm_exits:
        return kvm_exits["window"], kvm_exits["total"], kvm_exits["by_reason"]
    return "unknown", sum(kvm_exits.values()), kvm_exits


def vm_exits_part(board, mode, documents):
    """The VM exits (perf's kvm:kvm_exit, by reason) of the latest kvm result of each
    variant; empty when there is none."""
    latest = {}
    for d in documents:
        if d["board"] == board and d["mode"] == mode and d.get("kvm_exits") is not None and \
                (d["variant"] not in latest or d["date"] > latest[d["variant"]]["date"]):
            latest[d["variant"]] = d
    rows = []
    for variant, d in sorted(latest.items()):
        window, total, reasons = exit_counts(d["kvm_exits"])
        listed = ", ".join(f"{esc(r)} {n}" for r, n in
                           sorted(reasons.items(), key=lambda item: (-item[1], item[0])))
        rows.append(f"<tr><td>{esc(variant)}</td><td>{esc(d['commit'][:12])}</td>"
                    f"<td>{esc(window)}</td><td>{total}</td><td>{listed or '-'}</td>"
                    f"</tr>")
    if not rows:
        return ""
    return ('<h3>VM exits (kvm:kvm_exit, perf)</h3><table><tr><th>variant</th><th>commit</th>'
            '<th>window</th><th>exits</th><th>by reason</th></tr>' + "".join(rows) +
            '</table><p class="note">Window "cases": from sel4bench\'s header line to its end '
            'line; "run": the whole QEMU run.</p>')


def build(results_root, out_dir, figures=None):
    """Write the report of every result under `results_root` into `out_dir`; the path of its
    index.html."""
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    documents = [store.read(p) for p in store.results_in(results_root)]
    if not documents:
        raise ValueError(f"no results under {results_root}")
    data = load.frame(documents)
    summary = load.summary(data)
    params = params_of(documents)
    figures = bench_table.load_upstream() if figures is None else figures
    sections = []
    for (board, mode), _ in summary.groupby(["board", "mode"]):
        sections.append(board_section(board, mode, summary, params, figures, out))
        if mode == "icount":
            sections.append(profile_part(board, results_root, out))
        if mode in NOISY_MODES:
            sections.append(distribution_part(board, mode, data[(data["board"] == board) &
                                                                 (data["mode"] == mode)], out))
        if mode == "kvm":
            sections.append(vm_exits_part(board, mode, documents))
    index = out / "index.html"
    made = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = (f"<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>sel4perf results"
            f"</title>{STYLE}</head><body>\n<h1>sel4perf: benchmark results</h1>\n"
            f'<p class="note">Made {made} from {len(documents)} result file(s). Units: guest '
            f"instructions in icount mode (exact path lengths), cycles in kvm and log modes. "
            f"Upstream seL4's figures come from its own sel4bench under the same QEMU icount "
            f"setting (harness/reference/upstream-sel4-icount.csv) and are always labelled "
            f'as upstream\'s.</p>\n<p id="figure-check" data-verdict="pending">figures not '
            f"checked yet</p>\n" + "\n".join(sections) + f"\n{CHECK_SCRIPT}\n</body></html>\n")
    store.write_atomically(index, page)
    return index
