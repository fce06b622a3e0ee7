"""The data-update loop: a rebuild says what changed since the previous build in the folder, draws
again only what shows a change, and never touches another study's outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

import deck
from deck.cli import main

STUDY = ROOT / "data" / "examples" / "dnr-2021-finland.yaml"


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".deck.lock"
    }


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("loop") / "out"
    return deck.build(STUDY, out=out), out


def _changed_copy(first, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the first build's folder, and the study with one figure changed (18 → 21)."""
    import shutil

    folder = tmp_path / "out"
    shutil.copytree(first[1], folder)
    changed = tmp_path / "study.yaml"
    changed.write_text(STUDY.read_text(encoding="utf-8").replace("value: 18\n", "value: 21\n"), encoding="utf-8")
    return folder, changed


def test_a_rebuild_with_nothing_changed_draws_nothing_and_changes_no_byte(first):
    result, out = first
    assert result.changes is None  # the first build in a folder has nothing to compare with
    slides = {f"{result.deck.name}#{i}" for i in range(1, result.slide_count + 1)}
    assert set(result.rendered) == slides | {str(p.relative_to(out)) for p in result.images}
    before = _files(out)
    again = deck.build(STUDY, out=out)
    assert again.rendered == () and again.changes == []
    after = _files(out)
    # the deck and images keep their bytes and dates; the manifest now records "no change"
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }
    third = deck.build(STUDY, out=out)
    assert third.rendered == () and third.changes == [] and _files(out) == after  # byte for byte, dates too


def test_one_figure_changed_is_reported_and_only_what_shows_it_is_drawn(first, tmp_path: Path):
    folder, changed = _changed_copy(first, tmp_path)
    result = deck.build(changed, out=folder)
    figures = [c for c in result.changes if c["kind"] == "figure"]
    assert figures == [
        {
            "kind": "figure",
            "id": "trust-social",
            "section": "social-and-search",
            "label": "Trust news in social media",
            "old": 18,
            "new": 21,
            "unit": "%",
        }
    ]
    assert not [c for c in result.changes if c["kind"] in ("text", "sign")]
    slides = [c for c in result.changes if c["kind"] == "slide"]
    assert slides and all(c["section"] == "social-and-search" for c in slides)
    images = sorted(c["path"] for c in result.changes if c["kind"] == "image")
    assert images and all("social-and-search" in p or "poster" in p for p in images)
    assert sorted(p for p in result.rendered if p.endswith(".png")) == images  # only those drawn again
    changed_slides = sorted(f"{result.deck.name}#{c['index']}" for c in slides)
    assert sorted(p for p in result.rendered if "#" in p) == changed_slides  # the deck's other slides reused
    assert result.manifest["changes"] == result.changes
    cold = deck.build(changed, out=tmp_path / "cold", images=False)
    assert cold.deck.read_bytes() == result.deck.read_bytes()  # reused slides give the cold build's bytes


def test_diff_between_two_data_files(tmp_path: Path):
    changed = tmp_path / "study.yaml"
    text = STUDY.read_text(encoding="utf-8").replace("{value: 16, year: 2020}", "{value: 20, year: 2020}")
    changed.write_text(text.replace("said they trust news in social media.", "trust news in social media."))
    result = CliRunner().invoke(main, ["diff", str(STUDY), str(changed)])
    assert result.exit_code == 0, result.output
    assert (
        "figure trust-social@2020 (social-and-search, “Trust news in social media (2020)”): 16 % → 20 %"
        in result.output
    )
    assert "change of trust-social@2020 (social-and-search) turned round: +2 pts → −2 pts" in result.output
    assert "text sections[1].items[0].label edited" in result.output
    same = CliRunner().invoke(main, ["diff", str(STUDY), str(STUDY)])
    assert same.output.strip() == f"no change from {STUDY} to {STUDY}"
    as_json = CliRunner().invoke(main, ["diff", "--json", str(STUDY), str(changed)])
    import json

    assert {c["kind"] for c in json.loads(as_json.output)} == {"figure", "sign", "text"}


def test_another_study_in_the_folder_is_never_replaced_without_asking(first, tmp_path: Path):
    import shutil

    _, out = first
    folder = tmp_path / "out"
    shutil.copytree(out, folder)
    before = _files(folder)
    other = ROOT / "data" / "examples" / "insee-bilan-demographique-2023.yaml"
    result = CliRunner().invoke(main, ["build", str(other), "--out", str(folder), "-q"])
    assert result.exit_code == 3
    assert "holds the outputs of another study ('dnr-2021-finland')" in result.output
    assert "--replace" in result.output
    assert _files(folder) == before
    replaced = deck.build(other, out=folder, images=False, replace=True)
    assert replaced.manifest["study"] == "insee-bilan-demographique-2023"
    assert not (folder / "dnr-2021-finland.pptx").exists()


def test_watch_rebuilds_on_every_save_and_survives_a_mistake(tmp_path: Path):
    import contextlib
    import queue
    import signal
    import subprocess
    import sys
    import threading
    import time

    data = tmp_path / "study.yaml"
    data.write_text(STUDY.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "deck", "watch", str(data), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    seen: list[str] = []

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 60
        while not any(text in line for line in seen):
            assert time.monotonic() < deadline, seen
            with contextlib.suppress(queue.Empty):
                seen.append(lines.get(timeout=1))

    try:
        wait_for("watching")
        current = "18"
        for value, expect in (("21", "18 % → 21 %"), ("2100", "2100 is not a percentage"), ("22", "21 % → 22 %")):
            seen.clear()
            text = data.read_text(encoding="utf-8")
            data.write_text(text.replace(f"value: {current}\n", f"value: {value}\n", 1), encoding="utf-8")
            current = value
            wait_for(expect)
            wait_for("watching")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    time.sleep(0.2)
    rest = "".join(iter(lambda: lines.get_nowait() if not lines.empty() else "", ""))
    assert "stopped watching" in "".join(seen) + rest
    assert "Traceback" not in "".join(seen) + rest


def test_only_rebuilds_one_image_or_one_section_and_leaves_the_rest(first, tmp_path: Path):
    folder, changed = _changed_copy(first, tmp_path)
    before = _files(folder)
    one = deck.build(changed, out=folder, only="png/poster.png")
    after = _files(folder)
    assert one.rendered == ("png/poster.png",)
    assert {k for k in after if after[k] != before[k]} == {"png/poster.png", "manifest.json"}
    section = deck.build(changed, out=folder, only="social-and-search")
    assert set(section.rendered) == {"dnr-2021-finland.pptx#3", "png/02-social-and-search.png"}
    assert [c["id"] for c in section.changes if c["kind"] == "figure"] == ["trust-social"]
    assert _files(folder)["png/01-trust.png"] == before["png/01-trust.png"]
    result = CliRunner().invoke(main, ["build", str(changed), "--out", str(folder), "--only", "socail-and-search"])
    assert result.exit_code == 2 and "did you mean 'social-and-search'?" in result.output


def test_the_deck_alone_leaves_the_images_in_place(first, tmp_path: Path):
    folder, changed = _changed_copy(first, tmp_path)
    before = _files(folder)
    result = CliRunner().invoke(main, ["build", str(changed), "--out", str(folder), "--no-images", "-q"])
    assert result.exit_code == 0, result.output
    after = _files(folder)
    assert {k for k in after if after[k] != before[k]} == {"dnr-2021-finland.pptx", "manifest.json"}
    assert "4 slides (1 rendered, 3 unchanged)" in result.output


def test_nothing_changed_is_known_without_loading_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A rebuild whose data, layout, tables and pictures are byte for byte those of the previous
    build, with the same options and the same deck, reads no input: the previous manifest says what
    they were. Any difference (an input, an option, an output edited) means a real build."""
    import deck.pipeline

    study = tmp_path / "study.yaml"
    study.write_text(STUDY.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    first = deck.build(study, out=out, images=False)
    loads: list[Path] = []
    real = deck.pipeline.load

    def counted(data, layout=None):
        loads.append(data)
        return real(data, layout)

    monkeypatch.setattr(deck.pipeline, "load", counted)
    second = deck.build(study, out=out, images=False)
    third = deck.build(study, out=out, images=False)
    assert loads == [] and second.changes == third.changes == []
    assert third.warnings == first.warnings and third.deck.read_bytes() == first.deck.read_bytes()
    deck.build(study, out=out)  # another option: images too
    assert len(loads) == 1
    study.write_text(study.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    deck.build(study, out=out)  # the same figures, but the file changed: it is read again
    assert len(loads) == 2
    (out / first.deck.name).write_bytes(b"edited by hand")
    with pytest.raises(deck.OutputError):
        deck.build(study, out=out)  # an edited output is never taken for "nothing changed"
    assert len(loads) == 3


def test_a_file_saved_during_a_build_is_a_change_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The manifest keeps the sha256 of the bytes the build read, not of the file at the end: a
    save that lands while a build runs is built by the next one (as `deck watch` saves do)."""
    import deck.pipeline

    study = tmp_path / "study.yaml"
    study.write_text(STUDY.read_text(encoding="utf-8"), encoding="utf-8")
    real = deck.pipeline.compose

    def saved_meanwhile(*args, **kwargs):
        study.write_text(STUDY.read_text(encoding="utf-8").replace("value: 18\n", "value: 21\n"), encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(deck.pipeline, "compose", saved_meanwhile)
    deck.build(study, out=tmp_path / "out", images=False)
    monkeypatch.setattr(deck.pipeline, "compose", real)
    again = deck.build(study, out=tmp_path / "out", images=False)
    assert [(c["old"], c["new"]) for c in again.changes if c["kind"] == "figure"] == [(18, 21)]


def test_a_table_behind_a_link_pointed_elsewhere_is_read_again(tmp_path: Path):
    """Inputs are recorded by the path the build opened, so a link pointed at another file is a change."""
    (tmp_path / "a.csv").write_text("question,2023\nTrust,18\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("question,2023\nTrust,21\n", encoding="utf-8")
    (tmp_path / "results.csv").symlink_to("a.csv")
    text = STUDY.read_text(encoding="utf-8").replace(
        "value: 18\n", 'value: {table: results.csv, row: Trust, column: "2023"}\n'
    )
    study = tmp_path / "study.yaml"
    study.write_text(text, encoding="utf-8")
    before = deck.build(study, out=tmp_path / "out", images=False).deck.read_bytes()
    (tmp_path / "results.csv").unlink()
    (tmp_path / "results.csv").symlink_to("b.csv")
    again = deck.build(study, out=tmp_path / "out", images=False)
    assert [(c["old"], c["new"]) for c in again.changes if c["kind"] == "figure"] == [(18, 21)]
    assert again.deck.read_bytes() != before


def test_a_region_changed_is_in_every_slide(tmp_path: Path):
    """The language tag every text run carries (fr-FR, fr-BE) is part of each slide's digest."""
    study = tmp_path / "study.yaml"
    text = STUDY.read_text(encoding="utf-8")
    study.write_text(text, encoding="utf-8")
    deck.build(study, out=tmp_path / "out", images=False)
    locale = next(line for line in text.splitlines() if line.strip().startswith("locale:"))
    study.write_text(text.replace(locale, locale.split(":")[0] + ": en_US"), encoding="utf-8")
    again = deck.build(study, out=tmp_path / "out", images=False)
    cold = deck.build(study, out=tmp_path / "cold", images=False)
    assert again.deck.read_bytes() == cold.deck.read_bytes()


def test_ctrl_c_after_the_outputs_are_in_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import deck.cli

    def interrupted_while_printing(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(deck.cli, "summary", interrupted_while_printing)
    result = CliRunner().invoke(main, ["build", str(STUDY), "--out", str(tmp_path / "out"), "--no-images", "-q"])
    assert result.exit_code == 130
    assert "the new outputs had been moved in and are complete" in result.output
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_the_libraries_versions_in_the_build_key_are_the_installed_ones():
    from importlib.metadata import version

    from deck.output.fingerprint import LIBRARIES, installed, normal

    found = installed()
    assert {library: found.get(normal(library)) for library in LIBRARIES} == {
        library: version(library) for library in LIBRARIES
    }
    assert version("deck") == deck.__version__  # the version in the key of how pages are drawn


def test_the_manifest_of_the_largest_study_is_read_back(tmp_path):
    """A study as large as a data file may be (10,000 questions and more) is rebuilt like any other:
    its manifest, which lists every figure, is not taken for a foreign file for its size."""
    import yaml

    from bench.studies import LAYOUT, study
    from deck.inputs.source import MAX_BYTES
    from deck.output.previous import MANIFEST_LARGEST, previous_manifest

    data = tmp_path / "large.yaml"
    data.write_text(yaml.safe_dump(study(300), allow_unicode=True), encoding="utf-8")
    (tmp_path / "layout.yaml").write_text(LAYOUT, encoding="utf-8")
    deck.build(data, tmp_path / "layout.yaml", out=tmp_path / "out", images=False)
    manifest = tmp_path / "out" / "manifest.json"
    per_byte = manifest.stat().st_size / data.stat().st_size
    assert per_byte * MAX_BYTES * 2 < MANIFEST_LARGEST  # the largest data file's, with a list of changes
    assert previous_manifest(tmp_path / "out") is not None
