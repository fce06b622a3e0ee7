"""Templates built from stats and quotes: hero, stat grid, pictogram, quotes."""

from __future__ import annotations

from deck.inputs.study import Heading, Quote, Section, Stat
from deck.layout.blocks import center_vertically, place_stat, place_stats, quote_cards
from deck.layout.icons import person_row
from deck.layout.textbox import GAP, Ctx, place_text, shift
from deck.scene import Align, Box, Element, Group, Poly, Rect, Text


def _stats(section: Section) -> list[Stat]:
    return [i for i in section.items if isinstance(i, Stat)]


def _quotes(section: Section) -> list[Quote]:
    return [i for i in section.items if isinstance(i, Quote)]


def _detail(ctx: Ctx, stat: Stat, box: Box) -> Text | None:
    if not stat.detail:
        return None
    return place_text(
        ctx,
        f"({ctx.ts.text(stat.detail)})",
        box,
        key=ctx.stat_key(stat) + ("detail",),
        size=(15.0, 9.0),
        color=ctx.theme.muted,
        role="detail",
    )


def hero(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """One dominant figure, with up to two quotes beside or below it."""
    stat = _stats(section)[0]
    quotes = _quotes(section)[:2]
    landscape = box.w / box.h > 1.25
    if not quotes:
        col = box.inset(box.w * 0.12, 0)
        return _hero_figure(ctx, stat, col, (150.0, 60.0), align="center")
    if landscape:
        left_w = box.w * 0.40
        figure_box = Box(box.x, box.y, left_w, box.h)
        quote_box = Box(box.x + left_w + GAP * 2, box.y, box.w - left_w - GAP * 2, box.h)
        parts = _hero_figure(ctx, stat, figure_box, (120.0, 54.0), align="left")
        return parts + quote_cards(ctx, section, quotes, quote_box, vertical=True)
    top_h = box.h * 0.42
    parts = _hero_figure(ctx, stat, Box(box.x, box.y, box.w, top_h), (96.0, 44.0), align="left")
    quote_box = Box(box.x, box.y + top_h + GAP, box.w, box.h - top_h - GAP)
    return parts + quote_cards(ctx, section, quotes, quote_box, vertical=len(quotes) == 1 or box.w < 600)


def _hero_figure(ctx: Ctx, stat: Stat, box: Box, value_size: tuple[float, float], align: Align) -> list[Element]:
    detail_h = box.h * 0.34 if stat.detail else 0.0
    main = Box(box.x, box.y, box.w, box.h - detail_h)
    parts = place_stat(
        ctx,
        stat,
        main,
        value_size=value_size,
        label_size=(24.0, 13.0),
        align=align,
        show_headline=True,
        label_face="bold",
    )
    detail = _detail(ctx, stat, Box(box.x, parts[-1].box.bottom + 10, box.w, box.bottom - parts[-1].box.bottom - 10))
    if detail:
        parts.append(detail)
    return list(center_vertically(parts, box))


def stat_grid(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """Two to four figures per row; a ``heading`` item starts a new row with its sub-head."""
    groups: list[tuple[Heading | None, list[Stat]]] = [(None, [])]
    for item in section.items:
        if isinstance(item, Heading):
            groups.append((item, []))
        elif isinstance(item, Stat):
            groups[-1][1].append(item)
    groups = [(head if k == 0 else None, stats[k : k + 4]) for head, stats in groups for k in range(0, len(stats), 4)]
    out: list[Element] = []
    row_gap = GAP * 1.5
    row_h = (box.h - row_gap * (len(groups) - 1)) / len(groups)
    y = box.y
    for heading, stats in groups:
        row = Box(box.x, y, box.w, row_h)
        if heading:
            head = place_text(
                ctx,
                ctx.ts.text(heading.text),
                Box(row.x, row.y, row.w, min(44.0, row_h / 3)),
                key=ctx.item_key(section, heading) + ("text",),
                face="bold",
                size=(16.0, 10.0),
                color=ctx.theme.accent,
                role="subhead",
                max_lines=2,
            )
            out.append(head)
            row = Box(row.x, head.box.bottom + 10, row.w, row.bottom - head.box.bottom - 10)
        out.extend(_stat_row(ctx, stats, row))
        y += row_h + row_gap
    return out


def _stat_row(ctx: Ctx, stats: list[Stat], row: Box) -> list[Element]:
    count = len(stats)
    cell_w = (row.w - GAP * (count - 1)) / count
    cells = [Box(row.x + i * (cell_w + GAP), row.y, cell_w, row.h) for i in range(count)]
    big = (64.0, 32.0) if row.h > 160 else (44.0, 26.0)
    colors: list[str | None] = [None if s.of is None else ctx.theme.muted for s in stats]
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=8, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx, stats, [c.inset(18, 12) for c in cells], value_size=big, label_size=(16.0, 9.5), colors=colors
    ):
        out.extend(parts)
    return out


def pictogram(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """The figure said in words ("Plus de 3/4 des Français") as a row of ten people; others beside."""
    stats = _stats(section)
    main = next((s for s in stats if s.headline), stats[0])
    others = [s for s in stats if s is not main]
    landscape = box.w / box.h > 1.25
    if others and landscape:
        main_box = Box(box.x, box.y, box.w * 0.58, box.h)
        side = Box(main_box.right + GAP * 2, box.y, box.w - main_box.w - GAP * 2, box.h)
        cells = [
            Box(side.x, side.y + i * (side.h + GAP) / len(others), side.w, (side.h + GAP) / len(others) - GAP)
            for i in range(len(others))
        ]
    elif others:
        main_box = Box(box.x, box.y, box.w, box.h * 0.58)
        row_y = main_box.bottom + GAP
        cw = (box.w - GAP * (len(others) - 1)) / len(others)
        cells = [Box(box.x + i * (cw + GAP), row_y, cw, box.bottom - row_y) for i in range(len(others))]
    else:
        main_box, cells = box, []
    out = _pictogram_figure(ctx, main, main_box)
    out += _stat_cells(ctx, others, cells)
    return out


def _pictogram_figure(ctx: Ctx, stat: Stat, box: Box) -> list[Element]:
    icons_h = min(box.h * 0.36, box.w / 10 / 0.5 * 0.92)
    text_box = Box(box.x, box.y, box.w, box.h - icons_h - GAP)
    parts = place_stat(ctx, stat, text_box, value_size=(96.0, 40.0), label_size=(20.0, 11.0), show_headline=True)
    top = max(p.box.bottom for p in parts) + GAP
    icons = person_row(
        Box(box.x, top, box.w, icons_h), stat.value, 100.0, fill=ctx.theme.accent, empty=ctx.theme.neutral
    )
    filled = ctx.ts.number(stat.value / 10)
    alt = (
        f"{ctx.ts.word('pictogram')} : {filled} {ctx.ts.word('people')}"
        if ctx.ts.french
        else f"{ctx.ts.word('pictogram')}: {filled} {ctx.ts.word('people')}"
    )
    group = Group(tuple(icons), alt)
    used = top + icons_h - box.y
    dy = (box.h - used) / 2
    moved = Group(
        tuple(
            Poly(tuple((x, y + dy) for x, y in p.points), p.fill, p.role) for p in group.elements if isinstance(p, Poly)
        ),
        alt,
    )
    out: list[Element] = [shift(p, dy) for p in parts]
    return out + [moved]


def _stat_cells(ctx: Ctx, stats: list[Stat], cells: list[Box]) -> list[Element]:
    out: list[Element] = [Rect(cell, ctx.theme.card, radius=8, role="stat-card") for cell in cells]
    for parts in place_stats(
        ctx, stats, [c.inset(18, 12) for c in cells], value_size=(56.0, 28.0), label_size=(17.0, 9.5)
    ):
        out.extend(parts)
    return out


def quotes(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    """One to three quote cards."""
    items = _quotes(section)[:3]
    return quote_cards(ctx, section, items, box, vertical=box.w < 600 or len(items) == 1, size=(22.0, 11.0))
