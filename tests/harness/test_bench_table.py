"""harness/bench_table.py: the per-board table from parsed runs, with upstream's figures
only where a case measures the same thing, labelled as upstream's."""
import pathlib

from harness import bench_table, protocol

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def good_run():
    return protocol.parse((FIXTURES / "sel4bench-good.log").read_text())


def test_rows_carry_each_variant_and_the_hardware_limit_multiple():
    run = good_run()
    t = bench_table.table("qemu-riscv64", "icount", {"fastpath": run, "slowpath": run})
    row = next(r for r in t.rows if r.id == "ipc_round_trip_same_as_len0")
    assert t.hw_limit == {"fastpath": 640, "slowpath": 640}
    assert t.null_syscall["fastpath"] == 397
    assert row.minimum["fastpath"] == min(run.case(row.id).samples)
    assert row.hw_limit_multiple["slowpath"] == row.minimum["slowpath"] / 640
    assert t.identical_variants


def test_upstream_figures_match_by_parameters_only():
    t = bench_table.table("qemu-riscv64", "icount", {"fastpath": good_run()})
    rows = {r.id: r for r in t.rows}
    assert rows["ipc_call_same_as_len0"].upstream == {"mcs-fastpath": 277}
    assert rows["ipc_reply_recv_same_as_len0"].upstream == {"mcs-fastpath": 359}
    assert rows["ipc_call_same_as_len10"].upstream == {}  # upstream has len 10 cross-AS only
    assert rows["ipc_call_same_as_len0_server_higher"].upstream == {}
    assert rows["ipc_round_trip_same_as_len0"].upstream == {}
    assert rows["signal_higher_prio_same_as"].upstream == {}  # upstream's are cross-AS


def test_cross_address_space_and_signal_cases_match_upstreams_rows():
    upstream = bench_table.load_upstream()
    key = bench_table.upstream_key
    assert upstream[("qemu-x86_64", "mcs-slowpath") + key(
        "ipc_call_cross_as_len10", {"path": "call", "length": 10, "partner_priority": "same",
                                    "address_space": "cross"})] == 1030
    assert upstream[("qemu-x86_64", "mcs-fastpath") + key(
        "signal_higher_prio_cross_as", {"path": "signal", "partner_priority": "higher",
                                        "address_space": "cross"})] == 706
    assert key("signal_x", {"path": "signal", "partner_priority": "lower",
                            "address_space": "cross"}) == ("signal_lower_prio", False, 0)
    assert key("ipc_call_same_as_len0_passive",
               {"path": "call", "length": 0, "partner_priority": "same",
                "address_space": "same", "passive_server": True}) is None


def test_the_rendered_table_names_its_unit_and_labels_upstream():
    text = bench_table.render(bench_table.table("qemu-riscv64", "icount",
                                                {"fastpath": good_run()}))
    assert "guest instructions" in text and "hardware-limit round trip 640" in text
    assert "upstream seL4 (MCS)" in text and "never ours" in text
    assert "no fastpath yet" not in text  # one variant: nothing to compare
