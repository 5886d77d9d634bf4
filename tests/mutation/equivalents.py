"""The list of equivalent mutants (tests/mutation/equivalent.toml): mutants that cannot change
what the kernel does, each with the reason, keyed by file, the original line's text, the
operator and the mutated line's text (not line numbers, which move); `occurrence` (default 1)
tells apart identical lines of one file, in file order."""
import pathlib
import tomllib

LIST = pathlib.Path(__file__).resolve().parent / "equivalent.toml"
FIELDS = ("file", "line", "operator", "mutated", "reason")


def load(path=LIST):
    """{mutant key: reason}; raises ValueError on an entry without every field."""
    with open(path, "rb") as f:
        entries = tomllib.load(f).get("equivalent", [])
    known = {}
    for entry in entries:
        missing = [field for field in FIELDS if not entry.get(field)]
        if missing:
            raise ValueError(f"{path}: an entry lacks {', '.join(missing)}: {entry}")
        known[(entry["file"], entry["line"], entry["operator"], entry["mutated"],
               entry.get("occurrence", 1))] = entry["reason"]
    return known
