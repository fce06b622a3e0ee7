"""The file operations the write protocol is made of: paths checked without following links, files
hashed and synced, signals held while files move."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from deck.errors import Interrupted, printable

_HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def safe_name(name: str) -> bool:
    """A relative path made of plain names: no "..", no ".", no absolute path, no backslash, no NUL."""
    if not name or "\\" in name or "\0" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return all(p not in (".", "..") and not p.startswith(".deck") for p in parts) and "/".join(parts) == name


def inside(out: Path, name: str) -> str:
    """ "absent", "file" (a regular file, reached through real folders) or "blocked"."""
    here = out
    parts = PurePosixPath(name).parts
    for k, part in enumerate(parts):
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return "absent"
        except OSError:
            return "blocked"
        last = k == len(parts) - 1
        if stat.S_ISLNK(mode) or (last and not stat.S_ISREG(mode)) or (not last and not stat.S_ISDIR(mode)):
            return "blocked"
    return "file"


LARGEST = 1 << 30  # bytes: no output of deck's is this large; a larger file is never hashed, never deck's
TOO_LARGE = "larger than any output of deck's"


def file_sha(path: Path) -> str | None:
    """The sha256 of a regular file (None for anything else), read without following a link and
    without blocking on a pipe; a file larger than any output is not read at all."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > LARGEST:
            return TOO_LARGE
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_file(path: Path, blob: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_dirs(out: Path, entries: list[dict[str, Any]]) -> None:
    for folder in {(out / e["path"]).parent for e in entries} | {out}:
        fsync_dir(folder)


def sync_tree(root: Path) -> None:
    for folder, _, _ in os.walk(root):
        fsync_dir(Path(folder))


@contextlib.contextmanager
def told_truly(state: dict[str, bool]) -> Iterator[None]:
    """An interrupt once ``state["written"]`` is set (the new outputs are in) is told as such, not
    as "nothing was written", however late it comes."""
    try:
        yield
    except KeyboardInterrupt as stop:
        if state.get("written") and not getattr(stop, "written", False):
            raise Interrupted(written=True) from None
        raise


@contextlib.contextmanager
def signals_held() -> Iterator[list[int]]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block ends (main thread only: elsewhere Python
    delivers no signal anyway). Yields the signals that arrived meanwhile."""
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = {s: signal.signal(s, lambda signum, _frame: held.append(signum)) for s in _HELD}
    try:
        yield held
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def reason(exc: OSError) -> str:
    text = exc.strerror or type(exc).__name__
    if exc.filename:
        text += f": {shown(Path(os.fsdecode(exc.filename)))}"
    return text


def shown(path: Path) -> str:
    """A path as printed: control and invisible characters escaped."""
    return printable(str(path))
