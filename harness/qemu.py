"""Run QEMU with a hard timeout, tee its serial output to a log, and classify the outcome.

run_process() launches a command in its own process group with stdin on /dev/null, set to die
with the harness (a parent-death signal), writes the serial output (QEMU's stdout) to
<log>.partial as it arrives, hands each chunk to an optional echo, and renames the log into
place when the run ends; an interrupted run leaves <log>.partial, marked, beside the last
complete log. classify() turns what happened into one of OUTCOMES, as data. Board facts (QEMU argv,
exit device) come from boards/board.py; the kernel's own statuses from core/exit_status.h.
"""
import ctypes
import dataclasses
import os
import pathlib
import re
import selectors
import signal
import subprocess
import time

from boards import board as boards
from harness import REPO_ROOT, text_tail

OUTCOMES = ("exited", "hung", "crashed", "silent", "missing")
TAIL_LINES = 20
PANIC_MARKER = "KERNEL PANIC"
STDERR_MARKER = "--- QEMU stderr ---"
EXIT_STATUS_HEADER = REPO_ROOT / "kernel" / "include" / "core" / "exit_status.h"
POLL_SECONDS = 0.2
CHUNK_BYTES = 65536
PARTIAL_SUFFIX = ".partial"
INTERRUPTED_MARKER = "--- harness interrupted ({}): this log is incomplete ---"
PR_SET_PDEATHSIG = 1
# The Debian package of each QEMU binary a board may name (ci/deps.sh installs them).
DEBIAN_PACKAGES = {"qemu-system-x86_64": "qemu-system-x86",
                   "qemu-system-aarch64": "qemu-system-arm",
                   "qemu-system-riscv64": "qemu-system-misc",
                   "perf": "linux-perf"}


class Interrupted(Exception):
    """The harness was told to stop (SIGTERM, SIGINT) while a guest ran; raised by the CLI's
    signal handler. run_process() stops the guest and records `log_path` (the partial log)."""

    def __init__(self, signal_name):
        super().__init__(signal_name)
        self.signal_name = signal_name
        self.log_path = None


class LogError(Exception):
    """The log cannot be written where it must go."""


def load_status_names(path=EXIT_STATUS_HEADER):
    """{status: name} from the header's `#define EXIT_STATUS_<NAME> <n>` lines."""
    text = path.read_text()
    found = re.findall(r"^#define EXIT_STATUS_(\w+)\s+(\d+)", text, re.MULTILINE)
    return {int(value): name.lower().replace("_", " ") for name, value in found}


STATUS_NAMES = load_status_names()
KERNEL_PANIC_STATUS = {name: status for status, name in STATUS_NAMES.items()}["kernel panic"]


@dataclasses.dataclass(frozen=True)
class Process:
    """What one run of a command did: raw facts, before any judgement."""
    returncode: int      # negative: killed by that signal
    timed_out: bool
    timeout: float
    output: bytes        # stdout: the guest's serial console
    errors: bytes        # stderr: QEMU's own messages
    seconds: float
    start_error: str = ""  # why the command did not start at all


@dataclasses.dataclass(frozen=True)
class Outcome:
    kind: str                  # one of OUTCOMES
    reason: str                # one line, for people
    guest_status: int | None   # what the guest asked for, when QEMU said
    qemu_status: int           # negative: killed by that signal
    output: str                # the serial console, "\r\n" folded to "\n"
    errors: str                # QEMU's stderr
    tail: str                  # the last TAIL_LINES lines of the log
    log_path: str
    seconds: float

    @property
    def status_name(self):
        return STATUS_NAMES.get(self.guest_status)


def log_path(build_directory, root_task, mode):
    return build_directory / "logs" / f"{root_task}-{mode}.log"


def run_root_task(board, files, mode, log, timeout, memory_mib=None, echo=None):
    """Boot a root task's files (a run-manifest.json entry) on `board` in `mode`."""
    argv = boards.qemu_argv(board, mode, files["kernel"], files.get("initrd"), memory_mib)
    return run(board, argv, log, timeout, echo)


def run(board, argv, log, timeout, echo=None):
    """Run `argv` (a QEMU for `board`) to completion or timeout; return its Outcome."""
    process = run_process(argv, log, timeout, echo)
    kind, reason, guest_status = classify(board, process)
    tail = text_tail(log.read_text(errors="replace"), TAIL_LINES)
    return Outcome(kind, reason, guest_status, process.returncode, console_text(process.output),
                   process.errors.decode(errors="replace"), tail, str(log), process.seconds)


def console_text(output):
    return output.decode(errors="replace").replace("\r\n", "\n")


def run_process(argv, log, timeout, echo=None):
    """Run `argv` in a new process group, stdin /dev/null, killing the group after `timeout`
    seconds; the child gets SIGKILL if the harness dies first. Serial output goes to
    <log>.partial as it arrives and QEMU's stderr is appended at the end; the file becomes `log`
    when the run ends. `echo(stream, chunk)` sees every chunk ("serial" or "stderr") as it
    comes. A command that cannot start ends like a shell's: status 127, the reason on stderr."""
    partial = prepare_log(log)
    start = time.monotonic()
    start_error = ""
    with open(partial, "wb") as log_file:
        try:
            child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, start_new_session=True,
                                     preexec_fn=die_with_parent(os.getpid()))
        except OSError as e:
            returncode, timed_out = 127, False
            start_error = cannot_start(argv[0], e)
            captured = {"serial": b"", "stderr": f"{start_error}\n".encode()}
        else:
            try:
                returncode, timed_out, captured = supervise(child, log_file, start + timeout,
                                                            echo)
            except BaseException as e:
                mark_interrupted(log_file, e, partial)
                raise
        if captured["stderr"]:
            log_file.write(f"\n{STDERR_MARKER}\n".encode() + bytes(captured["stderr"]))
    os.replace(partial, log)
    return Process(returncode, timed_out, timeout, bytes(captured["serial"]),
                   bytes(captured["stderr"]), time.monotonic() - start, start_error)


def prepare_log(log):
    """Make the log's folder and check it takes a file; return the partial log's path. Raises
    LogError naming the folder and why."""
    log = pathlib.Path(log)
    partial = log.with_name(log.name + PARTIAL_SUFFIX)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        partial.touch()
    except OSError as e:
        raise LogError(f"cannot write the log {partial} in {log.parent}: "
                       f"{e.strerror or e}") from None
    return partial


def mark_interrupted(log_file, error, partial):
    """End an interrupted run's log with a marker line; tell an Interrupted where it is."""
    why = error.signal_name if isinstance(error, Interrupted) else type(error).__name__
    log_file.write(("\n" + INTERRUPTED_MARKER.format(why) + "\n").encode())
    log_file.flush()
    if isinstance(error, Interrupted):
        error.log_path = str(partial)


def die_with_parent(parent_pid):
    """A preexec_fn: the child gets SIGKILL when the harness dies, however it dies. Without
    it, QEMU (in a session of its own) would run on under PID 1."""
    libc = ctypes.CDLL(None, use_errno=True)

    def arm():
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0 or \
                os.getppid() != parent_pid:  # the harness died before the signal was set
            os._exit(127)
    return arm


def cannot_start(program, error):
    """Why `program` did not start, with the Debian package that has it when it is missing."""
    if isinstance(error, FileNotFoundError):
        package = DEBIAN_PACKAGES.get(os.path.basename(program))
        where = (f"Debian package {package} has it (bash ci/deps.sh installs it)" if package
                 else "no Debian package known for it")
        return f"cannot run {program}: no such program; {where}"
    return f"cannot run {program}: {error.strerror or error}"


def supervise(child, log_file, deadline, echo):
    """Pump the child's output until it ends or the deadline; then kill what is left of its
    process group. Returns (returncode, timed_out, captured)."""
    with child:
        try:
            captured = pump(child, log_file, deadline, echo)
            wait_until(child, deadline)
        finally:
            timed_out = child.poll() is None
            kill_group(child)
            child.wait()
    return child.returncode, timed_out, captured


def pump(child, log_file, deadline, echo):
    """Copy the child's stdout and stderr until both close, the child is gone, or the
    deadline passes. Returns {"serial": bytearray, "stderr": bytearray}."""
    captured = {"serial": bytearray(), "stderr": bytearray()}
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ, "serial")
        selector.register(child.stderr, selectors.EVENT_READ, "stderr")
        while selector.get_map() and time.monotonic() < deadline:
            events = selector.select(min(deadline - time.monotonic(), POLL_SECONDS))
            # Exited, but a leftover of its group may still hold the pipes open.
            if not events and child.poll() is not None:
                break
            for key, _ in events:
                chunk = os.read(key.fd, CHUNK_BYTES)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                captured[key.data] += chunk
                if key.data == "serial":
                    log_file.write(chunk)
                    log_file.flush()
                if echo:
                    echo(key.data, chunk)
    return captured


def wait_until(child, deadline):
    try:
        child.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        pass


def kill_group(child):
    """Kill the child's whole process group (what is left of it)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def classify(board, process):
    """(kind, reason, guest_status) of a finished Process run as `board`'s QEMU."""
    text = console_text(process.output)
    if process.start_error:
        return "missing", process.start_error, None
    if not text.strip():
        return "silent", f"no output at all ({describe_end(process)})", None
    if process.timed_out:
        return "hung", f"no exit within {process.timeout:g} s", None
    if process.returncode < 0:
        return "crashed", f"QEMU {describe_end(process)}", None
    guest_status = boards.guest_exit_status(board, process.returncode)
    if guest_status is None:
        return ("crashed", f"QEMU exited with status {process.returncode}, which the "
                f"{board['exit']['kind']} device cannot produce", None)
    panic = next((line.strip() for line in text.splitlines() if PANIC_MARKER in line), None)
    if panic or guest_status == KERNEL_PANIC_STATUS:
        return "crashed", panic or describe_status(guest_status), guest_status
    return "exited", describe_status(guest_status), guest_status


def describe_end(process):
    if process.timed_out:
        return f"killed after {process.timeout:g} s"
    if process.returncode < 0:
        return f"killed by {signal_name(-process.returncode)}"
    return f"QEMU exit status {process.returncode}"


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def describe_status(guest_status):
    name = STATUS_NAMES.get(guest_status)
    return f"guest status {guest_status}" + (f" ({name})" if name else "")
