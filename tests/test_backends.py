"""Both backends draw every kind of scene element, from the scene alone (no study, no layout)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deck.layout.compose import deck_master
from deck.layout.theme import Theme
from deck.render.png import render_png
from deck.render.pptx import render_pptx
from deck.scene import Bitmap, Box, Chart, Group, Poly, Rect, Scene, Series, Text

RED, BLUE, GREEN = "#C0392B", "#1F4E9A", "#1E7B45"


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Scene:
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (40, 20), GREEN).save(logo)
    bar = Rect(Box(420, 300, 40, 100), BLUE, role="bar")
    chart = Chart(
        Box(400, 200, 200, 220),
        "columns",
        ("a",),
        (Series("2023", (50.0,), BLUE),),
        "0",
        12,
        12,
        "#000000",
        "#666666",
        (bar,),
        Box(400, 220, 200, 180),
        "chart",
        axis_max=100.0,
        axis_line="#999999",
    )
    return Scene(
        960,
        540,
        (
            Rect(Box(20, 20, 100, 100), RED, role="card"),
            Poly(((200, 20), (300, 20), (250, 120)), BLUE, "wedge", "#FFFFFF", 1.5),
            Text(Box(20, 200, 300, 40), (("Bonjour 78\u202f%",),), 30, 34.5, "#000000", "bold"),
            chart,
            Bitmap(Box(700, 20, 80, 40), str(logo), "Logo"),
            Group((Rect(Box(20, 400, 40, 40), GREEN, role="icon"),), "Pictogram"),
        ),
    )


def test_pptx_draws_every_element(scene: Scene):
    blob = render_pptx([scene], master=deck_master(Theme()), lang="fr-FR", properties={})
    shapes = list(Presentation(io.BytesIO(blob)).slides[0].shapes)
    kinds = [s.shape_type for s in shapes]
    assert kinds.count(MSO_SHAPE_TYPE.AUTO_SHAPE) == 1
    assert kinds.count(MSO_SHAPE_TYPE.FREEFORM) == 1
    assert kinds.count(MSO_SHAPE_TYPE.TEXT_BOX) == 1
    assert kinds.count(MSO_SHAPE_TYPE.CHART) == 1
    assert kinds.count(MSO_SHAPE_TYPE.PICTURE) == 1
    assert kinds.count(MSO_SHAPE_TYPE.GROUP) == 1
    chart = next(s for s in shapes if s.has_chart).chart
    assert chart.value_axis.maximum_scale == 100.0
    assert next(s for s in shapes if s.has_text_frame and s.text_frame.text).text_frame.text == "Bonjour 78\u202f%"


def test_png_draws_every_element(scene: Scene, tmp_path: Path):
    blob = render_png(scene, 1.0)
    with Image.open(io.BytesIO(blob)) as image:
        pixels = image.convert("RGB")
    assert pixels.size == (960, 540)

    def at(x: float, y: float) -> str:
        return "#{:02X}{:02X}{:02X}".format(*pixels.getpixel((int(x), int(y))))

    assert at(70, 70) == RED  # rect
    assert at(250, 50) == BLUE  # polygon
    assert at(440, 350) == BLUE  # the chart's marks
    assert at(740, 40) == GREEN  # bitmap
    assert at(40, 420) == GREEN  # group
    text = pixels.crop((20, 200, 320, 240)).convert("L")
    assert text.getextrema()[0] < 60  # dark glyphs where the text is


def test_png_never_reads_text_as_mathematics(scene: Scene):
    dollars = Text(Box(20, 20, 400, 40), (("pay $\\frac$ a month, $5 et $10",),), 20, 23, "#000000")
    blob = render_png(Scene(480, 80, (dollars,)), 1.0)
    assert blob.startswith(b"\x89PNG")


def test_png_text_is_as_wide_as_the_layout_measured():
    """Glyphs go where the font's advances put them: a line fitted to its box stays inside it."""
    from deck.typesetting import metrics as tx

    line = "Les Français considèrent leurs données de santé comme sensibles"
    for size, scale in ((9.0, 1.25), (13.0, 1.5), (30.0, 2.0)):
        width = tx.width(line, "bold", size)
        text = Text(Box(10, 10, width, size * 1.2), ((line,),), size, size * 1.2, "#000000", "bold")
        scene = Scene(width + 20, size * 1.2 + 20, (text,))
        with Image.open(io.BytesIO(render_png(scene, scale))) as image:
            left, _, right, _ = image.convert("L").point(lambda v: 255 - v).getbbox()
        assert 10 * scale - 2 <= left and right <= (10 + width) * scale + 2, (size, left, right, (10 + width) * scale)
        assert right - left >= (width - size) * scale  # and it is not narrower either


def test_png_is_opaque_rgb_and_drawn_alike_in_parallel(scene: Scene):
    from deck.render.png import render_many

    blob = render_png(scene, 1.5)
    with Image.open(io.BytesIO(blob)) as image:
        assert image.mode in ("RGB", "P")  # never an alpha channel: every deck image is opaque
    tasks = [(scene, 1.0), (scene, 1.5), (scene, 2.0)]
    assert render_many(tasks, workers=2) == render_many(tasks, workers=1) == [render_png(s, k) for s, k in tasks]


def test_optimized_png_has_the_same_pixels_in_fewer_bytes(scene: Scene):
    from deck.render.png import render_many

    plain, smaller = render_many([(scene, 2.0)])[0], render_many([(scene, 2.0)], optimize=True)[0]
    assert len(smaller) < len(plain)
    with Image.open(io.BytesIO(plain)) as a, Image.open(io.BytesIO(smaller)) as b:
        assert a.convert("RGB").tobytes() == b.convert("RGB").tobytes()


def test_png_encoding_is_lossless():
    from deck.render.png import encode

    few = Image.new("RGB", (37, 11), "#1F4E9A")
    few.paste((200, 10, 10), (3, 3, 20, 8))
    many = Image.frombytes("RGB", (64, 48), bytes((i * 7919) % 251 for i in range(64 * 48 * 3)))
    for image, mode in ((few, "P"), (many, "RGB")):
        with Image.open(io.BytesIO(encode(image))) as decoded:
            assert decoded.mode == mode
            assert decoded.convert("RGB").tobytes() == image.tobytes()
