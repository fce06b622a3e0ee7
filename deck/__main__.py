"""``deck`` and ``python -m deck``: the command line, with Ctrl-C and SIGTERM answered in one line
from the first instant (even while the modules are still loading)."""

from __future__ import annotations

import os
import signal
import sys

INTERRUPTED = 130


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _die_of_sigint() -> None:
    """After the one line is printed, end as an interrupted program does, killed by SIGINT, so
    that a calling shell script stops too (the shell reports status 130)."""
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
    sys.exit(INTERRUPTED)  # where a signal cannot end the process


def run() -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        from deck.cli import main
        from deck.console import interrupted
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was written\n")
        _die_of_sigint()
    try:
        try:
            main()
        except KeyboardInterrupt as exc:  # outside a command: while click parses the arguments
            interrupted(exc)
    except SystemExit as done:
        if done.code == INTERRUPTED:
            _die_of_sigint()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the work is done and said: a late Ctrl-C changes nothing
        from deck.console import FINISHED

        if FINISHED and isinstance(done.code, (int, type(None))):  # nothing to close: no teardown
            sys.stdout.flush()  # of a large study's objects, one by one (a tenth of a second at 10,000 sections)
            sys.stderr.flush()
            os._exit(done.code or 0)
        raise


if __name__ == "__main__":
    run()
