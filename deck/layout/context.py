"""The build context every template receives: the study, the theme, the locale's typesetter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from deck.errors import Key
from deck.inputs.study import Section, Stat, Study
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

    def __post_init__(self) -> None:
        if not self.keys:  # where each section and item stands in the data file, found once
            self.keys.update(index_keys(self.study))

    def section_key(self, section: Section) -> Key:
        return self.keys[id(section)]

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
