"""Compose each planned page into a scene: its template laid out in its box, every text fitted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from deck.errors import FitError, Key, Problem
from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.source import SourceMap
from deck.inputs.study import Section, Study
from deck.layout import notes
from deck.layout.context import Ctx
from deck.layout.frame import credit_line, frame_section
from deck.layout.plan import PRESETS, SLIDE_SIZE, Plan, plan_slides
from deck.layout.template import Page, SectionTemplate
from deck.layout.templates import PAGES, SECTIONS, section_template
from deck.layout.textbox import FitFailure, GlyphFailure
from deck.layout.theme import Theme
from deck.scene import Box, Scene
from deck.typesetting.locale import Typesetter


@dataclass(frozen=True)
class Sources:
    """Where problems point: the data file, or the layout spec for keys the layout owns."""

    study: SourceMap
    spec: SourceMap


def make_ctx(study: Study, theme: Theme) -> Ctx:
    return Ctx(study, theme, Typesetter(study.meta.locale), "slide", "")


def compose_slide(ctx: Ctx, plan: Plan, number: int, sources: Sources) -> Scene:
    ctx = replace(ctx, medium="slide", where=f"slide {number}")
    page = Page(Box(0, 0, *SLIDE_SIZE), str(number), ctx.theme.space.slide_margin, plan.title, plan.title_key)
    return _guard(sources, ctx, lambda: _scene(ctx, plan, page))


def compose_image(ctx: Ctx, plan: Plan, spec: LayoutSpec, sources: Sources, where: str) -> Scene:
    """The image ``plan`` asks for; ``where`` names it in messages ("image png/01-usages.png")."""
    ctx = replace(ctx, medium="image", where=where)
    w, h = PRESETS[plan.preset]
    panels: tuple[tuple[Section, SectionTemplate], ...] = ()
    if plan.template == "poster":
        chosen = {p.section.id: p.template for p in plan_slides(ctx.study, spec) if p.section}
        panels = tuple((s, section_template(chosen.get(s.id, "auto"), s)) for s in ctx.study.sections)
    page = Page(Box(0, 0, w, h), credit_line(ctx), ctx.theme.space.image_margin, panels=panels)
    return _guard(sources, ctx, lambda: _scene(ctx, plan, page))


def _scene(ctx: Ctx, plan: Plan, page: Page) -> Scene:
    if plan.section is None:
        return PAGES[plan.template].make(ctx, page)
    section, template = plan.section, SECTIONS[plan.template]
    frame = frame_section(
        ctx, section, page.box, title=page.title, title_key=page.title_key, corner=page.corner, margin=page.margin
    )
    shown = template.shows(section)
    return Scene(
        page.box.w,
        page.box.h,
        tuple(frame.elements + template.body(ctx, section, frame.body)),
        section=section.id,
        template=plan.template,
        figures=tuple(notes.figures(shown)),
        alt=notes.alt_text(ctx.ts, section, shown),
        notes=notes.speaker_notes(ctx.ts, ctx.study, section),
    )


def _locate(sources: Sources, key: Key, message: str, hint: str, code: str) -> Problem:
    if key[:1] == ("slides",):  # the layout's own title of a slide
        return sources.spec.problem(key, message, hint, code=code)
    return sources.study.problem(key, message, hint, code=code)


def _guard(sources: Sources, ctx: Ctx, make: Callable[[], Scene]) -> Scene:
    try:
        return make()
    except FitFailure as exc:
        over = (
            ""
            if exc.needed == float("inf")
            else f" (needs {exc.needed:.0f} pt of height, {exc.available:.0f} pt available)"
        )
        message = f"the {exc.what} does not fit on {ctx.where} even at its smallest size{over}"
        hint = "shorten the text or choose a roomier template"
        raise FitError([_locate(sources, exc.key, message, hint, "unfit-text")]) from None
    except GlyphFailure as exc:
        message = f"the {exc.what} has characters the font cannot draw: {exc.listing}"
        hint = "replace them (they would print as empty boxes)"
        raise FitError([_locate(sources, exc.key, message, hint, "glyph")]) from None
