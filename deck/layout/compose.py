"""Compose each planned page into a scene: its template laid out in its box, every text fitted."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from deck.errors import FitError, Key, Problem
from deck.inputs.load import Inputs
from deck.inputs.source import SourceMap
from deck.inputs.study import Section, Study
from deck.layout import figures, notes
from deck.layout.brand import Branding, branding, deck_theme, readable_on
from deck.layout.context import Ctx
from deck.layout.frame import credit_line, frame_section, master_of
from deck.layout.plan import POSTER_MAX_HEIGHT, PRESETS, SLIDE_SIZE, SLIDE_SIZES, Plan
from deck.layout.template import Page, SectionTemplate, TooTall
from deck.layout.templates import PAGES, SECTIONS
from deck.layout.templates import title as title_template
from deck.layout.textbox import FitFailure, GlyphFailure
from deck.layout.theme import Theme
from deck.parallel import Started, can_fork
from deck.scene import Box, Master, Scene
from deck.typesetting import metrics as tx
from deck.typesetting.locale import Typesetter


@dataclass(frozen=True)
class Sources:
    """Where problems point: the data file, or the layout spec for keys the layout owns."""

    study: SourceMap
    spec: SourceMap


def look(inputs: Inputs) -> tuple[Theme, Branding | None]:
    """The theme, and the corporate template's layouts when the deck is built on one (its colours
    and font then under what the layout's theme sets)."""
    theme = deck_theme(inputs.spec, inputs.brand, inputs.logo)
    if inputs.brand is None:
        return theme, None
    return theme, branding(inputs.brand, inputs.spec.template_layouts)


def context(inputs: Inputs) -> Ctx:
    theme, brand = look(inputs)
    return replace(make_ctx(inputs.study, theme, brand, SLIDE_SIZES[inputs.spec.size]), margins=inputs.spec.margins)


def inputs_master(inputs: Inputs) -> Master:
    """The master, layouts and theme of the deck's file: deck's own, or the corporate template's."""
    theme, brand = look(inputs)
    if brand is None or inputs.brand is None:
        return deck_master(theme, SLIDE_SIZES[inputs.spec.size])
    cover = brand.page("title")
    own = master_of(theme, brand.width, brand.height, (cover.title, cover.subtitle or cover.title))
    return replace(own, brand=inputs.brand.blob, brand_digest=inputs.brand.digest, layouts=brand.layout_names())


def deck_master(theme: Theme, size: tuple[float, float] = SLIDE_SIZE) -> Master:
    """The master, layouts and theme of deck's own file, for 16:9 or 4:3 slides."""
    return master_of(theme, *size, title_template.cover(Box(0, 0, *size)))


def make_ctx(study: Study, theme: Theme, brand: Branding | None = None, size: tuple[float, float] = SLIDE_SIZE) -> Ctx:
    return Ctx(study, theme, Typesetter(study.meta.locale), "slide", "", branding=brand, slide_size=size)


def compose_slide(ctx: Ctx, plan: Plan, number: int, sources: Sources) -> Scene:
    ctx = replace(ctx, medium="slide", where=f"slide {number}")
    size = (ctx.branding.width, ctx.branding.height) if ctx.branding else ctx.slide_size
    if ctx.branding:
        geometry = ctx.branding.page(plan.template)
        own = geometry.background
        ctx = replace(ctx, geometry=geometry, theme=readable_on(ctx.theme, own) if own else ctx.theme)
    page = Page(Box(0, 0, *size), str(number), ctx.theme.space.slide_margin, plan.title, plan.title_key)
    return _guard(sources, ctx, lambda: _scene(ctx, plan, page))


def compose_image(ctx: Ctx, plan: Plan, slides: list[Plan], sources: Sources, where: str) -> Scene:
    """The image ``plan`` asks for (the poster shows ``slides``); ``where`` names it in messages."""
    ctx = replace(ctx, medium="image", where=where, geometry=None)
    w, h = PRESETS[plan.preset]
    panels: tuple[tuple[Section, SectionTemplate, str | None, int], ...] = ()
    closing = True
    if plan.template == "poster":  # every section as its slides show it, in the order of the slides
        pages = [p for p in slides if p.section]
        if plan.panels is not None:  # one page of a poster cut into several
            closing = plan.panels[1] >= len(pages)
            pages = pages[plan.panels[0] : plan.panels[1]]
        most = int(POSTER_MAX_HEIGHT // min(t.poster_height for t in SECTIONS.values()))
        if len(pages) > most:  # more than can fit: cut now, before laying any out
            raise TooTall(most)
        panels = tuple((p.view(), SECTIONS[p.template], _title(ctx, p), p.part) for p in pages)  # type: ignore[misc]
    page = Page(
        Box(0, 0, w, h),
        credit_line(ctx),
        ctx.theme.space.image_margin,
        panels=panels,
        closing=closing,
        max_height=POSTER_MAX_HEIGHT if plan.template == "poster" else None,
    )
    return _guard(sources, ctx, lambda: _scene(ctx, plan, page))


def _scene(ctx: Ctx, plan: Plan, page: Page) -> Scene:
    section = plan.view()
    if section is None:
        scene = PAGES[plan.template].make(ctx, page)
    else:
        scene = section_scene(ctx, section, SECTIONS[plan.template], page, _title(ctx, plan), plan.part)
    return replace(scene, background=ctx.theme.background)


def _title(ctx: Ctx, plan: Plan) -> str | None:
    """The page's own headline: the layout's, or the section's marked as continued."""
    if plan.title:
        return plan.title
    if plan.part > 1 and plan.section is not None:
        return f"{plan.section.title} {ctx.ts.word('continued')}"
    return None


def section_scene(
    ctx: Ctx, section: Section, template: SectionTemplate, page: Page, title: str | None, part: int
) -> Scene:
    shown = template.shows(section)
    frame = frame_section(
        ctx,
        section,
        page.box,
        shown,
        title=title,
        title_key=page.title_key,
        corner=page.corner,
        margin=page.margin,
        part=part,
        inline_headings=template.inline_headings,
    )
    return Scene(
        page.box.w,
        page.box.h,
        tuple(frame.elements + template.body(ctx, section, frame.body)),
        section=section.id,
        template=template.name,
        figures=tuple((f.id, f.value, f.change) for f in figures.shown(shown)),
        alt=ctx.described(lambda: notes.alt_text(ctx, section, shown, title)),
        notes="" if ctx.fit_only else notes.speaker_notes(ctx, section, shown, title),
    )


def _locate(sources: Sources, key: Key, message: str, hint: str, code: str) -> Problem:
    if key[:1] == ("slides",):  # the layout's own title of a slide
        return sources.spec.problem(key, message, hint, code=code)
    return sources.study.problem(key, message, hint, code=code)


def _guard(sources: Sources, ctx: Ctx, make: Callable[[], Scene]) -> Scene:
    try:
        return make()
    except FitFailure as exc:
        if exc.lines:
            over = f" (needs {exc.lines[0]} lines, at most {exc.lines[1]})"
        elif exc.needed == float("inf"):
            over = " (a word is wider than its box)"
        else:
            over = f" (needs {exc.needed:.0f} pt of height, {exc.available:.0f} pt available)"
        what = _WORDS.get(exc.what, exc.what)
        message = f"the {what} does not fit on {ctx.where} even at its smallest size{over}"
        hint = "shorten the text or choose a roomier template"
        if ctx.geometry is not None:  # on a corporate layout: it may be the layout that is small
            hint += f", or map this page to a roomier layout than '{ctx.geometry.layout}' (template_layouts)"
        raise FitError([_locate(sources, exc.key, message, hint, "unfit-text")]) from None
    except GlyphFailure as exc:
        message = f"the {exc.what} has characters the font cannot draw: {exc.listing}"
        hint = "replace them (they would print as empty boxes)"
        raise FitError([_locate(sources, exc.key, message, hint, "glyph")]) from None


_WORDS = {"corner": "slide number", "footer": "footnote", "data-label": "data label"}  # roles, in words
_CHECK: tuple[Any, ...] | None = None
CHECK_AT_ONCE = 128  # slides a worker tries at a time


def slides_fit(
    ctx: Ctx, plans: list[Plan], sources: Sources, workers: int, meanwhile: Callable[[], list[Problem]]
) -> tuple[bool, list[Problem]]:
    """Whether every slide fits as planned, laid out on forked workers that send back nothing but
    a yes or no (the scenes are dropped: sending them back costs what a second core saves). False
    also when there are too few slides to share out: the caller then lays them out itself. And
    what ``meanwhile`` gives, run here while the workers lay out."""
    if workers <= 1 or len(plans) < 2 * CHECK_AT_ONCE or not can_fork():
        return False, meanwhile()
    global _CHECK
    _CHECK = (replace(ctx, fit_only=True), plans, sources)  # what forked workers find in their copy of this process
    try:
        for face in tx.FACES:  # the fonts read and their characters listed once, here, not in every worker
            tx.draws("0", face), tx.width("0", face, 1.0)
        for plan in {p.template: p for p in plans}.values():  # and what pages of a kind share, measured once
            with suppress(FitError):
                compose_slide(_CHECK[0], plan, len(plans), sources)
        chunks = [range(k, min(k + CHECK_AT_ONCE, len(plans))) for k in range(0, len(plans), CHECK_AT_ONCE)]
        with Started(_chunk_fits, chunks, workers) as started:
            done = meanwhile()
            return all(started.results()), done
    finally:
        _CHECK = None


def _chunk_fits(indices: range) -> bool:
    assert _CHECK is not None
    ctx, plans, sources = _CHECK
    try:
        for i in indices:
            compose_slide(ctx, plans[i], i + 1, sources)
    except FitError:
        return False
    return True
