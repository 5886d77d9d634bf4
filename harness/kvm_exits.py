"""VM exits of a kvm run, counted with perf's kvm:kvm_exit tracepoint by exit reason (issue 13).

wrap() puts `perf record` around a QEMU command line (the tracepoint, timestamps on
CLOCK_MONOTONIC, the data file); CaseWindow, an echo callback, notes when sel4bench's header
and end lines come out on the serial port; count() reads the data back with `perf script` and
keeps the exits between those two moments: the VM exits while the cases ran. parse_script() is
the pure part. Nothing here prints.

The tracepoint is emitted by the kernel's VMX and SVM exit handlers. On a host whose /dev/kvm is
a software nested hypervisor (the machines here) it exists but never fires: such a run counts
no exits, and the harness refuses kvm mode there anyway (harness/kvm.py)."""
import collections
import dataclasses
import re
import subprocess
import time

EVENT = "kvm:kvm_exit"
PERF = "perf"
# `perf script -F time,event,trace`: "<seconds>: kvm:kvm_exit: vcpu 0 reason HLT rip 0x...".
# On AMD the reason is lower case and may hold a space ("DE excp"), up to " rip ".
SCRIPT_LINE = re.compile(r"^\s*(?:\S+\s+)?(\d+\.\d+):\s+(\S+):\s+(.*)$")
REASON = re.compile(r"\breason (.+?) rip ")
HEADER_TAG = b'@bench {"type":"header"'
END_TAG = b'@bench {"type":"end"'
SCRIPT_TIMEOUT = 120.0


class KvmExitsError(Exception):
    """perf could not record or read back the VM exits."""


def wrap(argv, data_path):
    """`argv` under `perf record` of the kvm:kvm_exit tracepoint into `data_path`, its
    timestamps on CLOCK_MONOTONIC (Python's time.monotonic() clock). perf exits with QEMU's
    status."""
    return [PERF, "record", "--quiet", "-e", EVENT, "-k", "CLOCK_MONOTONIC", "-o",
            str(data_path), "--", *argv]


@dataclasses.dataclass
class CaseWindow:
    """An echo callback for qemu.run: the monotonic times at which sel4bench's header line and
    end line first appear on the serial port (None until they do)."""
    start: float | None = None
    end: float | None = None
    _tail: bytes = b""

    def __call__(self, stream, chunk):
        if stream != "serial":
            return
        seen = self._tail + chunk
        now = time.monotonic()
        if self.start is None and HEADER_TAG in seen:
            self.start = now
        if self.start is not None and self.end is None and END_TAG in seen:
            self.end = now
        self._tail = seen[-len(END_TAG):]

    @property
    def complete(self):
        return self.start is not None and self.end is not None


def parse_script(text, start=None, end=None):
    """{reason: count} of the kvm:kvm_exit lines of `perf script -F time,event,trace` output
    whose time lies in [start, end] (either bound None: open). Other events are ignored; a
    kvm_exit line without a reason raises KvmExitsError naming its line."""
    counts = collections.Counter()
    for number, line in enumerate(text.splitlines(), 1):
        found = SCRIPT_LINE.match(line)
        if not found or found.group(2).rstrip(":") != EVENT:
            continue
        moment = float(found.group(1))
        if (start is not None and moment < start) or (end is not None and moment > end):
            continue
        reason = REASON.search(found.group(3))
        if not reason:
            raise KvmExitsError(f"perf script line {number} has no exit reason: {line.strip()}")
        counts[reason.group(1).strip()] += 1
    return dict(sorted(counts.items()))


def document(counts, window):
    """The result file's kvm_exits (result.schema.json, schema_version 2)."""
    return {"event": EVENT, "window": window, "total": sum(counts.values()),
            "by_reason": dict(counts)}


def count(data_path, window=None):
    """kvm_exits of a recorded run: between the window's header and end lines ("cases") when
    both were seen, else over the whole run ("run"). Raises KvmExitsError."""
    command = [PERF, "script", "-i", str(data_path), "-F", "time,event,trace"]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace", timeout=SCRIPT_TIMEOUT)
    except FileNotFoundError:
        raise KvmExitsError("perf not found (Debian package linux-perf; ci/deps.sh)") from None
    except subprocess.TimeoutExpired:
        raise KvmExitsError(f"perf script took over {SCRIPT_TIMEOUT:g} s") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise KvmExitsError(f"perf script failed (exit {done.returncode}): {said}")
    if window is not None and window.complete:
        return document(parse_script(done.stdout, window.start, window.end), "cases")
    return document(parse_script(done.stdout), "run")


def summary(kvm_exits, most=6):
    """One line for the run's output: total, window and the commonest reasons."""
    reasons = sorted(kvm_exits["by_reason"].items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{reason} {n}" for reason, n in reasons[:most])
    rest = f", {len(reasons) - most} more reasons" if len(reasons) > most else ""
    where = "while the cases ran" if kvm_exits["window"] == "cases" else "over the whole run"
    return (f"VM exits {where} ({kvm_exits['event']}): {kvm_exits['total']}"
            f"{': ' + shown + rest if shown else ''}")
