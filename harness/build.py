"""cmake configure + build of one (board, toolchain, variant): build/<board>-<toolchain>-<variant>,
or build/<board>-<toolchain>-<variant>-bench for a benchmark build (BENCHMARK=ON: a release
kernel and the sel4bench root task, cmake/options.cmake).

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


def build_dir(board_name, toolchain, fastpath, root=REPO_ROOT, benchmark=False):
    """Where (board, toolchain, variant) is built: build/<board>-<toolchain>-<variant>, with
    -bench after it for a benchmark build."""
    suffix = "-bench" if benchmark else ""
    return root / "build" / f"{board_name}-{toolchain}-{VARIANTS[fastpath]}{suffix}"


def configure_command(board_name, toolchain, fastpath, directory, source=REPO_ROOT,
                      fuzz_seed=None, benchmark=False, samples=None, only_case=None,
                      phase_pad=None):
    """The cmake configure command. Without a fuzz seed (or a sample count, a case, a phase
    padding) the cached one is dropped, so the build's default (cmake/options.cmake) applies
    again after a run with --fuzz-seed (--samples, harness profile). A benchmark build is
    BENCHMARK=ON with DEBUG=OFF; `only_case` makes its sel4bench run that case alone (after the
    counter overhead)."""
    seed = f"-DFUZZ_SEED={fuzz_seed:#x}" if fuzz_seed is not None else "-UFUZZ_SEED"
    command = ["cmake", "-G", "Ninja", "-S", str(source), "-B", str(directory),
               f"-DBOARD={board_name}", f"-DTOOLCHAIN={toolchain}",
               f"-DFASTPATH={'ON' if fastpath else 'OFF'}", seed]
    if benchmark:
        command += ["-DBENCHMARK=ON", "-DDEBUG=OFF",
                    f"-DBENCH_SAMPLES={samples}" if samples else "-UBENCH_SAMPLES",
                    f"-DBENCH_CASE={only_case}" if only_case else "-UBENCH_CASE",
                    f"-DBENCH_PHASE_PAD={phase_pad}" if phase_pad else "-UBENCH_PHASE_PAD"]
    return command


def build(board_name, toolchain="gcc", fastpath=True, source=REPO_ROOT, directory=None,
          fuzz_seed=None, benchmark=False, samples=None, only_case=None, phase_pad=None):
    """Configure and build; return the parsed run-manifest.json. Raises BuildError."""
    if toolchain not in TOOLCHAINS:
        raise BuildError(f"unknown toolchain '{toolchain}' (have: {', '.join(TOOLCHAINS)})")
    directory = directory or build_dir(board_name, toolchain, fastpath, benchmark=benchmark)
    run_step("configure", configure_command(board_name, toolchain, fastpath, directory, source,
                                            fuzz_seed, benchmark, samples, only_case,
                                            phase_pad))
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
