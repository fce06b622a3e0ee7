"""What a study says, flat: every figure by its id and every text by its key. Two digests compare
into a change report; the manifest keeps the digest of each build for the next one to compare with."""

from __future__ import annotations

import hashlib
from typing import Any

from deck.errors import dotted
from deck.inputs.study import Breakdown, Ranking, Stat, Study
from deck.layout.figures import entry_id, wave_id, wave_name


def digest(study: Study) -> dict[str, Any]:
    """``{"figures": {id: {...}}, "texts": {key: sha256}}``; figure ids are the manifest's."""
    figures: dict[str, dict[str, Any]] = {}
    for section in study.sections:
        for item in section.items:
            if isinstance(item, Stat):
                _figure(figures, item.id, section.id, item.short or item.label, item.value, item.unit)
                for wave in item.earlier:
                    change = item.value - wave.value if wave.value is not None else wave.change
                    name = f"{item.short or item.label} ({wave_name(wave)})"
                    _figure(figures, wave_id(item.id, wave), section.id, name, wave.value, item.unit, change)
            elif isinstance(item, Breakdown):
                for i, answer in enumerate(item.answers, 1):
                    _figure(figures, f"{item.id}.{answer.id or i}", section.id, answer.label, answer.value, item.unit)
            elif isinstance(item, Ranking):
                for i, entry in enumerate(item.items, 1):
                    fid = entry_id(item, i, entry)
                    label = entry.short or entry.label
                    _figure(figures, fid, section.id, label, entry.value, item.unit)
                    for wave in entry.earlier:
                        change = entry.value - wave.value if wave.value is not None else wave.change
                        name = f"{label} ({wave_name(wave)})"
                        _figure(figures, wave_id(fid, wave), section.id, name, wave.value, item.unit, change)
    texts: dict[str, str] = {}
    _texts(study.model_dump(by_alias=True, exclude_none=True, exclude={"layout"}), (), texts)
    return {"figures": figures, "texts": texts}


def _figure(
    out: dict[str, dict[str, Any]],
    fid: str,
    section: str,
    label: str,
    value: float | None,
    unit: str,
    change: float | None = None,
) -> None:
    entry: dict[str, Any] = {"section": section, "label": label, "value": value, "unit": unit}
    if change is not None:
        entry["change"] = round(change, 6)
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
