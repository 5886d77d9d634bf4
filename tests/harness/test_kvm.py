"""harness/kvm.py: the probe's decision on synthetic numbers, its parsing, the probe guest's
build, and the whole probe against fake QEMUs (accept, refuse, hang) and against this host."""
import struct

import pytest

import fake_qemu
from boards import board as boards
from harness import kvm, qemu

X86 = boards.load("qemu-x86_64")
PROBE_LINE = "kvm-probe: instructions 001e8480 tsc {:016x} {:016x}\n"
MULTIBOOT_MAGIC = 0x1BADB002


@pytest.mark.parametrize("cycles, real", [
    (1_000_000, True),         # 0.5 per instruction: VT-x/AMD-V
    (19_980_000, True),        # 9.99
    (20_000_000, False),       # 10: the limit
    (2_671_178_675, False),    # what this host's software hypervisor measured
])
def test_judge_on_synthetic_numbers(cycles, real):
    verdict = kvm.judge(1000, 1000 + cycles, 2_000_000)
    assert verdict.real is real
    assert verdict.cycles_per_instruction == pytest.approx(cycles / 2_000_000)
    assert f"2000000 instructions took {cycles} TSC cycles" in verdict.reason
    assert ("software hypervisor" in verdict.reason) is not real


@pytest.mark.parametrize("start, end, instructions", [(5, 5, 100), (9, 5, 100), (1, 9, 0)])
def test_judge_refuses_nonsense(start, end, instructions):
    verdict = kvm.judge(start, end, instructions)
    assert not verdict.real and "make no sense" in verdict.reason


def test_parse_probe_output_amid_firmware_noise():
    text = "SeaBIOS (version 1.16)\nBooting from ROM.." + PROBE_LINE.format(0x1db23bd74dc,
                                                                          0x1dbc0cfa10f)
    assert kvm.parse_probe_output(text) == (0x1db23bd74dc, 0x1dbc0cfa10f, 2_000_000)


@pytest.mark.parametrize("text", ["", "kvm-probe: instructions 001e8480 tsc\n", "kvm-probe: x"])
def test_parse_probe_output_without_a_measurement(text):
    assert kvm.parse_probe_output(text) is None


def outcome(kind="exited", output="", errors="", reason="guest status 0"):
    return qemu.Outcome(kind, reason, 0, 1, output, errors, output, "probe.log", 0.1)


def test_judge_outcome():
    assert kvm.judge_outcome(outcome(output=PROBE_LINE.format(10, 1_000_010))).real
    hung = kvm.judge_outcome(outcome("hung", "Booting\n", reason="no exit within 20 s"))
    assert not hung.real and "hung: no exit within 20 s (too slow" in hung.reason
    crashed = kvm.judge_outcome(outcome("silent", errors="qemu: failed to set MSR\nabort\n",
                                        reason="no output at all (killed by SIGABRT)"))
    assert not crashed.real and crashed.reason.endswith("QEMU said: qemu: failed to set MSR")
    mute = kvm.judge_outcome(outcome(output="Booting\n"))
    assert not mute.real and "without printing its measurement" in mute.reason


def test_needs_probe_only_where_the_board_says():
    assert kvm.needs_probe(X86, "kvm")
    assert not kvm.needs_probe(X86, "icount")
    assert not kvm.needs_probe(boards.load("qemu-aarch64"), "kvm")


def test_device_problem(tmp_path):
    assert "does not exist" in kvm.device_problem(str(tmp_path / "kvm"))
    assert "does not open" in kvm.device_problem(str(tmp_path))
    (tmp_path / "kvm").write_bytes(b"")
    assert kvm.device_problem(str(tmp_path / "kvm")) is None


def test_probe_guest_is_a_multiboot_aout_kludge_image(tmp_path):
    image = kvm.build_probe(tmp_path).read_bytes()
    magic, flags, checksum, header, load, load_end, bss_end, entry = struct.unpack_from(
        "<8I", image)
    assert magic == MULTIBOOT_MAGIC and flags & 0x10000
    assert (magic + flags + checksum) % 2**32 == 0
    assert header == load == kvm.PROBE_LOAD_ADDRESS and load_end == bss_end == 0
    assert load < entry < load + len(image)


def fake_kvm_board(argv):
    """The x86_64 board with its QEMU replaced by a fake; the kvm mode table is kept."""
    return {**X86, "qemu": {"binary": argv[0], "args": [argv[1]]}}


@pytest.mark.parametrize("cycles, real", [(1_000_000, True), (2_671_178_675, False)])
def test_probe_with_a_fake_qemu(tmp_path, cycles, real):
    (tmp_path / "kvm").write_bytes(b"")
    argv = fake_qemu.prints_and_exits(tmp_path, PROBE_LINE.format(7, 7 + cycles), 1)
    verdict = kvm.probe(fake_kvm_board(argv), device=str(tmp_path / "kvm"))
    assert verdict.real is real and str(cycles) in verdict.reason


def test_probe_refuses_a_guest_that_hangs(tmp_path):
    (tmp_path / "kvm").write_bytes(b"")
    board = fake_kvm_board(fake_qemu.hangs(tmp_path))
    verdict = kvm.probe(board, timeout=0.5, device=str(tmp_path / "kvm"))
    assert not verdict.real and "hung" in verdict.reason


def test_probe_refuses_without_the_device():
    verdict = kvm.probe(X86, device="/nonexistent/kvm")
    assert not verdict.real and "/nonexistent/kvm does not exist" in verdict.reason


def test_probe_on_this_host():
    """The real probe, with the board's own kvm command line: whatever this host is, it ends
    in a verdict that names what it saw (on the machines here, a refusal)."""
    verdict = kvm.probe(X86)
    assert verdict.reason
    if verdict.real:
        assert verdict.cycles_per_instruction < kvm.MAX_CYCLES_PER_INSTRUCTION
