"""The YAML reader on its own: the source map, YAML 1.2 words, refused constructs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deck.errors import InputError
from deck.inputs.source import load_yaml


def _load(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def test_every_key_and_list_entry_is_located(tmp_path: Path):
    loaded = _load(tmp_path, "a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n")
    assert loaded.data == {"a": {"b": 1, "c": ["x", {"d": 2}]}}
    src = loaded.source
    assert src.locate(("a",)) == (1, 1)
    assert src.locate(("a", "b")) == (2, 3)
    assert src.locate(("a", "c", 0)) == (4, 7)
    assert src.locate(("a", "c", 1, "d")) == (5, 8)
    assert src.locate(("a", "c", 1, "nothing", "here")) == (5, 7)  # the nearest known parent: the mapping


def test_a_problem_names_file_line_key_and_hint(tmp_path: Path):
    src = _load(tmp_path, "a:\n  - b: 1\n").source
    problem = src.problem(("a", 0, "b"), "wrong", "fix it", code="test")
    assert str(problem) == f"{tmp_path / 'f.yaml'}:2:5: a[0].b: wrong; fix it"
    assert problem.key == ("a", 0, "b") and problem.code == "test"


def test_keys_with_dots_and_brackets_stay_one_key(tmp_path: Path):
    src = _load(tmp_path, "sub.title[0]: x\n").source
    assert src.problem(("sub.title[0]",), "unknown key").path == "sub.title[0]"


def test_problems_are_located_where_they_are_written(tmp_path: Path):
    """An alias at the alias (not at its anchor), a second key at the second key, a list used as
    a key under the name "?"."""
    with pytest.raises(InputError) as caught:
        _load(tmp_path, "- a\n- b: &q {c: 1}\n- *q\n")
    assert [(p.key, p.line, p.col) for p in caught.value.problems] == [((2,), 3, 3)]
    with pytest.raises(InputError) as caught:
        _load(tmp_path, "&k a: 1\n*k : 2\n")
    assert [(p.key, p.line) for p in caught.value.problems] == [(("a",), 2)]
    loaded = _load(tmp_path, "? [x, y]\n: 1\nz: [1, {w: deep}]\n")
    assert loaded.data == {"?": 1, "z": [1, {"w": "deep"}]}
    assert loaded.source.locate(("z", 1, "w")) == (3, 9)


def test_yes_no_on_off_are_words_and_true_false_booleans(tmp_path: Path):
    loaded = _load(tmp_path, "a: [yes, no, on, off, true, false, 2023-11-22]\n")
    assert loaded.data["a"] == ["yes", "no", "on", "off", True, False, "2023-11-22"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first given on line 1)"),
        ("a: &x {c: 1}\nb: *x\n", "anchors and aliases"),
        ("a: !!python/name:os.system x\n", "the tag '!!python/name:os.system' is not allowed"),
        ("a:\n\tb: 1\n", "a tab is used for indentation"),
        ("# only a comment\n", "the file is empty"),
        ("# a long comment\n" * 1000, "the file is empty"),  # past the first kilobytes too
        ("a: [1, 2\n", "not valid YAML"),
        ("a: !!int x\n", "unreadable value"),  # a tag its text contradicts
        ("a: !!float ''\n", "unreadable value"),
        ("a: *nowhere\n", "found undefined alias 'nowhere'"),
        ("a: &x 1\nb: &x 2\n", "found duplicate anchor 'x'"),
        ("<<: {b: 1}\n", "merge keys (<<) are not supported"),
        ("--- a\n--- b\n", "expected a single document"),
        ("a: " + "[" * 41 + "]" * 41 + "\n", "nests lists or mappings more than 40 deep"),
    ],
)
def test_refused_constructs_are_located_errors(tmp_path: Path, text: str, message: str):
    with pytest.raises(InputError) as caught:
        _load(tmp_path, text)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems
    assert all(p.line is not None for p in caught.value.problems)


@settings(max_examples=300, deadline=None)
@given(
    blob=st.one_of(
        st.binary(max_size=400),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(["[", "{", "]", "}", ":", "- ", "\n", " ", "&a ", "*a", "!!", "'", '"', "#", "x", "1"]),
            max_size=200,
        ).map(lambda parts: "".join(parts).encode()),
    )
)
def test_any_bytes_are_read_or_refused_with_a_located_error(blob: bytes):
    """The YAML reader on arbitrary bytes: data, or an InputError naming the file; never another
    exception (a crash, a recursion error, a tag constructing an object)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(blob)
        try:
            load_yaml(path)
        except InputError as error:
            assert error.problems and all(p.file == path for p in error.problems)


def test_content_after_kilobytes_of_comments_is_read(tmp_path: Path):
    assert _load(tmp_path, "# a long comment\n" * 1000 + "a: 1\n").data == {"a": 1}
    assert _load(tmp_path, "# a comment cut here" + "x" * 5000 + "\ra: 1\n").data == {"a": 1}
