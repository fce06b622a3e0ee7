"""The meaning checks on their own: studies read from small YAML texts, problems with their keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck.inputs.checks import check_study
from deck.inputs.parse import parse
from deck.inputs.source import load_yaml
from deck.inputs.study import Study

HEAD = "study: {id: t, title: T, locale: en}\nsources: {s1: {text: A source}}\nsections:\n"


def _problems(tmp_path: Path, sections: str) -> list[tuple[tuple, str]]:
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + sections, encoding="utf-8")
    loaded = load_yaml(path)
    study, schema_problems = parse(Study, loaded.data, loaded.source)
    assert study is not None, schema_problems
    return [(p.key, p.message) for p in check_study(study, loaded.source)]


def test_a_valid_section_has_no_problem(tmp_path: Path):
    items = "  - id: a\n    title: A\n    items:\n      - {kind: stat, id: x, value: 40, label: l}\n"
    assert _problems(tmp_path, items) == []


@pytest.mark.parametrize(
    ("item", "key", "message"),
    [
        ("{kind: stat, id: x, value: 140, label: l}", ("value",), "140 is not a percentage"),
        ("{kind: stat, id: x, value: 40, unit: '', label: l, of: y}", ("of",), "unknown stat 'y'"),
        ("{kind: stat, id: x, value: 40, label: l, of: x}", ("of",), "a stat cannot be a share of itself"),
        (
            "{kind: stat, id: x, value: 40, label: l, earlier: [{value: 30, year: 2020, source: s2}]}",
            ("earlier", 0, "source"),
            "unknown source 's2'",
        ),
        (
            "{kind: breakdown, id: b, answers: [{label: y, value: 60}, {label: n, value: 30}]}",
            ("answers",),
            "answers sum to 90 (60 + 30), not 100",
        ),
        (
            "{kind: ranking, id: r, items: [{id: a, label: a, value: 3}, {id: a, label: b, value: 2}]}",
            ("items", 1, "id"),
            "duplicate entry id 'a'",
        ),
        ("{kind: stat, id: x, value: 40, label: 'a ☃ snowman'}", ("label",), "characters the font cannot draw"),
    ],
)
def test_each_problem_points_at_its_key(tmp_path: Path, item: str, key: tuple, message: str):
    found = _problems(tmp_path, f"  - id: a\n    title: A\n    items:\n      - {item}\n")
    prefix = ("sections", 0, "items", 0)
    assert any(k == prefix + key and message in m for k, m in found), found


def test_duplicate_ids_across_sections(tmp_path: Path):
    stat = "{kind: stat, id: x, value: 40, label: l}"
    found = _problems(
        tmp_path, f"  - id: a\n    title: A\n    items: [{stat}]\n  - id: a\n    title: B\n    items: [{stat}]\n"
    )
    messages = [m for _, m in found]
    assert any("duplicate section id 'a'" in m for m in messages)
    assert any("duplicate figure id 'x'" in m for m in messages)
