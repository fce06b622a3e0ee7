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


def per_page(section: Section) -> list[Quote]:
    """The quotes one page shows: at most three, and the pages a section needs share them evenly."""
    found = quotes(section)
    pages = -(-len(found) // MAX_QUOTES)
    return found[: -(-len(found) // max(1, pages))]


def quote(ctx: Ctx, section: Section, box: Box) -> list[Element]:
    items = per_page(section)
    return quote_cards(ctx, section, items, box, vertical=box.w < NARROW or len(items) == 1, size=TEXT)


TEMPLATE = SectionTemplate(
    name="quote",
    summary="one to three quote cards",
    needs="a quote",
    body=quote,
    shows=per_page,
    lacks=has(Quote, "needs a `quote` item"),
    prefers=lambda s: True,
    rank=70,
    poster_height=360.0,
)
