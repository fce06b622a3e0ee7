"""breakdown: a native doughnut of answers summing to 100 %, its legend, the section's first stat."""

from __future__ import annotations

from deck.inputs.study import Breakdown, Section, Stat
from deck.layout import charts
from deck.layout.components import center_vertically, place_stat, place_stats
from deck.layout.context import Ctx
from deck.layout.legend import legend
from deck.layout.significance import shown_answers
from deck.layout.template import SectionTemplate, has, has_breakdown, of_kind
from deck.layout.textbox import GAP, place_text
from deck.scene import Box, Element

STAT_SHARE = 0.30  # of the width (landscape) or height (portrait) for the headline stat
RING_SHARE = 0.45  # of the remaining width, at most, for the ring (landscape)
RING_PORTRAIT = 0.5  # of the width, at most, for the ring (portrait)
MAX_STATS = 3  # figures beside the ring
VALUE = (96.0, 40.0)
VALUES = (56.0, 24.0)  # when several figures share the column
LABELS = (15.0, 9.0)
LABEL = (20.0, 11.0)
ENTRY_MAX_H = 64.0
LEGEND_TEXT = (19.0, 10.0)
QUESTION = (14.0, 9.0)
QUESTION_H = 40.0


def breakdown(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    item = of_kind(section, Breakdown)[0]
    beside = of_kind(section, Stat)[:MAX_STATS]
    stat = beside[0] if beside else None
    theme = ctx.theme
    palette = [theme.accent, theme.accent_soft, theme.neutral, theme.muted, theme.earlier]
    colors = [palette[i % len(palette)] for i in range(len(item.answers))]
    labels = [ctx.ts.text(a.label) for a in item.answers]
    values = shown_answers(ctx, item)  # adding up to 100 as shown
    key = ctx.item_key(section, item)
    sep = ctx.ts.colon() + " "
    alt = ctx.described(
        lambda: ctx.ts.text(
            f"{ctx.ts.word('chart_doughnut')}{sep}"
            + ctx.ts.semicolon().join(
                f"{label}{sep}{ctx.value(v, item.unit, item)}" for label, v in zip(labels, values)
            )
        )
    )
    stat_box: Box | None = None
    if box.landscape:
        rest = box
        if stat:
            stat_box, rest = box.split_x(STAT_SHARE, GAP * 2)
        ring = Box(rest.x, rest.y, min(rest.h, rest.w * RING_SHARE), rest.h)
        legend_box = Box(ring.right + GAP * 2, rest.y, rest.right - ring.right - GAP * 2, rest.h)
    else:
        top = box.y
        if stat:
            stat_box = Box(box.x, box.y, box.w, box.h * STAT_SHARE)
            top = stat_box.bottom + GAP
        ring = Box(box.x, top, min(box.w * RING_PORTRAIT, box.bottom - top), box.bottom - top)
        legend_box = Box(ring.right + GAP * 2, top, box.right - ring.right - GAP * 2, box.bottom - top)
    out: list[Element] = []
    if stat_box and len(beside) == 1:
        out += center_vertically(place_stat(ctx, beside[0], stat_box, value_size=VALUE, label_size=LABEL), stat_box)
    elif stat_box:  # several figures: one above the other (landscape) or side by side, at one size
        cells = stat_box.rows(len(beside), GAP) if box.landscape else stat_box.columns(len(beside), GAP)
        for parts in place_stats(ctx, beside, cells, value_size=VALUES, label_size=LABELS):
            out += parts
    out.append(
        charts.doughnut(
            ctx, ring, labels, values, colors, item.unit, alt=alt, name=item.id, places=ctx.places(0, item.unit, item)
        )
    )
    if item.question:  # above the legend, never over it
        question = place_text(
            ctx,
            ctx.ts.text(item.question),
            Box(legend_box.x, legend_box.y, legend_box.w, QUESTION_H),
            key=key + ("question",),
            size=QUESTION,
            color=theme.muted,
            role="question",
        )
        out.append(question)
        below = question.box.bottom + GAP
        legend_box = Box(legend_box.x, below, legend_box.w, legend_box.bottom - below)
    entries = [(c, f"{ctx.value(v, item.unit, item)}  {label}") for c, v, label in zip(colors, values, labels)]
    entry_h = min(ENTRY_MAX_H, legend_box.h / len(entries))
    lbox = Box(
        legend_box.x, legend_box.y + (legend_box.h - entry_h * len(entries)) / 2, legend_box.w, entry_h * len(entries)
    )
    out += legend(ctx, entries, lbox, size=LEGEND_TEXT, key=key)
    return out


TEMPLATE = SectionTemplate(
    name="breakdown",
    summary="native doughnut of answers summing to 100 %, legend, and up to three of the section's stats",
    needs="a breakdown",
    body=breakdown,
    shows=lambda s: of_kind(s, Breakdown)[:1] + of_kind(s, Stat)[:MAX_STATS],
    lacks=has(Breakdown, "needs a `breakdown` item"),
    prefers=has_breakdown,
    rank=10,
    poster_height=380.0,
)
