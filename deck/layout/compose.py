"""Plan the pages a layout spec asks for and compose each into a scene."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from deck.errors import FitError
from deck.inputs.layout_spec import PRESETS, SLIDE_SIZE, ImageSpec, SlideSpec
from deck.inputs.load import Inputs
from deck.inputs.study import Section
from deck.layout import notes
from deck.layout.frame import Frame, frame_page, section_notes
from deck.layout.templates import SECTION_TEMPLATES, choose, cover
from deck.layout.textbox import Ctx, FitFailure, GlyphFailure
from deck.layout.theme import Theme, make_theme
from deck.scene import Box, Element, Rect, Scene
from deck.typesetting.locale import Typesetter

POSTER_PANEL = {
    "hero": 430.0,
    "compare-bars": 470.0,
    "pictogram": 430.0,
    "breakdown": 380.0,
    "stat-grid": 540.0,
    "ranking": 330.0,
    "quote": 360.0,
}


@dataclass(frozen=True)
class Plan:
    """One page to make: a slide, or an image in a preset size."""

    template: str
    section: Section | None
    title: str | None = None
    preset: str = "slide"
    name: str = ""
    index: int | None = None  # position in the layout's `slides`, for messages about its title


def plan_slides(inputs: Inputs) -> list[Plan]:
    study, spec = inputs.study, inputs.spec
    by_id = {s.id: s for s in study.sections}
    entries = spec.slides
    if entries is None:
        entries = [
            SlideSpec(template="title"),
            *(SlideSpec(section=s.id) for s in study.sections),
            SlideSpec(template="methodology"),
        ]
    plans = [replace(_plan(e.template, by_id.get(e.section or ""), e.title), index=i) for i, e in enumerate(entries)]
    placed = {p.section.id for p in plans if p.section}
    missing = [_plan("auto", s, None) for s in study.sections if s.id not in placed]
    tail = len(plans)
    while tail > 0 and plans[tail - 1].section is None and plans[tail - 1].template != "title":
        tail -= 1
    return plans[:tail] + missing + plans[tail:]


def _plan(template: str, section: Section | None, title: str | None, preset: str = "slide") -> Plan:
    if section is not None and template == "auto":
        template = choose(section)
    return Plan(template, section, title, preset)


def plan_images(inputs: Inputs) -> list[Plan]:
    study = inputs.study
    by_id = {s.id: s for s in study.sections}
    plans: list[Plan] = []
    for entry in inputs.spec.infographics:
        plans += list(_image_plans(entry, study.sections, by_id))
    names: set[str] = set()
    out = []
    for plan in plans:
        name = plan.name
        if name in names:
            name = name.replace(".png", f"-{plan.template}.png")
        names.add(name)
        out.append(replace(plan, name=name))
    return out


def _image_plans(entry: ImageSpec, sections: list[Section], by_id: dict[str, Section]) -> Iterator[Plan]:
    if entry.template in ("poster", "summary"):
        yield Plan(
            entry.template,
            None,
            None,
            entry.preset,
            f"{entry.template}.png"
            if entry.preset in ("poster", "newsletter")
            else f"{entry.template}-{entry.preset}.png",
        )
        return
    chosen = sections if entry.section == "all" else [by_id[entry.section or ""]]
    for section in chosen:
        number = sections.index(section) + 1
        suffix = "" if entry.preset == "newsletter" else f"-{entry.preset}"
        plan = _plan(entry.template, section, None, entry.preset)
        yield replace(plan, name=f"{number:02d}-{section.id}{suffix}.png")


def make_ctx(inputs: Inputs, medium: str, where: str) -> Ctx:
    theme: Theme = make_theme(inputs.spec.theme, inputs.logo)
    return Ctx(inputs.study, theme, Typesetter(inputs.study.study.locale), medium, where)  # type: ignore[arg-type]


def compose_slide(inputs: Inputs, plan: Plan, number: int) -> Scene:
    ctx = make_ctx(inputs, "slide", f"slide {number}")
    page = Box(0, 0, *SLIDE_SIZE)
    return _guard(inputs, ctx, lambda: _page_scene(ctx, plan, page, corner=str(number), margin=36.0))


def compose_image(inputs: Inputs, plan: Plan) -> Scene:
    ctx = make_ctx(inputs, "image", f"image png/{plan.name}")
    if plan.template == "poster":
        chosen = {p.section.id: p.template for p in plan_slides(inputs) if p.section}
        return _guard(inputs, ctx, lambda: _poster(ctx, chosen))
    w, h, _ = PRESETS[plan.preset]
    page = Box(0, 0, w, h)
    return _guard(inputs, ctx, lambda: _page_scene(ctx, plan, page, corner=cover.credit_line(ctx), margin=40.0))


LAYOUT_KEY = "@layout"  # first part of a key that points into the layout spec, not the data file


def _locate(inputs: Inputs, key: tuple[str | int, ...], message: str, hint: str) -> FitError:
    if key[:1] == (LAYOUT_KEY,):
        return FitError([inputs.spec_source.problem(key[1:], message, hint)])
    return FitError([inputs.study_source.problem(key, message, hint)])


def _guard(inputs: Inputs, ctx: Ctx, make: object) -> Scene:
    try:
        return make()  # type: ignore[operator]
    except FitFailure as exc:
        over = (
            ""
            if exc.needed == float("inf")
            else f" (needs {exc.needed:.0f} pt of height, {exc.available:.0f} pt available)"
        )
        raise _locate(
            inputs,
            exc.key,
            f"the {exc.what} does not fit on {ctx.where} even at its smallest size{over}",
            "shorten the text or choose a roomier template",
        ) from None
    except GlyphFailure as exc:
        raise _locate(
            inputs,
            exc.key,
            f"the {exc.what} has characters the font cannot draw: {exc.listing}",
            "replace them (they would print as empty boxes)",
        ) from None


def _page_scene(ctx: Ctx, plan: Plan, page: Box, *, corner: str, margin: float) -> Scene:
    elements: list[Element]
    section = plan.section
    if plan.template == "title":
        return Scene(
            page.w,
            page.h,
            tuple(cover.title(ctx, page)),
            template="title",
            alt=ctx.ts.text(ctx.study.study.title),
            notes=_title_notes(ctx),
        )
    if section is None:
        headline = plan.title or ctx.ts.word("methodology" if plan.template == "methodology" else "key_figures")
        key = (LAYOUT_KEY, "slides", plan.index, "title") if plan.title and plan.index is not None else ()
        frame = frame_page(ctx, page, headline=headline, headline_key=key, corner=corner, margin=margin)
        body = cover.methodology(ctx, frame.body) if plan.template == "methodology" else cover.summary(ctx, frame.body)
        return Scene(
            page.w,
            page.h,
            tuple(frame.elements + body),
            template=plan.template,
            alt=headline,
            notes="\n".join(p for e in body if hasattr(e, "paragraphs") for p in e.paragraphs),  # type: ignore[union-attr]
            figures=tuple(f for s in ctx.study.sections for f in notes.figures(s.items, waves=0)[:1])
            if plan.template == "summary"
            else (),
        )
    title_key = (LAYOUT_KEY, "slides", plan.index, "title") if plan.title and plan.index is not None else None
    frame = _frame_section(ctx, section, page, plan.title, corner, margin, compact=False, title_key=title_key)
    template = SECTION_TEMPLATES[plan.template]
    elements = frame.elements + template.body(ctx, section, frame.body)
    shown = template.shows(section)
    return Scene(
        page.w,
        page.h,
        tuple(elements),
        section=section.id,
        template=plan.template,
        figures=tuple(notes.figures(shown)),
        alt=notes.alt_text(ctx.ts, section, shown),
        notes=notes.speaker_notes(ctx.ts, ctx.study, section),
    )


def _frame_section(
    ctx: Ctx,
    section: Section,
    page: Box,
    title: str | None,
    corner: str | None,
    margin: float,
    compact: bool,
    title_key: tuple[str | int, ...] | None = None,
) -> Frame:
    key = ctx.section_key(section)
    return frame_page(
        ctx,
        page,
        headline=title or section.title,
        headline_key=title_key or key + ("title",),
        lead=section.lead,
        lead_key=key + ("lead",),
        notes=section_notes(ctx, section),
        notes_key=key,
        corner=corner,
        margin=margin,
        compact=compact,
    )


def _title_notes(ctx: Ctx) -> str:
    meta = ctx.study.study
    return "\n".join(p for p in (meta.title, meta.subtitle or "", cover.credit_line(ctx)) if p)


def _poster(ctx: Ctx, templates: dict[str, str]) -> Scene:
    """The whole synthesis as one long page; each section in the template its slide uses."""
    width = PRESETS["poster"][0]
    theme = ctx.theme
    out: list[Element] = []
    head_h = 210.0
    out.append(Rect(Box(0, 0, width, head_h), theme.accent, role="band"))
    white = replace(theme, ink="#FFFFFF", muted="#FFFFFF", accent="#FFFFFF")
    hctx = replace(ctx, theme=white)
    out += [e for e in cover.title(hctx, Box(0, 0, width, head_h)) if not isinstance(e, Rect)]
    y = head_h
    alts: list[str] = []
    figures: list[tuple[str, float]] = []
    for section in ctx.study.sections:
        template = SECTION_TEMPLATES[templates.get(section.id) or choose(section)]
        h = POSTER_PANEL[template.name]
        frame = _frame_section(ctx, section, Box(0, y, width, h), None, None, 40.0, compact=True)
        out += frame.elements + template.body(ctx, section, frame.body)
        shown = template.shows(section)
        alts.append(notes.alt_text(ctx.ts, section, shown).split(". ", 1)[-1])
        figures += notes.figures(shown)
        out.append(Rect(Box(40, y + h - 1, width - 80, 1), theme.rule, role="rule"))
        y += h
    method_h = 360.0
    frame = frame_page(
        ctx, Box(0, y, width, method_h), headline=ctx.ts.word("methodology"), headline_key=(), margin=40.0, compact=True
    )
    out += frame.elements + cover.methodology(ctx, frame.body)
    y += method_h
    alt = " ".join([f"{ctx.ts.word('infographic')}{ctx.ts.colon()} {ctx.ts.text(ctx.study.study.title)}.", *alts])
    return Scene(width, y, tuple(out), template="poster", figures=tuple(figures), alt=alt)
