"""Words written from the data for people: speaker notes, alt texts, the figures a page shows."""

from __future__ import annotations

from collections.abc import Sequence

from deck.inputs.study import Breakdown, Heading, Note, Quote, Ranking, Section, Stat, Study
from deck.typesetting.locale import Typesetter


def figures(items: Sequence[object], waves: int = 1) -> list[tuple[str, float]]:
    """The figures ``items`` show, as (id, value): stats with their first ``waves`` earlier waves,
    answers, ranks. Ids: ``stat``, ``stat@2020``, ``breakdown.answer``, ``ranking.entry``."""
    out: list[tuple[str, float]] = []
    for item in items:
        if isinstance(item, Stat):
            out.append((item.id, item.value))
            for wave in item.earlier[:waves]:
                out.append((f"{item.id}@{wave.year or wave.label}", wave.value))
        elif isinstance(item, Breakdown):
            out += [(f"{item.id}.{a.id or i}", a.value) for i, a in enumerate(item.answers, 1)]
        elif isinstance(item, Ranking):
            out += [(f"{item.id}.{e.id or i}", e.value) for i, e in enumerate(item.items, 1)]
    return out


def _stat_line(ts: Typesetter, study: Study, stat: Stat) -> str:
    text = f"{ts.value(stat.value, stat.unit)} {ts.text(stat.label)}"
    if stat.headline:
        text = f"{ts.text(stat.headline)} ({ts.value(stat.value, stat.unit)}) {ts.text(stat.label)}"
    if stat.detail:
        text += f" ({ts.text(stat.detail)})"
    for wave in stat.earlier:
        when = wave.year or wave.label
        src = study.sources.get(wave.source or "")
        text += f" — {when}{ts.colon()} {ts.value(wave.value, stat.unit)}, {ts.delta(stat.value, wave.value)}" + (
            f" ({ts.word('source')}{ts.colon()} {ts.text(src.text)})" if src else ""
        )
    if stat.base and stat.base.size:
        text += f" — {ts.word('base')}{ts.colon()} {ts.number(stat.base.size)}"
    return text


def speaker_notes(ts: Typesetter, study: Study, section: Section) -> str:
    lines = [ts.text(section.title)]
    if section.lead:
        lines.append(ts.text(section.lead))
    for item in section.items:
        if isinstance(item, Stat):
            lines.append("• " + _stat_line(ts, study, item))
        elif isinstance(item, Heading):
            lines.append(ts.text(item.text))
        elif isinstance(item, Breakdown):
            head = ts.text(item.question) + " " if item.question else ""
            lines.append(
                "• "
                + head
                + " ; ".join(f"{ts.text(a.label)}{ts.colon()} {ts.value(a.value, item.unit)}" for a in item.answers)
            )
        elif isinstance(item, Ranking):
            for rank, entry in enumerate(sorted(item.items, key=lambda e: -e.value), 1):
                lines.append(f"{rank}. {ts.value(entry.value, item.unit)} {ts.text(entry.label)}")
        elif isinstance(item, Quote):
            lines.append(
                f"{ts.word('quote')}{ts.colon()} {ts.quoted(item.text)}" + (f" — {item.by}" if item.by else "")
            )
        elif isinstance(item, Note):
            lines.append(ts.text(item.text))
        base = getattr(item, "base", None)
        if base is not None and base.text and not isinstance(item, Stat):
            lines.append(ts.text(base.text))
    return "\n".join(lines)


def alt_text(ts: Typesetter, section: Section, items: Sequence[object]) -> str:
    """A short description of a section's infographic: its headline, then what it shows."""
    parts = [f"{ts.word('infographic')}{ts.colon()} {ts.text(section.title)}."]
    for item in items:
        if isinstance(item, Stat):
            line = f"{ts.value(item.value, item.unit)} {ts.text(item.label)}"
            if item.earlier:
                w = item.earlier[0]
                line = line.rstrip(".") + f" ({w.year or w.label}{ts.colon()} {ts.value(w.value, item.unit)})."
            parts.append(line if line.endswith((".", "…")) else line + ".")
        elif isinstance(item, Breakdown):
            parts.append(
                " ; ".join(f"{ts.text(a.label)}{ts.colon()} {ts.value(a.value, item.unit)}" for a in item.answers) + "."
            )
        elif isinstance(item, Ranking):
            parts.append(
                " ; ".join(
                    f"{ts.text(e.short or e.label)}{ts.colon()} {ts.value(e.value, item.unit)}"
                    for e in sorted(item.items, key=lambda e: -e.value)
                )
                + "."
            )
        elif isinstance(item, Quote):
            parts.append(ts.quoted(item.text))
    return " ".join(parts)
