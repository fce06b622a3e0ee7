"""summary: the first figure of each section, as a grid of key figures."""

from __future__ import annotations

from deck.inputs.study import Stat
from deck.layout.components import place_stats
from deck.layout.context import Ctx
from deck.layout.figures import shown
from deck.layout.frame import frame_page
from deck.layout.significance import small_base, small_base_note
from deck.layout.template import Page, PageTemplate
from deck.layout.textbox import GAP
from deck.scene import Box, Element, Rect, Scene, Text

MAX_FIGURES = 8
COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}  # columns by number of figures; four for seven or eight
CARD_PAD = (16.0, 12.0)
VALUE = (48.0, 24.0)
LABEL = (15.0, 8.0)


def make(ctx: Ctx, page: Page) -> Scene:
    headline = page.title or ctx.ts.word("key_figures")
    small = [(stat, n) for stat in first_stats(ctx) if (n := small_base(ctx, stat)) is not None]
    notes = [small_base_note(ctx, n, stat.base.text if stat.base else None) for stat, n in small]  # its † explained
    frame = frame_page(
        ctx,
        page.box,
        headline=headline,
        headline_key=page.title_key,
        notes=notes or None,
        corner=page.corner,
        margin=page.margin,
    )
    body = summary(ctx, frame.body)
    figures = tuple((f.id, f.value, f.change) for f in shown(first_stats(ctx), waves=False))
    box = page.box
    return Scene(
        box.w,
        box.h,
        tuple(frame.elements + body),
        template="summary",
        alt=headline,
        notes="\n".join(p for e in body if isinstance(e, Text) for p in e.paragraphs),
        figures=figures,
    )


def first_stats(ctx: Ctx) -> list[Stat]:
    """The first stat of each section, as many as the grid holds."""
    found = (next((i for i in s.items if isinstance(i, Stat)), None) for s in ctx.study.sections)
    return [stat for stat in found if stat is not None][:MAX_FIGURES]


def summary(ctx: Ctx, box: Box) -> list[Element]:
    """The first figure of each section, as a grid of key figures."""
    firsts = first_stats(ctx)
    cols = COLUMNS.get(len(firsts), max(COLUMNS.values()) + 1)
    rows = (len(firsts) + cols - 1) // cols
    cw = (box.w - GAP * (cols - 1)) / cols
    rh = (box.h - GAP * (rows - 1)) / rows
    cells = [Box(box.x + (i % cols) * (cw + GAP), box.y + (i // cols) * (rh + GAP), cw, rh) for i in range(len(firsts))]
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=ctx.theme.space.radius, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx,
        firsts,
        [c.inset(*CARD_PAD) for c in cells],
        value_size=VALUE,
        label_size=LABEL,
        show_earlier=False,
        show_detail=False,
    ):
        out += parts
    return out


TEMPLATE = PageTemplate("summary", "the first figure of each section", make)
