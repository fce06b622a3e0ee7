"""The build context every template receives: the study, the theme, the locale's typesetter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from deck.errors import Key
from deck.inputs.study import Ranking, Section, Stat, Study
from deck.layout.brand import Branding, PageGeometry
from deck.layout.figures import item_places, places, scales
from deck.layout.theme import Theme
from deck.typesetting.locale import Typesetter

__all__ = ["Ctx", "Key"]


@dataclass(frozen=True)
class Ctx:
    study: Study
    theme: Theme
    ts: Typesetter
    medium: Literal["slide", "image"]
    where: str  # "slide 3" or "image png/02-pratiques.png", for messages
    branding: Branding | None = None  # the corporate template's layouts, when the deck is built on one
    geometry: PageGeometry | None = None  # where this slide's parts go on its corporate layout
    slide_size: tuple[float, float] = (960.0, 540.0)  # points, of deck's own slides
    margins: bool = False  # the layout asks for each figure's margin of error beside it
    fit_only: bool = False  # laid out only to know that it fits: no speaker notes nor alternative text
    keys: dict[int, Key] = field(default_factory=dict, compare=False, repr=False)
    tops: dict[int, float] = field(default_factory=dict, compare=False, repr=False)
    precision: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys:  # where each section and item stands in the data file, found once
            self.keys.update(index_keys(self.study))
            self.tops.update(scales(self.study))
            self.precision.update(item_places(self.study))

    def described(self, describe: Callable[[], str]) -> str:
        """An alternative text, unless this is laid out only to know that it fits."""
        return "" if self.fit_only else describe()

    def places(self, value: float, unit: str, owner: object | None = None) -> int:
        """The decimals of a figure: its item's (see ``figures.item_places``), or its own."""
        found = self.precision.get(id(owner)) if owner is not None else None
        return places(value, unit) if found is None else found

    def value(self, value: float, unit: str, owner: object | None = None) -> str:
        """A figure in its unit, with the decimals of the item it belongs to (``owner``)."""
        return self.ts.value(value, unit, self.places(value, unit, owner))

    def delta(self, current: float, earlier: float, unit: str, owner: object | None = None) -> str:
        """The change from ``earlier`` to ``current``, as precise as the two figures."""
        digits = max(self.places(current, unit, owner), self.places(earlier, unit, owner))
        return self.ts.change(current - earlier, unit, digits)

    def change(self, diff: float, unit: str, owner: object | None = None) -> str:
        """A change published as such."""
        return self.ts.change(diff, unit, self.places(diff, unit, owner))

    def top(self, item: object) -> float:
        """The largest value of ``item``'s unit in its section: the maximum its charts share."""
        return self.tops.get(id(item), 0.0)

    def section_key(self, section: Section) -> Key:
        """Where ``section`` stands; a part of a section (a continued slide) stands where it does."""
        if id(section) in self.keys:
            return self.keys[id(section)]
        return next(("sections", i) for i, s in enumerate(self.study.sections) if s.id == section.id)

    def item_key(self, section: Section, item: object) -> Key:
        return self.keys[id(item)]

    def stat_key(self, stat: Stat) -> Key:
        return self.keys.get(id(stat), ())


def index_keys(study: Study) -> dict[int, Key]:
    """The key path of every section and item of ``study``, by object identity."""
    keys: dict[int, Key] = {}
    for si, section in enumerate(study.sections):
        keys[id(section)] = ("sections", si)
        for ii, item in enumerate(section.items):
            keys[id(item)] = ("sections", si, "items", ii)
            entries = item.items if isinstance(item, Ranking) else ()  # (asking a stat for `items` costs more)
            for ei, entry in enumerate(entries):  # a ranking's entries
                keys[id(entry)] = ("sections", si, "items", ii, "items", ei)
    return keys
