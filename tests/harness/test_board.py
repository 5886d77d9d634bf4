"""boards/board.py as the harness uses it: every board loads, and a broken board file is
rejected with a message that names what is wrong (the missing field, section or mode)."""
import re

import pytest

from boards import board as boards

X86_TEXT = open(boards.board_path("qemu-x86_64")).read()


def broken(tmp_path, pattern, replacement="", name="qemu-x86_64"):
    """A copy of the x86_64 board file with `pattern` (a regex, multiline) replaced."""
    text, count = re.subn(pattern, replacement, X86_TEXT, flags=re.MULTILINE)
    assert count, f"pattern {pattern!r} not in the board file"
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("name", boards.names())
def test_every_board_loads_with_icount_and_tcg(name):
    board = boards.load(name)
    assert board["name"] == name and {"icount", "tcg"} <= set(board["modes"])


@pytest.mark.parametrize("pattern, replacement, message", [
    (r"^binary = .*\n", "", r"\[qemu\] missing field 'binary'"),
    (r"^memory_mib = .*\n", "", r"missing field 'memory_mib'"),
    (r"^\[exit\]\nkind = .*\n", "", r"missing section \[exit\]"),
    (r"^\[counter\]\nkind = .*\n", "[counter]\n", r"\[counter\] missing field 'kind'"),
    (r"^\[modes\.tcg\]\nargs = .*\n", "", r"missing mode \[modes\.tcg\]"),
    (r'^arch = "x86_64"', 'arch = "sparc"', r"arch must be one of"),
    (r'^kind = "isa-debug-exit"', 'kind = "reset"', r"exit\.kind must be one of"),
    (r"^name = .*\n", 'name = "x"\n', r"name must match the file name"),
    (r"^memory_mib = 512", "memory_mib = ", r"qemu-x86_64\.toml: "),
])
def test_broken_board_names_the_problem(tmp_path, pattern, replacement, message):
    path = broken(tmp_path, pattern, replacement)
    with pytest.raises(boards.BoardError, match=message) as error:
        boards.load(path)
    assert path in str(error.value)


def test_missing_board_lists_the_boards():
    with pytest.raises(boards.BoardError, match="no board file .*boards: qemu-aarch64"):
        boards.load("qemu-sparc")


def test_qemu_argv_refuses_a_mode_the_board_lacks():
    with pytest.raises(boards.BoardError, match="has no mode 'kvm' .has: icount, tcg"):
        boards.qemu_argv(boards.load("qemu-riscv64"), "kvm", "k.img")
