"""The template registry: one record per template, one module per template.

To add a template, write its module (its body and its ``TEMPLATE`` record) and list it here; the
layout checks, ``auto``, the poster, the JSON Schema and the docs' table all read this registry.
"""

from __future__ import annotations

from deck.errors import did_you_mean
from deck.inputs.study import Section
from deck.layout.template import Medium, PageTemplate, SectionTemplate
from deck.layout.templates import (
    breakdown,
    compare_bars,
    hero,
    methodology,
    pictogram,
    poster,
    quote,
    ranking,
    stat_grid,
    summary,
    title,
    trend,
)

SECTIONS: dict[str, SectionTemplate] = {
    t.name: t
    for t in (
        hero.TEMPLATE,
        stat_grid.TEMPLATE,
        pictogram.TEMPLATE,
        quote.TEMPLATE,
        compare_bars.TEMPLATE,
        breakdown.TEMPLATE,
        ranking.TEMPLATE,
        trend.TEMPLATE,
    )
}
PAGES: dict[str, PageTemplate] = {
    t.name: t for t in (title.TEMPLATE, summary.TEMPLATE, methodology.TEMPLATE, poster.TEMPLATE)
}
AUTO = "auto"

__all__ = ["AUTO", "PAGES", "SECTIONS", "choose", "names", "section_template", "did_you_mean"]


def names(medium: Medium) -> list[str]:
    """Every template name a layout may write for a slide or an image."""
    pages = [name for name, t in PAGES.items() if medium in t.media]
    return [AUTO, *SECTIONS, *pages]


def choose(section: Section, leading: object | None = None) -> str:
    """The template that serves a section best, judged from its content; with ``leading``, the best
    of those that show that item (a section continued on several pages keeps the data's order).

    The best is the first by rank that can show the section and prefers it (among those that show
    ``leading``, if any does), else the first that can. Templates are asked in rank order and the
    asking stops at the best: most sections are decided by the first few."""
    first_usable = first_showing = None
    for template in _ranked():
        if template.lacks(section) is not None:
            continue
        first_usable = first_usable or template
        if leading is None or any(item is leading for item in template.shows(section)):
            if template.prefers(section):
                return template.name
            first_showing = first_showing or template
    if first_showing is not None:
        return first_showing.name
    if first_usable is None:
        return quote.TEMPLATE.name
    # no template shows ``leading``: the best of all those that can show the section
    usable = [t for t in _ranked() if t.lacks(section) is None]
    return next((t.name for t in usable if t.prefers(section)), first_usable.name)


_RANKED: list[tuple[SectionTemplate, ...]] = [(), ()]  # the registry's templates, and the same by rank


def _ranked() -> tuple[SectionTemplate, ...]:
    """The section templates by rank (sorted again only when the registry has changed)."""
    current = tuple(SECTIONS.values())
    if _RANKED[0] != current:
        _RANKED[:] = [current, tuple(sorted(current, key=lambda t: t.rank))]
    return _RANKED[1]


def section_template(name: str, section: Section) -> SectionTemplate:
    """The record of ``name`` (``auto`` resolved for ``section``)."""
    return SECTIONS[choose(section) if name == AUTO else name]
