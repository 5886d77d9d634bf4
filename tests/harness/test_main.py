"""harness/__main__.py: argument defaults, results and exit statuses, the summary, the kvm
refusal (no build, no fallback to tcg), and a whole `run` against a fake build and QEMU."""
import pytest

import fake_qemu
from boards import board as boards
from harness import __main__ as cli
from harness import build, kvm, qemu


def outcome(kind="exited", guest_status=125, reason="guest status 125 (no thread can run)"):
    return qemu.Outcome(kind, reason, guest_status, 251, "out\n", "", "tail line", "x.log", 1.5)


def test_run_defaults_to_every_board_in_icount():
    args = cli.parse_args(["run"])
    assert (args.board, args.mode, args.toolchain, args.fastpath, args.root_task) == \
        (None, "icount", "gcc", "on", "boot-test")


def test_board_and_all_exclude_each_other():
    with pytest.raises(SystemExit):
        cli.parse_args(["run", "--all", "--board", "qemu-x86_64"])


@pytest.mark.parametrize("result, verdict, status", [
    (outcome(), "passed", 125),
    (outcome(guest_status=0, reason="guest status 0"), "failed", 0),
    (outcome("hung", None, "no exit within 5 s"), "failed", cli.EXIT_FOR_KIND["hung"]),
    (outcome("crashed", 126, "KERNEL PANIC: x"), "failed", cli.EXIT_FOR_KIND["crashed"]),
    (outcome("silent", None, "no output at all"), "failed", cli.EXIT_FOR_KIND["silent"]),
])
def test_judge_against_the_expected_status(result, verdict, status):
    judged = cli.judge("qemu-x86_64", 125, result)
    assert (judged.verdict, judged.exit_status) == (verdict, status)


def test_a_root_task_expecting_zero_fails_on_another_status():
    assert cli.judge("b", 0, outcome(guest_status=0)).verdict == "passed"
    assert cli.judge("b", 0, outcome()).detail.endswith("expected 0")


def test_a_guest_that_did_not_exit_is_reported_with_its_tail(capsys):
    cli.judge("qemu-x86_64", 125, outcome("hung", None, "no exit within 5 s"))
    assert "hung: no exit within 5 s; last lines of x.log:\ntail line" in capsys.readouterr().err


def run_all(monkeypatch, verdicts):
    results = iter(cli.BoardResult(name, verdict, "", 0) for name, verdict in verdicts)
    monkeypatch.setattr(cli, "run_board", lambda *_, **__: next(results))
    monkeypatch.setattr(boards, "names", lambda: [name for name, _ in verdicts])
    return cli.main(["run", "--all"])


def test_all_exits_zero_only_if_every_board_passed(monkeypatch, capsys):
    assert run_all(monkeypatch, [("a", "passed"), ("b", "skipped")]) == 0
    assert run_all(monkeypatch, [("a", "passed"), ("b", "failed")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines[-2:]] == [["a", "passed"], ["b", "failed"]]


def test_all_skips_boards_without_the_mode():
    args = cli.parse_args(["run", "--mode", "kvm"])
    result = cli.run_board("qemu-aarch64", args, skip_missing_mode=True)
    assert (result.verdict, result.detail) == ("skipped", "no mode 'kvm'")


def test_kvm_refusal_builds_nothing_and_runs_nothing(monkeypatch, capsys):
    monkeypatch.setattr(kvm, "probe", lambda board, mode: kvm.Verdict(False, "1335 per insn"))
    monkeypatch.setattr(build, "build", lambda *_: pytest.fail("built after a refusal"))
    monkeypatch.setattr(qemu, "run_root_task", lambda *_: pytest.fail("ran after a refusal"))
    assert cli.main(["run", "--board", "qemu-x86_64", "--mode", "kvm"]) == cli.EXIT_REFUSED
    captured = capsys.readouterr()
    assert "mode kvm refused: 1335 per insn" in captured.err
    assert "refused  kvm refused: 1335 per insn" in captured.out


def test_run_streams_the_console_and_exits_with_the_guest_status(monkeypatch, tmp_path, capfd):
    argv = fake_qemu.prints_and_exits(tmp_path, "boot-test: hello\n", 251)
    files = {"kernel": "k.elf", "initrd": "b.elf", "elf": "b.elf", "expected_status": 125}
    monkeypatch.setattr(build, "build", lambda *_: {"root_tasks": {"boot-test": files}})
    monkeypatch.setattr(build, "build_dir", lambda *_: tmp_path)
    monkeypatch.setattr(boards, "qemu_argv", lambda *_: argv)
    assert cli.main(["run", "--board", "qemu-x86_64"]) == 125
    out = capfd.readouterr().out
    assert out.startswith("boot-test: hello\n") and "passed   guest status 125" in out
    assert (tmp_path / "logs" / "boot-test-icount.log").read_text() == "boot-test: hello\n"


def test_build_failure_is_reported_with_its_tail(monkeypatch, capsys):
    def fail(*_):
        raise build.BuildError("build failed (exit 1): cmake --build x\nmain.c:1: error: no")
    monkeypatch.setattr(build, "build", fail)
    assert cli.main(["run", "--board", "qemu-riscv64"]) == cli.EXIT_ERROR
    assert "main.c:1: error: no" in capsys.readouterr().err
