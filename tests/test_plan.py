"""The planner and the template registry, on small studies built in memory (no rendering)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.source import SourceMap
from deck.inputs.study import Study
from deck.layout import templates
from deck.layout.plan import check_layout, plan_images, plan_slides

STAT = {"kind": "stat", "id": "s1", "value": 40, "label": "say yes"}
WAVED = {**STAT, "id": "s2", "earlier": [{"value": 30, "year": 2020}]}
QUOTE = {"kind": "quote", "text": "It helps."}
BREAKDOWN = {"kind": "breakdown", "id": "b", "answers": [{"label": "yes", "value": 60}, {"label": "no", "value": 40}]}
RANKING = {"kind": "ranking", "id": "r", "items": [{"label": "a", "value": 30}, {"label": "b", "value": 20}]}


def study(*sections: list[dict[str, Any]], methodology: bool = True) -> Study:
    return Study.model_validate(
        {
            "study": {"id": "t", "title": "T", "locale": "en"},
            "methodology": [{"kind": "quantitative", "institute": "I"}] if methodology else [],
            "sections": [{"id": f"s{i}", "title": f"Section {i}", "items": items} for i, items in enumerate(sections)],
        }
    )


def spec(**fields: Any) -> LayoutSpec:
    return LayoutSpec.model_validate(fields)


@pytest.mark.parametrize(
    ("items", "chosen"),
    [
        ([STAT], "hero"),
        ([STAT, QUOTE], "hero"),
        ([STAT, {**STAT, "id": "x"}], "stat-grid"),
        ([{**STAT, "headline": "Four in ten"}, {**STAT, "id": "x"}], "pictogram"),
        ([WAVED, {**WAVED, "id": "x"}], "compare-bars"),
        ([STAT, BREAKDOWN], "breakdown"),
        ([RANKING, STAT], "ranking"),
        ([QUOTE], "quote"),
    ],
)
def test_auto_chooses_from_the_content(items, chosen):
    assert templates.choose(study(items).sections[0]) == chosen


def test_without_slides_the_deck_is_title_every_section_methodology():
    plans = plan_slides(study([STAT], [QUOTE], [RANKING]), spec())
    assert [(p.template, p.section.id if p.section else None) for p in plans] == [
        ("title", None),
        ("hero", "s0"),
        ("quote", "s1"),
        ("ranking", "s2"),
        ("methodology", None),
    ]
    plain = plan_slides(study([STAT], methodology=False), spec())  # nothing to say: no methodology slide
    assert [p.template for p in plain] == ["title", "hero"]


def test_a_section_that_needs_more_than_a_page_continues_in_the_data_order():
    many = [{**STAT, "id": f"x{i}", "unit": "€"} for i in range(9)] + [QUOTE, {**QUOTE, "text": "Two."}]
    sections = study([WAVED, *many, {"kind": "heading", "text": "Sub"}, BREAKDOWN]).sections
    plans = plan_slides(study([WAVED, *many, {"kind": "heading", "text": "Sub"}, BREAKDOWN]), spec())[1:-1]
    shown = [i for p in plans for i in (p.items or range(len(sections[0].items)))]
    figures = [i for i, item in enumerate(sections[0].items) if item.kind != "heading"]
    assert sorted(set(shown) & set(figures)) == figures  # every figure and quote, each on a page
    firsts = [min(i for i in p.items or () if sections[0].items[i].kind != "heading") for p in plans]
    assert firsts == sorted(firsts)  # pages follow the data's order
    assert [p.part for p in plans] == list(range(1, len(plans) + 1))


def test_sections_a_layout_leaves_out_come_after_the_last_section_slide():
    layout = spec(slides=[{"template": "title"}, {"section": "s1"}, {"template": "summary"}])
    plans = plan_slides(study([STAT], [QUOTE], [RANKING]), layout)
    assert [p.section.id if p.section else p.template for p in plans] == ["title", "s1", "s0", "s2", "summary"]


def test_images_are_named_by_number_section_and_preset():
    layout = spec(
        infographics=[
            {"section": "all"},
            {"section": "s1", "preset": "square"},
            {"template": "poster", "preset": "poster"},
            {"template": "summary", "preset": "social"},
        ]
    )
    names = [p.name for p in plan_images(study([STAT], [QUOTE]), layout)]
    assert names == ["01-s0", "02-s1", "02-s1-square", "poster", "summary-social"]


def _problems(layout: LayoutSpec, data: Study) -> list[tuple[str, str]]:
    found = check_layout(layout, data, SourceMap(Path("layout.yaml")))
    return [(p.code, p.severity) for p in found]


def test_layout_checks_name_what_is_wrong_with_codes():
    data = study([STAT], [QUOTE, {**STAT, "id": "x"}])
    layout = spec(
        slides=[
            {"template": "heroo", "section": "s0"},
            {"template": "ranking", "section": "s0"},
            {"template": "hero"},
            {"section": "nope"},
            {"template": "quote", "section": "s1"},
        ]
    )
    assert _problems(layout, data) == [
        ("unknown-template", "error"),
        ("cannot-show", "error"),
        ("needs-section", "error"),
        ("unknown-section", "error"),
        ("figure-left-out", "warning"),
        ("section-left-out", "warning"),
    ]


def test_a_section_template_added_to_the_registry_is_known_everywhere(monkeypatch: pytest.MonkeyPatch):
    """One record: the layout checks, auto, the schema and the docs all see a new template."""
    from deck import schema

    lists = replace(
        templates.SECTIONS["stat-grid"],
        name="stat-list",
        summary="every stat as a list",
        prefers=lambda s: len(s.items) >= 3,
        rank=5,
    )
    monkeypatch.setitem(templates.SECTIONS, "stat-list", lists)
    data = study([STAT, {**STAT, "id": "b"}, {**STAT, "id": "c"}])
    assert templates.choose(data.sections[0]) == "stat-list"
    assert "stat-list" in templates.names("slide") and "stat-list" in templates.names("image")
    assert _problems(spec(slides=[{"template": "stat-list", "section": "s0"}]), data) == []
    assert "stat-list" in schema.layout_schema()["$defs"]["SlideSpec"]["properties"]["template"]["enum"]
    assert "| `stat-list` | a stat | every stat as a list |" in schema.template_table()
