"""title: the opening slide, written from the study's metadata."""

from __future__ import annotations

from deck.layout.context import Ctx
from deck.layout.frame import credit_line, logo_box
from deck.layout.template import Page, PageTemplate
from deck.layout.textbox import GAP, place_text
from deck.scene import Bitmap, Box, Element, Rect, Scene


def make(ctx: Ctx, page: Page) -> Scene:
    meta = ctx.study.meta
    notes = "\n".join(p for p in (meta.title, meta.subtitle or "", credit_line(ctx)) if p)
    box = page.box
    return Scene(box.w, box.h, tuple(title(ctx, box)), template="title", alt=ctx.ts.text(meta.title), notes=notes)


def title(ctx: Ctx, page: Box) -> list[Element]:
    meta, theme = ctx.study.meta, ctx.theme
    band = Box(page.x, page.y, page.w * 0.035, page.h)
    inner = Box(page.x + page.w * 0.1, page.y + page.h * 0.22, page.w * 0.8, page.h * 0.56)
    out: list[Element] = [Rect(band, theme.accent, role="band")]
    head = place_text(
        ctx,
        ctx.ts.text(meta.title),
        Box(inner.x, inner.y, inner.w, inner.h * 0.55),
        key=("study", "title"),
        face="bold",
        size=theme.type.title,
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
            size=theme.type.subtitle,
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
                size=theme.type.credit,
                color=theme.muted,
                role="credit",
            )
        )
    return out


TEMPLATE = PageTemplate("title", "title, subtitle, institutes, client, date", make, frozenset({"slide"}))
