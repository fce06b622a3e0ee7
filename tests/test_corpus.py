"""The examples corpus (published studies, data/examples/) built with no layout: every figure, every
earlier wave, every quote and every question is on a slide, and in the images."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from deck.inputs.study import Breakdown, Quote, Ranking, Stat
from deck.layout.figures import shown
from deck.pipeline import compose, load
from deck.scene import Text, walk
from deck.typesetting.locale import Typesetter

STUDIES = [EXAMPLE, ROOT / "tests" / "data" / "en-study.yaml", *sorted((ROOT / "data" / "examples").glob("*.yaml"))]


@pytest.fixture(scope="module", params=STUDIES, ids=[p.stem for p in STUDIES])
def study(request):
    inputs = load(Path(request.param), ROOT / "deck" / "inputs" / "default_layout.yaml")
    return inputs, compose(inputs)


def test_the_corpus_has_every_shape():
    from deck.typesetting.locale import unit_kind

    studies = [load(p).study for p in STUDIES]
    languages = {s.meta.locale.split("_")[0] for s in studies}
    stats = [i for s in studies for sec in s.sections for i in sec.items if i.kind == "stat"]
    assert languages >= {"fr", "en", "de", "es"}
    assert {unit_kind(s.unit) for s in stats} >= {"percent", "count", "currency", "score", "word"}
    assert any(len(s.earlier) >= 2 for s in stats)  # three waves or more
    assert any(w.value is None for s in stats for w in s.earlier)  # a change published alone
    rankings = [i for s in studies for sec in s.sections for i in sec.items if isinstance(i, Ranking)]
    assert any(r.multiple for r in rankings)
    assert len(STUDIES) >= 9


def test_every_figure_and_wave_is_on_a_slide_and_in_the_images(study):
    inputs, composed = study
    expected = {f.id for s in inputs.study.sections for f in shown(s.items)}
    on_slides = {fid for scene in composed.slides for fid, _, _ in scene.figures}
    in_images = {fid for image in composed.images for fid, _, _ in image.scene.figures}
    assert not expected - on_slides, sorted(expected - on_slides)
    assert not expected - in_images, sorted(expected - in_images)


def test_every_quote_question_and_detail_is_on_a_slide(study):
    inputs, composed = study
    ts = Typesetter(inputs.study.meta.locale)
    drawn = " ".join(
        " ".join(e.paragraphs) for scene in composed.slides for e in walk(scene.elements) if isinstance(e, Text)
    )
    drawn = " ".join(drawn.split())  # lines joined, every kind of space alike

    def said(text: str) -> str:
        return " ".join(ts.text(text).split())

    for section in inputs.study.sections:
        for item in section.items:
            if isinstance(item, Quote):
                assert said(item.text) in drawn, item.text
            if isinstance(item, (Breakdown, Ranking)) and item.question:
                assert said(item.question) in drawn, item.question
            if isinstance(item, Stat) and item.detail:
                assert said(item.detail) in drawn, item.detail
