"""The path profiler: every instruction of a sel4bench case's measured region, attributed to a
function, a source line and the instruction itself, from QEMU's own execution log.

A profile build is a benchmark build whose sel4bench runs one case alone (BENCH_CASE, after
the counter overhead) with few samples. QEMU runs it in icount mode with one instruction per
translation block (-singlestep) and the execution log (-d exec,nochain), restricted by -dfilter
to the executable segments of the kernel and the root task. The log then names every
instruction executed there, in order, by its guest address, with two corrections:

- "Stopped execution of TB chain before ..." follows a block that was entered and left before
  its instruction ran (icount budget, an exit request): that trace line is dropped.
- "cpu_io_recompile: rewound execution of TB to <pc>" follows an I/O instruction that was
  started and rewound to be re-translated as the block's last: it runs again, so the first
  trace line is dropped.

The measured region of sample k runs from the counter read that starts it (inclusive) to the
one that ends it (exclusive): in icount mode the counter is the instruction count, so the
region holds exactly sample k's value of instructions. Which two reads frame the case is found,
not configured: of every pair of counter-read instructions executed one after the other (the
reads are the rdtsc / mrs pmccntr_el0 / rdcycle instructions of the root task), the pair whose
distances in the log equal the case's samples as sel4bench printed them, one for one. A log in
which no pair matches is refused, so a profile is exact or nothing.

Attribution uses binutils' objdump -d -l (the ELF symbols and the DWARF line table): function
(the symbol), source function (the innermost inlined function, DWARF), file:line and the
instruction. The call chain of the folded stacks is rebuilt from call and return instructions
(see call_stacks()).
"""
import collections
import dataclasses
import os
import pathlib
import re
import subprocess
import tempfile
import threading

from boards import board as boards
from harness import REPO_ROOT, build, protocol, qemu

DEFAULT_ITERATIONS = 10
TIMEOUT = 600.0
PROFILE_ROOT = REPO_ROOT / "build" / "profile"
# The objdump that reads each arch's ELF files (binutils; the cross ones come with the cross
# compilers of ci/deps.sh).
OBJDUMP = {"x86_64": "objdump", "aarch64": "aarch64-linux-gnu-objdump",
           "riscv64": "riscv64-linux-gnu-objdump"}
# What starts a comment in objdump's disassembly (aarch64 writes immediates with #).
COMMENT = {"x86_64": " #", "aarch64": "//", "riscv64": " #"}
# The counter read of sel4bench/arch/<arch>/counter.h, as objdump prints its mnemonic.
COUNTER_READ = {"x86_64": re.compile(r"^rdtsc\b"),
                "aarch64": re.compile(r"^mrs\s+\w+,\s*pmccntr_el0\b"),
                "riscv64": re.compile(r"^(rdcycle\b|csrr\s+\w+,\s*cycle\b)")}
# Instructions that call (push a frame) and return (pop one), per arch, by mnemonic.
CALLS = {"x86_64": re.compile(r"^call"),
         "aarch64": re.compile(r"^(bl|blr)\b"),
         "riscv64": re.compile(r"^(call\b|jal\s+(ra,\s*)?[0-9a-f]+\b|jalr\s+(ra,\s*)?[\w-]+(\(\w+\))?$|jalr\s+ra\b)")}
RETURNS = {"x86_64": re.compile(r"^ret"),
           "aarch64": re.compile(r"^ret\b"),
           "riscv64": re.compile(r"^(ret\b|jr\s+ra\b)")}
# QEMU virt's riscv64 firmware (-bios default): where it runs, and QEMU's image of it.
OPENSBI_RANGE = (0x80000000, 0x80200000)
OPENSBI_IMAGE = pathlib.Path("/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin")
TRACE = re.compile(r"^Trace \d+: (0x[0-9a-f]+) \[[0-9a-f]+/([0-9a-f]+)/")
STOPPED = re.compile(r"^Stopped execution of TB chain before (0x[0-9a-f]+) \[([0-9a-f]+)\]")
REWOUND = re.compile(r"^cpu_io_recompile: rewound execution of TB to ([0-9a-f]+)")
UNKNOWN = "[unknown]"


class ProfileError(Exception):
    """The profile cannot be made: a build, a run, or a log that does not frame the case."""


@dataclasses.dataclass(frozen=True)
class Instruction:
    address: int
    function: str          # the ELF symbol it lies in
    source_function: str   # the innermost (inlined) function of its line, DWARF
    source: str            # file:line, the file relative to the source tree when inside it
    text: str              # the disassembly
    image: str             # "kernel" or "user"


@dataclasses.dataclass
class Image:
    """One ELF file's instructions by address, in address order."""
    name: str
    instructions: dict
    text_ranges: list      # [(start, end)] of its executable segments


def executable_ranges(elf):
    """[(start, end)] of the ELF file's executable LOAD segments (readelf -lW)."""
    out = run_tool(["readelf", "-lW", str(elf)])
    ranges = []
    for line in out.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"] and "E" in "".join(fields[6:-1]):
            start, size = int(fields[2], 16), int(fields[5], 16)
            ranges.append((start, start + size))
    if not ranges:
        raise ProfileError(f"{elf}: no executable segment")
    return ranges


def disassemble(elf, arch, image, source_root):
    """An Image of the ELF file: every instruction with its symbol, source line and text."""
    out = run_tool([OBJDUMP[arch], "-d", "-l", "--no-show-raw-insn", str(elf)])
    instructions = {}
    function = source_function = UNKNOWN
    source = "?"
    symbol = re.compile(r"^([0-9a-f]+) <(.+)>:$")
    dwarf_function = re.compile(r"^([\w.$]+)\(\):$")
    line_of = re.compile(r"^(/\S+|\S+\.\w+):(\d+)( \(discriminator \d+\))?$")
    instruction = re.compile(r"^\s*([0-9a-f]+):\t(.*)$")
    root = str(source_root).rstrip("/") + "/"
    comment = COMMENT[arch]
    for line in out.splitlines():
        found = instruction.match(line)
        if found:
            address = int(found.group(1), 16)
            text = re.sub(r"\s+", " ", found.group(2).split(comment)[0]).strip()
            instructions[address] = Instruction(address, function, source_function, source,
                                                text, image)
            continue
        found = symbol.match(line)
        if found:
            function = source_function = found.group(2)
            source = "?"
            continue
        found = dwarf_function.match(line)
        if found:
            source_function = found.group(1)
            continue
        found = line_of.match(line)
        if found:
            path = os.path.normpath(found.group(1))
            if path.startswith(root):
                path = path[len(root):]
            source = f"{path}:{found.group(2)}"
    return Image(image, instructions, executable_ranges(elf))


def firmware_images(arch):
    """The firmware a board's kernel calls into on the measured paths, as an Image without
    symbols: riscv64's OpenSBI (QEMU's -bios default, M-mode), which the kernel's SBI calls
    (set_timer on every kernel exit that rearms the timer) run in. icount counts it, so the
    log must show it; its instructions are disassembled from QEMU's own image."""
    if arch != "riscv64":
        return []
    start, end = OPENSBI_RANGE
    instructions = {}
    if OPENSBI_IMAGE.exists():
        out = run_tool([OBJDUMP[arch], "-D", "-b", "binary", "-m", "riscv:rv64",
                        f"--adjust-vma={start:#x}", "--no-show-raw-insn", str(OPENSBI_IMAGE)])
        for found in re.finditer(r"^\s*([0-9a-f]+):\t(.*)$", out, re.MULTILINE):
            address = int(found.group(1), 16)
            instructions[address] = Instruction(address, "[OpenSBI]", "[OpenSBI]", "?",
                                                re.sub(r"\s+", " ", found.group(2)).strip(),
                                                "firmware")
    return [Image("firmware", instructions, [OPENSBI_RANGE])]


def run_tool(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, errors="replace")
    except FileNotFoundError:
        raise ProfileError(f"{argv[0]} not found (binutils; ci/deps.sh installs it)") from None
    if done.returncode != 0:
        raise ProfileError(f"{' '.join(argv)} failed: {done.stderr.strip()[:500]}")
    return done.stdout


def kernel_elf(directory):
    """The kernel ELF with the symbols of the addresses it runs at (kernel/kernel.elf)."""
    path = pathlib.Path(directory) / "kernel" / "kernel.elf"
    if not path.exists():
        raise ProfileError(f"{path}: missing")
    return path


def dfilter(images):
    """QEMU's -dfilter value: every executable range of every image."""
    return ",".join(f"{start:#x}..{end - 1:#x}" for image in images
                    for start, end in image.text_ranges)


def read_exec_log(lines, user_ranges):
    """The guest addresses of the instructions the log (an iterable of byte lines) shows
    executed, in order, from the root task's first instruction on (the boot before it is
    skipped unparsed: on riscv64 it is millions of OpenSBI instructions), with the corrections
    of the module's docstring. Returns a list of ints."""
    lines = iter(lines)
    for line in lines:
        if line.startswith(b"Trace "):
            fields = line.split(b"/", 2)
            if len(fields) == 3 and in_ranges(int(fields[1], 16), user_ranges):
                break
    else:
        return []
    executed = [int(fields[1], 16)]
    last_host = line.split()[2].decode()
    for raw in lines:
        line = raw.decode(errors="replace")
        if line.startswith("Trace "):
            found = TRACE.match(line)
            if found:
                executed.append(int(found.group(2), 16))
                last_host = found.group(1)
            continue
        found = STOPPED.match(line)
        if found:
            if executed and executed[-1] == int(found.group(2), 16) and \
                    last_host == found.group(1):
                executed.pop()
                last_host = None
            continue
        found = REWOUND.match(line)
        if found and executed and executed[-1] == int(found.group(1), 16):
            executed.pop()
            last_host = None
    return executed


def in_ranges(address, ranges):
    return any(start <= address < end for start, end in ranges)


class LogReader(threading.Thread):
    """Reads QEMU's execution log from a FIFO while QEMU writes it (the log of a riscv64 run
    is a gigabyte, most of it firmware boot, so it never touches the disk)."""

    def __init__(self, fifo, user_ranges):
        super().__init__(daemon=True)
        self.fifo, self.user_ranges = fifo, user_ranges
        self.executed, self.error = [], None

    def run(self):
        try:
            with open(self.fifo, "rb", buffering=1 << 20) as log:
                self.executed = read_exec_log(log, self.user_ranges)
        except Exception as e:  # handed to the caller, which raises it there
            self.error = e

    def finish(self):
        """After QEMU ended: unblock an open() that never saw a writer, then wait."""
        if self.is_alive():
            try:
                os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        self.join()
        if self.error:
            raise ProfileError(f"reading the execution log: {self.error}")
        return self.executed


@dataclasses.dataclass(frozen=True)
class Region:
    start_read: int        # address of the counter read that starts a sample
    end_read: int          # and of the one that ends it
    spans: list            # [(first index, end index)] in the executed list, one per sample


def frame_case(executed, reads, samples, warmup):
    """The Region whose spans match `samples` (the printed ones, after `warmup` rounds) one
    for one; ProfileError if no pair of consecutive counter reads does."""
    positions = [i for i, address in enumerate(executed) if address in reads]
    pairs = collections.defaultdict(list)
    for first, second in zip(positions, positions[1:]):
        pairs[(executed[first], executed[second])].append((first, second))
    seen = []
    for (start, end), spans in pairs.items():
        gaps = [b - a for a, b in spans]
        if len(spans) >= len(samples) and gaps[-len(samples):] == list(samples):
            return Region(start, end, spans[-len(samples):])
        seen.append(f"{start:#x}->{end:#x}: {len(spans)} spans, last {gaps[-3:]}")
    raise ProfileError(f"no pair of counter reads in the log frames the samples "
                       f"{list(samples)[:5]}... (warm-up {warmup}); pairs seen: "
                       + "; ".join(seen[:8]))


def call_stacks(executed, first, end, lookup, arch):
    """The call chain at each instruction of executed[first:end], as tuples of function
    names, outermost first. A shadow stack per privilege level (kernel, user): a call pushes
    the callee, a return pops; entering the kernel (an exception, a syscall) starts its stack
    afresh at the entry function, and the user side, whose threads the kernel switches, is
    kept as the function alone; firmware (riscv64's SBI calls) sits on top of the kernel
    frame that called it. An instruction in another function than the top of the stack
    after neither a call nor a return (a tail call, a jump) replaces the top."""
    calls, returns = CALLS[arch], RETURNS[arch]
    stacks, kernel_stack = [], []
    previous = None
    for index in range(first, end):
        here = lookup(executed[index])
        if here.image == "firmware":    # called by the kernel (an SBI call): on top of it
            stacks.append(("kernel", *kernel_stack, here.function))
            previous = here
            continue
        if here.image != "kernel":
            kernel_stack = []
            stacks.append(("user", here.function))
            previous = here
            continue
        if previous is not None and previous.image == "firmware" and kernel_stack:
            stacks.append(("kernel", *kernel_stack))   # back from the firmware
            previous = here
            continue
        if not kernel_stack or previous is None or previous.image != "kernel":
            kernel_stack = [here.function]
        elif calls.match(previous.text):
            kernel_stack.append(here.function)
        elif returns.match(previous.text):
            if len(kernel_stack) > 1:
                kernel_stack.pop()
            if kernel_stack[-1] != here.function:
                kernel_stack[-1] = here.function
        elif kernel_stack[-1] != here.function:
            kernel_stack[-1] = here.function
        stacks.append(("kernel", *kernel_stack))
        previous = here
    return stacks


@dataclasses.dataclass
class Profile:
    board: str
    case: str
    variant: str
    commit: str
    figure: int            # the case's icount figure: its smallest sample
    overhead: int          # the counter overhead sel4bench reports beside it
    samples: list
    iterations: int        # the iterations profiled: those at the figure (no interrupt)
    start_read: int
    end_read: int
    counts: dict           # address -> instructions per iteration
    instructions: dict     # address -> Instruction (those counted)
    folded: dict           # "frame;frame;..." -> instructions per iteration
    images: dict = dataclasses.field(default_factory=dict, repr=False)

    @property
    def total(self):
        return sum(self.counts.values())

    def by(self, key):
        """{key(instruction): instructions per iteration}, largest first."""
        totals = collections.Counter()
        for address, count in self.counts.items():
            totals[key(self.instructions[address])] += count
        return dict(totals.most_common())

    def to_json(self):
        return {"board": self.board, "case": self.case, "variant": self.variant,
                "commit": self.commit, "figure": self.figure, "overhead": self.overhead,
                "samples": self.samples, "iterations": self.iterations,
                "start_read": hex(self.start_read), "end_read": hex(self.end_read),
                "total": self.total, "folded": self.folded,
                "instructions": [dict(dataclasses.asdict(self.instructions[a]),
                                      address=hex(a), count=self.counts[a])
                                 for a in sorted(self.counts)]}


def make_lookup(images):
    """address -> Instruction over every image; an address in none is UNKNOWN."""
    table = {}
    for image in images:
        table.update(image.instructions)

    def lookup(address):
        found = table.get(address)
        if found is None:
            found = Instruction(address, UNKNOWN, UNKNOWN, "?", "?", "unknown")
        return found
    return lookup


def attribute(executed, region, samples, lookup, arch):
    """(counts per address, folded stacks, iterations) over the spans whose sample is the
    smallest (the case's figure: a span with a timer interrupt in it is longer and left
    out), per iteration."""
    figure = min(samples)
    chosen = [span for span, sample in zip(region.spans, samples) if sample == figure]
    counts, folded = collections.Counter(), collections.Counter()
    for first, end in chosen:
        counts.update(executed[first:end])
        for stack in call_stacks(executed, first, end, lookup, arch):
            folded[";".join(stack)] += 1
    per = len(chosen)
    exact = all(v % per == 0 for v in counts.values())
    scale = (lambda v: v // per) if exact else (lambda v: v / per)
    return ({a: scale(v) for a, v in counts.items()},
            {k: scale(v) for k, v in folded.items()}, per)


def profile_build(board_name, case, fastpath=True, iterations=DEFAULT_ITERATIONS,
                  toolchain="gcc", source=REPO_ROOT, directory=None):
    """Build the profile build of `case`, run it with the execution log, attribute the
    region. Returns a Profile; raises ProfileError."""
    variant = build.VARIANTS[fastpath]
    directory = pathlib.Path(directory or PROFILE_ROOT / f"{board_name}-{toolchain}-{variant}")
    try:
        manifest = build.build(board_name, toolchain, fastpath, source=source,
                               directory=directory / "build", benchmark=True,
                               samples=iterations, only_case=case)
        files = build.root_task_files(manifest, "sel4bench")
    except build.BuildError as e:
        raise ProfileError(f"build failed: {e}") from None
    board = boards.load(board_name)
    arch = board["arch"]
    images = [disassemble(kernel_elf(directory / "build"), arch, "kernel", source),
              disassemble(files["elf"], arch, "user", source)] + firmware_images(arch)
    argv = boards.qemu_argv(board, "icount", files["kernel"], files.get("initrd"), None)
    with tempfile.TemporaryDirectory(prefix="profile-") as scratch:
        fifo = pathlib.Path(scratch) / "exec.log"
        os.mkfifo(fifo)
        argv += ["-singlestep", "-d", "exec,nochain", "-D", str(fifo), "-dfilter",
                 dfilter(images)]
        reader = LogReader(fifo, images[1].text_ranges)
        reader.start()
        try:
            outcome = qemu.run(board, argv, directory / "sel4bench-profile.log", TIMEOUT)
        finally:
            executed = reader.finish()
    if outcome.kind != "exited":
        raise ProfileError(f"sel4bench {outcome.kind}: {outcome.reason}\n{outcome.tail}")
    try:
        run = protocol.parse(outcome.output)
    except protocol.ProtocolError as e:
        raise ProfileError(f"sel4bench log rejected: {e}") from None
    found = run.case(case)
    if found is None:
        raise ProfileError(f"sel4bench has no case '{case}' (see sel4bench/benchmarks.c)")
    reads = {a for a, i in images[1].instructions.items() if COUNTER_READ[arch].match(i.text)}
    samples = list(found.samples)
    region = frame_case(executed, reads, samples, run.header.get("warmup"))
    lookup = make_lookup(images)
    counts, folded, per = attribute(executed, region, samples, lookup, arch)
    instructions = {a: lookup(a) for a in counts}
    return Profile(board_name, case, variant, run.header.get("commit", "?"), min(samples),
                   found.overhead, samples, per, region.start_read, region.end_read, counts,
                   instructions, folded, {image.name: image for image in images})
