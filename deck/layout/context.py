"""The build context every template receives: the study, the theme, the locale's typesetter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from deck.errors import Key
from deck.inputs.study import Section, Stat, Study
from deck.layout.figures import places, scales
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
    keys: dict[int, Key] = field(default_factory=dict, compare=False, repr=False)
    tops: dict[int, float] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys:  # where each section and item stands in the data file, found once
            self.keys.update(index_keys(self.study))
            self.tops.update(scales(self.study))

    def value(self, value: float, unit: str) -> str:
        """A figure in its unit, with the decimals the data gives it."""
        return self.ts.value(value, unit, places(value, unit))

    def delta(self, current: float, earlier: float, unit: str) -> str:
        """The change from ``earlier`` to ``current``, as precise as the two figures."""
        return self.ts.change(current - earlier, unit, max(places(current, unit), places(earlier, unit)))

    def change(self, diff: float, unit: str) -> str:
        """A change published as such."""
        return self.ts.change(diff, unit, places(diff, unit))

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
    return keys
