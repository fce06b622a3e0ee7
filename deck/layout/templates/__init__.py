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
    of those that show that item (a section continued on several pages keeps the data's order)."""
    ranked = sorted(SECTIONS.values(), key=lambda t: t.rank)
    usable = [t for t in ranked if t.lacks(section) is None]
    if leading is not None:
        usable = [t for t in usable if any(item is leading for item in t.shows(section))] or usable
    return next((t.name for t in usable if t.prefers(section)), usable[0].name if usable else quote.TEMPLATE.name)


def section_template(name: str, section: Section) -> SectionTemplate:
    """The record of ``name`` (``auto`` resolved for ``section``)."""
    return SECTIONS[choose(section) if name == AUTO else name]
