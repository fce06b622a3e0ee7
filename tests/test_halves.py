"""A large data file is read in two halves at once (``deck.inputs.halves``): whatever the file
holds, the data, every key's place and every problem are what reading it in one piece gives.

Forking needs a process without threads (the test runner's have some), so every case is read in a
process of its own, which reports for each whether both readings agree and whether it was cut."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SEVERAL = (os.cpu_count() or 1) > 1  # a file is cut only where there is a second core to read it


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


def _indented(text: str) -> str:
    """The list of sections indented under its key (what follows it too)."""
    head, _, body = text.partition("sections:\n")
    return head + "sections:\n" + "".join("  " + line for line in body.splitlines(True))


def _around(extra: str, start: int = 18, stop: int = 26) -> dict[int, str]:
    return {k: extra for k in range(start, stop)}


_LINES = "".join(f"- ligne {k}\n" for k in range(60))  # lines of a text that look like entries
# name: (text, whether it is read in halves: True, False, or None for either)
CASES: dict[str, tuple[str, bool | None]] = {
    "a plain study": (_study(), True),
    "the list indented under its key": (_indented(_study()), True),
    "a text across the cut": (_study(middle={21: f'  lead: "un texte\n{_LINES}- fin"\n'}), False),
    "a single-quoted text across the cut": (_study(middle={21: f"  lead: 'un texte\n{_LINES}- fin'\n"}), False),
    "a flow list across the cut": (_study(middle={21: f"  tags: [a,\n{_LINES}- b]\n"}), False),
    "texts that keep their blank lines": (_study(middle=_around("  lead: |+\n    gardé\n\n\n")), True),
    "comments between entries": (_study(middle=_around("# un commentaire\n\n")), True),
    "entries written in two lines": (_study(middle=_around("-\n  id: deux\n")), True),
    "entries that are texts": (_study(middle=_around("- juste un texte\n")), True),
    "an anchor and its alias": (_study(middle={5: "  note: &n texte\n", 30: "  other: *n\n"}), False),
    "an alias to nothing": (_study(middle={30: "  other: *rien\n"}), False),
    "a duplicate key": (_study(middle={30: "  id: encore\n"}), False),
    "a merge key": (_study(middle={30: "  <<: {a: 1}\n"}), False),
    "a tag": (_study(middle={30: "  note: !!python/name:os.system x\n"}), False),
    "a bad value": (_study(middle={30: "  when: !!int douze\n"}), False),
    "keys after the list": (_study(tail="sources:\n- INSEE\n"), True),
    "a key given twice after the list": (_study(tail="sources:\n- INSEE\nsources:\n- encore\n"), False),
    "a comment, then a key after the list": (_study(tail="# fin\nmethodology: |\n  texte\n"), True),
    "a quoted key after the list": (_study(tail='"quoted": 1\n'), None),
    "a complex key after the list": (_study(tail="? complexe\n: 1\n"), None),
    "a directive": (_study(head="%YAML 1.1\n---\n"), False),
    "two documents": (_study(tail="---\nautre: doc\n"), False),
    "a comment on the key": (_study().replace("sections:\n", "sections: # la liste\n"), True),
    "a comment before the first entry": (_study().replace("sections:\n", "sections:\n  # un commentaire\n"), True),
    "two lists of sections": (_study() + "sections:\n- id: encore\n", False),
}
for depth in (37, 38, 39):  # too deep by one, in the second half: too deep all the same
    nested = "  deep:\n" + "".join("  " * (k + 2) + f"k{k}:\n" for k in range(depth)) + "  " * (depth + 2) + "x\n"
    CASES[f"nested {depth} deep"] = (_study(middle={30: nested}), None)
_PIECES = ['"', "'", "- ", "-\n", "\n", "\n- ", "\n  ", ": ", "#", "[", "]", "{", "}", "&a ", "*a", "|", "|+\n"]
_PIECES += [">-\n", "? ", "!!str ", "---\n", "  - x\n", "\nsections:\n", "\nkey: v\n", "\\", "%"]
DAMAGED = 60  # files of each kind, damaged at random around their middle


_SPACED = "sections:\n" + "".join(f"{{1}}- a{k}\n" for k in range(10)) + "{0}k:\n"
_SPACED += "".join(f"{{1}}- c{k}\n" for k in range(10)) + "{2}"
# texts in which lines look like entries, with what follows them: every cut is tried on these
_FAKE = "".join(f"- ligne {k}\n" for k in range(12))
TRAPS = {
    "a text closed at the end of the list": _study(n=12, middle={11: f'  lead: "texte\n{_FAKE}fin"\n'}),
    "a text closed before a key": _study(n=12, middle={11: f'  lead: "texte\n{_FAKE}fin"\n'}, tail="sources: []\n"),
    "a text closed, then entries": _study(n=12, middle={5: f"  lead: 'texte\n{_FAKE}  fin'\n"}),
    "a flow list closed, then entries": _study(n=12, middle={5: f"  tags: [a,\n{_FAKE}  b]\n"}),
    "a text kept with its blank lines": _study(n=12, middle={5: "  lead: |+\n    texte\n\n\n"}),
    # a key after a no-break space (pasted from a word processor): a key in the first column for
    # YAML, which has no blank but the space and the tab; a list of its own follows it
    "a key after a no-break space": _SPACED.format("\xa0", "", "other: 1\n"),
    "a key after a no-break space, indented list": _SPACED.format("\xa0", "  ", "other: 1\n"),
    "a broken key after a no-break space": _SPACED.format("\xa0", "", "").replace("k:\n", "k: v\n"),
    "a key after an ideographic space, at the end": _SPACED.format("\u3000", "", ""),
}


ALL_TRUSTED = {  # no line looks like an entry, and the file is valid: every cut between entries is trusted
    "a text kept with its blank lines",
    "a key after a no-break space",
    "a key after a no-break space, indented list",
    "a key after an ideographic space, at the end",
}


def _damaged(indented: bool) -> list[str]:
    """Characters that mean something in YAML, dropped anywhere around the middle of a file."""
    rng = random.Random(12 + indented)
    base = _study(n=30, tail="sources:\n- INSEE\n")
    base = _indented(base.replace("sources:", "X")).replace("  X", "sources:") if indented else base
    out = []
    for _ in range(DAMAGED):
        text = base
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(len(text) // 3, 2 * len(text) // 3)
            text = text[:at] + rng.choice(_PIECES) + text[at:]
        out.append(text)
    return out


def _outcome(text: str, folder: Path) -> tuple[bool, bool]:
    """Whether the readings in halves and whole agree, and whether the file was cut."""
    from deck.errors import InputError
    from deck.inputs import halves, source

    path = folder / "study.yaml"
    path.write_text(text, encoding="utf-8")
    read, cut = [], []

    def noted(*args: object) -> object:
        found = halves.read_in_halves(*args)  # type: ignore[arg-type]
        cut.append(found is not None)
        return found

    source.read_in_halves = noted
    for large in (10**12, 0):
        halves.LARGE = large
        try:
            loaded = source.load_yaml(path)
            read.append((loaded.data, loaded.source.marks))
        except InputError as exc:
            read.append(("error", [str(p) for p in exc.problems]))
    return read[0] == read[1], cut[-1]


def _every_cut(text: str, folder: Path) -> list[int]:
    """The text cut at each of its entries in turn (a line that looks like one too): how many cuts
    read otherwise than the whole file (they must be none), and how many were trusted."""
    from deck.errors import InputError
    from deck.inputs import halves
    from deck.inputs.source import SourceMap, load_yaml

    path = folder / "study.yaml"
    path.write_text(text, encoding="utf-8")
    halves.LARGE = 10**12
    try:
        loaded = load_yaml(path)
        whole: object = (loaded.data, loaded.source.marks)
    except InputError:
        whole = "error"
    halves.LARGE = 0
    if halves._cut(text) is None:
        return [0, 0, 0]
    offsets = sorted({halves._cut(text, k / 400)[1] for k in range(401)})  # type: ignore[index]
    wrong = trusted = 0
    for offset in offsets:
        share = next(k / 400 for k in range(401) if halves._cut(text, k / 400)[1] == offset)  # type: ignore[index]
        source = SourceMap(path)
        data = halves.read_in_halves(text, source, share)
        if data is not None:
            trusted += 1
            wrong += whole == "error" or (data, source.marks) != whole
    return [wrong, trusted, len(offsets)]


def _outcome_dying(text: str, folder: Path) -> tuple[bool, bool]:
    """As ``_outcome``, the second half's reader dying on its way (out of memory, say)."""
    from deck.inputs import halves

    kept = halves._read_part
    halves._read_part = _die  # type: ignore[assignment]
    try:
        return _outcome(text, folder)
    finally:
        halves._read_part = kept


def _die(task: object) -> bytes:
    os._exit(9)


def _report() -> dict[str, list]:
    """Every case's outcome (run in a process of its own)."""
    import yaml

    from bench.studies import study

    found: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (text, _) in CASES.items():
            found[name] = list(_outcome(text, Path(folder)))
        found["the benchmark's study"] = list(_outcome(yaml.safe_dump(study(120), allow_unicode=True), Path(folder)))
        for name in TRAPS:
            found[f"every cut: {name}"] = _every_cut(TRAPS[name], Path(folder))
        found["a reader that dies"] = list(_outcome_dying(_study(), Path(folder)))
        for indented in (False, True):
            outcomes = [_outcome(text, Path(folder)) for text in _damaged(indented)]
            found[f"damaged, indented: {indented}"] = [sum(same for same, _ in outcomes), sum(c for _, c in outcomes)]
    return found


@pytest.fixture(scope="module")
def report() -> dict[str, list]:
    from conftest import ROOT

    code = f"import sys, json; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]; import test_halves; "
    code += "print(json.dumps(test_halves._report()))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", list(CASES))
def test_whatever_the_file_holds_halves_read_as_the_whole(report, name):
    same, cut = report[name]
    assert same, "the two readings differ"
    expected = CASES[name][1]
    if expected is not None:
        assert cut == (expected and SEVERAL), "cut" if cut else "not cut"


def test_the_benchmark_study_is_cut_and_read_as_the_whole(report):
    """Long lines folded by the YAML writer, quoted texts."""
    assert report["the benchmark's study"] == [True, SEVERAL]


def test_a_reader_that_dies_leaves_the_file_read_whole(report):
    assert report["a reader that dies"] == [True, False]


@pytest.mark.parametrize("name", list(TRAPS))
def test_no_cut_reads_otherwise_than_the_whole(report, name):
    """Cut at every entry, and at every line of a text that looks like one: a cut either reads
    the file as the whole does, or is not trusted (where lines look like entries, none is: each
    half's count of entries is off somewhere); in a valid file without such lines, every cut is."""
    wrong, trusted, tried = report[f"every cut: {name}"]
    assert wrong == 0 and tried > (5 if "space" in name else 10)
    if name in ALL_TRUSTED:
        assert trusted == (tried if SEVERAL else 0)


@pytest.mark.parametrize("indented", [False, True])
def test_damaged_files_read_the_same(report, indented):
    """Each damaged file reads (or fails) the same in halves as whole; many are still cut. (Run with
    thousands while working on the cut: ``DAMAGED``.)"""
    same, cut = report[f"damaged, indented: {indented}"]
    assert same == DAMAGED and (cut > DAMAGED // 10 or not SEVERAL)


@pytest.mark.skipif(not SEVERAL, reason="a file is cut only on several cores")
def test_a_cut_inside_a_text_falls_on_a_line_of_the_text():
    """The cases above really put the cut inside a text (so that reading whole is proved needed)."""
    from deck.inputs import halves

    for name in ("a text across the cut", "a single-quoted text across the cut", "a flow list across the cut"):
        text = CASES[name][0]
        original, halves.LARGE = halves.LARGE, 0
        try:
            at = halves._cut(text)[1]  # type: ignore[index]
        finally:
            halves.LARGE = original
        assert text[at:].startswith("- ligne"), name
