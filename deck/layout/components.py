"""Components shared by templates: a stat block, quote cards, legend entries."""

from __future__ import annotations

from deck.inputs.study import Quote, Section, Stat
from deck.layout.textbox import Ctx, FitFailure, Key, place_text, shift
from deck.scene import Align, Box, Element, Rect, Text
from deck.typesetting import metrics as tx

NUMBER_LINE = 1.0


def source_marker(ctx: Ctx, source: str | None) -> str:
    if source is None:
        return ""
    return "*" * (list(ctx.study.sources).index(source) + 1)


def earlier_text(ctx: Ctx, stat: Stat) -> str | None:
    """'70 % en 2020* · +8 pts' for the most recent earlier wave."""
    if not stat.earlier:
        return None
    wave = stat.earlier[0]
    when = str(wave.year) if wave.year is not None else (wave.label or "")
    marker = source_marker(ctx, wave.source)
    value = ctx.ts.value(wave.value, stat.unit)
    return f"{value} {ctx.ts.word('in')} {when}{marker} · {ctx.ts.delta(stat.value, wave.value)}"


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
    return place_text(
        ctx,
        value,
        box,
        key=key + ("value",),
        face="bold",
        size=size,
        color=color or ctx.theme.accent,
        align=align,
        role=role,
        max_lines=1,
        line=NUMBER_LINE,
    )


def place_stat(
    ctx: Ctx,
    stat: Stat,
    box: Box,
    *,
    value_size: tuple[float, float],
    label_size: tuple[float, float],
    align: Align = "left",
    label_face: str = "regular",
    show_headline: bool = False,
    value_color: str | None = None,
    show_earlier: bool = True,
) -> list[Text]:
    """Value, earlier wave and label stacked top-down inside ``box``; the value as large as fits."""
    key = ctx.stat_key(stat)
    gap = 4.0
    top_parts: list[Text] = []
    y = box.y
    if show_headline and stat.headline:
        head = place_text(
            ctx,
            ctx.ts.text(stat.headline),
            Box(box.x, y, box.w, box.h / 3),
            key=key + ("headline",),
            face="bold",
            size=(label_size[0] * 1.25, label_size[1]),
            align=align,
            role="headline-figure",
            max_lines=2,
        )
        top_parts.append(head)
        y = head.box.bottom + gap
    earlier = earlier_text(ctx, stat) if show_earlier else None
    comfortable = (label_size[0], max(label_size[1], label_size[0] * 0.8))
    try:  # a smaller number before a cramped label
        return _stack(
            ctx, stat, key, box, y, top_parts, earlier, value_size, comfortable, align, label_face, value_color
        )
    except FitFailure:
        return _stack(
            ctx, stat, key, box, y, top_parts, earlier, value_size, label_size, align, label_face, value_color
        )


def _stack(
    ctx: Ctx,
    stat: Stat,
    key: Key,
    box: Box,
    y: float,
    top_parts: list[Text],
    earlier: str | None,
    value_size: tuple[float, float],
    label_size: tuple[float, float],
    align: Align,
    label_face: str,
    value_color: str | None,
) -> list[Text]:
    gap = 4.0
    size = value_size[0]
    while True:
        value = value_text(
            ctx,
            key,
            ctx.ts.value(stat.value, stat.unit),
            Box(box.x, y, box.w, size),
            (size, min(size, value_size[1])),
            color=value_color,
            align=align,
        )
        parts = top_parts + [value]
        cursor = value.box.bottom + gap
        try:
            if earlier:
                early = place_text(
                    ctx,
                    earlier,
                    Box(box.x, cursor, box.w, box.bottom - cursor),
                    key=key + ("earlier",),
                    size=(label_size[0] * 0.9, min(label_size[1], label_size[0] * 0.9)),
                    color=ctx.theme.muted,
                    align=align,
                    role="earlier",
                    max_lines=2,
                )
                parts.append(early)
                cursor = early.box.bottom + gap
            label = place_text(
                ctx,
                ctx.ts.text(stat.label),
                Box(box.x, cursor, box.w, box.bottom - cursor),
                key=key + ("label",),
                face=label_face,
                size=label_size,
                align=align,
                role="label",
            )
            return parts + [label]
        except FitFailure:
            if size - 4 < value_size[1]:
                raise
            size -= 4


def place_stats(
    ctx: Ctx,
    stats: list[Stat],
    cells: list[Box],
    *,
    value_size: tuple[float, float],
    label_size: tuple[float, float],
    colors: list[str | None] | None = None,
    show_earlier: bool = True,
) -> list[list[Text]]:
    """Several stats side by side at one value size and one label size (the largest all allow)."""
    colors = colors or [None] * len(stats)
    first = [
        place_stat(ctx, s, c, value_size=value_size, label_size=label_size, value_color=col, show_earlier=show_earlier)
        for s, c, col in zip(stats, cells, colors)
    ]
    value = min(p[0].size for p in first)
    label = min(p[-1].size for p in first)
    placed = [
        place_stat(
            ctx, s, c, value_size=(value, value), label_size=(label, label), value_color=col, show_earlier=show_earlier
        )
        for s, c, col in zip(stats, cells, colors)
    ]
    tallest = max(stat_height(parts) for parts in placed)  # one offset for all: the numbers line up
    return [[shift(p, (c.h - tallest) / 2) for p in parts] for parts, c in zip(placed, cells)]


def stat_height(parts: list[Text]) -> float:
    return parts[-1].box.bottom - parts[0].box.y


def center_vertically(parts: list[Text], box: Box) -> list[Text]:
    used = stat_height(parts)
    dy = (box.h - used) / 2 - (parts[0].box.y - box.y)
    return [shift(p, dy) for p in parts]


def quote_cards(
    ctx: Ctx, section: Section, quotes: list[Quote], box: Box, *, vertical: bool, size: tuple[float, float] = (18, 10)
) -> list[Element]:
    """One card per quote, all at one text size, as a column or a row centred in ``box``."""
    count = len(quotes)
    if count == 1:
        size = (size[0] * 4 / 3, size[1])
    pad, mark_w, gap = (16.0 if count > 1 else 24.0), 34.0, 14.0
    texts = [ctx.ts.text(q.text) for q in quotes]
    open_mark, close_mark = ("«", "»") if ctx.ts.french else ("“", "”")
    inner_w = (box.w if vertical else (box.w - gap * (count - 1)) / count) - 2 * pad - mark_w
    by_h = [(size[1] * 1.3 if q.by else 0.0) for q in quotes]
    avail = (box.h - gap * (count - 1)) if vertical else box.h
    font = size[0]
    while font >= size[1]:
        layouts = [tx.layout_at((t,), "italic", font, inner_w) for t in texts]
        if all(layouts):
            heights = [lay.height + 2 * pad + b for lay, b in zip(layouts, by_h) if lay]
            fits = sum(heights) <= avail if vertical else max(heights) <= avail
            if fits:
                break
        font -= 0.5
    else:
        index = max(range(count), key=lambda i: len(texts[i]))
        raise FitFailure(ctx.item_key(section, quotes[index]) + ("text",), "quote", float("inf"), avail)
    out: list[Element] = []
    room = 48.0  # at most this much air is added to each card
    if vertical:
        extra = min(room, (avail - sum(heights)) / count)
        used = sum(heights) + extra * count + gap * (count - 1)
    else:
        extra = 0.0
        row_h = min(avail, max(heights) + room)
        used = row_h
    x, y = box.x, box.y + (box.h - used) / 2
    for quote, text, height in zip(quotes, texts, heights):
        card_h = height + extra if vertical else row_h
        card_w = box.w if vertical else (box.w - gap * (count - 1)) / count
        card = Box(x, y, card_w, card_h)
        out.append(Rect(card, ctx.theme.card, radius=8, role="quote-card"))
        out.append(
            Text(
                Box(card.x + 10, card.y + 6, mark_w, 40),
                ((open_mark,),),
                40,
                40,
                ctx.theme.accent,
                "bold",
                "left",
                "top",
                "quote-mark",
            )
        )
        out.append(
            Text(
                Box(card.right - mark_w - 6, card.bottom - 34, mark_w, 40),
                ((close_mark,),),
                40,
                40,
                ctx.theme.accent,
                "bold",
                "right",
                "top",
                "quote-mark",
            )
        )
        key = ctx.item_key(section, quote)
        body = place_text(
            ctx,
            text,
            Box(card.x + pad + mark_w, card.y + pad, inner_w, card_h - 2 * pad - (size[1] * 1.3 if quote.by else 0)),
            key=key + ("text",),
            face="italic",
            size=(font, font),
            role="quote",
            anchor="middle",
        )
        out.append(body)
        if quote.by:
            out.append(
                place_text(
                    ctx,
                    ctx.ts.text(quote.by),
                    Box(body.box.x, body.box.bottom + 4, inner_w, size[1] * 1.3),
                    key=key + ("by",),
                    size=(size[1], size[1]),
                    color=ctx.theme.muted,
                    role="attribution",
                )
            )
        if vertical:
            y += card_h + gap
        else:
            x += card_w + gap
    return out


def legend(
    ctx: Ctx, entries: list[tuple[str, str]], box: Box, *, size: tuple[float, float], key: Key, columns: int = 1
) -> list[Element]:
    """Colour swatches with their text; the text alone carries the meaning."""
    out: list[Element] = []
    col_w = box.w / columns
    sw = 12.0
    rows = (len(entries) + columns - 1) // columns
    row_h = box.h / rows
    for i, (color, label) in enumerate(entries):
        cx = box.x + (i % columns) * col_w
        cy = box.y + (i // columns) * row_h
        text = place_text(
            ctx, label, Box(cx + sw + 8, cy, col_w - sw - 16, row_h), key=key, size=size, role="legend", anchor="top"
        )
        swatch_y = text.box.y + text.line_height / 2 - sw / 2
        out.append(Rect(Box(cx, swatch_y, sw, sw), color, radius=2, role="swatch"))
        out.append(text)
    return out
