"""Fitted text: a text placed in a box at the largest size that fits, or a located failure."""

from __future__ import annotations

from deck.layout.context import Ctx, Key
from deck.layout.theme import Spacing
from deck.scene import Align, Anchor, Box, Text
from deck.typesetting import metrics as tx

GAP = Spacing.gap  # the theme's gap between blocks


class FitFailure(Exception):
    """A text does not fit its box even at its smallest size."""

    def __init__(
        self, key: Key, what: str, needed: float, available: float, lines: tuple[int, int] | None = None
    ) -> None:
        self.key, self.what, self.needed, self.available = key, what, needed, available
        self.lines = lines  # (lines needed, lines allowed) when the number of lines is what fails
        super().__init__(what)


class GlyphFailure(Exception):
    """A text has characters the font cannot draw (they would print as boxes)."""

    def __init__(self, key: Key, what: str, chars: set[str]) -> None:
        self.key, self.what, self.chars = key, what, chars
        super().__init__(what)

    @property
    def listing(self) -> str:
        return ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(self.chars)[:6])


def place_text(
    ctx: Ctx,
    paragraphs: str | tuple[str, ...],
    box: Box,
    *,
    key: Key,
    face: str = "regular",
    size: tuple[float, float],
    color: str | None = None,
    align: Align = "left",
    anchor: Anchor = "top",
    role: str = "text",
    max_lines: int | None = None,
    tight: bool = True,
    line: float = tx.LINE,
) -> Text:
    """Fit text into ``box``; with ``tight`` the returned box is shrunk to the text's height."""
    paras = (paragraphs,) if isinstance(paragraphs, str) else paragraphs
    if not tx.draws(paras, face):
        raise GlyphFailure(key, role, set().union(*(tx.missing_glyphs(p, face) for p in paras)))
    width = box.w / ctx.theme.text_scale  # a font wider than the one measured: as if the box were narrower
    fitted = tx.fit(paras, face, width, box.h, size[0], size[1], max_lines, line)
    if fitted is None:
        smallest = tx.layout_at(paras, face, size[1], width, line)
        needed = smallest.height if smallest else float("inf")
        lines = None
        if smallest is not None and max_lines is not None and smallest.line_count > max_lines:
            lines = (smallest.line_count, max_lines)  # the number of lines is what fails, not the height
        raise FitFailure(key, role, needed, box.h, lines)
    height = fitted.height if tight else box.h
    out_box = Box(box.x, box.y, box.w, height)
    if tight and anchor == "middle":
        out_box = Box(box.x, box.y + (box.h - height) / 2, box.w, height)
    elif tight and anchor == "bottom":
        out_box = Box(box.x, box.bottom - height, box.w, height)
    return Text(
        out_box,
        fitted.lines,
        fitted.size,
        fitted.line_height,
        color or ctx.theme.ink,
        face,
        align,
        anchor if not tight else "top",
        role,
    )


def largest_fit(
    paragraph_sets: list[tuple[str, ...]],
    face: str,
    box_w: float,
    box_h: float,
    size: tuple[float, float],
    max_lines: int | None = None,
    *,
    scale: float = 1.0,
) -> float | None:
    """One size for several texts (a row of labels): the largest at which every one fits (in a
    font ``scale`` times as wide as the one measured, as ``place_text`` measures with the theme's)."""
    best = size[0]
    for paras in paragraph_sets:
        fitted = tx.fit(paras, face, box_w / scale, box_h, max_size=best, min_size=size[1], max_lines=max_lines)
        if fitted is None:
            return None
        best = fitted.size
    return best


def shift(text: Text, dy: float) -> Text:
    if not dy:
        return text
    b = text.box
    return Text(
        Box(b.x, b.y + dy, b.w, b.h),
        text.lines,
        text.size,
        text.line_height,
        text.color,
        text.face,
        text.align,
        text.anchor,
        text.role,
    )
