"""harness/build.py: build folders, the cmake command, the manifest, and errors with the tail of
the tool's output, on small fake CMake projects (real cmake and ninja, no compiler)."""
import json

import pytest

from harness import REPO_ROOT, build

MANIFEST_PROJECT = r"""
cmake_minimum_required(VERSION 3.20)
project(fake NONE)
file(WRITE ${CMAKE_BINARY_DIR}/run-manifest.json "{
  \"board\": \"${BOARD}\", \"toolchain\": \"${TOOLCHAIN}\", \"fastpath\": \"${FASTPATH}\",
  \"root_tasks\": {\"boot-test\": {\"kernel\": \"k.elf\", \"initrd\": \"b.elf\"}}}")
"""
COMPILER_SAYS = """for i in $(seq 100); do echo line $i; done
echo 'main.c:42: error: bad'
exit 1
"""


def project(tmp_path, text):
    source = tmp_path / "source"
    source.mkdir()
    (source / "CMakeLists.txt").write_text(text)
    return source


def test_build_dir_names_board_toolchain_and_variant():
    assert build.build_dir("qemu-riscv64", "clang", False) == \
        REPO_ROOT / "build" / "qemu-riscv64-clang-slowpath"
    assert build.build_dir("qemu-x86_64", "gcc", True).name == "qemu-x86_64-gcc-fastpath"


def test_configure_command():
    command = build.configure_command("qemu-aarch64", "clang", False, "out")
    assert command[:3] == ["cmake", "-G", "Ninja"]
    assert {"-DBOARD=qemu-aarch64", "-DTOOLCHAIN=clang", "-DFASTPATH=OFF", "out"} <= set(command)


def test_build_returns_the_manifest(tmp_path):
    source = project(tmp_path, MANIFEST_PROJECT)
    manifest = build.build("qemu-x86_64", "clang", False, source, tmp_path / "out")
    assert (manifest["board"], manifest["toolchain"], manifest["fastpath"]) == \
        ("qemu-x86_64", "clang", "OFF")
    assert build.root_task_files(manifest, "boot-test")["initrd"] == "b.elf"


def test_configure_error_carries_the_output_tail(tmp_path):
    source = project(tmp_path, 'project(fake NONE)\nmessage(FATAL_ERROR "no arch.cmake here")\n')
    with pytest.raises(build.BuildError, match=r"(?s)configure failed.*no arch.cmake here"):
        build.build("qemu-x86_64", "gcc", True, source, tmp_path / "out")


def test_build_error_carries_the_last_lines_of_the_compiler(tmp_path):
    source = project(tmp_path, MANIFEST_PROJECT +
                     "add_custom_target(compile ALL COMMAND sh ${CMAKE_SOURCE_DIR}/cc.sh)\n")
    (source / "cc.sh").write_text(COMPILER_SAYS)
    with pytest.raises(build.BuildError) as error:
        build.build("qemu-x86_64", "gcc", True, source, tmp_path / "out")
    message = str(error.value)
    assert message.startswith("build failed (exit 1): cmake --build")
    assert "main.c:42: error: bad" in message and "line 99" in message
    assert "line 1\n" not in message
    assert len(message.splitlines()) <= build.ERROR_TAIL_LINES + 1


def test_unknown_toolchain():
    with pytest.raises(build.BuildError, match="unknown toolchain 'icc'"):
        build.build("qemu-x86_64", "icc")


@pytest.mark.parametrize("content, message", [
    (None, "missing"), ("{", "not JSON"), ('{"board": "x"}', "no 'root_tasks' table")])
def test_bad_manifest(tmp_path, content, message):
    if content is not None:
        (tmp_path / "run-manifest.json").write_text(content)
    with pytest.raises(build.BuildError, match=message):
        build.load_manifest(tmp_path)


def test_unknown_root_task_lists_the_known_ones(tmp_path):
    (tmp_path / "run-manifest.json").write_text(json.dumps(
        {"root_tasks": {"boot-test": {}, "sel4bench": {}}}))
    with pytest.raises(build.BuildError, match="no root task 'fuzz' .has: boot-test, sel4bench"):
        build.root_task_files(build.load_manifest(tmp_path), "fuzz")


def test_a_benchmark_build_has_its_own_folder_and_release_options():
    assert build.build_dir("qemu-riscv64", "gcc", False, benchmark=True).name == \
        "qemu-riscv64-gcc-slowpath-bench"
    command = build.configure_command("qemu-riscv64", "gcc", True, "out", benchmark=True,
                                      samples=20)
    assert {"-DBENCHMARK=ON", "-DDEBUG=OFF", "-DBENCH_SAMPLES=20"} <= set(command)
    default = build.configure_command("qemu-riscv64", "gcc", True, "out", benchmark=True)
    assert "-UBENCH_SAMPLES" in default
    assert not any("BENCH" in word for word in build.configure_command("qemu-riscv64", "gcc",
                                                                        True, "out"))
