"""Words written from the data for people: speaker notes and alt texts, about what a page shows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from deck.inputs.study import Breakdown, Heading, Note, Quote, RankEntry, Ranking, Section, Stat, Wave
from deck.layout.context import Ctx
from deck.layout.figures import wave_name
from deck.layout.significance import change_test, figure_margin, marked, rounding_note, shown_answers, test_words
from deck.typesetting.locale import Typesetter

_COMPLEMENT = re.compile(r"^(of|de|des|du|d’|von|der|de los|de las)\s+", re.IGNORECASE)


def ordered(ranking: Ranking) -> list[tuple[int, RankEntry]]:
    """A ranking's entries as shown, numbered as written: highest first, or in the order given."""
    entries = list(enumerate(ranking.items, 1))
    return entries if ranking.order == "given" else sorted(entries, key=lambda e: -e[1].value)


def waves_text(ctx: Ctx, owner: Stat | RankEntry, unit: str, *, sources: bool = False) -> str:
    """Every earlier wave of a figure, the change since the most recent one beside it:
    "70 % en 2020* · +8 pts", "42 % in 2021 (−2 pts) · 44 % in 2020 · 40 % in 2019", "−1 pt vs 2022"."""
    alone = len(owner.earlier) == 1
    return " · ".join(_wave_text(ctx, owner, w, unit, i == 0, alone, sources) for i, w in enumerate(owner.earlier))


def _wave_text(
    ctx: Ctx, owner: Stat | RankEntry, wave: Wave, unit: str, first: bool, alone: bool, sources: bool
) -> str:
    ts = ctx.ts
    marker = _marker(ctx, wave.source) if not sources else ""
    if wave.value is None:
        return f"{ctx.change(wave.change or 0.0, unit, owner)} {ts.word('vs')} {wave_name(wave)}{marker}"
    value = ctx.value(wave.value, unit, owner)
    text = f"{value} {ts.word('in')} {wave.year}{marker}" if wave.year else f"{value} ({wave.label}){marker}"
    if first:
        test = change_test(ctx, owner, wave, unit)
        change = marked(ctx.delta(owner.value, wave.value, unit, owner), test)
        if sources and test is not None:  # the speaker notes give the test
            change += f", {test_words(ctx, test, wave_name(wave))}"
        text += f" · {change}" if alone else f" ({change})"
    if sources and wave.source and wave.source in ctx.study.sources:
        text += f" ({ts.word('source')}{ts.colon()} {ts.text(ctx.study.sources[wave.source].text)})"
    return text


def _marker(ctx: Ctx, source: str | None) -> str:
    return "*" * (list(ctx.study.sources).index(source) + 1) if source in ctx.study.sources else ""


def stat_sentence(ctx: Ctx, stat: Stat) -> str:
    """The figure said once: "Almost 9 in 10 adults (88%) were worried…", never the subject twice."""
    ts = ctx.ts
    value = ctx.value(stat.value, stat.unit, stat)
    label = ts.text(stat.label)
    if not stat.headline:
        return f"{value} {label}"
    headline = ts.text(stat.headline)
    return f"{headline} ({value}) {_without_subject(label, headline)}".rstrip()


def _without_subject(label: str, headline: str) -> str:
    """``label`` minus a leading "of adults" when the headline already ends with "adults"."""
    match = _COMPLEMENT.match(label)
    if not match:
        return label
    rest, said = label[match.end() :].split(), headline.lower().split()
    for n in range(min(len(rest), len(said)), 0, -1):
        if [w.lower().strip(",.") for w in rest[:n]] == [w.strip(",.") for w in said[-n:]]:
            return " ".join(rest[n:])
    return label


def _stat_line(ctx: Ctx, stat: Stat) -> str:
    ts = ctx.ts
    text = stat_sentence(ctx, stat)
    if stat.detail:
        text += f" ({ts.text(stat.detail)})"
    if stat.earlier:
        text += " — " + waves_text(ctx, stat, stat.unit, sources=True)
    if stat.base and stat.base.size:
        text += f" — {ts.word('base')}{ts.colon()} {ts.word('n')} = {ts.number(stat.base.size)}"
    if (moe := figure_margin(ctx, stat)) is not None:  # the figure's own margin of error
        text += f" (±{ts.number(moe, 1)} {ts.plural(moe, 'point', 'points')})"
    return text


def _answers(ctx: Ctx, item: Breakdown) -> str:
    ts = ctx.ts
    return ts.semicolon().join(
        f"{ts.text(a.label)}{ts.colon()} {ctx.value(v, item.unit, item)}"
        for a, v in zip(item.answers, shown_answers(ctx, item))
    )


def _entries(ctx: Ctx, item: Ranking, *, short: bool) -> list[str]:
    ts = ctx.ts
    out = []
    for rank, (_, entry) in enumerate(ordered(item), 1):
        text = f"{rank}. {ts.text((entry.short or entry.label) if short else entry.label)}{ts.colon()} "
        text += ctx.value(entry.value, item.unit, item)
        if entry.earlier:
            text += f" ({waves_text(ctx, entry, item.unit)})"
        out.append(text)
    return out


def _introduce(ts: Typesetter, question: str) -> str:
    """A question or caption that introduces a list: ends with its own ? or :, or gets a colon."""
    text = ts.text(question).rstrip(" .")
    return text if text.endswith(("?", ":", "¿")) else text + ts.colon()


def speaker_notes(ctx: Ctx, section: Section, items: Sequence[object], title: str | None = None) -> str:
    """Notes for a slide: its headline, its lead-in, then every item it shows, in full."""
    ts = ctx.ts
    lines = [ts.text(title or section.title)]
    if section.lead and title is None:
        lines.append(ts.text(section.lead))
    for item in items:
        if isinstance(item, Stat):
            lines.append("• " + _stat_line(ctx, item))
        elif isinstance(item, Heading):
            lines.append(ts.text(item.text))
        elif isinstance(item, Breakdown):
            head = ts.text(item.question) + " " if item.question else ""
            lines.append("• " + head + _answers(ctx, item))
            if note := rounding_note(ctx, item):
                lines.append(note)
        elif isinstance(item, Ranking):
            if item.question:
                lines.append(ts.text(item.question))
            lines += _entries(ctx, item, short=False)
            if item.multiple:
                lines.append(ts.sentence(ts.word("multiple")))
        elif isinstance(item, Quote):
            lines.append(
                f"{ts.word('quote')}{ts.colon()} {ts.quoted(item.text)}" + (f" — {ts.text(item.by)}" if item.by else "")
            )
        elif isinstance(item, Note):
            lines.append(ts.text(item.text))
        base = getattr(item, "base", None)
        if base is not None and base.text and not isinstance(item, Stat):
            lines.append(ts.text(base.text))
    return "\n".join(lines)


def alt_text(ctx: Ctx, section: Section, items: Sequence[object], title: str | None = None) -> str:
    """A short description of a page: its headline, then what it shows."""
    ts = ctx.ts
    parts = [ts.sentence(f"{ts.word('infographic')}{ts.colon()} {ts.text(title or section.title)}")]
    for item in items:
        if isinstance(item, Stat):
            line = stat_sentence(ctx, item)
            if item.earlier:
                line = line.rstrip(".") + f" ({waves_text(ctx, item, item.unit)})"
            parts.append(ts.sentence(line))
        elif isinstance(item, Breakdown):
            head = _introduce(ts, item.question) + " " if item.question else ""
            parts.append(ts.sentence(head + _answers(ctx, item)))
        elif isinstance(item, Ranking):
            asked = [_introduce(ts, item.question)] if item.question else []
            parts.append(ts.sentence(" ".join(asked + [ts.semicolon().join(_entries(ctx, item, short=True))])))
        elif isinstance(item, Quote):
            parts.append(ts.quoted(item.text))
    return " ".join(parts)
