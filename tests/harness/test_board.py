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


@pytest.mark.parametrize("name", boards.qemu_names())
def test_every_board_loads_with_icount_and_tcg(name):
    board = boards.load(name)
    assert board["name"] == name and {"icount", "tcg"} <= set(board["modes"])


@pytest.mark.parametrize("pattern, replacement, message", [
    (r"^binary = .*\n", "", r"\[qemu\] missing field 'binary'"),
    (r"^memory_mib = .*\n", "", r"missing field 'memory_mib'"),
    (r"^\[exit\]\nkind = .*\n", "", r"missing section \[exit\]"),
    (r"^\[counter\]\nkind = .*\n", "[counter]\n", r"\[counter\] missing field 'kind'"),
    (r"^\[modes\.tcg\]\nargs = .*\n", "", r"missing mode \[modes\.tcg\]"),
    (r'^arch = "x86_64"', 'arch = "sparc"', r"field 'arch': expected one of x86_64, aarch64"),
    (r'^kind = "isa-debug-exit"', 'kind = "reset"', r"field 'exit.kind': expected one of"),
    (r"^name = .*\n", 'name = "x"\n', r"name must match the file name.*got 'x'"),
    (r"^memory_mib = 512", "memory_mib = ", r"qemu-x86_64\.toml: "),
    (r"^\[qemu\]\nbinary = .*\nargs = .*\n.*\n", "",
     r"missing section \[qemu\] \(a board with \[modes\] needs it\)"),
    (r"^\[modes\.(icount|tcg|kvm)\]\n(.*\n)+", "",
     r"missing section \[modes\] \(a board with \[qemu\] needs it\)"),
    (r"^device_type = .*\n", "", r"\[lava\] missing field 'device_type'"),
])
def test_broken_board_names_the_problem(tmp_path, pattern, replacement, message):
    path = broken(tmp_path, pattern, replacement)
    with pytest.raises(boards.BoardError, match=message) as error:
        boards.load(path)
    assert path in str(error.value)


# Each field of the wrong type or out of range is refused by load(), naming the field and
# what it expected, before anything reaches CMake, the C compiler or QEMU.
@pytest.mark.parametrize("pattern, replacement, message", [
    (r"^name = .*\n", "name = 5\n", r"field 'name': expected a board name .*, got 5$"),
    (r"^memory_mib = .*\n", 'memory_mib = "lots"\n',
     r"field 'memory_mib': expected an integer number of MiB .*, got 'lots'$"),
    (r"^memory_mib = .*\n", "memory_mib = 0\n", r"field 'memory_mib': .* got 0$"),
    (r"^memory_mib = .*\n", "memory_mib = true\n", r"field 'memory_mib': .* got True$"),
    (r"^base = 0x3f8 ", 'base = "0x3f8" ', r"field 'uart.base': expected an address.*got '0x3f8'"),
    (r"^base = 0x3f8 ", "base = -1 ", r"field 'uart.base': expected an address"),
    (r"^irq = 4$", "irq = 99999", r"field 'uart.irq': expected an interrupt number"),
    (r"^port = 0xf4", "port = 0x10000", r"field 'exit.port': expected an I/O port"),
    (r'^kind = "tsc" ', 'kind = "a\\"b" ', r"field 'counter.kind': expected a counter kind"),
    (r"^lapic_base = .*", "lapic_base = [1]", r"field 'interrupt_controller.lapic_base': "
                                              r"expected an integer from 0 to 2\*\*64-1"),
    (r'^args = \["-machine", "q35".*\n.*\n', 'args = "-machine q35"\n',
     r"field 'qemu.args': expected a list of strings .*got '-machine q35'"),
    (r'^args = \["-accel", "kvm"\]', 'args = ["-accel", 5]', r"field 'modes.kvm.args.1': "
                                                             r"expected a string, got 5"),
    (r"^\[modes\.icount\]\nargs = .*\n", '[modes.icount]\nargs = "fast"\n',
     r"field 'modes.icount.args': expected a list of strings"),
    (r"^\[modes\.icount\]\nargs = .*\n", '[modes]\nicount = "fast"\n',
     r"field 'modes.icount': expected a table, got 'fast'"),
    (r'^probe = "kvm"', 'probe = "yes"', r"field 'modes.kvm.probe': expected one of kvm"),
    (r"^\[boot\]", "colour = 'red'\n[boot]", r"unknown field 'colour'"),
    (r"^binary = .*", "binary = 7", r"field 'qemu.binary': expected a QEMU program name"),
    (r'^boot_method = "qemu"', 'boot_method = "pxe"',
     r"field 'lava.boot_method': expected one of qemu, u-boot, got 'pxe'"),
    (r"^timeouts = \{ job = 10", "timeouts = { job = 0",
     r"field 'lava.timeouts.job': expected a whole number of minutes"),
    (r'^build_file = "kernel"\n', "", r"field 'lava.images.kernel': expected a table with "
                                       r"build_file \(kernel or initrd\) or url"),
])
def test_wrong_type_or_range_names_the_field(tmp_path, pattern, replacement, message):
    path = broken(tmp_path, pattern, replacement)
    with pytest.raises(boards.BoardError, match=message) as error:
        boards.load(path)
    assert str(error.value).startswith(path + ": ")
    assert "Traceback" not in str(error.value)


def test_board_py_check_exits_1_with_one_line(tmp_path, capsys):
    path = broken(tmp_path, r"^memory_mib = .*\n", 'memory_mib = "lots"\n')
    assert boards.main(["check", path]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_board_lists_the_boards():
    with pytest.raises(boards.BoardError, match="no board file .*boards: qemu-aarch64"):
        boards.load("qemu-sparc")


def test_qemu_argv_refuses_a_mode_the_board_lacks():
    with pytest.raises(boards.BoardError, match="has no mode 'kvm' .has: icount, tcg"):
        boards.qemu_argv(boards.load("qemu-riscv64"), "kvm", "k.img")
