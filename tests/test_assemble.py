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


def _chart(kind: str, **changes: object) -> Chart:
    """A chart of each kind, with the variations deck's charts take (own number formats, label
    colours, thin wedges, labels above, below or none, a legend)."""
    two = (
        Series("2020*", (70.0, 48.0, 32.5), "#B5BECA", formats=('#,##0" %"', '#,##0" %"', '#,##0.0" %"')),
        Series("2023 & <après>", (78.0, 56.0, 39.0), "#00677F", labels="below", marker="square"),
    )
    chart = Chart(
        Box(40, 120, 500, 360),
        kind,
        ("Prise de RDV", "Services « en ligne » & co", "E-mail"),
        two,
        '#,##0" %"',
        15,
        17,
        "#1B2333",
        "#596273",
        (),
        Box(40, 150, 500, 260),
        "Graphique",
        axis_max=100.0,
        axis_line="#999999",
        gap_width=80,
    )
    if kind == "doughnut":
        ring = Series(
            "Connaissance",
            (50.0, 32.0, 18.0),
            "#00677F",
            point_colors=("#00677F", "#7FB8C6", "#D3D9E0"),
            label_colors=("#FFFFFF", "#1B2333", "#1B2333"),
            formats=('#,##0" %"', '#,##0.0" %"', '#,##0" %"'),
            quiet=(2,),
        )
        chart = replace(chart, series=(ring,), hole=55, separator="#FFFFFF", separator_width=1.5)
    if kind in ("line", "years"):
        chart = replace(chart, line_width=2.5, marker=7.0, years=(2019, 2022, 2024), year_step=2)
    return replace(chart, **changes)


_LEGEND = {"legend_box": Box(40, 100, 500, 18), "legend_size": 13.0}
_CHARTS = [
    ("columns", {}),
    ("columns", {"axis_line": None}),
    ("bars", {}),
    ("bars", _LEGEND),
    ("doughnut", {}),
    ("doughnut", {"separator": None, **_LEGEND}),
    ("line", {}),
    ("line", {"axis_line": None, **_LEGEND}),
    ("years", {}),
    ("years", {"axis_line": None, **_LEGEND}),
]


@pytest.mark.parametrize(("kind", "changes"), _CHARTS)
def test_charts_written_directly_are_what_python_pptx_writes(kind, changes):
    """Charts are written as XML directly (speed): each part is byte for byte the one python-pptx
    and deck's former styling made for the same chart (``pptx_reference``)."""
    import pptx_reference

    from deck.render.pptx_charts import chart_xml

    chart = _chart(kind, **changes)
    if kind == "line":  # each labelling a line series takes, the last one without
        chart = replace(chart, series=(*chart.series, Series("Autre", (1.0, 2.0, 3.0), "#000000", labels="none")))
    if kind == "years":
        chart = replace(chart, series=(*chart.series, Series("Autre", (1.0, 2.0, 3.0), "#000000", labels="none")))
    assert chart_xml(chart, "Calibri") == pptx_reference.chart_part(chart, "Calibri")


def test_a_picture_written_directly_is_what_python_pptx_writes(tmp_path):
    import pptx_reference

    from deck.render.pptx import picture_xml

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "#1F4E9A").save(logo)
    picture = Bitmap(Box(12.5, 30, 80, 40), str(logo), 'Logo "Acme" & co,\n<2024>')
    slide = pptx_reference.picture_xml(picture).decode()
    written = picture_xml(picture, 2, "rId2")
    assert written in slide


def test_the_stock_package_is_what_python_pptx_makes():
    """deck starts every deck from python-pptx's empty presentation, kept as ``stock.pptx`` so that a
    build need not import python-pptx; it must stay what the installed python-pptx makes (else:
    ``python tests/pptx_reference.py``)."""
    import pptx_reference

    from deck.render.base import stock_view

    made = from_zip(pptx_reference.stock_package())
    assert stock_view() == made


@pytest.mark.parametrize(("kind", "changes"), _CHARTS[::2])
def test_every_cell_a_chart_refers_to_holds_what_the_chart_shows(kind, changes):
    """PowerPoint's "Edit Data" opens the chart's workbook: each range the chart names (series names, categories
    or years, values) holds the values the chart caches, in a sheet openpyxl reads."""
    import openpyxl
    from lxml import etree

    from deck.render.pptx_charts import chart_workbook, chart_xml

    chart = _chart(kind, **changes)
    root = etree.fromstring(chart_xml(chart, "Calibri"))
    sheet = openpyxl.load_workbook(io.BytesIO(chart_workbook(chart)))["Sheet1"]
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    checked = 0
    for ref in root.iter(f"{c}strRef", f"{c}numRef"):
        cells = sheet[ref.findtext(f"{c}f").split("!")[1].replace("$", "")]
        cells = [cell for row in cells for cell in row] if isinstance(cells, tuple) else [cells]
        cached = [pt.findtext(f"{c}v") for pt in ref.iter(f"{c}pt")]
        if ref.tag == f"{c}numRef":
            assert [float(cell.value) for cell in cells] == [float(v) for v in cached]
        else:
            assert [str(cell.value) for cell in cells] == cached
        checked += len(cached)
    assert checked >= 2 * len(chart.series) * len(chart.series[0].values)
