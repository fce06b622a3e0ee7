"""Any study, shown whole: random valid studies of every shape (item kinds, units, waves, locales,
label lengths) compose into slides that show every figure, or fail with a located error."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import deck
from deck.layout.figures import shown
from deck.pipeline import compose, load

LOCALES = ["fr", "en", "en_US", "de", "es", "fr_CA"]
UNITS = ["%", "%", "%", "", "€", "£", "$", "EUR", "/10", "ans", "years", "minutes"]
WORDS = st.text(alphabet=string.ascii_letters + "éèàçöüñ’ ", min_size=1, max_size=12).map(str.strip).filter(bool)


def _label(draw: Any, longest: int) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=1, max_size=longest)))


@st.composite
def waves(draw: Any, unit: str) -> list[dict[str, Any]]:
    if draw(st.booleans()):
        return []
    years = draw(st.lists(st.integers(1990, 2022), min_size=1, max_size=4, unique=True))
    out = []
    for year in sorted(years, reverse=True):
        if draw(st.booleans()) or not out:
            out.append({"value": draw(_value(unit)), "year": year})
        else:
            out.append({"change": draw(st.integers(-9, 9)), "year": year})
    return out


def _value(unit: str) -> st.SearchStrategy[float]:
    top = 100 if unit == "%" else 100_000
    return st.one_of(st.integers(0, top), st.floats(0, top, allow_nan=False).map(lambda v: round(v, 1)))


@st.composite
def items(draw: Any, section: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(["stat", "stat", "stat", "breakdown", "ranking", "quote", "note", "heading"]))
        ident = f"s{section}-{n}"
        if kind == "stat":
            unit = draw(st.sampled_from(UNITS))
            stat = {"kind": "stat", "id": ident, "unit": unit, "value": draw(_value(unit)), "label": _label(draw, 14)}
            stat["earlier"] = draw(waves(unit))
            if draw(st.booleans()):
                stat["short"] = _label(draw, 3)[:60]
            if unit == "%" and draw(st.integers(0, 3)) == 0:
                stat["headline"] = _label(draw, 4)[:60]
            out.append(stat)
        elif kind == "breakdown":
            count = draw(st.integers(2, 6))
            cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1)))
            values = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
            answers = [{"label": _label(draw, 6), "value": v} for v in values]
            out.append({"kind": "breakdown", "id": ident, "question": _label(draw, 12), "answers": answers})
        elif kind == "ranking":
            entries = [{"label": _label(draw, 5), "value": draw(_value("%"))} for _ in range(draw(st.integers(2, 8)))]
            ranking = {"kind": "ranking", "id": ident, "items": entries, "question": _label(draw, 10)}
            ranking.update(order=draw(st.sampled_from(["value", "given"])), multiple=draw(st.booleans()))
            out.append(ranking)
        elif kind == "quote":
            out.append({"kind": "quote", "text": _label(draw, 30)})
        else:
            out.append({"kind": kind, "text": _label(draw, 8)})
    if not any(i["kind"] in ("stat", "breakdown", "ranking", "quote") for i in out):
        out.append({"kind": "quote", "text": _label(draw, 10)})
    return out


@st.composite
def studies(draw: Any) -> dict[str, Any]:
    sections = [
        {"id": f"sec{i}", "title": _label(draw, 12), "items": draw(items(i))} for i in range(draw(st.integers(1, 4)))
    ]
    return {
        "study": {"id": "random", "title": _label(draw, 8), "locale": draw(st.sampled_from(LOCALES))},
        "methodology": [
            {
                "kind": "quantitative",
                "institute": "Institute",
                "sample": draw(st.integers(50, 30_000)),
                "mode": "online",
                "fieldwork": {"start": "2022-05-11", "end": "2022-05-22"},
            }
        ],
        "sections": sections,
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(study=studies())
def test_every_figure_of_any_study_is_on_a_slide(study: dict[str, Any], tmp_path_factory):
    path = tmp_path_factory.mktemp("any") / "study.yaml"
    path.write_text(yaml.safe_dump(study, allow_unicode=True), encoding="utf-8")
    try:
        inputs = load(Path(path))
        composed = compose(inputs)
    except deck.InputError as error:  # a located problem, never a crash
        assert error.problems and all(p.line is not None for p in error.problems), error.problems
        assert all("does not fit" in p.message for p in error.problems), error.problems
        return
    expected = {f.id for s in inputs.study.sections for f in shown(s.items)}
    on_slides = {fid for scene in composed.slides for fid, _, _ in scene.figures}
    assert expected <= on_slides, sorted(expected - on_slides)
    on_images = {fid for image in composed.images for fid, _, _ in image.scene.figures}
    assert expected <= on_images, sorted(expected - on_images)  # the images too (one per section, the poster)
