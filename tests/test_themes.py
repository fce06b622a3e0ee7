"""Themes: the shipped ones and theme files, every colour taken by both outputs, and the
readability checks (contrast, colour-vision deficiencies) with the pair they fail on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from deck import pipeline
from deck.cli import main
from deck.errors import InputError
from deck.inputs.layout_spec import ThemeSpec
from deck.inputs.themes import SHIPPED, THEMES
from deck.layout.readability import DEFICIENCIES, delta_e, simulate, theme_problems
from deck.layout.theme import make_theme

ROOT = Path(__file__).resolve().parent.parent
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _layout(tmp_path: Path, theme: object) -> Path:
    spec = yaml.safe_load((ROOT / "layouts/default.yaml").read_text(encoding="utf-8"))
    spec["theme"] = theme
    path = tmp_path / "layout.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_theme_is_readable_and_lays_out_the_example(tmp_path: Path, name: str):
    spec = ThemeSpec.model_validate(yaml.safe_load((THEMES / f"{name}.yaml").read_text(encoding="utf-8")))
    assert theme_problems(make_theme(spec)) == []
    inputs = pipeline.load(pipeline.example_data(), _layout(tmp_path, name))
    assert not [w for w in inputs.warnings if w.code == "theme-readability"]
    composed = pipeline.compose(inputs)  # every slide and image fits in this theme's type scale
    background = make_theme(inputs.spec.theme).background
    assert all(scene.background == background for scene in composed.slides + [i.scene for i in composed.images])


def test_switching_the_theme_changes_the_deck_and_every_image(tmp_path: Path):
    light = pipeline.compose(pipeline.load(pipeline.example_data(), _layout(tmp_path, "default")))
    dark = pipeline.compose(pipeline.load(pipeline.example_data(), _layout(tmp_path, "dark")))
    assert [i.path for i in light.images] == [i.path for i in dark.images]
    for before, after in zip(light.images, dark.images):
        assert before.scene != after.scene, before.path
    fills = {getattr(e, "fill", None) for s in dark.slides for e in s.elements}
    assert "#1E2D40" in fills and "#EEF3F6" not in fills  # the dark cards, none of the light ones


def test_the_deck_theme_part_is_the_chosen_theme(tmp_path: Path):
    result = pipeline.build(layout=_layout(tmp_path, "dark"), out=tmp_path / "out", images=False)
    with zipfile.ZipFile(result.deck) as package:
        theme = etree.fromstring(package.read("ppt/theme/theme1.xml"))
    colors = {node.tag.replace(A, ""): node[0].get("val") for node in theme.find(f".//{A}clrScheme")}
    assert colors["lt1"] == "131E2B" and colors["accent1"] == "5CCFE6" and colors["dk1"] == "EDF2F7"


def test_a_theme_file_overridden_by_the_layout(tmp_path: Path):
    (tmp_path / "brand.yaml").write_text('accent: "#8A3B12"\nfooter: ACME — confidential\n', encoding="utf-8")
    inputs = pipeline.load(pipeline.example_data(), _layout(tmp_path, {"use": "brand.yaml", "headline_case": "upper"}))
    theme = make_theme(inputs.spec.theme)
    assert (theme.accent, theme.headline_case, theme.footer) == ("#8A3B12", "upper", "ACME — confidential")
    slides = pipeline.compose(inputs, images=False).slides
    footers = [e for s in slides[1:] for e in s.elements if getattr(e, "role", "") == "footer"]
    assert len(footers) == len(slides) - 1 and all(f.paragraphs[-1] == "ACME — confidential" for f in footers)


def test_an_unreadable_theme_is_flagged_with_the_pair_and_its_ratio(tmp_path: Path):
    layout = _layout(tmp_path, {"muted": "#BBBBBB", "earlier": "#00708A"})
    inputs = pipeline.load(pipeline.example_data(), layout)
    found = [w for w in inputs.warnings if w.code == "theme-readability"]
    messages = " | ".join(w.message for w in found)
    assert "muted #BBBBBB) on background (#FFFFFF): contrast 1.92:1" in messages
    assert "accent (#00677F) and earlier (#00708A) look alike with normal vision" in messages
    assert all(w.file == layout and w.line is not None for w in found)
    strict = CliRunner().invoke(main, ["check", str(pipeline.example_data()), "--layout", str(layout), "--strict"])
    assert strict.exit_code == 1 and "contrast 1.92:1" in strict.output


def test_a_theme_that_is_missing_or_wrong_is_a_located_error(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), _layout(tmp_path, "sepia"))
    problem = caught.value.problems[0]
    assert problem.key == ("theme", "use") and "default, dark, high-contrast" in problem.message
    (tmp_path / "bad.yaml").write_text('accent: "#12345"\nuse: dark\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        pipeline.load(pipeline.example_data(), _layout(tmp_path, {"use": "bad.yaml"}))
    assert [(p.file.name, p.line) for p in caught.value.problems] == [("bad.yaml", 1)]


def test_colour_vision_simulation_matches_colorspacious():
    """The simulation deck carries (no numpy at build time) against colorspacious's."""
    from colorspacious import cspace_convert

    names = {"deuteranopia": "deuteranomaly", "protanopia": "protanomaly", "tritanopia": "tritanomaly"}
    for color in ("#00677F", "#B5BECA", "#1E7B45", "#B3261E", "#FF8800", "#5CCFE6"):
        rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        for ours, theirs in names.items():
            expected = cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": theirs, "severity": 100}, "sRGB1")
            assert simulate(color, ours) == pytest.approx([min(1, max(0, c)) for c in expected], abs=2e-3)
    assert set(DEFICIENCIES) == set(names)
    assert delta_e(simulate("#FFFFFF", None), simulate("#000000", None)) == pytest.approx(100, abs=0.1)


def test_thumbnail_follows_the_theme(tmp_path: Path):
    from PIL import Image

    result = pipeline.build(layout=_layout(tmp_path, "dark"), out=tmp_path / "out", images=False)
    with zipfile.ZipFile(result.deck) as package:
        picture = Image.open(io.BytesIO(package.read("docProps/thumbnail.jpeg"))).convert("RGB")
    r, g, b = picture.getpixel((200, 10))
    assert r + g + b < 150  # the dark background


@pytest.mark.xdist_group("office")
@pytest.mark.parametrize("name", ["dark", "high-contrast"])
def test_every_word_inside_its_box_in_libreoffice(tmp_path: Path, name: str):
    import os

    from rendercheck import check_page, regions

    from deck.output import office

    if not office.available():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI must render decks: {office.INSTALL_HINT}")
        pytest.skip("LibreOffice missing")
    result = pipeline.build(layout=_layout(tmp_path, name), out=tmp_path / "out", images=False)
    pdf = office.to_pdf(result.deck, tmp_path / "pdf")
    problems = []
    for number, (page_regions, page_words) in enumerate(zip(regions(result.deck), office.words(pdf)), 1):
        problems += check_page(number, page_regions, page_words)
    assert not problems, "\n".join(problems)


def test_build_strict_writes_nothing_when_a_theme_is_unreadable(tmp_path: Path):
    layout = _layout(tmp_path, {"muted": "#BBBBBB"})
    result = CliRunner().invoke(main, ["build", "--layout", str(layout), "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1 and "contrast 1.92:1" in result.output
    assert not (tmp_path / "out").exists()
