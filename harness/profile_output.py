"""What `harness profile` writes from a Profile (profile.py): the table by function, the table
by source function (inlined functions apart), the annotated disassembly (a count on every
instruction, as perf annotate shows it), the folded stacks that flame-graph tools read
(`frame;frame;... count`), and a flame graph drawn with matplotlib. Text in, text out; the
figure is the only file drawn.
"""
import json
import pathlib
import zlib

TOP = 25
FOLDED_HEADER = "# "


def share(count, total):
    return f"{100.0 * count / total:5.1f}%" if total else "    -"


def number(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def summary_line(p):
    interrupted = len(p.samples) - p.iterations
    return (f"{p.board} {p.variant} {p.case} (commit {p.commit}): {number(p.total)} "
            f"instructions per iteration attributed, the suite's figure is {p.figure} "
            f"(smallest sample, counter overhead {p.overhead} included); {p.iterations} "
            f"iteration(s) profiled" + (f", {interrupted} longer one(s) (a timer interrupt) "
                                        f"left out" if interrupted else "") +
            f"; region from the counter read at {p.start_read:#x} to the one at "
            f"{p.end_read:#x}")


def function_table(p, top=TOP):
    """Instructions per iteration by function (ELF symbol), with share and kernel/user."""
    rows = p.by(lambda i: (i.function, i.image))
    lines = [f"{'instructions':>12} {'share':>6}  {'where':<8} function"]
    for (function, image), count in list(rows.items())[:top]:
        lines.append(f"{number(count):>12} {share(count, p.total)}  {image:<8} {function}")
    if len(rows) > top:
        rest = sum(list(rows.values())[top:])
        lines.append(f"{number(rest):>12} {share(rest, p.total)}  {'':<8} "
                     f"({len(rows) - top} more functions)")
    lines.append(f"{number(p.total):>12} {share(p.total, p.total)}  {'':<8} total")
    return "\n".join(lines)


def source_function_table(p, top=TOP):
    """The same by source function: the innermost inlined function of each line (DWARF)."""
    rows = p.by(lambda i: (i.source_function, i.function, i.image))
    lines = [f"{'instructions':>12} {'share':>6}  {'where':<8} source function (inlined in)"]
    for (inner, outer, image), count in list(rows.items())[:top]:
        where = inner if inner == outer else f"{inner} (in {outer})"
        lines.append(f"{number(count):>12} {share(count, p.total)}  {image:<8} {where}")
    return "\n".join(lines)


def annotate(p):
    """Every function with counted instructions, largest first, each instruction with its
    count per iteration (blank: not executed) under its source line, as perf annotate."""
    totals = p.by(lambda i: (i.image, i.function))
    parts = []
    for (image_name, function), total in totals.items():
        image = p.images.get(image_name)
        body = [i for i in (image.instructions.values() if image else [])
                if i.function == function] or \
            [p.instructions[a] for a in sorted(p.instructions)
             if p.instructions[a].function == function]
        parts.append(f"== {function} ({image_name}): {number(total)} instructions per "
                     f"iteration, {share(total, p.total).strip()}")
        source = None
        for instruction in sorted(body, key=lambda i: i.address):
            if instruction.source != source:
                source = instruction.source
                parts.append(f"{'':>10}  {source}  [{instruction.source_function}]")
            count = p.counts.get(instruction.address)
            parts.append(f"{number(count) if count else '':>10}  {instruction.address:x}: "
                         f"{instruction.text}")
        parts.append("")
    return "\n".join(parts)


def folded(p):
    """Folded stacks, one line each, the case as the root frame; a comment line first."""
    lines = [f"{FOLDED_HEADER}{summary_line(p)}",
             f"{FOLDED_HEADER}stacks: kernel call chains rebuilt from call and return "
             f"instructions; user code as its function alone"]
    for stack, count in sorted(p.folded.items()):
        lines.append(f"{p.case};{stack} {number(count)}")
    return "\n".join(lines) + "\n"


def read_folded(path):
    """(comment lines, {stack: count}) of a folded-stack file."""
    comments, stacks = [], {}
    for line in pathlib.Path(path).read_text().splitlines():
        if line.startswith(FOLDED_HEADER.strip()):
            comments.append(line[len(FOLDED_HEADER):])
        elif line.strip():
            stack, count = line.rsplit(" ", 1)
            stacks[stack] = stacks.get(stack, 0) + float(count)
    return comments, stacks


def flame_graph(stacks, title, path):
    """Draw folded stacks as a flame graph (matplotlib): a box per frame, its width the
    instructions below it, children on top in name order."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tree = {}
    for stack, count in stacks.items():
        node = tree
        for frame in stack.split(";"):
            entry = node.setdefault(frame, [0, {}])
            entry[0] += count
            node = entry[1]
    total = sum(entry[0] for entry in tree.values()) or 1
    boxes = []

    def lay_out(node, x, depth, user):
        for frame in sorted(node):
            width, children = node[frame]
            in_user = user or (depth == 1 and frame == "user")
            boxes.append((x, depth, width, frame, in_user))
            lay_out(children, x, depth + 1, in_user)
            x += width
    lay_out(tree, 0, 0, False)
    depth = max(b[1] for b in boxes) + 1 if boxes else 1
    figure, axes = plt.subplots(figsize=(14, 0.32 * depth + 1.2))
    palette = ["#e8743b", "#f2a541", "#f5c26b", "#d95d39", "#f0b37e", "#e3956a"]
    for x, level, width, frame, user in boxes:
        color = "#7fb3d5" if user else palette[zlib.crc32(frame.encode()) % len(palette)]
        axes.barh(level, width, left=x, height=0.92, color=color, edgecolor="white",
                  linewidth=0.4)
        if width / total > 0.035:
            label = frame if len(frame) * 0.0062 < width / total else \
                frame[:max(1, int(width / total / 0.0062) - 1)] + "…"
            axes.text(x + width / 2, level, label, ha="center", va="center", fontsize=7)
    axes.set_xlim(0, total)
    axes.set_ylim(-0.5, depth - 0.5)
    axes.set_yticks([])
    axes.set_xlabel("guest instructions per iteration")
    axes.set_title(title, fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def write(p, out):
    """Write every output of profile `p` into folder `out`; {name: path}."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {"functions": out / "functions.txt", "annotate": out / "annotate.txt",
             "folded": out / "stacks.folded", "flame": out / "flame.svg",
             "json": out / "profile.json"}
    files["functions"].write_text(summary_line(p) + "\n\n" + function_table(p) + "\n\n" +
                                  source_function_table(p) + "\n")
    files["annotate"].write_text(annotate(p))
    files["folded"].write_text(folded(p))
    flame_graph({f"{p.case};{k}": v for k, v in p.folded.items()},
                f"{p.board} {p.variant}: {p.case}, {number(p.total)} instructions per "
                f"iteration", files["flame"])
    files["json"].write_text(json.dumps(p.to_json(), indent=1) + "\n")
    return files


def stored_path(results_root, board, case, variant):
    """Where `harness profile --store` keeps a folded-stack file for the report."""
    return pathlib.Path(results_root) / "profiles" / board / f"{case}-{variant}.folded"
