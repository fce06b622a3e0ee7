"""What the data means: checks a schema cannot express (sums, references, unique ids)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from deck.errors import Problem, did_you_mean
from deck.inputs import study as m
from deck.inputs.source import Key, SourceMap
from deck.typesetting import metrics as tx
from deck.typesetting.locale import check_locale
from deck.typesetting.words import LANGUAGES

ROUNDING = 1.5  # points a breakdown may be off 100 through rounding


def check_study(study: m.Study, src: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    if msg := check_locale(study.meta.locale):
        hint = f"deck writes {', '.join(LANGUAGES)}, and their regions such as en_US or fr_CA"
        problems.append(src.problem(("study", "locale"), msg, hint, code="locale"))
    problems += _reserved(src, ("study", "id"), study.meta.id)
    sections: dict[str, Key] = {}
    figures: dict[str, Key] = {}
    stat_ids = {s.id for s in study.stats()}
    for si, section in enumerate(study.sections):
        skey: Key = ("sections", si)
        problems += _unique(src, sections, section.id, skey + ("id",), "section id")
        problems += _reserved(src, skey + ("id",), section.id)
        for ii, item in enumerate(section.items):
            ikey = skey + ("items", ii)
            if isinstance(item, (m.Stat, m.Breakdown, m.Ranking)):
                problems += _unique(src, figures, item.id, ikey + ("id",), "figure id")
            problems += _check_item(study, item, ikey, src, stat_ids, section.wave)
    problems += _of_cycles(study, src)
    problems += _small_bases(study, src)
    return problems


def _small_bases(study: m.Study, src: SourceMap) -> list[Problem]:
    """Figures asked of few respondents (their own base, their section's, or the study's sample):
    flagged on the slides; below the minimum, hardly worth reading."""
    rules = study.statistics
    sample = next((x.sample for x in study.methodology if x.kind == "quantitative" and isinstance(x.sample, int)), None)
    out: list[Problem] = []
    for si, section in enumerate(study.sections):
        section_n = section.base.size if section.base and section.base.size else sample
        for ii, item in enumerate(section.items):
            if not isinstance(item, (m.Stat, m.Breakdown, m.Ranking)):
                continue
            n = item.base.size if item.base and item.base.size else section_n
            if n is None or n >= rules.small_base:
                continue
            key = ("sections", si, "items", ii, "base") if item.base else ("sections", si, "items", ii)
            if n < rules.minimum_base:
                message = f"'{item.id}' was asked of {n} respondents, fewer than {rules.minimum_base}: too few to read"
                hint = "leave it out, or show it knowing that the slides flag it (statistics: minimum_base)"
            else:
                message = f"'{item.id}' was asked of {n} respondents, fewer than {rules.small_base}: its slides flag it"
                hint = "read it with care (statistics: small_base sets the threshold)"
            out.append(src.problem(key, message, hint, warning=True, code="small-base"))
    return out


def _of_cycles(study: m.Study, src: SourceMap) -> list[Problem]:
    """`of:` chains that come back to where they started (a is a share of b, b of a)."""
    parent = {s.id: s.of for s in study.stats() if s.of and s.of != s.id}
    keys = {
        item.id: ("sections", si, "items", ii, "of")
        for si, section in enumerate(study.sections)
        for ii, item in enumerate(section.items)
        if isinstance(item, m.Stat)
    }
    out: list[Problem] = []
    reported: set[str] = set()
    for start in parent:
        chain = [start]
        while (nxt := parent.get(chain[-1])) is not None and nxt not in chain:
            chain.append(nxt)
        if nxt is not None and nxt == start and not reported & set(chain):
            reported |= set(chain)
            loop = " → ".join([*chain, start])
            out.append(
                src.problem(keys[start], f"the `of:` references go round in a circle: {loop}", "break the circle")
            )
    return out


def check_texts(data: Any, src: SourceMap) -> list[Problem]:
    """Every text of the file as read (valid or not): control characters, invisible texts, characters
    the font cannot draw; located by the file's own keys."""
    return _glyphs(src, data, ())


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u3164\ufeff"


@functools.cache
def _plain() -> frozenset[str]:
    """Characters every face draws that are neither controls nor invisible."""
    drawn = frozenset.intersection(*(tx.characters(face) for face in tx.FACES))
    return frozenset(c for c in drawn if unicodedata.category(c) not in ("Cc", "Cf") and c not in INVISIBLE) | {"\n"}


@functools.cache
def _odd() -> re.Pattern[str]:
    """A character not in ``_plain()``: one search tells that a text needs a closer look."""
    return tx.outside(tx.code_ranges(ord(c) for c in _plain()))


def _glyphs(src: SourceMap, node: Any, key: Key) -> list[Problem]:
    """Every text the font cannot draw in full, located; such characters would print as boxes. The
    texts of a mapping or a list are looked at where they stand: a key path is made only for a
    text that has a problem."""
    if isinstance(node, str):
        return _text(src, node, key)
    if isinstance(node, dict):
        entries: Any = node.items()
    elif isinstance(node, list):
        entries = enumerate(node)
    else:
        return []
    odd, blank = _odd().search, INVISIBLE + " \u202f"
    out: list[Problem] = []
    for name, value in entries:
        if type(value) is str:
            if odd(value) is None and value.strip(blank):
                continue  # every character is one every face draws, and none is a control: the common case
            out += _text(src, value, key + (name,))
        elif isinstance(value, (dict, list)):
            out += _glyphs(src, value, key + (name,))
    return out


def _text(src: SourceMap, node: str, key: Key) -> list[Problem]:
    if _odd().search(node) is None and node.strip(INVISIBLE + " \u202f"):
        return []
    control = sorted({c for c in node if unicodedata.category(c) == "Cc" and c not in "\n"})
    if control:
        listing = ", ".join(f"U+{ord(c):04X}" for c in control[:6])
        return [src.problem(key, f"control characters in the text: {listing}", "remove them", code="control")]
    bidi = sorted({c for c in node if c in BIDI_CONTROLS})
    if bidi:
        listing = ", ".join(f"U+{ord(c):04X}" for c in bidi[:6])
        return [
            src.problem(
                key,
                f"bidirectional control characters in the text: {listing}",
                "remove them; they reorder what is shown and deck writes left-to-right languages",
                code="control",
            )
        ]
    if node and not node.strip(INVISIBLE + " \u202f"):
        return [src.problem(key, "the text is empty or invisible", "write the text", code="invisible")]
    missing = set().union(*(tx.missing_glyphs(node, face) for face in tx.FACES))
    if not missing:
        return []
    listing = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(missing)[:6])
    return [src.problem(key, f"characters the font cannot draw: {listing}", "replace them; they would print as boxes")]


RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def _reserved(src: SourceMap, key: Key, name: str) -> list[Problem]:
    if name.lower() in RESERVED:
        return [src.problem(key, f"'{name}' is a reserved device name on Windows", "choose another id")]
    return []


def _unique_ids(src: SourceMap, key: Key, ids: list[str | None], what: str) -> list[Problem]:
    seen: dict[str, Key] = {}
    return [p for i, name in enumerate(ids) if name for p in _unique(src, seen, name, key + (i, "id"), what)]


def _unique(src: SourceMap, seen: dict[str, Key], name: str, key: Key, what: str) -> list[Problem]:
    if name in seen:
        line = src.locate(seen[name])[0]
        return [src.problem(key, f"duplicate {what} '{name}' (first used on line {line})", f"give each its own {what}")]
    seen[name] = key
    return []


def _year(label: str | None) -> int | None:
    """The year a wave's label names, when it is one ("2023"; not "Spring 2023")."""
    return int(label) if label and label.isdigit() and len(label) == 4 else None


def _check_item(
    study: m.Study, item: Any, key: Key, src: SourceMap, stat_ids: set[str], section_wave: str | None = None
) -> list[Problem]:
    out: list[Problem] = []
    unit = getattr(item, "unit", "")
    values: list[tuple[Key, float]] = []
    if isinstance(item, m.Stat):
        values.append((key + ("value",), item.value))
        now = _year(item.wave) or _year(section_wave) or _year(study.current_wave)
        for wi, wave in enumerate(item.earlier):
            wkey = key + ("earlier", wi)
            if now and wave.year and wave.year > now:
                out.append(
                    src.problem(
                        wkey + ("year",),
                        f"an earlier wave dated {wave.year}, after the current wave ({now})",
                        "check the year; earlier waves come before the figure's own",
                    )
                )
            if wave.value is not None:
                values.append((wkey + ("value",), wave.value))
            if wave.source and wave.source not in study.sources:
                hint = (
                    did_you_mean(wave.source, list(study.sources))
                    or f"define it under `sources:` (known: {', '.join(study.sources) or 'none'})"
                )
                out.append(src.problem(wkey + ("source",), f"unknown source '{wave.source}'", hint))
        if item.of == item.id:
            out.append(src.problem(key + ("of",), "a stat cannot be a share of itself", "give another stat's id"))
        elif item.of and item.of not in stat_ids:
            out.append(
                src.problem(
                    key + ("of",),
                    f"unknown stat '{item.of}'",
                    did_you_mean(item.of, sorted(stat_ids)) or "give the id of a stat",
                )
            )
    elif isinstance(item, m.Breakdown):
        values += [(key + ("answers", i, "value"), a.value) for i, a in enumerate(item.answers)]
        for i, answer in enumerate(item.answers):
            if answer.value < 0:
                out.append(
                    src.problem(key + ("answers", i, "value"), f"{answer.value:g} is negative", "a share is 0 or more")
                )
        out += _unique_ids(src, key + ("answers",), [a.id for a in item.answers], "answer id")
        total = sum(a.value for a in item.answers)
        if abs(total - 100) > ROUNDING:
            listing = " + ".join(f"{a.value:g}" for a in item.answers)
            out.append(
                src.problem(
                    key + ("answers",),
                    f"answers sum to {total:g} ({listing}), not 100",
                    f"a breakdown must sum to 100 within {ROUNDING:g} points of rounding",
                )
            )
    elif isinstance(item, m.Ranking):
        values += [(key + ("items", i, "value"), e.value) for i, e in enumerate(item.items)]
        for i, entry in enumerate(item.items):
            if entry.value < 0:
                out.append(
                    src.problem(
                        key + ("items", i, "value"),
                        f"{entry.value:g} is negative: a ranking is drawn as bars from zero",
                        "rank by a measure that is 0 or more, or write these figures as stats",
                    )
                )
        out += _unique_ids(src, key + ("items",), [e.id for e in item.items], "entry id")
    if unit == "%":
        for vkey, value in values:
            if not 0 <= value <= 100:
                out.append(src.problem(vkey, f"{value:g} is not a percentage", "use a value from 0 to 100"))
    return out
