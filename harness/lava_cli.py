"""The harness CLI's `lava` commands (docs/lava.md): `jobs` writes a LAVA job per (board,
variant), `dispatch` runs a QEMU board's jobs here with lava-run (no server), `import` checks a
job log's sel4bench run and stores its result. The LAVA specifics are in lava.py."""
import pathlib
import tempfile
import time

from boards import board as boards
from harness import build, lava, protocol, store
from harness.cli_support import (BENCH_ROOT_TASK, EXIT_ERROR, EXIT_FAILED, add_results_option,
                                 positive, say, shown)

DEFAULT_LAVA_OUT = build.REPO_ROOT / "build" / "lava-jobs"


def add_lava_commands(commands):
    lava_parser = commands.add_parser(
        "lava", help="run the suite through LAVA: job definitions, the import of a job log, "
                     "and lava-run here (docs/lava.md)")
    lava_commands = lava_parser.add_subparsers(dest="lava_command", required=True)
    jobs_parser = lava_commands.add_parser(
        "jobs", help="build the benchmark builds and write one LAVA job per (board, variant)")
    dispatch_parser = lava_commands.add_parser(
        "dispatch", help="write a QEMU board's jobs, run them here with lava-run (no server) "
                         "and import their logs")
    for parser in (jobs_parser, dispatch_parser):
        parser.add_argument("--board", required=True, choices=boards.names())
        parser.add_argument("--variant", action="append", choices=tuple(build.VARIANTS.values()),
                            help="fastpath or slowpath (repeatable; default: both)")
        parser.add_argument("--mode", default="icount",
                            help="the QEMU mode of a QEMU board (default icount)")
        parser.add_argument("--toolchain", default="gcc", choices=build.TOOLCHAINS)
        parser.add_argument("--samples", type=positive(int),
                            help="samples per case (default: the build's, 1000)")
        parser.add_argument("--out", default=str(DEFAULT_LAVA_OUT),
                            help="folder of the jobs and their images (default build/lava-jobs)")
    jobs_parser.add_argument("--image-url", help="URL of the --out folder as the lab's "
                             "workers see it (default: file:// URLs, for lava-run here)")
    add_results_option(dispatch_parser)
    import_parser = lava_commands.add_parser(
        "import", help="check a LAVA job log's sel4bench run and store its result")
    import_parser.add_argument("log", help="the job log (lavacli jobs logs --raw, or lava-run's)")
    import_parser.add_argument("--job-id", type=int, help="the LAVA job id")
    import_parser.add_argument("--device", help="the LAVA device that ran it (lavacli jobs show)")
    add_results_option(import_parser)


def command_lava(args):
    if args.lava_command == "import":
        return command_lava_import(args)
    try:
        board = boards.load(args.board)
    except boards.BoardError as e:
        say(str(e))
        return EXIT_ERROR
    if "lava" not in board:
        say(f"board {args.board} has no [lava] section (boards/README.md)")
        return EXIT_ERROR
    if args.lava_command == "dispatch" and board["lava"]["boot_method"] != "qemu":
        say(f"{args.board} boots with {board['lava']['boot_method']} on a board in a lab: "
            f"lava-run here runs QEMU boards only; submit its jobs with lavacli (docs/lava.md)")
        return EXIT_ERROR
    status = 0
    for variant in args.variant or list(build.VARIANTS.values()):
        try:
            job_path, definition = write_lava_job(board, variant, args)
            if args.lava_command == "dispatch":
                status = max(status, dispatch_lava_job(board, variant, job_path, definition, args))
        except (lava.LavaError, build.BuildError, OSError) as e:
            say(f"{args.board} {variant}: {e}")
            return EXIT_ERROR
    return status


def write_lava_job(board, variant, args):
    """Build the benchmark build of (board, variant) and write its LAVA job and images under
    --out; returns (job path, job definition)."""
    fastpath = variant == "fastpath"
    mode = args.mode if boards.runs_in_qemu(board) else None
    say(f"building {board['name']} ({args.toolchain}, {variant}, benchmark build)")
    files = build.root_task_files(build.build(board["name"], args.toolchain, fastpath,
                                              benchmark=True, samples=args.samples),
                                  BENCH_ROOT_TASK)
    name = f"{board['name']}-{variant}"
    out = pathlib.Path(args.out)
    urls = lava.publish_images(board, files, out / name, getattr(args, "image_url", None))
    definition = lava.job(board, variant, urls, mode, args.samples)
    job_path = out / f"{name}.yaml"
    store.write_atomically(job_path, lava.job_yaml(definition))
    print(f"{board['name']} {variant}: job {shown(job_path)} (images in {shown(out / name)})")
    return job_path, definition


def dispatch_lava_job(board, variant, job_path, definition, args):
    """Run one QEMU board's job with lava-run, on a device dictionary of LAVA's qemu device
    type with no_kvm, then import its log into --results."""
    out = pathlib.Path(args.out)
    device = f"{board['name']}-lava-run"
    dictionary = lava.device_dictionary(board["lava"]["device_type"], {"no_kvm": True})
    device_path = out / f"{device}.yaml"
    store.write_atomically(device_path, lava.render_device(dictionary, definition["context"]))
    job_id = time.time_ns() // 1_000_000 % 2**31
    log_path = out / f"{board['name']}-{variant}-job-{job_id}.log"
    say(f"{board['name']} {variant}: lava-run job {job_id} on device {device} "
        f"(log {shown(log_path)})")
    timeout = 60.0 * board["lava"]["timeouts"]["job"] + 60.0
    with tempfile.TemporaryDirectory(prefix="lava-run-") as scratch:
        status = lava.run_job(job_path, device_path, job_id, scratch, log_path, timeout)
    if status != 0:
        say(f"{board['name']} {variant}: lava-run exited with status {status}; its log is "
            f"{shown(log_path)}")
        return EXIT_FAILED
    return import_job_log(log_path, job_id, device, args.results, cpu=store.host_cpu(),
                          expect_mode=args.mode)


def command_lava_import(args):
    return import_job_log(args.log, args.job_id, args.device, args.results)


def import_job_log(path, job_id, device, results, cpu=None, expect_mode=None):
    """Check the sel4bench run in a LAVA job log and store it (mode icount when the job ran
    QEMU with -icount, tcg for another QEMU, log on a real board); one error line otherwise."""
    try:
        job_log = lava.read_log(path)
    except lava.LavaError as e:
        say(f"{e}; no result stored")
        return EXIT_FAILED
    try:
        run = protocol.parse(job_log.serial)
    except protocol.ProtocolError as e:
        say(f"{path}: sel4bench log rejected at line {job_log.log_line(e.line)} of the job "
            f"log: {e.reason}; no result stored")
        return EXIT_FAILED
    board = run.header["board"]
    if board not in boards.names():
        say(f"{path}: the log's header names board '{board}', which has no board file; no "
            f"result stored")
        return EXIT_FAILED
    mode = job_log.mode
    if expect_mode and mode != expect_mode:
        say(f"{path}: the job ran in mode {mode}, not {expect_mode} (QEMU command: "
            f"{job_log.boot_command}); no result stored")
        return EXIT_FAILED
    qemu_version = f"QEMU emulator version {job_log.qemu_version}" if mode != "log" else None
    data = store.result(run, mode, path, qemu=qemu_version,
                        cpu=cpu or f"unknown (LAVA device {device or 'not named'})")
    data["lava"] = lava.lava_record(job_log, job_id, device)
    try:
        stored = store.write(data, results)
    except store.StoreError as e:
        say(f"{path}: {e}; no result stored")
        return EXIT_ERROR
    print(f"{board} {run.header['variant']}: {len(run.cases)} cases (mode {mode}, LAVA job "
          f"{job_id if job_id is not None else 'id not given'}) stored in {shown(stored)}")
    return 0
