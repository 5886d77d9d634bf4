#!/usr/bin/python3
"""Load and validate a board file; emit its facts for CMake, for C (board.h) and for QEMU.

A board is one TOML file beside this module. The build reads it through `cmake` and `header`,
the harness through load() and qemu_argv(); nothing about a board lives anywhere else.
Standard library and Debian's python3-jsonschema (CMake runs it with /usr/bin/python3).
"""
import argparse
import os
import sys
import tomllib

import jsonschema

BOARDS_DIR = os.path.dirname(os.path.abspath(__file__))
ARCHES = ("x86_64", "aarch64", "riscv64")
BOOT_METHODS = ("multiboot", "image")
# "none": a real board with no exit device; a run through LAVA ends at the protocol's last line.
EXIT_KINDS = ("isa-debug-exit", "semihosting", "sifive-test", "none")
REQUIRED_MODES = ("icount", "tcg")
# Sections whose fields become BOARD_<SECTION>_<FIELD> in board.h.
C_SECTIONS = ("boot", "uart", "timer", "interrupt_controller", "counter", "exit")


def _word(expected, maximum=2**64 - 1, minimum=0):
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "expected": expected}


def _text(expected, pattern=r"^[A-Za-z0-9_.,+=:-]+$"):
    """A string that can go into board.h between quotes and onto a QEMU command line."""
    return {"type": "string", "pattern": pattern, "expected": expected}


def _enum(values):
    return {"enum": list(values), "expected": "one of " + ", ".join(values)}


ADDRESS = _word("an address: an integer from 0 to 2**64-1")
IRQ = _word("an interrupt number from 0 to 4095", 4095)
ARGS = {"type": "array", "items": _text("a string", r"^\S+$"),
        "expected": "a list of strings (QEMU arguments, one per element)"}
# Board-specific facts beyond the named ones (e.g. a controller's register bases) still become
# C defines: an integer, a boolean or a plain word.
C_SCALAR = {"anyOf": [ADDRESS, {"type": "boolean"}, _text("a plain word")],
            "expected": "an integer from 0 to 2**64-1, a boolean or a plain word"}


def _section(required, fields, extra=C_SCALAR):
    return {"type": "object", "required": list(required), "properties": fields,
            "additionalProperties": extra, "expected": "a table"}


# A LAVA job's regex of one serial line (the monitor's start and end).
LINE_PATTERN = {"type": "string", "minLength": 1, "expected": "a regular expression of one "
                "serial line"}
MINUTES = _word("a whole number of minutes from 1 to 1440", 1440, 1)
# One image a LAVA job deploys: a boot file of the build (run-manifest.json's `kernel` or
# `initrd`) or a fixed URL (a device tree, firmware), with the deploy method's own fields
# (QEMU: image_arg; tftp: type).
LAVA_IMAGE = {"type": "object", "additionalProperties": False,
              "expected": "a table with build_file (kernel or initrd) or url",
              "properties": {"build_file": _enum(("kernel", "initrd")),
                             "url": _text("a URL", r"^(https?|file)://\S+$"),
                             "image_arg": _text("a QEMU argument with {label}", r"^[^'\n]+$"),
                             "type": _text("a LAVA image type (e.g. image, zimage, uimage)")},
              "oneOf": [{"required": ["build_file"]}, {"required": ["url"]}]}
# How the board runs through LAVA (docs/lava.md): what `harness lava jobs` puts in a job.
LAVA = {"type": "object", "additionalProperties": False, "expected": "a table",
        "required": ["device_type", "deploy_to", "boot_method", "first_line", "last_line",
                     "images", "timeouts"],
        "properties": {
            "device_type": _text("a LAVA device type (e.g. qemu, bcm2711-rpi-4-b)"),
            "deploy_to": _enum(("tmpfs", "tftp")),
            "boot_method": _enum(("qemu", "u-boot")),
            "boot_commands": _text("a boot command set of the device type (e.g. booti)"),
            "first_line": LINE_PATTERN, "last_line": LINE_PATTERN,
            "images": {"type": "object", "minProperties": 1, "expected": "a table of images",
                       "propertyNames": {"pattern": r"^[a-z0-9_]+$"},
                       "additionalProperties": LAVA_IMAGE},
            "timeouts": {"type": "object", "additionalProperties": False,
                         "required": ["job", "boot", "test"], "expected": "a table",
                         "properties": {"job": MINUTES, "boot": MINUTES, "test": MINUTES}},
        }}
MODE = {"type": "object", "additionalProperties": False, "expected": "a table",
        "properties": {"args": ARGS, "cpu": _text("a QEMU -cpu value"),
                       "probe": _enum(("kvm",))}}
# The one description of a board file: every field's type and range (boards/README.md says
# what each means). "expected" is this module's own keyword: the words of the error message.
SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["name", "arch", "cpu", "memory_mib", "boot", "uart", "timer",
                 "interrupt_controller", "counter", "exit"],
    "properties": {
        "name": _text("a board name (lower case, digits, '-' and '_')", r"^[a-z0-9_-]+$"),
        "arch": _enum(ARCHES),
        "cpu": _text("a QEMU -cpu value"),
        "memory_mib": _word("an integer number of MiB from 16 to 1048576", 2**20, 16),
        "boot": _section(("method",), {"method": _enum(BOOT_METHODS),
                                       "kernel_phys": ADDRESS, "ram_base": ADDRESS}),
        "uart": _section(("kind", "base"), {"kind": _text("a UART kind"), "base": ADDRESS,
                                            "irq": IRQ}),
        "timer": _section(("kind", "irq"), {"kind": _text("a timer kind"), "irq": IRQ,
                                            "frequency_hz": _word("a frequency in Hz from 1 "
                                                                  "to 2**64-1", minimum=1)}),
        "interrupt_controller": _section(("kind",), {"kind": _text("a controller kind"),
                                                     "irq_max": IRQ}),
        "counter": _section(("kind",), {"kind": _text("a counter kind")}),
        "exit": _section(("kind",), {"kind": _enum(EXIT_KINDS),
                                     "port": _word("an I/O port from 0 to 0xffff", 0xFFFF),
                                     "base": ADDRESS}),
        "qemu": _section(("binary", "args"), {"binary": _text("a QEMU program name",
                                                              r"^[A-Za-z0-9_./+-]+$"),
                                              "args": ARGS}, extra=False),
        "modes": {"type": "object", "required": list(REQUIRED_MODES), "expected": "a table",
                  "propertyNames": {"pattern": r"^[a-z0-9_-]+$"},
                  "additionalProperties": MODE},
        "lava": LAVA,
    },
    # A board QEMU runs has [qemu] and its [modes]; a real board has [lava] instead.
    "if": {"not": {"required": ["lava"]}}, "then": {"required": ["qemu"]},
    "dependentRequired": {"qemu": ["modes"], "modes": ["qemu"]},
}


class BoardError(Exception):
    """A board file that is missing, malformed or incomplete."""


def board_path(name_or_path):
    if name_or_path.endswith(".toml"):
        return name_or_path
    return os.path.join(BOARDS_DIR, name_or_path + ".toml")


def names():
    """The names of every board file in this folder."""
    return sorted(f[:-5] for f in os.listdir(BOARDS_DIR) if f.endswith(".toml"))


def runs_in_qemu(board):
    """Whether the harness boots this board itself (a [qemu] section), rather than through
    LAVA only (a real board: [lava] and no [qemu])."""
    return "qemu" in board


def qemu_names():
    """The boards the harness boots under QEMU (run --all, bench --all, the tests)."""
    return [name for name in names() if runs_in_qemu(load(name))]


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
    """Check `board` against SCHEMA; raise BoardError naming the file, the field and what was
    expected (the first problem only)."""
    errors = jsonschema.Draft202012Validator(SCHEMA).iter_errors(board)
    error = min(errors, key=lambda e: [str(part) for part in e.absolute_path], default=None)
    if error is not None:
        raise BoardError(f"{path}: {describe(error)}")
    stem = os.path.basename(path)[:-len(".toml")]
    if board["name"] != stem:
        raise BoardError(f"{path}: field 'name': expected {stem!r} (the name must match the "
                         f"file name), got {board['name']!r}")


def describe(error):
    """One line for a schema error: where, what was expected, what was there."""
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "dependentRequired":
        owner, missing = next((owner, field) for owner, fields in error.validator_value.items()
                              if owner in error.instance
                              for field in fields if field not in error.instance)
        return f"missing section [{missing}] (a board with [{owner}] needs it)"
    if error.validator == "required":
        missing = next(f for f in error.validator_value if f not in error.instance)
        if not where and missing == "qemu":
            return "missing section [qemu] (a board QEMU runs) or [lava] (a real board)"
        if where == "modes":
            return f"missing mode [modes.{missing}]"
        if not where and SCHEMA["properties"][missing].get("type") == "object":
            return f"missing section [{missing}]"
        return f"{'[' + where + '] ' if where else ''}missing field '{missing}'"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{'[' + where + '] ' if where else ''}unknown field '{extra[0]}'"
    if error.validator == "propertyNames":
        return f"field '{where}': mode name {error.instance!r} is not a plain word"
    expected = error.schema.get("expected", error.message)
    return f"field '{where}': expected {expected}, got {error.instance!r}"


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
