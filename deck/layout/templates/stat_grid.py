"""stat-grid: two to four figures a row with their earlier waves; a `heading` item starts a row."""

from __future__ import annotations

from deck.inputs.study import Heading, Section, Stat
from deck.layout.components import place_stats
from deck.layout.context import Ctx
from deck.layout.template import SectionTemplate, has, stats
from deck.layout.textbox import GAP, place_text
from deck.scene import Box, Element, Rect

PER_ROW = 4
MAX_STATS = 8  # two full rows on a page; more continue on the next
ROW_GAP = GAP * 1.5
TALL_ROW = 160.0  # rows taller than this get the larger figures
VALUE_TALL, VALUE_SHORT = (64.0, 32.0), (44.0, 26.0)
LABEL = (16.0, 9.5)
SUBHEAD = (16.0, 10.0)
SUBHEAD_MAX_H = 44.0
CARD_PAD = (18.0, 12.0)
CARD_RADIUS = 8.0


def stat_grid(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    groups: list[tuple[Heading | None, list[Stat]]] = [(None, [])]
    for item in section.items:
        if isinstance(item, Heading):
            groups.append((item, []))
        elif isinstance(item, Stat) and sum(len(g) for _, g in groups) < MAX_STATS:
            groups[-1][1].append(item)
    rows = [
        (head if k == 0 else None, group[k : k + PER_ROW])
        for head, group in groups
        for k in range(0, len(group), PER_ROW)
    ]
    out: list[Element] = []
    for (heading, row_stats), row in zip(rows, box.rows(len(rows), ROW_GAP)):
        if heading:
            head = place_text(
                ctx,
                ctx.ts.text(heading.text),
                Box(row.x, row.y, row.w, min(SUBHEAD_MAX_H, row.h / 3)),
                key=ctx.item_key(section, heading) + ("text",),
                face="bold",
                size=SUBHEAD,
                color=ctx.theme.accent,
                role="subhead",
                max_lines=2,
            )
            out.append(head)
            row = Box(row.x, head.box.bottom + 10, row.w, row.bottom - head.box.bottom - 10)
        out.extend(_row(ctx, row_stats, row))
    return out


def _row(ctx: Ctx, row_stats: list[Stat], row: Box) -> list[Element]:
    cells = row.columns(len(row_stats), GAP)
    big = VALUE_TALL if row.h > TALL_ROW else VALUE_SHORT
    colors: list[str | None] = [None if s.of is None else ctx.theme.muted for s in row_stats]
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=CARD_RADIUS, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx, row_stats, [c.inset(*CARD_PAD) for c in cells], value_size=big, label_size=LABEL, colors=colors
    ):
        out.extend(parts)
    return out


TEMPLATE = SectionTemplate(
    name="stat-grid",
    summary="every stat, up to four a row, with earlier waves; `heading` items start rows",
    needs="a stat",
    body=stat_grid,
    shows=lambda s: stats(s)[:MAX_STATS],
    lacks=has(Stat, "needs at least one `stat` item"),
    prefers=lambda s: bool(stats(s)),
    rank=60,
    poster_height=540.0,
    inline_headings=True,
)
