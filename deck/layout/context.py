"""The build context every template receives: the study, the theme, the locale's typesetter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from deck.errors import Key
from deck.inputs.study import Section, Stat, Study
from deck.layout.figures import decimals
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
    places: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys:  # where each section and item stands in the data file, found once
            self.keys.update(index_keys(self.study))
            self.places.update(decimals(self.study))

    def value(self, value: float, unit: str, item: object) -> str:
        """A figure of ``item`` in its unit, with the decimals of its section and unit."""
        return self.ts.value(value, unit, self.places.get(id(item)))

    def change(self, diff: float, unit: str, item: object) -> str:
        return self.ts.change(diff, unit, self.places.get(id(item)))

    def decimals(self, item: object) -> int:
        return self.places.get(id(item), 0)

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
