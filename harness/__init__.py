"""The harness: build a board's kernel and root tasks, run them under QEMU, report the outcome.

A pipeline of small modules with plain data in and out: build.py (cmake), qemu.py (run and
classify), kvm.py (the real-hardware probe for mode kvm), lava.py (LAVA jobs and job logs);
__main__.py is the CLI and the only module that prints. Board facts come from boards/board.py,
never from here.
"""
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
# boards/ is a plain folder beside this package (CMake runs board.py as a script); make
# `from boards import board` work whatever the caller's working directory.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def text_tail(text, count):
    """The last `count` lines of `text`, as one string (for error reports)."""
    return "\n".join(text.splitlines()[-count:])
