"""Components shared by templates: a stat block, quote cards, legend entries."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from deck.inputs.study import Quote, Section, Stat
from deck.layout.notes import waves_text
from deck.layout.significance import NNBSP, SMALL, figure_margin, small_base
from deck.layout.textbox import Ctx, FitFailure, Key, place_text, shift
from deck.scene import Align, Box, Element, Rect, Text
from deck.typesetting import metrics as tx

NUMBER_LINE = 1.0
Size = tuple[float, float]


def source_marker(ctx: Ctx, source: str | None) -> str:
    if source is None:
        return ""
    return "*" * (list(ctx.study.sources).index(source) + 1)


def earlier_text(ctx: Ctx, stat: Stat) -> str | None:
    """Every earlier wave of ``stat``: "70 % en 2020* · +8 pts", "−1 pt vs 2022"; None if it has none."""
    return waves_text(ctx, stat, stat.unit) if stat.earlier else None


def value_text(
    ctx: Ctx,
    key: Key,
    value: str,
    box: Box,
    size: tuple[float, float],
    *,
    color: str | None = None,
    align: Align = "left",
    role: str = "value",
) -> Text:
    """A figure on one line, as large as ``size`` allows; a long figure ("68 373 000") that is too wide
    even at the smallest size of the range is set smaller still, down to ``VALUE_FLOOR``: a figure is
    never left out for want of room."""
    narrow = tx.width(value, "bold", 1.0) * ctx.theme.text_scale / tx.WIDTH_SLACK
    widest = box.w / narrow if narrow else size[1]
    if widest < size[1]:
        small = max(VALUE_FLOOR, math.floor(widest * 2) / 2 - 0.5)  # on the half-point grid fitting uses
        size = (small, small)
    return place_text(
        ctx,
        value,
        Box(box.x, box.y, box.w, max(box.h, round(size[0] * NUMBER_LINE, 2))),
        key=key + ("value",),
        face="bold",
        size=size,
        color=color or ctx.theme.accent,
        align=align,
        role=role,
        max_lines=1,
        line=NUMBER_LINE,
    )


VALUE_FLOOR = 12.0  # points: the smallest a figure is ever set


STACK_GAP = 4.0  # between the value, its label and its earlier waves
VALUE_STEP = 4.0  # the value shrinks by this much before the label gets cramped
HEADLINE_SCALE = 1.25  # a stat's headline, relative to its label's largest size
EARLIER_SCALE = 0.9  # the earlier waves, relative to the label's largest size


@dataclass(frozen=True)
class StatLook:
    """How a stat block is set: the size ranges of its value and label, alignment, faces, colour."""

    value_size: Size
    label_size: Size
    align: Align = "left"
    label_face: str = "regular"
    value_color: str | None = None
    detail: bool = True  # the stat's detail in brackets after its label


def place_stat(
    ctx: Ctx,
    stat: Stat,
    box: Box,
    *,
    value_size: Size,
    label_size: Size,
    align: Align = "left",
    label_face: str = "regular",
    show_headline: bool = False,
    value_color: str | None = None,
    show_earlier: bool = True,
    show_detail: bool = True,
) -> list[Text]:
    """Headline, value, label (with the stat's detail in brackets, unless the caller sets the detail
    itself) and earlier waves stacked top-down in ``box``; the value as large as fits."""
    key = ctx.stat_key(stat)
    top_parts: list[Text] = []
    y = box.y
    if show_headline and stat.headline:
        head = place_text(
            ctx,
            ctx.ts.text(stat.headline),
            Box(box.x, y, box.w, box.h / 3),
            key=key + ("headline",),
            face="bold",
            size=(label_size[0] * HEADLINE_SCALE, label_size[1]),
            align=align,
            role="headline-figure",
            max_lines=2,
        )
        top_parts.append(head)
        y = head.box.bottom + STACK_GAP
    earlier = earlier_text(ctx, stat) if show_earlier else None
    comfortable = (label_size[0], max(label_size[1], label_size[0] * 0.8))
    top = Box(box.x, y, box.w, box.bottom - y)
    looks = [
        StatLook(value_size, size, align, label_face, value_color, show_detail) for size in (comfortable, label_size)
    ]
    tries = [(earlier, look) for look in looks]  # a smaller number before a cramped label
    if ctx.margins and (moe := figure_margin(ctx, stat)) is not None:  # the layout asks for margins of error
        shown = f"±{ctx.ts.number(moe, 1)}{NNBSP}{ctx.ts.points(moe)}"
        tries = [(f"{shown} · {earlier}" if earlier else shown, look) for look in looks] + tries  # where there is room
    for below, look in tries[:-1]:
        try:
            return top_parts + _stack(ctx, stat, top, below, look)
        except FitFailure:
            pass
    return top_parts + _stack(ctx, stat, top, *tries[-1])


def _stack(ctx: Ctx, stat: Stat, box: Box, earlier: str | None, look: StatLook) -> list[Text]:
    """The value, then its label, then its earlier waves; the value shrinks until all three fit."""
    key = ctx.stat_key(stat)
    size, label_size = look.value_size[0], look.label_size
    while True:
        value = value_text(
            ctx,
            key,
            ctx.value(stat.value, stat.unit, stat) + (SMALL if small_base(ctx, stat) else ""),
            Box(box.x, box.y, box.w, size),
            (size, min(size, look.value_size[1])),
            color=look.value_color,
            align=look.align,
        )
        cursor = value.box.bottom + STACK_GAP
        try:
            label = place_text(
                ctx,
                ctx.ts.text(stat.label) + (f" ({ctx.ts.text(stat.detail)})" if look.detail and stat.detail else ""),
                Box(box.x, cursor, box.w, box.bottom - cursor),
                key=key + ("label",),
                face=look.label_face,
                size=label_size,
                align=look.align,
                role="label",
            )
            parts = [value, label]
            if earlier:
                cursor = label.box.bottom + STACK_GAP
                small = label_size[0] * EARLIER_SCALE
                early = place_text(
                    ctx,
                    earlier,
                    Box(box.x, cursor, box.w, box.bottom - cursor),
                    key=key + ("earlier",),
                    size=(small, min(label_size[1], small)),
                    color=ctx.theme.muted,
                    align=look.align,
                    role="earlier",
                    max_lines=None,
                )
                parts.append(early)
            return parts
        except FitFailure:
            if size - VALUE_STEP < look.value_size[1]:
                raise
            size -= VALUE_STEP


def place_stats(
    ctx: Ctx,
    stats: list[Stat],
    cells: list[Box],
    *,
    value_size: Size,
    label_size: Size,
    colors: list[str | None] | None = None,
    show_earlier: bool = True,
    show_detail: bool = True,
) -> list[list[Text]]:
    """Several stats side by side at one value size and one label size (the largest all allow)."""
    if not stats:
        return []
    colors = colors or [None] * len(stats)
    first = [
        place_stat(
            ctx,
            s,
            c,
            value_size=value_size,
            label_size=label_size,
            value_color=col,
            show_earlier=show_earlier,
            show_detail=show_detail,
        )
        for s, c, col in zip(stats, cells, colors)
    ]
    value = min(_role(p, "value").size for p in first)
    label = min(_role(p, "label").size for p in first)
    placed = [
        parts  # already at the sizes all share (the largest label: its earlier waves at their size too)
        if _role(parts, "value").size == value and _role(parts, "label").size == label == label_size[0]
        else place_stat(
            ctx,
            s,
            c,
            value_size=(value, value),
            label_size=(label, label),
            value_color=col,
            show_earlier=show_earlier,
            show_detail=show_detail,
        )
        for s, c, col, parts in zip(stats, cells, colors, first)
    ]
    tallest = max(stat_height(parts) for parts in placed)  # one offset for all: the numbers line up
    return [[shift(p, (c.h - tallest) / 2) for p in parts] for parts, c in zip(placed, cells)]


RULE_W, RULE_GAP = 4.0, 10.0  # the coloured rule left of a figure beside a chart, and the gap after it


def wide_or_below(make: Callable[[bool], list[Element]], box: Box) -> list[Element]:
    """A chart's page with its figures in a column beside it on a wide page (``make(True)``); when
    they do not fit there (a 4:3 slide, long labels), in a row below it (``make(False)``)."""
    try:
        return make(box.landscape)
    except FitFailure:
        if not box.landscape:
            raise
        return make(False)


def cells_beside(box: Box, chart: Box, count: int, gap: float, wide: bool | None = None) -> list[Box]:
    """``count`` cells for the figures next to a chart laid out in ``box``: a column to its right
    (``wide``, by default when the box is landscape), or a row below it."""
    if box.landscape if wide is None else wide:
        side = Box(chart.right + gap * 2, box.y, box.right - chart.right - gap * 2, box.h)
        return side.rows(count, gap)
    side = Box(box.x, chart.bottom + gap, box.w, box.bottom - chart.bottom - gap)
    return side.columns(count, gap)


def ruled_figures(
    ctx: Ctx, stats: list[Stat], cells: list[Box], colors: list[str], *, value_size: Size, label_size: Size
) -> list[Element]:
    """Figures beside a chart, each after a rule in its series' colour, all at one size."""
    out: list[Element] = [Rect(Box(c.x, c.y, RULE_W, c.h), color, role="stat-rule") for c, color in zip(cells, colors)]
    inners = [Box(c.x + RULE_W + RULE_GAP, c.y, c.w - RULE_W - RULE_GAP, c.h) for c in cells]
    for parts in place_stats(ctx, stats, inners, value_size=value_size, label_size=label_size):
        out += parts
    return out


def _role(parts: list[Text], role: str) -> Text:
    return next(p for p in parts if p.role == role)


def stat_height(parts: list[Text]) -> float:
    return parts[-1].box.bottom - parts[0].box.y


def center_vertically(parts: list[Text], box: Box) -> list[Text]:
    used = stat_height(parts)
    dy = (box.h - used) / 2 - (parts[0].box.y - box.y)
    return [shift(p, dy) for p in parts]


QUOTE_TEXT = (18.0, 10.0)  # quote text size range when a template names none
ALONE_SCALE = 4 / 3  # a single quote is set this much larger
CARD_PAD, CARD_PAD_ALONE = 16.0, 24.0  # inside a card, around the text
MARK_W, MARK_SIZE = 34.0, 40.0  # the quotation marks: column width, size
MARK_INSET = (10.0, 6.0)  # the opening mark from the card's top left corner
MARK_END = (6.0, 34.0)  # the closing mark from the card's bottom right corner
CARD_GAP = 14.0
CARD_AIR = 48.0  # at most this much room is added to each card
BY_LINE = 1.3  # the attribution's line, as a multiple of the smallest quote size
FIT_STEP = 0.5


def quote_cards(
    ctx: Ctx, section: Section, quotes: list[Quote], box: Box, *, vertical: bool, size: Size = QUOTE_TEXT
) -> list[Element]:
    """One card per quote, all at one text size, as a column or a row centred in ``box``."""
    count = len(quotes)
    if count == 1:
        size = (size[0] * ALONE_SCALE, size[1])
    pad = CARD_PAD if count > 1 else CARD_PAD_ALONE
    texts = [ctx.ts.text(q.text) for q in quotes]
    card_w = box.w if vertical else (box.w - CARD_GAP * (count - 1)) / count
    inner_w = card_w - 2 * pad - MARK_W
    by_h = [(size[1] * BY_LINE if q.by else 0.0) for q in quotes]
    avail = (box.h - CARD_GAP * (count - 1)) if vertical else box.h
    font = size[0]
    while font >= size[1]:
        layouts = [tx.layout_at((t,), "italic", font, inner_w / ctx.theme.text_scale) for t in texts]
        if all(layouts):
            heights = [lay.height + 2 * pad + b for lay, b in zip(layouts, by_h) if lay]
            if (sum(heights) if vertical else max(heights)) <= avail:
                break
        font -= FIT_STEP
    else:
        index = max(range(count), key=lambda i: len(texts[i]))
        raise FitFailure(ctx.item_key(section, quotes[index]) + ("text",), "quote", float("inf"), avail)
    if vertical:
        extra = min(CARD_AIR, (avail - sum(heights)) / count)
        card_hs = [h + extra for h in heights]
        used = sum(card_hs) + CARD_GAP * (count - 1)
    else:
        used = min(avail, max(heights) + CARD_AIR)
        card_hs = [used] * count
    out: list[Element] = []
    x, y = box.x, box.y + (box.h - used) / 2
    for quote, text, card_h in zip(quotes, texts, card_hs):
        card = Box(x, y, card_w, card_h)
        out += _quote_card(ctx, section, quote, text, card, pad, (font, size[1]))
        if vertical:
            y += card_h + CARD_GAP
        else:
            x += card_w + CARD_GAP
    return out


def _quote_card(
    ctx: Ctx, section: Section, quote: Quote, text: str, card: Box, pad: float, sizes: tuple[float, float]
) -> list[Element]:
    """A card, its quotation marks, the quote at ``sizes[0]`` and its attribution at ``sizes[1]``."""
    font, small = sizes
    open_mark, close_mark = ("«", "»") if ctx.ts.french else ("“", "”")
    mark = (MARK_SIZE, MARK_SIZE, ctx.theme.accent, "bold")
    opening = Box(card.x + MARK_INSET[0], card.y + MARK_INSET[1], MARK_W, MARK_SIZE)
    closing = Box(card.right - MARK_W - MARK_END[0], card.bottom - MARK_END[1], MARK_W, MARK_SIZE)
    out: list[Element] = [
        Rect(card, ctx.theme.card, radius=ctx.theme.space.radius, role="quote-card"),
        Text(opening, ((open_mark,),), *mark, "left", "top", "quote-mark"),
        Text(closing, ((close_mark,),), *mark, "right", "top", "quote-mark"),
    ]
    key = ctx.item_key(section, quote)
    inner_w = card.w - 2 * pad - MARK_W
    by_h = small * BY_LINE if quote.by else 0.0
    body = place_text(
        ctx,
        text,
        Box(card.x + pad + MARK_W, card.y + pad, inner_w, card.h - 2 * pad - by_h),
        key=key + ("text",),
        face="italic",
        size=(font, font),
        role="quote",
        anchor="middle",
    )
    out.append(body)
    if quote.by:
        by = place_text(
            ctx,
            ctx.ts.text(quote.by),
            Box(body.box.x, body.box.bottom + 4, inner_w, by_h),
            key=key + ("by",),
            size=(small, small),
            color=ctx.theme.muted,
            role="attribution",
        )
        out.append(by)
    return out
