"""Write a build's outputs so that nothing is ever lost.

Every file is staged first; only when all are written are they moved into place, the previous
versions kept aside until the last move succeeded and put back if any move fails. deck overwrites or
removes only files its previous build wrote and nobody changed since (the manifest has their sha256).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deck.errors import OutputError

MANIFEST = "manifest.json"
STAGING_PREFIX = ".deck-staging-"


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder; a second one stops with a message."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / ".deck.lock", "w")  # noqa: SIM115
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the output folder ({exc.strerror})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise OutputError(f"{out}: another deck build is writing to this folder; wait for it to finish") from None
    try:
        _remove_stale_staging(out)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def sha256(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def write_outputs(out: Path, files: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, Any]:
    """Stage every file, then move them all into ``out``; returns the manifest as written."""
    previous = _previous_files(out)
    manifest = dict(
        manifest,
        files=[{"path": name, "sha256": sha256(blob), "bytes": len(blob)} for name, blob in sorted(files.items())],
    )
    everything = dict(files)
    everything[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    _refuse_foreign(out, everything, previous)
    stale = [name for name in previous if name not in everything and (out / name).is_file()]
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the output folder ({exc.strerror})") from None
    try:
        for name, blob in everything.items():
            target = staging / "new" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        _swap(out, staging, list(everything), stale)
    except OSError as exc:
        raise OutputError(
            f"{out}: writing the outputs failed ({exc.strerror}: {exc.filename}); the previous outputs are as they were"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _swap(out: Path, staging: Path, names: list[str], stale: list[str]) -> None:
    """Move old files aside, new ones in; on any failure (or interruption) put the old ones back."""
    aside = staging / "old"
    moved_aside: list[str] = []
    placed: list[str] = []
    try:
        for name in [n for n in names if (out / n).exists()] + stale:
            (aside / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(out / name, aside / name)
            moved_aside.append(name)
        for name in names:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / "new" / name, out / name)
            placed.append(name)
    except BaseException:
        for name in placed:
            with contextlib.suppress(OSError):
                (out / name).unlink()
        for name in moved_aside:
            with contextlib.suppress(OSError):
                os.replace(aside / name, out / name)
        raise
    for folder in {(out / name).parent for name in stale}:
        with contextlib.suppress(OSError):
            if folder != out and not any(folder.iterdir()):
                folder.rmdir()


def _refuse_foreign(out: Path, files: dict[str, bytes], previous: dict[str, str]) -> None:
    """Stop before overwriting a file deck did not write, or one changed since it wrote it."""
    problems = []
    for name, blob in files.items():
        target = out / name
        if not target.exists():
            continue
        if target.is_dir() or target.is_symlink():
            problems.append(f"{target} is in the way (a folder or a link)")
            continue
        current = sha256(target.read_bytes())
        if name == MANIFEST and not previous:
            problems.append(f"{target} was not written by deck")
        elif name != MANIFEST and current != sha256(blob) and current != previous.get(name):
            why = "was changed since deck wrote it" if name in previous else "was not written by deck"
            problems.append(f"{target} {why}")
    if problems:
        raise OutputError("; ".join(problems) + "; move it away (or choose another --out) so nothing is lost")


def _previous_files(out: Path) -> dict[str, str]:
    """Files the last build wrote, with their sha256, from its manifest."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        entries = {e["path"]: e["sha256"] for e in data["files"]}
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    return {
        n: h
        for n, h in entries.items()
        if isinstance(n, str) and isinstance(h, str) and ".." not in Path(n).parts and not Path(n).is_absolute()
    }


def _remove_stale_staging(out: Path) -> None:
    """Staging folders an interrupted build left behind (only deck's own)."""
    for folder in out.glob(STAGING_PREFIX + "*"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
