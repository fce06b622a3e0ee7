"""The infographics: sizes, same palette as the deck, content present, reproducible."""

from __future__ import annotations

import pytest
from PIL import Image

from deck.layout.theme import Theme

pytestmark = pytest.mark.xdist_group("example-builds")


def test_sizes(built):
    sizes = {e["path"]: (e["width"], e["height"]) for e in built.manifest["images"]}
    for path, (w, h) in sizes.items():
        with Image.open(built.out / path) as image:
            assert image.size == (w, h), path
    assert sizes["png/01-usages-square.png"] == (1080, 1080)
    assert sizes["png/02-pratiques-social.png"] == (1920, 1080)
    assert all(w >= 1200 for p, (w, _) in sizes.items() if "square" not in p)
    assert sizes["png/poster.png"][1] > 3 * sizes["png/poster.png"][0]
    assert len([p for p in sizes if p.count("-") == 1 or p.endswith(("usages.png", "pratiques.png"))]) >= 7


def test_one_newsletter_image_per_section(built, inputs):
    sections = [
        e["section"] for e in built.manifest["images"] if e["preset"] == "newsletter" and e["template"] != "poster"
    ]
    assert sections == [s.id for s in inputs.study.sections]


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_images_use_the_theme_palette(built):
    accent = _rgb(Theme().accent)
    for image_path in built.images:
        with Image.open(image_path) as image:
            colors = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colors is not None
        count = dict((c, n) for n, c in colors)
        assert count.get(accent, 0) > 500, image_path.name  # the accent is really drawn
        assert count.get((255, 255, 255), 0) > image.width * image.height * 0.3


def test_alt_texts_name_the_figures(built):
    by_path = {e["path"]: e for e in built.manifest["images"]}
    assert "90\u202f%" in by_path["png/01-usages.png"]["alt"]
    assert (
        "78\u202f%" in by_path["png/02-pratiques.png"]["alt"] and "70\u202f%" in by_path["png/02-pratiques.png"]["alt"]
    )
    assert "57\u202f%" in by_path["png/poster.png"]["alt"]


def test_a_large_image_is_compressed_in_pieces_as_one_stream_whatever_the_cores(monkeypatch: pytest.MonkeyPatch):
    import os
    import random
    import zlib

    from deck.render import png

    rows = random.Random(5).randbytes(3_000_000) * 5  # 15 MB: four pieces
    assert len(rows) // png.PIECE >= 2
    two = png.deflate(rows)
    assert zlib.decompress(two) == rows
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert png.deflate(rows) == two  # the same bytes on one core as on two
    small = b"\0" * 1000
    assert png.deflate(small) == zlib.compress(small, png.LEVEL)


def test_a_drawing_interrupted_while_its_workers_start_keeps_nothing(monkeypatch):
    """The tasks a drawing leaves for its workers go when it is interrupted as they start."""
    from deck.render import png
    from deck.scene import Scene

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(png, "Started", interrupted)
    with pytest.raises(KeyboardInterrupt):
        png.start_drawing([(Scene(100, 100, ()), 1.0)] * 3, 2)
    assert png._DRAWINGS == {}
