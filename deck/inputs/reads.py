"""The bytes each input file had when the build read them: the next build compares the files with
these (a file saved while a build runs is then seen as changed, never as built)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_READ: dict[str, str] = {}  # a file's path as the build opened it (links not followed) → sha256 of its bytes


def begin() -> None:
    """A new set of inputs is about to be read."""
    _READ.clear()


def note(path: Path, data: bytes) -> None:
    """``data`` is what was read from ``path``."""
    _READ[os.path.abspath(path)] = hashlib.sha256(data).hexdigest()


def read() -> dict[str, str]:
    """Every file read since :func:`begin`, with the sha256 of what was read."""
    return dict(_READ)
