"""Mode kvm only on real hardware virtualisation: the probe that must pass before a kvm run.

A software nested hypervisor's /dev/kvm (as on the machines here) gives numbers that mean nothing.
probe() opens /dev/kvm, builds harness/kvm_probe.S with the host gcc (cached nowhere), boots it
with the board's own kvm command line and compares TSC cycles with instructions; judge() and
judge_outcome() are the decision, pure functions. Nothing here prints."""
import dataclasses
import os
import pathlib
import re
import subprocess
import tempfile

from boards import board as boards
from harness import qemu, text_tail

KVM_DEVICE = "/dev/kvm"
PROBE_SOURCE = pathlib.Path(__file__).with_name("kvm_probe.S")
PROBE_LOAD_ADDRESS = 0x100000
PROBE_TIMEOUT = 20.0
# Real VT-x/AMD-V runs the probe's loop at about one cycle per instruction; a software
# hypervisor takes hundreds or thousands.
MAX_CYCLES_PER_INSTRUCTION = 10.0
PROBE_LINE = re.compile(r"kvm-probe: instructions ([0-9a-f]+) tsc ([0-9a-f]+) ([0-9a-f]+)")


class ProbeBuildError(Exception):
    """The host could not build the probe guest."""


@dataclasses.dataclass(frozen=True)
class Verdict:
    real: bool                 # True: hardware virtualisation, kvm numbers mean something
    reason: str                # what was measured or what failed, one line
    cycles_per_instruction: float | None = None


def needs_probe(board, mode):
    """Whether `mode` on `board` may run only after the probe (`probe = "kvm"`)."""
    return board.get("modes", {}).get(mode, {}).get("probe") == "kvm"


def judge(tsc_start, tsc_end, instructions, limit=MAX_CYCLES_PER_INSTRUCTION):
    """The verdict on one measurement: `instructions` took `tsc_end - tsc_start` cycles."""
    if instructions <= 0 or tsc_end <= tsc_start:
        return Verdict(False, f"the probe's numbers make no sense: {instructions} instructions, "
                              f"TSC {tsc_start} then {tsc_end}")
    cycles = tsc_end - tsc_start
    ratio = cycles / instructions
    measured = (f"{instructions} instructions took {cycles} TSC cycles "
                f"({ratio:.2f} cycles per instruction, limit {limit:g})")
    if ratio >= limit:
        return Verdict(False, f"{measured}: a software hypervisor, not VT-x/AMD-V", ratio)
    return Verdict(True, f"{measured}: hardware virtualisation", ratio)


def parse_probe_output(text):
    """(tsc_start, tsc_end, instructions) from the probe's console, or None."""
    found = PROBE_LINE.search(text)
    if not found:
        return None
    instructions, start, end = (int(group, 16) for group in found.groups())
    return start, end, instructions


def judge_outcome(outcome):
    """The verdict on a finished probe run (a qemu.Outcome)."""
    if outcome.kind != "exited":
        why = " (too slow for hardware virtualisation)" if outcome.kind == "hung" else ""
        said = outcome.errors.strip().splitlines()[:1]
        said = f"; QEMU said: {said[0]}" if said else ""
        return Verdict(False, f"the probe guest {outcome.kind}: {outcome.reason}{why}{said}")
    measured = parse_probe_output(outcome.output)
    if measured is None:
        return Verdict(False, "the probe guest exited without printing its measurement")
    return judge(*measured)


def device_problem(path=KVM_DEVICE):
    """Why `path` cannot serve as KVM, or None when it exists and opens."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return f"{path} does not exist: no KVM on this host"
    except OSError as e:
        return f"{path} does not open: {e.strerror}"
    os.close(fd)
    return None


def build_probe(directory):
    """Assemble and link the flat probe guest into `directory`; return its path. Raises
    ProbeBuildError with the compiler's complaint."""
    image = pathlib.Path(directory) / "kvm_probe.bin"
    command = ["gcc", "-m32", "-nostdlib", "-static", "-Wl,-melf_i386",
               f"-Wl,-Ttext={PROBE_LOAD_ADDRESS:#x}", "-Wl,--build-id=none",
               "-Wl,--oformat=binary", "-o", str(image), str(PROBE_SOURCE)]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    except FileNotFoundError:
        raise ProbeBuildError("cannot build the probe guest: no host gcc") from None
    if done.returncode != 0:
        raise ProbeBuildError(f"cannot build the probe guest: {text_tail(done.stderr, 5)}")
    return image


def probe(board, mode="kvm", timeout=PROBE_TIMEOUT, device=KVM_DEVICE):
    """Run the probe with `board`'s `mode` command line; return its Verdict."""
    problem = device_problem(device)
    if problem:
        return Verdict(False, problem)
    with tempfile.TemporaryDirectory(prefix="kvm-probe-") as directory:
        try:
            image = build_probe(directory)
        except ProbeBuildError as e:
            return Verdict(False, str(e))
        argv = boards.qemu_argv(board, mode, str(image))
        outcome = qemu.run(board, argv, pathlib.Path(directory) / "probe.log", timeout)
    return judge_outcome(outcome)
