"""trend: figures measured in three waves or more, as a native line chart, the latest values called out."""

from __future__ import annotations

import re
from typing import Literal

from deck.inputs.study import Section, Stat
from deck.layout import timeline
from deck.layout.components import cells_beside, ruled_figures, wide_or_below
from deck.layout.context import Ctx
from deck.layout.figures import current_wave, wave_name
from deck.layout.legend import chart_legend
from deck.layout.template import SectionTemplate, last_section, negative, stats
from deck.layout.textbox import GAP
from deck.scene import Box, Element, Series

MAX_LINES = 4
MARKERS: tuple[Literal["circle", "square", "diamond", "triangle"], ...] = ("circle", "square", "diamond", "triangle")
MIN_WAVES = 3  # the current wave and two earlier ones at least
CHART_SHARE = 0.62  # of the width (landscape) for the chart
PORTRAIT_SHARE = 0.58  # of the height (portrait) for the chart
LEGEND_ROW = 20.0  # a row of the legend, when several lines share the chart
VALUE = (40.0, 22.0)
VALUE_ALONE = (72.0, 28.0)  # the callout of a single line
CELL_MAX_H = 200.0  # a callout's height at most, centred in its share of the side
LABEL = (14.0, 9.0)


def _plotted(stat: Stat) -> bool:
    return len([w for w in stat.earlier if w.value is not None]) >= MIN_WAVES - 1


@last_section
def trended(section: Section) -> list[Stat]:
    """The stats one line chart can show: same unit and same waves as the first stat with three or more."""

    def waves(stat: Stat) -> tuple[object, ...]:
        return (stat.unit, stat.wave or "", *(wave_name(w) for w in stat.earlier if w.value is not None))

    candidates = [s for s in stats(section) if _plotted(s) and not negative(s)]  # the axis starts at zero
    if not candidates:
        return []
    key = waves(candidates[0])
    return [s for s in candidates if waves(s) == key][:MAX_LINES]


def _labels(index: int, lines: list[Stat]) -> Literal["above", "below", "none"]:
    """The highest line is labelled above its points, the lowest below; lines between, not at all."""
    means = [sum([s.value, *(w.value or 0.0 for w in s.earlier)]) / (1 + len(s.earlier)) for s in lines]
    order = sorted(range(len(lines)), key=lambda i: means[i])
    if index == order[-1]:
        return "above"
    return "below" if index == order[0] else "none"


def _years(names: list[str]) -> list[int] | None:
    """The waves' years when every wave is named by its year alone, in order: a true time axis."""
    if not all(re.fullmatch(r"(19|20|21)\d\d", n) for n in names):
        return None
    years = [int(n) for n in names]
    return years if all(a < b for a, b in zip(years, years[1:])) else None


def trend(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    return wide_or_below(lambda wide: _trend(ctx, section, box, wide), box)


def _trend(ctx: Ctx, section: Section, box: Box, wide: bool) -> list[Element]:
    lines = trended(section)
    first = lines[0]
    valued = [w for w in first.earlier if w.value is not None]
    categories = [wave_name(w) for w in reversed(valued)] + [current_wave(ctx.study, section, first)]
    theme = ctx.theme
    palette = [theme.accent, theme.muted, theme.accent_soft, theme.earlier]
    names = [ctx.ts.text(s.short or s.label) for s in lines]
    series = [
        Series(
            name,
            (*(w.value or 0.0 for w in reversed([w for w in s.earlier if w.value is not None])), s.value),
            palette[i % len(palette)],
            labels=_labels(i, lines),
            places=(ctx.places(s.value, s.unit, s),) * (len(categories)),
            marker=MARKERS[i % len(MARKERS)],
        )
        for i, (name, s) in enumerate(zip(names, lines))
    ]
    ts = ctx.ts
    sep = ts.colon() + " "
    alt = ctx.described(
        lambda: ts.text(
            f"{ts.word('chart_line')}{sep}"
            + ts.semicolon().join(
                f"{name}{sep}" + ", ".join(f"{c} {ctx.value(v, s.unit, s)}" for c, v in zip(categories, ser.values))
                for name, s, ser in zip(names, lines, series)
            )
        )
    )
    columns = min(len(lines), 2)
    legend_h = LEGEND_ROW * -(-len(lines) // columns) if len(lines) > 1 else 0.0
    top = box.y + legend_h + (GAP / 2 if legend_h else 0.0)
    if wide:
        chart_box = Box(box.x, top, box.w * CHART_SHARE, box.bottom - top)
    else:
        chart_box = Box(box.x, top, box.w, box.h * PORTRAIT_SHARE - (top - box.y))
    key = ctx.item_key(section, first)
    years = _years(categories)
    chart = timeline.line(ctx, chart_box, categories, series, first.unit, ctx.top(first), key=key, alt=alt, years=years)
    out: list[Element] = [chart]
    if len(lines) > 1:
        entries = [(s.color, s.name) for s in series]
        legend_box = Box(chart_box.x, box.y, chart_box.w, 20)
        out = list(chart_legend(ctx, chart, entries, legend_box, size=(13.0, 9.0), key=key, columns=len(lines)))
    cells = cells_beside(box, chart_box, len(lines), GAP, wide)
    value_size = VALUE_ALONE if len(lines) == 1 else VALUE
    cells = [Box(c.x, c.y + (c.h - min(c.h, CELL_MAX_H)) / 2, c.w, min(c.h, CELL_MAX_H)) for c in cells]
    colors = [ser.color for ser in series]
    return out + ruled_figures(ctx, lines, cells, colors, value_size=value_size, label_size=LABEL)


TEMPLATE = SectionTemplate(
    name="trend",
    summary="figures measured in three waves or more as a native line chart, the latest values called out",
    needs="a stat with two `earlier` waves",
    body=trend,
    shows=trended,
    lacks=lambda s: None if trended(s) else "needs a `stat` (0 or more) with two `earlier` waves that have values",
    prefers=lambda s: bool(trended(s)),
    rank=25,
    poster_height=470.0,
)
