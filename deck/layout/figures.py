"""The figures of a study as pages show them: how many decimals each is written with (one rule,
one place), the words of its earlier waves, and the ids the manifest lists.

Ids: ``stat``, ``stat@2020`` (an earlier wave), ``breakdown.answer``, ``ranking.entry`` and
``ranking.entry@2020``; answers and entries without an id are numbered from 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from deck.inputs.study import Breakdown, RankEntry, Ranking, Section, Stat, Study, Wave
from deck.typesetting.locale import unit_kind


@dataclass(frozen=True)
class Shown:
    """A figure a page shows: its id and value, or, for a wave published as a change, the change."""

    id: str
    value: float | None
    change: float | None = None


def wave_id(owner: str, wave: Wave) -> str:
    return f"{owner}@{wave.year or wave.label}"


def wave_name(wave: Wave) -> str:
    return str(wave.year) if wave.year is not None else wave.label or ""


def entry_id(ranking: Ranking, index: int, entry: RankEntry) -> str:
    return f"{ranking.id}.{entry.id or index}"


def shown(items: Iterable[object], *, waves: bool = True) -> list[Shown]:
    """The figures ``items`` show, with every earlier wave unless ``waves`` is false."""
    out: list[Shown] = []
    for item in items:
        if isinstance(item, Stat):
            out.append(Shown(item.id, item.value))
            out += [_wave(item.id, w) for w in item.earlier] if waves else []
        elif isinstance(item, Breakdown):
            out += [Shown(f"{item.id}.{a.id or i}", a.value) for i, a in enumerate(item.answers, 1)]
        elif isinstance(item, Ranking):
            for i, entry in enumerate(item.items, 1):
                out.append(Shown(entry_id(item, i, entry), entry.value))
                out += [_wave(entry_id(item, i, entry), w) for w in entry.earlier] if waves else []
    return out


def _wave(owner: str, wave: Wave) -> Shown:
    return Shown(wave_id(owner, wave), wave.value, wave.change if wave.value is None else None)


MAX_PLACES = 3


@lru_cache(maxsize=4096)
def places(value: float, unit: str) -> int:
    """The decimals a figure is written with: as many as the data gives (up to three); money with cents
    shows both digits ("41,30 €"). Remembered: a study's figures repeat the same values."""
    text = repr(float(value))
    fraction = text.split(".")[1].rstrip("0") if "." in text and "e" not in text else ""
    found = min(len(fraction), MAX_PLACES)
    return max(found, 2) if found and unit_kind(unit) == "currency" else found


def item_places(study: Study) -> dict[int, int]:
    """Decimals per item, by identity (a stat and its waves, a breakdown's answers, a ranking's entries
    share one precision: the most precise of them, as the data gives it); money in a section shows cents
    everywhere when it shows them anywhere ("11,00 €" beside "12,80 €")."""
    out: dict[int, int] = {}
    for section in study.sections:
        items = [i for i in section.items if isinstance(i, (Stat, Breakdown, Ranking))]
        for item in items:
            out[id(item)] = max(places(v, item.unit) for v in _values(item))
        cents = {i.unit for i in items if unit_kind(i.unit) == "currency" and out[id(i)] >= 2}
        for item in items:
            if item.unit in cents:
                out[id(item)] = max(out[id(item)], 2)
            if isinstance(item, Ranking):
                out.update({id(entry): out[id(item)] for entry in item.items})
    return out


def scales(study: Study) -> dict[int, float]:
    """The largest value of each item's unit in its section, by item: every chart of a section in one
    unit runs to the same maximum, so bars on a continued slide compare with the ones before."""
    out: dict[int, float] = {}
    for section in study.sections:
        by_unit: dict[str, list[Stat | Breakdown | Ranking]] = {}
        for item in section.items:
            if isinstance(item, (Stat, Breakdown, Ranking)):
                by_unit.setdefault(item.unit, []).append(item)
        for items in by_unit.values():
            top = max(v for item in items for v in _values(item))
            out.update({id(item): top for item in items})
    return out


def _values(item: Stat | Breakdown | Ranking) -> list[float]:
    if isinstance(item, Stat):
        return [item.value, *(w.value for w in item.earlier if w.value is not None)]
    if isinstance(item, Breakdown):
        return [a.value for a in item.answers]
    return [v for e in item.items for v in (e.value, *(w.value for w in e.earlier if w.value is not None))]


def current_wave(study: Study, section: Section, stat: Stat) -> str:
    """The name of a figure's current wave: its own, its section's, or the study's."""
    return stat.wave or section.wave or study.current_wave
