"""Fake QEMU processes for the harness tests: each writes a small Python script that behaves like
one way a QEMU run can end, and returns the argv that runs it."""
import sys
import textwrap


def script(directory, name, body):
    """argv running `body` (Python source, dedented) as a script in `directory`."""
    path = directory / f"{name}.py"
    path.write_text("import os, signal, subprocess, sys, time\n" + textwrap.dedent(body))
    return [sys.executable, str(path)]


def prints_and_exits(directory, text, status, errors=""):
    return script(directory, "exits", f"""
        sys.stdout.write({text!r}); sys.stdout.flush()
        sys.stderr.write({errors!r}); sys.stderr.flush()
        sys.exit({status})
    """)


def hangs(directory, text="booting\n"):
    return script(directory, "hangs", f"""
        sys.stdout.write({text!r}); sys.stdout.flush()
        time.sleep(1000)
    """)


def hangs_with_child(directory, pid_file):
    """Hangs after starting a child in its process group; the child's pid goes to pid_file."""
    return script(directory, "hangs_with_child", f"""
        child = subprocess.Popen(["sleep", "1000"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        print("started", flush=True)
        time.sleep(1000)
    """)


def silent(directory, status=0):
    return script(directory, "silent", f"sys.exit({status})\n")


def dies_on_signal(directory, signal_name):
    return script(directory, "dies", f"""
        print("about to die", flush=True)
        os.kill(os.getpid(), signal.{signal_name})
        time.sleep(10)
    """)


def prints_in_chunks(directory, chunks, status):
    return script(directory, "chunks", f"""
        for chunk in {chunks!r}:
            sys.stdout.write(chunk); sys.stdout.flush(); time.sleep(0.05)
        sys.exit({status})
    """)


def hangs_and_tells_its_pid(directory, pid_file):
    """Prints, writes its pid to pid_file, then spins at full CPU like a guest that never
    stops (until killed)."""
    return script(directory, "spins", f"""
        print("kernel: booting", flush=True)
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        while True:
            pass
    """)
