"""The frame of a page on a corporate layout: the headline in the layout's title placeholder, the
lead-in at the top of its body, the footnotes in its footer placeholder (or at the foot of the
body when they need more room), the page number in its slide-number placeholder. No rule, no logo:
the template's master draws its own."""

from __future__ import annotations

from dataclasses import dataclass

from deck.layout.context import Ctx, Key
from deck.layout.textbox import FitFailure, place_text
from deck.scene import Box, Element, Text

NOTES_H = 60.0  # the most a page's footnotes take at the foot of its body
GAP = 10.0
TITLE_MIN = 16.0  # a corporate title placeholder is often narrower than deck's own: a title may go smaller


@dataclass(frozen=True)
class Framed:
    elements: list[Element]
    body: Box


def frame_on_layout(
    ctx: Ctx,
    *,
    headline: str,
    headline_key: Key,
    lead: str | None,
    lead_key: Key,
    notes: list[str],
    notes_key: Key,
    corner: str | None,
    lines: int,
) -> Framed:
    assert ctx.geometry is not None
    theme, where = ctx.theme, ctx.geometry
    title = where.title
    if title.y <= where.body.y:  # a title placeholder above the body may grow down into it if it must
        grow = min(theme.type.headline[0] * 3.6, where.body.bottom - 120 - title.y)
        title = Box(title.x, title.y, title.w, max(title.h, grow))
    head = place_text(
        ctx,
        headline,
        title,
        key=headline_key,
        face="bold",
        size=(theme.type.headline[0], min(theme.type.headline[1], TITLE_MIN)),
        color=theme.primary,
        role="headline",
        max_lines=lines,
        anchor="bottom" if title.y > where.body.y else "top",
    )
    out: list[Element] = [head]
    body = where.body
    if head.box.bottom > body.y and title.y <= body.y:  # a title taller than its placeholder: below it
        body = Box(body.x, head.box.bottom + GAP, body.w, body.bottom - head.box.bottom - GAP)
    if corner and where.number:
        out.append(
            place_text(
                ctx,
                corner,
                where.number,
                key=(),
                size=theme.type.footer,
                color=theme.muted,
                align="right",
                role="corner",
            )
        )
    if notes:
        placed = _notes(ctx, notes, notes_key, body, head)
        out.append(placed)
        if placed.box.y < body.bottom:  # at the foot of the body: the body ends above them
            body = Box(body.x, body.y, body.w, placed.box.y - GAP - body.y)
    if lead:
        lead_el = place_text(
            ctx,
            lead,
            Box(body.x, body.y, body.w, 52.0),
            key=lead_key,
            size=theme.type.lead,
            color=theme.muted,
            role="lead",
            max_lines=2,
        )
        out.append(lead_el)
        body = Box(body.x, lead_el.box.bottom + GAP * 1.5, body.w, body.bottom - lead_el.box.bottom - GAP * 1.5)
    return Framed(out, body)


def _notes(ctx: Ctx, notes: list[str], key: Key, body: Box, head: Text) -> Text:
    """The footnotes in the footer placeholder, grown upwards to what is free above it; at the
    foot of the body when they do not fit there."""
    theme, footer = ctx.theme, ctx.geometry.footer if ctx.geometry else None
    marks = ctx.geometry.marks if ctx.geometry else ()
    if footer is not None:
        above = max((b.bottom for b in (body, head.box, *marks) if b.bottom <= footer.y + 1), default=0.0)
        room = Box(footer.x, max(above + 4, footer.bottom - NOTES_H), footer.w, 0)
        room = Box(room.x, room.y, room.w, footer.bottom - room.y)
        if any(_overlap(room, mark) for mark in marks):  # no room clear of the template's own marks there
            room = Box(room.x, room.y, room.w, 0)
        try:
            return place_text(
                ctx,
                tuple(notes),
                room,
                key=key,
                size=theme.type.footer,
                color=theme.muted,
                role="footer",
                anchor="bottom",
            )
        except FitFailure:
            pass
    foot = Box(body.x, body.bottom - NOTES_H, body.w, NOTES_H)
    return place_text(
        ctx, tuple(notes), foot, key=key, size=theme.type.footer, color=theme.muted, role="footer", anchor="bottom"
    )


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def cover_on_layout(ctx: Ctx, title: str, subtitle: str | None, credit: str | None) -> list[Element]:
    """The title slide on the template's title layout: title, subtitle, and the credit under them."""
    assert ctx.geometry is not None
    theme, where = ctx.theme, ctx.geometry
    head = place_text(
        ctx,
        title,
        where.title,
        key=("study", "title"),
        face="bold",
        size=theme.type.title,
        color=theme.primary,
        role="title",
        max_lines=3,
        anchor="bottom",
    )
    out: list[Element] = [head]
    below = head.box.bottom + GAP
    if subtitle:  # (a template may set it above the title: the credit then goes under the title)
        room = where.subtitle or Box(where.title.x, below, where.title.w, 40.0)
        sub = place_text(
            ctx,
            subtitle,
            room,
            key=("study", "subtitle"),
            size=theme.type.subtitle,
            color=theme.accent,
            role="subtitle",
            max_lines=2,
        )
        out.append(sub)
        below = max(sub.box.bottom, head.box.bottom) + GAP
    if credit:
        foot = min(
            (b.y for b in (where.footer, where.number) if b), default=ctx.branding.height if ctx.branding else 540
        )
        room = Box(where.title.x, below, where.title.w, max(24.0, foot - GAP - below))
        out.append(
            place_text(
                ctx,
                credit,
                room,
                key=("study",),
                size=theme.type.credit,
                color=theme.muted,
                role="credit",
                align=where.align,  # as the template aligns the title above it
            )
        )
    return out
