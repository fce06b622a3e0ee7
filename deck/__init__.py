"""deck: survey results to a presentation-ready PowerPoint deck and matching PNG infographics.

    >>> import deck
    >>> result = deck.build("data/numerique-sante-2023.yaml", out="out")   # doctest: +SKIP

Importing deck is light: the renderers load only when a build runs.
"""

from __future__ import annotations

from deck.about import VERSION as __version__

TYPE_CHECKING = False  # not typing's: importing typing costs 10 ms, before Ctrl-C is handled

__all__ = ["DeckError", "FitError", "InputError", "OutputError", "Problem", "build", "check", "__version__"]

if TYPE_CHECKING:
    from typing import Any

    from deck.errors import DeckError, FitError, InputError, OutputError, Problem
    from deck.pipeline import build, check


def __getattr__(name: str) -> Any:
    if name in ("build", "check"):
        from deck import pipeline as module

        return getattr(module, name)
    if name in __all__:
        from deck import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'deck' has no attribute {name!r}")
