"""What a study says, flat: every figure by its id and every text by its key. Two digests compare
into a change report; the manifest keeps the digest of each build for the next one to compare with."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from deck.errors import dotted
from deck.inputs.study import Breakdown, Ranking, Stat, Study
from deck.layout.figures import entry_id, wave_id, wave_name


def digest(study: Study, cells: dict[tuple[str | int, ...], str] | None = None) -> dict[str, Any]:
    """``{"figures": {id: {...}}, "texts": {key: sha256}}``; figure ids are the manifest's; a figure
    read from a table names its cell (``cells``: the data file's key of each such value)."""
    figures: dict[str, dict[str, Any]] = {}
    cells = cells or {}
    for si, section in enumerate(study.sections):
        for ii, item in enumerate(section.items):
            at: tuple[str | int, ...] = ("sections", si, "items", ii)
            if not isinstance(item, (Stat, Breakdown, Ranking)):
                continue
            add = functools.partial(_figure, figures, cells, section.id, item.unit)
            if isinstance(item, Stat):
                add(item.id, item.short or item.label, item.value, at)
                for wi, wave in enumerate(item.earlier):
                    change = item.value - wave.value if wave.value is not None else wave.change
                    name = f"{item.short or item.label} ({wave_name(wave)})"
                    add(wave_id(item.id, wave), name, wave.value, at + ("earlier", wi), change)
            elif isinstance(item, Breakdown):
                for i, answer in enumerate(item.answers, 1):
                    add(f"{item.id}.{answer.id or i}", answer.label, answer.value, at + ("answers", i - 1))
            else:
                for i, entry in enumerate(item.items, 1):
                    fid = entry_id(item, i, entry)
                    label = entry.short or entry.label
                    add(fid, label, entry.value, at + ("items", i - 1))
                    for wi, wave in enumerate(entry.earlier):
                        change = entry.value - wave.value if wave.value is not None else wave.change
                        name = f"{label} ({wave_name(wave)})"
                        add(wave_id(fid, wave), name, wave.value, at + ("items", i - 1, "earlier", wi), change)
    texts: dict[str, str] = {}
    _texts(study.model_dump(by_alias=True, exclude_none=True, exclude={"layout"}), (), texts)
    return {"figures": figures, "texts": texts}


def _figure(
    out: dict[str, dict[str, Any]],
    cells: dict[tuple[str | int, ...], str],
    section: str,
    unit: str,
    fid: str,
    label: str,
    value: float | None,
    key: tuple[str | int, ...],
    change: float | None = None,
) -> None:
    entry: dict[str, Any] = {"section": section, "label": label, "value": value, "unit": unit}
    if change is not None:
        entry["change"] = round(change, 6)
    if cell := cells.get(key + ("value",)):
        entry["cell"] = cell
    out[fid] = entry


def _texts(node: Any, key: tuple[str | int, ...], out: dict[str, str]) -> None:
    if isinstance(node, str):
        out[dotted(key)] = hashlib.sha256(node.encode()).hexdigest()[:16]
    elif isinstance(node, dict):
        for name, child in node.items():
            _texts(child, key + (str(name),), out)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _texts(child, key + (index,), out)
