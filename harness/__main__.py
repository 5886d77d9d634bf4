"""The harness CLI: `/usr/bin/python3 -m harness build|run ...` (see --help).

`run` builds a board, boots a root task under QEMU, streams the serial console here while
keeping it in build/<dir>/logs/<root-task>-<mode>.log, and exits with the guest's status; with
--all (the default) it runs every board and closes with a line per board. The work is done by
build.py, kvm.py and qemu.py; this module only chooses, prints and sets the exit status.
"""
import argparse
import dataclasses
import os
import sys

from boards import board as boards
from harness import build, kvm, qemu

DEFAULT_ROOT_TASK = "boot-test"
DEFAULT_TIMEOUT = 120.0
# Exit statuses when the guest gave none of its own (guest statuses are 0..127).
EXIT_FOR_KIND = {"hung": 131, "crashed": 132, "silent": 133}
EXIT_REFUSED = 134
EXIT_ERROR = 135


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
    run_parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
    run_parser.add_argument("--memory", type=int, help="guest RAM in MiB (default: the board's)")
    return parser.parse_args(argv)


def add_build_options(parser):
    parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)
    parser.add_argument("--fastpath", default="on", choices=("on", "off"))


def say(message):
    print(f"harness: {message}", file=sys.stderr, flush=True)


def echo(stream, chunk):
    out = sys.stdout if stream == "serial" else sys.stderr
    out.buffer.write(chunk)
    out.buffer.flush()


def command_build(args):
    fastpath = args.fastpath == "on"
    directory = build.build_dir(args.board, args.toolchain, fastpath)
    say(f"building {args.board} ({args.toolchain}, {build.VARIANTS[fastpath]}) in {directory}")
    try:
        manifest = build.build(args.board, args.toolchain, fastpath)
    except build.BuildError as e:
        say(f"build failed: {e}")
        return EXIT_ERROR
    for name, files in manifest["root_tasks"].items():
        print(f"{name}: kernel {files['kernel']}" + (f", initrd {files['initrd']}"
                                                     if files.get("initrd") else ""))
    return 0


def command_run(args):
    if args.board:
        result = run_board(args.board, args, skip_missing_mode=False)
        print(summary_line(result))
        return result.exit_status
    results = [run_board(name, args, skip_missing_mode=True) for name in boards.names()]
    for result in results:
        print(summary_line(result))
    return 0 if all(r.verdict in ("passed", "skipped") for r in results) else 1


def run_board(name, args, skip_missing_mode):
    """Build `name` and boot the root task on it; print as it goes; return a BoardResult."""
    try:
        board = boards.load(name)
    except boards.BoardError as e:
        return BoardResult(name, "error", str(e), EXIT_ERROR)
    if args.mode not in board.get("modes", {}):
        verdict = "skipped" if skip_missing_mode else "error"
        return BoardResult(name, verdict, f"no mode '{args.mode}'", EXIT_ERROR)
    if kvm.needs_probe(board, args.mode):
        refusal = check_kvm(board, args.mode)
        if refusal:
            return refusal
    return boot(board, args)


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
    directory = build.build_dir(name, args.toolchain, fastpath)
    say(f"building {name} ({args.toolchain}, {build.VARIANTS[fastpath]}) in {directory}")
    try:
        files = build.root_task_files(build.build(name, args.toolchain, fastpath), args.root_task)
    except build.BuildError as e:
        say(f"{name}: build failed: {e}")
        return BoardResult(name, "error", "build failed", EXIT_ERROR)
    log = qemu.log_path(directory, args.root_task, args.mode)
    say(f"{name}: booting {args.root_task} in mode {args.mode} (timeout {args.timeout:g} s, "
        f"log {os.path.relpath(log)})")
    outcome = qemu.run_root_task(board, files, args.mode, log, args.timeout, args.memory, echo)
    return judge(name, files["expected_status"], outcome)


def judge(name, expected, outcome):
    """The BoardResult of an outcome; a guest that did not exit is reported with its tail."""
    if outcome.kind != "exited":
        say(f"{name}: {outcome.kind}: {outcome.reason}; last lines of {outcome.log_path}:\n"
            f"{outcome.tail}")
        return BoardResult(name, "failed", f"{outcome.kind}: {outcome.reason}",
                           EXIT_FOR_KIND[outcome.kind], outcome.log_path, outcome.seconds)
    verdict = "passed" if outcome.guest_status == expected else "failed"
    detail = outcome.reason + ("" if verdict == "passed" else f", expected {expected}")
    return BoardResult(name, verdict, detail, outcome.guest_status, outcome.log_path,
                       outcome.seconds)


def summary_line(result):
    line = f"{result.board:<14} {result.verdict:<8} {result.detail}"
    if result.log_path:
        line += f"  [{result.seconds:.1f} s, {os.path.relpath(result.log_path)}]"
    return line


def main(argv=None):
    args = parse_args(argv)
    return {"build": command_build, "run": command_run}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
