"""Slides on a corporate template: where each page's title, body, footer and number go, taken
from the template's layouts; and the template's colours and font under the deck's theme.

Each deck template maps to a layout of the corporate file: by default the title slide to its
title layout and every other page to its "Title and Content" kind of layout (found by the kind and
the placeholders, not by the name, which each organisation writes in its own words); the layout
spec can map any template, or all others (`default`), to a layout it names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from deck.inputs.brand import Brand, TemplateLayout
from deck.layout.theme import Theme, mix
from deck.scene import Box

GAP = 12.0  # between the title and the body when the layout leaves it to deck
WIDER = 1.17  # a font deck has no metrics for is measured as Carlito this much wider (Arial bold: 1.154)
MEASURED = frozenset({"calibri", "carlito"})  # fonts deck measures exactly


@dataclass(frozen=True)
class PageGeometry:
    """Where a page's parts go on its corporate layout (points)."""

    layout: str  # the layout's name in the corporate file
    title: Box
    body: Box
    footer: Box | None = None
    number: Box | None = None
    subtitle: Box | None = None


@dataclass(frozen=True)
class Branding:
    width: float
    height: float
    pages: tuple[tuple[str, PageGeometry], ...]  # deck template ("" for every other) → geometry

    def page(self, template: str) -> PageGeometry:
        found = dict(self.pages)
        return found.get(template) or found[""]

    def layout_names(self) -> tuple[tuple[str, str], ...]:
        return tuple((template, geometry.layout) for template, geometry in self.pages)


def _box(value: tuple[float, float, float, float] | None) -> Box | None:
    return Box(*value) if value else None


def cover_layout(brand: Brand) -> TemplateLayout | None:
    return next(
        (layout for layout in brand.layouts if layout.kind == "title" and layout.find("ctrTitle", "title")),
        next((layout for layout in brand.layouts if layout.find("ctrTitle")), None),
    )


def content_layout(brand: Brand) -> TemplateLayout | None:
    """The layout for every page but the title: a title and one content area, as PowerPoint's
    "Title and Content" (or "Title Only") is, whatever the organisation named it."""
    for kind in ("obj", "tx", "titleOnly"):
        for layout in brand.layouts:
            if layout.kind == kind and layout.find("title"):
                return layout
    return next((layout for layout in brand.layouts if layout.find("title")), None)


def geometry(brand: Brand, layout: TemplateLayout, cover: bool) -> PageGeometry:
    """A layout's title, body, footer and number boxes; a body the layout does not give is the
    room its title leaves above the footer (or above the title, when the title is at the foot)."""
    named = layout.find("ctrTitle", "title") if cover else layout.find("title", "ctrTitle")
    title = _box(named.box) if named else None
    footer = _box(found.box) if (found := layout.find("ftr")) else None
    number = _box(found.box) if (found := layout.find("sldNum")) else None
    foot = min((b.y for b in (footer, number) if b), default=brand.height * 0.93)
    margin = brand.width * 0.05
    if title is None:
        title = Box(margin, brand.height * 0.06, brand.width - 2 * margin, brand.height * 0.16)
    subtitle = _box(found.box) if cover and (found := layout.find("subTitle")) else None
    body_ph = None if cover else layout.find("obj", "body", "tx")
    if body_ph is not None and body_ph.box:
        body = Box(*body_ph.box)
    elif title.y + title.h / 2 < brand.height / 2:
        body = Box(title.x, title.bottom + GAP, title.w, foot - GAP - title.bottom - GAP)
    else:
        body = Box(title.x, margin, title.w, title.y - GAP - margin)
    if body.bottom > foot - 4:
        body = replace(body, h=max(0.0, foot - 4 - body.y))
    drawn = [Box(*b) for b in layout.drawn if b[2] * b[3] < brand.width * brand.height / 4]  # not a backdrop
    title, body = _clear(title, drawn), _clear(body, drawn)
    subtitle = _clear(subtitle, drawn) if subtitle else None
    return PageGeometry(layout.name, title, body, footer, number, subtitle)


def _clear(box: Box, drawn: list[Box]) -> Box:
    """``box`` without what the template draws over it (its logo, a line): cut on the side where
    it stands, so that nothing of deck's lands on the template's own marks."""
    for mark in drawn:
        if not (mark.x < box.right and box.x < mark.right and mark.y < box.bottom and box.y < mark.bottom):
            continue
        cuts = [
            (mark.x - GAP - box.x) * box.h,  # keep what is left of it
            (box.right - mark.right - GAP) * box.h,  # right of it
            (mark.y - GAP - box.y) * box.w,  # above it
            (box.bottom - mark.bottom - GAP) * box.w,  # below it
        ]
        best = max(range(4), key=lambda k: cuts[k])
        if cuts[best] <= 0:
            continue
        if best == 0:
            box = Box(box.x, box.y, mark.x - GAP - box.x, box.h)
        elif best == 1:
            box = Box(mark.right + GAP, box.y, box.right - mark.right - GAP, box.h)
        elif best == 2:
            box = Box(box.x, box.y, box.w, mark.y - GAP - box.y)
        else:
            box = Box(box.x, mark.bottom + GAP, box.w, box.bottom - mark.bottom - GAP)
    return box


def branding(brand: Brand, chosen: dict[str, str]) -> Branding:
    """Each deck template's geometry: ``chosen`` maps deck templates (or ``default``) to layout
    names the input stage found in the file."""
    pages: list[tuple[str, PageGeometry]] = []
    default = brand.layout(chosen["default"]) if "default" in chosen else content_layout(brand)
    if default is None:
        default = brand.layouts[0]
    pages.append(("", geometry(brand, default, cover=False)))
    cover = brand.layout(chosen["title"]) if "title" in chosen else cover_layout(brand)
    pages.append(("title", geometry(brand, cover or default, cover=True)))
    for template, name in sorted(chosen.items()):
        layout = brand.layout(name)
        if template not in ("default", "title") and layout is not None:
            pages.append((template, geometry(brand, layout, cover=False)))
    return Branding(brand.width, brand.height, tuple(pages))


def brand_theme(theme: Theme, brand: Brand, overridden: set[str]) -> Theme:
    """The corporate colours and font under the deck theme: a key the layout (or its theme) sets
    stays the layout's."""
    palette = dict(brand.palette)
    ink, paper, accent = palette.get("dk1", theme.ink), palette.get("lt1", theme.background), palette.get("accent1")
    changes: dict[str, Any] = {"ink": ink, "primary": ink, "background": paper}
    if accent:
        changes |= {"accent": accent, "accent_soft": palette.get("accent2", mix(accent, paper, 0.5))}
        changes |= {"earlier": mix(ink, paper, 0.68)}
    changes |= {"muted": mix(ink, paper, 0.3), "rule": mix(ink, paper, 0.82), "neutral": mix(ink, paper, 0.78)}
    changes |= {"card": palette.get("lt2", mix(ink, paper, 0.94)), "font_name": brand.fonts[1]}
    if any(font.lower() not in MEASURED for font in brand.fonts):
        changes["text_scale"] = WIDER
    return replace(theme, **{k: v for k, v in changes.items() if k not in overridden})
