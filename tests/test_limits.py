"""Large inputs: a study of hundreds of sections is laid out in images of sane size, and inputs
beyond deck's limits are refused with a located message, not a crash or a memory blow-up."""

from __future__ import annotations

from pathlib import Path

import yaml

from deck.layout.plan import POSTER_MAX_HEIGHT
from deck.output.manifest import PIXELS_PER_POINT
from deck.pipeline import compose, load
from deck.scene import Scene, Text


def _words(scene: Scene) -> str:
    return " ".join(p for e in scene.elements if isinstance(e, Text) for p in e.paragraphs)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: object) -> bool:
        return True


def _study(tmp_path: Path, sections: int) -> Path:
    data = {
        "study": {"id": "big", "title": "A large barometer", "locale": "en", "institutes": ["Institute"]},
        "methodology": [{"kind": "quantitative", "institute": "Institute", "sample": 1000, "mode": "online"}],
        "sections": [
            {
                "id": f"q{n}",
                "title": f"Question {n}",
                "items": [{"kind": "stat", "id": f"q{n}-a", "value": n % 100, "unit": "%", "label": f"answer {n}"}],
            }
            for n in range(1, sections + 1)
        ],
    }
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    layout = tmp_path / "poster-only.yaml"
    layout.write_text("infographics:\n  - {template: poster}\n")
    return path


def test_a_long_poster_is_cut_into_pages_that_show_every_section(tmp_path: Path):
    data = _study(tmp_path, 80)
    composed = compose(load(data, tmp_path / "poster-only.yaml"))
    pages = composed.images
    assert [p.path for p in pages] == [f"png/poster-{k}.png" for k in range(1, len(pages) + 1)]
    assert len(pages) >= 3
    assert all(p.scene.height <= POSTER_MAX_HEIGHT for p in pages)
    assert all(p.scene.height > 0.9 * POSTER_MAX_HEIGHT for p in pages[:-1])  # filled, not cut short
    assert max(p.scene.height for p in pages) * PIXELS_PER_POINT["poster"] <= 15_000
    shown = [fid for p in pages for fid, _, _ in p.scene.figures]
    assert shown == [f"q{n}-a" for n in range(1, 81)]  # every section once, in order
    assert ["Methodology" in _words(p.scene) for p in pages] == [False] * (len(pages) - 1) + [True]
    assert all("A large barometer" in _words(p.scene) for p in pages)


def test_a_short_poster_stays_one_image(tmp_path: Path):
    data = _study(tmp_path, 3)
    composed = compose(load(data, tmp_path / "poster-only.yaml"))
    assert [p.path for p in composed.images] == ["png/poster.png"]


def test_a_study_beyond_the_limits_is_a_located_error_not_a_long_wait(tmp_path: Path):
    import pytest

    from deck.errors import InputError
    from deck.inputs.study import MAX_ITEMS, MAX_SECTIONS

    path = _study(tmp_path, 2)
    data = yaml.safe_load(path.read_text())
    two = data["sections"]
    data["sections"] = two * ((MAX_SECTIONS + 1) // 2 + 1)
    path.write_text(yaml.dump(data, Dumper=_NoAliases))
    with pytest.raises(InputError) as error:
        load(path)
    hint = "split the study into several data files, one deck each"
    assert [str(p) for p in error.value.problems] == [
        f"{path}:6:1: sections: {MAX_SECTIONS + 2} entries, more than the {MAX_SECTIONS} one of these can hold; {hint}"
    ]
    data["sections"] = [two[0], dict(two[1], items=two[1]["items"] * (MAX_ITEMS + 1))]
    path.write_text(yaml.dump(data, Dumper=_NoAliases))
    with pytest.raises(InputError) as error:
        load(path)
    assert [p.path for p in error.value.problems] == ["sections[1].items"]
    assert f"{MAX_ITEMS + 1} entries, more than the {MAX_ITEMS}" in str(error.value)


def test_a_jpeg_of_thousands_of_scans_is_refused_before_decoding(tmp_path: Path):
    """A progressive JPEG bomb: each scan is a pass over the whole picture (a 5 MB one took 9 minutes)."""
    import io

    from PIL import Image

    from deck.inputs.assets import check_picture
    from deck.inputs.source import SourceMap

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, "JPEG", progressive=True)
    blob = buffer.getvalue()
    (tmp_path / "ok.jpg").write_bytes(blob)
    (tmp_path / "bomb.jpg").write_bytes(blob[:-2] + b"\xff\xda\x00\x02" * 500 + b"\xff\xd9")
    src = SourceMap(tmp_path / "layout.yaml")
    assert check_picture("ok.jpg", tmp_path, src, ("theme", "logo"))[1] == []
    picture, problems = check_picture("bomb.jpg", tmp_path, src, ("theme", "logo"))
    assert picture is None and "is a JPEG of 5" in problems[0].message and "scans" in problems[0].message


LARGE_CHECK = """
import json, sys, yaml
from pathlib import Path
import deck
from bench.studies import study
from deck.layout import compose as layout

folder = Path(sys.argv[1])
data = study(300)
(folder / "layout.yaml").write_text("infographics: []\\n", encoding="utf-8")
path = folder / "study.yaml"
tried = []
real = layout.slides_fit
layout.slides_fit = lambda *args: (lambda fit: tried.append(fit[0]) or fit)(real(*args))
path.write_text(yaml.safe_dump({**data, "layout": "layout.yaml"}, allow_unicode=True), encoding="utf-8")
valid = deck.check(path) == ()
title = data["sections"][200]["title"]
data["sections"][200]["title"] = "Un titre beaucoup trop long pour une diapositive " * 12
path.write_text(yaml.safe_dump({**data, "layout": "layout.yaml"}, allow_unicode=True), encoding="utf-8")
try:
    deck.check(path)
    problems = []
except deck.FitError as error:
    problems = [p.path for p in error.problems]
data["sections"][200]["title"] = title
data["sections"][250]["items"][1]["base"] = {"size": 60}  # a warning about the study's meaning
path.write_text(yaml.safe_dump({**data, "layout": "layout.yaml"}, allow_unicode=True), encoding="utf-8")
warnings = [[p.path, p.code] for p in deck.check(path)]
data["sections"][270]["items"][2]["id"] = "q3-0"  # and an error
path.write_text(yaml.safe_dump({**data, "layout": "layout.yaml"}, allow_unicode=True), encoding="utf-8")
try:
    deck.check(path)
    errors = []
except deck.InputError as error:
    errors = [[p.path, p.code, p.severity] for p in error.problems]
print(json.dumps({"valid": valid, "tried": tried, "problems": problems, "warnings": warnings, "errors": errors}))
"""


def test_a_large_study_is_checked_on_every_core_and_reported_as_on_one(tmp_path):
    """`deck check` of a study of hundreds of slides tries them on every core (in a process of its
    own: forking needs one without threads); a text that does not fit is then reported exactly as
    a one-by-one layout reports it, and so are the study's problems of meaning, found meanwhile."""
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", LARGE_CHECK, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout)
    several = (os.cpu_count() or 1) > 1
    assert found["valid"] and found["problems"] == ["sections[200].title"]
    assert found["tried"] == [several, False, several, several]
    # the study's meaning is checked while the slides are laid out, and reported as on its own
    assert found["warnings"] == [["sections[250].items[1].base", "small-base"]]
    assert ["sections[270].items[2].id", "", "error"] in found["errors"]
