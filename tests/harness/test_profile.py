"""The path profiler (harness/profile.py, profile_diff.py, profile_output.py).

Host tests: the exec-log corrections, the framing of a case by its counter reads (and the
refusal of a log that does not frame it), the call-chain rebuild, the line map of the diff,
the outputs. Board tests, on every board: sel4bench's synthetic case (100 nops between the
two counter reads) profiles to exactly 100 plus the counter overhead, the nops on their
source line; and the Call + ReplyRecv round trip profiled at HEAD and at a scratch commit
with one extra nop on the Call branch of the kernel's syscall dispatch: both profiles add up
exactly to the suite's figure, and the diff is +1 instruction, on that source line.
"""
import pathlib
import subprocess

import pytest

from boards import board as boards
from harness import REPO_ROOT, profile, profile_diff, profile_output

ROUND_TRIP = "ipc_round_trip_same_as_len0"
KNOWN_LENGTH = "profile_known_length"
KNOWN_NOPS = 100
ITERATIONS = 2
SYSCALL_FILE = "kernel/api/syscall.c"
CALL_BRANCH = "    case seL4_SysCall:\n"
EXTRA_NOP = '        __asm__ volatile("nop"); /* test_profile: one more instruction */\n'


def trace(pc, host="0x7f0000001000"):
    return f"Trace 0: {host} [0000000000000000/{pc:016x}/00000000/ff020000] \n".encode()


def test_exec_log_skips_the_boot_and_drops_stopped_and_rewound_blocks():
    user = [(0x400000, 0x401000)]
    lines = [trace(0x80000000), trace(0xffffffff80000000), trace(0x400000),
             trace(0x400004, "0x7f0000002000"),
             b"Stopped execution of TB chain before 0x7f0000002000 [0000000000400004] \n",
             trace(0x400004, "0x7f0000002000"), trace(0x400008),
             b"cpu_io_recompile: rewound execution of TB to 0000000000400008\n",
             trace(0x400008), trace(0xffffffff80000010)]
    assert profile.read_exec_log(lines, user) == [0x400000, 0x400004, 0x400008, 0xffffffff80000010]


def test_a_case_is_framed_by_the_pair_of_reads_whose_distances_are_its_samples():
    read_a, read_b, other = 0x10, 0x20, 0x30
    executed = []
    for length in (5, 7, 7):           # warm-up 1, then samples [7, 7]
        executed += [read_a] + [other] * (length - 1) + [read_b, other, other]
    region = profile.frame_case(executed, {read_a, read_b}, [7, 7], 1)
    assert (region.start_read, region.end_read) == (read_a, read_b)
    assert [end - first for first, end in region.spans] == [7, 7]
    with pytest.raises(profile.ProfileError, match="no pair of counter reads"):
        profile.frame_case(executed, {read_a, read_b}, [7, 8], 1)


def test_call_chains_follow_calls_returns_and_kernel_entries():
    code = {1: ("user", "main", "syscall"), 2: ("kernel", "entry", "call 3"),
            3: ("kernel", "handle", "call 4"), 4: ("kernel", "leaf", "ret"),
            5: ("kernel", "handle", "jmp 6"), 6: ("kernel", "exit", "ecall"),
            7: ("firmware", "[OpenSBI]", "mret"), 8: ("kernel", "exit", "sysret"),
            9: ("user", "main", "nop")}

    def lookup(address):
        image, function, text = code[address]
        return profile.Instruction(address, function, function, "?", text, image)
    stacks = profile.call_stacks(list(range(1, 10)), 0, 9, lookup, "x86_64")
    assert stacks == [("user", "main"), ("kernel", "entry"), ("kernel", "entry", "handle"),
                      ("kernel", "entry", "handle", "leaf"), ("kernel", "entry", "handle"),
                      ("kernel", "entry", "exit"), ("kernel", "entry", "exit", "[OpenSBI]"),
                      ("kernel", "entry", "exit"), ("user", "main")]


def test_line_map_follows_inserted_lines():
    mapping = profile_diff.line_map("a\nb\nc\n", "a\nnew\nb\nc\n")
    assert mapping == {1: 1, 2: 3, 3: 4}


def test_flame_graph_and_folded_files(tmp_path):
    stacks = {"case;kernel;entry;handle": 30, "case;kernel;entry": 10, "case;user;main": 5}
    path = profile_output.flame_graph(stacks, "test", tmp_path / "flame.svg")
    assert path.read_text().startswith("<?xml")
    folded = tmp_path / "stacks.folded"
    folded.write_text("# a comment\n" + "".join(f"{k} {v}\n" for k, v in stacks.items()))
    comments, read = profile_output.read_folded(folded)
    assert comments == ["a comment"] and read == {k: float(v) for k, v in stacks.items()}


def scratch_commit_with_extra_nop(clone):
    """A clone of HEAD with one commit on top: an extra nop on the Call branch of the
    syscall dispatch. Returns (commit, the nop's line number)."""
    subprocess.run(["git", "clone", "--quiet", "--shared", str(REPO_ROOT), str(clone)],
                   check=True)
    path = clone / SYSCALL_FILE
    text = path.read_text()
    assert text.count(CALL_BRANCH) == 1, f"{SYSCALL_FILE} has no single '{CALL_BRANCH.strip()}'"
    before = text[:text.index(CALL_BRANCH) + len(CALL_BRANCH)]
    path.write_text(before + EXTRA_NOP + text[len(before):])
    subprocess.run(["git", "-C", str(clone), "-c", "user.name=test", "-c",
                    "user.email=test@localhost", "commit", "--quiet", "-am",
                    "test_profile: one extra nop"], check=True)
    commit = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    return commit, before.count("\n") + 1


@pytest.mark.parametrize("board_name", boards.qemu_names())
def test_known_length_profiles_to_exactly_its_instructions(board_name, tmp_path):
    found = profile.profile_build(board_name, KNOWN_LENGTH, True, ITERATIONS,
                                  directory=tmp_path / "profile")
    assert found.total == found.figure == KNOWN_NOPS + found.overhead
    lines = found.by(lambda i: (i.source, i.text))
    nops = {key: count for key, count in lines.items() if key[0].endswith("known_length.c:18")}
    assert nops == {("sel4bench/benchmarks/known_length.c:18", "nop"): KNOWN_NOPS}


@pytest.mark.parametrize("board_name", boards.qemu_names())
def test_round_trip_is_exact_and_an_extra_kernel_nop_shows_on_its_line(board_name, tmp_path):
    commit, line = scratch_commit_with_extra_nop(tmp_path / "clone")
    diff = profile_diff.profile_commits("HEAD~1", commit, board_name, ROUND_TRIP, True,
                                        ITERATIONS, repo=tmp_path / "clone")
    for side in (diff.a, diff.b):
        assert side.total == side.figure, "attributed instructions differ from the figure"
    assert diff.delta == 1
    nop_line = f"{SYSCALL_FILE}:{line}"
    assert [(c.key, c.delta) for c in diff.lines if c.key == nop_line] == [(nop_line, 1)]
    assert sum(c.delta for c in diff.lines) == 1
    assert "__asm__ volatile(\"nop\")" in profile_diff.render(diff, "HEAD~1", commit)


def test_profile_help_names_its_options():
    done = subprocess.run(["/usr/bin/python3", "-m", "harness", "profile", "--help"],
                          cwd=pathlib.Path(REPO_ROOT), capture_output=True, text=True)
    assert done.returncode == 0
    for option in ("--board", "--case", "--variant", "--iterations"):
        assert option in done.stdout
