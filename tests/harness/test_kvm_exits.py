"""harness/kvm_exits.py and its use by a kvm run: the perf command line, parsing real and
format-faithful `perf script` output, the window of the cases, `perf record` for real on this
host, the result schema's kvm_exits (schema_version 2), a kvm run that stores its exits, and
that this host's kvm is still refused for figures."""
import os
import pathlib
import shutil
import stat
import subprocess
import time

import pytest

from boards import board as boards
from harness import __main__ as cli
from harness import build, kvm, kvm_exits, protocol, qemu, store

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
THIS_HOST = (FIXTURES / "perf-script-this-host.txt").read_text()
KVM_EXIT = (FIXTURES / "perf-script-kvm-exit.txt").read_text()
BENCH_LOG = (FIXTURES / "sel4bench-good.log").read_text()
TRACEPOINT = pathlib.Path("/sys/kernel/tracing/events/kvm/kvm_exit")


def test_wrap_records_the_tracepoint_on_the_monotonic_clock():
    argv = ["qemu-system-x86_64", "-accel", "kvm"]
    assert kvm_exits.wrap(argv, "/tmp/x.data") == [
        "perf", "record", "--quiet", "-e", "kvm:kvm_exit", "-k", "CLOCK_MONOTONIC", "-o",
        "/tmp/x.data", "--", *argv]


def test_real_output_of_this_host_has_no_kvm_exit_and_other_events_are_ignored():
    assert "kvm:kvm_userspace_exit: reason KVM_EXIT_IO (2)" in THIS_HOST
    assert kvm_exits.parse_script(THIS_HOST) == {}


def test_kvm_exit_lines_counted_by_reason():
    assert kvm_exits.parse_script(KVM_EXIT) == {
        "EPT_VIOLATION": 1, "EXTERNAL_INTERRUPT": 1, "GP excp": 1, "HLT": 2,
        "IO_INSTRUCTION": 2, "npf": 1}


def test_only_the_window_counts():
    assert kvm_exits.parse_script(KVM_EXIT, 10614.5292, 10614.5295) == {
        "EPT_VIOLATION": 1, "EXTERNAL_INTERRUPT": 1, "HLT": 1, "IO_INSTRUCTION": 1}
    assert kvm_exits.parse_script(KVM_EXIT, 10615.0) == {}


def test_a_kvm_exit_line_without_a_reason_names_its_line():
    text = "1.000001: kvm:kvm_exit: vcpu 0 reason HLT rip 0x1\n2.000001: kvm:kvm_exit: vcpu 0\n"
    with pytest.raises(kvm_exits.KvmExitsError, match="line 2 has no exit reason"):
        kvm_exits.parse_script(text)


def test_case_window_finds_the_tags_across_chunks():
    window = kvm_exits.CaseWindow()
    window("serial", b"boot noise @bench {\"ty")
    window("stderr", b'@bench {"type":"header"')
    assert window.start is None
    window("serial", b'pe":"header","schema":1}\r\n@bench {"type":"case"}\r\n')
    assert window.start is not None and window.end is None
    window("serial", b'@bench {"type":"e')
    window("serial", b'nd","cases":1}\r\n')
    assert window.complete and window.end >= window.start


def test_summary_names_the_window_and_the_commonest_reasons():
    exits = kvm_exits.document(kvm_exits.parse_script(KVM_EXIT), "cases")
    assert exits["total"] == 8
    line = kvm_exits.summary(exits, most=2)
    assert line == ("VM exits while the cases ran (kvm:kvm_exit): 8: HLT 2, IO_INSTRUCTION 2, "
                    "4 more reasons")


@pytest.mark.skipif(shutil.which("perf") is None or not TRACEPOINT.exists(),
                    reason="needs perf (linux-perf) and the kvm tracepoints")
def test_perf_records_and_reads_back_the_tracepoint_on_this_host(tmp_path):
    """The real perf, as a kvm run calls it: record kvm:kvm_exit around a command, read it
    back. No guest runs, so no exit is counted (nor would one be here: see the fixture)."""
    data = tmp_path / "run.perf.data"
    done = subprocess.run(kvm_exits.wrap(["sh", "-c", "exit 3"], data), capture_output=True)
    assert done.returncode == 3, done.stderr  # perf passes the command's status on
    assert kvm_exits.count(data) == {"event": "kvm:kvm_exit", "window": "run", "total": 0,
                                     "by_reason": {}}


def test_count_reports_a_perf_that_fails(tmp_path):
    with pytest.raises(kvm_exits.KvmExitsError, match="perf script failed"):
        kvm_exits.count(tmp_path / "missing.perf.data")


def kvm_result(exits):
    run = protocol.parse(BENCH_LOG)
    return store.result(run, "kvm", "x.log", qemu="QEMU 7.2", cpu="cpu",
                        date="2026-12-04T21:00:00+00:00", kvm_exits=exits)


def test_schema_2_holds_the_counts_and_refuses_a_bare_map(tmp_path):
    exits = kvm_exits.document({"HLT": 2}, "cases")
    data = kvm_result(exits)
    assert data["schema_version"] == 2
    assert store.read(store.write(data, tmp_path))["kvm_exits"] == exits
    for wrong in ({"HLT": 2}, {**exits, "window": "boot"}, {**exits, "total": -1}, None):
        with pytest.raises(store.StoreError, match="kvm_exits"):
            store.write({**data, "kvm_exits": wrong}, tmp_path)


def test_schema_1_files_stay_valid():
    data = {**kvm_result(None), "schema_version": 1, "kvm_exits": {"HLT": 2}}
    store.validate(data)
    store.validate({**data, "mode": "icount", "unit": "guest instructions", "kvm_exits": None})


def executable(path, text):
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_kvm_run_stores_the_exits_of_its_window(monkeypatch, tmp_path, capsys):
    """A kvm run end to end with the probe's verdict, the build, QEMU and perf faked: the exits
    between the header and end lines are stored and printed."""
    board = boards.load("qemu-riscv64")
    board = {**board, "modes": {**board["modes"], "kvm": {"args": []}}}
    script = tmp_path / "script.txt"
    executable(tmp_path / "perf", f"#!/bin/sh\ncat {script}\n")
    monkeypatch.setattr(kvm_exits, "PERF", str(tmp_path / "perf"))
    monkeypatch.setattr(boards, "load", lambda name: board)
    monkeypatch.setattr(kvm, "probe", lambda board, mode: kvm.Verdict(True, "0.9 per insn"))
    monkeypatch.setattr(build, "build", lambda *_, **__: {})
    monkeypatch.setattr(build, "build_dir", lambda *_, **__: tmp_path / "build")
    monkeypatch.setattr(build, "root_task_files",
                        lambda *_: {"kernel": "k.img", "expected_status": 125})
    monkeypatch.setattr(cli, "missing_qemu", lambda board: None)

    def fake_run(board, argv, log, timeout, echo):
        assert argv[1:5] == ["record", "--quiet", "-e", "kvm:kvm_exit"]
        before = time.monotonic() - 1
        head, rest = BENCH_LOG.split('@bench {"type":"case"', 1)
        echo("serial", head.encode())
        echo("serial", ('@bench {"type":"case"' + rest).encode())
        after = time.monotonic() + 1
        line = "{:.6f}: kvm:kvm_exit: vcpu 0 reason {} rip 0x1 info1 0x0\n"
        script.write_text(line.format(before, "HLT") + line.format(after, "HLT") +
                          "".join(line.format((before + after) / 2, "IO_INSTRUCTION")
                                  for _ in range(3)))
        pathlib.Path(log).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(log).write_text(BENCH_LOG)
        return qemu.Outcome("exited", "guest status 125", 125, 251, BENCH_LOG, "", "", str(log),
                            1.0)
    monkeypatch.setattr(qemu, "run", fake_run)
    status = cli.main(["run", "--board", "qemu-riscv64", "--mode", "kvm", "--root-task",
                       "sel4bench", "--results", str(tmp_path / "results")])
    captured = capsys.readouterr()
    assert status == 0, captured
    assert "VM exits while the cases ran (kvm:kvm_exit): 3: IO_INSTRUCTION 3" in captured.err
    stored = list((tmp_path / "results").rglob("*-kvm-fastpath.json"))
    assert len(stored) == 1
    assert store.read(stored[0])["kvm_exits"] == {
        "event": "kvm:kvm_exit", "window": "cases", "total": 3,
        "by_reason": {"IO_INSTRUCTION": 3}}


def hardware_virtualisation():
    flags = pathlib.Path("/proc/cpuinfo").read_text().split()
    return "vmx" in flags or "svm" in flags


@pytest.mark.skipif(hardware_virtualisation(), reason="this host has VT-x/AMD-V")
def test_this_hosts_kvm_is_still_refused_for_figures(tmp_path, capsys):
    """Without vmx or svm in the CPU flags, /dev/kvm (if any) is software: the real probe must
    refuse kvm mode, before any build, and store nothing."""
    status = cli.main(["bench", "--board", "qemu-x86_64", "--mode", "kvm", "--results",
                       str(tmp_path / "results")])
    captured = capsys.readouterr()
    assert status == cli.EXIT_REFUSED, captured
    assert "mode kvm refused" in captured.err
    assert not (tmp_path / "results").exists() or not any((tmp_path / "results").rglob("*"))
    assert os.path.exists("/dev/kvm") or "does not exist" in captured.err
