"""Legends: colour swatches with their text, and a chart's own legend in the deck."""

from __future__ import annotations

from dataclasses import replace

from deck.layout.textbox import Ctx, FitFailure, Key, largest_fit, place_text
from deck.scene import Box, Chart, Element, Group, Rect, Text


def chart_legend(
    ctx: Ctx,
    chart: Chart,
    entries: list[tuple[str, str]],
    box: Box,
    *,
    size: tuple[float, float],
    key: Key,
    columns: int = 1,
) -> tuple[Chart, Group]:
    """A chart's series legend: in the deck, the chart's own (so that editing the chart's data in
    the office suite keeps it true), in ``box``; in images, these swatches and texts."""
    drawn = legend(ctx, entries, box, size=size, key=key, columns=columns)
    text_size = next(e.size for e in drawn if isinstance(e, Text))
    return replace(chart, legend_box=box, legend_size=text_size), Group(tuple(drawn), "", role="chart-legend")


def legend(
    ctx: Ctx, entries: list[tuple[str, str]], box: Box, *, size: tuple[float, float], key: Key, columns: int = 1
) -> list[Element]:
    """Colour swatches with their text, every entry at one size; the text alone carries the meaning."""
    out: list[Element] = []
    col_w = box.w / columns
    sw = 12.0
    rows = (len(entries) + columns - 1) // columns
    row_h = box.h / rows
    one = largest_fit(
        [(label,) for _, label in entries], "regular", col_w - sw - 16, row_h, size, scale=ctx.theme.text_scale
    )
    if one is None:
        raise FitFailure(key, "legend", float("inf"), row_h)
    for i, (color, label) in enumerate(entries):
        cx = box.x + (i % columns) * col_w
        cy = box.y + (i // columns) * row_h
        text = place_text(
            ctx, label, Box(cx + sw + 8, cy, col_w - sw - 16, row_h), key=key, size=(one, one), role="legend"
        )
        swatch_y = text.box.y + text.line_height / 2 - sw / 2
        out.append(Rect(Box(cx, swatch_y, sw, sw), color, radius=2, role="swatch"))
        out.append(text)
    return out
