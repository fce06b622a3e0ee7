"""A failed or concurrent build never damages what is already in the output folder."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLE

import deck
from deck.output.write import output_lock


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    deck.build(EXAMPLE, out=folder)
    (folder / "notes-of-mine.txt").write_text("not deck's")
    return folder


def test_a_full_disk_while_staging_changes_nothing(out: Path, monkeypatch: pytest.MonkeyPatch):
    before = _snapshot(out)
    real = Path.write_bytes
    calls = {"n": 0}

    def full(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(deck.OutputError, match="No space left on device.*previous outputs are as they were"):
        deck.build(EXAMPLE, out=out)
    monkeypatch.undo()
    assert _snapshot(out) == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, PermissionError])
def test_an_interruption_while_moving_files_puts_the_old_ones_back(out: Path, monkeypatch, failure):
    before = _snapshot(out)
    real = os.replace
    calls = {"n": 0}

    def interrupted(src, dst):
        calls["n"] += 1
        if calls["n"] == 16:  # after every old file was moved aside and a few new ones moved in
            raise failure(errno.EACCES, "file is open in another program") if failure is PermissionError else failure()
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises((deck.OutputError, KeyboardInterrupt)):
        deck.build(EXAMPLE, out=out)
    monkeypatch.undo()
    assert calls["n"] >= 16
    assert _snapshot(out) == before
    assert not list(out.glob(".deck-staging-*"))


def test_a_second_build_at_the_same_time_is_refused(out: Path):
    before = _snapshot(out)
    with output_lock(out), pytest.raises(deck.OutputError, match="another deck build is writing to this folder"):
        deck.build(EXAMPLE, out=out)
    assert _snapshot(out) == before


def test_two_builds_in_threads_do_not_interleave(tmp_path: Path):
    out = tmp_path / "out"
    errors: list[Exception] = []

    def run() -> None:
        try:
            deck.build(EXAMPLE, out=out)
        except deck.OutputError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fresh = deck.build(EXAMPLE, out=tmp_path / "reference")
    assert (out / fresh.deck.name).read_bytes() == fresh.deck.read_bytes()
    assert all("another deck build" in str(e) for e in errors)


def test_a_file_deck_did_not_write_is_never_overwritten(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "numerique-sante-2023.pptx"
    mine.write_bytes(b"my own deck")
    with pytest.raises(deck.OutputError, match="was not written by deck; move it away"):
        deck.build(EXAMPLE, out=out)
    assert mine.read_bytes() == b"my own deck"
    assert sorted(p.name for p in out.iterdir()) == [".deck.lock", "numerique-sante-2023.pptx"]


def test_a_deck_edited_by_hand_is_not_overwritten(out: Path):
    edited = out / "numerique-sante-2023.pptx"
    edited.write_bytes(edited.read_bytes() + b"edited")
    before = _snapshot(out)
    with pytest.raises(deck.OutputError, match="was changed since deck wrote it"):
        deck.build(EXAMPLE, out=out)
    assert _snapshot(out) == before


def test_files_deck_no_longer_makes_are_removed_and_others_kept(out: Path, tmp_path: Path):
    layout = tmp_path / "fewer.yaml"
    layout.write_text("infographics:\n  - {template: poster, preset: poster}\n")
    deck.build(EXAMPLE, layout, out=out)
    assert sorted(p.name for p in (out / "png").iterdir()) == ["poster.png"]
    assert (out / "notes-of-mine.txt").read_text() == "not deck's"


def test_a_staging_folder_left_by_a_killed_build_is_cleaned(out: Path):
    left = out / ".deck-staging-killed"
    (left / "new").mkdir(parents=True)
    (left / "new" / "half.png").write_bytes(b"half")
    deck.build(EXAMPLE, out=out)
    assert not left.exists()
