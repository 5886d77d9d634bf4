"""CI's mutation run: a fixed, seeded sample of the generic kernel's mutants (a minute or two;
the full run is `python3 -m tests.mutation --all`). Fails if any non-equivalent one survives,
naming it; mutants that do not build are not counted."""
import io
import shutil

from tests.mutation import __main__ as mutation
from tests.mutation import runner

SAMPLE = 12
SEED = 1
# Code the system test cannot reach. Boot-time code: its checks of the boot image (an empty
# ELF, a bad packed header, a 16-byte hole in RAM) cannot be exercised by a test that boots a
# good image. The benchmark syscalls: present only in benchmark builds (CONFIG_BENCHMARK), which
# run sel4bench, not the system test. The full run mutates these files too and lists their
# survivors.
UNREACHED_BY_THE_SYSTEM_TEST = ("kernel/core/boot.c", "kernel/core/boot_cspace.c",
                                "kernel/core/memory.c", "kernel/core/root_task.c",
                                "kernel/api/benchmark.c")


def test_seeded_sample_of_mutants_is_killed():
    candidates = [m for m in mutation.collect(mutation.FOLDERS)
                  if m.path not in UNREACHED_BY_THE_SYSTEM_TEST]
    mutants = mutation.select(candidates, SAMPLE, SEED)
    root = runner.make_scratch()
    out = io.StringIO()
    try:
        results, skipped = mutation.run(mutants, root, out=out)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    survivors = mutation.summarize(results, skipped, out)
    assert not survivors, out.getvalue()
    assert any(r.outcome == "killed" for r in results), out.getvalue()
