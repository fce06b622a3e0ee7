"""How deck uses the process: the garbage collector paused while large inputs are read and laid
out, and work spread over forked processes: they start at once, with every module and font already
loaded, and leave interrupts to the build that started them. Only from a process that runs no
other thread (forking one that does is unsafe); otherwise the work is done here, in order."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

_PARENT = 0  # the process that starts workers: a worker whose parent is another has been orphaned
T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection meanwhile: reading and laying out a study makes objects that live on,
    and each collection would walk all of them again (about 40 % of the time at 10,000 sections).
    At the end they are frozen (left out of later collections): otherwise the first collection
    after the pause walks every one of them (0.5 s at 10,000 sections); a later ``gc.unfreeze()``
    hands them back to the collector."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``function`` of each item, in order, on up to ``workers`` forked processes. ``function``
    must be a module-level function; items are handed out one at a time, in the order given."""
    with Started(function, items, workers) as started:
        return started.results()


class Started(Generic[T, R]):
    """``fork_map`` begun now, its results collected later (the caller works meanwhile); used as a
    context manager, so that an interruption leaves no worker behind."""

    def __init__(self, function: Callable[[T], R], items: Sequence[T], workers: int, aside: bool = False) -> None:
        """``aside``: a single item too goes to a worker (when the caller has other work meanwhile)."""
        self.function, self.items = function, items
        self.pool: Any = None
        self.futures: list[Any] = []
        workers = min(workers, len(items))
        if (workers > 1 or aside and workers == 1) and can_fork():
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            global _PARENT
            _PARENT = os.getpid()
            try:
                with _interrupts_held():  # a Ctrl-C while forking would land in the fork handlers
                    self.pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_worker)
                    self.futures = [self.pool.submit(function, item) for item in items]
            except BaseException:  # interrupted while the workers start: none is left behind
                self.__exit__(KeyboardInterrupt)
                raise

    def results(self) -> list[R]:
        if self.pool is None:
            return [self.function(item) for item in self.items]
        return [future.result() for future in self.futures]

    def __enter__(self) -> Started[T, R]:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if self.pool is None:
            return
        if kind is None:
            self.pool.shutdown(wait=True)
            return
        # interrupted or failed: what the workers do is lost anyway; stop them now, and wait for them
        # alone (not for the pool's own bookkeeping, which a stopped worker can leave waiting)
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT blocked meanwhile (in this process and in the workers it forks): the interpreter's
    fork handlers and a worker's first steps would print it and drop it; here it arrives at the
    end, as a KeyboardInterrupt the caller handles."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _worker() -> None:
    """A worker leaves interrupts to the build that started it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked while it was forked; ignored from now on
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """On Linux, the kernel ends a worker whose build has ended, however it ended (even killed)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass
    if os.getppid() != _PARENT:  # the build ended before the line above took effect
        os._exit(0)
