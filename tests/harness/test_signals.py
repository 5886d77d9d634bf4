"""The harness dies, and its guest dies with it: a real harness process (`python3 -m harness
run` on a fake build whose QEMU spins forever) is killed with SIGKILL or told to stop with
SIGTERM or SIGINT; the fake QEMU must be gone, and the previous complete log untouched."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import fake_qemu
from harness import REPO_ROOT

GONE_WITHIN = 5.0
OLD_LOG = "boot-test: 5 passed, 0 failed\nthe previous complete run\n"


def start_harness(tmp_path):
    """A harness running the boot test of qemu-x86_64 on a fake build and QEMU in tmp_path;
    returns (harness process, the fake QEMU's pid once it runs, the log path)."""
    pid_file = tmp_path / "qemu.pid"
    argv = fake_qemu.hangs_and_tells_its_pid(tmp_path, pid_file)
    driver = tmp_path / "driver.py"
    driver.write_text(textwrap.dedent(f"""
        import pathlib, sys
        sys.path.insert(0, {str(REPO_ROOT)!r})
        from boards import board as boards
        from harness import __main__ as cli, build
        files = {{"kernel": "k", "initrd": "i", "elf": "e", "expected_status": 125}}
        build.build = lambda *_, **__: {{"root_tasks": {{"boot-test": files}}}}
        build.build_dir = lambda *_: pathlib.Path({str(tmp_path)!r})
        boards.qemu_argv = lambda *_: {argv!r}
        sys.exit(cli.main(["run", "--board", "qemu-x86_64", "--timeout", "600"]))
    """))
    log = tmp_path / "logs" / "boot-test-icount.log"
    log.parent.mkdir()
    log.write_text(OLD_LOG)
    harness = subprocess.Popen([sys.executable, str(driver)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    partial = log.with_name(log.name + ".partial")
    deadline = time.monotonic() + 20
    # Wait until the guest runs and the harness has logged its first line, so that the signal
    # always comes in the middle of a run.
    while not (pid_file.exists() and pid_file.read_text() and partial.exists() and
               partial.read_text()):
        assert harness.poll() is None, harness.communicate()
        assert time.monotonic() < deadline, "the fake QEMU never started or printed nothing"
        time.sleep(0.05)
    return harness, int(pid_file.read_text()), log


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid):
    deadline = time.monotonic() + GONE_WITHIN
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_sigkill_of_the_harness_kills_qemu(tmp_path):
    harness, qemu_pid, log = start_harness(tmp_path)
    try:
        harness.kill()
        harness.wait()
        assert wait_gone(qemu_pid), f"QEMU {qemu_pid} outlived the harness"
    finally:
        if alive(qemu_pid):
            os.kill(qemu_pid, signal.SIGKILL)
    assert log.read_text() == OLD_LOG
    assert log.with_name(log.name + ".partial").read_text().startswith("kernel: booting")


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_sigint_stops_the_guest_says_so_and_marks_the_log(tmp_path, signal_number):
    harness, qemu_pid, log = start_harness(tmp_path)
    try:
        harness.send_signal(signal_number)
        out, err = harness.communicate(timeout=10)
        assert not alive(qemu_pid), "the harness exited and left QEMU running"
    finally:
        if alive(qemu_pid):
            os.kill(qemu_pid, signal.SIGKILL)
    name = signal.Signals(signal_number).name
    assert harness.returncode == 128 + signal_number
    partial = log.with_name(log.name + ".partial")
    assert f"harness: interrupted by {name}: stopped the guest and the run; the incomplete " \
        f"log is {partial}" in err
    assert "Traceback" not in err
    assert log.read_text() == OLD_LOG
    assert partial.read_text().splitlines()[-1] == \
        f"--- harness interrupted ({name}): this log is incomplete ---"
