"""analysis/history.py: PELT finds the change points of synthetic histories (a one-instruction
step in icount mode, steps in noisy series) and finds none in flat or pure-noise series."""
import numpy as np
import pandas as pd

from analysis import history


def test_a_one_instruction_icount_step_is_one_change_point():
    assert history.change_points([938] * 7 + [939] * 5, "icount") == [7]


def test_a_flat_icount_history_has_no_change_point():
    assert history.change_points([938] * 15, "icount") == []


def test_two_steps_in_a_noisy_history_are_both_found():
    rng = np.random.default_rng(5)
    values = np.r_[rng.normal(1000, 5, 20), rng.normal(1040, 5, 15), rng.normal(1010, 5, 20)]
    points = history.change_points(values, "log")
    assert len(points) == 2
    assert abs(points[0] - 20) <= 1 and abs(points[1] - 35) <= 1


def test_pure_noise_histories_rarely_give_a_change_point():
    rng = np.random.default_rng(6)
    found = sum(bool(history.change_points(rng.normal(1000, 5, 40), "log")) for _ in range(50))
    assert found <= 5    # at most one series in ten (4 of 50 with this seed)


def test_history_marks_the_first_commit_of_each_new_level():
    dates = pd.date_range("2026-01-01", periods=6, tz="UTC")
    summary = pd.DataFrame({"board": "qemu-x86_64", "mode": "icount", "variant": "fastpath",
                            "commit": [f"{i:012x}" for i in range(6)],
                            "case": "null_syscall", "minimum": [199, 199, 199, 205, 205, 205],
                            "median": 0.0, "samples": 20, "date": dates})
    series = history.history(summary)
    assert list(series["change"]) == [False, False, False, True, False, False]
    assert series.loc[series["change"], "commit"].item() == "000000000003"
