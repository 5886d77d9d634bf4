"""The analysis of stored results (DESIGN §2, §6): load.py (results tree → tidy DataFrame),
compare.py (a commit against its baseline), history.py (series over commits, change points),
ratios.py (fastpath/slowpath, each case / the hardware limit), plots.py (figures only),
report.py (static HTML), baselines.py (results/baselines.toml and the gate's thresholds);
__main__.py is the CLI (compare | history | report | gate) and the only module that prints.
"""
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
