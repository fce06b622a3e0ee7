"""poster: the whole synthesis as one long image, each section in the template its slide uses.

A poster taller than its page's ``max_height`` raises :class:`TooTall`: the build cuts it into
several images (``poster-1.png``, ``poster-2.png``…), each with the study's header, the last one
with the methodology."""

from __future__ import annotations

from dataclasses import replace

from deck.inputs.study import Section
from deck.layout import figures, notes
from deck.layout.charts import on_color
from deck.layout.context import Ctx
from deck.layout.frame import frame_page, frame_section
from deck.layout.template import Page, PageTemplate, SectionTemplate, TooTall
from deck.layout.templates.methodology import methodology
from deck.layout.templates.title import title
from deck.layout.textbox import FitFailure
from deck.scene import Box, Element, FigureRef, Rect, Scene, Text

HEADER_H = 210.0
PANEL_GROWTH = (1.0, 1.4, 2.0, 3.0)  # a panel's height, as multiples of its template's poster height
HEADER_PAD = 24.0  # accent band below the header's last line, at least
METHOD_H = 360.0
MARGIN = 40.0


def make(ctx: Ctx, page: Page) -> Scene:
    width = page.box.w
    theme = ctx.theme
    on_accent = on_color(ctx, theme.accent)  # the header's text, on the accent band
    on_band = replace(ctx, theme=replace(theme, ink=on_accent, muted=on_accent, accent=on_accent, primary=on_accent))
    header = _header(on_band, width)
    lowest = max((e.box.bottom for e in header if isinstance(e, Text)), default=0.0)
    y = max(HEADER_H, lowest + HEADER_PAD)  # the band grows under a long title: its text stays on it
    out: list[Element] = [Rect(Box(0, 0, width, y), theme.accent, role="band"), *header]
    alts: list[str] = []
    found: list[FigureRef] = []
    limit = page.max_height or float("inf")
    for placed, (section, template, own_title, part) in enumerate(page.panels):
        shown = template.shows(section)
        h, panel = _panel(ctx, section, template, own_title, part, Box(0, y, width, template.poster_height))
        if y + h > limit and placed:
            raise TooTall(placed)
        out += panel
        alts.append(notes.alt_text(ctx, section, shown, own_title).split(". ", 1)[-1])
        found += [(f.id, f.value, f.change) for f in figures.shown(shown)]
        out.append(Rect(Box(MARGIN, y + h - 1, width - 2 * MARGIN, 1), theme.rule, role="rule"))
        y += h
    if page.closing and (ctx.study.methodology or ctx.study.sources):  # how the study was made, when the data says
        h, panel = _methodology(ctx, Box(0, y, width, METHOD_H))
        if y + h > limit and page.panels:
            raise TooTall(len(page.panels))
        out += panel
        y += h
    alt = " ".join([f"{ctx.ts.word('infographic')}{ctx.ts.colon()} {ctx.ts.text(ctx.study.meta.title)}.", *alts])
    return Scene(width, y, tuple(out), template="poster", figures=tuple(found), alt=alt)


def _panel(
    ctx: Ctx, section: Section, template: SectionTemplate, own_title: str | None, part: int, box: Box
) -> tuple[float, list[Element]]:
    """A section's panel at its template's poster height, or taller when its content needs more room."""
    shown = template.shows(section)
    for grow in PANEL_GROWTH:
        panel = Box(box.x, box.y, box.w, box.h * grow)
        try:
            frame = frame_section(
                ctx,
                section,
                panel,
                shown,
                title=own_title,
                margin=MARGIN,
                compact=True,
                part=part,
                inline_headings=template.inline_headings,
            )
            return panel.h, frame.elements + template.body(ctx, section, frame.body)
        except FitFailure:
            if grow == PANEL_GROWTH[-1]:
                raise
    raise AssertionError("unreachable")


def _header(ctx: Ctx, width: float) -> list[Element]:
    """The study's title, subtitle and credit, on a band that grows with a long title."""
    for grow in PANEL_GROWTH:
        try:
            return [e for e in title(ctx, Box(0, 0, width, HEADER_H * grow)) if not isinstance(e, Rect)]
        except FitFailure:
            if grow == PANEL_GROWTH[-1]:
                raise
    raise AssertionError("unreachable")


def _methodology(ctx: Ctx, box: Box) -> tuple[float, list[Element]]:
    """The methodology panel, taller when the study's methodology needs more room."""
    headline = ctx.ts.word("methodology")
    for grow in PANEL_GROWTH:
        panel = Box(box.x, box.y, box.w, box.h * grow)
        try:
            frame = frame_page(ctx, panel, headline=headline, headline_key=(), margin=MARGIN, compact=True)
            return panel.h, frame.elements + methodology(ctx, frame.body)
        except FitFailure:
            if grow == PANEL_GROWTH[-1]:
                raise
    raise AssertionError("unreachable")


TEMPLATE = PageTemplate("poster", "the whole synthesis as one long image", make, frozenset({"image"}))
