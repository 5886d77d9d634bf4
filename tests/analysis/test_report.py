"""analysis/report.py: the report of a results tree builds, holds upstream's figures labelled
as upstream's, marks the history's change point, and renders in a real browser (Debian's
chromium, headless) with every figure loaded, checked by the page's own script after load. The
screenshot is kept in build/report-test/ to look at."""
import pathlib
import shutil
import subprocess

import pytest

from analysis import history, load, report

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SCREENSHOT_DIR = REPO_ROOT / "build" / "report-test"
BROWSER = shutil.which("chromium")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--virtual-time-budget=10000"]


def browse(url, *flags):
    return subprocess.run([BROWSER, *BROWSER_FLAGS, *flags, url], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_the_history_of_the_tree_has_its_change_point(history_tree):
    summary = load.summary(load.load(history_tree))
    series = history.history(summary, ["null_syscall"])
    changed = series[series["change"]]
    assert sorted(changed["commit"]) == ["000000000004", "000000000004"]


def test_the_report_builds_with_its_figures_and_upstreams_column(history_tree, tmp_path):
    index = report.build(history_tree, tmp_path / "report")
    page = index.read_text()
    figures = sorted(p.name for p in index.parent.glob("*.png"))
    assert figures == ["qemu-riscv64-icount-history.png", "qemu-riscv64-icount-ipc-matrix.png",
                       "qemu-riscv64-log-distributions.png", "qemu-riscv64-log-history.png",
                       "qemu-riscv64-log-ipc-matrix.png"]
    assert all(f'src="{name}"' in page for name in figures)
    assert "upstream seL4 (MCS) fastpath" in page and "never ours" in page
    assert "null_syscall (fastpath) at 000000000004" in page
    assert "this kernel has no fastpath yet" in page
    log_section = page[page.index("qemu-riscv64 (log)"):]
    assert ">277<" in page[:page.index("qemu-riscv64 (log)")] and ">277<" not in log_section


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (bash ci/deps.sh)")
def test_the_report_renders_in_a_browser_with_every_figure_loaded(history_tree, tmp_path):
    index = report.build(history_tree, tmp_path / "report")
    dom = browse(index.as_uri(), "--dump-dom").stdout
    assert 'data-verdict="ok"' in dom and "all 5 figures loaded" in dom, dom[-2000:]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / "report.png"
    shot.unlink(missing_ok=True)
    browse(index.as_uri(), "--window-size=1300,2600", f"--screenshot={shot}")
    assert shot.stat().st_size > 10000


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (bash ci/deps.sh)")
def test_a_missing_figure_is_reported_by_the_page(history_tree, tmp_path):
    index = report.build(history_tree, tmp_path / "report")
    (index.parent / "qemu-riscv64-icount-history.png").unlink()
    dom = browse(index.as_uri(), "--dump-dom").stdout
    assert 'data-verdict="missing"' in dom and "qemu-riscv64-icount-history.png" in dom


def test_a_stored_path_profile_is_drawn_as_a_flame_graph(history_tree, tmp_path):
    folded = history_tree / "profiles" / "qemu-riscv64" / "ipc_round_trip_cross_as_len0-slowpath.folded"
    folded.parent.mkdir(parents=True)
    folded.write_text("# qemu-riscv64 slowpath ipc_round_trip_cross_as_len0: 40 instructions\n"
                      "ipc_round_trip_cross_as_len0;kernel;trap_entry;syscall_handle 30\n"
                      "ipc_round_trip_cross_as_len0;user;bench_ipc_call_reply_recv 10\n")
    index = report.build(history_tree, tmp_path / "report")
    name = "qemu-riscv64-profile-ipc_round_trip_cross_as_len0-slowpath.png"
    assert (index.parent / name).stat().st_size > 1000
    page = index.read_text()
    assert f'src="{name}"' in page and "slowpath ipc_round_trip_cross_as_len0: 40" in page


def test_a_kvm_result_shows_its_vm_exits(tmp_path):
    """A kvm run's exits (perf's kvm:kvm_exit, by reason) are a table of its board's section."""
    from tests.analysis.conftest import fixture_result
    from harness import store
    data = fixture_result(mode="kvm")
    data["kvm_exits"] = {"event": "kvm:kvm_exit", "window": "cases", "total": 1204,
                         "by_reason": {"HLT": 4, "IO_INSTRUCTION": 1200}}
    store.write(data, tmp_path / "results")
    page = report.build(tmp_path / "results", tmp_path / "report").read_text()
    section = page[page.index("qemu-riscv64 (kvm)"):]
    assert "VM exits (kvm:kvm_exit, perf)" in section
    assert "<td>cases</td><td>1204</td><td>IO_INSTRUCTION 1200, HLT 4</td>" in section
