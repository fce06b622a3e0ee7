"""compare-bars: the current wave against the earlier one, as native clustered columns."""

from __future__ import annotations

from deck.inputs.study import Section, Stat
from deck.layout import charts
from deck.layout.components import cells_beside, earlier_text, ruled_figures, source_marker, wide_or_below
from deck.layout.context import Ctx
from deck.layout.figures import current_wave, wave_name
from deck.layout.legend import chart_legend
from deck.layout.template import SectionTemplate, last_section, negative, stats
from deck.layout.textbox import GAP
from deck.scene import Box, Element, Series

LEGEND_H = 30.0  # room above the chart for its legend
LEGEND_TEXT = (13.0, 10.0)
CHART_SHARE = 0.58  # of the width (landscape) for the chart
PORTRAIT_SHARE = 0.55  # of the height (portrait) for the chart
VALUE = (36.0, 22.0)
LABEL = (14.0, 9.0)


MAX_BARS = 4  # figures compared on one page


@last_section
def comparable(section: Section) -> list[Stat]:
    """The stats one chart can compare: same unit, same current wave, same earlier wave with a value,
    as the first stat that has one; at most ``MAX_BARS``."""

    def waves(stat: Stat) -> tuple[str, str, str, str | None]:
        first = stat.earlier[0]
        return (stat.unit, stat.wave or "", wave_name(first), first.source)  # the section's wave is shared

    candidates = [
        s for s in stats(section) if s.earlier and s.earlier[0].value is not None and not negative(s)
    ]  # columns rise from zero: a negative figure is shown as a number, by another template
    if not candidates:
        return []
    key = waves(candidates[0])
    return [s for s in candidates if waves(s) == key][:MAX_BARS]


def compare_bars(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    return wide_or_below(lambda wide: _compare(ctx, section, box, wide), box)


def _compare(ctx: Ctx, section: Section, box: Box, wide: bool) -> list[Element]:
    compared = comparable(section)
    wave = current_wave(ctx.study, section, compared[0])
    first = compared[0].earlier[0]
    earlier_name = wave_name(first) + source_marker(ctx, first.source)
    theme = ctx.theme
    digits = tuple(ctx.places(s.value, s.unit, s) for s in compared)
    series = [
        Series(earlier_name, tuple(s.earlier[0].value or 0.0 for s in compared), theme.earlier, places=digits),
        Series(wave, tuple(s.value for s in compared), theme.accent, places=digits),
    ]
    categories = [ctx.ts.text(s.short or s.label) for s in compared]
    if wide:
        chart_box = Box(box.x, box.y + LEGEND_H, box.w * CHART_SHARE, box.h - LEGEND_H)
    else:
        chart_box = Box(box.x, box.y + LEGEND_H, box.w, box.h * PORTRAIT_SHARE - LEGEND_H)
    sep = ctx.ts.colon() + " "
    alt = ctx.described(
        lambda: ctx.ts.text(
            f"{ctx.ts.word('chart_bars')}{sep}"
            + " ; ".join(
                f"{c}{sep}{ctx.ts.value(s.value, s.unit)} {ctx.ts.word('in')} {wave}, {earlier_text(ctx, s)}"
                for c, s in zip(categories, compared)
            )
        )
    )
    key = ctx.item_key(section, compared[0])
    chart = charts.columns(ctx, chart_box, categories, series, compared[0].unit, ctx.top(compared[0]), key=key, alt=alt)
    chart, keys = chart_legend(
        ctx,
        chart,
        [(theme.earlier, earlier_name), (theme.accent, wave)],
        Box(chart_box.x, box.y, chart_box.w, LEGEND_H - 6),
        size=LEGEND_TEXT,
        key=key,
        columns=2,
    )
    out: list[Element] = [chart, keys]
    cells = cells_beside(box, chart_box, len(compared), GAP, wide)
    colors = [theme.accent] * len(compared)
    return out + ruled_figures(ctx, compared, cells, colors, value_size=VALUE, label_size=LABEL)


TEMPLATE = SectionTemplate(
    name="compare-bars",
    summary="native clustered columns of the current and the earlier wave, with the figures beside",
    needs="a stat with `earlier`",
    body=compare_bars,
    shows=lambda s: comparable(s),
    lacks=lambda s: None if comparable(s) else "needs a `stat` (0 or more) with an `earlier` wave that has a value",
    prefers=lambda s: len(comparable(s)) >= 2,
    rank=30,
    poster_height=470.0,
)
