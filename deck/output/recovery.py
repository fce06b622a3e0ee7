"""Replaying the journal of a write that was stopped: roll it back when the files before it can all
be put back, complete it when they cannot but its own files are whole; never delete what cannot be
replaced. Each step looks at what is on disk, so recovery can itself be stopped and run again."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from deck.errors import Interrupted, OutputError
from deck.output.disk import file_sha, fsync_dir, inside, safe_name, shown, signals_held, sync_dirs, write_file
from deck.output.signature import SIGNATURE, sign, signed

JOURNAL = ".deck-journal.json"
STAGING_PREFIX = ".deck-staging-"
STAGING_MARK = ".deck-staging"  # inside every staging folder: deck removes only folders that carry it


def recover(out: Path) -> str:
    """Replay an interrupted write: roll back one that had not finished, complete one that had.
    Returns what was done ("" when there was nothing to do)."""
    path = out / JOURNAL
    if not path.exists() and not path.is_symlink():
        return ""
    journal = _read_journal(out)
    with signals_held() as held:
        if journal["state"] == "done":
            finish(out, journal)
            what = "the previous build had been interrupted after its outputs were in place; its clean-up is done"
        elif _possible(out, journal, "old"):
            roll_back(out, journal)
            what = "the previous build had been interrupted while moving its outputs in; the outputs before it are back"
        elif _possible(out, journal, "new"):  # the copies of the old files are gone: the new set is whole
            _roll_forward(out, journal)
            what = (
                "the previous build had been interrupted while moving its outputs in, and the copies of the "
                "outputs before it are gone (was its staging folder deleted?); its own outputs are complete and "
                "in place"
            )
        else:
            raise OutputError(
                f"{shown(out)}: an interrupted build left neither its outputs nor the ones before it whole "
                f"(files were removed from {shown(out / journal['staging'])}); the journal {shown(out / JOURNAL)} "
                "lists every file: check them by hand, then delete the journal"
            )
    if held:
        raise Interrupted(written=False)
    return what


def _read_journal(out: Path) -> dict[str, Any]:
    path = out / JOURNAL
    damaged = OutputError(
        f"{shown(path)} is damaged or not deck's; the outputs of an interrupted build may be in "
        f"{shown(out)}/{STAGING_PREFIX}*: check them by hand, then delete the journal"
    )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > 50_000_000:
                raise damaged
            journal = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        raise damaged from None
    if not isinstance(journal, dict) or not signed(journal):  # written by deck, for this user
        raise damaged
    staging = out / str(journal.get("staging", ""))
    if staging.is_symlink() or (os.path.lexists(staging) and not staging.is_dir()):
        raise damaged
    if not (
        isinstance(journal, dict)
        and journal.get("deck-journal") == 1
        and journal.get("state") in ("moving", "done")
        and isinstance(journal.get("staging"), str)
        and journal["staging"].startswith(STAGING_PREFIX)
        and "/" not in journal["staging"]
        and isinstance(journal.get("entries"), list)
        and all(
            isinstance(e, dict)
            and isinstance(e.get("path"), str)
            and safe_name(e["path"])
            and all(e.get(k) is None or isinstance(e.get(k), str) for k in ("old", "new"))
            and ("keep" not in e or (isinstance(e["keep"], str) and safe_name(e["keep"])))
            for e in journal["entries"]
        )
    ):
        raise damaged
    return journal


def _possible(out: Path, journal: dict[str, Any], side: str) -> bool:
    """Every file of one side ("old" or "new") is in place or in the staging folder, intact."""
    staging = out / journal["staging"]
    for entry in journal["entries"]:
        want = entry[side]
        if want is None:
            continue
        spare = out / entry["keep"] if side == "old" and "keep" in entry else staging / side / entry["path"]
        if file_sha(out / entry["path"]) != want and file_sha(spare) != want:
            return False
    return True


def roll_back(out: Path, journal: dict[str, Any]) -> None:
    """Put the old set back. Each step looks at what is on disk, so it can run again after any
    interruption of itself."""
    staging = out / journal["staging"]
    stuck: list[str] = []
    for entry in reversed(journal["entries"]):
        target = out / entry["path"]
        new_copy = staging / "new" / entry["path"]
        old_copy = out / entry["keep"] if "keep" in entry else staging / "old" / entry["path"]
        if (
            entry["new"] is not None
            and inside(out, entry["path"]) == "file"
            and not new_copy.exists()
            and file_sha(target) == entry["new"]
        ):
            new_copy.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, new_copy)
        back = entry["old"] is not None and old_copy.is_file() and not old_copy.is_symlink()
        if back and "keep" in entry and file_sha(old_copy) != entry["old"]:
            back = False  # not the copy this write set aside: leave it
        if back:
            if os.path.lexists(target) or inside(out, entry["path"]) == "blocked":
                stuck.append(entry["path"])
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old_copy, target)
    sync_dirs(out, journal["entries"])
    if stuck:
        raise OutputError(
            f"cannot put back {', '.join(shown(out / p) for p in stuck)}: another file took its place; "
            f"the previous version is in {shown(staging / 'old')}"
        )
    finish(out, journal)


def _roll_forward(out: Path, journal: dict[str, Any]) -> None:
    """Complete the swap from the staging folder's new files (when the old copies are gone)."""
    staging = out / journal["staging"]
    for entry in journal["entries"]:
        target = out / entry["path"]
        current = file_sha(target)
        if entry["new"] is None:
            if current is not None and current == entry["old"]:
                os.unlink(target)
            continue
        if current == entry["new"]:
            continue
        if current is not None and current != entry["old"]:
            raise OutputError(f"{shown(target)} changed while deck was recovering; nothing more was moved")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "new" / entry["path"], target)
    sync_dirs(out, journal["entries"])
    write_journal(out, dict(journal, state="done"))
    finish(out, journal)


def finish(out: Path, journal: dict[str, Any]) -> None:
    """Clean up after a swap that is complete either way. A failure here loses nothing: the journal
    stays and the next build finishes the clean-up."""
    staging = out / journal["staging"]
    with contextlib.suppress(OSError):
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging)
        for folder in sorted({(out / e["path"]).parent for e in journal["entries"]}, key=lambda p: -len(p.parts)):
            if folder != out and not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / JOURNAL)
        fsync_dir(out)


def remove_stale_staging(out: Path) -> None:
    """Staging folders a build stopped before its journal left behind (deck's own only)."""
    for folder in out.glob(STAGING_PREFIX + "*"):
        if folder.is_symlink() or not folder.is_dir():
            continue
        if (folder / STAGING_MARK).is_file() or not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)


def write_journal(out: Path, journal: dict[str, Any]) -> None:
    """Atomically: a new journal is complete or absent, never half-written."""
    part = out / (JOURNAL + ".part")
    clear_part(out)
    journal = {k: v for k, v in journal.items() if k != SIGNATURE}
    journal[SIGNATURE] = sign(journal)
    write_file(part, json.dumps(journal, ensure_ascii=False).encode())
    os.replace(part, out / JOURNAL)
    fsync_dir(out)


def clear_part(out: Path) -> None:
    """Remove a journal that was being written when a process stopped (deck's own file only)."""
    part = out / (JOURNAL + ".part")
    try:
        mode = os.lstat(part).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{shown(part)} cannot be checked ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise OutputError(f"{shown(part)} is in the way (deck's own name, but not a file): remove it and build again")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(part)
