"""Files a layout spec points to (a logo): resolved next to the spec, checked before use."""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from deck.errors import Problem
from deck.inputs import reads
from deck.inputs.source import Key, SourceMap

MAX_BYTES = 5_000_000
MAX_PIXELS = 25_000_000
MAX_SCANS = 100  # progressive JPEG scans; each one is a pass over the whole picture
_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


@dataclass(frozen=True)
class Picture:
    path: Path
    width: int
    height: int


def check_picture(name: str, base: Path, src: SourceMap, key: Key) -> tuple[Picture | None, list[Problem]]:
    """The picture ``name`` (relative to ``base``), if it is a real PNG or JPEG of a sane size."""

    def fail(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [src.problem(key, message, hint)]

    if "\x00" in name:
        return fail("the file name has a NUL character", "give the picture's real file name")
    suffix = Path(name).suffix.lower()
    if suffix not in _SIGNATURES:
        return fail(f"'{name}' is not a .png, .jpg or .jpeg file", "use a PNG or JPEG picture")
    try:
        path = (base / name).resolve(strict=True)
        info = path.stat()
    except FileNotFoundError:
        return fail(f"file not found: {base / name}", "give a path relative to the layout file")
    except (OSError, RuntimeError) as exc:  # a name too long, a loop of links, no permission
        reason = getattr(exc, "strerror", None) or "a loop of links"
        return fail(f"'{name}' cannot be opened ({reason})", "give the path of a PNG or JPEG file")
    if not stat.S_ISREG(info.st_mode):
        return fail(f"'{name}' is not a regular file (a folder, a device or a pipe)", "give the path of a picture")
    if info.st_size > MAX_BYTES:
        return fail(f"'{name}' is {info.st_size:,} bytes, more than {MAX_BYTES:,}", "use a smaller picture")
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return fail(f"'{name}' cannot be read ({exc.strerror})", "check the file")
    if not head.startswith(_SIGNATURES[suffix]):
        return fail(
            f"'{name}' is not a {suffix[1:].upper()} file (its content says otherwise)",
            "export the picture again in the format its name says",
        )
    if suffix in (".jpg", ".jpeg"):
        try:
            scans = path.read_bytes().count(b"\xff\xda")  # a marker: entropy-coded data never holds FF DA
        except OSError as exc:
            return fail(f"'{name}' cannot be read ({exc.strerror})", "check the file")
        if scans > MAX_SCANS:
            return fail(
                f"'{name}' is a JPEG of {scans:,} scans (a photo has at most a dozen); decoding it would take minutes",
                "export the picture again as a baseline JPEG or a PNG",
            )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(f"'{name}' cannot be read ({exc.strerror})", "check the file")
    reads.note(base / name, raw)  # as named: a link pointed elsewhere later is a change
    try:
        with Image.open(io.BytesIO(raw)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return fail(f"'{name}' is {width} × {height} pixels, more than {MAX_PIXELS:,}", "use a smaller picture")
            image.load()  # every pixel decoded once: broken image data is found here, not in the build
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return fail(f"'{name}' cannot be read as a picture ({exc})", "export the picture again")
    return Picture(path, width, height), []
