"""Person pictograms as polygons, filled in proportion ("78 %" -> 7.8 of 10)."""

from __future__ import annotations

import math

from deck.scene import Box, Element, Poly

Point = tuple[float, float]
ASPECT = 0.5  # width / height of one person


def _unit_person() -> list[list[Point]]:
    """Head and body in a 1 x 2 box."""
    head = [(0.5 + 0.27 * math.cos(a), 0.33 + 0.27 * math.sin(a)) for a in (2 * math.pi * k / 40 for k in range(40))]
    body: list[Point] = []
    r = 0.32
    # rounded shoulders: right corner then left corner, then the flat bottom
    for k in range(13):
        a = math.radians(-90 + 90 * k / 12)
        body.append((0.95 - r + r * math.cos(a), 0.72 + r + r * math.sin(a)))
    body.append((0.95, 2.0))
    body.append((0.05, 2.0))
    for k in range(13):
        a = math.radians(180 + 90 * k / 12)
        body.append((0.05 + r + r * math.cos(a), 0.72 + r + r * math.sin(a)))
    return [head, body]


_PERSON = _unit_person()


def clip_right(poly: list[Point], x_max: float) -> list[Point]:
    """The part of ``poly`` left of ``x_max`` (Sutherland-Hodgman against one edge)."""
    out: list[Point] = []
    for i, cur in enumerate(poly):
        prev = poly[i - 1]
        cur_in, prev_in = cur[0] <= x_max, prev[0] <= x_max
        if cur_in != prev_in:
            t = (x_max - prev[0]) / (cur[0] - prev[0])
            out.append((x_max, prev[1] + t * (cur[1] - prev[1])))
        if cur_in:
            out.append(cur)
    return out


def person(box: Box, fill: str, share: float = 1.0, role: str = "icon") -> list[Poly]:
    """One person in ``box``, filled from the left up to ``share`` (0..1) of its width."""
    scale = box.h / 2.0
    x0 = box.x + (box.w - scale) / 2
    out: list[Poly] = []
    for part in _PERSON:
        pts = [(x0 + px * scale, box.y + py * scale) for px, py in part]
        if share < 1.0:
            pts = clip_right(pts, x0 + share * scale)
        if len(pts) >= 3:
            out.append(Poly(tuple((round(x, 3), round(y, 3)) for x, y in pts), fill, role))
    return out


def person_row(box: Box, value: float, total: float, *, fill: str, empty: str, count: int = 10) -> list[Element]:
    """``count`` people across ``box``; ``value / total * count`` of them filled."""
    filled = value / total * count
    slot = box.w / count
    h = min(box.h, slot / ASPECT * 0.92)
    y = box.y + (box.h - h) / 2
    out: list[Element] = []
    for i in range(count):
        cell = Box(box.x + i * slot, y, slot, h)
        share = max(0.0, min(1.0, filled - i))
        if share < 1.0:
            out.extend(person(cell, empty, 1.0, role="icon-empty"))
        if share > 0.0:
            out.extend(person(cell, fill, share, role="icon-filled"))
    return out
