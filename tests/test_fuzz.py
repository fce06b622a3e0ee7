"""Generated and mutated data files: each ends in a valid build or a clean, located error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLE, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import deck

BASE = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
BASE["layout"] = str(ROOT / "layouts" / "default.yaml")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "no", "on", "78 %", "../x", "CON", "stat", "%", "2023-11-31"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            out += _paths(child, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out += _paths(child, prefix + (index,))
    return out


PATHS = [p for p in _paths(BASE) if p]


def _mutate(data: Any, path: tuple, action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    return data


def _outcome(data_file: Path, out: Path | None) -> None:
    try:
        if out is None:
            deck.check(data_file)
        else:
            result = deck.build(data_file, out=out)
            assert result.deck.is_file()
    except deck.InputError as error:
        assert error.problems, "an input error must say what is wrong"
        for problem in error.problems:
            assert problem.file is not None and str(problem).startswith(str(problem.file))


@SETTINGS
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["delete", "replace", "rename", "duplicate"]), values),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_studies_end_in_a_build_or_a_clean_error(mutations, tmp_path_factory):
    data = BASE
    for path, action, value in mutations:
        try:
            data = _mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the path
    folder = tmp_path_factory.mktemp("fuzz")
    data_file = folder / "study.yaml"
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _outcome(data_file, None)


@SETTINGS
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=6)), min_size=1, max_size=4)
)
def test_damaged_files_end_in_a_build_or_a_clean_error(cuts, tmp_path_factory):
    blob = bytearray(
        EXAMPLE.read_bytes().replace(b"../layouts/default.yaml", str(ROOT / "layouts" / "default.yaml").encode())
    )
    for at, length, insert in cuts:
        at %= max(1, len(blob))
        blob[at : at + length] = insert
    folder = tmp_path_factory.mktemp("damaged")
    data_file = folder / "study.yaml"
    data_file.write_bytes(bytes(blob))
    _outcome(data_file, None)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.floats(0, 100),
    label=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=300).filter(
        str.strip
    ),
)
def test_generated_figures_build_or_fail_cleanly(value, label, tmp_path_factory):
    """Built in full (both backends): the label reaches a slide, an image and the poster."""
    data = copy.deepcopy(BASE)
    data.pop("layout")  # the built-in layout: every section, one image each, a poster
    data["sections"] = data["sections"][:1]
    data["sections"][0]["items"][0]["value"] = value
    data["sections"][0]["items"][0]["label"] = label
    folder = tmp_path_factory.mktemp("gen")
    data_file = folder / "study.yaml"
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _outcome(data_file, folder / "out")
