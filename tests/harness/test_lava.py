"""Board farms through LAVA (harness/lava.py, docs/lava.md): the jobs of every board with a
[lava] section pass LAVA's own job schema; LAVA's qemu device-type template, rendered with a
job's context as a lava-server renders it, puts -icount on QEMU's command line and leaves out
-enable-kvm; a LAVA job log (a real lava-run log in fixtures/) is imported through the protocol
parser into a result file with mode icount and the job's id and device, and a truncated log, a
log with no protocol lines or a foreign file give one error line and no result file. A real
board (rpi4: [lava], no [qemu]) is valid and `harness run` says it runs through LAVA. Finally
lava-run itself runs one board's job, and its imported figures equal a direct run's, sample
for sample."""
import json
import pathlib
import re

import pytest
import yaml

from boards import board as boards
from harness import __main__ as cli
from harness import REPO_ROOT, build, lava, protocol, qemu, store

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "lava-run-qemu-riscv64.log"          # lava-run 2023.01, qemu-riscv64, icount
END_LINE_LOST = FIXTURES / "lava-run-end-line-lost.log"  # the end line never logged
LAVA_BOARDS = [name for name in boards.names() if "lava" in boards.load(name)]
SAMPLES = 10  # tests/harness/test_sel4bench.py's benchmark build: no second build
DOCS_IMAGE_URL = "https://files.lab.example/sel4perf"
DOCS_BUILD_FILES = {"kernel": "sel4bench.img"}  # the image boards' packed image


def stored(results):
    return sorted(pathlib.Path(results).rglob("*.json")) if pathlib.Path(results).exists() \
        else []


def import_log(tmp_path, log, *extra):
    return cli.main(["lava", "import", str(log), "--results", str(tmp_path / "results"),
                     *extra])


def test_every_board_has_a_lava_section_and_the_real_board_has_no_qemu():
    assert set(boards.qemu_names()) <= set(LAVA_BOARDS)
    rpi4 = boards.load("rpi4")
    assert "qemu" not in rpi4 and not boards.runs_in_qemu(rpi4)
    assert rpi4["lava"]["device_type"] == "bcm2711-rpi-4-b"
    assert rpi4["lava"]["boot_method"] == "u-boot" and rpi4["lava"]["deploy_to"] == "tftp"


def test_a_board_with_neither_qemu_nor_lava_is_refused(tmp_path):
    text = pathlib.Path(boards.board_path("rpi4")).read_text()
    path = tmp_path / "rpi4.toml"
    path.write_text(text[:text.index("[lava]")])
    with pytest.raises(boards.BoardError, match=r"missing section \[qemu\] .* or \[lava\]"):
        boards.load(str(path))


def test_run_on_a_real_board_says_it_runs_through_lava(capsys):
    assert cli.main(["run", "--board", "rpi4"]) == cli.EXIT_ERROR
    assert "runs through LAVA" in capsys.readouterr().out


@pytest.mark.parametrize("name", LAVA_BOARDS)
def test_jobs_pass_lavas_own_job_schema(name):
    from lava_common.schemas import validate
    board = boards.load(name)
    urls = {label: f"https://lab.example/{name}/{label}" for label in board["lava"]["images"]}
    mode = "icount" if boards.runs_in_qemu(board) else None
    definition = yaml.safe_load(lava.job_yaml(lava.job(board, "fastpath", urls, mode, 10)))
    validate(definition, strict=True)
    [monitor] = definition["actions"][2]["test"]["monitors"]
    assert (monitor["start"], monitor["end"]) == (board["lava"]["first_line"],
                                                 board["lava"]["last_line"])


@pytest.mark.parametrize("name", ["rpi4", "qemu-riscv64"])
def test_the_jobs_shown_in_the_docs_are_what_the_harness_writes(name):
    board = boards.load(name)
    shown = REPO_ROOT / "docs" / "lava-jobs" / f"{name}-fastpath.yaml"
    urls = {label: spec.get("url") or
            f"{DOCS_IMAGE_URL}/{name}-fastpath/{DOCS_BUILD_FILES[spec['build_file']]}"
            for label, spec in board["lava"]["images"].items()}
    mode = "icount" if boards.runs_in_qemu(board) else None
    assert lava.job_yaml(lava.job(board, "fastpath", urls, mode, 20)) == shown.read_text()


@pytest.mark.parametrize("name", boards.qemu_names())
def test_the_qemu_template_runs_icount_and_no_kvm(name):
    board = boards.load(name)
    context = lava.qemu_context(board, "icount")
    dictionary = lava.device_dictionary("qemu", {"no_kvm": True})
    device = yaml.safe_load(lava.render_device(dictionary, context))
    qemu_method = device["actions"]["boot"]["methods"]["qemu"]["parameters"]
    command = " ".join([qemu_method["command"], *qemu_method["options"],
                        *qemu_method["extra"]]).split()
    assert command[0] == board["qemu"]["binary"]
    assert "-enable-kvm" not in command and "host" not in command
    at = command.index("-icount")
    assert command[at + 1] == "shift=0,align=off,sleep=off"
    # The board's -cpu is the last one: it is the one QEMU uses.
    assert command[len(command) - 1 - command[::-1].index("-cpu") + 1] == board["cpu"]


def test_a_kvm_mode_is_refused_for_a_job():
    with pytest.raises(lava.LavaError, match="probe"):
        lava.qemu_context(boards.load("qemu-x86_64"), "kvm")


def test_a_lava_run_log_is_imported_in_icount_with_job_id_and_device(tmp_path, capsys):
    assert import_log(tmp_path, GOOD, "--job-id", "1129042459", "--device", "qemu-01") == 0
    [path] = stored(tmp_path / "results")
    data = store.read(path)
    assert (data["board"], data["mode"], data["variant"]) == ("qemu-riscv64", "icount",
                                                               "fastpath")
    assert data["unit"] == "guest instructions" and len(data["cases"]) == 69
    assert data["lava"]["job_id"] == 1129042459 and data["lava"]["device"] == "qemu-01"
    assert "-icount shift=0" in data["lava"]["boot_command"]
    assert data["qemu_version"] == "QEMU emulator version 7.2.22"
    assert "69 cases (mode icount, LAVA job 1129042459)" in capsys.readouterr().out


def test_a_servers_log_a_yaml_list_reads_the_same(tmp_path):
    server_log = tmp_path / "output.yaml"
    server_log.write_text("".join(f"- {line}\n" for line in GOOD.read_text().splitlines()))
    direct, listed = lava.read_log(GOOD), lava.read_log(server_log)
    assert yaml.safe_load(server_log.read_text())[0]["lvl"] == "info"
    assert listed.serial == direct.serial and listed.mode == direct.mode == "icount"
    assert protocol.parse(listed.serial).crc32 == protocol.parse(direct.serial).crc32


def test_the_dispatchers_quote_escaping_is_undone_exactly():
    for line in ['@bench {"a":"b"}', 'x \\"quoted\\" y', 'no quotes', '"', '\\\\"']:
        logged = line.replace('"', '\\"')  # lava_dispatcher.shell.ShellLogger
        assert lava.unescape(logged) == line
    assert lava.unescape('a "bare" line') == 'a "bare" line'


def test_a_job_without_icount_on_its_qemu_command_is_not_icount(tmp_path):
    text = GOOD.read_text().replace(" -icount shift=0,align=off,sleep=off", "")
    log = tmp_path / "tcg.log"
    log.write_text(text)
    assert lava.read_log(log).mode == "tcg"
    real_board = tmp_path / "board.log"
    real_board.write_text("".join(line + "\n" for line in text.splitlines()
                                  if "Boot command" not in line))
    assert lava.read_log(real_board).mode == "log"
    assert import_log(tmp_path, real_board) == 0
    [path] = stored(tmp_path / "results")
    assert store.read(path)["mode"] == "log" and store.read(path)["qemu_version"] is None


@pytest.mark.parametrize("source, make, message", [
    # The end line was never logged (a real log of a job whose monitor stopped at the start
    # of the end line, before the dispatcher had logged it).
    (END_LINE_LOST, lambda text: text,
     r"line 286 of the job log: truncated: no end line after 69 case"),
    # Cut in the middle of an entry.
    (GOOD, lambda text: text[:len(text) // 2], r"line \d+: not a LAVA log entry .*truncated"),
    # No console line at all.
    (GOOD, lambda text: "".join(l + "\n" for l in text.splitlines() if '"target"' not in l),
     r"no serial lines \(no 'target' entries\)"),
    # Console lines but no protocol line.
    (GOOD, lambda text: "".join(l + "\n" for l in text.splitlines() if "@bench" not in l),
     r"no sel4bench header line"),
    # Not a LAVA log.
    (GOOD, lambda text: "hello\n", r"line 1: not a LAVA log entry"),
])
def test_a_bad_log_is_one_error_and_no_result(tmp_path, capsys, source, make, message):
    log = tmp_path / "job.log"
    log.write_text(make(source.read_text()))
    assert import_log(tmp_path, log) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no result stored" in err
    assert re.search(message, err), err
    assert not stored(tmp_path / "results")


def test_lava_run_gives_a_direct_runs_figures_instruction_for_instruction(tmp_path):
    """qemu-riscv64, fastpath: the job lava-run runs (device dictionary from LAVA's qemu
    template, no_kvm) and a direct harness run of the same build store the same samples."""
    name = "qemu-riscv64"
    board = boards.load(name)
    manifest = build.build(name, "gcc", True, benchmark=True, samples=SAMPLES)
    files = build.root_task_files(manifest, "sel4bench")
    outcome = qemu.run_root_task(board, files, "icount", tmp_path / "direct.log", 120.0)
    direct = protocol.parse(outcome.output)
    results = tmp_path / "results"
    status = cli.main(["lava", "dispatch", "--board", name, "--variant", "fastpath",
                       "--samples", str(SAMPLES), "--out", str(tmp_path / "jobs"),
                       "--results", str(results)])
    assert status == 0
    [path] = stored(results)
    imported = json.loads(path.read_text())
    assert imported["mode"] == "icount" and "-icount" in imported["lava"]["boot_command"].split()
    assert imported["lava"]["device"] == f"{name}-lava-run"
    assert {c["id"]: c["samples"] for c in imported["cases"]} == \
        {c.id: c.samples for c in direct.cases}
