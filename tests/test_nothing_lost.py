"""The writer on its own, with small in-memory outputs: a failed or concurrent write never damages
what is already in the output folder. One test goes through a whole build."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLE

import deck
from deck.output.write import output_lock, write_outputs

OLD = {"study.pptx": b"old deck", "png/01-a.png": b"old a", "png/02-b.png": b"old b"}
NEW = {"study.pptx": b"new deck", "png/01-a.png": b"new a", "png/02-b.png": b"new b", "png/03-c.png": b"new c"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(out: Path, files: dict[str, bytes]) -> dict:
    with output_lock(out):
        return write_outputs(out, files, {"study": "study"})


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    _write(folder, OLD)
    (folder / "notes-of-mine.txt").write_text("not deck's")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in _snapshot(folder).items() if k not in ("manifest.json", ".deck.lock", "notes-of-mine.txt")}


def test_a_write_replaces_every_output_and_lists_it(out: Path):
    manifest = _write(out, NEW)
    assert _outputs(out) == NEW
    assert sorted(f["path"] for f in manifest["files"]) == sorted(NEW)
    assert (out / "notes-of-mine.txt").read_text() == "not deck's"


def test_a_full_disk_while_staging_changes_nothing(out: Path, monkeypatch: pytest.MonkeyPatch):
    before = _snapshot(out)
    real = Path.write_bytes
    calls = {"n": 0}

    def full(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(deck.OutputError, match="No space left on device.*previous outputs are as they were"):
        _write(out, NEW)
    monkeypatch.undo()
    assert _snapshot(out) == before


@pytest.mark.parametrize("step", range(1, 10))
@pytest.mark.parametrize("failure", [KeyboardInterrupt, PermissionError])
def test_an_interruption_at_any_move_puts_the_old_outputs_back(out: Path, monkeypatch, failure, step: int):
    before = _snapshot(out)
    real = os.replace
    calls = {"n": 0}

    def interrupted(src, dst):
        calls["n"] += 1
        if calls["n"] == step:
            raise failure(errno.EACCES, "file is open in another program") if failure is PermissionError else failure()
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises((deck.OutputError, KeyboardInterrupt)):
        _write(out, NEW)
    monkeypatch.undo()
    assert calls["n"] >= step  # the rollback moves files too
    assert _snapshot(out) == before
    assert not list(out.glob(".deck-staging-*"))


def test_a_second_build_at_the_same_time_is_refused(out: Path):
    before = _snapshot(out)
    with output_lock(out), pytest.raises(deck.OutputError, match="another deck build is writing to this folder"):
        _write(out, NEW)
    assert _snapshot(out) == before


def test_two_writers_in_threads_leave_one_complete_set(tmp_path: Path):
    out = tmp_path / "out"
    other = {name: blob.replace(b"new", b"other") for name, blob in NEW.items()}
    errors: list[Exception] = []
    start = threading.Barrier(2)

    def run(files: dict[str, bytes]) -> None:
        start.wait()
        try:
            _write(out, files)
        except deck.OutputError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(files,)) for files in (NEW, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _outputs(out) in (NEW, other)  # never a mix of the two
    assert all("another deck build" in str(e) for e in errors)


def test_a_file_deck_did_not_write_is_never_overwritten(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "study.pptx").write_bytes(b"my own deck")
    with pytest.raises(deck.OutputError, match="was not written by deck; move it away"):
        _write(out, NEW)
    assert (out / "study.pptx").read_bytes() == b"my own deck"
    assert sorted(p.name for p in out.iterdir()) == [".deck.lock", "study.pptx"]


def test_an_output_edited_by_hand_is_not_overwritten(out: Path):
    (out / "study.pptx").write_bytes(b"old deck, edited")
    before = _snapshot(out)
    with pytest.raises(deck.OutputError, match="was changed since deck wrote it"):
        _write(out, NEW)
    assert _snapshot(out) == before


def test_outputs_no_longer_made_are_removed_and_others_kept(out: Path):
    _write(out, {"study.pptx": b"new deck"})
    assert _outputs(out) == {"study.pptx": b"new deck"}
    assert not (out / "png").exists()
    assert (out / "notes-of-mine.txt").read_text() == "not deck's"


def test_a_staging_folder_left_by_a_killed_build_is_cleaned(out: Path):
    left = out / ".deck-staging-killed"
    (left / "new").mkdir(parents=True)
    (left / "new" / "half.png").write_bytes(b"half")
    _write(out, NEW)
    assert not left.exists()


def test_a_failing_build_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The whole build: an interruption while the deck and images are moved in changes nothing."""
    out = tmp_path / "out"
    deck.build(EXAMPLE, out=out, images=False)
    before = _snapshot(out)
    real = os.replace
    calls = {"n": 0}

    def interrupted(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        deck.build(EXAMPLE, out=out)
    monkeypatch.undo()
    assert _snapshot(out) == before
