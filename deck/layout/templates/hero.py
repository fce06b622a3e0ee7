"""hero: one dominant figure, with up to two quotes beside or below it."""

from __future__ import annotations

from deck.inputs.study import Section, Stat
from deck.layout.components import center_vertically, place_stat, quote_cards
from deck.layout.context import Ctx
from deck.layout.template import SectionTemplate, has, quotes, stats
from deck.layout.textbox import GAP, place_text
from deck.scene import Align, Box, Element, Text

ALONE = (150.0, 60.0)  # value size range when the figure is alone
BESIDE = (120.0, 54.0)  # … with quotes beside it (landscape)
ABOVE = (96.0, 44.0)  # … with quotes below it (portrait)
LABEL = (24.0, 13.0)
DETAIL = (15.0, 9.0)
ALONE_INSET = 0.12  # share of the width left free on each side of a lone figure
FIGURE_SHARE = 0.40  # width of the figure column beside quotes
TOP_SHARE = 0.42  # height of the figure above quotes
DETAIL_SHARE = 0.34  # height kept for the detail line under the figure


def hero(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    stat = stats(section)[0]
    cited = quotes(section)[:2]
    if not cited:
        col = box.inset(box.w * ALONE_INSET, 0)
        return _figure(ctx, stat, col, ALONE, align="center")
    if box.landscape:
        figure_box, quote_box = box.split_x(FIGURE_SHARE, GAP * 2)
        parts = _figure(ctx, stat, figure_box, BESIDE, align="left")
        return parts + quote_cards(ctx, section, cited, quote_box, vertical=True)
    figure_box, quote_box = box.split_y(TOP_SHARE, GAP)
    parts = _figure(ctx, stat, figure_box, ABOVE, align="left")
    return parts + quote_cards(ctx, section, cited, quote_box, vertical=len(cited) == 1 or box.w < 600)


def _figure(ctx: Ctx, stat: Stat, box: Box, value_size: tuple[float, float], align: Align) -> list[Element]:
    detail_h = box.h * DETAIL_SHARE if stat.detail else 0.0
    main = Box(box.x, box.y, box.w, box.h - detail_h)
    parts = place_stat(
        ctx,
        stat,
        main,
        value_size=value_size,
        label_size=LABEL,
        align=align,
        show_headline=True,
        label_face="bold",
        show_detail=False,  # set below the label, in its own smaller type
    )
    below = parts[-1].box.bottom + 10
    detail = _detail(ctx, stat, Box(box.x, below, box.w, box.bottom - below))
    if detail:
        parts.append(detail)
    return list(center_vertically(parts, box))


def _detail(ctx: Ctx, stat: Stat, box: Box) -> Text | None:
    if not stat.detail:
        return None
    return place_text(
        ctx,
        f"({ctx.ts.text(stat.detail)})",
        box,
        key=ctx.stat_key(stat) + ("detail",),
        size=DETAIL,
        color=ctx.theme.muted,
        role="detail",
    )


TEMPLATE = SectionTemplate(
    name="hero",
    summary="one dominant figure with up to two quotes",
    needs="a stat",
    body=hero,
    shows=lambda s: stats(s)[:1] + quotes(s)[:2],
    lacks=has(Stat, "needs at least one `stat` item"),
    prefers=lambda s: len(stats(s)) == 1,
    rank=40,
    poster_height=430.0,
)
