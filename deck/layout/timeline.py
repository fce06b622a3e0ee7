"""Line charts: figures across three waves or more, evenly by wave or on a time axis by year.

Like every chart, laid out here as the native chart's data plus the same chart as primitives.
"""

from __future__ import annotations

import math
from dataclasses import replace

from deck.layout.charts import AXIS_LINE, ChartFrame, axis_max, data_label, fit_labels, make_chart, point_text
from deck.layout.context import Ctx, Key
from deck.layout.textbox import FitFailure, largest_fit, place_text
from deck.scene import Box, Chart, ChartKind, Element, Poly, Rect, Series

LINE_WIDTH = 2.5  # points
MARKER = 7.0  # points: the diameter of a point's marker


def line(
    ctx: Ctx,
    box: Box,
    categories: list[str],
    series: list[Series],
    unit: str,
    scale: float,
    *,
    key: Key,
    alt: str,
    years: list[int] | None = None,
) -> Chart:
    """One line per series across the waves, oldest first. With ``years``, points stand on a time axis,
    spaced by the years between them, with a label every year or every few; otherwise evenly, one wave
    per band. The highest series carries its values above its points, the lowest below its points."""
    n = len(categories)
    band = box.w / n
    label_size = 14.0 if box.h > 220 else 12.0
    step = 1
    if years:
        span = years[-1] - years[0]
        step = max(1, -(-span // MAX_YEAR_LABELS))
        categories = [str(y) for y in range(years[0], years[-1] + 1, step)]
        band = box.w / max(n, 2)
    spacing = (box.w - band) * step / max(1, years[-1] - years[0]) if years else band
    cat_size = largest_fit(
        [(c,) for c in categories],
        "regular",
        min(band, spacing) - 4,
        2 * 1.15 * 14,
        (14.0, 9.0),
        2,
        scale=ctx.theme.text_scale,
    )
    if cat_size is None:
        raise FitFailure(key, "wave name", 0, band)
    cat_h = 2 * cat_size * 1.15
    plot = Box(box.x + band / 2, box.y + label_size * 1.8, box.w - band, box.h - label_size * 1.8 - cat_h - 8)
    top = axis_max([scale, *(v for s in series for v in s.values)], unit)
    texts = [point_text(ctx, s, i, unit) for s in series if s.labels != "none" for i in range(len(s.values))]
    label_size = fit_labels(ctx, texts, band - 4, label_size)

    def x_of(i: int) -> float:
        if years:
            return plot.x + plot.w * (years[i] - years[0]) / max(1, years[-1] - years[0])
        return plot.x + plot.w * i / max(1, n - 1)

    axis = Rect(Box(plot.x, plot.bottom, plot.w, AXIS_LINE), ctx.theme.rule, role="axis")
    marks: list[Element] = [axis]
    for s in series:
        points = [(x_of(i), plot.bottom - plot.h * max(v, 0.0) / top) for i, v in enumerate(s.values)]
        marks += [Poly(_segment(a, b, LINE_WIDTH), s.color, role="line") for a, b in zip(points, points[1:])]
        marks += [Poly(_marker(s.marker, x, y, MARKER / 2), s.color, role="marker") for x, y in points]
        if s.labels != "none":
            for i, (x, y) in enumerate(points):
                text = point_text(ctx, s, i, unit)
                dy = -label_size * 1.7 if s.labels == "above" else label_size * 0.5
                where = Box(x - band / 2, y + dy, band, label_size * 1.2)
                marks.append(data_label(ctx, text, where, label_size, color=ctx.theme.ink))
    ticks = (
        [plot.x + plot.w * k * step / max(1, years[-1] - years[0]) for k in range(len(categories))]
        if years
        else [x_of(i) for i in range(n)]
    )
    room = min(band, ticks[1] - ticks[0]) if len(ticks) > 1 else band  # one label per tick, never overlapping
    for x, category in zip(ticks, categories):
        where = Box(x - room / 2 + 2, plot.bottom + 8, room - 4, cat_h)
        marks.append(
            place_text(
                ctx, category, where, key=key, size=(cat_size, cat_size), align="center", role="category", max_lines=2
            )
        )
    frame = ChartFrame(box, plot, tuple(categories), tuple(series), label_size, cat_size, tuple(marks), alt)
    kind: ChartKind = "years" if years else "line"
    chart = make_chart(
        ctx, kind, frame, unit, axis_max=top, axis_line=ctx.theme.rule, line_width=LINE_WIDTH, marker=MARKER
    )
    return replace(chart, years=tuple(years or ()), year_step=step)


MAX_YEAR_LABELS = 8  # on a time axis, a label every year up to this many, else every few years


def _segment(a: tuple[float, float], b: tuple[float, float], width: float) -> tuple[tuple[float, float], ...]:
    """A straight stroke from ``a`` to ``b`` as a thin quadrilateral."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * width / 2, dx / length * width / 2
    return tuple(
        (round(x, 3), round(y, 3))
        for x, y in ((a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny))
    )


def _marker(shape: str, cx: float, cy: float, r: float) -> tuple[tuple[float, float], ...]:
    """A point's marker: a disc, a square, a diamond or a triangle, so lines differ by more than colour."""
    corners = {
        "square": ((-1, -1), (1, -1), (1, 1), (-1, 1)),
        "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)),
        "triangle": ((0, -1.3), (1.2, 1), (-1.2, 1)),
    }
    if shape not in corners:
        return _disc(cx, cy, r)
    return tuple((round(cx + dx * r, 3), round(cy + dy * r, 3)) for dx, dy in corners[shape])


def _disc(cx: float, cy: float, r: float, steps: int = 16) -> tuple[tuple[float, float], ...]:
    return tuple(
        (round(cx + r * math.cos(2 * math.pi * k / steps), 3), round(cy + r * math.sin(2 * math.pi * k / steps), 3))
        for k in range(steps)
    )
