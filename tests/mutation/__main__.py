"""Mutation testing of the kernel: one command.

    /usr/bin/python3 -m tests.mutation --all                 # every mutant, arch decoders too
    /usr/bin/python3 -m tests.mutation --sample 40 --seed 1  # a seeded sample
    /usr/bin/python3 -m tests.mutation --list                # the mutants, without running
    /usr/bin/python3 -m tests.mutation --all --jobs 2        # two mutants at a time

Prints one line per mutant as it goes, then the kill rate per folder and every survivor as
file:line with the mutation. Mutants listed in tests/mutation/equivalent.toml (they cannot
change behaviour) are not run. Exit status 1 if any other mutant survived.
"""
import argparse
import collections
import functools
import pathlib
import random
import re
import shutil
import subprocess
import sys
import threading

from harness import REPO_ROOT
from tests.mutation import equivalents, operators, runner

# The generic kernel's folders, mutated on the default board.
FOLDERS = ("kernel/object", "kernel/core", "kernel/api")
# Each arch's decoders (invocations of its own objects, and its halves of the generic frame,
# IRQ and ASID decoders); their mutants run on that arch's board (runner.board_for).
ARCH_DECODERS = (
    "kernel/arch/aarch64/frame.c", "kernel/arch/aarch64/irq_control.c",
    "kernel/arch/aarch64/object.c", "kernel/arch/aarch64/page_table.c",
    "kernel/arch/aarch64/vspace_root.c",
    "kernel/arch/riscv64/frame.c", "kernel/arch/riscv64/irq_control.c",
    "kernel/arch/riscv64/object.c", "kernel/arch/riscv64/page_table.c",
    "kernel/arch/x86_64/frame.c", "kernel/arch/x86_64/io_port.c", "kernel/arch/x86_64/irq.c",
    "kernel/arch/x86_64/object.c", "kernel/arch/x86_64/page_table.c",
)
# What --all mutates unless --folders says otherwise.
TARGETS = FOLDERS + ARCH_DECODERS


def source_files(targets, source=REPO_ROOT):
    """The .c files of `targets` (repository-relative folders, or .c files themselves)."""
    for target in targets:
        if target.endswith(".c"):
            yield source / target
        else:
            yield from sorted((source / target).glob("*.c"))


def collect(folders, source=REPO_ROOT, ops=operators.OPERATORS, only=None):
    """Every mutant of the .c files in `folders` (repository-relative folders or files), in a
    stable order."""
    found = []
    for path in source_files(folders, source):
        relative = path.relative_to(source).as_posix()
        if only and only not in relative:
            continue
        found.extend(operators.mutants_of(relative, path.read_text(), ops))
    return found


def select(mutants, sample=None, seed=0):
    if sample is None or sample >= len(mutants):
        return list(mutants)
    chosen = random.Random(seed).sample(range(len(mutants)), sample)
    return [mutants[i] for i in sorted(chosen)]


def folder_of(path):
    return str(pathlib.PurePosixPath(path).parent)


def summarize(results, skipped, out=sys.stdout):
    """Print the kill rate per folder and the survivors; return the survivors."""
    table = collections.defaultdict(collections.Counter)
    for result in results:
        table[folder_of(result.mutant.path)][result.outcome] += 1
    for mutant in skipped:
        table[folder_of(mutant.path)]["equivalent"] += 1
    print("\nfolder                killed/valid  rate    invalid  equivalent", file=out)
    total = collections.Counter()
    for folder in sorted(table):
        counts = table[folder]
        total.update(counts)
        print_row(folder, counts, out)
    print_row("all", total, out)
    survivors = [r for r in results if r.outcome == "survived"]
    print(f"\n{len(survivors)} survivors", file=out)
    for result in survivors:
        print("  " + result.mutant.describe(), file=out)
    return survivors


def print_row(name, counts, out):
    valid = counts["killed"] + counts["survived"]
    rate = f"{100.0 * counts['killed'] / valid:5.1f} %" if valid else "  -   "
    print(f"{name:20} {counts['killed']:5}/{valid:<5}  {rate}  {counts['invalid']:7}  "
          f"{counts['equivalent']:10}", file=out)


def run(mutants, roots, default_board=runner.DEFAULT_BOARD, out=sys.stdout):
    """Run `mutants` (equivalent ones skipped) in the scratch copies `roots` (one folder, or a
    list of them: one job each, working through the mutants in turn); return (results, skipped),
    the results in the order of `mutants`. Result lines are printed as mutants finish, each
    whole, numbered in order of finishing."""
    roots = [roots] if isinstance(roots, (str, pathlib.Path)) else list(roots)
    known = equivalents.load()
    skipped = [m for m in mutants if m.key in known]
    to_run = [m for m in mutants if m.key not in known]
    tested = [m for m in to_run if not runner.benchmark_only(m.path)]
    boards_needed = set().union(*(runner.boards_for(m.path, default_board) for m in tested))
    generic = any(runner.boards_for(m.path, default_board)[0] == default_board for m in to_run)
    bench_board = default_board if generic else None
    scratches = [runner.Scratch(root, boards_needed or {default_board}, bench_board)
                 for root in roots]
    print(f"mutation: {len(to_run)} mutants to run ({len(skipped)} equivalent skipped) "
          f"in {', '.join(str(root) for root in roots)}", file=out, flush=True)
    in_parallel([scratch.prepare for scratch in scratches])
    results = [None] * len(to_run)
    pending = iter(enumerate(to_run))
    lock = threading.Lock()
    finished = 0

    def work(scratch):
        nonlocal finished
        while True:
            with lock:
                index, mutant = next(pending, (None, None))
            if mutant is None:
                return
            result = scratch.try_mutant(mutant, default_board)
            stage = f" ({result.stage})" if result.stage else ""
            with lock:
                results[index] = result
                finished += 1
                print(f"[{finished}/{len(to_run)}] {result.outcome}{stage} "
                      f"{result.seconds:.1f} s  {mutant.describe()}", file=out, flush=True)

    in_parallel([functools.partial(work, scratch) for scratch in scratches])
    return results, skipped


def in_parallel(calls):
    """Call each of `calls` in a thread of its own and wait for all; re-raise the first
    exception any raised. The jobs spend their time waiting on builds and QEMU."""
    errors = []

    def guarded(call):
        try:
            call()
        except BaseException as e:  # reported to the caller below
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(call,), daemon=True) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m tests.mutation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every mutant")
    which.add_argument("--sample", type=int, help="a seeded random sample of this many")
    which.add_argument("--summarize", metavar="LOG", nargs="+", help="summarize the output of "
                       "earlier runs again (each mutant by the last log that ran it), for the "
                       "mutants the tree has now, with the current list of equivalent mutants")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folders", nargs="+", default=list(TARGETS),
                        help="repository folders or .c files to mutate (default: the generic "
                        "folders %s and each arch's decoders)" % ", ".join(FOLDERS))
    parser.add_argument("--file", help="only files whose path contains this")
    parser.add_argument("--operators", nargs="+", default=list(operators.OPERATORS),
                        choices=operators.OPERATORS)
    parser.add_argument("--board", default=runner.DEFAULT_BOARD,
                        help="board for mutants of generic code (default: %(default)s)")
    parser.add_argument("--rev", help="mutate this commit instead of the working tree")
    parser.add_argument("--scratch", help="scratch folder to use and keep (default: a "
                        "temporary one, removed afterwards)")
    parser.add_argument("--jobs", type=int, default=1, help="run this many mutants at a time, "
                        "each job in a scratch copy of its own (with --scratch DIR, the second "
                        "job's is DIR-job2, and so on); result lines may come out of order")
    parser.add_argument("--first", nargs="+", default=[], metavar="TARGET",
                        help="run the mutants of these folders or .c files before the others "
                        "(e.g. the ones no earlier run covered)")
    parser.add_argument("--shuffle", type=int, metavar="SEED", help="run the mutants in a "
                        "seeded random order (--first's still first), so that a run stopped "
                        "early has sampled every file")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--rerun", metavar="LOG", nargs="+", help="only the mutants that "
                        "survived in the output of earlier runs (each by the last log that ran "
                        "it), or that none ran (new since; matched by text, not line number)")
    args = parser.parse_args(argv)

    if args.summarize:
        logs = [pathlib.Path(log).read_text() for log in args.summarize]
        return 1 if summarize_logs(logs, collect_args(args, REPO_ROOT)) else 0
    if args.list and not args.rev:
        return list_mutants(select_args(args, REPO_ROOT))
    if args.jobs < 1:
        parser.error("--jobs needs at least 1")
    roots = []
    try:
        for job in range(1, (1 if args.list else args.jobs) + 1):
            roots.append(runner.make_scratch(scratch_folder(args.scratch, job), args.rev))
        mutants = select_args(args, roots[0])
        if args.list:
            return list_mutants(mutants)
        print(f"mutation: tree {tree_name(args.rev)}", flush=True)
        results, skipped = run(mutants, roots, args.board)
    finally:
        if not args.scratch:
            for root in roots:
                shutil.rmtree(root, ignore_errors=True)
    survivors = summarize(results, skipped)
    return 1 if survivors else 0


def tree_name(rev):
    """What is mutated, for the log: `rev` resolved to its commit, else the working tree's
    commit, marked if the tree has uncommitted changes."""
    commit = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", rev or "HEAD"],
                            check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    if rev:
        return commit
    changes = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain"],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    return commit + (" with uncommitted changes" if changes.strip() else "")


def scratch_folder(scratch, job):
    """The scratch folder of job `job` (counted from 1): `scratch` itself for the first, a
    sibling named after it for each other; None (a temporary folder) without `scratch`."""
    if not scratch:
        return None
    return scratch if job == 1 else f"{scratch.rstrip('/')}-job{job}"


def collect_args(args, source):
    """The mutants of the command line's folders, file and operators in the tree at `source`."""
    return collect(args.folders, source, tuple(args.operators), args.file)


def select_args(args, source):
    """The mutants the command line asks for, found in the tree at `source`."""
    mutants = collect_args(args, source)
    if args.rerun:
        mutants = unsettled(mutants, [pathlib.Path(log).read_text() for log in args.rerun])
    mutants = select(mutants, None if args.all else args.sample, args.seed)
    return run_order(mutants, args.first, args.shuffle)


def run_order(mutants, first=(), shuffle=None):
    """`mutants` with those of the `first` targets (folders or .c files) before the others,
    each part in its own order, or in a random order seeded by `shuffle`."""
    def in_first(path):
        return any(path == target or folder_of(path) == target.rstrip("/") for target in first)

    shuffled = random.Random(shuffle)
    keys = {id(m): (not in_first(m.path), shuffled.random() if shuffle is not None else i)
            for i, m in enumerate(mutants)}
    return sorted(mutants, key=lambda m: keys[id(m)])


RESULT_LINE = re.compile(r"^\[\d+/\d+\] (\w+)(?: \(.*?\))? [\d.]+ s  (\S+?):(\d+): (\w+)"
                         r"(?: #(\d+))?: (.*?)  =>  (.*)$", re.MULTILINE)


def logged_results(log):
    """(outcome, Mutant) for each result line of an earlier run's output (no offsets)."""
    for outcome, path, line, operator, nth, text, mutated in RESULT_LINE.findall(log):
        yield outcome, operators.Mutant(path, int(line), operator, 0, 0, "", text, mutated,
                                        int(nth or 1))


def survivor_keys(log):
    """The keys of the mutants an earlier run's output reports as survivors."""
    return {m.key for outcome, m in logged_results(log) if outcome == "survived"}


def latest_outcomes(logs):
    """{mutant key: outcome} over earlier runs' output, each by the last of `logs` that ran it."""
    return {mutant.key: outcome for log in logs for outcome, mutant in logged_results(log)}


def unsettled(mutants, logs):
    """Those of `mutants` that survived in earlier runs' output (`logs`, the last that ran each
    deciding) or that none ran."""
    latest = latest_outcomes(logs)
    return [m for m in mutants if latest.get(m.key, "survived") == "survived"]


def summarize_logs(logs, mutants, out=sys.stdout):
    """Summarize earlier runs' output again for `mutants` (the tree's now): each by the last
    of `logs` that ran it, with today's list of equivalent mutants. Results of mutants the tree
    no longer has are dropped, and the mutants no log ran are counted; both are said."""
    latest = latest_outcomes(logs)
    known = equivalents.load()
    results, skipped, not_run = [], [], 0
    for mutant in mutants:
        if mutant.key in known:
            skipped.append(mutant)
        elif mutant.key in latest:
            results.append(runner.Result(mutant, latest[mutant.key], "", 0.0))
        else:
            not_run += 1
    dropped = len(latest.keys() - {m.key for m in mutants})
    print(f"mutation: {len(logs)} log(s); {dropped} result(s) of mutants the tree no longer "
          f"has dropped; {not_run} of its mutants in no log", file=out)
    return summarize(results, skipped, out)


def list_mutants(mutants):
    for mutant in mutants:
        print(mutant.describe())
    print(f"{len(mutants)} mutants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
