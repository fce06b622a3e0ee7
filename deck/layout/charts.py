"""Chart geometry: the native chart's data plus the same chart laid out as primitives.

The deck gets a native, editable chart whose plot area is pinned to ``Chart.plot``; images draw
``Chart.marks``. Both come from the numbers computed here, so the two outputs agree.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from deck.layout.figures import places
from deck.layout.textbox import Ctx, FitFailure, Key, largest_fit, place_text
from deck.layout.theme import contrast
from deck.scene import Align, Box, Chart, ChartKind, Element, Poly, Rect, Series, Text
from deck.typesetting import metrics as tx

GAP_WIDTH = Chart.gap_width
AXIS_LINE = 0.75  # points: the category axis line under columns


def axis_max(values: list[float], unit: str) -> float:
    top = max(values, default=0.0)
    if top <= 0:  # nothing to draw above zero: a unit axis, so no bar divides by zero
        return 100.0 if unit == "%" else 1.0
    if unit == "%" and top > 50:
        return 100.0
    step = 10 ** math.floor(math.log10(max(top, 1e-9)))
    return math.ceil(top * 1.25 / step) * step


def number_format(ctx: Ctx, decimals: int, unit: str) -> str:
    """The data labels' Excel number format, written like the study's own figures ("78 %", "£1,377")."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    number = ctx.ts.number(1234.5 if decimals else 1234, decimals)
    prefix, _, suffix = ctx.ts.value(1234.5 if decimals else 1234, unit, decimals).partition(number)
    return (f'"{prefix}"' if prefix else "") + pattern + (f'"{suffix}"' if suffix else "")


LABEL_MIN = 8.0  # data labels shrink to this size, at the smallest, to fit their room
VALUE_ROOM = 0.22  # of a bar chart's width, at most, right of the bars for their values


def point_text(ctx: Ctx, series: Series, index: int, unit: str) -> str:
    """A point's data label: its value with the decimals its item has (or its own)."""
    value = series.values[index]
    if series.places:
        return ctx.ts.value(value, unit, series.places[index])
    return ctx.value(value, unit)


def fit_labels(ctx: Ctx, texts: list[str], width: float, size: float) -> float:
    """One size for every data label of a chart: the largest up to ``size`` at which all fit ``width``."""
    fitted = largest_fit(
        [(t,) for t in texts], "bold", width, size * 2, (size, LABEL_MIN), 1, scale=ctx.theme.text_scale
    )
    if fitted is None:
        raise FitFailure((), "data label", float("inf"), width)
    return fitted


def data_label(
    ctx: Ctx,
    text: str,
    box: Box,
    size: float,
    *,
    color: str,
    face: str = "bold",
    align: Align = "center",
    role: str = "data-label",
    sized: bool = False,
) -> Text:
    """A data label at ``size``. ``sized``: ``fit_labels`` found that it fits a box as wide as
    ``box`` on one line at that size, so a layout made only to know that the slide fits does not
    fit it again."""
    if sized and ctx.fit_only:
        return Text(box, ((text,),), size, round(size * tx.LINE, 2), color, face, align, "top", role)
    return place_text(
        ctx,
        text,
        box,
        key=(),
        face=face,
        size=(size, size),
        color=color,
        align=align,
        role=role,
        max_lines=1,
        tight=False,
    )


def columns(
    ctx: Ctx, box: Box, categories: list[str], series: list[Series], unit: str, scale: float, *, key: Key, alt: str
) -> Chart:
    """Clustered vertical columns, one cluster per category, series side by side."""
    n, ns = len(categories), len(series)
    band = box.w / n
    label_size = 15.0 if box.h > 220 else 12.0
    cat_size = largest_fit(
        [(c,) for c in categories], "regular", band - 8, 3 * 1.15 * 15, (15.0, 9.0), 3, scale=ctx.theme.text_scale
    )
    if cat_size is None:
        raise FitFailure(key + ("short",), "category label", 0, band)
    cat_h = 3 * cat_size * 1.15
    plot = Box(box.x, box.y + label_size * 1.6, box.w, box.h - label_size * 1.6 - cat_h - 8)
    top = axis_max([scale, *(v for s in series for v in s.values)], unit)
    bar = band / (ns + GAP_WIDTH / 100)
    label_w = min(bar + 40, band)
    texts = [point_text(ctx, s, i, unit) for s in series for i in range(len(s.values))]
    label_size = fit_labels(ctx, texts, label_w, label_size)
    marks: list[Element] = []
    for i, category in enumerate(categories):
        x0 = plot.x + i * band + (band - ns * bar) / 2
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot.h * value / top
            rect = Box(x0 + j * bar, plot.bottom - h, bar, h)
            marks.append(Rect(rect, s.color, role="bar"))
            marks.append(
                data_label(
                    ctx,
                    texts[j * n + i],  # point_text(ctx, s, i, unit), as fitted above
                    Box(rect.x + bar / 2 - label_w / 2, rect.y - label_size * 1.35, label_w, label_size * 1.2),
                    label_size,
                    color=ctx.theme.ink if j == ns - 1 else ctx.theme.muted,
                    sized=True,  # by fit_labels, label_w wide
                )
            )
        marks.append(
            place_text(
                ctx,
                category,
                Box(plot.x + i * band + 4, plot.bottom + 8, band - 8, cat_h),
                key=key,
                size=(cat_size, cat_size),
                align="center",
                role="category",
                max_lines=3,
            )
        )
    marks.append(Rect(Box(plot.x, plot.bottom, plot.w, AXIS_LINE), ctx.theme.rule, role="axis"))
    frame = ChartFrame(box, plot, tuple(categories), tuple(series), label_size, cat_size, tuple(marks), alt)
    return make_chart(ctx, "columns", frame, unit, axis_max=top, axis_line=ctx.theme.rule)


def bars(
    ctx: Ctx,
    box: Box,
    categories: list[str],
    values: list[float],
    color: str,
    unit: str,
    scale: float,
    *,
    key: Key,
    alt: str,
    name: str,
    places: int | None = None,
) -> Chart:
    """Horizontal bars, first category on top, labels in a column on the left."""
    n = len(categories)
    only = Series(name, tuple(values), color, places=(places,) * len(values) if places is not None else ())
    band = box.h / n
    label_w = box.w * 0.36
    cat_size = largest_fit(
        [(c,) for c in categories], "regular", label_w - 12, band * 0.9, (17.0, 10.0), 3, scale=ctx.theme.text_scale
    )
    if cat_size is None:
        raise FitFailure(key + ("short",), "category label", 0, band)
    label_size = min(17.0, max(11.0, band * 0.3))
    texts = [point_text(ctx, only, i, unit) for i in range(n)]
    room = box.w * VALUE_ROOM  # right of the longest bar, for its value
    label_size = fit_labels(ctx, texts, room - 6, label_size)
    needed = max(tx.width(t, "bold", label_size) for t in texts) * ctx.theme.text_scale / tx.WIDTH_SLACK + 8
    plot = Box(box.x + label_w, box.y, box.w - label_w - min(room, needed), box.h)
    top = axis_max([scale, *values], unit)
    thick = band / (1 + GAP_WIDTH / 100)
    marks: list[Element] = []
    for i, (category, value) in enumerate(zip(categories, values)):
        y0 = plot.y + i * band + (band - thick) / 2
        w = plot.w * value / top
        marks.append(Rect(Box(plot.x, y0, w, thick), color, role="bar"))
        marks.append(
            data_label(
                ctx,
                texts[i],
                Box(plot.x + w + 6, y0 + (thick - label_size * 1.2) / 2, box.right - plot.x - w - 6, label_size * 1.2),
                label_size,
                color=ctx.theme.ink,
                align="left",
            )
        )
        marks.append(
            place_text(
                ctx,
                category,
                Box(box.x, plot.y + i * band, label_w - 12, band),
                key=key,
                size=(cat_size, cat_size),
                align="right",
                anchor="middle",
                role="category",
            )
        )
    series = (only,)
    frame = ChartFrame(box, plot, tuple(categories), series, label_size, cat_size, tuple(marks), alt)
    return make_chart(ctx, "bars", frame, unit, axis_max=top)


HOLE = 55  # % of the diameter
SEPARATOR = 1.5  # points of background between two wedges


def _fits_wedge(text: str, size: float, radius: float, thickness: float, sweep: float, scale: float = 1.0) -> bool:
    """The label fits inside its wedge: the wedge's width at mid-ring holds the text's width (the
    chord), and the ring is thick enough for its height."""
    chord = 2 * radius * math.sin(math.radians(min(sweep, 180.0)) / 2)
    return chord >= tx.width(text, "bold", size) * scale * 1.1 and thickness >= size * 1.3


def doughnut(
    ctx: Ctx,
    box: Box,
    categories: list[str],
    values: list[float],
    colors: list[str],
    unit: str,
    *,
    alt: str,
    name: str,
    places: int | None = None,
) -> Chart:
    """A ring starting at 12 o'clock, clockwise, with values on the ring."""
    digits = (places,) * len(values) if places is not None else ()
    d = min(box.w, box.h)
    plot = Box(box.x + (box.w - d) / 2, box.y + (box.h - d) / 2, d, d)
    cx, cy, r = plot.x + d / 2, plot.y + d / 2, d / 2
    r_in = r * HOLE / 100
    total = sum(values) or 1.0
    marks: list[Element] = []
    label_size = max(11.0, min(18.0, d * 0.065))
    start = 0.0
    quiet: list[int] = []
    for index, (value, color) in enumerate(zip(values, colors)):
        sweep = 360.0 * value / total
        ring = _ring(cx, cy, r, r_in, start, sweep)
        marks.append(Poly(ring, color, "wedge", ctx.theme.background, SEPARATOR))
        mid = math.radians(start + sweep / 2)
        rm = (r + r_in) / 2
        lx, ly = cx + rm * math.sin(mid), cy - rm * math.cos(mid)
        text = ctx.ts.value(value, unit, places) if places is not None else ctx.value(value, unit)
        if _fits_wedge(text, label_size, rm, r - r_in, sweep, ctx.theme.text_scale):
            w = tx.width(text, "bold", label_size) * ctx.theme.text_scale * 1.1  # its own width: labels never overlap
            box_ = Box(lx - w / 2, ly - label_size * 0.6, w, label_size * 1.2)
            marks.append(data_label(ctx, text, box_, label_size, color=on_color(ctx, color)))
        else:  # a wedge too thin for its number: the legend beside the ring gives it
            quiet.append(index)
        start += sweep
    labels = tuple(on_color(ctx, c) for c in colors)
    series = (Series(name, tuple(values), colors[0], tuple(colors), labels, places=digits, quiet=tuple(quiet)),)
    frame = ChartFrame(box, plot, tuple(categories), series, label_size, 0.0, tuple(marks), alt)
    return make_chart(
        ctx, "doughnut", frame, unit, hole=HOLE, separator=ctx.theme.background, separator_width=SEPARATOR
    )


def on_color(ctx: Ctx, fill: str) -> str:
    """White text on dark fills, else whichever of the theme's text and background colours reads
    better on ``fill`` (at least 4.5:1 where possible)."""
    if contrast("#FFFFFF", fill) >= 4.5:
        return "#FFFFFF"
    theme = ctx.theme
    return max((theme.ink, theme.background), key=lambda color: contrast(color, fill))


def _ring(cx: float, cy: float, r: float, r_in: float, start: float, sweep: float) -> tuple[tuple[float, float], ...]:
    steps = max(8, int(sweep / 3))
    angles = [math.radians(start + sweep * k / steps) for k in range(steps + 1)]
    outer = [(cx + r * math.sin(a), cy - r * math.cos(a)) for a in angles]
    inner = [(cx + r_in * math.sin(a), cy - r_in * math.cos(a)) for a in reversed(angles)]
    return tuple((round(x, 3), round(y, 3)) for x, y in outer + inner)


@dataclass(frozen=True)
class ChartFrame:
    """What every chart kind computes before it becomes a :class:`Chart`."""

    box: Box
    plot: Box
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    label_size: float
    category_size: float
    marks: tuple[Element, ...]
    alt: str


def make_chart(
    ctx: Ctx,
    kind: ChartKind,
    f: ChartFrame,
    unit: str,
    *,
    axis_max: float = 0.0,
    axis_line: str | None = None,
    hole: int = 0,
    separator: str | None = None,
    separator_width: float = 0.0,
    line_width: float = 0.0,
    marker: float = 0.0,
) -> Chart:
    fmt, series = "", f.series  # only to know that it fits: number formats do not change that
    if not ctx.fit_only:
        digits = [[s.places[i] if s.places else places(v, unit) for i, v in enumerate(s.values)] for s in f.series]
        counted = Counter(d for row in digits for d in row)
        fmt = number_format(ctx, counted.most_common(1)[0][0] if counted else 0, unit)
        series = tuple(
            replace(s, formats=tuple(number_format(ctx, d, unit) for d in row)) for s, row in zip(f.series, digits)
        )
    return Chart(
        f.box,
        kind,
        f.categories,
        series,
        fmt,
        f.label_size,
        f.category_size,
        ctx.theme.ink,
        ctx.theme.muted,
        f.marks,
        f.plot,
        f.alt,
        axis_max=axis_max,
        axis_line=axis_line,
        hole=hole,
        separator=separator,
        separator_width=separator_width,
        line_width=line_width,
        marker=marker,
    )


def _all(series: list[Series]) -> list[float]:
    return [v for s in series for v in s.values]
