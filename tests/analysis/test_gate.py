"""analysis/gate.py and `python3 -m analysis gate`: the committed baseline against current
results: a fastpath case one instruction longer fails with a table of what grew; a slowpath
case fails only beyond its threshold; improvements are reported and pass; a board with no
baseline fails."""
from conftest import fixture_result, variant_of

from analysis import __main__ as cli
from analysis import baselines, gate
from harness import store


def tree(tmp_path, fast_grow=None, slow_grow=None):
    base_root, current = tmp_path / "base", tmp_path / "current"
    for variant in ("fastpath", "slowpath"):
        store.write(variant_of(fixture_result(variant), "0" * 12, 1), base_root)
    baselines.accept(base_root, "0" * 12, "icount", "test baseline")
    (base_root / "thresholds.toml").write_text("default = 0.02\n[cases]\nyield = 0.10\n")
    store.write(variant_of(fixture_result("fastpath"), "1" * 12, 2, fast_grow), current)
    store.write(variant_of(fixture_result("slowpath"), "1" * 12, 2, slow_grow), current)
    return base_root, current


def test_the_same_numbers_pass(tmp_path):
    base, current = tree(tmp_path)
    verdict = gate.gate(current, base)
    assert verdict.passed and len(verdict.table) == 2 * 37


def test_a_fastpath_case_one_instruction_longer_fails_with_what_grew(tmp_path, capsys):
    base, current = tree(tmp_path, fast_grow={"ipc_call_same_as_len0": 1})
    status = cli.main(["--results", str(base), "gate", "--current", str(current)])
    out = capsys.readouterr().out
    assert status == 1 and "REGRESSIONS" in out and "FAILED" in out
    line = next(l for l in out.splitlines() if "ipc_call_same_as_len0" in l)
    assert "fastpath" in line and " 1 " in f" {line} "


def test_slowpath_cases_fail_only_beyond_their_threshold(tmp_path):
    base, current = tree(tmp_path, slow_grow={"ipc_call_same_as_len0": 5, "yield": 40})
    assert gate.gate(current, base).passed       # 5 of ~1200 and 40 of 481 (threshold 10 %)
    base, current = tree(tmp_path / "b", slow_grow={"ipc_call_same_as_len0": 100})
    regressions = gate.gate(current, base).regressions
    assert list(regressions["case"]) == ["ipc_call_same_as_len0"]


def test_improvements_are_reported_and_pass(tmp_path, capsys):
    base, current = tree(tmp_path, fast_grow={"null_syscall": -7})
    status = cli.main(["--results", str(base), "gate", "--current", str(current)])
    out = capsys.readouterr().out
    assert status == 0 and "improvements" in out and "null_syscall" in out


def test_results_without_a_baseline_fail(tmp_path, capsys):
    base, current = tree(tmp_path)
    other = fixture_result()
    other["board"] = "qemu-x86_64"
    store.write(other, current)
    assert cli.main(["--results", str(base), "gate", "--current", str(current)]) == 1
    assert "no baseline for qemu-x86_64 icount fastpath" in capsys.readouterr().out


def test_a_failed_gate_says_when_the_baselines_commit_cannot_be_profiled(tmp_path, capsys):
    # The fixture baseline's commit (000000000000) is in no repository: the gate says so
    # instead of printing a profile-diff, and still fails.
    base, current = tree(tmp_path, fast_grow={"ipc_call_same_as_len0": 1})
    status = cli.main(["--results", str(base), "gate", "--current", str(current),
                       "--profile-diff", "2"])
    out = capsys.readouterr().out
    assert status == cli.EXIT_REGRESSION
    assert ("profile-diff qemu-riscv64 fastpath ipc_call_same_as_len0: the baseline's commit "
            "000000000000 is not in this repository; no diff") in out
