"""Decks built on corporate templates: a 16:9 .pptx with a logo and a footer line on its master,
and a 4:3 .potx in Arial with its titles at the foot of the slide. Reopened, the deck is the
template's (masters, layouts, theme, size), each page's parts are in its layout's placeholders,
no sample slide of the template is left, and LibreOffice draws every word inside its box."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import brandkit
import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from rendercheck import Region, check_page, pieces, regions

from deck import pipeline
from deck.errors import InputError
from deck.output import office

pytestmark = pytest.mark.xdist_group("office")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _layout(folder: Path, **keys: object) -> Path:
    path = folder / "layout.yaml"
    path.write_text(yaml.safe_dump(keys, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brand")
    brandkit.acme(folder / "acme.pptx", folder / "acme-logo.png")
    brandkit.globex(folder / "globex.potx", template=True)
    out = {}
    for name in ("acme.pptx", "globex.potx"):
        layout = _layout(folder, template=name).rename(folder / f"{name}.yaml")
        out[name] = pipeline.build(layout=layout, out=folder / f"out-{name}", images=False)
    return out


@pytest.mark.parametrize(
    ("name", "size", "cover", "content"),
    [
        ("acme.pptx", (12192000, 6858000), "ACME Cover", "ACME Content"),
        ("globex.potx", (9144000, 6858000), "Title Slide", "Title and Content"),
    ],
)
def test_the_deck_is_the_template(built, name, size, cover, content):
    result = built[name]
    prs = Presentation(str(result.deck))
    assert (prs.slide_width, prs.slide_height) == size
    layouts = [layout.name for layout in prs.slide_layouts]
    assert cover in layouts and content in layouts and len(layouts) == 11  # all the template's, none of deck's
    used = [slide.slide_layout.name for slide in prs.slides]
    assert used[0] == cover and set(used[1:]) == {content}
    for number, slide in enumerate(prs.slides, 1):
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip(), number
        if number > 1:
            numbers = [p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
            assert [f.get("type") for f in numbers[0]._element.iter(f"{A}fld")] == ["slidenum"], number
    assert len(prs.slides) == result.slide_count == len(result.manifest["slides"]) >= 9


def test_colours_and_fonts_are_the_template_s(built):
    with zipfile.ZipFile(built["acme.pptx"].deck) as package:
        theme = etree.fromstring(package.read("ppt/theme/theme1.xml"))
        slide = package.read("ppt/slides/slide3.xml").decode()
    assert theme.find(f".//{A}accent1/{A}srgbClr").get("val") == "C8102E"
    assert 'srgbClr val="C8102E"' in slide and 'typeface="Calibri"' in slide  # the figures in the brand's red
    with zipfile.ZipFile(built["globex.potx"].deck) as package:
        slide = package.read("ppt/slides/slide3.xml").decode()
    assert 'typeface="Arial"' in slide and 'srgbClr val="1B7F3B"' in slide


def test_no_sample_slide_nor_orphan_part_remains(built):
    for result in built.values():
        with zipfile.ZipFile(result.deck) as package:
            names = package.namelist()
            everything = b"".join(package.read(n) for n in names)
        assert b"delete me" not in everything
        assert len([n for n in names if n.startswith("ppt/slides/slide")]) == result.slide_count
        types = next(n for n in names if n == "[Content_Types].xml")
        assert types and b"template.main+xml" not in everything
    with zipfile.ZipFile(built["acme.pptx"].deck) as package:
        assert any(n.startswith("ppt/media/") for n in package.namelist())  # the master's logo stays


def test_valid_open_xml(built):
    from openxml_audit import validate_pptx

    for result in built.values():
        assert [str(e) for e in validate_pptx(str(result.deck)).errors] == []


def test_titles_keep_clear_of_the_logo(built):
    prs = Presentation(str(built["acme.pptx"].deck))
    logo_left = (12192000 - 1600000) / 12700
    for slide in list(prs.slides)[1:]:
        title = slide.shapes.title
        assert (title.left + title.width) / 12700 < logo_left


@pytest.mark.skipif(not office.available() and not os.environ.get("CI"), reason="LibreOffice missing")
@pytest.mark.parametrize("name", ["acme.pptx", "globex.potx"])
def test_every_word_inside_its_box_in_libreoffice(built, name, tmp_path):
    result = built[name]
    pdf = office.to_pdf(result.deck, tmp_path)
    master = Presentation(str(result.deck)).slide_master
    own = [  # what the template's master writes itself
        Region(s.name, 0, 0, 1e6, 1e6, frozenset(pieces(s.text_frame.text)))
        for s in master.shapes
        if s.has_text_frame and not s.is_placeholder and s.text_frame.text.strip()
    ]
    problems = []
    for number, (page_regions, page_words) in enumerate(zip(regions(result.deck), office.words(pdf)), 1):
        problems += check_page(number, page_regions + own, page_words)
    assert not problems, "\n".join(problems)


def test_a_layout_name_the_template_lacks_is_reported_with_the_names_it_has(tmp_path):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    layout = _layout(tmp_path, template="acme.pptx", template_layouts={"default": "Content"})
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), layout)
    problem = caught.value.problems[0]
    assert problem.key == ("template_layouts", "default") and problem.line is not None
    assert "'Content' is not a layout of acme.pptx" in problem.message and "'ACME Content'" in problem.hint


def test_a_layout_named_for_every_page(tmp_path):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    layout = _layout(tmp_path, template="acme.pptx", template_layouts={"default": "ACME Headline"})
    result = pipeline.build(layout=layout, out=tmp_path / "out", images=False)
    used = {slide.slide_layout.name for slide in Presentation(str(result.deck)).slides}
    assert used == {"ACME Cover", "ACME Headline"}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("file_name", "change", "message"),
    [
        ("brand.pptm", None, "macro-enabled"),
        ("brand.pptx", {"ppt/vbaProject.bin": b"\0" * 10}, "holds macros"),
        ("brand.pptx", {"ppt/media/bomb.bin": b"\0" * 3_000_000}, "zip bomb"),
        ("brand.pptx", "not a zip", "not a readable PowerPoint file"),
        ("brand.pptx", "external", "links to content outside the file"),
        ("missing.pptx", "absent", "file not found"),
    ],
)
def test_a_template_is_checked_like_any_input(tmp_path, file_name, change, message):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    with zipfile.ZipFile(tmp_path / "acme.pptx") as source:
        parts = {n: source.read(n) for n in source.namelist()}
    if isinstance(change, dict):
        parts |= change
    elif change == "external":
        rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
        parts[rels] = parts[rels].replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
            b' Target="http://example.com/track.png" TargetMode="External"/></Relationships>',
        )
    if change != "absent":
        (tmp_path / file_name).write_bytes(b"PK not a zip" if change == "not a zip" else _zip(parts))
    layout = _layout(tmp_path, template=file_name)
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), layout)
    problem = caught.value.problems[0]
    assert problem.key == ("template",) and problem.file == layout and problem.line is not None
    assert message in problem.message, problem.message


def test_a_deck_template_the_mapping_names_must_exist(tmp_path):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    layout = _layout(tmp_path, template="acme.pptx", template_layouts={"heros": "ACME Headline"})
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), layout)
    problem = caught.value.problems[0]
    assert problem.key == ("template_layouts", "heros") and "did you mean 'hero'" in str(problem.hint)


def test_a_dark_master_gives_readable_text_and_no_sample_slide_survives_its_links(tmp_path):
    from deck.layout.theme import contrast

    brandkit.nightsky(tmp_path / "night.pptx")
    result = pipeline.build(layout=_layout(tmp_path, template="night.pptx"), out=tmp_path / "out", images=False)
    with zipfile.ZipFile(result.deck) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names)
        slides = [package.read(n).decode() for n in names if n.startswith("ppt/slides/slide")]
    assert b"delete me" not in everything and len(slides) == result.slide_count
    assert b"hlinksldjump" not in everything  # the master's button to a sample slide is gone with it
    colors = {
        c
        for xml in slides
        for c in re.findall(
            r'<a:solidFill><a:srgbClr val="([0-9A-F]{6})"/></a:solidFill>'
            r"<a:latin",
            xml,
        )
    }
    assert colors and all(contrast("#" + c, "#0B1F3A") >= 3.0 for c in colors), colors


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("single-quoted external link", "links to content outside the file"),
        ("macros under another name", "holds macros or active content"),
        ("no content types", "no [Content_Types].xml"),
        ("a missing layout", "lists a layout that is missing"),
        ("an unnamed layout", "has no name"),
        ("no theme", "has no theme"),
    ],
)
def test_a_damaged_or_active_template_is_refused(tmp_path, damage, message):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    with zipfile.ZipFile(tmp_path / "acme.pptx") as source:
        parts = {n: source.read(n) for n in source.namelist()}
    master_rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    rt = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    if damage == "single-quoted external link":
        parts[master_rels] = parts[master_rels].replace(
            b"</Relationships>",
            b"<Relationship Id='rId98' Type='" + rt + b"image' Target='http://example.com/p.png'"
            b" TargetMode='External'/></Relationships>",
        )
    elif damage == "macros under another name":
        parts["ppt/media/blob.bin"] = b"\0" * 64
        parts["ppt/_rels/presentation.xml.rels"] = parts["ppt/_rels/presentation.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId97" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
            b' Target="media/blob.bin"/></Relationships>',
        )
    elif damage == "no content types":
        del parts["[Content_Types].xml"]
    elif damage == "a missing layout":
        del parts["ppt/slideLayouts/slideLayout2.xml"]
    elif damage == "an unnamed layout":
        parts["ppt/slideLayouts/slideLayout2.xml"] = re.sub(
            rb'<p:cSld name="[^"]*"', b"<p:cSld", parts["ppt/slideLayouts/slideLayout2.xml"]
        )
    else:
        parts[master_rels] = re.sub(rb'<Relationship [^>]*relationships/theme"[^>]*/>', b"", parts[master_rels])
    (tmp_path / "broken.pptx").write_bytes(_zip(parts))
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), _layout(tmp_path, template="broken.pptx"))
    assert message in caught.value.problems[0].message


def test_a_page_without_a_title_placeholder_is_a_warning(tmp_path):
    brandkit.acme(tmp_path / "acme.pptx", tmp_path / "logo.png")
    inputs = pipeline.load(
        pipeline.example_data(), _layout(tmp_path, template="acme.pptx", template_layouts={"default": "Blank"})
    )
    assert any("has no title placeholder" in w.message for w in inputs.warnings)


def test_a_template_with_oddities_builds_clear_of_its_marks(tmp_path):
    """A band under the footer row, the number at the top, a title column, the subtitle above the
    title, a package as LibreOffice writes it: the deck builds, validates, and keeps clear."""
    from openxml_audit import validate_pptx

    brandkit.oddities(tmp_path / "odd.pptx")
    layout = _layout(tmp_path, template="odd.pptx", template_layouts={"methodology": "Title Only"})
    result = pipeline.build(layout=layout, out=tmp_path / "out", images=False)
    assert [str(e) for e in validate_pptx(str(result.deck)).errors] == []
    prs = Presentation(str(result.deck))
    assert prs.slides[0].slide_layout.name == "Title Slide"
    band_top = (6858000 - 300000) / 12700
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            assert (shape.top + shape.height) / 12700 <= band_top + 0.5, (number, shape.name)
    cover = {shape.name: shape for shape in prs.slides[0].shapes}
    assert cover["credit"].top >= cover["title"].top + cover["title"].height  # under the title, not over it
    method = prs.slides[-1]
    title = method.shapes.title
    text = [s for s in method.shapes if s.name == "methodology"]
    assert text and all(s.left >= title.left + title.width for s in text)  # beside the title column
    with zipfile.ZipFile(result.deck) as package:
        names = package.namelist()
    assert "ppt/viewProps.xml" in names and "docProps/thumbnail.jpeg" in names
