"""Results store (DESIGN §2, §6): one JSON file per (board, mode, variant, commit) under
results/<board>/<commit12>-<mode>-<variant>.json, validated against result.schema.json before
it is written, and written atomically: a temporary file in the same folder, fsync, rename over
the old file, fsync of the folder. A kill at any moment leaves the old file or none, never a
half-written one (a stray `.<name>.*.tmp` at worst, which nothing reads).

result() turns a parsed protocol.Run plus what the harness knows of the run into plain data;
write() stores it. Nothing here prints.
"""
import datetime
import json
import os
import pathlib
import platform
import re
import subprocess
import tempfile

import jsonschema

from harness import REPO_ROOT

SCHEMA_PATH = REPO_ROOT / "harness" / "result.schema.json"
RESULTS_ROOT = REPO_ROOT / "results"
SCHEMA_VERSION = 2  # 2: kvm_exits {event, window, total, by_reason} (harness/kvm_exits.py)
# The protocol's records carry no version of their own yet; every case is version 1 until a
# case record says otherwise (a `bench_version` field, when a benchmark's meaning changes).
DEFAULT_BENCH_VERSION = 1
UNIT_OF_MODE = {"icount": "guest instructions", "kvm": "cycles", "log": "cycles",
                "tcg": "counter ticks"}
DIRTY_SUFFIX = "-dirty"


class StoreError(Exception):
    """The result cannot be stored (it does not match the schema, or the folder is not
    writable); nothing was written."""


def load_schema(path=SCHEMA_PATH):
    return json.loads(pathlib.Path(path).read_text())


def validate(data, schema=None):
    """Raise StoreError naming the first field that does not match the schema."""
    schema = load_schema() if schema is None else schema
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise StoreError(f"result does not match {SCHEMA_PATH.name} at {where}: {error.message}")


def git_commit(repo=REPO_ROOT):
    """(commit, dirty) of the work tree, or (None, False) outside git."""
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True,
                                capture_output=True, text=True).stdout.strip()
        status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain",
                                 "--untracked-files=no"], check=True, capture_output=True,
                                text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None, False
    return commit, bool(status.strip())


def split_commit(text):
    """(commit, dirty) from the header's "abcdef012345-dirty" form; (None, False) if absent."""
    if not isinstance(text, str) or not text:
        return None, False
    dirty = text.endswith(DIRTY_SUFFIX)
    commit = text[:-len(DIRTY_SUFFIX)] if dirty else text
    return (commit.lower(), dirty) if re.fullmatch(r"[0-9a-fA-F]{12,40}", commit) else (None,
                                                                                         dirty)


def qemu_version(binary):
    """The first line of `binary -version`, or None when it cannot run."""
    try:
        out = subprocess.run([binary, "-version"], capture_output=True, text=True, timeout=10,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.splitlines()[0].strip() if out.strip() else None


def host_cpu():
    """The host CPU's model name (/proc/cpuinfo), else what platform knows."""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "uarch", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def result(run, mode, source, qemu=None, cpu=None, kvm_exits=None, date=None):
    """The result document of one parsed sel4bench run (protocol.Run). The commit and the
    toolchain come from the run's own header (what was built), else from the work tree."""
    header = run.header
    commit, dirty = split_commit(header.get("commit"))
    if commit is None:
        commit, tree_dirty = git_commit()
        dirty = dirty or tree_dirty
    return {
        "schema_version": SCHEMA_VERSION,
        "board": header["board"],
        "arch": header["arch"],
        "mode": mode,
        "variant": header["variant"],
        "commit": commit or "",
        "dirty": dirty,
        "toolchain": {"name": header.get("toolchain", "unknown"),
                      "version": header.get("compiler")},
        "qemu_version": qemu,
        "host_cpu": cpu or host_cpu(),
        "date": date or now(),
        "counter": {"name": header["counter"],
                    "overhead": run.cases[0].overhead if run.cases else 0},
        "unit": UNIT_OF_MODE.get(mode, "counter ticks"),
        "samples_per_case": max((len(c.samples) for c in run.cases), default=1),
        "cases": [{"id": c.id, "params": c.params,
                   "bench_version": int(c.params.get("bench_version", DEFAULT_BENCH_VERSION)),
                   "samples": c.samples} for c in run.cases],
        "kvm_exits": kvm_exits if mode == "kvm" else None,
        "source": str(source),
    }


def path_of(data, root=RESULTS_ROOT):
    """results/<board>/<commit12>-<mode>-<variant>.json."""
    return (pathlib.Path(root) / data["board"] /
            f"{data['commit'][:12]}-{data['mode']}-{data['variant']}.json")


def write(data, root=RESULTS_ROOT):
    """Validate `data`, then store it atomically; returns its path."""
    validate(data)
    path = path_of(data, root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror or e}") from None
    return path


def write_atomically(path, text):
    """Replace `path` by a file holding `text`, all or nothing, durable once it returns."""
    path = pathlib.Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        with_missing_ok(os.unlink, temporary)
        raise
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def with_missing_ok(action, path):
    try:
        action(path)
    except FileNotFoundError:
        pass


def read(path):
    """A stored result, validated (StoreError if it is not a valid result)."""
    try:
        data = json.loads(pathlib.Path(path).read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise StoreError(f"cannot read result {path}: {e}") from None
    validate(data)
    return data


def results_in(root=RESULTS_ROOT):
    """Every result file under `root` (temporary files excluded)."""
    return sorted(p for p in pathlib.Path(root).glob("*/*.json") if not p.name.startswith("."))
