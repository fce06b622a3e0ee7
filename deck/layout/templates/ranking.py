"""ranking: a top-N as native horizontal bars, highest first or in the order given, with its question."""

from __future__ import annotations

from deck.inputs.study import Ranking, Section
from deck.layout import charts
from deck.layout.context import Ctx
from deck.layout.notes import ordered, waves_text
from deck.layout.template import SectionTemplate, has, has_ranking, of_kind
from deck.layout.textbox import GAP, place_text
from deck.scene import Box, Element

BAND_MAX = 92.0  # points of height per bar at most
QUESTION = (15.0, 9.0)
QUESTION_H = 44.0


def ranking(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    item = of_kind(section, Ranking)[0]
    ts = ctx.ts
    entries = [entry for _, entry in ordered(item)]
    labels = [
        ts.text(e.short or e.label) + (f" ({waves_text(ctx, e, item.unit)})" if e.earlier else "") for e in entries
    ]
    values = [e.value for e in entries]
    key = ctx.item_key(section, item)
    out: list[Element] = []
    if item.question:
        question = place_text(
            ctx,
            ts.text(item.question),
            Box(box.x, box.y, box.w, QUESTION_H),
            key=key + ("question",),
            size=QUESTION,
            color=ctx.theme.muted,
            role="question",
            max_lines=2,
        )
        out.append(question)
        top = question.box.bottom + GAP
        box = Box(box.x, top, box.w, box.bottom - top)
    sep = ts.colon() + " "
    alt = ctx.described(
        lambda: ts.text(
            f"{ts.word('chart_ranking')}{sep}"
            + ts.semicolon().join(
                f"{i}. {label}{sep}{ctx.value(v, item.unit, item)}"
                for i, (label, v) in enumerate(zip(labels, values), 1)
            )
        )
    )
    height = min(box.h, BAND_MAX * len(entries))
    chart_box = Box(box.x, box.y + (box.h - height) / 2, box.w, height)
    top = ctx.top(item)
    chart = charts.bars(
        ctx,
        chart_box,
        labels,
        values,
        ctx.theme.accent,
        item.unit,
        top,
        key=key,
        alt=alt,
        name=item.id,
        places=ctx.places(0, item.unit, item),
    )
    return out + [chart]


TEMPLATE = SectionTemplate(
    name="ranking",
    summary="native horizontal bars for a top-N (highest first, or as given), its question; base note in the footer",
    needs="a ranking",
    body=ranking,
    shows=lambda s: of_kind(s, Ranking)[:1],
    lacks=has(Ranking, "needs a `ranking` item"),
    prefers=has_ranking,
    rank=20,
    poster_height=360.0,
)
