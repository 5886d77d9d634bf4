"""harness/qemu.py: outcome classification, the timeout kill, log teeing, exit-status decoding.
Real processes are fake QEMUs (fake_qemu.py); classify() is also fed synthetic runs."""
import os
import sys
import time

import pytest

import fake_qemu
from boards import board as boards
from harness import qemu

X86 = boards.load("qemu-x86_64")
AARCH64 = boards.load("qemu-aarch64")
RISCV64 = boards.load("qemu-riscv64")
NO_THREAD_CAN_RUN = 125
KERNEL_PANIC = 126


def process(output=b"kernel: hello\n", returncode=NO_THREAD_CAN_RUN << 1 | 1, timed_out=False,
            errors=b""):
    return qemu.Process(returncode, timed_out, 5.0, output, errors, 0.1)


def test_status_names_come_from_the_kernel_header():
    assert qemu.STATUS_NAMES == {NO_THREAD_CAN_RUN: "no thread can run",
                                 KERNEL_PANIC: "kernel panic"}


@pytest.mark.parametrize("board, qemu_status, guest_status", [
    (X86, 251, 125), (X86, 1, 0), (X86, 3, 1), (X86, 253, 126), (X86, 0, None), (X86, 2, None),
    (AARCH64, 125, 125), (AARCH64, 0, 0), (AARCH64, 1, 1),
    (RISCV64, 125, 125), (RISCV64, 0, 0), (RISCV64, 126, 126),
], ids=lambda value: value["name"] if isinstance(value, dict) else str(value))
def test_exit_status_decoding_per_board(board, qemu_status, guest_status):
    assert boards.guest_exit_status(board, qemu_status) == guest_status
    kind, _, decoded = qemu.classify(board, process(returncode=qemu_status))
    assert decoded == guest_status
    assert kind == ("crashed" if guest_status in (None, KERNEL_PANIC) else "exited")


def test_exited_names_the_kernel_status():
    assert qemu.classify(X86, process()) == (
        "exited", "guest status 125 (no thread can run)", NO_THREAD_CAN_RUN)


def test_status_the_exit_device_cannot_produce_is_a_crash():
    kind, reason, _ = qemu.classify(X86, process(returncode=0))
    assert kind == "crashed" and "isa-debug-exit device cannot produce" in reason


def test_kernel_panic_line_is_a_crash_whatever_the_status():
    output = b"kernel: hello\r\nKERNEL PANIC: trap 14 at ffffffff80001234\r\n"
    kind, reason, status = qemu.classify(AARCH64, process(output, returncode=0))
    assert (kind, status) == ("crashed", 0)
    assert reason == "KERNEL PANIC: trap 14 at ffffffff80001234"


def test_panic_status_without_its_line_is_a_crash():
    kind, reason, _ = qemu.classify(RISCV64, process(returncode=KERNEL_PANIC))
    assert kind == "crashed" and "kernel panic" in reason


def test_timeout_with_output_is_a_hang_and_without_is_silent():
    assert qemu.classify(X86, process(timed_out=True, returncode=-9))[0] == "hung"
    kind, reason, _ = qemu.classify(X86, process(b"", timed_out=True, returncode=-9))
    assert kind == "silent" and "killed after 5 s" in reason


def test_signal_is_a_crash():
    kind, reason, status = qemu.classify(X86, process(returncode=-11))
    assert (kind, status) == ("crashed", None) and "SIGSEGV" in reason


def test_only_stderr_is_silent():
    # QEMU refusing to start writes to stderr and exits 1, which isa-debug-exit reads as 0.
    kind, reason, _ = qemu.classify(X86, process(b"", returncode=1, errors=b"no kernel\n"))
    assert kind == "silent" and "status 1" in reason


def test_run_exited(tmp_path):
    argv = fake_qemu.prints_and_exits(tmp_path, "kernel: stopping\r\n", 251, errors="warn\n")
    outcome = qemu.run(X86, argv, tmp_path / "logs" / "t.log", timeout=10)
    assert (outcome.kind, outcome.guest_status, outcome.qemu_status) == ("exited", 125, 251)
    assert outcome.status_name == "no thread can run"
    assert outcome.output == "kernel: stopping\n" and outcome.errors == "warn\n"
    log = (tmp_path / "logs" / "t.log").read_bytes()
    assert log.startswith(b"kernel: stopping\r\n") and log.endswith(b"warn\n")
    assert outcome.tail.splitlines()[-2:] == [qemu.STDERR_MARKER, "warn"]


def test_run_hung_is_killed_at_the_timeout(tmp_path):
    start = time.monotonic()
    outcome = qemu.run(X86, fake_qemu.hangs(tmp_path), tmp_path / "t.log", timeout=1)
    assert 1 <= time.monotonic() - start < 5
    assert outcome.kind == "hung" and outcome.reason == "no exit within 1 s"
    assert outcome.tail == "booting"


def test_timeout_kills_the_whole_process_group(tmp_path):
    pid_file = tmp_path / "child.pid"
    outcome = qemu.run(X86, fake_qemu.hangs_with_child(tmp_path, pid_file), tmp_path / "t.log",
                       timeout=1)
    assert outcome.kind == "hung"
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while process_alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_alive(child)


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_run_silent(tmp_path):
    outcome = qemu.run(X86, fake_qemu.silent(tmp_path, 251), tmp_path / "t.log", timeout=10)
    assert outcome.kind == "silent" and outcome.guest_status is None
    assert (tmp_path / "t.log").read_bytes() == b""


def test_missing_qemu_is_missing_not_silent_and_says_why(tmp_path):
    outcome = qemu.run(X86, [str(tmp_path / "qemu-system-none")], tmp_path / "t.log", 10)
    assert (outcome.kind, outcome.qemu_status) == ("missing", 127)
    assert outcome.reason == f"cannot run {tmp_path}/qemu-system-none: no such program; " \
        "no Debian package known for it"
    assert outcome.reason in outcome.tail


@pytest.mark.parametrize("binary, package", [("qemu-system-x86_64", "qemu-system-x86"),
                                             ("qemu-system-aarch64", "qemu-system-arm"),
                                             ("qemu-system-riscv64", "qemu-system-misc")])
def test_missing_qemu_names_its_debian_package(tmp_path, binary, package):
    outcome = qemu.run(X86, [str(tmp_path / binary)], tmp_path / "t.log", 10)
    assert outcome.kind == "missing"
    assert outcome.reason.endswith(f"no such program; Debian package {package} has it "
                                   "(bash ci/deps.sh installs it)")


def test_run_dies_on_signal(tmp_path):
    outcome = qemu.run(X86, fake_qemu.dies_on_signal(tmp_path, "SIGSEGV"), tmp_path / "t.log",
                       timeout=10)
    assert outcome.kind == "crashed" and outcome.qemu_status == -11
    assert "SIGSEGV" in outcome.reason and outcome.tail == "about to die"


def test_log_is_written_as_output_arrives(tmp_path):
    chunks = ["kernel: one\n", "kernel: two\n", "kernel: three\n"]
    log = tmp_path / "t.log"
    seen = []

    def echo(stream, chunk):
        seen.append((stream, chunk, (tmp_path / "t.log.partial").read_bytes()))

    outcome = qemu.run(AARCH64, fake_qemu.prints_in_chunks(tmp_path, chunks, 7), log, 10, echo)
    assert outcome.guest_status == 7
    serial = [(chunk, logged) for stream, chunk, logged in seen if stream == "serial"]
    assert b"".join(chunk for chunk, _ in serial) == "".join(chunks).encode()
    so_far = b""
    for chunk, logged in serial:
        so_far += chunk
        assert logged == so_far


def test_stdin_is_dev_null(tmp_path):
    argv = fake_qemu.script(tmp_path, "stdin", """
        print(os.path.realpath("/proc/self/fd/0"), repr(sys.stdin.read()), flush=True)
        sys.exit(1)
    """)
    outcome = qemu.run(X86, argv, tmp_path / "t.log", timeout=10)
    assert outcome.output == "/dev/null ''\n"


def test_run_root_task_boots_the_manifest_files(tmp_path):
    argv = fake_qemu.script(tmp_path, "argv", """
        print(" ".join(sys.argv[1:]), flush=True)
        sys.exit(251)
    """)
    board = {**X86, "qemu": {"binary": argv[0], "args": [argv[1]]}}
    files = {"kernel": "k.elf", "initrd": "boot-test.elf", "elf": "boot-test.elf"}
    log = qemu.log_path(tmp_path, "boot-test", "icount")
    outcome = qemu.run_root_task(board, files, "icount", log, timeout=10, memory_mib=2048)
    assert outcome.kind == "exited" and log == tmp_path / "logs" / "boot-test-icount.log"
    words = outcome.output.split()
    assert words[words.index("-kernel") + 1] == "k.elf"
    assert words[words.index("-initrd") + 1] == "boot-test.elf"
    assert words[words.index("-m") + 1] == "2048M"
    assert "shift=0,align=off,sleep=off" in words


def test_unknown_mode_is_refused_before_running(tmp_path):
    with pytest.raises(boards.BoardError, match="no mode 'kvm'"):
        qemu.run_root_task(AARCH64, {"kernel": "k"}, "kvm", tmp_path / "t.log", 10)
