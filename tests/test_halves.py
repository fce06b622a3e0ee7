"""A large data file is read in two halves at once (``deck.inputs.halves``): whatever the file
holds, the data, every key's place and every problem are what reading it in one piece gives."""

from __future__ import annotations

import pytest
import yaml

from deck.errors import InputError
from deck.inputs import halves
from deck.inputs.source import SourceMap, load_yaml


def _section(k: int, extra: str = "") -> str:
    return (
        f"- id: s{k}\n  title: 'Question {k} : des pratiques'\n  items:\n  - id: s{k}-a\n    kind: stat\n"
        f"    value: {k % 90 + 5}\n    label: ont déjà eu recours à « la prise » (question {k}) et à un texte\n"
        f"      sur deux lignes.\n{extra}"
    )


def _study(n: int = 40, head: str = "", middle: dict[int, str] | None = None, tail: str = "") -> str:
    middle = middle or {}
    body = "".join(_section(k, middle.get(k, "")) for k in range(n))
    return f"{head}study:\n  id: t\n  title: T\n  locale: fr\nsections:\n{body}{tail}"


def _read(path, monkeypatch, cut: bool):
    monkeypatch.setattr(halves, "LARGE", 0 if cut else 10**12)
    try:
        loaded = load_yaml(path)
    except InputError as exc:
        return "error", [str(p) for p in exc.problems]
    return loaded.data, loaded.source.marks


def _same(tmp_path, monkeypatch, text: str) -> tuple:
    path = tmp_path / "study.yaml"
    path.write_text(text, encoding="utf-8")
    whole = _read(path, monkeypatch, cut=False)
    assert _read(path, monkeypatch, cut=True) == whole
    return whole


def _cut_and_read(text: str, tmp_path, monkeypatch) -> bool:
    """Whether the text is read in halves (rather than whole)."""
    monkeypatch.setattr(halves, "LARGE", 0)
    return halves.read_in_halves(text, SourceMap(tmp_path / "study.yaml")) is not None


def test_a_plain_study_is_cut_and_read_as_a_whole(tmp_path, monkeypatch):
    text = _study()
    monkeypatch.setattr(halves, "LARGE", 0)
    cut = halves._cut(text)
    assert cut is not None and 0 < cut[0] < 40 and cut[0] + cut[3] == 40
    assert _cut_and_read(text, tmp_path, monkeypatch)
    data, marks = _same(tmp_path, monkeypatch, text)
    assert len(data["sections"]) == 40 and ("sections", 39, "items", 0, "label") in marks


_LINES = "".join(f"- ligne {k}\n" for k in range(60))  # lines that look like entries
HARD = {
    "a text across the cut": {21: f'  lead: "un texte\n{_LINES}- fin"\n'},
    "a single-quoted text across the cut": {21: f"  lead: 'un texte\n{_LINES}- fin'\n"},
    "a flow list across the cut": {21: f"  tags: [a,\n{_LINES}- b]\n"},
    "a text kept with its blank lines": {19: "  lead: |+\n    gardé\n\n\n"},
    "a comment between entries": {19: "# un commentaire\n\n"},
    "an anchor and its alias": {5: "  note: &n texte\n", 30: "  other: *n\n"},
    "an alias to nothing": {30: "  other: *rien\n"},
    "a duplicate key": {30: "  id: encore\n"},
    "a merge key": {30: "  <<: {a: 1}\n"},
    "a tag": {30: "  note: !!python/name:os.system x\n"},
    "a bad value": {30: "  when: !!int douze\n"},
    "an entry written in two lines": {25: "-\n  id: deux\n"},
    "a scalar entry": {25: "- juste un texte\n"},
}


@pytest.mark.parametrize("middle", HARD.values(), ids=HARD.keys())
def test_whatever_is_around_the_cut_the_reading_is_the_same(tmp_path, monkeypatch, middle):
    _same(tmp_path, monkeypatch, _study(middle=middle))


@pytest.mark.parametrize(
    "name", ["a text across the cut", "a single-quoted text across the cut", "a flow list across the cut"]
)
def test_a_cut_inside_a_text_is_found_out(tmp_path, monkeypatch, name):
    """The cut falls on a line of a text that looks like an entry: the halves disagree with the
    text, and the file is read whole."""
    text = _study(middle=HARD[name])
    monkeypatch.setattr(halves, "LARGE", 0)
    at = halves._cut(text)[1]
    assert text[at:].startswith("- ligne"), "the cut is to fall inside the text"
    source = SourceMap(tmp_path / "study.yaml")
    assert halves.read_in_halves(text, source) is None and not source.marks
    _same(tmp_path, monkeypatch, text)


@pytest.mark.parametrize(
    "tail",
    [
        "sources:\n- INSEE\n",
        "sources:\n- INSEE\nsources:\n- encore\n",
        "# fin\nmethodology: |\n  texte\n",
        '"quoted": 1\n',
        "? complexe\n: 1\n",
    ],
)
def test_keys_after_the_list(tmp_path, monkeypatch, tail):
    _same(tmp_path, monkeypatch, _study(tail=tail))
    if tail.startswith("sources:\n- INSEE\n") and "encore" not in tail:
        assert _cut_and_read(_study(tail=tail), tmp_path, monkeypatch)


def _indented(text: str) -> str:
    """The list of sections indented under its key."""
    head, _, body = text.partition("sections:\n")
    return head + "sections:\n" + "".join("  " + line for line in body.splitlines(True))


@pytest.mark.parametrize(
    "text",
    [
        _study(head="%YAML 1.1\n---\n"),
        _study(tail="---\nautre: doc\n"),
        _indented(_study()),
        _study().replace("sections:\n", "sections: # la liste\n"),
        _study() + "sections:\n- id: encore\n",
        _study().replace("sections:\n", "sections:\n  # un commentaire\n"),
    ],
    ids=["directive", "two documents", "indented list", "comment on the key", "two lists", "comment first"],
)
def test_files_of_other_shapes(tmp_path, monkeypatch, text):
    _same(tmp_path, monkeypatch, text)


def test_too_deep_in_the_second_half_is_too_deep(tmp_path, monkeypatch):
    for depth in (36, 37, 38, 39):
        nested = "  deep:\n" + "".join("  " * (k + 2) + f"k{k}:\n" for k in range(depth)) + "  " * (depth + 2) + "x\n"
        found = _same(tmp_path, monkeypatch, _study(middle={30: nested}))
        assert found[0] == "error" or ("sections", 30, "deep") in found[1]


def test_the_reading_is_the_same_on_generated_studies(tmp_path, monkeypatch):
    """The benchmark's study (long lines folded by the YAML writer, quoted texts)."""
    from bench.studies import study

    text = yaml.safe_dump(study(120), allow_unicode=True)
    assert _cut_and_read(text, tmp_path, monkeypatch)
    _same(tmp_path, monkeypatch, text)


@pytest.mark.parametrize(
    "middle",
    [
        HARD["a text kept with its blank lines"],
        HARD["a comment between entries"],
        HARD["an entry written in two lines"],
        HARD["a scalar entry"],
    ],
)
def test_shapes_that_are_cut(tmp_path, monkeypatch, middle):
    """Harmless shapes around the cut: the file is still read in halves."""
    text = _study(middle={k: list(middle.values())[0] for k in range(18, 26)})
    assert _cut_and_read(text, tmp_path, monkeypatch)
    _same(tmp_path, monkeypatch, text)


_PIECES = ['"', "'", "- ", "-\n", "\n", "\n- ", "\n  ", ": ", "#", "[", "]", "{", "}", "&a ", "*a", "|", "|+\n"]
_PIECES += [">-\n", "? ", "!!str ", "---\n", "  - x\n", "\nsections:\n", "\nkey: v\n", "\\", "%"]


@pytest.mark.parametrize("indented", [False, True])
def test_damaged_files_read_the_same(tmp_path, monkeypatch, indented):
    """Characters that mean something in YAML, dropped anywhere around the middle of a file: each
    damaged file reads (or fails) the same in halves as whole. (Run longer while working on the
    cut: thousands of cases, a quarter of them cut.)"""
    import random

    rng = random.Random(12)
    base = _study(n=30, tail="sources:\n- INSEE\n")
    base = _indented(base.replace("sources:", "X")).replace("  X", "sources:") if indented else base
    for _ in range(80):
        text = base
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(len(text) // 3, 2 * len(text) // 3)
            text = text[:at] + rng.choice(_PIECES) + text[at:]
        _same(tmp_path, monkeypatch, text)
