"""ranking: a top-N as native horizontal bars, highest first."""

from __future__ import annotations

from deck.inputs.study import Ranking, Section
from deck.layout import charts
from deck.layout.context import Ctx
from deck.layout.template import SectionTemplate, has, has_ranking, of_kind
from deck.scene import Box, Element

BAND_MAX = 92.0  # points of height per bar at most


def ranking(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    item = of_kind(section, Ranking)[0]
    entries = sorted(item.items, key=lambda e: -e.value)
    labels = [ctx.ts.text(e.short or e.label) for e in entries]
    values = [e.value for e in entries]
    sep = ctx.ts.colon() + " "
    alt = ctx.ts.text(
        f"{ctx.ts.word('chart_ranking')}{sep}"
        + " ; ".join(
            f"{i}. {label}{sep}{ctx.ts.value(v, item.unit)}" for i, (label, v) in enumerate(zip(labels, values), 1)
        )
    )
    height = min(box.h, BAND_MAX * len(entries))
    chart_box = Box(box.x, box.y + (box.h - height) / 2, box.w, height)
    key = ctx.item_key(section, item)
    return [charts.bars(ctx, chart_box, labels, values, ctx.theme.accent, item.unit, key=key, alt=alt, name=item.id)]


TEMPLATE = SectionTemplate(
    name="ranking",
    summary="native horizontal bars for a top-N, highest first; base note in the footer",
    needs="a ranking",
    body=ranking,
    shows=lambda s: of_kind(s, Ranking)[:1],
    lacks=has(Ranking, "needs a `ranking` item"),
    prefers=has_ranking,
    rank=20,
    poster_height=330.0,
)
