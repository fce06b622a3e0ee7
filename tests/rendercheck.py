"""Check a deck as LibreOffice draws it: every word inside its shape, no collisions, same text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from deck.output.office import Word

EMU_PT = 12700
TOL = 2.0  # points a word may stray past its box (anti-aliasing, side bearings)


@dataclass(frozen=True)
class Region:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    pieces: frozenset[str]

    def holds(self, word: Word) -> bool:
        return word.x0 >= self.x0 - TOL and word.x1 <= self.x1 + TOL and self.y0 - TOL <= word.cy <= self.y1 + TOL


def pieces(text: str) -> list[str]:
    """Words split where LibreOffice may break them: spaces (all kinds) and after hyphens."""
    out: list[str] = []
    for token in text.split():
        out += [p for p in re.split(r"(?<=-)", token) if p]
    return out


def _numbers(value: float) -> set[str]:
    """``value`` as an office suite may print it: with or without a decimal, grouped or not."""
    forms = {f"{value:.{d}f}" for d in range(1, 4)} | {f"{value:,.{d}f}" for d in range(1, 4)}
    if float(value).is_integer():
        forms |= {f"{int(value)}", f"{int(value):,}"}
    swapped = {f.replace(",", "\0").replace(".", ",").replace("\0", ".") for f in forms}
    return forms | swapped


def _format_words(chart) -> set[str]:
    """The words the data labels' number formats add to each value ("Jahre", "€", "enfant par femme")."""
    codes = {n.get("formatCode", "") for n in chart._chartSpace.iter("{*}numFmt")}
    literal = " ".join(part for code in codes for part in re.findall(r'"([^"]*)"', code))
    found = set(pieces(literal))
    return found | {f"{p}{w}" for w in found for p in ("", "+")}


def _years(chart) -> set[str]:
    """A time axis's tick labels: every year from the first point's to the last's."""
    xs = [float(v.text) for v in chart._chartSpace.iter("{*}xVal") for v in v.iter("{*}v") if v.text]
    return {str(y) for y in range(int(min(xs)), int(max(xs)) + 1)} if xs else set()


def _glued(chart) -> set[str]:
    """Units written against the number ("78%", "7,4/10"), from the number formats."""
    codes = {n.get("formatCode", "") for n in chart._chartSpace.iter("{*}numFmt")}
    return {m for code in codes for m in re.findall(r'0"([^"\s\u202f]+)"', code)}


def regions(deck: Path) -> list[list[Region]]:
    """Per slide, the text shapes and charts with their boxes in points and their words."""
    slides = []
    for slide in Presentation(str(deck)).slides:
        found = []
        for shape in slide.shapes:
            box = (
                shape.left / EMU_PT,
                shape.top / EMU_PT,
                (shape.left + shape.width) / EMU_PT,
                (shape.top + shape.height) / EMU_PT,
            )
            if shape.has_chart:
                words = {"%"} | _format_words(shape.chart) | _years(shape.chart)
                plot = shape.chart.plots[0]
                for category in plot.categories:
                    words |= set(pieces(str(category)))
                for series in plot.series:
                    words |= set(pieces(series.name or ""))  # the chart's own legend
                    for value in series.values:
                        words |= {n + suffix for n in _numbers(value) for suffix in ("", "%", *_glued(shape.chart))}
                found.append(Region(shape.name, *box, frozenset(words)))
            elif shape.has_text_frame and shape.text_frame.text.strip():
                found.append(Region(shape.name, *box, frozenset(pieces(shape.text_frame.text))))
        slides.append(found)
    return slides


def check_page(number: int, page_regions: list[Region], page_words: list[Word]) -> list[str]:
    """Every problem on one page, as lines naming the slide, the shape and the words."""
    problems: list[str] = []
    placed: list[tuple[Region, Word]] = []
    for word in page_words:
        for piece in pieces(word.text):
            candidates = [r for r in page_regions if piece in r.pieces]
            if not candidates:
                problems.append(
                    f"slide {number}: '{piece}' is drawn but is in no shape's text "
                    f"(substituted glyph or stray text) at ({word.x0:.0f}, {word.y0:.0f})"
                )
                continue
            home = next((r for r in candidates if r.holds(word)), None)
            if home is None:
                r = candidates[0]
                problems.append(
                    f"slide {number}: '{piece}' of shape '{r.name}' lies outside its box: word "
                    f"({word.x0:.1f}, {word.y0:.1f})-({word.x1:.1f}, {word.y1:.1f}), box "
                    f"({r.x0:.1f}, {r.y0:.1f})-({r.x1:.1f}, {r.y1:.1f})"
                )
            else:
                placed.append((home, word))
    drawn = {p for word in page_words for p in pieces(word.text)}
    for region in page_regions:
        if region.name.startswith("chart"):
            continue
        missing = sorted(region.pieces - drawn)
        if missing:
            problems.append(f"slide {number}: shape '{region.name}' has words LibreOffice did not draw: {missing[:8]}")
    problems += _collisions(number, placed)
    return problems


def _collisions(number: int, placed: list[tuple[Region, Word]]) -> list[str]:
    out: list[str] = []
    for i, (ra, a) in enumerate(placed):
        for rb, b in placed[i + 1 :]:
            if ra is rb:
                continue
            ha, hb = (a.y1 - a.y0) * 0.25, (b.y1 - b.y0) * 0.25
            if a.x0 + 0.5 < b.x1 and b.x0 + 0.5 < a.x1 and a.y0 + ha < b.y1 - hb and b.y0 + hb < a.y1 - ha:
                out.append(f"slide {number}: '{a.text}' of '{ra.name}' overlaps '{b.text}' of '{rb.name}'")
    return out
