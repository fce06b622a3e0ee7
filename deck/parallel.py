"""Work spread over forked processes: they start at once, with every module and font already
loaded, and leave interrupts to the build that started them. Only from a process that runs no
other thread (forking one that does is unsafe); otherwise the work is done here, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``function`` of each item, in order, on up to ``workers`` forked processes. ``function``
    must be a module-level function; items are handed out one at a time, in the order given."""
    workers = min(workers, len(items))
    if workers <= 1 or not can_fork():
        return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_worker)
    try:
        return list(pool.map(function, items))
    finally:  # interrupted: nothing more is started, and no worker outlives the build
        pool.shutdown(wait=True, cancel_futures=True)


def _worker() -> None:
    """A worker leaves interrupts to the build that started it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
