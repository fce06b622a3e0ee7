"""Images people hand out: PNG, PNG twice as dense, SVG (vector, its fonts embedded), and the 4:5
portrait preset for social feeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import etree
from PIL import Image

from deck import pipeline
from deck.render.svg import render_svg

pytestmark = pytest.mark.xdist_group("example-builds")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    layout = folder / "layout.yaml"
    spec = {
        "image_formats": ["png", "png@2x", "svg"],
        "infographics": [{"section": "all", "preset": "portrait"}, {"template": "summary", "preset": "newsletter"}],
    }
    layout.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return pipeline.build(layout=layout, out=folder / "out")


def test_every_image_in_every_format(built):
    names = sorted(str(p.relative_to(built.out)) for p in built.images)
    stems = sorted({re.sub(r"(@2x)?\.(png|svg)$", "", n.split("/", 1)[1]) for n in names})
    assert len(stems) == 8 and any(s.endswith("-portrait") for s in stems)
    for stem in stems:
        assert {f"png/{stem}.png", f"png/{stem}@2x.png", f"svg/{stem}.svg"} <= set(names), stem
    assert {e["path"] for e in built.manifest["images"]} == set(names)


def test_portrait_is_4_by_5_and_2x_twice_as_dense(built):
    one = Image.open(built.out / "png/01-usages-portrait.png")
    two = Image.open(built.out / "png/01-usages-portrait@2x.png")
    assert one.size == (1080, 1350) and two.size == (2160, 2700)
    entry = next(e for e in built.manifest["images"] if e["path"] == "png/01-usages-portrait@2x.png")
    assert (entry["width"], entry["height"]) == (2160, 2700)
    small, large = one.convert("L").resize((270, 337)), two.convert("L").resize((270, 337))  # the same picture
    assert sum(abs(a - b) for a, b in zip(small.tobytes(), large.tobytes())) / (270 * 337) < 6


def test_svg_is_vector_text_with_its_fonts(built):
    blob = (built.out / "svg/01-usages-portrait.svg").read_bytes()
    root = etree.fromstring(blob)
    assert root.get("width") == "1080" and root.get("viewBox") == "0 0 720 900"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "90" in texts and "des Français ont déjà eu recours" in texts
    assert all(t.get("textLength") for t in root.iter("{http://www.w3.org/2000/svg}text"))
    style = root.find("{http://www.w3.org/2000/svg}style").text
    assert style.count("@font-face") >= 2 and "data:font/ttf;base64," in style  # regular and bold, embedded
    assert len(blob) < 200_000  # subsets, not whole fonts
    assert root.find("{http://www.w3.org/2000/svg}title").text  # the alternative text


def test_svg_is_the_same_for_the_same_scene():
    inputs = pipeline.load(pipeline.example_data())
    scene = pipeline.compose(inputs).images[0].scene
    assert render_svg(scene, 1.25) == render_svg(scene, 1.25)


def test_images_follow_the_formats_of_the_layout(tmp_path: Path):
    """A build that no longer asks for SVG removes the SVGs it wrote before."""
    layout = tmp_path / "layout.yaml"
    layout.write_text(yaml.safe_dump({"image_formats": ["svg"], "infographics": [{"section": "usages"}]}))
    first = pipeline.build(layout=layout, out=tmp_path / "out")
    assert [p.name for p in first.images] == ["01-usages.svg"]
    layout.write_text(yaml.safe_dump({"infographics": [{"section": "usages"}]}))
    second = pipeline.build(layout=layout, out=tmp_path / "out")
    assert [p.name for p in second.images] == ["01-usages.png"]
    assert not (tmp_path / "out/svg/01-usages.svg").exists()
