#!/usr/bin/python3
"""Load and validate a board file; emit its facts for CMake, for C (board.h) and for QEMU.

A board is one TOML file beside this module. The build reads it through `cmake` and `header`,
the harness through load() and qemu_argv(); nothing about a board lives anywhere else.
Standard library only, so that CMake can run it at configure time.
"""
import argparse
import os
import sys
import tomllib

BOARDS_DIR = os.path.dirname(os.path.abspath(__file__))
ARCHES = ("x86_64", "aarch64", "riscv64")
BOOT_METHODS = ("multiboot", "image")
EXIT_KINDS = ("isa-debug-exit", "semihosting", "sifive-test")
REQUIRED = {
    "": ("name", "arch", "cpu", "memory_mib"),
    "boot": ("method",),
    "uart": ("kind", "base"),
    "timer": ("kind", "irq"),
    "interrupt_controller": ("kind",),
    "counter": ("kind",),
    "exit": ("kind",),
    "qemu": ("binary", "args"),
}
REQUIRED_MODES = ("icount", "tcg")
# Sections whose fields become BOARD_<SECTION>_<FIELD> in board.h.
C_SECTIONS = ("boot", "uart", "timer", "interrupt_controller", "counter", "exit")


class BoardError(Exception):
    """A board file that is missing, malformed or incomplete."""


def board_path(name_or_path):
    if name_or_path.endswith(".toml"):
        return name_or_path
    return os.path.join(BOARDS_DIR, name_or_path + ".toml")


def names():
    """The names of every board file in this folder."""
    return sorted(f[:-5] for f in os.listdir(BOARDS_DIR) if f.endswith(".toml"))


def load(name_or_path):
    """Return the validated board as a dict; raise BoardError naming the first problem."""
    path = board_path(name_or_path)
    try:
        with open(path, "rb") as f:
            board = tomllib.load(f)
    except FileNotFoundError:
        raise BoardError(f"no board file {path} (boards: {', '.join(names())})") from None
    except tomllib.TOMLDecodeError as e:
        raise BoardError(f"{path}: {e}") from None
    validate(board, path)
    return board


def validate(board, path):
    for section, fields in REQUIRED.items():
        table = board if section == "" else board.get(section)
        if not isinstance(table, dict):
            raise BoardError(f"{path}: missing section [{section}]")
        for field in fields:
            if field not in table:
                where = f"[{section}] " if section else ""
                raise BoardError(f"{path}: {where}missing field '{field}'")
    checks = (
        (board["arch"] in ARCHES, f"arch must be one of {ARCHES}"),
        (board["boot"]["method"] in BOOT_METHODS, f"boot.method must be one of {BOOT_METHODS}"),
        (board["exit"]["kind"] in EXIT_KINDS, f"exit.kind must be one of {EXIT_KINDS}"),
        (os.path.basename(path) == board["name"] + ".toml", "name must match the file name"),
    )
    for ok, message in checks:
        if not ok:
            raise BoardError(f"{path}: {message}")
    modes = board.get("modes", {})
    for mode in REQUIRED_MODES:
        if mode not in modes:
            raise BoardError(f"{path}: missing mode [modes.{mode}]")


def cmake_values(board):
    """CMake `set()` lines for the facts the build needs."""
    lines = [f'set(BOARD_NAME "{board["name"]}")', f'set(BOARD_ARCH "{board["arch"]}")',
             f'set(BOARD_BOOT_METHOD "{board["boot"]["method"]}")']
    return "\n".join(lines) + "\n"


def c_header(board):
    """The text of board.h: every scalar fact of the C-facing sections as a define."""
    out = [f"/* Generated from boards/{board['name']}.toml by boards/board.py; do not edit. */",
           "#pragma once", f'#define BOARD_NAME "{board["name"]}"',
           f"#define BOARD_MEMORY_MIB {board['memory_mib']}"]
    for section in C_SECTIONS:
        for field, value in board.get(section, {}).items():
            macro = f"BOARD_{section}_{field}".upper()
            if isinstance(value, bool):
                out.append(f"#define {macro} {int(value)}")
            elif isinstance(value, int):
                out.append(f"#define {macro} {value:#x}")
            elif isinstance(value, str):
                out.append(f'#define {macro} "{value}"')
    return "\n".join(out) + "\n"


def qemu_argv(board, mode, kernel, initrd=None, memory_mib=None):
    """The QEMU command line that boots `kernel` (and `initrd`) on this board in `mode`."""
    modes = board.get("modes", {})
    if mode not in modes:
        raise BoardError(f"board {board['name']} has no mode '{mode}' (has: {', '.join(modes)})")
    mode_table = modes[mode]
    argv = [board["qemu"]["binary"], *board["qemu"]["args"], *mode_table.get("args", [])]
    argv += ["-cpu", mode_table.get("cpu", board["cpu"])]
    argv += ["-m", f"{memory_mib or board['memory_mib']}M", "-kernel", kernel]
    if initrd:
        argv += ["-initrd", initrd]
    return argv


def guest_exit_status(board, qemu_status):
    """The status the guest asked for, from QEMU's exit code; None if QEMU did not say."""
    kind = board["exit"]["kind"]
    if kind == "isa-debug-exit":
        return (qemu_status >> 1) if qemu_status & 1 else None
    return qemu_status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cmake", "header", "check", "list"))
    parser.add_argument("board", nargs="?")
    parser.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    args = parser.parse_args(argv)
    if args.what == "list":
        print("\n".join(names()))
        return 0
    if not args.board:
        parser.error(f"{args.what} needs a board")
    try:
        board = load(args.board)
    except BoardError as e:
        print(f"board.py: {e}", file=sys.stderr)
        return 1
    text = {"cmake": cmake_values, "header": c_header, "check": lambda b: ""}[args.what](board)
    if args.output:
        tmp = args.output + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, args.output)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
