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

from deck.errors import Problem
from deck.inputs.assets import Picture
from deck.inputs.brand import Brand, TemplateLayout
from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.source import SourceMap
from deck.layout.readability import DEFICIENCIES, delta_e, simulate
from deck.layout.theme import Theme, make_theme, mix
from deck.scene import Align, Box

GAP = 12.0  # between the title and the body when the layout leaves it to deck
MEASURED = frozenset({"calibri", "carlito"})  # fonts deck measures exactly
# how much wider than Carlito a font may set a text (its bold, measured on French and English text)
WIDER = {
    "arial": 1.17,  # bold 1.154 (Liberation Sans)
    "helvetica": 1.17,
    "liberation sans": 1.17,
    "arimo": 1.17,
    "segoe ui": 1.17,
    "trebuchet ms": 1.17,
    "tahoma": 1.22,
    "georgia": 1.27,
    "times new roman": 1.05,
    "cambria": 1.12,
    "verdana": 1.36,
}
UNKNOWN_WIDTH = 1.3  # a font not in the table


@dataclass(frozen=True)
class PageGeometry:
    """Where a page's parts go on its corporate layout (points)."""

    layout: str  # the layout's name in the corporate file
    title: Box
    body: Box
    footer: Box | None = None
    number: Box | None = None
    subtitle: Box | None = None
    background: str | None = None  # the layout's own plain background, when it paints one
    titled: bool = True  # the layout has a title placeholder (else the title is a plain text box)
    align: Align = "left"  # the template's alignment of its titles: what deck's own texts beside them follow
    marks: tuple[Box, ...] = ()  # what the template draws (its logo, bands): deck's texts keep clear of them


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
    """The title layout: of PowerPoint's kind "title", else with a centred title, else with a title
    and a subtitle (as LibreOffice writes its title layout)."""
    for found in (
        (layout for layout in brand.layouts if layout.kind == "title" and layout.find("ctrTitle", "title")),
        (layout for layout in brand.layouts if layout.find("ctrTitle")),
        (layout for layout in brand.layouts if layout.find("title") and layout.find("subTitle")),
    ):
        if (layout := next(found, None)) is not None:
            return layout
    return None


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
    room its title leaves: beside a title set in a side column, else below it (or above it, when
    the title is at the foot), down to the footer row."""
    named = layout.find("ctrTitle", "title") if cover else layout.find("title", "ctrTitle")
    title = _box(named.box) if named else None
    footer = _box(found.box) if (found := layout.find("ftr")) else None
    number = _box(found.box) if (found := layout.find("sldNum")) else None
    low = [b for b in (footer, number) if b and b.y > brand.height / 2]  # a number at the top is no footer row
    foot = min((b.y for b in low), default=brand.height * 0.93)
    margin = brand.width * 0.05
    if title is None:
        title = Box(margin, brand.height * 0.06, brand.width - 2 * margin, brand.height * 0.16)
    subtitle = _box(found.box) if cover and (found := layout.find("subTitle")) else None
    body_ph = None if cover else layout.find("obj", "body", "tx")
    if body_ph is not None and body_ph.box and body_ph.box[2] > 40 and body_ph.box[3] > 40:
        body = Box(*body_ph.box)
    elif title.w < brand.width * 0.4 and title.h > title.w:  # the title in a side column
        left = title.x > brand.width / 2
        x = margin if left else title.right + GAP
        body = Box(x, title.y, (title.x - GAP - margin) if left else brand.width - margin - x, foot - GAP - title.y)
    elif title.y + title.h / 2 < brand.height / 2:
        body = Box(title.x, title.bottom + GAP, title.w, foot - GAP - title.bottom - GAP)
    else:
        body = Box(title.x, margin, title.w, title.y - GAP - margin)
    if body.bottom > foot - 4:
        body = replace(body, h=foot - 4 - body.y)
    if title.w < 150 and not cover:  # a narrow (vertical) title column: the title goes across the body's top
        title = Box(body.x, body.y, body.w, min(body.h / 4, 90.0))
        body = Box(body.x, title.bottom + GAP, body.w, body.bottom - title.bottom - GAP)
    drawn = [Box(*b) for b in layout.drawn if b[2] * b[3] < brand.width * brand.height / 4]  # not a backdrop
    title, body = _clear(title, drawn), _clear(body, drawn)
    subtitle = _clear(subtitle, drawn) if subtitle else None
    footer = _kept_clear(footer, drawn) if footer else None
    number = _kept_clear(number, drawn) if number else None
    body = replace(body, w=max(body.w, 1.0), h=max(body.h, 1.0))  # never empty: a page that cannot fit says so
    align: Align = "center" if layout.align == "ctr" else "right" if layout.align == "r" else "left"
    return PageGeometry(
        layout.name, title, body, footer, number, subtitle, layout.background, named is not None, align, tuple(drawn)
    )


def _kept_clear(box: Box, drawn: list[Box]) -> Box:
    """A footer's or a number's box clear of the template's marks: moved just above a mark it
    sits on (a band along the foot of the slide) rather than cut to nothing."""
    for mark in drawn:
        if mark.x < box.right and box.x < mark.right and mark.y < box.bottom and box.y < mark.bottom:
            cut = _clear(box, [mark])
            if cut.h >= box.h * 0.8 and cut.w >= box.w * 0.5:
                box = cut
            else:
                box = Box(box.x, mark.y - GAP / 2 - box.h, box.w, box.h)
    return box


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
    from deck.layout.theme import contrast

    palette = dict(brand.palette)
    ink, paper, accent = palette.get("dk1", theme.ink), palette.get("lt1", theme.background), palette.get("accent1")
    if contrast(ink, paper) < 4.5:  # a dark master that keeps the scheme's dark text: the colour that reads
        ink = max([*palette.values(), "#FFFFFF", "#000000"], key=lambda color: contrast(color, paper))
    changes: dict[str, Any] = {"ink": ink, "primary": ink, "background": paper}
    if accent:
        changes |= {"accent": accent, "accent_soft": palette.get("accent2", mix(accent, paper, 0.5))}
        changes |= {"earlier": mix(ink, paper, 0.68)}
    changes |= {"muted": mix(ink, paper, 0.3), "rule": mix(ink, paper, 0.82)}
    soft = str(changes.get("accent_soft", theme.accent_soft))
    changes["neutral"] = max(  # a grey the breakdown's second colour stays apart from, for every eye
        (mix(ink, paper, share) for share in (0.78, 0.88, 0.65, 0.55)),
        key=lambda grey: min(delta_e(simulate(grey, d), simulate(soft, d)) for d in (None, *DEFICIENCIES)),
    )
    changes |= {"card": palette.get("lt2", mix(ink, paper, 0.94)), "font_name": brand.fonts[1]}
    changes["text_scale"] = max(width_of(font) for font in brand.fonts)
    return readable(replace(theme, **{k: v for k, v in changes.items() if k not in overridden}))


def width_of(font: str) -> float:
    """How much wider than Carlito ``font`` may set a text (1.0: measured exactly)."""
    name = font.strip().lower()
    return 1.0 if name in MEASURED else WIDER.get(name, UNKNOWN_WIDTH)


def readable_on(theme: Theme, background: str) -> Theme:
    """The theme on a layout that paints its own background: see ``readable``."""
    if background.upper() == theme.background.upper():
        return theme
    return readable(replace(theme, background=background))


def readable(theme: Theme) -> Theme:
    """Each text colour that would not read on the theme's background replaced by the colour of
    the theme (or white, or black) that reads best on it: a dark template whose colour scheme
    keeps dark text, a figure in the accent colour on an accent-coloured layout. Cards that the
    text would not read on become a tint of the background."""
    from deck.layout.theme import contrast

    paper = theme.background
    best = max((theme.ink, theme.primary, "#FFFFFF", "#000000"), key=lambda color: contrast(color, paper))

    def keep(color: str, need: float) -> str:
        return color if contrast(color, paper) >= need else best

    ink = keep(theme.ink, 4.5)
    muted = theme.muted if contrast(theme.muted, paper) >= 4.5 else mix(ink, paper, 0.25)
    card = theme.card
    dark = contrast(paper, "#000000") < contrast(paper, "#FFFFFF")
    plain = dark and contrast(card, "#000000") < contrast(paper, "#000000")  # a card darker than a dark page
    if plain or contrast(ink, card) < 4.5 or contrast(muted, card) < 4.5:
        card = mix(paper, ink, 0.1)
    rule = theme.rule if ink == theme.ink else mix(paper, ink, 0.25)

    def seen(color: str) -> str:  # a bar or a wedge the page does not swallow
        share = 0.0
        while contrast(mix(color, ink, share), paper) < 1.6 and share < 0.9:
            share += 0.15
        return mix(color, ink, share) if share else color

    return replace(
        theme,
        ink=ink,
        primary=keep(theme.primary, 3.0),
        muted=muted,
        accent=keep(theme.accent, 3.0),
        earlier=seen(theme.earlier),
        neutral=seen(theme.neutral),
        accent_soft=seen(theme.accent_soft),
        card=card,
        rule=rule,
    )


def brand_problems(brand: Brand, spec: LayoutSpec, src: SourceMap) -> list[Problem]:
    """What the user should know of a deck on ``brand``: a page on a layout without a title
    placeholder (its title is then no real title), a font deck cannot measure."""
    found = []
    pages = branding(brand, spec.template_layouts)
    for template, where in pages.pages:
        if not where.titled:
            what = "the title slide" if template == "title" else f"'{template}' pages" if template else "the pages"
            found.append(
                src.problem(
                    ("template_layouts", template or "default") if spec.template_layouts else ("template",),
                    f"{what} go on layout '{where.layout}' of {brand.path.name}, which has no title placeholder: "
                    "their titles will be text boxes, which outlines and screen readers do not find",
                    "map them to a layout with a title (template_layouts)",
                    warning=True,
                    code="template",
                )
            )
    for name in dict.fromkeys(where.layout for _, where in pages.pages):
        layout = brand.layout(name)
        if layout is not None and layout.pictured:
            found.append(
                src.problem(
                    ("template",),
                    f"layout '{layout.name}' of {brand.path.name} has a picture or a gradient behind its text: deck "
                    "cannot check that its texts read on it",
                    "look at those slides; give `theme:` colours that read on the picture if they do not",
                    warning=True,
                    code="template",
                )
            )
    if spec.theme.font is None:
        for font in dict.fromkeys(brand.fonts):
            if font.strip().lower() not in MEASURED and font.strip().lower() not in WIDER:
                found.append(
                    src.problem(
                        ("template",),
                        f"{brand.path.name} sets its text in {font}, a font deck does not know: texts are fitted as "
                        f"if {round((UNKNOWN_WIDTH - 1) * 100)} % wider than Calibri; a very wide font may need more",
                        "look at the deck; to measure exactly, use Calibri: `theme: {font: Calibri}`",
                        warning=True,
                        code="template-font",
                    )
                )
    return found


def deck_theme(spec: LayoutSpec, brand: Brand | None, logo: Picture | None = None) -> Theme:
    """The theme the deck is drawn in: the layout's, over the corporate template's colours."""
    theme = make_theme(spec.theme, logo)
    if brand is None:
        return theme
    overridden = set(spec.theme.model_dump(exclude_none=True, exclude={"use", "logo", "type"}))
    return brand_theme(theme, brand, overridden | ({"font_name"} if "font" in overridden else set()))
