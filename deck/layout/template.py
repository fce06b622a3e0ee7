"""What a template is: one record per template, holding everything the rest of deck asks of it.

A section template lays out one section in a box; a page template makes a whole page (title,
summary, methodology, poster). The registry in :mod:`deck.layout.templates` collects the records:
the layout checks, the automatic choice, the poster, the JSON Schema and the docs all read them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from deck.inputs.study import Breakdown, Item, Quote, Ranking, Section, Stat
from deck.scene import Box, Element, Scene

if TYPE_CHECKING:
    from deck.layout.context import Ctx

Medium = Literal["slide", "image"]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class SectionTemplate:
    """A template that shows one section.

    ``lacks`` says why the template cannot show a section (``None`` when it can); ``prefers`` says
    whether ``auto`` should pick it, and ``rank`` orders the templates ``auto`` tries (lowest first).
    """

    name: str
    summary: str  # what it shows, one line: docs and schema
    needs: str  # what it needs in the section, in words: docs
    body: Callable[[Ctx, Section, Box], list[Element]]
    shows: Callable[[Section], Sequence[Item]]
    lacks: Callable[[Section], str | None]
    prefers: Callable[[Section], bool]
    rank: int
    poster_height: float  # points of the poster's 800-point width given to one section
    inline_headings: bool = False  # it sets the section's `heading` items itself (else: as the lead-in)


@dataclass(frozen=True)
class Page:
    """Where and how a page template draws: the page box and its frame's corner text and margin."""

    box: Box
    corner: str | None
    margin: float
    title: str | None = None  # the layout's own headline for this page
    title_key: tuple[str | int, ...] = ()
    panels: tuple[tuple[Section, SectionTemplate, str | None, int], ...] = ()  # the poster's: section, template,
    # title, part
    closing: bool = True  # the poster's last page: it ends with the methodology
    max_height: float | None = None  # the poster's: a page taller than this is cut in two (points)


class TooTall(Exception):  # noqa: N818 - not an error: the poster asks to be cut
    """A poster page would be taller than its ``max_height``: only its first ``fits`` panels fit."""

    def __init__(self, fits: int) -> None:
        super().__init__(fits)
        self.fits = fits


@dataclass(frozen=True)
class PageTemplate:
    """A template that makes a whole page from the study's metadata or from every section."""

    name: str
    summary: str
    make: Callable[[Ctx, Page], Scene]
    media: frozenset[Medium] = field(default_factory=lambda: frozenset({"slide", "image"}))


def _remembered(function: Callable[[Section], R]) -> Callable[[Section], R]:
    """``function`` of a section, remembered for the section it was last asked about: choosing a
    template asks each one several questions (can it, should it, what would it show) of one section.
    The section is held, so it cannot be another that took its place in memory."""
    last: list[Any] = [None, None, None]

    def remembered(section: Section) -> R:
        if last[0] is not section or last[1] is not section.items:
            last[:] = [section, section.items, function(section)]
        return cast(R, last[2])

    return remembered


def last_section(function: Callable[[Section], list[T]]) -> Callable[[Section], list[T]]:
    """A template's choice of items, remembered for the section last asked about (a copy each time)."""
    remembered = _remembered(function)
    return lambda section: list(remembered(section))


@_remembered
def _by_kind(section: Section) -> dict[type, list[Any]]:
    found: dict[type, list[Any]] = {}
    for item in section.items:
        found.setdefault(type(item), []).append(item)
    return found


def of_kind(section: Section, kind: type[T]) -> list[T]:
    """The items of ``section`` of one kind, in order (sorted once for the section last asked about:
    choosing its template asks for them many times)."""
    if _leaf(kind):
        return list(_by_kind(section).get(kind, ()))
    return [i for i in section.items if isinstance(i, kind)]  # a kind that others derive from


def _leaf(kind: type) -> bool:
    """No other kind derives from ``kind`` (as for every kind of item)."""
    known = _LEAVES.get(kind)
    if known is None:
        known = _LEAVES[kind] = not kind.__subclasses__()
    return known


_LEAVES: dict[type, bool] = {}


def negative(stat: Stat) -> bool:
    """The stat or one of its earlier values is below zero (a balance, a net score)."""
    return stat.value < 0 or any(w.value is not None and w.value < 0 for w in stat.earlier)


def stats(section: Section) -> list[Stat]:
    return of_kind(section, Stat)


def quotes(section: Section) -> list[Quote]:
    return of_kind(section, Quote)


def has(kind: type, why: str) -> Callable[[Section], str | None]:
    """A ``lacks`` check: the section needs at least one item of ``kind``; ``why`` says so."""
    return lambda s: None if of_kind(s, kind) else why


def has_breakdown(section: Section) -> bool:
    return bool(of_kind(section, Breakdown))


def has_ranking(section: Section) -> bool:
    return bool(of_kind(section, Ranking))
