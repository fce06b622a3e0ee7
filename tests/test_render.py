"""Every deck, rendered by LibreOffice Impress: words inside their boxes, fonts, pages.

Needs LibreOffice and Poppler (``make test`` installs them when run as root; CI always has them).
A failing page is kept as a PNG under ``out/test-failures/`` for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from rendercheck import check_page, regions

import deck
from deck.output import office

pytestmark = pytest.mark.xdist_group("office")  # one worker converts, each deck once
FAILURES = ROOT / "out" / "test-failures"
LAYOUTS = sorted((ROOT / "layouts").glob("*.yaml"))
ENGLISH = ROOT / "tests" / "data" / "en-study.yaml"
CARLITO = {"Carlito", "Carlito-Bold", "Carlito-Italic"}

if not office.available():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must render decks: {office.INSTALL_HINT}")
    pytest.skip(f"LibreOffice/Poppler missing: {office.INSTALL_HINT}", allow_module_level=True)

EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))
CASES = (
    [(f"layout-{p.stem}", EXAMPLE, p) for p in LAYOUTS]
    + [("english-builtin", ENGLISH, None)]
    + [(f"example-{p.stem}", p, None) for p in EXAMPLES]  # every example study with the built-in layout
)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple]:
    """Every deck built (no images), then converted by one LibreOffice process."""
    built = {}
    for name, data, layout in CASES:
        result = deck.build(data, layout, out=tmp_path_factory.mktemp(name), images=False)
        built[name] = result
    folder = tmp_path_factory.mktemp("decks")
    copies = []
    for name, result in built.items():  # one file name per case: two cases may build the same study
        copy = folder / f"{name}.pptx"
        copy.write_bytes(result.deck.read_bytes())
        copies.append(copy)
    pdfs = office.to_pdfs(copies, folder / "pdf")
    return {name: (result, pdf) for (name, result), pdf in zip(built.items(), pdfs)}


@pytest.fixture(params=[c[0] for c in CASES])
def rendered(request, converted):
    result, pdf = converted[request.param]
    return request.param, result, pdf


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example deck, with its review page, converted once for the checker's own tests."""
    out = tmp_path_factory.mktemp("example")
    result = deck.build(EXAMPLE, out=out, review=True)
    return result, office.to_pdf(result.deck, out / "pdf")


def test_valid_open_xml(rendered):
    from openxml_audit import validate_pptx

    _, result, _ = rendered
    assert [str(e) for e in validate_pptx(str(result.deck)).errors] == []


def test_one_page_per_slide(rendered):
    _, result, pdf = rendered
    assert office.page_count(pdf) == result.slide_count


def test_only_the_metric_compatible_font_is_used(rendered):
    _, _, pdf = rendered
    assert office.fonts(pdf) <= CARLITO


def test_every_word_lies_inside_its_shape(rendered):
    name, result, pdf = rendered
    problems: list[str] = []
    pages = office.words(pdf)
    for number, (page_regions, page_words) in enumerate(zip(regions(result.deck), pages), 1):
        found = check_page(number, page_regions, page_words)
        if found:
            kept = office.page_images(pdf, FAILURES / name, dpi=110, first=number, last=number)
            problems += found + [f"  rendered page kept as {', '.join(str(k) for k in kept)}"]
    assert not problems, "\n".join(problems)


def test_the_checker_catches_a_word_outside_its_box(example, tmp_path: Path):
    """Move one text box after the build: the rendered check must notice."""
    from pptx import Presentation
    from pptx.util import Pt

    result, pdf = example
    assert check_page(2, regions(result.deck)[1], office.words(pdf)[1]) == []  # before: nothing to say
    prs = Presentation(str(result.deck))
    label = next(s for s in prs.slides[1].shapes if s.name == "label")
    label.width = Pt(60)  # the label now wraps far below its box
    broken = tmp_path / "broken.pptx"
    prs.save(str(broken))
    expected = regions(result.deck)[1]
    pdf = office.to_pdf(broken, tmp_path / "pdf")
    problems = check_page(2, expected, office.words(pdf)[1])
    assert any("of shape 'label' lies outside its box" in p for p in problems), problems


def test_the_checker_catches_two_texts_on_top_of_each_other(example, tmp_path: Path):
    from pptx import Presentation

    result, _ = example
    prs = Presentation(str(result.deck))
    shapes = {s.name: s for s in prs.slides[1].shapes}
    shapes["detail"].top = shapes["label"].top  # the detail now prints over the label
    broken = tmp_path / "broken.pptx"
    prs.save(str(broken))
    pdf = office.to_pdf(broken, tmp_path / "pdf")
    problems = check_page(2, regions(broken)[1], office.words(pdf)[1])
    assert any("of 'label' overlaps" in p or "of 'detail' overlaps" in p for p in problems), problems


def test_review_page_shows_every_slide_and_image(example):
    import html
    import re

    result, _ = example
    page = (result.out / "review.html").read_text(encoding="utf-8")
    slides = re.findall(r'src="(review/slide-\d+\.png)"', page)
    assert len(slides) == result.slide_count and all((result.out / s).is_file() for s in slides)
    assert len(result.manifest["images"]) == 10
    for image in result.manifest["images"]:
        assert f'src="{image["path"]}"' in page
        assert html.escape(image["alt"]) in page
    assert "review.html" in {f["path"] for f in result.manifest["files"]}
