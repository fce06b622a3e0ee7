"""A deck assembled from slides reused from an earlier deck is byte for byte the deck a cold
rendering makes; the package stays whole (every part named once, listed, and reachable)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deck.layout.compose import deck_master
from deck.layout.theme import Theme
from deck.render.assemble import from_zip, slides_of
from deck.render.pptx import render_deck
from deck.scene import Bitmap, Box, Chart, Rect, Scene, Series, Text

BLUE, GREEN = "#1F4E9A", "#1E7B45"
OPTIONS = {"master": deck_master(Theme()), "lang": "fr-FR", "properties": {"title": "T"}}


def _slide(n: int, logo: Path, notes: bool) -> Scene:
    chart = Chart(
        Box(400, 200, 200, 220),
        "columns",
        ("a", "b"),
        (Series("2023", (float(n), 50.0), BLUE),),
        "0",
        12,
        12,
        "#000000",
        "#666666",
        (),
        Box(400, 220, 200, 180),
        f"chart {n}",
        axis_max=100.0,
        axis_line="#999999",
    )
    elements = (
        Rect(Box(20, 20, 100, 100), GREEN, role="card"),
        Text(Box(20, 200, 300, 40), ((f"Slide {n}",),), 30, 34.5, "#000000", "bold"),
        Bitmap(Box(700, 20, 80, 40), str(logo), "Logo"),
    )
    if n % 2:
        elements += (chart,)
    return Scene(960, 540, elements, notes=f"Notes {n}" if notes else "")


@pytest.fixture(scope="module")
def scenes(tmp_path_factory) -> list[Scene]:
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (40, 20), GREEN).save(logo)
    return [_slide(n, logo, notes=n != 2) for n in range(1, 7)]


def test_reused_slides_give_the_bytes_of_a_cold_rendering(scenes):
    cold, drawn = render_deck(scenes, **OPTIONS)
    assert drawn == list(range(6))
    old = slides_of(cold)
    changed = list(scenes)
    changed[3] = replace(scenes[3], notes="Edited notes")
    expected, _ = render_deck(changed, **OPTIONS)
    assert expected != cold
    for kept in ({0, 1, 2, 4, 5}, {0}, {5}, set()):
        blob, drawn = render_deck(changed, **OPTIONS, reuse={i: old[i] for i in kept})
        assert drawn == [i for i in range(6) if i not in kept]
        assert blob == expected


def test_slides_move_with_their_charts_and_notes(scenes):
    cold, _ = render_deck(scenes, **OPTIONS)
    old = slides_of(cold)
    order = [5, 0, 4, 1, 3, 2]
    moved = [scenes[i] for i in order]
    blob, drawn = render_deck(moved, **OPTIONS, reuse={k: old[i] for k, i in enumerate(order)})
    assert drawn == []
    assert blob == render_deck(moved, **OPTIONS)[0]
    deck = Presentation(io.BytesIO(blob))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text] for slide in deck.slides]
    assert texts == [[f"Slide {i + 1}"] for i in order]
    notes = [slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "" for slide in deck.slides]
    assert notes == [f"Notes {i + 1}" if i != 1 else "" for i in order]
    charts = [[s.chart.plots[0].series[0].values[0] for s in slide.shapes if s.has_chart] for slide in deck.slides]
    assert charts == [[float(i + 1)] if (i + 1) % 2 else [] for i in order]


def test_the_package_is_whole(scenes):
    blob, _ = render_deck(scenes, **OPTIONS)
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert len(names) == len(set(names))
    assert [n for n in names if n.startswith("ppt/media/")] == ["ppt/media/image1.png"]  # one logo, stored once
    view = from_zip(blob)
    reachable = view.base()
    for slide in view.slides():
        reachable |= {slide} | {t for _, _, t, ext in view.rels[slide] if not ext}
        for _, _, target, external in view.rels[slide]:
            if not external:
                reachable |= {t for _, _, t, ext in view.rels.get(target, []) if not ext}
    assert set(view.blobs) == reachable  # no part left over
    assert len(slides_of(blob)) == 6


@pytest.mark.parametrize("kind", ["columns", "bars"])
@pytest.mark.parametrize("axis_line", ["#999999", None])
def test_bar_charts_written_directly_are_what_python_pptx_writes(kind, axis_line):
    """Bar and column charts are written as XML directly (speed); the part is byte for byte the one
    python-pptx and deck's styling make for the same chart, whose path the other charts still take."""
    from pptx import Presentation

    from deck.render.pptx import _Writer
    from deck.render.pptx_bars import bar_chart_xml, direct
    from deck.scene import Chart, Series

    chart = Chart(
        Box(40, 120, 500, 360),
        kind,
        ("Prise de RDV", "Services « en ligne » & co", "E-mail"),
        (
            Series("2020*", (70.0, 48.0, 32.5), "#B5BECA", formats=('#,##0" %"', '#,##0" %"', '#,##0.0" %"')),
            Series("2023", (78.0, 56.0, 39.0), "#00677F"),
        ),
        '#,##0" %"',
        15,
        17,
        "#1B2333",
        "#596273",
        (),
        Box(40, 150, 500, 260),
        "Graphique",
        axis_max=100.0,
        axis_line=axis_line,
        gap_width=80,
    )
    assert direct(chart)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = _Writer("Calibri", "fr-FR").draw(slide.shapes, chart)
    assert bar_chart_xml(chart, "Calibri") == frame.chart.part.blob
