"""Board farms through LAVA (docs/lava.md): job definitions from a board's [lava] section, the
device dictionary of a local `lava-run` (no server), and the import of a LAVA job log.

A job deploys a sel4bench benchmark build, boots it (QEMU on LAVA's `qemu` device type, U-Boot
on a real board) and watches the console with a test monitor from the protocol's first line to
its last. A QEMU board's command line reaches LAVA through the job's context, which LAVA's qemu
device-type template reads: `no_kvm` (its default adds -enable-kvm -cpu host), `memory`,
`machine`, `cpu` and `extra_options`, a list of strings, one option with its value each (the
dispatcher iterates it, so a plain string would go out letter by letter). A lava-server renders
the device dictionary with the job's context; render_device() does the same for lava-run.

A job log is YAML: a list of entries (`lavacli jobs logs --raw`, a server's output.yaml) or one
mapping per line (lava-run's own output); the console's lines are its `target` entries. The
dispatcher escapes every '"' of a console line as '\\"' before logging it; serial_text() undoes
that, so the protocol's CRC32 checks what the board printed. Nothing here prints.
"""
import dataclasses
import os
import pathlib
import re
import shutil
import subprocess

import yaml

from harness import REPO_ROOT

# Where LAVA's device-type templates are: ci/deps.sh extracts them from the lava-server
# package (which is never installed) into build/lava-server; an installed lava-server has them
# under /usr/share. LAVA_DEVICE_TYPES overrides both.
TEMPLATE_DIRS = (REPO_ROOT / "build" / "lava-server" / "device-types",
                 pathlib.Path("/usr/share/lava-server/device-types"))
LAVA_RUN = "lava-run"
BOOT_COMMAND_PREFIX = "Boot command: "
# "qemu-system-x86, installed at version: 1:7.2+dfsg-7 ..." (the Debian package's version) or
# "qemu, installed at version: 7.2.22, ..." (`qemu-system-<arch> --version`'s).
QEMU_VERSION = re.compile(r"^qemu(?:-system-\S+)?, installed at version: ([^,]+)")
# The monitor's pattern for one case record: LAVA logs each as a test case it saw.
CASE_PATTERN = r'@bench \{"type":"case","id":"(?P<test_case_id>[a-z0-9_]+)"'
UNESCAPED_QUOTE = re.compile(r'(?<!\\)"')


class LavaError(Exception):
    """A job cannot be written or run, or a job log cannot be read; nothing was stored."""


def template_dir():
    """The folder of LAVA's device-type templates (qemu.jinja2 and its base templates)."""
    override = os.environ.get("LAVA_DEVICE_TYPES")
    candidates = [pathlib.Path(override)] if override else TEMPLATE_DIRS
    for folder in candidates:
        if (folder / "qemu.jinja2").is_file():
            return folder
    raise LavaError(f"LAVA's qemu device-type template not found in "
                    f"{', '.join(str(c) for c in candidates)} (bash ci/deps.sh extracts it "
                    f"from the lava-server package)")


def option_groups(args):
    """QEMU arguments as one string per option with its value: ["-m", "512M", "-s"] ->
    ["-m 512M", "-s"] (the template's own options have this form)."""
    groups = []
    for arg in args:
        if groups and not arg.startswith("-") and " " not in groups[-1]:
            groups[-1] += " " + arg
        else:
            groups.append(arg)
    return groups


def qemu_context(board, mode):
    """The job context that makes LAVA's qemu template run the board's QEMU command line in
    `mode`, less -kernel/-initrd (the deploy action's image_arg adds them). The template adds
    -machine and -cpu itself on aarch64 and riscv64 (from `machine` and `cpu`) and neither on
    x86_64, so both go into extra_options as well: a repeated -machine merges, a repeated
    -cpu with the same value changes nothing."""
    if mode not in board.get("modes", {}):
        raise LavaError(f"board {board['name']} has no mode '{mode}' "
                        f"(has: {', '.join(board.get('modes', {})) or 'none'})")
    mode_table = board["modes"][mode]
    if mode_table.get("probe"):
        raise LavaError(f"mode {mode} needs the harness's {mode_table['probe']} probe on the "
                        f"host QEMU runs on; a LAVA job cannot run it first")
    args = [*board["qemu"]["args"], *mode_table.get("args", [])]
    cpu = mode_table.get("cpu", board["cpu"])
    machine = next((value for flag, value in zip(args, args[1:]) if flag == "-machine"), None)
    context = {"arch": board["arch"], "no_kvm": True, "memory": board["memory_mib"], "cpu": cpu}
    if machine:
        context["machine"] = machine
    context["extra_options"] = option_groups(args + ["-cpu", cpu])
    return context


def job(board, variant, images, mode=None, samples=None):
    """The LAVA job definition (a dict) of one (board, variant): deploy `images` ({label:
    url}), boot, and a test monitor from the board's first line to its last. `mode` is the
    QEMU mode of a QEMU board (None for a real board)."""
    lava = board["lava"]
    missing = sorted(set(lava["images"]) - set(images))
    if missing:
        raise LavaError(f"no URL for image(s) {', '.join(missing)} of board {board['name']}")
    deploy_images = {}
    for label, spec in lava["images"].items():
        entry = {key: value for key, value in spec.items() if key in ("image_arg", "type")}
        deploy_images[label] = {**entry, "url": images[label]}
    timeouts = lava["timeouts"]
    boot = {"method": lava["boot_method"], "timeout": {"minutes": timeouts["boot"]}}
    if lava["boot_method"] == "qemu":
        boot["media"] = lava["deploy_to"]
    if lava.get("boot_commands"):
        boot["commands"] = lava["boot_commands"]
    what = f"sel4bench {board['name']} {variant}" + (f" ({mode})" if mode else "")
    definition = {
        "job_name": what,
        "device_type": lava["device_type"],
        "visibility": "public",
        "priority": "medium",
        "timeouts": {"job": {"minutes": timeouts["job"]},
                     "action": {"minutes": max(timeouts["boot"], timeouts["test"])},
                     "connection": {"minutes": timeouts["boot"]}},
        "metadata": {"sel4perf.board": board["name"], "sel4perf.variant": variant,
                     "sel4perf.mode": mode or "log",
                     "sel4perf.samples": str(samples) if samples else "default"},
    }
    if lava["boot_method"] == "qemu":
        definition["context"] = qemu_context(board, mode)
    deploy = {"to": lava["deploy_to"], "timeout": {"minutes": timeouts["boot"]}}
    # tmpfs (QEMU) lists the images under `images`; tftp names each at the top (kernel, dtb).
    if lava["deploy_to"] == "tmpfs":
        deploy["images"] = deploy_images
    else:
        deploy.update(deploy_images)
    definition["actions"] = [
        {"deploy": deploy},
        {"boot": boot},
        {"test": {"timeout": {"minutes": timeouts["test"]},
                  "monitors": [{"name": "sel4bench", "start": lava["first_line"],
                                "end": lava["last_line"], "pattern": CASE_PATTERN}]}},
    ]
    return definition


def job_yaml(definition):
    return yaml.safe_dump(definition, sort_keys=False, default_flow_style=False, width=100)


def publish_images(board, build_files, folder, url_base=None):
    """Copy the build's boot files that the board's [lava] images name into `folder`; return
    {label: url}: under `url_base` (where a lab's workers download them) or file:// (lava-run
    on this machine). Fixed URLs of the board file (a device tree) stay as they are."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    urls = {}
    for label, spec in board["lava"]["images"].items():
        if "url" in spec:
            urls[label] = spec["url"]
            continue
        source = build_files.get(spec["build_file"])
        if not source:
            raise LavaError(f"image {label}: the build has no {spec['build_file']} file")
        target = folder / pathlib.Path(source).name
        shutil.copyfile(source, target)
        urls[label] = (f"{url_base.rstrip('/')}/{folder.name}/{target.name}" if url_base
                       else target.resolve().as_uri())
    return urls


def device_dictionary(device_type, settings):
    """A device dictionary (jinja2, as a lava-server stores it) for `device_type`."""
    lines = [f"{{% extends '{device_type}.jinja2' %}}"]
    lines += [f"{{% set {key} = {value!r} %}}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def render_device(dictionary, job_context, templates=None):
    """The device configuration (YAML text) a lava-server would give the dispatcher: the
    device dictionary rendered with the job's context, in LAVA's own jinja2 setting."""
    import jinja2
    import jinja2.sandbox
    templates = templates or template_dir()
    environment = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.DictLoader({"device.jinja2": dictionary}), autoescape=False,
        trim_blocks=True)
    environment.loader = jinja2.ChoiceLoader([environment.loader,
                                              jinja2.FileSystemLoader(str(templates))])
    try:
        return environment.get_template("device.jinja2").render(**job_context)
    except jinja2.TemplateError as e:
        raise LavaError(f"device dictionary does not render: {e}") from None


def run_job(job_path, device_path, job_id, output_dir, log_path, timeout):
    """Run one job with lava-run (no server); its log (stderr: one YAML entry a line) goes to
    `log_path`. Returns lava-run's exit status."""
    if not shutil.which(LAVA_RUN):
        raise LavaError(f"{LAVA_RUN} not found (Debian package lava-dispatcher; bash "
                        f"ci/deps.sh installs it)")
    command = [LAVA_RUN, "--job-id", str(job_id), "--output-dir", str(output_dir),
               "--device", str(device_path), str(job_path)]
    with open(log_path, "wb") as log:
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=log, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LavaError(f"lava-run did not finish within {timeout:g} s; log "
                            f"{log_path}") from None
    return done.returncode


@dataclasses.dataclass(frozen=True)
class JobLog:
    entries: list          # of (line number, entry dict)
    serial: str            # the console: the target entries' lines, unescaped
    serial_lines: list     # the log's line number of each console line
    boot_command: str | None
    qemu_version: str | None

    @property
    def mode(self):
        """icount when the job ran QEMU with -icount, tcg for another QEMU, log otherwise
        (a real board)."""
        if not self.boot_command or "qemu-system-" not in self.boot_command:
            return "log"
        return "icount" if "-icount" in self.boot_command.split() else "tcg"

    def log_line(self, serial_line):
        """The job log's line number of console line `serial_line` (1-based)."""
        if 1 <= serial_line <= len(self.serial_lines):
            return self.serial_lines[serial_line - 1]
        return self.entries[-1][0] if self.entries else 1


def read_log(path):
    """The JobLog of a LAVA job log file. Raises LavaError naming the file and the line of an
    entry that is not one (a truncated or foreign file), or a log with no serial line."""
    try:
        text = pathlib.Path(path).read_text(errors="replace")
    except OSError as e:
        raise LavaError(f"cannot read {path}: {e.strerror or e}") from None
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        body = line[2:] if line.startswith("- ") else line
        try:
            entry = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as e:
            reason = str(e).splitlines()[0]
            raise LavaError(f"{path}: line {number}: not a LAVA log entry ({reason}): the "
                            f"log is truncated or not a LAVA job log") from None
        if not isinstance(entry, dict) or "lvl" not in entry or "msg" not in entry:
            raise LavaError(f"{path}: line {number}: not a LAVA log entry (a mapping with "
                            f"'lvl' and 'msg')")
        entries.append((number, entry))
    targets = [(number, e) for number, e in entries if e["lvl"] == "target"]
    serial = [unescape(str(e["msg"])) for _, e in targets]
    if not serial:
        raise LavaError(f"{path}: no serial lines (no 'target' entries): the job never "
                        f"reached the board's console")
    messages = [e["msg"] for _, e in entries if e["lvl"] == "info" and isinstance(e["msg"], str)]
    boot = next((m[len(BOOT_COMMAND_PREFIX):] for m in messages
                 if m.startswith(BOOT_COMMAND_PREFIX)), None)
    version = next((found.group(1) for found in map(QEMU_VERSION.match, messages) if found),
                   None)
    return JobLog(entries, "\n".join(serial) + "\n", [n for n, _ in targets], boot, version)


def unescape(line):
    """A console line as the board printed it: the dispatcher logs every '"' as '\\"'. A
    line with a bare '"' was logged by a dispatcher that does not escape and stays as is."""
    if UNESCAPED_QUOTE.search(line):
        return line
    return line.replace('\\"', '"')


def lava_record(job_log, job_id, device):
    """The result file's `lava` object: where the run came from."""
    return {"job_id": job_id, "device": device, "boot_command": job_log.boot_command}
