"""Templates built on native charts: compare bars, breakdown, ranking."""

from __future__ import annotations

from deck.inputs.study import Breakdown, Ranking, Section, Stat
from deck.layout import charts
from deck.layout.blocks import center_vertically, earlier_text, legend, place_stat, source_marker
from deck.layout.textbox import GAP, Ctx, place_text
from deck.scene import Box, Element, Rect, Series


def _sep(ctx: Ctx) -> str:
    return ctx.ts.colon() + " "


def compare_bars(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """Current wave against the earlier one, as clustered columns, with the figures beside."""
    stats = [i for i in section.items if isinstance(i, Stat) and i.earlier]
    wave = ctx.study.wave
    first = stats[0].earlier[0]
    earlier_name = (str(first.year) if first.year else first.label or "") + source_marker(ctx, first.source)
    theme = ctx.theme
    series = [
        Series(earlier_name, tuple(s.earlier[0].value for s in stats), theme.earlier),
        Series(wave, tuple(s.value for s in stats), theme.accent),
    ]
    categories = [ctx.ts.text(s.short or s.label) for s in stats]
    landscape = box.w / box.h > 1.25
    chart_box = (
        Box(box.x, box.y + 30, box.w * 0.58, box.h - 30)
        if landscape
        else Box(box.x, box.y + 30, box.w, box.h * 0.55 - 30)
    )
    alt = ctx.ts.text(
        f"{ctx.ts.word('chart_bars')}{_sep(ctx)}"
        + " ; ".join(
            f"{c}{_sep(ctx)}{ctx.ts.value(s.value, s.unit)} {ctx.ts.word('in')} {wave}, {earlier_text(ctx, s)}"
            for c, s in zip(categories, stats)
        )
    )
    key = ctx.item_key(section, stats[0])
    chart = charts.columns(ctx, chart_box, categories, series, stats[0].unit, key=key, alt=alt)
    out: list[Element] = [chart]
    out += legend(
        ctx,
        [(theme.earlier, earlier_name), (theme.accent, wave)],
        Box(chart_box.x, box.y, 240, 20),
        size=(13.0, 10.0),
        key=key,
        columns=2,
    )
    if landscape:
        side = Box(chart_box.right + GAP * 2, box.y, box.right - chart_box.right - GAP * 2, box.h)
    else:
        side = Box(box.x, chart_box.bottom + GAP, box.w, box.bottom - chart_box.bottom - GAP)
    count = len(stats)
    if landscape:
        cells = [
            Box(side.x, side.y + i * (side.h + GAP) / count, side.w, (side.h + GAP) / count - GAP) for i in range(count)
        ]
    else:
        cw = (side.w - GAP * (count - 1)) / count
        cells = [Box(side.x + i * (cw + GAP), side.y, cw, side.h) for i in range(count)]
    for stat, cell in zip(stats, cells):
        out.append(Rect(Box(cell.x, cell.y, 4, cell.h), theme.accent, role="stat-rule"))
        inner = Box(cell.x + 14, cell.y, cell.w - 14, cell.h)
        parts = place_stat(ctx, stat, inner, value_size=(36.0, 22.0), label_size=(14.0, 9.0))
        out.extend(center_vertically(parts, inner))
    return out


def breakdown(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """A doughnut of the answers, its legend, and the section's headline stat if it has one."""
    item = next(i for i in section.items if isinstance(i, Breakdown))
    stat = next((i for i in section.items if isinstance(i, Stat)), None)
    theme = ctx.theme
    palette = [theme.accent, theme.accent_soft, theme.neutral, theme.muted, theme.earlier]
    colors = [palette[i % len(palette)] for i in range(len(item.answers))]
    labels = [ctx.ts.text(a.label) for a in item.answers]
    values = [a.value for a in item.answers]
    key = ctx.item_key(section, item)
    alt = ctx.ts.text(
        f"{ctx.ts.word('chart_doughnut')}{_sep(ctx)}"
        + " ; ".join(f"{label}{_sep(ctx)}{ctx.ts.value(v, item.unit)}" for label, v in zip(labels, values))
    )
    landscape = box.w / box.h > 1.25
    out: list[Element] = []
    if landscape:
        stat_box = Box(box.x, box.y, box.w * 0.30, box.h) if stat else None
        rest = Box(stat_box.right + GAP * 2, box.y, box.right - stat_box.right - GAP * 2, box.h) if stat_box else box
        ring = Box(rest.x, rest.y, min(rest.h, rest.w * 0.45), rest.h)
        legend_box = Box(ring.right + GAP * 2, rest.y, rest.right - ring.right - GAP * 2, rest.h)
    else:
        stat_box = Box(box.x, box.y, box.w, box.h * 0.30) if stat else None
        top = stat_box.bottom + GAP if stat_box else box.y
        ring_d = min(box.w * 0.5, box.bottom - top)
        ring = Box(box.x, top, ring_d, box.bottom - top)
        legend_box = Box(ring.right + GAP * 2, top, box.right - ring.right - GAP * 2, box.bottom - top)
    if stat and stat_box:
        parts = place_stat(ctx, stat, stat_box, value_size=(96.0, 40.0), label_size=(20.0, 11.0))
        out += center_vertically(parts, stat_box)
    out.append(charts.doughnut(ctx, ring, labels, values, colors, item.unit, alt=alt, name=item.id))
    entries = [(c, f"{ctx.ts.value(v, item.unit)}  {label}") for c, v, label in zip(colors, values, labels)]
    entry_h = min(64.0, legend_box.h / len(entries))
    lbox = Box(
        legend_box.x, legend_box.y + (legend_box.h - entry_h * len(entries)) / 2, legend_box.w, entry_h * len(entries)
    )
    out += legend(ctx, entries, lbox, size=(19.0, 10.0), key=key)
    if item.question:
        out.append(
            place_text(
                ctx,
                ctx.ts.text(item.question),
                Box(legend_box.x, box.y, legend_box.w, 40),
                key=key + ("question",),
                size=(14.0, 9.0),
                color=theme.muted,
                role="question",
            )
        )
    return out


def ranking(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """A top-N as horizontal bars, highest first."""
    item = next(i for i in section.items if isinstance(i, Ranking))
    entries = sorted(item.items, key=lambda e: -e.value)
    labels = [ctx.ts.text(e.short or e.label) for e in entries]
    values = [e.value for e in entries]
    alt = ctx.ts.text(
        f"{ctx.ts.word('chart_ranking')}{_sep(ctx)}"
        + " ; ".join(
            f"{i}. {label}{_sep(ctx)}{ctx.ts.value(v, item.unit)}"
            for i, (label, v) in enumerate(zip(labels, values), 1)
        )
    )
    height = min(box.h, 92.0 * len(entries))
    chart_box = Box(box.x, box.y + (box.h - height) / 2, box.w, height)
    return [
        charts.bars(
            ctx,
            chart_box,
            labels,
            values,
            ctx.theme.accent,
            item.unit,
            key=ctx.item_key(section, item),
            alt=alt,
            name=item.id,
        )
    ]
