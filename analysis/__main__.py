"""The analysis CLI: `/usr/bin/python3 -m analysis compare|history|report|gate` (see --help).

compare: one commit against another (default: the latest against the baseline commit);
history: each key case across commits with its change points; report: the HTML report;
gate: the current results (--current, a folder) against the committed baselines, exit 1 on a
regression, with a table of what grew and by how much.
"""
import argparse
import sys

import pandas as pd

from analysis import baselines, compare, gate, history, load, report
from harness import store

EXIT_REGRESSION = 1
EXIT_ERROR = 2


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python3 -m analysis",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=str(store.RESULTS_ROOT))
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("compare", help="a commit against another")
    c.add_argument("--base", help="base commit (default: the baseline's)")
    c.add_argument("--new", help="new commit (default: the latest run)")
    c.add_argument("--mode", default="icount")
    c.add_argument("--threshold", type=float, default=compare.DEFAULT_THRESHOLD)
    h = commands.add_parser("history", help="key cases across commits, with change points")
    h.add_argument("--case", action="append", help="a case (repeatable)")
    r = commands.add_parser("report", help="the static HTML report")
    r.add_argument("--out", default="build/report")
    g = commands.add_parser("gate", help="current results against the committed baselines")
    g.add_argument("--current", required=True, help="folder of the current results")
    g.add_argument("--profile-diff", type=int, default=0, metavar="N",
                   help="on a failure, print `harness profile-diff` of the first N regressed "
                        "cases against the baseline's commit")
    return parser.parse_args(argv)


def show(frame, columns):
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(frame[columns].to_string(index=False))


def command_compare(args):
    data = load.load(args.results)
    data = data[data["mode"] == args.mode]
    if data.empty:
        print(f"analysis: no {args.mode} results under {args.results}", file=sys.stderr)
        return EXIT_ERROR
    new = args.new or compare.latest_commit(data)
    base = args.base or next(iter({e["commit"] for (b, m, v), e in
                                   baselines.read(args.results).items() if m == args.mode}),
                             None)
    if not base:
        print("analysis: no --base and no baseline", file=sys.stderr)
        return EXIT_ERROR
    table = compare.compare(compare.select_commit(data, base), compare.select_commit(data, new),
                            args.threshold)
    print(f"{new} against {base} ({args.mode}):")
    show(table, compare.COLUMNS)
    return EXIT_REGRESSION if (table["verdict"] == "regression").any() else 0


def command_history(args):
    summary = load.summary(load.load(args.results))
    series = history.history(summary, args.case or list(report.KEY_CASES))
    show(series, ["board", "mode", "variant", "case", "commit", "value", "change"])
    return 0


def command_report(args):
    print(f"report: {report.build(args.results, args.out)}")
    return 0


def command_gate(args):
    verdict = gate.gate(args.current, args.results)
    table = verdict.table
    print(f"bench gate: {len(table)} cases compared with the committed baselines "
          f"({args.results}/baselines.toml)")
    if not verdict.regressions.empty:
        print("REGRESSIONS (what grew, by how much):")
        show(verdict.regressions, ["board", "variant", "case", "base", "new", "change",
                                   "relative", "threshold", "verdict"])
    if not verdict.improvements.empty:
        print("improvements (reported, not failing):")
        show(verdict.improvements, ["board", "variant", "case", "base", "new", "change",
                                    "relative"])
    for key in verdict.missing_baselines:
        print(f"no baseline for {' '.join(key)}: accept one with `harness baseline accept`")
    if not verdict.passed and args.profile_diff:
        for line in gate.profile_diffs(verdict, args.results, args.profile_diff):
            print(line, flush=True)
    counts = table["verdict"].value_counts().to_dict()
    print("bench gate: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) +
          f" -> {'passed' if verdict.passed else 'FAILED'}")
    return 0 if verdict.passed else EXIT_REGRESSION


def main(argv=None):
    args = parse_args(argv)
    commands = {"compare": command_compare, "history": command_history,
                "report": command_report, "gate": command_gate}
    try:
        return commands[args.command](args)
    except (store.StoreError, baselines.BaselineError, ValueError) as e:
        print(f"analysis: {e}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
