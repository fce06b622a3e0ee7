"""The deck, reopened with python-pptx: structure, values, texts, notes, alt text, validity."""

from __future__ import annotations

import re
import zipfile

import pytest
from expected import BASE_NOTE, FIGURES, QUOTE_ENDINGS, QUOTE_OPENINGS, SOURCE_2020
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

pytestmark = pytest.mark.xdist_group("example-builds")

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def prs(built):
    return Presentation(str(built.deck))


def _texts(slide) -> list[str]:
    out = []
    for shape in _shapes(slide.shapes):
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
    return out


def _shapes(shapes):
    for shape in shapes:
        yield shape
        if shape.shape_type == 6:  # group
            yield from _shapes(shape.shapes)


def _all_text(prs) -> str:
    return "\n".join(t for slide in prs.slides for t in _texts(slide))


def test_slide_size_and_count(prs, built):
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert len(prs.slides) == 10 == built.slide_count


def test_native_charts_with_the_study_values(prs):
    charts = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                charts[shape.chart.chart_type] = shape.chart
    assert set(charts) == {XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.DOUGHNUT, XL_CHART_TYPE.BAR_CLUSTERED}
    columns = charts[XL_CHART_TYPE.COLUMN_CLUSTERED].plots[0]
    values = {s.name: list(s.values) for s in columns.series}
    assert values == {"2020*": [70, 48, 32], "2023": [78, 56, 39]}
    assert list(charts[XL_CHART_TYPE.DOUGHNUT].plots[0].series[0].values) == [50, 32, 18]
    assert list(charts[XL_CHART_TYPE.BAR_CLUSTERED].plots[0].series[0].values) == [29, 26, 24]
    for chart in charts.values():
        assert chart.plots[0].has_data_labels
        assert chart.plots[0].data_labels.number_format == f'#,##0"{NNBSP}%"'


def test_charts_keep_their_data_in_an_embedded_workbook(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape.chart.part.chart_workbook.xlsx_part is not None


def test_every_figure_of_the_study_is_in_the_deck(prs, built):
    shown = {f["id"]: f["value"] for s in built.manifest["slides"] for f in s["figures"]}
    assert {k: shown.get(k) for k in FIGURES} == FIGURES
    text = _all_text(prs)
    chart_values = {
        v
        for slide in prs.slides
        for sh in slide.shapes
        if sh.has_chart
        for series in sh.chart.plots[0].series
        for v in series.values
    }
    for fid, value in FIGURES.items():
        assert f"{value}{NNBSP}%" in text or value in chart_values, fid


def test_quotes_are_complete_and_verbatim(prs):
    text = " ".join(_all_text(prs).split())
    for opening, ending in zip(QUOTE_OPENINGS, QUOTE_ENDINGS):
        assert opening in text and ending in text


def test_source_base_and_methodology(prs):
    text = _all_text(prs)
    assert SOURCE_2020 in text and BASE_NOTE in text
    methodology = " ".join(_texts(prs.slides[-1]))
    for fact in (
        "Harris Interactive",
        f"2{NNBSP}032 personnes",
        "du 22 au 27 novembre 2023",
        "Verian",
        "6 réunions de groupe",
    ):
        assert fact in methodology, fact


def test_french_typography(prs):
    text = _all_text(prs)
    assert re.search(r"\d%", text) is None, "a percent sign glued to its number"
    for match in re.finditer(r"(.)([;:!?])(\s|$)", text):
        assert match.group(1) == NNBSP, f"no narrow no-break space before {match.group(2)!r}: {match.group(0)!r}"
    for match in re.finditer(r"«(.)|(.)»", text):
        assert NNBSP in match.group(0), match.group(0)


def test_speaker_notes_on_every_content_slide(prs, built):
    for slide, entry in zip(prs.slides, built.manifest["slides"]):
        if entry["section"] is None and entry["template"] != "methodology":
            continue
        assert slide.has_notes_slide
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes) > 40
        for figure in entry["figures"]:
            assert f"{figure['value']}{NNBSP}%" in notes or f"{figure['value']:g}" in notes


def test_notes_carry_comparisons_and_sources(prs):
    notes = prs.slides[2].notes_slide.notes_text_frame.text
    assert f"+8{NNBSP}pts" in notes and SOURCE_2020 in notes


def test_alt_text_on_every_chart_and_picture(prs):
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type in (6, 13):  # group, picture
                descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
                assert descr and len(descr[0]) > 20, shape.name
                seen += 1
    assert seen >= 4


def test_every_shape_inside_the_slide(prs):
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_text_is_sized_at_build_time_not_autofit(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                body = shape.text_frame._txBody.bodyPr
                assert body.find("{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit") is None
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size is not None and run.font.name == "Calibri"


def test_valid_open_xml(built):
    from openxml_audit import validate_pptx

    result = validate_pptx(str(built.deck))
    assert [str(e) for e in result.errors] == []


def test_axis_ids_are_unsigned(built):
    with zipfile.ZipFile(built.deck) as package:
        for name in package.namelist():
            if name.startswith("ppt/charts/chart"):
                ids = re.findall(rb'(?:axId|crossAx) val="([^"]+)"', package.read(name))
                assert all(not i.startswith(b"-") for i in ids), name


def test_same_input_same_bytes(built, tmp_path):
    import deck

    again = deck.build(out=tmp_path)  # the example study, found without an argument
    assert again.deck.read_bytes() == built.deck.read_bytes()
    for first, second in zip(sorted(built.images), sorted(again.images)):
        assert first.read_bytes() == second.read_bytes(), first.name
