"""The verdict on a root task's run: its own closing line, and the status it said it ends with.

Every root task ends its checks with one line `[<name>: ]N passed, M failed`. A run passes only
if QEMU exited, the last such line says M == 0 and N > 0, and the guest's status is the one the
root task's build declares (run-manifest.json's expected_status: 0 for a plain exit, 125 for the
boot test, which ends on a deliberate fault). A pure function: nothing here prints.
"""
import dataclasses
import re

SUMMARY = re.compile(r"^(?:[\w-]+: )?(\d+) passed, (\d+) failed\s*$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Verdict:
    passed: bool
    reason: str                    # one line, for people
    checks_passed: int | None = None
    checks_failed: int | None = None


def judge(outcome, expected_status):
    """The Verdict on a qemu.Outcome of a root task that should end with `expected_status`."""
    if outcome.kind != "exited":
        return Verdict(False, f"{outcome.kind}: {outcome.reason}")
    found = SUMMARY.findall(outcome.output)
    if not found:
        return Verdict(False, f"no closing line 'N passed, M failed' from the root task "
                              f"({outcome.reason})")
    passed, failed = (int(n) for n in found[-1])
    said = f"{passed} passed, {failed} failed"
    if failed:
        return Verdict(False, f"{said}; {outcome.reason}", passed, failed)
    if passed == 0:
        return Verdict(False, f"{said}: no check ran; {outcome.reason}", passed, failed)
    if outcome.guest_status != expected_status:
        return Verdict(False, f"{said}, but {outcome.reason}, expected {expected_status}",
                       passed, failed)
    return Verdict(True, f"{said}; {outcome.reason}", passed, failed)
