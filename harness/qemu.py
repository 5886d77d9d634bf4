"""Run QEMU with a hard timeout, tee its serial output to a log, and classify the outcome.

run_process() launches a command in its own process group with stdin on /dev/null, writes the
serial output (QEMU's stdout) to the log as it arrives and hands each chunk to an optional
echo; classify() turns what happened into one of OUTCOMES, as data. Board facts (QEMU argv,
exit device) come from boards/board.py; the kernel's own statuses from core/exit_status.h.
"""
import dataclasses
import os
import re
import selectors
import signal
import subprocess
import time

from boards import board as boards
from harness import REPO_ROOT, text_tail

OUTCOMES = ("exited", "hung", "crashed", "silent")
TAIL_LINES = 20
PANIC_MARKER = "KERNEL PANIC"
STDERR_MARKER = "--- QEMU stderr ---"
EXIT_STATUS_HEADER = REPO_ROOT / "kernel" / "include" / "core" / "exit_status.h"
POLL_SECONDS = 0.2
CHUNK_BYTES = 65536


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
    seconds. Serial output goes to `log` as it arrives; QEMU's stderr is appended at the end.
    `echo(stream, chunk)` sees every chunk ("serial" or "stderr") as it comes. A command that
    cannot start ends like a shell's: status 127, the reason on stderr."""
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(log, "wb") as log_file:
        try:
            child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            returncode, timed_out = 127, False
            captured = {"serial": b"", "stderr": f"cannot run {argv[0]}: {e.strerror}\n".encode()}
        else:
            returncode, timed_out, captured = supervise(child, log_file, start + timeout, echo)
        if captured["stderr"]:
            log_file.write(f"\n{STDERR_MARKER}\n".encode() + bytes(captured["stderr"]))
    return Process(returncode, timed_out, timeout, bytes(captured["serial"]),
                   bytes(captured["stderr"]), time.monotonic() - start)


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
