"""The meaning checks on their own: studies read from small YAML texts, problems with their keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck.errors import InputError
from deck.inputs.checks import check_study, check_texts
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
    found = check_study(study, loaded.source) + check_texts(loaded.data, loaded.source)
    return [(p.key, p.message) for p in found]


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "true/false is not a number"),
        ("1:30", "not a number"),  # YAML 1.1 would read 90
        ("1e28", "too large to be a survey figure"),
        (".nan", "not a finite number"),
    ],
)
def test_what_is_not_a_figure_is_refused(tmp_path: Path, value: str, message: str):
    path = tmp_path / "s.yaml"
    path.write_text(
        HEAD + f"  - id: a\n    title: A\n    items:\n      - {{kind: stat, id: x, value: {value}, label: l}}\n"
    )
    loaded = load_yaml(path)
    study, problems = parse(Study, loaded.data, loaded.source)
    assert study is None and any(message in p.message and p.line == 7 for p in problems), problems


def test_texts_are_composed_and_no_break_spaces_kept(tmp_path: Path):
    path = tmp_path / "s.yaml"
    label = "cafe\u0301 \u00e0 78\u00a0%"  # a decomposed accent and a no-break space
    path.write_text(
        HEAD + f'  - id: a\n    title: A\n    items:\n      - {{kind: stat, id: x, value: 4, label: "{label}"}}\n'
    )
    loaded = load_yaml(path)
    assert loaded.data["sections"][0]["items"][0]["label"] == "café à 78\u202f%"
    assert check_texts(loaded.data, loaded.source) == []


@pytest.mark.parametrize(("text", "message"), [("a\\u0000b", "control characters"), ("\\u200b", "empty or invisible")])
def test_control_and_invisible_texts_are_located(tmp_path: Path, text: str, message: str):
    found = _problems(
        tmp_path, f'  - id: a\n    title: A\n    items:\n      - {{kind: stat, id: x, value: 4, label: "{text}"}}\n'
    )
    assert any(key == ("sections", 0, "items", 0, "label") and message in m for key, m in found), found


def test_devices_pipes_and_deep_nesting_are_refused_before_reading(tmp_path: Path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 500 + "]" * 500 + "\n")
    for path, message in ((fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file"), (deep, "nests")):
        with pytest.raises(InputError) as caught:
            load_yaml(path)
        assert message in caught.value.problems[0].message
