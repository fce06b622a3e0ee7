"""The frame around every content page: headline, lead-in, footer notes, page number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deck.inputs.study import Breakdown, Heading, Note, RankEntry, Ranking, Section, Stat, SurveyBase
from deck.layout.components import source_marker
from deck.layout.context import Ctx, Key
from deck.layout.significance import change_test, rounding_note, significance_note, small_base, small_base_note
from deck.layout.textbox import place_text
from deck.layout.theme import Theme
from deck.scene import Bitmap, Box, Element, Master, Rect
from deck.typesetting import metrics as tx

MARGIN_Y = 0.8  # the top and bottom margins, as a share of the side margins
ACCENT_RULE = (44.0, 4.0)  # the short accent rule above the headline: width, height
HEADLINE_TOP = 12.0  # from the accent rule to the headline
HEADLINE_LINES, HEADLINE_ROOM = 3, 3.6  # at most three lines; room: 3.6 × the largest size
LEAD_GAP, LEAD_H = 8.0, 52.0  # the lead-in under the headline: gap, room
CORNER_H, CORNER_MIN_W, CORNER_MAX_SHARE = 24.0, 60.0, 0.6  # page number or credit, bottom right
LOGO_H, LOGO_MAX_W, LOGO_GAP = 20.0, 140.0, 12.0  # the logo in the footer, left of the corner
FOOTER_H = 60.0  # room for sources, bases and notes, bottom left
BODY_GAPS, BODY_GAPS_COMPACT = (22.0, 14.0), (14.0, 12.0)  # around the body: below the head, above the foot


@dataclass(frozen=True)
class Frame:
    """The outcome of framing a page: its fixed elements and the box left for the body."""

    elements: list[Element]
    body: Box


def headline_text(ctx: Ctx, title: str) -> str:
    text = ctx.ts.text(title)
    return ctx.ts.upper(text) if ctx.theme.headline_case == "upper" else text


def frame_page(
    ctx: Ctx,
    page: Box,
    *,
    headline: str,
    headline_key: Key,
    lead: str | None = None,
    lead_key: Key = (),
    notes: list[str] | None = None,
    notes_key: Key = (),
    corner: str | None = None,
    margin: float = 36.0,
    compact: bool = False,
) -> Frame:
    """Headline and lead at the top, notes and ``corner`` (slide number or credit) at the bottom;
    on a corporate layout, where its placeholders are."""
    theme = ctx.theme
    if ctx.geometry is not None and ctx.medium == "slide":
        from deck.layout.brand_frame import frame_on_layout

        more = [ctx.ts.text(theme.footer)] if theme.footer else []
        framed = frame_on_layout(
            ctx,
            headline=headline_text(ctx, headline),
            headline_key=headline_key,
            lead=ctx.ts.text(lead) if lead else None,
            lead_key=lead_key,
            notes=[*(notes or []), *more],
            notes_key=notes_key,
            corner=corner,
            lines=HEADLINE_LINES + 1,  # a corporate title placeholder, often narrower: one more line
        )
        return Frame(framed.elements, framed.body)
    inner = page.inset(margin, margin * MARGIN_Y)
    out: list[Element] = [Rect(Box(inner.x, inner.y, *ACCENT_RULE), theme.accent, role="accent-rule")]
    head_size = theme.type.headline_compact if compact else theme.type.headline
    head = place_text(
        ctx,
        headline_text(ctx, headline),
        Box(inner.x, inner.y + HEADLINE_TOP, inner.w, head_size[0] * HEADLINE_ROOM),
        key=headline_key,
        face="bold",
        size=head_size,
        color=theme.primary,
        role="headline",
        max_lines=HEADLINE_LINES,
    )
    out.append(head)
    top = head.box.bottom
    if lead:
        lead_el = place_text(
            ctx,
            ctx.ts.text(lead),
            Box(inner.x, top + LEAD_GAP, inner.w, LEAD_H),
            key=lead_key,
            size=theme.type.lead_compact if compact else theme.type.lead,
            color=theme.muted,
            role="lead",
            max_lines=2,
        )
        out.append(lead_el)
        top = lead_el.box.bottom
    bottom = inner.bottom
    corner_w = 0.0
    footer_top = bottom  # the highest point the footer reaches
    if corner:
        natural = tx.width(corner, "regular", theme.type.footer[0]) * theme.text_scale / tx.WIDTH_SLACK + 2
        corner_w = min(inner.w * CORNER_MAX_SHARE, max(CORNER_MIN_W, natural))
        corner_el = place_text(
            ctx,
            corner,
            Box(inner.right - corner_w, bottom - CORNER_H, corner_w, CORNER_H),
            key=(),
            size=theme.type.footer,
            color=theme.muted,
            align="right",
            role="corner",
            max_lines=2,
            anchor="bottom",
        )
        out.append(corner_el)
        footer_top = corner_el.box.y
    if theme.logo:
        logo = logo_box(ctx, inner.right - corner_w - (LOGO_GAP if corner else 0), bottom, LOGO_H)
        out.append(Bitmap(logo, theme.logo, "Logo"))
        corner_w = inner.right - logo.x
        footer_top = min(footer_top, logo.y)
    notes = [*(notes or []), *([ctx.ts.text(theme.footer)] if theme.footer else [])]
    if notes:
        notes_el = place_text(
            ctx,
            tuple(notes),
            Box(inner.x, bottom - FOOTER_H, inner.w - corner_w - theme.space.gap, FOOTER_H),
            key=notes_key,
            size=theme.type.footer,
            color=theme.muted,
            role="footer",
            anchor="bottom",
        )
        out.append(notes_el)
        footer_top = min(footer_top, notes_el.box.y)
    gap_above, gap_below = BODY_GAPS_COMPACT if compact else BODY_GAPS
    body = Box(inner.x, top + gap_above, inner.w, footer_top - gap_below - top - gap_above)
    return Frame(out, body)


def master_of(theme: Theme, width: float, height: float, cover: tuple[Box, Box]) -> Master:
    """The deck's master: its placeholders where ``frame_page`` puts a page's headline, body, notes
    and number, and where the title slide puts its title and subtitle (``cover``)."""
    margin = theme.space.slide_margin
    inner = Box(0, 0, width, height).inset(margin, margin * MARGIN_Y)
    title_h = theme.type.headline[0] * HEADLINE_ROOM
    title = Box(inner.x, inner.y + HEADLINE_TOP, inner.w, title_h)
    corner = Box(inner.right - CORNER_MIN_W, inner.bottom - CORNER_H, CORNER_MIN_W, CORNER_H)
    footer = Box(inner.x, inner.bottom - CORNER_H, inner.w * (1 - CORNER_MAX_SHARE), CORNER_H)
    date = Box(footer.right + theme.space.gap, footer.y, corner.x - footer.right - 2 * theme.space.gap, CORNER_H)
    top = title.bottom + BODY_GAPS[0]
    body = Box(inner.x, top, inner.w, inner.bottom - FOOTER_H - BODY_GAPS[1] - top)
    palette = (
        ("dk1", theme.ink),
        ("lt1", theme.background),
        ("dk2", theme.muted),
        ("lt2", theme.card),
        ("accent1", theme.accent),
        ("accent2", theme.accent_soft),
        ("accent3", theme.earlier),
        ("accent4", theme.muted),
        ("accent5", theme.neutral),
        ("accent6", theme.rule),
        ("hlink", theme.accent),
        ("folHlink", theme.muted),
    )
    return Master(
        width,
        height,
        theme.font_name,
        palette,
        title,
        body,
        footer,
        corner,
        date,
        cover[0],
        cover[1],
        theme.type.headline[0],
        theme.type.lead[0],
        theme.type.footer[0],
        theme.type.title[0],
        theme.type.subtitle[0],
    )


def logo_box(ctx: Ctx, right: float, bottom: float, height: float, max_width: float = LOGO_MAX_W) -> Box:
    """The logo's box, right- and bottom-aligned, its proportions kept."""
    aspect = ctx.theme.logo_aspect
    w, h = (height * aspect, height) if height * aspect <= max_width else (max_width, max_width / aspect)
    return Box(right - w, bottom - h, w, h)


def section_notes(ctx: Ctx, section: Section) -> list[str]:
    """Footnotes a section needs: the sources its earlier waves cite, base notes, notes."""
    notes: list[str] = []
    cited: list[str] = []
    for item in section.items:
        if isinstance(item, Stat):
            cited += [w.source for w in item.earlier if w.source]
        if isinstance(item, (Stat, Breakdown, Ranking)):
            small = small_base(ctx, item)
            if small is not None:  # flagged (its own base note, if any, within it)
                notes.append(small_base_note(ctx, small, item.base.text if item.base else None))
            elif item.base and (item.base.text or item.base.size):
                notes.append(base_note(ctx, item.base))
        if isinstance(item, Breakdown) and (note := rounding_note(ctx, item)):
            notes.append(note)
        if isinstance(item, Ranking) and item.multiple:
            notes.append(ctx.ts.sentence(ctx.ts.word("multiple")))
        if isinstance(item, Note):
            notes.append(ctx.ts.text(item.text))
    sources = [
        f"{source_marker(ctx, s)}{ctx.ts.word('source')}{ctx.ts.colon()} {ctx.ts.text(ctx.study.sources[s].text)}"
        for s in dict.fromkeys(cited)  # each source once
        if s in ctx.study.sources
    ]
    owners: list[tuple[Stat | RankEntry, str]] = [(i, i.unit) for i in section.items if isinstance(i, Stat)]
    owners += [(e, i.unit) for i in section.items if isinstance(i, Ranking) for e in i.items]
    marked = any(  # a significant change is marked on the page: the footer says what the mark means
        (test := change_test(ctx, owner, owner.earlier[0], unit)) is not None and test.significant
        for owner, unit in owners
        if owner.earlier
    )
    return sources + notes + ([significance_note(ctx)] if marked else [])


def frame_section(
    ctx: Ctx,
    section: Section,
    page: Box,
    shown: Sequence[object],
    *,
    title: str | None = None,
    title_key: Key = (),
    corner: str | None = None,
    margin: float = 36.0,
    compact: bool = False,
    part: int = 1,
    inline_headings: bool = False,
) -> Frame:
    """The frame of a section's page: its title (or the page's own), its lead-in (see ``page_lead``),
    and the footnotes of what it shows."""
    key = ctx.section_key(section)
    return frame_page(
        ctx,
        page,
        headline=title or section.title,
        headline_key=title_key or key + ("title",),
        lead=page_lead(section, shown, part, inline_headings),
        lead_key=key + ("lead",),
        notes=section_notes(ctx, section),
        notes_key=key,
        corner=corner,
        margin=margin,
        compact=compact,
    )


def page_lead(section: Section, shown: Sequence[object], part: int, inline_headings: bool) -> str | None:
    """The lead-in a page of a section gets: the sub-head its figures come under (unless the template
    sets sub-heads itself), or the section's lead-in on its first page when the page shows figures."""
    figures = any(isinstance(i, (Stat, Breakdown, Ranking)) for i in shown)
    if part == 1 and figures and section.lead:
        return section.lead
    heading = next((i for i in section.items if isinstance(i, Heading)), None)
    return heading.text if heading is not None and not inline_headings else None


def credit_line(ctx: Ctx) -> str:
    """Institutes, client and date on one line: the title slide's credit and the images' corner."""
    meta = ctx.study.meta
    return " · ".join(p for p in (", ".join(meta.institutes), meta.client or "", meta.date or "") if p)


def base_note(ctx: Ctx, base: SurveyBase) -> str:
    """A base as the footer says it: its note, its size, or both ("Base : ensemble, n = 2 032")."""
    ts = ctx.ts
    size = f"{ts.word('n')} = {ts.number(base.size)}" if base.size else ""
    if base.text:
        return ts.text(base.text) + (f" ({size})" if size else "")
    return f"{ts.word('base')}{ts.colon()} {size}"
