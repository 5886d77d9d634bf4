"""pytest set-up shared by tests/harness and tests/boot: import `harness` and `boards` from this
checkout, whatever the working directory."""
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pytest  # noqa: E402  (after the path set-up above)

from harness import build  # noqa: E402


@pytest.fixture(scope="session")
def builds():
    """Session cache of builds: get(board, toolchain) returns the run manifest, building once;
    a failed build fails every test that asks for it, with the compiler's tail."""
    cache = {}

    def get(board_name, toolchain):
        if (board_name, toolchain) not in cache:
            try:
                cache[board_name, toolchain] = build.build(board_name, toolchain, True)
            except build.BuildError as e:
                cache[board_name, toolchain] = e
        result = cache[board_name, toolchain]
        if isinstance(result, build.BuildError):
            pytest.fail(f"build of {board_name} with {toolchain} failed: {result}", pytrace=False)
        return result
    return get


def expect(ok, what, outcome):
    """Fail with `what`, the outcome's reason and the tail of its log unless `ok`."""
    if not ok:
        pytest.fail(f"{what}\n{outcome.reason}; last lines of {outcome.log_path}:\n"
                    f"{outcome.tail}", pytrace=False)
