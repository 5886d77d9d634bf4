"""harness/__main__.py: argument defaults, results and exit statuses, the summary, the kvm
refusal (no build, no fallback to tcg), and a whole `run` against a fake build and QEMU."""
import pathlib

import pytest

import fake_qemu
from boards import board as boards
from harness import __main__ as cli
from harness import build, kvm, qemu


def outcome(kind="exited", guest_status=125, reason="guest status 125 (no thread can run)",
            output="boot-test: 9 passed, 0 failed\n"):
    return qemu.Outcome(kind, reason, guest_status, 251, output, "", "tail line", "x.log", 1.5)


def test_run_defaults_to_every_board_in_icount():
    args = cli.parse_args(["run"])
    assert (args.board, args.mode, args.toolchain, args.fastpath, args.root_task) == \
        (None, "icount", "gcc", "on", "boot-test")


def test_board_and_all_exclude_each_other():
    with pytest.raises(SystemExit):
        cli.parse_args(["run", "--all", "--board", "qemu-x86_64"])


@pytest.mark.parametrize("result, verdict, status", [
    (outcome(), "passed", 0),
    (outcome(guest_status=0, reason="guest status 0"), "failed", cli.EXIT_FAILED),
    (outcome(output="boot-test: 8 passed, 1 failed\n"), "failed", cli.EXIT_FAILED),
    (outcome(output="boot-test: hello\n"), "failed", cli.EXIT_FAILED),
    (outcome(output="boot-test: 0 passed, 0 failed\n"), "failed", cli.EXIT_FAILED),
    (outcome("hung", None, "no exit within 5 s"), "failed", cli.EXIT_FOR_KIND["hung"]),
    (outcome("crashed", 126, "KERNEL PANIC: x"), "failed", cli.EXIT_FOR_KIND["crashed"]),
    (outcome("silent", None, "no output at all"), "failed", cli.EXIT_FOR_KIND["silent"]),
    (outcome("missing", None, "cannot run q"), "failed", cli.EXIT_FOR_KIND["missing"]),
])
def test_judge_by_the_root_tasks_own_line_and_status(result, verdict, status):
    """The deliberate fault's status 125 alone is no pass: the root task's line must say
    N passed, 0 failed (N > 0), and a pass exits 0."""
    judged = cli.judge("qemu-x86_64", 125, result)
    assert (judged.verdict, judged.exit_status) == (verdict, status)


def test_the_last_verdict_line_counts():
    lines = "system-test: FAIL x\n3 passed, 1 failed\nboot-test: 4 passed, 0 failed\n"
    assert cli.judge("b", 125, outcome(output=lines)).verdict == "passed"
    judged = cli.judge("b", 125, outcome(output="4 passed, 0 failed\n2 passed, 1 failed\n"))
    assert judged.verdict == "failed" and judged.detail.startswith("2 passed, 1 failed")


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
    monkeypatch.setattr(cli, "unknown_mode", lambda mode: None)
    return cli.main(["run", "--all"])


def test_all_exits_zero_only_if_every_board_passed(monkeypatch, capsys):
    assert run_all(monkeypatch, [("a", "passed"), ("b", "skipped")]) == 0
    assert run_all(monkeypatch, [("a", "passed"), ("b", "failed")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines[-2:]] == [["a", "passed"], ["b", "failed"]]


def test_all_that_ran_nothing_is_an_error(monkeypatch, capsys):
    assert run_all(monkeypatch, [("a", "skipped"), ("b", "skipped")]) == cli.EXIT_ERROR
    assert "nothing ran: no board has mode 'icount'" in capsys.readouterr().err


@pytest.mark.parametrize("which", [["--all"], [], ["--board", "qemu-x86_64"]])
def test_an_unknown_mode_is_an_error(monkeypatch, capsys, which):
    monkeypatch.setattr(build, "build", lambda *_, **__: pytest.fail("built for no mode"))
    assert cli.main(["run", *which, "--mode", "fast"]) == cli.EXIT_ERROR
    assert "unknown mode 'fast': the boards have icount, kvm, tcg" in capsys.readouterr().err


@pytest.mark.parametrize("option, value", [
    ("--memory", "0"), ("--memory", "-5"), ("--memory", "lots"), ("--timeout", "-1"),
    ("--timeout", "0"), ("--fuzz-seed", "0"), ("--fuzz-seed", str(2**64)), ("--fuzz-seed", "x"),
])
def test_the_parser_refuses_values_that_cannot_work(capsys, option, value):
    with pytest.raises(SystemExit) as exit:
        cli.parse_args(["run", option, value])
    assert exit.value.code == 2
    assert f"argument {option}:" in capsys.readouterr().err


def test_fuzz_seed_accepts_hex_and_reaches_cmake():
    assert cli.parse_args(["run", "--fuzz-seed", "0x2a"]).fuzz_seed == 42
    assert "-DFUZZ_SEED=0x2a" in build.configure_command("b", "gcc", True, "d", fuzz_seed=42)
    assert "-UFUZZ_SEED" in build.configure_command("b", "gcc", True, "d")


def test_a_missing_qemu_names_the_binary_and_its_package(monkeypatch, capsys):
    board = boards.load("qemu-aarch64")
    monkeypatch.setattr(boards, "load", lambda name: {
        **board, "qemu": {**board["qemu"], "binary": "/nonexistent/qemu-system-aarch64"}})
    monkeypatch.setattr(build, "build", lambda *_, **__: pytest.fail("built without QEMU"))
    assert cli.main(["run", "--board", "qemu-aarch64"]) == cli.EXIT_FOR_KIND["missing"]
    out = capsys.readouterr().out
    assert "error    QEMU binary /nonexistent/qemu-system-aarch64 not found on PATH; " \
        "Debian package qemu-system-arm has it" in out
    assert "silent" not in out


def test_an_unwritable_log_folder_is_one_clear_error(monkeypatch, tmp_path, capsys):
    (tmp_path / "logs").write_text("a file where the log folder should be")
    monkeypatch.setattr(build, "build_dir", lambda *_: tmp_path)
    monkeypatch.setattr(build, "build", lambda *_, **__: pytest.fail("built with no log"))
    assert cli.main(["run", "--board", "qemu-riscv64"]) == cli.EXIT_ERROR
    captured = capsys.readouterr()
    assert f"error    cannot write the log {tmp_path}/logs/boot-test-icount.log.partial in " \
        f"{tmp_path}/logs:" in captured.out
    assert "Traceback" not in captured.err


def test_all_skips_boards_without_the_mode():
    args = cli.parse_args(["run", "--mode", "kvm"])
    result = cli.run_board("qemu-aarch64", args, skip_missing_mode=True)
    assert (result.verdict, result.detail) == ("skipped", "no mode 'kvm'")


def test_kvm_refusal_builds_nothing_and_runs_nothing(monkeypatch, capsys):
    monkeypatch.setattr(kvm, "probe", lambda board, mode: kvm.Verdict(False, "1335 per insn"))
    monkeypatch.setattr(build, "build", lambda *_, **__: pytest.fail("built after a refusal"))
    monkeypatch.setattr(qemu, "run_root_task", lambda *_: pytest.fail("ran after a refusal"))
    assert cli.main(["run", "--board", "qemu-x86_64", "--mode", "kvm"]) == cli.EXIT_REFUSED
    captured = capsys.readouterr()
    assert "mode kvm refused: 1335 per insn" in captured.err
    assert "refused  kvm refused: 1335 per insn" in captured.out


def test_run_streams_the_console_and_exits_zero_on_the_root_tasks_pass(monkeypatch, tmp_path,
                                                                        capfd):
    argv = fake_qemu.prints_and_exits(tmp_path, "boot-test: hello\nboot-test: 3 passed, 0 failed\n",
                                      251)
    files = {"kernel": "k.elf", "initrd": "b.elf", "elf": "b.elf", "expected_status": 125}
    monkeypatch.setattr(build, "build", lambda *_, **__: {"root_tasks": {"boot-test": files}})
    monkeypatch.setattr(build, "build_dir", lambda *_: tmp_path)
    monkeypatch.setattr(boards, "qemu_argv", lambda *_: argv)
    assert cli.main(["run", "--board", "qemu-x86_64"]) == 0
    out = capfd.readouterr().out
    assert out.startswith("boot-test: hello\n")
    assert "passed   3 passed, 0 failed; guest status 125" in out
    assert (tmp_path / "logs" / "boot-test-icount.log").read_text().startswith("boot-test: hello")
    assert not (tmp_path / "logs" / "boot-test-icount.log.partial").exists()


def test_run_fails_when_a_check_failed_despite_the_expected_status(monkeypatch, tmp_path):
    argv = fake_qemu.prints_and_exits(tmp_path, "boot-test: 2 passed, 1 failed\n", 251)
    files = {"kernel": "k.elf", "initrd": "b.elf", "elf": "b.elf", "expected_status": 125}
    monkeypatch.setattr(build, "build", lambda *_, **__: {"root_tasks": {"boot-test": files}})
    monkeypatch.setattr(build, "build_dir", lambda *_: tmp_path)
    monkeypatch.setattr(boards, "qemu_argv", lambda *_: argv)
    assert cli.main(["run", "--board", "qemu-x86_64"]) == cli.EXIT_FAILED


def test_build_failure_is_reported_with_its_tail(monkeypatch, capsys):
    def fail(*_, **__):
        raise build.BuildError("build failed (exit 1): cmake --build x\nmain.c:1: error: no")
    monkeypatch.setattr(build, "build", fail)
    assert cli.main(["run", "--board", "qemu-riscv64"]) == cli.EXIT_ERROR
    assert "main.c:1: error: no" in capsys.readouterr().err


BENCH_LOG = (pathlib.Path(__file__).parent / "fixtures" / "sel4bench-good.log").read_text()


@pytest.mark.parametrize("result, verdict, status, detail", [
    (outcome(output=BENCH_LOG), "passed", 0, "37 cases, end line and CRC32 intact"),
    (outcome(output=BENCH_LOG.replace('"type":"end"', '"type":"nd"')), "failed",
     cli.EXIT_FAILED, "unknown record type 'nd'"),
    (outcome(output=BENCH_LOG[:len(BENCH_LOG) // 2]), "failed", cli.EXIT_FAILED,
     "sel4bench log rejected: line"),
    (outcome(guest_status=0, output=BENCH_LOG), "failed", cli.EXIT_FAILED, "expected 125"),
    (outcome("hung", None, "no exit within 5 s", BENCH_LOG), "failed",
     cli.EXIT_FOR_KIND["hung"], "hung"),
])
def test_a_sel4bench_run_passes_only_with_an_intact_log_and_its_status(result, verdict, status,
                                                                        detail):
    judged, run = cli.judge_bench("qemu-riscv64", 125, result)
    assert (judged.verdict, judged.exit_status) == (verdict, status)
    assert detail in judged.detail
    assert (run is not None) == (verdict == "passed")


def test_bench_defaults_to_every_board_in_icount_with_the_builds_samples():
    args = cli.parse_args(["bench"])
    assert (args.board, args.mode, args.toolchain, args.samples) == (None, "icount", "gcc", None)
