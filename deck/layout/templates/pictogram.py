"""pictogram: a share said in words ("Plus de 3/4 des Français") as a row of ten people."""

from __future__ import annotations

from deck.inputs.study import Section, Stat
from deck.layout.components import place_stat, place_stats
from deck.layout.context import Ctx
from deck.layout.icons import ASPECT, person_row
from deck.layout.template import SectionTemplate, last_section, stats
from deck.layout.textbox import GAP, shift
from deck.scene import Box, Element, Group, Poly, Rect

PEOPLE = 10
MAX_OTHERS = 3  # figures beside the people
MAIN_SHARE = 0.58  # of the width (landscape) or height (portrait) for the main figure
ICONS_SHARE = 0.36  # of the main box's height, at most, for the row of people
VALUE = (96.0, 40.0)
LABEL = (20.0, 11.0)
SIDE_VALUE = (56.0, 28.0)
SIDE_LABEL = (17.0, 9.5)
CARD_PAD = (18.0, 12.0)
CARD_RADIUS = 8.0


@last_section
def shown(section: Section) -> list[Stat]:
    """The share drawn as people (the first with a headline, or the first share) and up to three others."""
    shares = [s for s in stats(section) if s.unit == "%"]
    if not shares:
        return []
    main = next((s for s in shares if s.headline), shares[0])
    return [main, *[s for s in stats(section) if s is not main][:MAX_OTHERS]]


def pictogram(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    main, *others = shown(section)
    if others and box.landscape:
        main_box, side = box.split_x(MAIN_SHARE, GAP * 2)
        cells = side.rows(len(others), GAP)
    elif others:
        main_box, side = box.split_y(MAIN_SHARE, GAP)
        cells = side.columns(len(others), GAP)
    else:
        main_box, cells = box, []
    return _figure(ctx, main, main_box) + _cells(ctx, others, cells)


def _figure(ctx: Ctx, stat: Stat, box: Box) -> list[Element]:
    icons_h = min(box.h * ICONS_SHARE, box.w / PEOPLE / ASPECT * 0.92)
    text_box = Box(box.x, box.y, box.w, box.h - icons_h - GAP)
    parts = place_stat(ctx, stat, text_box, value_size=VALUE, label_size=LABEL, show_headline=True)
    top = max(p.box.bottom for p in parts) + GAP
    dy = (box.h - (top + icons_h - box.y)) / 2  # the figure and its people, centred together
    icons = person_row(
        Box(box.x, top + dy, box.w, icons_h), stat.value, 100.0, fill=ctx.theme.accent, empty=ctx.theme.neutral
    )
    filled = ctx.ts.number(stat.value / PEOPLE)
    alt = f"{ctx.ts.word('pictogram')}{ctx.ts.colon()} {filled} {ctx.ts.word('people')}"
    people = Group(tuple(p for p in icons if isinstance(p, Poly)), alt)
    return [*(shift(p, dy) for p in parts), people]


def _cells(ctx: Ctx, others: list[Stat], cells: list[Box]) -> list[Element]:
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=CARD_RADIUS, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx, others, [c.inset(*CARD_PAD) for c in cells], value_size=SIDE_VALUE, label_size=SIDE_LABEL
    ):
        out.extend(parts)
    return out


def _lacks(section: Section) -> str | None:
    return None if any(s.unit == "%" for s in stats(section)) else "needs a `stat` in % (a share) to draw people"


TEMPLATE = SectionTemplate(
    name="pictogram",
    summary="a share said in words as ten people filled in proportion (78 % → 7.8), other stats beside",
    needs="a stat in %",
    body=pictogram,
    shows=shown,
    lacks=_lacks,
    prefers=lambda s: any(st.headline and st.unit == "%" for st in stats(s)),
    rank=50,
    poster_height=430.0,
)
