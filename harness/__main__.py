"""The harness CLI: `/usr/bin/python3 -m harness build|run|bench ...` (see --help).

`run` builds a board, boots a root task under QEMU, streams the serial console here while
keeping it in build/<dir>/logs/<root-task>-<mode>.log, and judges the run by the root task's own
closing line `N passed, M failed` and its declared final status (harness/verdict.py); with --all
(the default) it runs every board and closes with a line per board. It exits 0 only when every
board it ran passed and it ran at least one; SIGTERM or SIGINT stop the guest first. The work is
done by build.py, kvm.py and qemu.py; this module only chooses, prints and sets the exit status.
`bench` (and `run --root-task sel4bench`) makes benchmark builds, runs sel4bench, checks its
protocol (protocol.py), stores one result file per board and variant (store.py, under --results,
default results/) and prints a table per board (bench_table.py); `bench` then writes the HTML
report (analysis/report.py) and prints its path. `parse LOG` stores a log captured elsewhere
(mode `log`: a real board) after the same checks. `lava jobs|import|dispatch` runs the suite
through LAVA (lava_cli.py and lava.py, docs/lava.md): job definitions per (board, variant), the
import of a LAVA job log, and the jobs of a QEMU board run here by lava-run, with no server.
"""
import argparse
import dataclasses
import os
import pathlib
import shutil
import signal
import sys
import time

from boards import board as boards
from harness import (bench_table, bisect, build, kvm, kvm_exits, lava_cli, profile,
                     profile_diff, profile_output, protocol, qemu, store, verdict)
from harness.cli_support import (BENCH_ROOT_TASK, EXIT_ERROR, EXIT_FAILED, EXIT_FOR_KIND,
                                 EXIT_REFUSED, add_results_option, positive, say, shown)

DEFAULT_ROOT_TASK = "boot-test"
DEFAULT_TIMEOUT = 120.0
DEFAULT_REPORT = build.REPO_ROOT / "build" / "report"
SEED_LIMIT = 2**64


@dataclasses.dataclass(frozen=True)
class BoardResult:
    board: str
    verdict: str               # passed, failed, refused, skipped, error
    detail: str
    exit_status: int
    log_path: str = ""
    seconds: float = 0.0


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python3 -m harness", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="configure and build one board")
    build_parser.add_argument("--board", required=True, choices=boards.names())
    add_build_options(build_parser)
    run_parser = commands.add_parser("run", help="build, then boot a root task under QEMU")
    which = run_parser.add_mutually_exclusive_group()
    which.add_argument("--board", choices=boards.names())
    which.add_argument("--all", action="store_true", help="every board (the default)")
    run_parser.add_argument("--mode", default="icount", help="a mode of the board file")
    add_build_options(run_parser)
    run_parser.add_argument("--root-task", default=DEFAULT_ROOT_TASK)
    run_parser.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT,
                            help="seconds")
    run_parser.add_argument("--memory", type=positive(int),
                            help="guest RAM in MiB (default: the board's)")
    run_parser.add_argument("--samples", type=positive(int), help="sel4bench's samples per "
                            "case (--root-task sel4bench; default: the build's, 1000)")
    add_results_option(run_parser)
    bench_parser = commands.add_parser(
        "bench", help="benchmark builds (fastpath and slowpath) of each board run sel4bench; "
                      "a table per board")
    which = bench_parser.add_mutually_exclusive_group()
    which.add_argument("--board", choices=boards.names())
    which.add_argument("--all", action="store_true", help="every board (the default)")
    bench_parser.add_argument("--mode", default="icount", help="a mode of the board file")
    bench_parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)
    bench_parser.add_argument("--samples", type=positive(int),
                              help="samples per case (default: the build's, 1000)")
    bench_parser.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT,
                              help="seconds per guest")
    add_results_option(bench_parser)
    bench_parser.add_argument("--report", default=str(DEFAULT_REPORT),
                              help="folder of the HTML report written after the runs")
    parse_parser = commands.add_parser(
        "parse", help="check a sel4bench serial log captured elsewhere and store its result")
    parse_parser.add_argument("log", help="the serial log")
    parse_parser.add_argument("--board", required=True, help="the board it was captured on")
    parse_parser.add_argument("--mode", default="log", choices=("log", "icount", "kvm", "tcg"))
    parse_parser.add_argument("--host-cpu", help="the CPU of the board (default: unknown)")
    add_results_option(parse_parser)
    baseline_parser = commands.add_parser(
        "baseline", help="record stored results as the accepted baseline (results/baselines.toml)")
    baseline_parser.add_argument("action", choices=("accept",))
    baseline_parser.add_argument("--reason", required=True, help="why this baseline is accepted")
    baseline_parser.add_argument("--commit", help="the commit to accept (default: HEAD)")
    baseline_parser.add_argument("--board", action="append", choices=boards.names(),
                                 help="a board (repeatable; default: every board with results)")
    baseline_parser.add_argument("--mode", default="icount")
    add_results_option(baseline_parser)
    lava_cli.add_lava_commands(commands)
    bisect_parser = commands.add_parser(
        "bisect", help="the first commit that made a case slower (icount; each candidate built "
                       "in a scratch git worktree)")
    bisect_parser.add_argument("--board", required=True, choices=boards.names())
    bisect_parser.add_argument("--case", required=True, help="a sel4bench case id")
    bisect_parser.add_argument("--good", required=True, help="a commit known not slower")
    bisect_parser.add_argument("--bad", default="HEAD", help="a commit known slower")
    bisect_parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)
    bisect_parser.add_argument("--fastpath", default="on", choices=("on", "off"))
    profile_parser = commands.add_parser(
        "profile", help="every instruction of one case's measured region, by function, line "
                        "and instruction (QEMU's execution log, icount)")
    add_profile_options(profile_parser)
    profile_parser.add_argument("--out", help="folder of the outputs (default: "
                                "build/profile/<board>-<case>-<variant>)")
    profile_parser.add_argument("--store", action="store_true", help="also keep the folded "
                                "stacks under --results/profiles/ for the report")
    add_results_option(profile_parser)
    diff_parser = commands.add_parser(
        "profile-diff", help="the functions and lines of a case that gained or lost "
                             "instructions between two commits")
    diff_parser.add_argument("commit_a")
    diff_parser.add_argument("commit_b")
    add_profile_options(diff_parser)
    return parser.parse_args(argv)


def add_profile_options(parser):
    parser.add_argument("--board", default="qemu-x86_64", choices=boards.names())
    parser.add_argument("--case", required=True, help="a sel4bench case id")
    parser.add_argument("--variant", default="fastpath", choices=("fastpath", "slowpath"))
    parser.add_argument("--iterations", type=positive(int), default=profile.DEFAULT_ITERATIONS,
                        help="measured iterations after the warm-up")
    parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)


def add_build_options(parser):
    parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)
    parser.add_argument("--fastpath", default="on", choices=("on", "off"))
    parser.add_argument("--fuzz-seed", type=fuzz_seed, help="the fuzz root task's seed, "
                        "1 to 2**64-1, decimal or 0x hex (default: the build's, "
                        "cmake/options.cmake)")


def fuzz_seed(text):
    """An argparse type: a seed the fuzzer's generator can use (never 0, which would make it
    produce one invocation over and over)."""
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if not 0 < value < SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"must be 1 to 2**64-1 (0 would make every "
                                         f"invocation the same), got {text}")
    return value


def echo(stream, chunk):
    out = sys.stdout if stream == "serial" else sys.stderr
    out.buffer.write(chunk)
    out.buffer.flush()


def command_build(args):
    fastpath = args.fastpath == "on"
    directory = build.build_dir(args.board, args.toolchain, fastpath)
    say(f"building {args.board} ({args.toolchain}, {build.VARIANTS[fastpath]}) in {directory}")
    try:
        manifest = build.build(args.board, args.toolchain, fastpath, fuzz_seed=args.fuzz_seed)
    except build.BuildError as e:
        say(f"build failed: {e}")
        return EXIT_ERROR
    for name, files in manifest["root_tasks"].items():
        print(f"{name}: kernel {files['kernel']}" + (f", initrd {files['initrd']}"
                                                     if files.get("initrd") else ""))
    return 0


def command_run(args):
    problem = unknown_mode(args.mode)
    if problem:
        say(problem)
        return EXIT_ERROR
    if args.board:
        result = run_board(args.board, args, skip_missing_mode=False)
        print(summary_line(result))
        return result.exit_status
    results = [run_board(name, args, skip_missing_mode=True) for name in boards.names()]
    for result in results:
        print(summary_line(result))
    if all(r.verdict == "skipped" for r in results):
        say(f"nothing ran: no board has mode '{args.mode}'")
        return EXIT_ERROR
    return 0 if all(r.verdict in ("passed", "skipped") for r in results) else EXIT_FAILED


def unknown_mode(mode):
    """Why `mode` is no mode of any (loadable) board, or None when some board has it."""
    known = set()
    for name in boards.names():
        try:
            known |= set(boards.load(name).get("modes", {}))
        except boards.BoardError:
            continue
    if mode in known:
        return None
    return f"unknown mode '{mode}': the boards have {', '.join(sorted(known)) or 'none'}"


def run_board(name, args, skip_missing_mode):
    """Build `name` and boot the root task on it; print as it goes; return a BoardResult."""
    try:
        board = boards.load(name)
    except boards.BoardError as e:
        return BoardResult(name, "error", str(e), EXIT_ERROR)
    if not boards.runs_in_qemu(board):
        return through_lava(board, skip_missing_mode)
    if args.mode not in board.get("modes", {}):
        verdict = "skipped" if skip_missing_mode else "error"
        return BoardResult(name, verdict, f"no mode '{args.mode}'", EXIT_ERROR)
    if kvm.needs_probe(board, args.mode):
        refusal = check_kvm(board, args.mode)
        if refusal:
            return refusal
    return boot(board, args)


def through_lava(board, skip):
    """The BoardResult of a board with no [qemu]: a real board, which runs through LAVA."""
    detail = (f"a real board with no [qemu]: it runs through LAVA (python3 -m harness lava jobs "
              f"--board {board['name']}; docs/lava.md)")
    return BoardResult(board["name"], "skipped" if skip else "error", detail, EXIT_ERROR)


def check_kvm(board, mode):
    say(f"{board['name']}: probing {kvm.KVM_DEVICE} for real hardware virtualisation")
    verdict = kvm.probe(board, mode)
    if verdict.real:
        say(f"{board['name']}: kvm accepted: {verdict.reason}")
        return None
    say(f"{board['name']}: mode {mode} refused: {verdict.reason}. Its numbers would mean "
        f"nothing; use --mode icount.")
    return BoardResult(board["name"], "refused", f"kvm refused: {verdict.reason}", EXIT_REFUSED)


def boot(board, args):
    name, fastpath = board["name"], args.fastpath == "on"
    if args.root_task == BENCH_ROOT_TASK:
        result, run = run_sel4bench(board, args, fastpath, echo)
        if run:
            print(bench_table.render(bench_table.table(name, args.mode,
                                                       {build.VARIANTS[fastpath]: run})))
        return result
    directory = build.build_dir(name, args.toolchain, fastpath)
    missing = missing_qemu(board)
    if missing:
        say(f"{name}: {missing}")
        return BoardResult(name, "error", missing, EXIT_FOR_KIND["missing"])
    log = qemu.log_path(directory, args.root_task, args.mode)
    try:
        qemu.prepare_log(log)
    except qemu.LogError as e:
        say(f"{name}: {e}")
        return BoardResult(name, "error", str(e), EXIT_ERROR)
    say(f"building {name} ({args.toolchain}, {build.VARIANTS[fastpath]}) in {directory}")
    try:
        files = build.root_task_files(build.build(name, args.toolchain, fastpath,
                                                  fuzz_seed=args.fuzz_seed), args.root_task)
    except build.BuildError as e:
        say(f"{name}: build failed: {e}")
        return BoardResult(name, "error", "build failed", EXIT_ERROR)
    say(f"{name}: booting {args.root_task} in mode {args.mode} (timeout {args.timeout:g} s, "
        f"log {os.path.relpath(log)})")
    outcome = qemu.run_root_task(board, files, args.mode, log, args.timeout, args.memory, echo)
    return judge(name, files["expected_status"], outcome)


def run_sel4bench(board, args, fastpath, echo_to=None):
    """Build the benchmark build of one variant, boot sel4bench, parse its protocol. Returns
    (BoardResult, protocol.Run or None)."""
    name, variant = board["name"], build.VARIANTS[fastpath]
    directory = build.build_dir(name, args.toolchain, fastpath, benchmark=True)
    missing = missing_qemu(board)
    if missing:
        say(f"{name}: {missing}")
        return BoardResult(name, "error", missing, EXIT_FOR_KIND["missing"]), None
    log = qemu.log_path(directory, BENCH_ROOT_TASK, args.mode)
    say(f"building {name} ({args.toolchain}, {variant}, benchmark build) in {directory}")
    try:
        files = build.root_task_files(
            build.build(name, args.toolchain, fastpath, benchmark=True,
                        samples=args.samples), BENCH_ROOT_TASK)
    except build.BuildError as e:
        say(f"{name}: build failed: {e}")
        return BoardResult(name, "error", "build failed", EXIT_ERROR), None
    say(f"{name}: booting {BENCH_ROOT_TASK} ({variant}) in mode {args.mode} "
        f"(timeout {args.timeout:g} s, log {os.path.relpath(log)})")
    exits, exits_problem = None, None
    if args.mode == "kvm":
        outcome, exits, exits_problem = run_counting_exits(board, files, args, log, echo_to)
    else:
        outcome = qemu.run_root_task(board, files, args.mode, log, args.timeout, None, echo_to)
    result, run = judge_bench(name, files["expected_status"], outcome)
    if run is None:
        return result, None
    if exits_problem:
        detail = f"VM exits not counted: {exits_problem}; no result stored"
        say(f"{name}: {detail}")
        return BoardResult(name, "error", detail, EXIT_ERROR, result.log_path,
                           result.seconds), None
    if exits is not None:
        say(f"{name}: {kvm_exits.summary(exits)}")
    return store_run(board, args, run, outcome.log_path, result, exits)


def run_counting_exits(board, files, args, log, echo_to):
    """Boot sel4bench under `perf record` of kvm:kvm_exit (kvm mode, issue 13), noting when
    its header and end lines come out. Returns (Outcome, kvm_exits or None, problem or None);
    the perf data stays beside the log."""
    window = kvm_exits.CaseWindow()

    def echo(stream, chunk):
        window(stream, chunk)
        if echo_to:
            echo_to(stream, chunk)
    data = log.with_name(log.name + ".perf.data")
    argv = kvm_exits.wrap(boards.qemu_argv(board, args.mode, files["kernel"],
                                           files.get("initrd")), data)
    outcome = qemu.run(board, argv, log, args.timeout, echo)
    try:
        return outcome, kvm_exits.count(data, window), None
    except kvm_exits.KvmExitsError as e:
        return outcome, None, str(e)


def store_run(board, args, run, log, result, exits=None):
    """Store a checked run (store.py); a result that cannot be stored fails the board."""
    name = board["name"]
    if run.header["board"] != name:
        detail = f"sel4bench's header names board '{run.header['board']}'; no result stored"
        say(f"{name}: {detail}")
        return BoardResult(name, "failed", detail, EXIT_FAILED, result.log_path,
                           result.seconds), None
    try:
        path = store.write(store.result(run, args.mode, os.path.relpath(log),
                                        qemu=store.qemu_version(board["qemu"]["binary"]),
                                        kvm_exits=exits),
                           args.results)
    except store.StoreError as e:
        say(f"{name}: result not stored: {e}")
        return BoardResult(name, "error", f"result not stored: {e}", EXIT_ERROR,
                           result.log_path, result.seconds), None
    say(f"{name}: stored {shown(path)}")
    return dataclasses.replace(result, detail=f"{result.detail}; stored {shown(path)}"), run


def judge_bench(name, expected, outcome):
    """(BoardResult, Run or None) of a sel4bench run: it passes when the guest exited with its
    declared status and the log holds an intact protocol run (header, cases, end, CRC32)."""
    def failed(kind, detail, status):
        say(f"{name}: {detail}; last lines of {outcome.log_path}:\n{outcome.tail}")
        return BoardResult(name, kind, detail, status, outcome.log_path, outcome.seconds), None
    if outcome.kind != "exited":
        return failed("failed", f"{outcome.kind}: {outcome.reason}",
                      EXIT_FOR_KIND[outcome.kind])
    try:
        run = protocol.parse(outcome.output)
    except protocol.ProtocolError as e:
        return failed("failed", f"sel4bench log rejected: {e}", EXIT_FAILED)
    if outcome.guest_status != expected:
        return failed("failed", f"{outcome.reason}, expected {expected}", EXIT_FAILED)
    detail = f"{len(run.cases)} cases, end line and CRC32 intact; {outcome.reason}"
    return BoardResult(name, "passed", detail, 0, outcome.log_path, outcome.seconds), run


def command_bench(args):
    """Both variants of every chosen board; a table per board, then a summary line each."""
    problem = unknown_mode(args.mode)
    if problem:
        say(problem)
        return EXIT_ERROR
    results = []
    names = [args.board] if args.board else boards.names()
    progress = Progress(2 * len([n for n in names if n in boards.qemu_names()]))
    for name in names:
        results += bench_board(name, args, skip_missing_mode=not args.board, progress=progress)
    print("\n== summary")
    for result in results:
        print(summary_line(result))
    if all(r.verdict == "skipped" for r in results):
        say(f"nothing ran: no board has mode '{args.mode}'")
        return EXIT_ERROR
    report = write_report(args)
    if report:
        print(f"report: {report}")
    failed = [r for r in results if r.verdict not in ("passed", "skipped")]
    return failed[0].exit_status if failed else 0


def write_report(args):
    """The HTML report of every stored result (analysis/report.py): its path, or None."""
    from analysis import report  # the analysis stack (pandas, matplotlib) only when needed
    try:
        return report.build(args.results, args.report)
    except (OSError, ValueError) as e:
        say(f"report not written: {e}")
        return None


class Progress:
    """Plain progress lines for long runs: which build of how many, and the time left at the
    pace so far."""

    def __init__(self, total):
        self.total, self.done, self.start = total, 0, time.monotonic()

    def begin(self, what):
        left = ""
        if self.done:
            pace = (time.monotonic() - self.start) / self.done
            left = f", about {pace * (self.total - self.done):.0f} s left"
        say(f"[{self.done + 1}/{self.total}] {what}{left}")

    def end(self):
        self.done += 1


def bench_board(name, args, skip_missing_mode, progress=None):
    """The BoardResults of one board's fastpath and slowpath runs; prints its table."""
    try:
        board = boards.load(name)
    except boards.BoardError as e:
        return [BoardResult(name, "error", str(e), EXIT_ERROR)]
    if not boards.runs_in_qemu(board):
        return [through_lava(board, skip_missing_mode)]
    if args.mode not in board.get("modes", {}):
        verdict = "skipped" if skip_missing_mode else "error"
        return [BoardResult(name, verdict, f"no mode '{args.mode}'", EXIT_ERROR)]
    if kvm.needs_probe(board, args.mode):
        refusal = check_kvm(board, args.mode)
        if refusal:
            return [refusal]
    results, runs = [], {}
    for fastpath in (True, False):
        if progress:
            progress.begin(f"{name} {build.VARIANTS[fastpath]}: build, then sel4bench's cases")
        result, run = run_sel4bench(board, args, fastpath)
        if progress:
            progress.end()
        results.append(dataclasses.replace(
            result, board=f"{name} {build.VARIANTS[fastpath]}"))
        if run:
            runs[build.VARIANTS[fastpath]] = run
    if runs:
        print(bench_table.render(bench_table.table(name, args.mode, runs)), flush=True)
    return results


def missing_qemu(board):
    """Why the board's QEMU cannot run here (not on PATH), or None."""
    binary = board["qemu"]["binary"]
    if shutil.which(binary):
        return None
    package = qemu.DEBIAN_PACKAGES.get(os.path.basename(binary))
    return (f"QEMU binary {binary} not found on PATH; " +
            (f"Debian package {package} has it (bash ci/deps.sh installs it)" if package
             else "no Debian package known for it"))


def judge(name, expected, outcome):
    """The BoardResult of an outcome, from the root task's own verdict line and its declared
    final status; a guest that did not exit is reported with its tail."""
    if outcome.kind != "exited":
        say(f"{name}: {outcome.kind}: {outcome.reason}; last lines of {outcome.log_path}:\n"
            f"{outcome.tail}")
        return BoardResult(name, "failed", f"{outcome.kind}: {outcome.reason}",
                           EXIT_FOR_KIND[outcome.kind], outcome.log_path, outcome.seconds)
    judged = verdict.judge(outcome, expected)
    if not judged.passed:
        say(f"{name}: failed: {judged.reason}; last lines of {outcome.log_path}:\n"
            f"{outcome.tail}")
    return BoardResult(name, "passed" if judged.passed else "failed", judged.reason,
                       0 if judged.passed else EXIT_FAILED, outcome.log_path, outcome.seconds)


def summary_line(result):
    line = f"{result.board:<14} {result.verdict:<8} {result.detail}"
    if result.log_path:
        line += f"  [{result.seconds:.1f} s, {os.path.relpath(result.log_path)}]"
    return line


def stop_on_signal(number, _frame):
    """SIGTERM/SIGINT while running: ignore more of them while the guest is stopped (by the
    unwinding of qemu.run_process), then say so in main()."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise qemu.Interrupted(signal.Signals(number).name)


def command_parse(args):
    """Check a log captured elsewhere and store its result; one error line otherwise."""
    if args.board not in boards.names():
        say(f"unknown board '{args.board}': known boards are {', '.join(boards.names())}")
        return EXIT_ERROR
    try:
        text = pathlib.Path(args.log).read_text(errors="replace")
    except OSError as e:
        say(f"cannot read {args.log}: {e.strerror}")
        return EXIT_ERROR
    try:
        run = protocol.parse(text)
    except protocol.ProtocolError as e:
        say(f"{args.log}: sel4bench log rejected at {e}; no result stored")
        return EXIT_FAILED
    if run.header["board"] != args.board:
        say(f"{args.log}: the log's header names board '{run.header['board']}', not "
            f"'{args.board}'; no result stored")
        return EXIT_FAILED
    try:
        path = store.write(store.result(run, args.mode, args.log,
                                        cpu=args.host_cpu or "unknown (captured elsewhere)"),
                           args.results)
    except store.StoreError as e:
        say(f"{args.log}: {e}; no result stored")
        return EXIT_ERROR
    print(f"{args.board} {run.header['variant']}: {len(run.cases)} cases stored in "
          f"{shown(path)}")
    return 0


def command_baseline(args):
    """Record stored results of one commit as the accepted baseline, with the reason."""
    from analysis import baselines
    commit = args.commit or store.git_commit()[0]
    try:
        accepted = baselines.accept(args.results, commit, args.mode, args.reason, args.board)
    except baselines.BaselineError as e:
        say(str(e))
        return EXIT_ERROR
    for board, mode, variant in accepted:
        print(f"baseline {board} {mode} {variant}: {commit[:12]} ({args.reason})")
    return 0


def command_bisect(args):
    """Measure the good commit, then binary-search the path to the bad one."""
    fastpath = args.fastpath == "on"

    def measure(commit):
        return bisect.measure_commit(commit, args.board, args.case, fastpath, args.toolchain)

    def progress(commit, left):
        say(f"bisect: measuring {commit[:12]} ({left} candidate(s) left, about "
            f"{max(1, left.bit_length())} build(s) to go)")
    try:
        commits = bisect.candidates(args.good, args.bad)
        if not commits:
            say(f"no commits between {args.good} and {args.bad}")
            return EXIT_ERROR
        say(f"bisect: measuring the good commit {args.good}")
        good_value = measure(args.good)
        found, measured = bisect.first_slower(commits, good_value, measure, progress)
    except bisect.BisectError as e:
        say(f"bisect stopped: {e}")
        return EXIT_ERROR
    for commit, value in measured.items():
        print(f"{commit[:12]} {args.case} {value} ({value - good_value:+d} against "
              f"{args.good})")
    if found is None:
        print(f"no commit after {args.good} up to {args.bad} makes {args.case} slower than "
              f"{good_value}")
        return EXIT_FAILED
    print(f"first slower commit: {found[:12]}: {args.case} {measured[found]} instructions, "
          f"{args.good} has {good_value}")
    return 0


def command_profile(args):
    """Profile one case; print the summary and the table by function; write the rest."""
    fastpath = args.variant == "fastpath"
    say(f"profiling {args.case} on {args.board} ({args.variant}, {args.iterations} "
        f"iterations; a profile build and a single-step run with the execution log)")
    try:
        found = profile.profile_build(args.board, args.case, fastpath, args.iterations,
                                      args.toolchain)
    except profile.ProfileError as e:
        say(f"profile failed: {e}")
        return EXIT_ERROR
    out = pathlib.Path(args.out or profile.PROFILE_ROOT /
                       f"{args.board}-{args.case}-{args.variant}")
    files = profile_output.write(found, out)
    print(profile_output.summary_line(found))
    print(profile_output.function_table(found))
    if args.store:
        kept = profile_output.stored_path(args.results, args.board, args.case, args.variant)
        kept.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomically(kept, files["folded"].read_text())
        files["stored"] = kept
    for name, path in files.items():
        print(f"{name}: {shown(path)}")
    return 0


def command_profile_diff(args):
    try:
        diff = profile_diff.profile_commits(
            args.commit_a, args.commit_b, args.board, args.case, args.variant == "fastpath",
            args.iterations, args.toolchain, progress=say)
    except (profile.ProfileError, bisect.BisectError) as e:
        say(f"profile-diff failed: {e}")
        return EXIT_ERROR
    print(profile_diff.render(diff, args.commit_a, args.commit_b))
    return 0


def main(argv=None):
    args = parse_args(argv)
    if args.command in ("profile", "profile-diff") and args.board not in boards.qemu_names():
        say(f"{args.board}: the profiler needs QEMU's execution log; this board runs through "
            f"LAVA only (QEMU boards: {', '.join(boards.qemu_names())})")
        return EXIT_ERROR
    if args.command == "profile":
        return command_profile(args)
    if args.command == "profile-diff":
        return command_profile_diff(args)
    if args.command == "bisect":
        return command_bisect(args)
    if args.command == "build":
        return command_build(args)
    if args.command == "parse":
        return command_parse(args)
    if args.command == "baseline":
        return command_baseline(args)
    if args.command == "lava":
        return lava_cli.command_lava(args)
    command = command_bench if args.command == "bench" else command_run
    previous = {number: signal.signal(number, stop_on_signal)
                for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        return command(args)
    except qemu.Interrupted as e:
        where = f"; the incomplete log is {e.log_path}" if e.log_path else ""
        say(f"interrupted by {e.signal_name}: stopped the guest and the run{where}")
        return 128 + signal.Signals[e.signal_name].value
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


if __name__ == "__main__":
    sys.exit(main())
