"""What the harness CLI's commands share: the exit statuses, the error line, how a path is
shown, and the argparse pieces more than one command uses."""
import argparse
import os
import sys

from harness import store

BENCH_ROOT_TASK = "sel4bench"
# Exit statuses: 0 every board run passed; 1 a root task's own verdict was a failure (or it
# ended with another status than it declares); the rest say why there was no verdict.
EXIT_FAILED = 1
EXIT_FOR_KIND = {"hung": 131, "crashed": 132, "silent": 133, "missing": 136}
EXIT_REFUSED = 134
EXIT_ERROR = 135


def add_results_option(parser):
    parser.add_argument("--results", default=str(store.RESULTS_ROOT),
                        help="results folder (default: results/ of the repo)")


def positive(kind):
    """An argparse type: a number of `kind` greater than zero."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value
    parse.__name__ = f"positive {kind.__name__}"
    return parse


def say(message):
    print(f"harness: {message}", file=sys.stderr, flush=True)


def shown(path):
    """A path as the user reads it best: relative under the working folder, else absolute."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
