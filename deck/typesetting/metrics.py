"""Text measured with the real font files: wrapping and fitting at build time.

Widths come from the font's advance widths (Pillow, basic layout, measured at a large size and
scaled), the same files the PNG backend draws with and metric-compatible with the font the deck
names. Only spaces break lines; no-break spaces keep "78 %" together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from deck.scene import quick

FONT_DIR = Path(__file__).parent / "fonts"
FACES = {"regular": "Carlito-Regular.ttf", "bold": "Carlito-Bold.ttf", "italic": "Carlito-Italic.ttf"}
_REF = 1000  # measuring size
WIDTH_SLACK = 0.95  # renderers wrap a little differently: keep 5 % of the width free
LINE = 1.15  # line height as a multiple of the font size
ASCENT, DESCENT = 0.75, 0.25  # Carlito's typographic ascent/descent per em


@cache
def _font(face: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FACES[face]), _REF, layout_engine=ImageFont.Layout.BASIC)


COVERAGE = FONT_DIR / "coverage.json"  # each face's characters as ranges, read from the fonts by font_coverage()


def font_coverage(face: str) -> list[list[int]]:
    """The characters a face has, as [first, last] ranges, read from the font file."""
    from fontTools.ttLib import TTFont  # only when the shipped table is missing or being made

    return code_ranges(TTFont(str(FONT_DIR / FACES[face]), lazy=True).getBestCmap())


def code_ranges(codes: Iterable[int]) -> list[list[int]]:
    """Code points as [first, last] runs of consecutive ones, in order."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def outside(ranges: list[list[int]]) -> re.Pattern[str]:
    """A character outside the [first, last] ``ranges``: one search of a text finds the first."""
    inside = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[^{inside}]")


@cache
def _coverage() -> dict[str, list[list[int]]]:
    try:
        shipped = json.loads(COVERAGE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return shipped if isinstance(shipped, dict) else {}


@cache
def _cmap(face: str) -> frozenset[int]:
    ranges = _coverage().get(face) or font_coverage(face)  # the shipped table spares reading the fonts
    return frozenset(code for first, last in ranges for code in range(first, last + 1))


def missing_glyphs(text: str, face: str = "regular") -> frozenset[str]:
    return frozenset() if _undrawn(face).search(text) is None else _missing(text, face)


def draws(texts: str | tuple[str, ...], face: str = "regular") -> bool:
    """Whether ``face`` draws every character of the text or texts (a search each, no set built)."""
    search = _undrawn(face).search
    if isinstance(texts, str):
        return search(texts) is None
    return not any(search(text) for text in texts)


@cache
def _undrawn(face: str) -> re.Pattern[str]:
    """A character ``face`` does not draw (a line break aside)."""
    return outside(code_ranges(_cmap(face) | {ord("\n")}))


@lru_cache(maxsize=4096)
def _missing(text: str, face: str) -> frozenset[str]:
    return frozenset(set(text) - characters(face) - {"\n"})


@cache
def characters(face: str) -> frozenset[str]:
    """The characters ``face`` draws."""
    return frozenset(map(chr, _cmap(face)))


@lru_cache(maxsize=65536)
def _length(text: str, face: str) -> float:
    """Advance width at the measuring size: a multiple of 1/64, so sums of lengths are exact."""
    return float(_font(face).getlength(text))


def width(text: str, face: str, size: float) -> float:
    """Advance width of ``text`` in points at ``size`` points."""
    return _length(text, face) / _REF * size


@lru_cache(maxsize=16384)
def _words(text: str, face: str) -> tuple[tuple[str, ...], tuple[float, ...], float]:
    """A paragraph's words, their lengths and a space's: a line's length is their exact sum (the
    fonts are measured glyph by glyph, without kerning), so no trial line is measured again."""
    words = tuple(word for word in text.split(" ") if word)
    return words, tuple(_length(word, face) for word in words), _length(" ", face)


def wrap(text: str, face: str, size: float, box_width: float) -> list[str] | None:
    """Greedy word wrap; ``None`` if a single word is wider than the box."""
    limit = box_width * WIDTH_SLACK
    words, lengths, space = _words(text, face)
    lines: list[str] = []
    start, current = 0, 0.0
    for i, length in enumerate(lengths):
        if length / _REF * size > limit:
            return None
        trial = current + space + length if i > start else length
        if trial / _REF * size <= limit:
            current = trial
        else:
            lines.append(" ".join(words[start:i]))
            start, current = i, length
    lines.append(" ".join(words[start:]))
    return lines


@quick
@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[tuple[str, ...], ...]  # per paragraph
    line_height: float
    line_count: int  # of every paragraph
    height: float  # of every line


def layout_at(
    paragraphs: tuple[str, ...], face: str, size: float, box_width: float, line: float = LINE
) -> Fitted | None:
    wrapped = []
    for paragraph in paragraphs:
        lines = wrap(paragraph, face, size, box_width)
        if lines is None:
            return None
        wrapped.append(tuple(lines))
    count, height = sum(len(p) for p in wrapped), round(size * line, 2)
    return Fitted(size, tuple(wrapped), height, count, count * height)


@lru_cache(maxsize=65536)  # the same text in the same box recurs: a lead, a footnote, "2020", "34 %"
def fit(
    paragraphs: tuple[str, ...],
    face: str,
    box_width: float,
    box_height: float,
    max_size: float,
    min_size: float,
    max_lines: int | None = None,
    line: float = LINE,
    step: float = 0.5,
) -> Fitted | None:
    """Largest size in [min_size, max_size] at which the text fits the box; ``None`` if none."""
    size = max_size
    while size >= min_size - 1e-9:
        fitted = layout_at(paragraphs, face, size, box_width, line)
        if fitted and fitted.height <= box_height + 1e-6 and (max_lines is None or fitted.line_count <= max_lines):
            return fitted
        size = round(size - step, 2)
    return None


def font_path(face: str) -> Path:
    return FONT_DIR / FACES[face]
