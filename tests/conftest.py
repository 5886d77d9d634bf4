"""pytest set-up shared by tests/harness and tests/boot: import `harness` and `boards` from this
checkout, whatever the working directory."""
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
