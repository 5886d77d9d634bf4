"""CI's mutation run: a fixed, seeded sample of the generic kernel's mutants (a minute or two;
the full run is `python3 -m tests.mutation --all`). Fails if any non-equivalent one survives,
naming it; mutants that do not build are not counted."""
import io
import shutil

from tests.mutation import __main__ as mutation
from tests.mutation import runner

SAMPLE = 12
SEED = 1


def test_seeded_sample_of_mutants_is_killed():
    mutants = mutation.select(mutation.collect(mutation.FOLDERS), SAMPLE, SEED)
    root = runner.make_scratch()
    out = io.StringIO()
    try:
        results, skipped = mutation.run(mutants, root, out=out)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    survivors = mutation.summarize(results, skipped, out)
    assert not survivors, out.getvalue()
    assert any(r.outcome == "killed" for r in results), out.getvalue()
