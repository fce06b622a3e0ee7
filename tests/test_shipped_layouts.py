"""Every shipped layout builds the example; the built-in layout builds any study, in English too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from pptx import Presentation

import deck

pytestmark = pytest.mark.xdist_group("example-builds")

LAYOUTS = sorted((ROOT / "layouts").glob("*.yaml"))
ENGLISH = ROOT / "tests" / "data" / "en-study.yaml"


@pytest.mark.parametrize("layout", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_every_shipped_layout_builds_cleanly(layout: Path, shipped):
    from openxml_audit import validate_pptx

    result = shipped(layout)
    assert result.warnings == ()
    assert validate_pptx(str(result.deck)).errors == []
    assert all(p.is_file() for p in result.images)


def test_english_study_with_the_built_in_layout(tmp_path: Path):
    result = deck.build(ENGLISH, out=tmp_path)
    templates = [s["template"] for s in result.manifest["slides"]]
    assert templates == ["title", "hero", "compare-bars", "ranking", "breakdown", "quote", "stat-grid", "methodology"]
    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(result.deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "42.5%" in text and "12,500 people" in text and "+7.5\u202fpts" in text
    assert "fieldwork online, 26 February – 8 March 2024." in text
    assert "\u202f%" not in text and "\u202f:" not in text


def test_a_section_left_out_of_the_slides_is_added_with_a_warning(tmp_path: Path):
    layout = tmp_path / "short.yaml"
    layout.write_text("slides:\n  - template: title\n  - {section: adoption}\n  - template: methodology\n")
    result = deck.build(ENGLISH, layout, out=tmp_path / "out")
    sections = [s["section"] for s in result.manifest["slides"]]
    assert sections == [None, "adoption", "trend", "tools", "satisfaction", "voices", "numbers", None]
    assert any("section 'trend' is on no slide" in str(w) for w in result.warnings)


def test_a_figure_no_slide_shows_is_a_warning(tmp_path: Path):
    layout = tmp_path / "quotes.yaml"
    layout.write_text("slides:\n  - {template: quote, section: adoption}\n")
    warnings = deck.check(ENGLISH, layout)
    assert any(f"{layout}:2:" in str(w) and "no slide shows stat 'works-remotely'" in str(w) for w in warnings)


def test_a_template_that_cannot_show_a_section_is_an_error(tmp_path: Path):
    layout = tmp_path / "hero.yaml"
    layout.write_text("slides:\n  - {template: hero, section: satisfaction}\n")
    with pytest.raises(deck.InputError, match="template 'hero' cannot show section 'satisfaction'"):
        deck.check(ENGLISH, layout)
