"""What a build read, recorded in its manifest, so that the next build can tell at once that
nothing changed: the same data, layout, tables and pictures (by sha256), the same options, the
same deck (its code and font files) and the same libraries. Then the outputs on disk are checked
against the manifest and kept as they are, without loading or composing anything."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from deck.errors import Problem

LIBRARIES = ("python-pptx", "Pillow", "babel", "lxml", "pydantic", "PyYAML", "openpyxl", "fonttools", "pyoxipng")


@functools.cache
def deck_key() -> str:
    """deck's code and font files, and the versions of the libraries that shape its outputs."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*")):
        if source.suffix in (".py", ".ttf", ".yaml", ".json") and "__pycache__" not in source.parts:
            digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    found = installed()
    for library in LIBRARIES:
        digest.update(f"{library}={found.get(normal(library), '-')}".encode())
    return digest.hexdigest()


def installed() -> dict[str, str]:
    """The version of every distribution installed, by normalized name, the first found along the
    import path: what ``importlib.metadata.version`` says, read from the names of the metadata
    folders (importing that module costs a twentieth of building a small deck)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            stem = name.removesuffix(".dist-info").removesuffix(".egg-info")
            if stem != name and "-" in stem:
                dist, version = stem.split("-")[:2]
                found.setdefault(normal(dist), version)
    return found


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def options_key(data: Path, layout: Path | None, options: dict[str, Any]) -> str:
    """The build asked for: which files, with which options."""
    parts = [str(data.resolve()), str(layout.resolve()) if layout else "", repr(sorted(options.items())), deck_key()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def record(key: str, files: dict[str, str], warnings: tuple[Problem, ...]) -> dict[str, Any]:
    """The manifest's ``inputs``: the request, every file read (by the path it was opened as, with
    the sha256 of the bytes the build read, not of what the file holds by now), and the warnings
    it gave (their files as absolute paths: they are shown again from any folder)."""

    def shown(warning: Problem) -> dict[str, Any]:
        fields = asdict(warning)
        fields["key"] = list(warning.key)
        fields["file"] = os.path.abspath(warning.file) if warning.file else None
        return fields

    return {"key": key, "files": dict(sorted(files.items())), "warnings": [shown(w) for w in warnings]}


def unchanged(recorded: Any, key: str) -> bool:
    """Whether a build with ``key`` would read exactly what the recorded one read."""
    if not isinstance(recorded, dict) or recorded.get("key") != key or not isinstance(recorded.get("files"), dict):
        return False
    return all(isinstance(name, str) and _sha(Path(name)) == sha for name, sha in recorded["files"].items())


def warnings_of(recorded: dict[str, Any]) -> tuple[Problem, ...]:
    found = []
    for item in recorded.get("warnings") or []:
        if isinstance(item, dict):
            try:
                fields = dict(item, key=tuple(item.get("key") or ()))
                fields["file"] = _relative(fields["file"]) if fields.get("file") else None
                found.append(Problem(**fields))
            except TypeError:
                return ()
    return tuple(found)


def _relative(name: str) -> Path:
    """A recorded absolute path as a full build would show it from here: relative when below."""
    relative = os.path.relpath(name)
    return Path(name if relative.startswith("..") else relative)


def unchanged_build(out: Path, request: str) -> dict[str, Any] | None:
    """The previous build's manifest when it read exactly what a build with ``request`` would and
    its outputs are as it wrote them (then marked "no change"); None when anything differs."""
    from deck.errors import Interrupted
    from deck.output.disk import signals_held, told_truly
    from deck.output.previous import previous_manifest, read_output
    from deck.output.signature import SIGNATURE
    from deck.output.write import output_lock, write_outputs

    if not out.is_dir():
        return None
    state = {"written": False}
    with told_truly(state), output_lock(out) as recovered:
        previous = previous_manifest(out)
        if recovered or not previous or not unchanged(previous.get("inputs"), request):
            return None
        files: dict[str, bytes] = {}
        for entry in previous.get("files", []):
            blob = read_output(out, entry.get("path", ""), entry.get("sha256", ""))
            if blob is None:
                return None
            files[entry["path"]] = blob
        if previous.get("changes") == []:
            return previous
        manifest = {k: v for k, v in previous.items() if k not in ("files", SIGNATURE)}
        manifest["changes"] = []  # the outputs stay as they are; the manifest records "no change"
        with signals_held() as held:
            written = write_outputs(out, files, manifest).manifest
            state["written"] = True
        if held:
            raise Interrupted(written=True)
        return written
