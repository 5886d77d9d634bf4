"""harness/protocol.py on fixture logs (fixtures/sel4bench-*.log, from a real qemu-riscv64
run with 5 samples per case): a good log parses; a truncated one, a wrong CRC, malformed JSON
and records out of place are rejected with the line where the log broke; console noise
between and before records is ignored."""
import pathlib
import zlib

import pytest

from harness import protocol

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def fixture(name):
    return (FIXTURES / f"sel4bench-{name}.log").read_text()


def rejected(text):
    with pytest.raises(protocol.ProtocolError) as raised:
        protocol.parse(text)
    return raised.value


def line_of(text, needle):
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_log_parses_into_header_and_cases():
    run = protocol.parse(fixture("good"))
    assert run.header["board"] == "qemu-riscv64" and run.header["arch"] == "riscv64"
    assert run.header["variant"] == "fastpath" and run.header["samples"] == 5
    assert len(run.cases) == 37 and run.cases[0].id == "counter_overhead"
    call = run.case("ipc_call_same_as_len0")
    assert call.params == {"path": "call", "length": 0, "partner_priority": "same",
                           "address_space": "same"}
    assert call.unit == "cycles" and len(call.samples) == 5
    assert run.case("hw_limit_round_trip").samples == [640] * 5


def test_the_crc_covers_each_case_record_and_its_newline():
    text = fixture("good")
    bodies = [line.split(protocol.TAG, 1)[1] for line in text.splitlines()
              if '"type":"case"' in line]
    crc = 0
    for body in bodies:
        crc = zlib.crc32((body + "\n").encode(), crc)
    assert protocol.parse(text).crc32 == crc


def test_a_truncated_log_is_rejected_at_its_last_line():
    text = fixture("truncated")
    error = rejected(text)
    assert error.line == len(text.splitlines())
    assert "malformed JSON" in error.reason  # the record cut short


def test_a_log_without_its_end_line_is_truncated():
    text = "\n".join(line for line in fixture("good").splitlines()
                     if '"type":"end"' not in line)
    error = rejected(text)
    assert "truncated: no end line after 37 case records" in error.reason
    assert error.line == line_of(text, '"id":"retype_frame_4k"')


def test_a_changed_sample_fails_the_crc_on_the_end_line():
    text = fixture("wrong-crc")
    error = rejected(text)
    assert "CRC32 mismatch" in error.reason
    assert error.line == line_of(text, '"type":"end"')


def test_noise_between_and_before_records_is_ignored():
    noisy, good = protocol.parse(fixture("noise")), protocol.parse(fixture("good"))
    assert [(c.id, c.samples) for c in noisy.cases] == [(c.id, c.samples) for c in good.cases]
    assert noisy.crc32 == good.crc32 and noisy.header == good.header


@pytest.mark.parametrize("damage, reason", [
    (lambda lines: lines[1:], "before the header"),
    (lambda lines: lines[:1] + lines[2:], "end line says 37 cases, the log has 36"),
    (lambda lines: lines + lines[:1], "data after the end line"),
    (lambda lines: lines[:2] + lines[1:], "appears twice"),
    (lambda lines: lines[:1] + ['@bench {"type":"case","id":"x"'] + lines[1:], "malformed JSON"),
    (lambda lines: lines[:1] + ['@bench {"type":"mystery"}'] + lines[1:], "unknown record"),
    (lambda lines: [lines[0].replace('"schema":1', '"schema":2')] + lines[1:], "schema 2"),
    (lambda lines: lines[:1] + [lines[1].replace('"samples":[1,', '"samples":["1",')] +
     lines[2:], "samples must be"),
])
def test_records_out_of_place_or_malformed_are_rejected(damage, reason):
    lines = [line for line in fixture("good").splitlines() if protocol.TAG in line]
    assert reason in rejected("\n".join(damage(lines))).reason


def test_a_log_with_no_data_says_so():
    assert "no sel4bench header" in rejected("OpenSBI v1.1\nkernel: hello\n").reason
