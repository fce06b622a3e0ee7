"""The images of a build, drawn on forked workers while the deck is made: PNGs at their preset's
density (twice as dense for @2x), SVGs."""

from __future__ import annotations

import os
from typing import Any


def form_key(path: str) -> str:
    """What a digest adds for an image's format: nothing for a PNG (so its digests stay as they were)."""
    from deck.output.manifest import image_form

    return "" if image_form(path) == "png" else "|" + image_form(path)


def start_images(images: list[Any], jobs: int | None, optimize: bool) -> Any:
    """The images begun on ``jobs`` processes (default: one per core), in a context that waits for
    them or, when interrupted, stops them."""
    if not images:
        from deck.parallel import Started

        return Started(str, [], 1)  # nothing to draw: no drawing library loaded
    from deck.output.manifest import image_task
    from deck.render.png import start_drawing  # the drawing library loads only when an image is drawn

    tasks = [image_task(image.path, image.preset, image.scene) for image in images]
    return start_drawing(tasks, jobs or os.cpu_count() or 1, optimize)
