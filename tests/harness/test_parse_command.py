"""`harness parse LOG --board B --mode log`: a good log captured elsewhere is stored as one
result file; a truncated, interleaved, corrupted or wrong-CRC log, an unknown board, a log of
another board and a missing file each give one error line naming what and where, and no
results file."""
import pathlib

import pytest

from harness import __main__ as cli

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "sel4bench-good.log"


def parse(tmp_path, log, board="qemu-riscv64"):
    return cli.main(["parse", str(log), "--board", board, "--mode", "log",
                     "--results", str(tmp_path / "results")])


def stored(tmp_path):
    return sorted((tmp_path / "results").rglob("*.json")) if (tmp_path /
                                                               "results").exists() else []


def test_a_good_log_is_stored_in_cycles(tmp_path, capsys):
    assert parse(tmp_path, GOOD) == 0
    [path] = stored(tmp_path)
    assert path.name == "bfe613e0fd70-log-fastpath.json"
    assert "37 cases stored" in capsys.readouterr().out


def interleaved(tmp_path):
    lines = GOOD.read_text().splitlines()
    other = [l.replace('"variant":"fastpath"', '"variant":"slowpath"') for l in lines]
    mixed = [x for pair in zip(lines, other) for x in pair]
    path = tmp_path / "interleaved.log"
    path.write_text("\n".join(mixed) + "\n")
    return path


def corrupted(tmp_path):
    text = GOOD.read_text().replace('"samples":[1204,1204', '"samples":[1204,,1204', 1)
    path = tmp_path / "corrupted.log"
    path.write_text(text)
    return path


@pytest.mark.parametrize("make, message", [
    (lambda t: FIXTURES / "sel4bench-truncated.log", "rejected at line 26: malformed JSON"),  # cut mid-record
    (lambda t: FIXTURES / "sel4bench-wrong-crc.log", "CRC32 mismatch"),
    (interleaved, "a second header"),
    (corrupted, "malformed JSON"),
    (lambda t: t / "no-such.log", "cannot read"),
])
def test_a_bad_log_gives_one_error_naming_what_and_where_and_no_result(tmp_path, capsys, make,
                                                                       message):
    log = make(tmp_path)
    assert parse(tmp_path, log) != 0
    err = capsys.readouterr().err
    assert message in err and str(log) in err
    assert stored(tmp_path) == []


def test_an_unknown_board_or_another_boards_log_is_refused(tmp_path, capsys):
    assert parse(tmp_path, GOOD, board="qemu-vax") != 0
    assert "unknown board 'qemu-vax'" in capsys.readouterr().err
    assert parse(tmp_path, GOOD, board="qemu-x86_64") != 0
    assert "names board 'qemu-riscv64', not 'qemu-x86_64'" in capsys.readouterr().err
    assert stored(tmp_path) == []
