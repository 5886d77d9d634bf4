"""cmake configure + build of one (board, toolchain, variant): build/<board>-<toolchain>-<variant>.

build() returns the build's run-manifest.json (written by cmake/root_task.cmake), which names
each root task's boot files. A failed step raises BuildError ending with the tool's output tail.
"""
import json
import subprocess

from harness import REPO_ROOT, text_tail

TOOLCHAINS = ("gcc", "clang")
VARIANTS = {True: "fastpath", False: "slowpath"}
ERROR_TAIL_LINES = 40


class BuildError(Exception):
    """A configure or build step failed, or its manifest is unusable."""


def build_dir(board_name, toolchain, fastpath, root=REPO_ROOT):
    """Where (board, toolchain, variant) is built: build/<board>-<toolchain>-<variant>."""
    return root / "build" / f"{board_name}-{toolchain}-{VARIANTS[fastpath]}"


def configure_command(board_name, toolchain, fastpath, directory, source=REPO_ROOT,
                      fuzz_seed=None):
    """The cmake configure command. Without a fuzz seed the cached one is dropped, so the
    build's default (cmake/options.cmake) applies again after a run with --fuzz-seed."""
    seed = f"-DFUZZ_SEED={fuzz_seed:#x}" if fuzz_seed is not None else "-UFUZZ_SEED"
    return ["cmake", "-G", "Ninja", "-S", str(source), "-B", str(directory),
            f"-DBOARD={board_name}", f"-DTOOLCHAIN={toolchain}",
            f"-DFASTPATH={'ON' if fastpath else 'OFF'}", seed]


def build(board_name, toolchain="gcc", fastpath=True, source=REPO_ROOT, directory=None,
          fuzz_seed=None):
    """Configure and build; return the parsed run-manifest.json. Raises BuildError."""
    if toolchain not in TOOLCHAINS:
        raise BuildError(f"unknown toolchain '{toolchain}' (have: {', '.join(TOOLCHAINS)})")
    directory = directory or build_dir(board_name, toolchain, fastpath)
    run_step("configure", configure_command(board_name, toolchain, fastpath, directory, source,
                                            fuzz_seed))
    run_step("build", ["cmake", "--build", str(directory)])
    return load_manifest(directory)


def run_step(step, command):
    """Run one build tool with no stdin; raise BuildError with its output's tail if it fails."""
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors="replace")
    except FileNotFoundError:
        raise BuildError(f"{step}: {command[0]} not found (ci/deps.sh installs it)") from None
    if done.returncode != 0:
        raise BuildError(f"{step} failed (exit {done.returncode}): {' '.join(command)}\n"
                         f"{text_tail(done.stdout, ERROR_TAIL_LINES)}")


def load_manifest(directory):
    """The parsed run-manifest.json of a configured build directory."""
    path = directory / "run-manifest.json"
    try:
        with open(path) as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise BuildError(f"{path}: missing (cmake/root_task.cmake writes it)") from None
    except json.JSONDecodeError as e:
        raise BuildError(f"{path}: not JSON: {e}") from None
    if not isinstance(manifest.get("root_tasks"), dict):
        raise BuildError(f"{path}: no 'root_tasks' table")
    return manifest


def root_task_files(manifest, name):
    """The boot files of root task `name`: {"kernel", "initrd" (or None), "elf"}."""
    tasks = manifest["root_tasks"]
    if name not in tasks:
        raise BuildError(f"the build has no root task '{name}' (has: {', '.join(tasks)})")
    return tasks[name]
