"""Every mistake a user can make: one located line with a hint, exit code 1, outputs untouched."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, ROOT

from deck.cli import main

LAYOUT = ROOT / "layouts" / "default.yaml"


@dataclass(frozen=True)
class Case:
    name: str
    target: str  # "data" or "layout"
    mutate: Callable[[str], str]
    marker: str | None  # text on the line the message must point at (in the mutated file)
    message: str  # a regular expression the message line must match
    raw: Callable[[str], bytes] | None = None  # for byte-level mutations


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return apply


def nth(old: str, new: str, n: int) -> Callable[[str], str]:
    """Replace only the n-th occurrence (1-based)."""

    def apply(text: str) -> str:
        parts = text.split(old)
        assert len(parts) > n, old
        return old.join(parts[:n]) + new + old.join(parts[n:])

    return apply


LONG = "très " * 380
CASES = [
    Case(
        "misspelt section key",
        "data",
        sub("  - id: pratiques\n", "  - id: pratiques\n    titel: x\n"),
        "titel: x",
        r"unknown key 'titel'; did you mean 'title'\?",
    ),
    Case(
        "misspelt top key",
        "data",
        sub("\nsections:\n", "\nsectons:\n"),
        "sectons:",
        r"unknown key 'sectons'; did you mean 'sections'\?",
    ),
    Case(
        "misspelt stat key",
        "data",
        sub("        earlier: [{value: 70", "        erlier: [{value: 70"),
        "erlier:",
        r"unknown key 'erlier'; did you mean 'earlier'\?",
    ),
    Case(
        "duplicate key",
        "data",
        sub("        value: 90\n", "        value: 90\n        value: 19\n"),
        "value: 19",
        r"duplicate key 'value' \(first given on line \d+\)",
    ),
    Case(
        "tab indentation",
        "data",
        sub("    title: Perceptions", "\ttitle: Perceptions"),
        "\ttitle",
        r"a tab is used for indentation; indent with spaces",
    ),
    Case(
        "byte-order mark",
        "data",
        lambda t: t,
        None,
        r":1:1: the file starts with a byte-order mark",
        raw=lambda t: b"\xef\xbb\xbf" + t.encode(),
    ),
    Case(
        "not UTF-8",
        "data",
        lambda t: t,
        "Les Français et le numérique en santé (2023)",
        r"not UTF-8 text; save it with UTF-8 encoding",
        raw=lambda t: t.encode("latin-1", "replace"),
    ),
    Case("empty file", "data", lambda t: "# nothing yet\n", None, r":1:1: the file is empty"),
    Case(
        "a list, not a mapping",
        "data",
        lambda t: "- study\n- sections\n",
        None,
        r":1:1: the file holds a list, not a mapping",
    ),
    Case(
        "anchors and aliases",
        "data",
        lambda t: t.replace("  opinionway-2020:\n", "  opinionway-2020: &src\n", 1) + "extra: *src\n",
        "extra: *src",
        r"anchors and aliases .* are not supported",
    ),
    Case(
        "billion laughs",
        "data",
        lambda t: (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n" + t
        ),
        "b: &b",
        r"anchors and aliases .* are not supported",
    ),
    Case(
        "broken YAML",
        "data",
        sub("institutes: [Harris Interactive, Verian]", "institutes: [Harris Interactive"),
        None,
        r":16:7: not valid YAML: (did not find )?expected ',' or '\]',? (but got ':' )?"
        r"\(while parsing a flow sequence on line 14\)",
    ),
    Case(
        "unquoted colon at the end",
        "data",
        sub('lead: "Le top 3 des freins invoqués :"', "lead: Le top 3 des freins invoqués :"),
        "lead: Le top 3",
        r"not valid YAML: mapping values are not allowed (here|in this context)",
    ),
    Case(
        "percentage over 100",
        "data",
        sub("        value: 90\n", "        value: 190\n"),
        "value: 190",
        r"190 is not a percentage; use a value from 0 to 100",
    ),
    Case("negative percentage", "data", sub("value: 64\n", "value: -4\n"), "value: -4", r"-4 is not a percentage"),
    Case(
        "breakdown does not sum to 100",
        "data",
        sub("value: 18}", "value: 28}"),
        "answers:",
        r"answers sum to 110 \(50 \+ 32 \+ 28\), not 100",
    ),
    Case(
        "unknown source",
        "data",
        sub("source: opinionway-2020}", "source: opinionway-2021}"),
        "source: opinionway-2021",
        r"unknown source 'opinionway-2021'; did you mean 'opinionway-2020'\?",
    ),
    Case(
        "duplicate section id",
        "data",
        sub("  - id: donnees\n", "  - id: pratiques\n"),
        "  - id: pratiques\n    title: >-",
        r"duplicate section id 'pratiques' \(first used on line \d+\)",
    ),
    Case(
        "section id escaping the folder",
        "data",
        sub("  - id: freins\n", "  - id: ../freins\n"),
        "id: ../freins",
        r"not a simple id; ids are slugs",
    ),
    Case(
        "section id as an absolute path",
        "data",
        sub("  - id: freins\n", "  - id: /etc/freins\n"),
        "id: /etc/freins",
        r"not a simple id",
    ),
    Case(
        "reserved device name",
        "data",
        sub("  - id: freins\n", "  - id: NUL\n"),
        "id: NUL",
        r"'NUL' is a reserved device name",
    ),
    Case(
        "study id with a space",
        "data",
        sub("  id: numerique-sante-2023", "  id: numerique sante"),
        "id: numerique sante",
        r"not a simple id",
    ),
    Case(
        "value is not a number",
        "data",
        sub("value: 86\n", "value: quatre-vingt-six\n"),
        "quatre-vingt-six",
        r"not a number; write the figure as a number",
    ),
    Case(
        "value with a percent sign",
        "data",
        sub("value: 86\n", 'value: "86 %"\n'),
        'value: "86 %"',
        r"not a number; write the figure as a number, e.g. 78 \(no % sign",
    ),
    Case("NaN", "data", sub("value: 86\n", "value: .nan\n"), "value: .nan", r"not a finite number"),
    Case("infinity", "data", sub("value: 86\n", "value: .inf\n"), "value: .inf", r"not a finite number"),
    Case(
        "unknown item kind",
        "data",
        sub("      - kind: quote\n", "      - kind: verbatim\n"),
        "kind: verbatim",
        r"unknown item kind 'verbatim'; use one of",
    ),
    Case(
        "item without kind",
        "data",
        sub("      - kind: heading\n        text: >-", "      - knd: heading\n        text: >-"),
        "knd: heading",
        r"item has no `kind`",
    ),
    Case(
        "missing label",
        "data",
        sub("        label: des Français ont déjà eu recours", "        lbl: des Français"),
        "lbl: des",
        r"unknown key 'lbl'; did you mean 'label'\?",
    ),
    Case(
        "ranking of one",
        "data",
        lambda t: _one_rank(t),
        "        items:\n          - id: utilite",
        r"list should have at least 2 items",
    ),
    Case(
        "breakdown of one",
        "data",
        lambda t: re.sub(r"          - \{id: jamais-utilise.*\n          - \{id: inconnu.*\n", "", t),
        "answers:\n",
        r"list should have at least 2 items",
    ),
    Case(
        "share of an unknown stat",
        "data",
        sub("of: confiance-securite", "of: confiance"),
        "of: confiance",
        r"unknown stat 'confiance'; did you mean 'confiance-securite'\?",
    ),
    Case(
        "earlier wave without a year",
        "data",
        sub("[{value: 48, year: 2020,", "[{value: 48,"),
        "value: 48,",
        r"an earlier wave needs a `year` or a `label`",
    ),
    Case(
        "unknown locale",
        "data",
        sub("  locale: fr\n", "  locale: xx\n"),
        "locale: xx",
        r"unsupported locale 'xx'; deck writes fr, en, de, es",
    ),
    Case(
        "fieldwork ends before it starts",
        "data",
        sub("end: 2023-11-27", "end: 2023-10-27"),
        "end: 2023-10-27",
        r"fieldwork `end` is before `start`",
    ),
    Case(
        "negative sample", "data", sub("sample: 2032", "sample: -2032"), "sample: -2032", r"greater than or equal to 1"
    ),
    Case(
        "impossible date",
        "data",
        sub("start: 2023-11-22", "start: 2023-13-45"),
        "start: 2023-13-45",
        r"not a date; write dates as YYYY-MM-DD",
    ),
    Case(
        "label too long to fit",
        "data",
        sub("label: des Français déclarent connaître Mon Espace Santé.", f"label: {LONG}"),
        "label: très",
        r"the label does not fit on slide 5 even at its smallest size \(needs \d+ pt of height, \d+ pt available\)",
    ),
    Case(
        "duplicate figure id",
        "data",
        sub("        id: donnees-sensibles\n", "        id: donnees-protegees\n"),
        "id: donnees-protegees\n        value: 86",
        r"duplicate figure id 'donnees-protegees'",
    ),
    Case(
        "empty quote",
        "data",
        nth("      - kind: quote\n        text: >-\n", "      - kind: quote\n        text: ''\n        by: >-\n", 1),
        "text: ''",
        r"at least 1 character",
    ),
    Case(
        "source without text",
        "data",
        sub("  opinionway-2020:\n    text: >-", "  opinionway-2020:\n    txt: >-"),
        "txt: >-",
        r"unknown key 'txt'; did you mean 'text'\?",
    ),
    Case(
        "missing layout file",
        "data",
        sub("layout: ../layouts/default.yaml", "layout: ../layouts/defaut.yaml"),
        "layout: ../layouts/defaut.yaml",
        r"layout file not found",
    ),
    Case(
        "unknown template",
        "layout",
        sub("{template: ranking, section: freins}", "{template: rankng, section: freins}"),
        "rankng",
        r"unknown template 'rankng'; did you mean 'ranking'\?",
    ),
    Case(
        "unknown section",
        "layout",
        sub("{template: ranking, section: freins}", "{template: ranking, section: frein}"),
        "section: frein}",
        r"unknown section 'frein'; did you mean 'freins'\?",
    ),
    Case(
        "template that cannot show the section",
        "layout",
        sub("{template: hero, section: recommandation}", "{template: ranking, section: recommandation}"),
        "section: recommandation",
        r"template 'ranking' cannot show section 'recommandation': it needs a `ranking`",
    ),
    Case(
        "pictogram without a share",
        "layout",
        sub("{template: ranking, section: freins}", "{template: pictogram, section: freins}"),
        "pictogram, section: freins",
        r"template 'pictogram' cannot show section 'freins'",
    ),
    Case(
        "misspelt theme key",
        "layout",
        sub("  headline_case: normal", "  headline_cas: normal"),
        "headline_cas",
        r"unknown key 'headline_cas'; did you mean 'headline_case'\?",
    ),
    Case(
        "bad colour",
        "layout",
        sub("  headline_case: normal", "  accent: '#12345'"),
        "accent:",
        r"string should match pattern",
    ),
    Case(
        "missing logo",
        "layout",
        sub("  headline_case: normal", "  logo: logo.png"),
        "logo: logo.png",
        r"file not found: .*logo\.png",
    ),
    Case(
        "logo that is not a picture",
        "layout",
        sub("  headline_case: normal", "  logo: default.yaml.png"),
        "logo: default.yaml.png",
        r"'default.yaml.png' is not a PNG file",
    ),
    Case(
        "slides not a list",
        "layout",
        sub("slides:\n  - template: title\n", "slides: title\nunused:\n  - template: title\n"),
        "slides: title",
        r"slides: not a list",
    ),
    Case(
        "duplicate answer id",
        "data",
        sub("{id: inconnu,", "{id: utilise,"),
        '{id: utilise, label: "« Non',
        r"duplicate answer id 'utilise' \(first used on line \d+\)",
    ),
    Case(
        "code in a YAML tag",
        "data",
        sub("  date: Novembre 2023", "  date: !!python/object/apply:os.system [echo]"),
        "date: !!python",
        r"the tag '!!python/object/apply:os.system' is not allowed",
    ),
    Case(
        "character the font lacks",
        "data",
        sub("  subtitle: Synthèse d’étude", "  subtitle: Synthèse d’étude ✓"),
        "subtitle: Synthèse",
        r"characters the font cannot draw: '✓' \(U\+2713\)",
    ),
    Case(
        "slide title the font lacks",
        "layout",
        sub("{template: hero, section: usages}", "{template: hero, section: usages, title: Usages ✓}"),
        "title: Usages",
        r"slides\[1\]\.title: the headline has characters the font cannot draw: '✓'",
    ),
    # What an attacker tried (each once crashed, hung or was accepted silently)
    Case(
        "of: references in a circle",
        "data",
        sub(
            "        id: confiance-securite\n        value: 75\n",
            "        id: confiance-securite\n        value: 75\n        of: pleinement-convaincus\n",
        ),
        "of: pleinement-convaincus",
        r"the `of:` references go round in a circle: confiance-securite → pleinement-convaincus → confiance-securite",
    ),
    Case(
        "negative share",
        "data",
        sub(
            'label: "« Oui, et je l’ai déjà utilisé »", value: 50}',
            'label: "« Oui, et je l’ai déjà utilisé »", value: -50}',
        ),
        "value: -50",
        r"answers\[0\]\.value: -50 is negative; a share is 0 or more",
    ),
    Case(
        "negative ranking entry",
        "data",
        sub("            value: 26\n", "            value: -26\n"),
        "value: -26",
        r"-26 is negative: a ranking is drawn as bars from zero",
    ),
    Case(
        "earlier wave after the current one",
        "data",
        sub("earlier: [{value: 70, year: 2020,", "earlier: [{value: 70, year: 2099,"),
        "year: 2099",
        r"earlier\[0\]\.year: an earlier wave dated 2099, after the current wave \(2023\)",
    ),
    Case(
        "respondents beyond reason",
        "data",
        sub("    sample: 2032", "    sample: 99999999999999999999999999999999999999"),
        "sample: 9999",
        r"methodology\[0\]\.sample: 99,999,.* respondents is more than there are people",
    ),
    Case(
        "a leading zero is not YAML 1.1 octal",
        "data",
        sub("        value: 90\n", "        value: 0132\n"),
        "value: 0132",
        r"value: 132 is not a percentage",
    ),
    Case(
        "a line separator YAML reads as a line break",
        "data",
        sub("  subtitle: Synthèse d’étude", "  subtitle: Synthèse\u2028d’étude"),
        "subtitle: Synthèse",
        r"the character U\+2028 \(a line separator\), which YAML reads as a line break",
    ),
    Case(
        "bidirectional controls",
        "data",
        sub("  subtitle: Synthèse d’étude", '  subtitle: "Synthèse \u202ed’étude"'),
        "subtitle: ",
        r"bidirectional control characters in the text: U\+202E",
    ),
    Case(
        "a text of invisible characters only",
        "data",
        sub("  subtitle: Synthèse d’étude", '  subtitle: "\u200e\u2063"'),
        "subtitle: ",
        r"(invisible|bidirectional control)",
    ),
    Case(
        "nesting too deep, where it is",
        "data",
        sub("  subtitle: Synthèse d’étude", "  subtitle: " + "[" * 60 + "]" * 60),
        "subtitle: [[[",
        r"the file nests lists or mappings more than 40 deep",
    ),
    Case(
        "brackets in a text are text",
        "data",
        sub("  subtitle: Synthèse d’étude", "  subtitle: >-\n    " + "[" * 60 + "\n  titre: x"),
        "titre: x",
        r"unknown key 'titre'",
    ),
    Case(
        "poster given another size",
        "layout",
        sub("{template: poster, preset: poster}", "{template: poster, preset: square}"),
        "template: poster",
        r"infographics\[\d\]\.preset: the poster is one long image of its own size; remove `preset:`",
    ),
    Case(
        "layout named by the data file is a device",
        "data",
        sub("layout: ../layouts/default.yaml", "layout: /dev/zero"),
        "layout: /dev/zero",
        r"layout: layout file /dev/zero: not a regular file",
    ),
    Case(
        "unknown preset",
        "layout",
        sub("preset: square}", "preset: carre}"),
        "preset: carre",
        r"input should be 'newsletter', 'square', 'social', 'portrait' or 'poster'",
    ),
]


def _one_rank(text: str) -> str:
    start = text.index("          - id: temps\n")
    end = text.index("\n  - id: recommandation")
    return text[:start] + text[end + 1 :]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the example with one good build in ``out``, and its bytes for comparison."""
    root = tmp_path_factory.mktemp("project")
    (root / "data").mkdir()
    (root / "layouts").mkdir()
    shutil.copy(EXAMPLE, root / "data" / EXAMPLE.name)
    shutil.copy(LAYOUT, root / "layouts" / LAYOUT.name)
    (root / "layouts" / "default.yaml.png").write_text("not a picture")
    out = root / "out"
    result = CliRunner().invoke(main, ["build", str(root / "data" / EXAMPLE.name), "--out", str(out), "-q"])
    # a full build with images: a failed build must leave every kind of output as it was
    assert result.exit_code == 0, result.output
    (out / "my-notes.txt").write_text("a file deck did not write")
    return root, _snapshot(out)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_case_names_are_unique():
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, project, tmp_path: Path):
    root, before = project
    data = root / "data" / EXAMPLE.name
    layout = root / "layouts" / LAYOUT.name
    target = data if case.target == "data" else layout
    original = target.read_bytes()
    text = original.decode("utf-8")
    mutated = case.mutate(text)
    blob = case.raw(text) if case.raw else mutated.encode("utf-8")
    try:
        target.write_bytes(blob)
        result = CliRunner().invoke(main, ["build", str(data), "--out", str(root / "out"), "-q"])
    finally:
        target.write_bytes(original)
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "internal error" not in output
    assert "nothing was written" in output
    lines = [ln for ln in output.splitlines() if re.search(case.message, ln)]
    assert lines, f"no line matches {case.message!r}:\n{output}"
    if case.marker is not None:
        expected = mutated[: mutated.index(case.marker)].count("\n") + 1
        assert any(ln.startswith(f"{target}:{expected}:") for ln in lines), f"expected line {expected}:\n{output}"
    else:
        assert any(ln.startswith(f"{target}:") for ln in lines), output
    assert _snapshot(root / "out") == before, "a failed build changed the outputs"
