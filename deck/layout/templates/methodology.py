"""methodology: how the study was made and the sources it cites, written from the data."""

from __future__ import annotations

from deck.inputs.study import Method
from deck.layout.context import Ctx
from deck.layout.frame import frame_page
from deck.layout.template import Page, PageTemplate
from deck.layout.textbox import GAP, largest_fit, place_text
from deck.scene import Box, Element, Rect, Scene, Text
from deck.typesetting.locale import Typesetter


def make(ctx: Ctx, page: Page) -> Scene:
    headline = page.title or ctx.ts.word("methodology")
    frame = frame_page(
        ctx, page.box, headline=headline, headline_key=page.title_key, corner=page.corner, margin=page.margin
    )
    body = methodology(ctx, frame.body)
    notes = "\n".join(p for e in body if isinstance(e, Text) for p in e.paragraphs)
    box = page.box
    return Scene(box.w, box.h, tuple(frame.elements + body), template="methodology", alt=headline, notes=notes)


def describe_method(ts: Typesetter, method: Method) -> str:
    """One sentence per method, from the metadata ("Enquête réalisée par … du 22 au 27 novembre 2023")."""
    lead = ts.word("survey") if method.kind == "quantitative" else ts.word("qual")
    parts = [f"{lead} {method.institute}" + (f" {ts.word('for')} {method.client}" if method.client else "")]
    if method.sample:
        population = f"{method.population} " if method.population else f"{ts.word('sample')} "
        parts.append(f"{population}{ts.word('of')} {ts.number(method.sample)} {ts.word('persons')}")
    if method.description:
        parts.append(method.description)
    if method.fieldwork:
        parts.append(_fieldwork(ts, method))
    return ts.text(", ".join(parts) + ".")


def _fieldwork(ts: Typesetter, method: Method) -> str:
    from babel.dates import format_date

    fw = method.fieldwork
    assert fw is not None
    mode = f" {method.mode}" if method.mode else ""
    lead = f"{ts.word('fieldwork')}{mode}"
    if fw.label and not fw.start:
        return fw.label
    loc = ts.locale.replace("-", "_")
    if fw.start and fw.end and fw.start != fw.end:
        same_month = (fw.start.year, fw.start.month) == (fw.end.year, fw.end.month)
        start = str(fw.start.day) if same_month else format_date(fw.start, "d MMMM", locale=loc)
        if not ts.french:
            start = format_date(fw.start, "MMMM d" if not same_month else "d", locale=loc)
            return f"{lead} {ts.word('from')} {start} {ts.word('to')} {format_date(fw.end, 'MMMM d, y', locale=loc)}"
        return f"{lead} {ts.word('from')} {start} {ts.word('to')} {format_date(fw.end, 'd MMMM y', locale=loc)}"
    day = fw.start or fw.end
    assert day is not None
    return f"{lead} {format_date(day, 'd MMMM y', locale=loc)}"


def methodology(ctx: Ctx, box: Box) -> list[Element]:
    ts = ctx.ts
    paragraphs = [describe_method(ts, m) for m in ctx.study.methodology]
    sources = tuple(
        ts.text(f"{'*' * (i + 1)}{ts.word('source')}{ts.colon()} {s.text}")
        for i, s in enumerate(ctx.study.sources.values())
    )
    out: list[Element] = []
    width = box.w * 0.8
    share = box.h * (0.7 if sources else 1.0)
    size = largest_fit(
        [(p,) for p in paragraphs], "regular", width, share / max(1, len(paragraphs)) - GAP, ctx.theme.type.body
    )
    y = box.y
    for i, paragraph in enumerate(paragraphs):
        text = place_text(
            ctx,
            paragraph,
            Box(box.x, y, width, box.bottom - y),
            key=("methodology", i),
            size=(size or ctx.theme.type.body[1], ctx.theme.type.body[1]),
            role="methodology",
            line=1.25,
        )
        out.append(text)
        y = text.box.bottom + GAP
    if sources:
        y += GAP
        out.append(Rect(Box(box.x, y, 60, 3), ctx.theme.rule, role="rule"))
        out.append(
            place_text(
                ctx,
                sources,
                Box(box.x, y + GAP, width, box.bottom - y - GAP),
                key=("sources",),
                size=ctx.theme.type.small,
                color=ctx.theme.muted,
                role="sources",
            )
        )
    return out


TEMPLATE = PageTemplate("methodology", "the methodology and sources, written from the data", make, frozenset({"slide"}))
