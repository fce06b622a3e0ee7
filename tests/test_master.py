"""The deck as a PowerPoint file people restyle: deck's own master and layouts, real titles,
slide numbers that are fields, the footer in its placeholder, the theme's palette and font,
honest document properties, a thumbnail, decorative shapes marked, a reading order."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deck.layout.theme import Theme

pytestmark = pytest.mark.xdist_group("example-builds")

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


@pytest.fixture(scope="module")
def prs(built):
    return Presentation(str(built.deck))


@pytest.fixture(scope="module")
def package(built):
    with zipfile.ZipFile(built.deck) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_only_the_layouts_the_slides_use_on_a_master_with_every_placeholder(prs):
    assert [layout.name for layout in prs.slide_layouts] == ["Title Slide", "Title and Content"]
    kinds = {p.placeholder_format.type for p in prs.slide_master.placeholders}
    assert {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER} <= kinds
    assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds
    used = [slide.slide_layout.name for slide in prs.slides]
    assert used[0] == "Title Slide" and set(used[1:]) == {"Title and Content"}


def test_every_slide_title_is_a_real_title(prs, built):
    from deck import pipeline
    from deck.typesetting.locale import Typesetter

    study = pipeline.load(pipeline.example_data()).study
    titles = {section.id: Typesetter(study.meta.locale).text(section.title) for section in study.sections}
    for number, (slide, entry) in enumerate(zip(prs.slides, built.manifest["slides"]), 1):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip(), number
        if entry.get("section"):
            assert title.text_frame.text == titles[entry["section"]], number
    assert prs.slides[0].shapes.title.text_frame.text == "Les Français et le numérique en santé"
    assert prs.slides[0].shapes.title.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE


def test_slide_numbers_are_fields_that_follow_reordering(prs):
    for number, slide in enumerate(list(prs.slides)[1:], 2):
        numbers = [p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert len(numbers) == 1, number
        fields = numbers[0]._element.findall(f".//{A}fld")
        assert [f.get("type") for f in fields] == ["slidenum"]
        assert fields[0].findtext(f"{A}t") == str(number)  # what shows before the application renumbers


def test_the_footer_is_the_footer_placeholder(prs):
    footers = [
        p for slide in prs.slides for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]
    assert footers and any("Source" in f.text_frame.text for f in footers)


def test_the_theme_carries_the_deck_palette_and_font(package):
    theme = etree.fromstring(package["ppt/theme/theme1.xml"])
    scheme = theme.find(f".//{A}clrScheme")
    accent = scheme.find(f"{A}accent1/{A}srgbClr").get("val")
    assert "#" + accent == Theme().accent
    assert scheme.find(f"{A}dk1/{A}srgbClr").get("val") == Theme().ink.lstrip("#")
    fonts = {node.get("typeface") for node in theme.find(f".//{A}fontScheme").iter(f"{A}latin")}
    assert fonts == {"Calibri"}


def test_honest_document_properties(package, prs):
    presentation = package["ppt/presentation.xml"].decode()
    assert re.search(r'<p:sldSz cx="12192000" cy="6858000"/>', presentation)  # widescreen: no 4:3 type
    app = package["docProps/app.xml"].decode()
    assert "<Application>deck</Application>" in app and "<Slides>10</Slides>" in app
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app
    core = prs.core_properties
    assert core.author == "deck" and core.title == "Les Français et le numérique en santé"
    everything = b"".join(package.values())
    assert b"python-pptx" not in everything and b"Macintosh" not in everything and b"Steve Canny" not in everything
    assert not [name for name in package if "printerSettings" in name]


def test_a_thumbnail_of_the_title_slide(package):
    from PIL import Image

    picture = Image.open(io.BytesIO(package["docProps/thumbnail.jpeg"]))
    assert picture.size == (256, 144)
    assert picture.convert("L").getextrema()[0] < 100  # the title's dark text, not a blank page


def test_decorative_shapes_are_marked(prs):
    marked, unmarked = set(), set()
    for slide in prs.slides:
        for shape in slide.shapes:
            cnvpr = shape._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
            is_marked = cnvpr is not None and cnvpr.find(f".//{A}ext[@uri='{DECORATIVE}']") is not None
            (marked if is_marked else unmarked).add(shape.name)
    assert {"accent-rule", "stat-card", "quote-card"} <= marked
    assert not marked & {"headline", "value", "label", "footer", "quote"}


def test_reading_order_title_first_footer_last(prs):
    for number, slide in enumerate(list(prs.slides)[1:], 2):
        names = [shape.name for shape in slide.shapes]
        assert names[0] == "headline", (number, names[:3])
        assert names[-1] == "corner", (number, names[-3:])
        if "footer" in names:
            assert names[-2] == "footer", (number, names[-3:])


def test_no_orphan_part(package):
    """Every part of the package is reached from its relationships: nothing of python-pptx's
    default template rides along unlisted."""
    reached, todo = {"[Content_Types].xml"}, ["_rels/.rels"]
    while todo:
        rels = todo.pop()
        reached.add(rels)
        folder = posixpath.dirname(posixpath.dirname(rels))
        for rel in etree.fromstring(package[rels]):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
            if target not in reached:
                reached.add(target)
                own = posixpath.join(posixpath.dirname(target), "_rels", posixpath.basename(target) + ".rels")
                if own in package:
                    todo.append(own)
    assert set(package) == reached


def test_series_legends_are_the_charts_own(prs):
    """Editing a chart's data in PowerPoint renames its legend too: no legend drawn beside it."""
    columns = next(
        shape for slide in prs.slides for shape in slide.shapes if shape.has_chart and shape.name == "chart-columns"
    )
    chart = columns.chart
    assert chart.has_legend and [s.name for s in chart.plots[0].series] == ["2020*", "2023"]
    legend = chart._chartSpace.chart.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}legend")
    assert legend.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}manualLayout") is not None
    slide = next(s for s in prs.slides if columns in list(s.shapes))
    assert not [shape for shape in slide.shapes if shape.name in ("legend", "swatch")]


@pytest.mark.xdist_group("office")
def test_a_4_by_3_deck_on_deck_s_own_4_by_3_master(tmp_path):
    import os

    import yaml
    from rendercheck import check_page, regions

    from deck import pipeline
    from deck.output import office

    layout = tmp_path / "layout.yaml"
    layout.write_text(yaml.safe_dump({"size": "4:3"}), encoding="utf-8")
    result = pipeline.build(layout=layout, out=tmp_path / "out", images=False)
    with zipfile.ZipFile(result.deck) as archive:
        presentation = archive.read("ppt/presentation.xml").decode()
        app = archive.read("docProps/app.xml").decode()
    assert '<p:sldSz cx="9144000" cy="6858000" type="screen4x3"/>' in presentation
    assert "<PresentationFormat>On-screen Show (4:3)</PresentationFormat>" in app
    prs = Presentation(str(result.deck))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width, shape.name
    if not office.available():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI must render decks: {office.INSTALL_HINT}")
        pytest.skip("LibreOffice missing")
    pdf = office.to_pdf(result.deck, tmp_path / "pdf")
    problems = []
    for number, (page_regions, page_words) in enumerate(zip(regions(result.deck), office.words(pdf)), 1):
        problems += check_page(number, page_regions, page_words)
    assert not problems, "\n".join(problems)
