"""Write a build's outputs so that nothing is ever lost.

The protocol, in order:

1. Every new file is written into a staging folder inside the output folder and synced to disk.
2. A journal (``.deck-journal.json``) records every move about to be made: each path, the sha256
   of the file now in place (``old``) and of the file that replaces it (``new``). It is written
   atomically and synced before the first move.
3. Old files are moved aside into the staging folder (each checked against its sha256 once it is
   there), then new files are moved in. Ctrl-C and SIGTERM are held back meanwhile.
4. The journal is marked ``done``: from that instant the new set is the outputs. The staging folder
   and the journal are then removed.

Whatever stops the process (an error, Ctrl-C, SIGKILL, a power cut), the folder holds the
complete old set or the complete new set once the journal is replayed: the next build (or
``deck recover``) rolls back an unfinished swap and completes a finished one, before anything else.

deck replaces or removes only files its own previous build wrote and nobody changed since: the
previous manifest must carry deck's signature (an HMAC with a key of this user's), its paths must
stay inside the folder without following links, and every file is checked against its sha256
before it is moved. Anything else is the user's and is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from deck.errors import Interrupted, OutputError
from deck.output.disk import (
    file_sha,
    inside,
    reason,
    safe_name,
    shown,
    signals_held,
    sync_dirs,
    sync_tree,
    write_file,
)
from deck.output.previous import previous_files
from deck.output.recovery import (
    STAGING_MARK,
    STAGING_PREFIX,
    clear_part,
    finish,
    recover,
    remove_stale_staging,
    roll_back,
    write_journal,
)
from deck.output.signature import SIGNATURE, sign

MANIFEST = "manifest.json"
LOCK = ".deck.lock"


@dataclass
class Written:
    """What a write did, beyond writing the new set."""

    manifest: dict[str, Any]
    kept: list[str] = field(default_factory=list)  # outputs no longer made, kept because they were edited
    removed: list[str] = field(default_factory=list)  # outputs no longer made, removed
    set_aside: list[tuple[str, str]] = field(default_factory=list)  # edited outputs moved aside: (from, to)


# ---------------------------------------------------------------------------------------------
# The lock


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[str]:
    """One build at a time per output folder. Replays an interrupted earlier write first and
    yields what it did ("" when there was nothing to do)."""
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(f"{shown(out)} is not a folder; choose another --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{shown(out)}: cannot create the output folder ({reason(exc)})") from None
    flags = os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(out / LOCK, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                f"{shown(out / LOCK)} is a link; deck's lock file is never a link: remove it and build again"
            ) from None
        raise OutputError(f"{shown(out)}: cannot write the output folder ({reason(exc)})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"{shown(out / LOCK)} is not a regular file; remove it and build again")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                f"{shown(out)}: another deck build is writing to this folder; wait for it to finish"
            ) from None
        recovered = recover(out)
        clear_part(out)  # a journal being written when the process stopped
        remove_stale_staging(out)
        yield recovered
    finally:
        os.close(fd)  # closing releases the lock; the file itself is never written to


# ---------------------------------------------------------------------------------------------
# Writing


def sha256(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def write_outputs(out: Path, files: dict[str, bytes], manifest: dict[str, Any], keep_edited: bool = False) -> Written:
    """Stage every file, then swap them all into ``out`` under the journal. Call inside
    :func:`output_lock`. With ``keep_edited``, an output edited since deck wrote it is moved aside
    (``deck.edited-20261129-101500.pptx``, beside the new one) instead of stopping the build."""
    for name in files:
        if not safe_name(name):
            raise OutputError(f"{name!r} is not a path inside the output folder")  # deck's own names: a bug
    previous = previous_files(out)
    manifest = dict(
        manifest,
        files=[{"path": name, "sha256": sha256(blob), "bytes": len(blob)} for name, blob in sorted(files.items())],
    )
    manifest.pop(SIGNATURE, None)
    manifest[SIGNATURE] = sign(manifest)
    everything = dict(files)
    everything[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()

    entries, kept, removed, problems = _plan(out, everything, previous, keep_edited)
    if problems:
        raise OutputError(
            "; ".join(problems)
            + "; move it away (or choose another --out): deck never overwrites what it did not write"
        )
    result = Written(manifest, kept, removed, [(e["path"], e["keep"]) for e in entries if "keep" in e])
    if not entries:
        return result  # every output is already in place, byte for byte
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise OutputError(
            f"{shown(out)}: cannot write the output folder ({reason(exc)}); the previous outputs are as they were"
        ) from None
    try:
        write_file(staging / STAGING_MARK, b"a deck build's staging folder; deck removes it\n")
        for entry in entries:
            if entry["new"] is not None:
                write_file(staging / "new" / entry["path"], everything[entry["path"]])
        sync_tree(staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            f"{shown(out)}: writing the outputs failed ({reason(exc)}); the previous outputs are as they were"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(out, staging, entries)
    return result


def _plan(
    out: Path, files: dict[str, bytes], previous: dict[str, str], keep_edited: bool = False
) -> tuple[list[dict[str, Any]], list[str], list[str], list[str]]:
    """The moves that turn the folder's outputs into ``files``, or the files in the way."""
    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in sorted(files, key=lambda n: (n == MANIFEST, n)):  # the manifest moves in last
        target = out / name
        state = inside(out, name)
        if state == "blocked":
            problems.append(f"{shown(target)} is in the way (a link, or a file where a folder should be)")
            continue
        new = sha256(files[name])
        if state == "absent":
            entries.append({"path": name, "old": None, "new": new})
            continue
        current = file_sha(target)
        if current is None:  # a file deck cannot read: it cannot know whose it is
            problems.append(f"{shown(target)} cannot be read, so deck cannot tell whether it wrote it")
            continue
        if current == new:
            continue  # already in place: its bytes and date stay as they are
        if name == MANIFEST and not previous and current is not None:
            problems.append(f"{shown(target)} was not written by deck (or not by this user)")
        elif name != MANIFEST and current != previous.get(name):
            if name in previous and keep_edited and current is not None:
                entries.append({"path": name, "old": current, "new": new, "keep": _aside(out, name, stamp)})
                continue
            why = "was changed since deck wrote it" if name in previous else "was not written by deck"
            hint = " (--keep-edited moves it aside and builds)" if name in previous else ""
            problems.append(f"{shown(target)} {why}{hint}")
        else:
            entries.append({"path": name, "old": current, "new": new})
    kept: list[str] = []
    removed: list[str] = []
    for name, recorded in sorted(previous.items()):
        if name in files or name == MANIFEST or inside(out, name) != "file":
            continue
        if file_sha(out / name) == recorded:
            entries.append({"path": name, "old": recorded, "new": None})
            removed.append(name)
        else:
            kept.append(name)
    return entries, kept, removed, problems


def _aside(out: Path, name: str, stamp: str) -> str:
    """A free name beside ``name`` for the user's edited copy: ``png/01-a.edited-20261129-101500.png``."""
    path = PurePosixPath(name)
    for n in range(1, 1000):
        candidate = str(path.with_name(f"{path.stem}.edited-{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}"))
        if not os.path.lexists(out / candidate):
            return candidate
    raise OutputError(f"{shown(out / name)}: too many edited copies beside it; move some away")


def _swap(out: Path, staging: Path, entries: list[dict[str, Any]]) -> None:
    """Record the moves, make them, mark them done; roll back on any failure."""
    journal = {"deck-journal": 1, "staging": staging.name, "state": "moving", "entries": entries}
    with signals_held() as held:
        try:
            write_journal(out, journal)
            for entry in entries:
                if entry["old"] is not None:
                    aside = out / entry["keep"] if "keep" in entry else staging / "old" / entry["path"]
                    aside.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(out / entry["path"], aside)
                    if file_sha(aside) != entry["old"]:  # changed between the check and the move
                        raise OutputError(f"{shown(out / entry['path'])} was changed while deck was writing")
            for entry in entries:
                if entry["new"] is not None:
                    target = out / entry["path"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(staging / "new" / entry["path"], target)
            sync_dirs(out, entries)
            write_journal(out, dict(journal, state="done"))
        except BaseException as exc:
            try:
                roll_back(out, journal)
            except OutputError as failed:
                raise OutputError(f"{failed}; the interrupted write is recorded: run `deck recover`") from None
            except OSError as failed:
                raise OutputError(
                    f"{shown(out)}: writing the outputs failed ({reason(failed)}) and so did putting the previous "
                    f"ones back; the interrupted write is recorded: run `deck recover` {shown(out)}"
                ) from None
            if isinstance(exc, OutputError):
                raise OutputError(f"{exc}; the previous outputs are as they were") from None
            if isinstance(exc, OSError):
                raise OutputError(
                    f"{shown(out)}: writing the outputs failed ({reason(exc)}); the previous outputs are as they were"
                ) from None
            raise
        finish(out, journal)
    if held:
        raise Interrupted(written=True)


# ---------------------------------------------------------------------------------------------
# Recovery


# ---------------------------------------------------------------------------------------------
# What is on disk
