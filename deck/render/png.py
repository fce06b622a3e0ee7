"""PNG backend: draws a scene with Pillow and the package's font files.

Text is drawn by FreeType through Pillow, with the same font files that measured it, glyph by
glyph at the advances the layout measured (so a line drawn is as wide as the line laid out). Shapes are antialiased:
straight-edged rectangles by their exact pixel coverage, rounded rectangles and polygons on a mask
drawn at four times the size and reduced. Identical input gives identical bytes.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import struct
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, assert_never

from PIL import Image, ImageChops, ImageDraw, ImageFont

from deck.parallel import Started
from deck.scene import Bitmap, Box, Chart, Element, Group, Poly, Rect, Scene, Text
from deck.typesetting import metrics as tx

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SUPERSAMPLE = 4  # mask resolution for curved and slanted edges: 17 levels of coverage
_PHASES = 4  # glyphs are placed to a quarter of a pixel


def render_png(scene: Scene, scale: float) -> bytes:
    """The scene as PNG bytes, ``scale`` pixels per point: RGB (every deck image is opaque), or a
    palette image when it has 256 colours or fewer (exactly the same pixels, smaller file)."""
    size = (round(scene.width * scale), round(scene.height * scale))
    canvas = Image.new("RGB", size, _rgb(scene.background))
    painter = _Painter(canvas, scale)
    for element in scene.elements:
        painter.draw(element)
    return encode(canvas)


def render_many(tasks: list[tuple[Scene, float]], workers: int = 1, optimize: bool = False) -> list[bytes]:
    """Each (scene, scale) as PNG bytes, in order, drawn by up to ``workers`` processes (see
    :mod:`deck.parallel`). ``optimize`` compresses them harder afterwards, here (oxipng uses every
    core by itself, and is never run in a forked worker)."""
    with start_drawing(tasks, workers, optimize) as drawing:
        return drawing.results()


class Drawing:
    """Images being drawn by forked workers while the build goes on; ``results()`` waits for them.
    The workers find the tasks in their copy of this process (nothing is sent but their numbers),
    a few at a time in a large batch."""

    def __init__(self, tasks: list[Any], workers: int, optimize: bool) -> None:
        # the largest images first, so that the last one to finish is a small one
        self.order = sorted(range(len(tasks)), key=lambda i: -tasks[i][0].width * tasks[i][0].height * tasks[i][1] ** 2)
        self.token = next(_TOKENS)
        _DRAWINGS[self.token] = [tasks[i] for i in self.order]
        batches = [(self.token, indices) for indices in _batches(len(tasks), workers)]
        try:
            self.started = Started(_render_batch, batches, workers)
        except BaseException:  # interrupted while the workers start: the tasks are not kept
            _DRAWINGS.pop(self.token, None)
            raise
        self.optimize = optimize

    def results(self) -> list[bytes]:
        made = [blob for batch in self.started.results() for blob in batch]
        _DRAWINGS.pop(self.token, None)
        drawn = dict(zip(self.order, made))
        blobs = [drawn[i] for i in range(len(self.order))]
        return [optimized(blob) if self.optimize and blob[:4] == b"\x89PNG" else blob for blob in blobs]

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.started.__exit__(*exc)
        finally:
            _DRAWINGS.pop(self.token, None)


_DRAWINGS: dict[int, list[Any]] = {}  # each drawing's tasks, which the workers it forks find here
_TOKENS = itertools.count()


def _batches(count: int, workers: int) -> list[range]:
    """``count`` tasks in batches that shrink as they go: a quarter of a worker's share of what is
    left each time, down to one task, so that the workers finish together (and few batches travel)."""
    out, start = [], 0
    while start < count:
        size = max(1, (count - start) // (4 * max(workers, 1)))
        out.append(range(start, start + size))
        start += size
    return out


def _render_batch(batch: tuple[int, range]) -> list[bytes]:
    token, indices = batch
    tasks = _DRAWINGS[token]
    return [_render_task(tasks[i]) for i in indices]


def start_drawing(tasks: list[Any], workers: int = 1, optimize: bool = False) -> Drawing:
    """The images begun now on up to ``workers`` processes, collected with ``results()``: each task
    a scene and its pixels per point, and ``"svg"`` third for an SVG."""
    return Drawing(tasks, workers, optimize)


def optimized(blob: bytes) -> bytes:
    """The same pixels in fewer bytes (oxipng), without metadata."""
    import oxipng

    return oxipng.optimize_from_memory(blob, level=2, strip=oxipng.StripChunks.all())


def _render_task(task: tuple[Scene, float] | tuple[Scene, float, str]) -> bytes:
    """A PNG, or an SVG when the task says ``"svg"``."""
    if len(task) > 2 and task[2] == "svg":
        from deck.render.svg import render_svg

        return render_svg(task[0], task[1])
    return render_png(task[0], task[1])


def encode(image: Image.Image) -> bytes:
    """Lossless PNG bytes without metadata: a palette when the colours fit in one, else RGB rows
    left unfiltered (flat colours and sharp text compress better so, and faster, than with the
    adaptive filters of a general encoder)."""
    colours = image.getcolors(256)
    if colours is not None:
        palette = Image.new("P", (1, 1))
        flat: list[int] = []
        for _, colour in sorted(colours, key=lambda c: (-c[0], c[1])):
            flat += colour  # type: ignore[arg-type]
        palette.putpalette(flat)
        indexed = image.quantize(palette=palette, dither=Image.Dither.NONE)
        if indexed.convert("RGB").tobytes() == image.tobytes():
            buffer = io.BytesIO()
            indexed.save(buffer, "PNG", compress_level=9)
            return buffer.getvalue()
    width, height = image.size
    pixels, stride = memoryview(image.tobytes()), width * 3
    rows = b"\0".join([b"", *(pixels[y * stride : (y + 1) * stride] for y in range(height))])  # filter 0 first
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no interlace
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", deflate(rows)) + _chunk(b"IEND", b"")


LEVEL = 3  # the last of zlib's fast levels: the example's rows in 106 ms (level 6: 248 ms), 14 % larger
PIECE = 4_000_000  # bytes of rows compressed on a thread of their own, in a large image (a poster)
MAX_PIECES = 8


def deflate(data: bytes) -> bytes:
    """``data`` as one zlib stream. A large image's rows are compressed in pieces on as many
    threads (zlib lets other threads run meanwhile): each piece a deflate stream ending on a byte
    boundary, the last one final, so they follow one another as one stream, and one checksum
    covers them all. The pieces depend only on the size (not on the machine's cores), so the same
    rows give the same bytes anywhere."""
    count = min(len(data) // PIECE, MAX_PIECES)  # the same pieces on any machine
    if count < 2:
        return zlib.compress(data, LEVEL)
    from concurrent.futures import ThreadPoolExecutor

    size = -(-len(data) // count)
    pieces = [data[k : k + size] for k in range(0, len(data), size)]

    def squeeze(k: int) -> bytes:
        raw = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return raw.compress(pieces[k]) + raw.flush(zlib.Z_FINISH if k == len(pieces) - 1 else zlib.Z_SYNC_FLUSH)

    with ThreadPoolExecutor(min(len(pieces), os.cpu_count() or 1)) as pool:
        body = b"".join(pool.map(squeeze, range(len(pieces))))
    return zlib.compress(b"", LEVEL)[:2] + body + struct.pack(">I", zlib.adler32(data))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class _Painter:
    def __init__(self, canvas: Image.Image, scale: float) -> None:
        self.canvas, self.scale = canvas, scale
        self.draw_ = ImageDraw.Draw(canvas)

    def draw(self, element: Element) -> None:
        match element:
            case Rect():
                self._rect(element)
            case Poly():
                self._poly(element)
            case Text():
                self._text(element)
            case Chart():
                for mark in element.marks:
                    self.draw(mark)
            case Bitmap():
                self._bitmap(element)
            case Group():
                for child in element.elements:
                    self.draw(child)
            case _:
                assert_never(element)

    def _px(self, box: Box) -> tuple[float, float, float, float]:
        s = self.scale
        return box.x * s, box.y * s, box.right * s, box.bottom * s

    def _rect(self, el: Rect) -> None:
        x0, y0, x1, y1 = self._px(el.box)
        if el.radius <= 0:
            self._paste(_rgb(el.fill), *_rect_coverage(x0, y0, x1, y1, self.canvas.size))
            return
        radius = min(el.radius * self.scale, (x1 - x0) / 2, (y1 - y0) / 2)
        region = _region(x0, y0, x1, y1, self.canvas.size)
        if region is None:
            return
        left, top = region[0], region[1]
        mask, draw = _mask(region)
        k = SUPERSAMPLE
        draw.rounded_rectangle(
            ((x0 - left) * k, (y0 - top) * k, (x1 - left) * k - 1, (y1 - top) * k - 1), radius * k, fill=255
        )
        self._paste(_rgb(el.fill), region, mask.reduce(k))

    def _poly(self, el: Poly) -> None:
        s, k = self.scale, SUPERSAMPLE
        points = [(x * s, y * s) for x, y in el.points]
        half = el.stroke_width * s / 2 if el.stroke else 0.0
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        region = _region(min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half, self.canvas.size)
        if region is None:
            return
        left, top = region[0], region[1]
        local = [((x - left) * k, (y - top) * k) for x, y in points]
        mask, draw = _mask(region)
        draw.polygon(local, fill=255)
        self._paste(_rgb(el.fill), region, mask.reduce(k))
        if el.stroke and el.stroke_width > 0:
            mask, draw = _mask(region)
            draw.line(local + local[:1], fill=255, width=max(1, round(el.stroke_width * s * k)), joint="curve")
            self._paste(_rgb(el.stroke), region, mask.reduce(k))

    def _paste(self, colour: tuple[int, int, int], region: tuple[int, int, int, int] | None, mask: object) -> None:
        if region is not None:
            self.canvas.paste(colour, region, mask)  # type: ignore[arg-type]

    def _text(self, el: Text) -> None:
        s = self.scale
        lines = [line for para in el.lines for line in para]
        total = len(lines) * el.line_height
        b = el.box
        top = {"top": b.y, "middle": b.y + (b.h - total) / 2, "bottom": b.bottom - total}[el.anchor]
        pad = (el.line_height - el.size * (tx.ASCENT + tx.DESCENT)) / 2
        size = round(el.size * s * 64) / 64
        colour = _rgb(el.color)
        for i, line in enumerate(lines):
            baseline = top + i * el.line_height + pad + el.size * tx.ASCENT
            width = tx.width(line, el.face, el.size)
            x = {"left": b.x, "center": b.x + (b.w - width) / 2, "right": b.right - width}[el.align]
            self._line(line, el.face, size, x * s, round(baseline * s), colour)

    def _line(self, line: str, face: str, size: float, x: float, baseline: int, colour: tuple[int, int, int]) -> None:
        """Each glyph at the position the layout measured (the font's own advances, not rounded to
        whole pixels as hinted text would be), to a quarter of a pixel."""
        for char in line:
            if not char.isspace():
                left = math.floor(x)
                phase = round((x - left) * _PHASES)
                mask, dx, dy = _glyph(face, size, char, phase)
                if mask is not None:
                    self.draw_.bitmap((left + dx, baseline + dy), mask, fill=colour)
            x += tx.width(char, face, size)

    def _bitmap(self, el: Bitmap) -> None:
        x0, y0, x1, y1 = self._px(el.box)
        left, top = round(x0), round(y0)
        width, height = max(1, round(x1) - left), max(1, round(y1) - top)
        picture = _picture(Path(el.path), width, height)
        self.canvas.paste(picture, (left, top), picture)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _region(x0: float, y0: float, x1: float, y1: float, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The whole pixels a shape touches, inside the canvas."""
    left, top = max(0, math.floor(x0)), max(0, math.floor(y0))
    right, bottom = min(size[0], math.ceil(x1)), min(size[1], math.ceil(y1))
    return (left, top, right, bottom) if right > left and bottom > top else None


def _mask(region: tuple[int, int, int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    k = SUPERSAMPLE
    mask = Image.new("L", ((region[2] - region[0]) * k, (region[3] - region[1]) * k), 0)
    return mask, ImageDraw.Draw(mask)


def _rect_coverage(
    x0: float, y0: float, x1: float, y1: float, size: tuple[int, int]
) -> tuple[tuple[int, int, int, int] | None, Image.Image | None]:
    """A straight rectangle's mask: whole pixels inside, the share of each edge pixel it covers."""
    region = _region(x0, y0, x1, y1, size)
    if region is None:
        return None, None
    left, top, right, bottom = region
    columns = [_overlap(x0, x1, left + i) for i in range(right - left)]
    rows = [_overlap(y0, y1, top + j) for j in range(bottom - top)]
    mask = Image.new("L", (right - left, bottom - top), 255)
    if columns[0] < 1 or columns[-1] < 1 or rows[0] < 1 or rows[-1] < 1:
        column_mask = Image.new("L", (len(columns), 1))
        column_mask.putdata([round(255 * c) for c in columns])
        row_mask = Image.new("L", (1, len(rows)))
        row_mask.putdata([round(255 * r) for r in rows])
        nearest = Image.Resampling.NEAREST
        mask = ImageChops.multiply(column_mask.resize(mask.size, nearest), row_mask.resize(mask.size, nearest))
    return region, mask


def _overlap(start: float, end: float, pixel: int) -> float:
    return max(0.0, min(end, pixel + 1) - max(start, pixel))


@lru_cache(maxsize=32768)
def _glyph(face: str, size: float, char: str, phase: int) -> tuple[Image.Image | None, int, int]:
    """A glyph's coverage mask drawn ``phase`` quarters of a pixel right of a whole pixel, and where
    its top left corner lies from that pixel on the baseline."""
    font = _font(face, size)
    core, (dx, dy) = font.getmask2(char, mode="L", anchor="ls", start=(phase / _PHASES, 0))
    if not core.size[0] or not core.size[1]:
        return None, 0, 0
    return Image.Image()._new(core), dx, dy


@lru_cache(maxsize=64)
def _font(face: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(tx.font_path(face)), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8)
def _picture(path: Path, width: int, height: int) -> Image.Image:
    """A picture decoded once per size it is drawn at."""
    with Image.open(path) as picture:
        picture.draft("RGB", (width * 2, height * 2))  # JPEG: decode at a reduced scale
        rgba = picture.convert("RGBA")
    return rgba.resize((width, height), Image.Resampling.LANCZOS)
