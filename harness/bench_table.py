"""The per-board benchmark table: each case of the sel4bench runs of one board (fastpath and
slowpath builds), next to the hardware-limit round trip, the null syscall and upstream seL4's
figure where a case matches one of reference/upstream-sel4-icount.csv.

table() computes plain data from parsed runs (harness/protocol.py); render() turns it into
text. Cases are matched with upstream's by their parameter fields, never by parsing the id.
"""
import csv
import dataclasses
import statistics

from harness import REPO_ROOT

UPSTREAM_CSV = REPO_ROOT / "harness" / "reference" / "upstream-sel4-icount.csv"
UPSTREAM_LABEL = "upstream seL4 (MCS)"
HW_LIMIT_CASE = "hw_limit_round_trip"
NULL_SYSCALL_CASE = "null_syscall"
VARIANTS = ("fastpath", "slowpath")
UNITS = {"icount": "guest instructions (icount: the counter advances one per instruction)",
         "tcg": "counter ticks (tcg: smoke run, the numbers mean nothing)",
         "kvm": "cycles", "log": "cycles"}


@dataclasses.dataclass(frozen=True)
class Row:
    id: str
    minimum: dict          # variant -> smallest sample, or None if that variant lacks the case
    spread: dict           # variant -> (min, median, max)
    hw_limit_multiple: dict  # variant -> minimum / the hardware-limit round trip
    upstream: dict         # "mcs-fastpath"/"mcs-slowpath" -> instructions, where one matches


@dataclasses.dataclass(frozen=True)
class Table:
    board: str
    mode: str
    unit: str
    samples: int
    overhead: dict         # variant -> the counter overhead reported with the cases
    hw_limit: dict         # variant -> minimum of the hardware-limit round trip
    null_syscall: dict
    rows: list
    identical_variants: bool  # every case the same in both builds


def load_upstream(path=UPSTREAM_CSV):
    """{(board, sel4_config, case, same_address_space, message_words): instructions}, with
    same_address_space a bool or None and message_words an int or None."""
    figures = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            same = {"true": True, "false": False}.get(row["same_address_space"])
            words = int(row["message_words"]) if row["message_words"] else None
            figures[row["board"], row["sel4_config"], row["case"], same, words] = \
                int(row["instructions"])
    return figures


def upstream_key(case_id, params):
    """(case, same_address_space, message_words) of upstream's table that means the same
    measurement as this case, or None: one-way Call and ReplyRecv with an active partner of
    the same priority (upstream's setting), Signal to a waiting thread of higher or lower
    priority, and the null syscall (the one case without parameters upstream has)."""
    path, priority = params.get("path"), params.get("partner_priority")
    same = {"same": True, "cross": False}.get(params.get("address_space"))
    if path in ("call", "reply_recv") and priority == "same" and \
            not params.get("passive_server"):
        return (f"ipc_{path}", same, params.get("length"))
    if path == "signal" and priority in ("higher", "lower"):
        return (f"signal_{priority}_prio", same, 0)
    if case_id == NULL_SYSCALL_CASE:
        return (NULL_SYSCALL_CASE, None, None)
    return None


def case_minimum(run, case_id):
    case = run.case(case_id) if run else None
    return min(case.samples) if case else None


def make_row(case_id, params, runs, hw_limit, upstream, board):
    minimum, spread, multiple = {}, {}, {}
    for variant, run in runs.items():
        case = run.case(case_id)
        if not case:
            minimum[variant] = None
            continue
        minimum[variant] = min(case.samples)
        spread[variant] = (min(case.samples), statistics.median(case.samples), max(case.samples))
        if hw_limit.get(variant) and case_id != "counter_overhead":
            multiple[variant] = minimum[variant] / hw_limit[variant]
    key = upstream_key(case_id, params)
    figures = {}
    if key:
        for config in ("mcs-fastpath", "mcs-slowpath"):
            value = upstream.get((board, config) + key)
            if value is not None:
                figures[config] = value
    return Row(case_id, minimum, spread, multiple, figures)


def table(board, mode, runs, upstream=None):
    """The Table of one board from {variant: protocol.Run}."""
    upstream = load_upstream() if upstream is None else upstream
    hw_limit = {v: case_minimum(r, HW_LIMIT_CASE) for v, r in runs.items()}
    null = {v: case_minimum(r, NULL_SYSCALL_CASE) for v, r in runs.items()}
    ordered = []
    for run in runs.values():
        for case in run.cases:
            if case.id not in [c for c, _ in ordered]:
                ordered.append((case.id, case.params))
    rows = [make_row(c, p, runs, hw_limit, upstream, board) for c, p in ordered]
    samples = {len(c.samples) for r in runs.values() for c in r.cases}
    overhead = {v: (r.cases[0].overhead if r.cases else None) for v, r in runs.items()}
    both = all(v in runs for v in VARIANTS)
    identical = both and ([c.samples for c in runs["fastpath"].cases] ==
                          [c.samples for c in runs["slowpath"].cases])
    return Table(board, mode, UNITS.get(mode, "counter ticks"), max(samples, default=0),
                 overhead, hw_limit, null, rows, identical)


def cell(value, width):
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        return f"{value:.2f}x".rjust(width)
    return str(value).rjust(width)


def render(t):
    """The table as text, with its legend."""
    variants = [v for v in VARIANTS if v in t.hw_limit]
    lines = [f"== {t.board} ({t.mode}) — unit: {t.unit}; minimum of {t.samples} samples each, "
             f"counter overhead ({', '.join(f'{v} {t.overhead[v]}' for v in variants)}) "
             f"included, not subtracted",
             "   " + "; ".join(f"{v}: hardware-limit round trip {t.hw_limit[v]}, null syscall "
                              f"{t.null_syscall[v]}" for v in variants)]
    if t.identical_variants:
        lines.append("   fastpath and slowpath builds gave identical counts: this kernel has "
                     "no fastpath yet (FASTPATH changes nothing)")
    width = max(len(r.id) for r in t.rows) if t.rows else 10
    head = f"{'case':<{width}}"
    for v in variants:
        head += f" {v:>9} {'/hw-lim':>8}"
    head += f" | {UPSTREAM_LABEL + ': fastpath':>27} {'slowpath':>9}"
    lines += [head, "-" * len(head)]
    for r in t.rows:
        line = f"{r.id:<{width}}"
        for v in variants:
            line += f" {cell(r.minimum.get(v), 9)} {cell(r.hw_limit_multiple.get(v), 8)}"
        if r.upstream:
            line += (f" | {cell(r.upstream.get('mcs-fastpath'), 27)} "
                     f"{cell(r.upstream.get('mcs-slowpath'), 9)}")
        lines.append(line)
    varying = [r for r in t.rows if any(lo != hi for lo, _, hi in r.spread.values())]
    if varying:
        worst = max(varying, key=lambda r: max(hi - lo for lo, _, hi in r.spread.values()))
        lo, median, hi = next(iter(worst.spread.values()))
        lines.append(f"   cases with samples above their minimum (the kernel's timer "
                     f"interrupts): {len(varying)}; widest: {worst.id} min {lo}, median "
                     f"{median:g}, max {hi}. Raw samples are in the logs.")
    lines.append(f"   {UPSTREAM_LABEL}: upstream's own figures under the same QEMU icount "
                 f"setting (harness/reference/upstream-sel4-icount.csv), shown only where a "
                 f"case measures the same thing; never ours.")
    return "\n".join(lines)
