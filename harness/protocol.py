"""Parse sel4bench's serial protocol (DESIGN §6; the writer is sel4bench/protocol.c).

Data lines carry the tag `@bench ` followed by one JSON object: a header, one record per case,
and an end line with the number of cases and the CRC32 (zlib's) of the case records, each
record's JSON text followed by "\\n". Every other console line is ignored (a tag after other
text on the same line counts from the tag: the BIOS may leave its last words there). A log that
is truncated, corrupted or malformed is rejected with ProtocolError naming the line where it
broke. parse() returns plain data; nothing here prints.
"""
import dataclasses
import json
import zlib

TAG = "@bench "
SCHEMA = 1
HEADER_FIELDS = {"board": str, "arch": str, "counter": str, "variant": str}
CASE_FIELDS = {"id": str, "params": dict, "unit": str, "overhead": int, "samples": list}


class ProtocolError(Exception):
    """The log is not a complete, intact sel4bench run; `line` is where it broke (1-based)."""

    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    params: dict
    unit: str
    overhead: int
    samples: list
    line: int


@dataclasses.dataclass(frozen=True)
class Run:
    header: dict
    cases: list          # of Case, in the order printed
    crc32: int

    def case(self, case_id):
        return next((c for c in self.cases if c.id == case_id), None)


def data_lines(text):
    """(line number, JSON text) of each tagged line of a console log."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find(TAG)
        if at >= 0:
            yield number, line[at + len(TAG):].rstrip("\r")


def decode(number, body):
    try:
        record = json.loads(body)
    except json.JSONDecodeError as e:
        raise ProtocolError(number, f"malformed JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("type"), str):
        raise ProtocolError(number, "a record must be a JSON object with a 'type'")
    return record


def check_fields(number, record, fields, what):
    for name, kind in fields.items():
        value = record.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ProtocolError(number, f"{what}: field '{name}' missing or not a "
                                        f"{kind.__name__}")


def read_case(number, record, seen):
    check_fields(number, record, CASE_FIELDS, f"case {record.get('id', '?')}")
    samples = record["samples"]
    if not samples or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0
                              for s in samples):
        raise ProtocolError(number, f"case {record['id']}: samples must be a non-empty list "
                                    "of counts")
    if record["id"] in seen:
        raise ProtocolError(number, f"case {record['id']} appears twice")
    seen.add(record["id"])
    return Case(record["id"], record["params"], record["unit"], record["overhead"], samples,
                number)


def check_end(number, record, cases, crc):
    if record.get("cases") != len(cases):
        raise ProtocolError(number, f"end line says {record.get('cases')} cases, the log has "
                                    f"{len(cases)}")
    if record.get("crc32") != crc:
        raise ProtocolError(number, f"CRC32 mismatch: end line says {record.get('crc32')}, "
                                    f"the case records give {crc}")


def parse(text):
    """The Run in a console log. Raises ProtocolError: no header, a case before the header,
    malformed JSON, a bad field, a wrong case count or CRC32, data after the end line, or no
    end line (truncated)."""
    header, cases, seen, crc, end_line, last = None, [], set(), 0, None, 0
    for number, body in data_lines(text):
        last = number
        if end_line is not None:
            raise ProtocolError(number, f"data after the end line (line {end_line})")
        record = decode(number, body)
        kind = record["type"]
        if kind == "header":
            if header is not None:
                raise ProtocolError(number, "a second header")
            check_fields(number, record, HEADER_FIELDS, "header")
            if record.get("schema") != SCHEMA:
                raise ProtocolError(number, f"schema {record.get('schema')}, expected {SCHEMA}")
            header = record
        elif header is None:
            raise ProtocolError(number, f"a '{kind}' record before the header")
        elif kind == "case":
            cases.append(read_case(number, record, seen))
            crc = zlib.crc32((body + "\n").encode(), crc)
        elif kind == "end":
            check_end(number, record, cases, crc)
            end_line = number
        else:
            raise ProtocolError(number, f"unknown record type '{kind}'")
    if header is None:
        raise ProtocolError(last or 1, "no sel4bench header line (@bench {\"type\":\"header\"...})")
    if end_line is None:
        raise ProtocolError(last, f"truncated: no end line after {len(cases)} case records")
    return Run(header, cases, crc)
