"""Pages made from the study's metadata: title, methodology, key-figure summary."""

from __future__ import annotations

from deck.inputs.study import Method, Stat
from deck.layout.blocks import place_stats
from deck.layout.frame import logo_box
from deck.layout.textbox import GAP, Ctx, largest_fit, place_text
from deck.scene import Bitmap, Box, Element, Rect
from deck.typesetting.locale import Typesetter


def title(ctx: Ctx, page: Box) -> list[Element]:
    meta, theme = ctx.study.study, ctx.theme
    band = Box(page.x, page.y, page.w * 0.035, page.h)
    inner = Box(page.x + page.w * 0.1, page.y + page.h * 0.22, page.w * 0.8, page.h * 0.56)
    out: list[Element] = [Rect(band, theme.accent, role="band")]
    head = place_text(
        ctx,
        ctx.ts.text(meta.title),
        Box(inner.x, inner.y, inner.w, inner.h * 0.55),
        key=("study", "title"),
        face="bold",
        size=(52.0, 28.0),
        role="title",
        max_lines=3,
    )
    out.append(head)
    y = head.box.bottom + GAP
    if meta.subtitle:
        sub = place_text(
            ctx,
            ctx.ts.text(meta.subtitle),
            Box(inner.x, y, inner.w, 40),
            key=("study", "subtitle"),
            size=(26.0, 16.0),
            color=theme.accent,
            role="subtitle",
            max_lines=1,
        )
        out.append(sub)
        y = sub.box.bottom + GAP * 2
    out.append(Rect(Box(inner.x, y, 60, 3), theme.rule, role="rule"))
    if theme.logo:
        out.append(
            Bitmap(
                logo_box(ctx, page.right - page.w * 0.06, page.bottom - page.h * 0.08, 52.0, 200.0), theme.logo, "Logo"
            )
        )
    credit = credit_line(ctx)
    if credit:
        out.append(
            place_text(
                ctx,
                credit,
                Box(inner.x, y + GAP, inner.w, 60),
                key=("study",),
                size=(16.0, 11.0),
                color=theme.muted,
                role="credit",
            )
        )
    return out


def credit_line(ctx: Ctx) -> str:
    meta = ctx.study.study
    return " · ".join(p for p in (", ".join(meta.institutes), meta.client or "", meta.date or "") if p)


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
        [(p,) for p in paragraphs], "regular", width, share / max(1, len(paragraphs)) - GAP, (22.0, 11.0)
    )
    y = box.y
    for i, paragraph in enumerate(paragraphs):
        text = place_text(
            ctx,
            paragraph,
            Box(box.x, y, width, box.bottom - y),
            key=("methodology", i),
            size=(size or 11.0, 11.0),
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
                size=(15.0, 9.0),
                color=ctx.theme.muted,
                role="sources",
            )
        )
    return out


def summary(ctx: Ctx, box: Box) -> list[Element]:
    """The first figure of each section, as a grid of key figures."""
    firsts: list[Stat] = []
    for section in ctx.study.sections:
        stat = next((i for i in section.items if isinstance(i, Stat)), None)
        if stat:
            firsts.append(stat)
    firsts = firsts[:8]
    cols = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}.get(len(firsts), 4)
    rows = (len(firsts) + cols - 1) // cols
    cw = (box.w - GAP * (cols - 1)) / cols
    rh = (box.h - GAP * (rows - 1)) / rows
    cells = [Box(box.x + (i % cols) * (cw + GAP), box.y + (i // cols) * (rh + GAP), cw, rh) for i in range(len(firsts))]
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=8, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx,
        firsts,
        [c.inset(16, 12) for c in cells],
        value_size=(48.0, 24.0),
        label_size=(15.0, 8.0),
        show_earlier=False,
    ):
        out += parts
    return out
