"""Layout asserts numbers, on the scenes of every shipped study with every shipped layout and
preset (no rendering): every box on its page, every text fitting its box by font metrics, no two
texts overlapping, every text readable on what it is drawn on."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from deck.layout.theme import contrast
from deck.scene import Box, Chart, Poly, Rect, Text, walk
from deck.typesetting import metrics as tx

ENGLISH = ROOT / "tests" / "data" / "en-study.yaml"
ALL_PRESETS = ROOT / "tests" / "data" / "every-preset.yaml"
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))
CASES = (
    [(EXAMPLE, p) for p in sorted((ROOT / "layouts").glob("*.yaml"))]
    + [(ENGLISH, None), (ENGLISH, ALL_PRESETS)]
    + [(p, None) for p in EXAMPLES]
    + [(p, ALL_PRESETS) for p in EXAMPLES[:3]]
)


@pytest.fixture(scope="module", params=CASES, ids=[f"{d.stem}-{lay.stem if lay else 'builtin'}" for d, lay in CASES])
def composed(request):
    from deck.pipeline import compose, load

    data, layout = request.param
    return compose(load(Path(data), layout))


def _scenes(composed):
    yield from ((f"slide {i}", s) for i, s in enumerate(composed.slides, 1))
    yield from ((i.path, i.scene) for i in composed.images)


def _elements(scene):
    for element in walk(scene.elements):
        yield element
        if isinstance(element, Chart):
            yield from element.marks


def _box(element):
    if isinstance(element, Poly):
        xs = [x for x, _ in element.points]
        ys = [y for _, y in element.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return getattr(element, "box", None)


def test_every_box_inside_its_page(composed):
    for where, scene in _scenes(composed):
        page = Box(0, 0, scene.width, scene.height)
        for element in _elements(scene):
            box = _box(element)
            if box is not None:
                assert page.contains(box), (where, element.role, box)


def test_every_text_fits_its_box_by_font_metrics(composed):
    for where, scene in _scenes(composed):
        for element in _elements(scene):
            if not isinstance(element, Text):
                continue
            lines = [line for para in element.lines for line in para]
            assert len(lines) * element.line_height <= element.box.h + 0.01, (where, element.role, lines)
            for line in lines:
                assert tx.width(line, element.face, element.size) <= element.box.w + 0.01, (where, line)
            # the renderer must be able to re-wrap the same text into the same number of lines or fewer
            for para, wrapped in zip(element.paragraphs, element.lines):
                rewrapped = tx.wrap(para, element.face, element.size, element.box.w / tx.WIDTH_SLACK)
                assert rewrapped is not None and len(rewrapped) <= len(wrapped)


def test_main_texts_do_not_overlap(composed):
    roles = {
        "headline",
        "lead",
        "footer",
        "value",
        "label",
        "earlier",
        "quote",
        "legend",
        "category",
        "corner",
        "detail",
        "subhead",
        "headline-figure",
        "methodology",
        "sources",
    }
    for where, scene in _scenes(composed):
        texts = [e for e in _elements(scene) if isinstance(e, Text) and e.role in roles]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not a.box.overlaps(b.box), (where, a.role, a.paragraphs, b.role, b.paragraphs)


def test_type_hierarchy_on_content_slides(composed):
    for i, scene in enumerate(composed.slides, 1):
        texts = [e for e in _elements(scene) if isinstance(e, Text)]
        heads = [t for t in texts if t.role == "headline"]
        if not heads:
            continue
        others = [t.size for t in texts if t.role not in ("headline", "value", "quote-mark", "data-label")]
        assert heads[0].size >= max(others), f"slide {i}"
        assert min(t.size for t in texts) >= 7.0


def test_every_character_has_a_glyph(composed):
    for where, scene in _scenes(composed):
        for element in _elements(scene):
            if isinstance(element, Text):
                for para in element.paragraphs:
                    assert not tx.missing_glyphs(para, element.face), (where, para)


def test_text_contrast_meets_wcag_aa(composed):
    for where, scene in _scenes(composed):
        fills = [e for e in _elements(scene) if isinstance(e, Rect)]
        for element in _elements(scene):
            if not isinstance(element, Text) or element.role in ("quote-mark",):
                continue
            under = [r for r in fills if r.box.contains(element.box)]
            background = under[-1].fill if under else scene.background
            if any(element in c.marks for c in walk(scene.elements) if isinstance(c, Chart) and c.kind == "doughnut"):
                continue  # on the doughnut's ring: checked against its wedge below
            assert contrast(element.color, background) >= 4.5, (where, element.role, element.color, background)


def test_doughnut_labels_readable_on_their_wedge(composed):
    checked = 0
    for where, scene in _scenes(composed):
        for chart in walk(scene.elements):
            if isinstance(chart, Chart) and chart.kind == "doughnut":
                wedges = [m for m in chart.marks if isinstance(m, Poly)]
                labels = [m for m in chart.marks if isinstance(m, Text)]
                quiet = chart.series[0].quiet
                assert len(wedges) == len(chart.categories) == len(labels) + len(quiet)
                labelled = [w for i, w in enumerate(wedges) if i not in quiet]
                for wedge, label in zip(labelled, labels):
                    assert contrast(label.color, wedge.fill) >= 4.5, (where, label.paragraphs, wedge.fill)
                    checked += 1
                for a, b in itertools.combinations(labels, 2):  # no two numbers printed over each other
                    assert not a.box.overlaps(b.box), (where, a.paragraphs, b.paragraphs)
                texts = " ".join(p for t in walk(scene.elements) if isinstance(t, Text) for p in t.paragraphs)
                for i in quiet:  # a wedge too thin for its number: the legend gives it
                    assert chart.categories[i] in texts, (where, chart.categories[i])
    assert checked or not any("breakdown" in s.template for _, s in _scenes(composed))


def test_fit_shrinks_then_gives_up():
    para = ("un texte assez long pour devoir passer sur plusieurs lignes dans une boîte étroite",)
    roomy = tx.fit(para, "regular", 400, 100, max_size=20, min_size=8)
    tight = tx.fit(para, "regular", 150, 60, max_size=20, min_size=8)
    assert roomy and tight and tight.size < roomy.size
    assert tight.height <= 60
    assert tx.fit(para, "regular", 60, 10, max_size=20, min_size=8) is None


def test_no_break_spaces_are_not_break_points():
    lines = tx.wrap("a 78\u202f% b", "regular", 20, 60)
    assert lines is not None and all("78" not in line or "%" in line for line in lines)
