"""quote: one to three quote cards, the respondents' words in full."""

from __future__ import annotations

from deck.inputs.study import Quote, Section
from deck.layout.components import quote_cards
from deck.layout.context import Ctx
from deck.layout.template import SectionTemplate, has, quotes
from deck.scene import Box, Element

MAX_QUOTES = 3
TEXT = (22.0, 11.0)
NARROW = 600.0  # boxes narrower than this stack the cards


def quote(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    items = quotes(section)[:MAX_QUOTES]
    return quote_cards(ctx, section, items, box, vertical=box.w < NARROW or len(items) == 1, size=TEXT)


TEMPLATE = SectionTemplate(
    name="quote",
    summary="one to three quote cards",
    needs="a quote",
    body=quote,
    shows=lambda s: list(quotes(s)[:MAX_QUOTES]),
    lacks=has(Quote, "needs a `quote` item"),
    prefers=lambda s: True,
    rank=70,
    poster_height=360.0,
)
