"""title: the opening slide, written from the study's metadata."""

from __future__ import annotations

from deck.layout.context import Ctx
from deck.layout.frame import credit_line, logo_box
from deck.layout.template import Page, PageTemplate
from deck.layout.textbox import GAP, place_text
from deck.scene import Bitmap, Box, Element, Rect, Scene

BAND_SHARE = 0.035  # the accent band down the left edge, as a share of the width
BLOCK = (0.1, 0.22, 0.8, 0.56)  # the text block: left, top, width, height as shares of the page
TITLE_SHARE, TITLE_LINES = 0.55, 3  # of the block's height, at most, for the title
SUBTITLE_H = 40.0
RULE = (60.0, 3.0)  # the short rule under the subtitle: width, height
CREDIT_H = 60.0
LOGO_INSET = (0.06, 0.08)  # from the right and the bottom, as shares of the page
LOGO_SIZE = (52.0, 200.0)  # height, widest


def make(ctx: Ctx, page: Page) -> Scene:
    meta = ctx.study.meta
    notes = "\n".join(p for p in (meta.title, meta.subtitle or "", credit_line(ctx)) if p)
    box = page.box
    return Scene(box.w, box.h, tuple(title(ctx, box)), template="title", alt=ctx.ts.text(meta.title), notes=notes)


def cover(page: Box) -> tuple[Box, Box]:
    """Where the title and the subtitle stand (at most: each is shrunk to its text)."""
    left, top, width, height = BLOCK
    inner = Box(page.x + page.w * left, page.y + page.h * top, page.w * width, page.h * height)
    title_box = Box(inner.x, inner.y, inner.w, inner.h * TITLE_SHARE)
    return title_box, Box(inner.x, title_box.bottom + GAP, inner.w, SUBTITLE_H)


def title(ctx: Ctx, page: Box) -> list[Element]:
    meta, theme = ctx.study.meta, ctx.theme
    if ctx.geometry is not None and ctx.medium == "slide":  # on a corporate title layout
        from deck.layout.brand_frame import cover_on_layout

        subtitle = ctx.ts.text(meta.subtitle) if meta.subtitle else None
        return cover_on_layout(ctx, ctx.ts.text(meta.title), subtitle, credit_line(ctx) or None)
    band = Box(page.x, page.y, page.w * BAND_SHARE, page.h)
    left, top, width, height = BLOCK
    inner = Box(page.x + page.w * left, page.y + page.h * top, page.w * width, page.h * height)
    out: list[Element] = [Rect(band, theme.accent, role="band")]
    head = place_text(
        ctx,
        ctx.ts.text(meta.title),
        Box(inner.x, inner.y, inner.w, inner.h * TITLE_SHARE),
        key=("study", "title"),
        face="bold",
        size=theme.type.title,
        color=theme.primary,
        role="title",
        max_lines=TITLE_LINES,
    )
    out.append(head)
    y = head.box.bottom + GAP
    if meta.subtitle:
        sub = place_text(
            ctx,
            ctx.ts.text(meta.subtitle),
            Box(inner.x, y, inner.w, SUBTITLE_H),
            key=("study", "subtitle"),
            size=theme.type.subtitle,
            color=theme.accent,
            role="subtitle",
            max_lines=1,
        )
        out.append(sub)
        y = sub.box.bottom + GAP * 2
    out.append(Rect(Box(inner.x, y, *RULE), theme.rule, role="rule"))
    if theme.logo:
        right, bottom = page.right - page.w * LOGO_INSET[0], page.bottom - page.h * LOGO_INSET[1]
        out.append(Bitmap(logo_box(ctx, right, bottom, *LOGO_SIZE), theme.logo, "Logo"))
    credit = credit_line(ctx)
    if credit:
        out.append(
            place_text(
                ctx,
                credit,
                Box(inner.x, y + GAP, inner.w, CREDIT_H),
                key=("study",),
                size=theme.type.credit,
                color=theme.muted,
                role="credit",
            )
        )
    return out


TEMPLATE = PageTemplate("title", "title, subtitle, institutes, client, date", make, frozenset({"slide"}))
