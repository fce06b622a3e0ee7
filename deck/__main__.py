"""``deck`` and ``python -m deck``: the command line, with Ctrl-C and SIGTERM answered in one line
from the first instant (even while the modules are still loading)."""

from __future__ import annotations

import signal
import sys


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        from deck.cli import _interrupted, main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was written\n")
        sys.exit(130)
    try:
        main()
    except KeyboardInterrupt as exc:  # outside a command: while click parses the arguments
        _interrupted(exc)


if __name__ == "__main__":
    run()
