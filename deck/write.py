"""Write a build's outputs: all files staged first, moved into place only when all succeeded."""

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
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def sha256(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def write_outputs(out: Path, files: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, Any]:
    """Stage every file, then move each into ``out``; the manifest goes last.

    Files a previous build listed in its manifest and this build no longer makes are removed;
    nothing else in ``out`` is touched. Returns the manifest as written, with its file list.
    """
    previous = _previous_files(out)
    manifest = dict(
        manifest,
        files=[{"path": name, "sha256": sha256(blob), "bytes": len(blob)} for name, blob in sorted(files.items())],
    )
    everything = dict(files)
    everything[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    try:
        staging = Path(tempfile.mkdtemp(prefix=".deck-staging-", dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the output folder ({exc.strerror})") from None
    try:
        for name, blob in everything.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        for name in everything:
            final = out / name
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, final)
    except OSError as exc:
        raise OutputError(
            f"{out}: writing the outputs failed ({exc.strerror}); the previous outputs were left as they were"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name in previous - set(everything):
        with contextlib.suppress(OSError):
            (out / name).unlink()
    return manifest


def _previous_files(out: Path) -> set[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        names = {entry["path"] for entry in data.get("files", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()
    return {n for n in names if isinstance(n, str) and ".." not in Path(n).parts and not Path(n).is_absolute()}
