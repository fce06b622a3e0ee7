"""Template registry: names users write in layout specs, and what each needs from a section."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from deck.inputs.study import Breakdown, Item, Quote, Ranking, Section, Stat
from deck.layout.templates import content, figures
from deck.layout.textbox import Ctx
from deck.scene import Box, Element

Body = Callable[[Ctx, Section, Box], list[Element]]


def _stats(s: Section) -> list[Stat]:
    return [i for i in s.items if isinstance(i, Stat)]


def _need_stat(s: Section) -> str | None:
    return None if _stats(s) else "needs at least one `stat` item"


def _need_compare(s: Section) -> str | None:
    return None if any(st.earlier for st in _stats(s)) else "needs a `stat` with an `earlier` wave"


def _need_breakdown(s: Section) -> str | None:
    return None if any(isinstance(i, Breakdown) for i in s.items) else "needs a `breakdown` item"


def _need_ranking(s: Section) -> str | None:
    return None if any(isinstance(i, Ranking) for i in s.items) else "needs a `ranking` item"


def _need_quote(s: Section) -> str | None:
    return None if any(isinstance(i, Quote) for i in s.items) else "needs a `quote` item"


def _need_share(s: Section) -> str | None:
    return None if any(st.unit == "%" for st in _stats(s)) else "needs a `stat` in % (a share) to draw people"


def _need_grid(s: Section) -> str | None:
    if not _stats(s):
        return "needs at least one `stat` item"
    return None


def _quotes(s: Section) -> list[Quote]:
    return [i for i in s.items if isinstance(i, Quote)]


def _first(kind: type, s: Section) -> list[Item]:
    return [i for i in s.items if isinstance(i, kind)][:1]


SHOWS: dict[str, Callable[[Section], list[Item]]] = {
    "hero": lambda s: _first(Stat, s) + _quotes(s)[:2],
    "stat-grid": lambda s: list(_stats(s)),
    "pictogram": lambda s: list(_stats(s)),
    "quote": lambda s: list(_quotes(s)[:3]),
    "compare-bars": lambda s: [st for st in _stats(s) if st.earlier],
    "breakdown": lambda s: _first(Breakdown, s) + _first(Stat, s),
    "ranking": lambda s: _first(Ranking, s),
}


@dataclass(frozen=True)
class Template:
    name: str
    body: Body
    needs: Callable[[Section], str | None]
    summary: str

    def shows(self, section: Section) -> list[Item]:
        """The items of ``section`` this template draws (notes and headings aside)."""
        return SHOWS[self.name](section)


SECTION_TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in [
        Template("hero", content.hero, _need_stat, "one dominant figure with up to two quotes"),
        Template("stat-grid", content.stat_grid, _need_grid, "two to four figures a row, with earlier waves"),
        Template("pictogram", content.pictogram, _need_share, "a share as a row of ten people"),
        Template("quote", content.quotes, _need_quote, "one to three quote cards"),
        Template("compare-bars", figures.compare_bars, _need_compare, "current wave against the earlier one"),
        Template("breakdown", figures.breakdown, _need_breakdown, "answers that sum to 100 %, as a doughnut"),
        Template("ranking", figures.ranking, _need_ranking, "a top-N as horizontal bars"),
    ]
}
PAGE_TEMPLATES = ("title", "methodology", "summary")
IMAGE_TEMPLATES = ("poster",)


def all_names(kind: str) -> list[str]:
    names = ["auto", *SECTION_TEMPLATES]
    return names + list(PAGE_TEMPLATES) if kind == "slide" else names + list(IMAGE_TEMPLATES) + ["summary"]


def did_you_mean(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def choose(section: Section) -> str:
    """The template that serves a section best, judged from its content."""
    stats = _stats(section)
    if any(isinstance(i, Breakdown) for i in section.items):
        return "breakdown"
    if any(isinstance(i, Ranking) for i in section.items):
        return "ranking"
    if sum(1 for s in stats if s.earlier) >= 2:
        return "compare-bars"
    if len(stats) == 1:
        return "hero"
    if any(s.headline and s.unit == "%" for s in stats):
        return "pictogram"
    if stats:
        return "stat-grid"
    return "quote"
