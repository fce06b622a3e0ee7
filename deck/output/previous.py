"""What the previous build in an output folder wrote, as far as its signed manifest can be trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from deck.output.disk import LARGEST, inside, safe_name
from deck.output.signature import signed

MANIFEST = "manifest.json"
# a manifest lists every slide, image and figure: about three times its data file, twice that
# with the changes since a build of another study; data files go up to 32 MB
# (``inputs.source.MAX_BYTES``): a larger file is not read, never deck's
MANIFEST_LARGEST = 320_000_000


def previous_manifest(out: Path) -> dict[str, Any] | None:
    """The previous build's manifest, when it carries this user's signature (else None)."""
    path = out / MANIFEST
    try:
        if inside(out, MANIFEST) != "file" or path.stat().st_size > MANIFEST_LARGEST:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and signed(data) else None


def read_output(out: Path, name: str, sha: str) -> bytes | None:
    """An output's bytes, when the file is still the one deck wrote (its sha256), else None."""
    if not safe_name(name) or inside(out, name) != "file":
        return None
    try:
        blob = (out / name).read_bytes() if (out / name).stat().st_size < LARGEST else b""
    except OSError:
        return None
    return blob if hashlib.sha256(blob).hexdigest() == sha else None


def previous_files(out: Path) -> dict[str, str]:
    """Files the last build wrote, with their sha256, from its manifest: only when the manifest
    carries this user's signature and every path stays inside the folder."""
    data = previous_manifest(out)
    try:
        entries = {e["path"]: e["sha256"] for e in data["files"]} if data else {}
    except (TypeError, KeyError, AttributeError):
        return {}
    return {n: h for n, h in entries.items() if isinstance(n, str) and isinstance(h, str) and safe_name(n)}
