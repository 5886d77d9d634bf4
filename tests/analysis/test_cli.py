"""`python3 -m analysis compare|history|report` on a results tree: the exact icount difference
of each case between two commits, the history with its change point, the report's path."""
from analysis import __main__ as cli


def test_compare_gives_the_exact_difference_of_each_case(history_tree, capsys):
    status = cli.main(["--results", str(history_tree), "compare", "--base", "000000000001",
                       "--new", "000000000006"])
    out = capsys.readouterr().out
    assert status == 0      # one instruction of 397 is within the 2 % default threshold
    line = next(l for l in out.splitlines() if "null_syscall" in l and "fastpath" in l)
    assert line.split()[4:7] == ["397", "398", "1"] and "within threshold" in line


def test_history_lists_the_change_point(history_tree, capsys):
    assert cli.main(["--results", str(history_tree), "history", "--case", "null_syscall"]) == 0
    rows = [l.split() for l in capsys.readouterr().out.splitlines() if "icount" in l]
    assert [r[4] for r in rows if r[-1] == "True"] == ["000000000004", "000000000004"]


def test_report_prints_where_it_is(history_tree, tmp_path, capsys):
    assert cli.main(["--results", str(history_tree), "report", "--out",
                     str(tmp_path / "r")]) == 0
    assert capsys.readouterr().out.strip() == f"report: {tmp_path / 'r' / 'index.html'}"


def test_an_empty_results_folder_is_one_error(tmp_path, capsys):
    assert cli.main(["--results", str(tmp_path), "report", "--out", str(tmp_path / "r")]) == 2
    assert "no results under" in capsys.readouterr().err
