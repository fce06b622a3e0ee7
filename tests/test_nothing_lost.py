"""The writer on its own, with small in-memory outputs: whatever stops a write, and whatever the
output folder holds, no file of the user's or of an earlier build is lost or damaged.

The fault-injection tests stop the write after each file operation it makes, one run per
operation: by killing the process (as SIGKILL or a power cut would), by Ctrl-C, or by an error.
After the next build's recovery the folder must hold the complete old set or the complete new set,
and what deck printed must be true. One test goes through a whole build."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import signal
import stat
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLE

import deck
from deck.output.recovery import JOURNAL
from deck.output.signature import sign
from deck.output.write import MANIFEST, output_lock, write_outputs

OLD = {"study.pptx": b"old deck", "png/01-a.png": b"old a", "png/02-b.png": b"old b", "png/05-e.png": b"same e"}
NEW = {"study.pptx": b"new deck", "png/01-a.png": b"new a", "png/03-c.png": b"new c", "png/05-e.png": b"same e"}
MINE = {"notes-of-mine.txt": b"not deck's", "png/my-drawing.png": b"mine too"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".deck.lock"
    }


def _write(out: Path, files: dict[str, bytes]):
    with output_lock(out):
        return write_outputs(out, files, {"study": "study"})


def _outputs(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in _snapshot(folder).items() if k != MANIFEST and k not in MINE}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    _write(folder, OLD)
    for name, blob in MINE.items():
        (folder / name).write_bytes(blob)
    return folder


def _complete(folder: Path) -> str:
    """ "old" or "new" when the folder holds exactly one complete set (and the user's files), with
    nothing of deck's left over; fails otherwise."""
    snap = _snapshot(folder)
    assert {k: snap.get(k) for k in MINE} == MINE, "a file of the user's was lost or changed"
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".deck") and p.name != ".deck.lock"]
    assert not leftovers, f"left behind: {leftovers}"
    outputs = _outputs(folder)
    manifest = json.loads(snap[MANIFEST])
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == {k: hashlib.sha256(v).hexdigest() for k, v in outputs.items()}, "manifest and files disagree"
    assert outputs in (OLD, NEW), f"a mix of two builds: {sorted(outputs)}"
    return "old" if outputs == OLD else "new"


# --- the basics -----------------------------------------------------------------------------


def test_a_write_replaces_every_output_and_lists_it(out: Path):
    written = _write(out, NEW)
    assert _complete(out) == "new"
    assert sorted(f["path"] for f in written.manifest["files"]) == sorted(NEW)
    assert written.removed == ["png/02-b.png"]


def test_an_unchanged_output_keeps_its_bytes_and_its_date(out: Path):
    before = os.stat(out / "png/05-e.png").st_mtime_ns
    os.utime(out / "png/05-e.png", ns=(before - 10**9, before - 10**9))
    _write(out, NEW)
    assert os.stat(out / "png/05-e.png").st_mtime_ns == before - 10**9


def test_the_same_build_twice_moves_nothing(out: Path):
    _write(out, NEW)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    _write(out, NEW)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_a_full_disk_while_staging_changes_nothing(out: Path, monkeypatch: pytest.MonkeyPatch):
    before = _snapshot(out)
    real = os.fsync
    calls = {"n": 0}

    def full(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(deck.OutputError, match="No space left on device.*previous outputs are as they were") as err:
        _write(out, NEW)
    monkeypatch.undo()
    assert "None" not in str(err.value)
    assert _snapshot(out) == before
    assert _complete(out) == "old"


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


# --- trust nothing on disk ------------------------------------------------------------------


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


def test_an_edited_output_the_new_build_no_longer_makes_is_kept(out: Path):
    (out / "png/02-b.png").write_bytes(b"old b, retouched")
    written = _write(out, {"other.pptx": b"another id"})
    assert written.kept == ["png/02-b.png"] and "png/02-b.png" not in written.removed
    assert (out / "png/02-b.png").read_bytes() == b"old b, retouched"
    assert not (out / "study.pptx").exists()  # unchanged since deck wrote it: removed


def test_a_hand_made_manifest_removes_nothing(tmp_path: Path):
    """A manifest deck did not sign lists a thesis (with its right sha256) and a file through a
    link out of the folder: neither is touched, whatever the build makes."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "thesis.docx").write_bytes(b"three years of work")
    (elsewhere / "precious.txt").write_bytes(b"precious")
    (out / "link").symlink_to(elsewhere)
    files = [
        {"path": p, "sha256": hashlib.sha256(b).hexdigest()}
        for p, b in (("thesis.docx", b"three years of work"), ("link/precious.txt", b"precious"))
    ]
    for manifest in ({"files": files}, {"files": files, "signature": "hmac-sha256:" + "0" * 64}):
        (out / MANIFEST).write_text(json.dumps(manifest))
        with pytest.raises(deck.OutputError, match="manifest.json was not written by deck"):
            _write(out, NEW)
        assert (out / "thesis.docx").read_bytes() == b"three years of work"
        assert (elsewhere / "precious.txt").read_bytes() == b"precious"


def test_a_signed_manifest_cannot_reach_out_of_the_folder(tmp_path: Path):
    """Even a manifest with deck's signature (say, copied from another folder) names nothing
    outside the folder or through a link."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_bytes(b"precious")
    (out / "link").symlink_to(elsewhere)
    sha = hashlib.sha256(b"precious").hexdigest()
    manifest = {
        "study": "study",
        "files": [{"path": p, "sha256": sha} for p in ("link/precious.txt", "../elsewhere/precious.txt")],
    }
    manifest["signature"] = sign(manifest)
    (out / MANIFEST).write_text(json.dumps(manifest))
    written = _write(out, NEW)
    assert written.removed == [] and (elsewhere / "precious.txt").read_bytes() == b"precious"


def test_an_output_folder_link_in_the_way_is_refused(tmp_path: Path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "png").symlink_to(elsewhere)
    with pytest.raises(deck.OutputError, match="png/01-a.png is in the way"):
        _write(out, NEW)
    assert list(elsewhere.iterdir()) == []


def test_the_lock_file_never_follows_a_link_nor_empties_a_file(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    important = tmp_path / "important.txt"
    important.write_text("keep me")
    (out / ".deck.lock").symlink_to(important)
    with pytest.raises(deck.OutputError, match="lock file is never a link"):
        _write(out, NEW)
    assert important.read_text() == "keep me"
    (out / ".deck.lock").unlink()
    (out / ".deck.lock").write_text("a user's own file of that name")
    _write(out, NEW)
    assert (out / ".deck.lock").read_text() == "a user's own file of that name"


def test_a_staging_folder_left_by_a_killed_build_is_cleaned_and_no_other(out: Path):
    left = out / ".deck-staging-killed"
    (left / "new").mkdir(parents=True)
    (left / ".deck-staging").write_text("")
    (left / "new" / "half.png").write_bytes(b"half")
    foreign = out / ".deck-staging-of-mine"
    foreign.mkdir()
    (foreign / "kept.txt").write_text("no mark: not deck's")
    _write(out, NEW)
    assert not left.exists()
    assert (foreign / "kept.txt").read_text() == "no mark: not deck's"


def test_a_damaged_journal_stops_the_build_and_touches_nothing(out: Path):
    (out / JOURNAL).write_text("{not json")
    before = _snapshot(out)
    with pytest.raises(deck.OutputError, match="is damaged or not deck's"):
        _write(out, NEW)
    assert _snapshot(out) == before


# --- fault injection --------------------------------------------------------------------------


def _stopped(out: Path, mode: str, stop_at: int, keep_edited: bool = False) -> tuple[str, int]:
    """Runs one write of NEW over OLD in a forked process and stops it at its Nth file operation.

    Returns what deck would tell its user ("new": the write completed; "interrupted-new" or
    "interrupted-old": Ctrl-C, and what deck said of the folder; "error-old" or "error-recover";
    "" when killed) and how many operations the run made."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read)
        count = 0

        def report(text: str) -> None:
            os.write(write, f"{text}\n{count}".encode())
            os._exit(0)

        def watched(real):
            def op(*args, **kwargs):
                nonlocal count
                count += 1
                if count == stop_at and mode == "error":
                    raise OSError(errno.EIO, "Input/output error")
                try:
                    return real(*args, **kwargs)
                finally:
                    if count == stop_at:
                        if mode == "kill":
                            os._exit(9)
                        os.kill(os.getpid(), signal.SIGINT)

            return op

        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            with output_lock(out):
                for name in ("replace", "rename", "unlink", "rmdir", "mkdir", "fsync", "link"):
                    setattr(os, name, watched(getattr(os, name)))
                try:
                    write_outputs(out, NEW, {"study": "study"}, keep_edited=keep_edited)
                    report("new")
                except KeyboardInterrupt as exc:
                    report("interrupted-new" if getattr(exc, "written", False) else "interrupted-old")
                except deck.OutputError as exc:
                    text = str(exc)
                    report(
                        "error-recover" if "deck recover" in text else "error-old" if "as they were" in text else text
                    )
        finally:
            os._exit(1)
    os.close(write)
    with os.fdopen(read) as pipe:
        said = pipe.read()
    os.waitpid(pid, 0)
    if not said:
        return "", stop_at
    text, ops = said.rsplit("\n", 1)
    return text, int(ops)


@pytest.mark.parametrize("mode", ["kill", "sigint", "error"])
def test_a_write_stopped_after_any_file_operation_loses_nothing(out: Path, tmp_path: Path, mode: str):
    """Stops the write at operation 1, 2, 3… until one run completes; after each, the next build's
    recovery must leave one complete set, the one deck said, and the next write must succeed."""
    import shutil

    template = tmp_path / "template"
    shutil.copytree(out, template, symlinks=True)
    seen: dict[str, int] = {}
    step = 0
    while True:
        step += 1
        assert step < 400, "the write never completed"
        folder = tmp_path / f"run-{step}"
        shutil.copytree(template, folder, symlinks=True)
        said, ops = _stopped(folder, mode, step)
        with output_lock(folder) as recovered:  # as the next build does
            pass
        state = _complete(folder)
        seen[said] = seen.get(said, 0) + 1
        if said in ("new", "interrupted-new"):
            assert state == "new", f"step {step}: deck said {said}, the folder holds the {state} set"
        elif said in ("interrupted-old", "error-old"):
            assert state == "old" and not recovered, f"step {step}: deck said {said}; {state}; {recovered!r}"
        elif said == "":  # killed: no word printed, either set will do once recovered
            pass
        else:
            assert said == "error-recover", f"step {step}: {said}"
        _write(folder, NEW)  # the next build is never blocked by the stopped one
        assert _complete(folder) == "new"
        shutil.rmtree(folder)
        if ops < step:  # the write finished before reaching this operation: every step was tried
            break
    print(mode, step, seen)
    assert step > 15, f"only {step} operations: the stopper does not see the write's operations"
    if mode == "sigint":
        assert seen.get("interrupted-old") and seen.get("interrupted-new"), seen  # both sides of the swap were hit


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


@pytest.mark.parametrize("where", [".deck.lock", "study.pptx", "png/01-a.png", MANIFEST])
def test_a_pipe_in_the_output_folder_never_blocks_the_build(out: Path, where: str):
    """A FIFO where deck reads or writes: a located refusal (or, for the lock, a message), never a hang."""
    (out / where).unlink()
    os.mkfifo(out / where)
    if where == ".deck.lock":
        with pytest.raises(deck.OutputError, match=r"\.deck\.lock is not a regular file"):
            _write(out, NEW)
    else:
        with pytest.raises(deck.OutputError, match=f"{where} (is in the way|was not written by deck)"):
            _write(out, NEW)
    assert stat.S_ISFIFO(os.lstat(out / where).st_mode)


def test_a_huge_file_in_the_output_folder_is_not_read(out: Path):
    """An 8 GB sparse file named like an output: refused at once, without reading it."""
    with open(out / MANIFEST, "wb") as handle:
        handle.truncate(8 << 30)
    with pytest.raises(deck.OutputError, match="manifest.json was not written by deck"):
        _write(out, NEW)
    assert (out / MANIFEST).stat().st_size == 8 << 30


def test_keep_edited_moves_the_edited_output_aside_and_builds(out: Path):
    (out / "study.pptx").write_bytes(b"old deck, edited")
    written = _write_keeping(out, NEW)
    assert (out / "study.pptx").read_bytes() == b"new deck"
    [(name, aside)] = written.set_aside
    assert name == "study.pptx" and re.fullmatch(r"study\.edited-\d{8}-\d{6}\.pptx", aside)
    assert (out / aside).read_bytes() == b"old deck, edited"
    names = sorted(p.name for p in out.iterdir() if p.name.startswith("study"))
    assert names == [aside, "study.pptx"]  # side by side
    again = _write_keeping(out, NEW)  # the copy set aside is the user's now: never touched again
    assert again.set_aside == [] and (out / aside).read_bytes() == b"old deck, edited"


def _write_keeping(out: Path, files: dict[str, bytes]):
    with output_lock(out):
        return write_outputs(out, files, {"study": "study"}, keep_edited=True)


def test_keep_edited_stopped_at_any_operation_loses_nothing(out: Path, tmp_path: Path):
    """As above, killed after each file operation: after recovery, either the edited deck is in
    place and nothing else of deck's, or the new set is complete and the edited copy is beside it."""
    import shutil

    (out / "study.pptx").write_bytes(b"old deck, edited")
    template = tmp_path / "template"
    shutil.copytree(out, template, symlinks=True)
    step = 0
    states = set()
    while True:
        step += 1
        assert step < 400
        folder = tmp_path / f"run-{step}"
        shutil.copytree(template, folder, symlinks=True)
        said, ops = _stopped(folder, "kill", step, keep_edited=True)
        with output_lock(folder):
            pass
        copies = [p for p in folder.iterdir() if ".edited-" in p.name]
        deck_now = (folder / "study.pptx").read_bytes()
        if deck_now == b"old deck, edited":
            assert copies == [], step
            states.add("old")
        else:
            assert deck_now == b"new deck" and [c.read_bytes() for c in copies] == [b"old deck, edited"], step
            assert _outputs(folder) == {**NEW, copies[0].name: b"old deck, edited"}
            states.add("new")
        assert {k: (folder / k).read_bytes() for k in MINE} == MINE
        shutil.rmtree(folder)
        if ops < step:
            break
    assert states == {"old", "new"}


@pytest.mark.parametrize("step", [20, 30, 40])
def test_a_killed_write_whose_staging_folder_was_deleted_keeps_the_complete_set(out: Path, tmp_path: Path, step: int):
    """Killed mid-swap, then someone deletes the hidden staging folder: the old copies are gone, so
    recovery completes the new set when it is whole in place, and never deletes it."""
    import shutil

    said, _ = _stopped(out, "kill", step)
    for folder in out.glob(".deck-staging-*"):
        shutil.rmtree(folder)
    try:
        with output_lock(out) as recovered:
            pass
    except deck.OutputError as error:  # neither set whole: said, and nothing more removed
        assert "check them by hand" in str(error)
        assert (out / JOURNAL).exists()
        return
    state = _complete(out)
    if said == "" and "staging folder deleted" in recovered:
        assert state == "new"


def test_a_forged_journal_is_never_replayed(out: Path):
    """A journal deck did not sign, listing a user's file as a new output to roll back: refused,
    the file untouched."""
    import hashlib

    mine = (out / "notes-of-mine.txt").read_bytes()
    journal = {
        "deck-journal": 1,
        "staging": ".deck-staging-forged",
        "state": "moving",
        "entries": [{"path": "notes-of-mine.txt", "old": None, "new": hashlib.sha256(mine).hexdigest()}],
    }
    (out / JOURNAL).write_text(json.dumps(journal))
    with pytest.raises(deck.OutputError, match="is damaged or not deck's"):
        _write(out, NEW)
    assert (out / "notes-of-mine.txt").read_bytes() == mine


@pytest.mark.parametrize("what", ["fifo", "folder", "deep"])
def test_odd_files_at_deck_s_own_names_stop_with_a_message(out: Path, what: str):
    """A pipe as the journal, a folder as the journal's draft, a manifest nested 100,000 deep:
    a message (or a refusal to trust), never a hang or a crash."""
    if what == "fifo":
        os.mkfifo(out / JOURNAL)
        with pytest.raises(deck.OutputError, match="is damaged or not deck's"):
            _write(out, NEW)
    elif what == "folder":
        (out / (JOURNAL + ".part")).mkdir()
        with pytest.raises(deck.OutputError, match="is in the way"):
            _write(out, NEW)
    else:
        (out / MANIFEST).write_text("[" * 100_000)
        with pytest.raises(deck.OutputError, match="manifest.json was not written by deck"):
            _write(out, NEW)


def test_a_file_deck_cannot_read_is_never_overwritten(out: Path, monkeypatch: pytest.MonkeyPatch):
    """A file at an output's name that deck may not read (mode 000 for a plain user; simulated here,
    since the tests may run as root): deck cannot tell whose it is, so it stops."""
    from deck.output import write

    real = write.file_sha
    monkeypatch.setattr(write, "file_sha", lambda path: None if path.name == "study.pptx" else real(path))
    before = _snapshot(out)
    with pytest.raises(deck.OutputError, match="study.pptx cannot be read"):
        _write(out, NEW)
    monkeypatch.undo()
    assert _snapshot(out) == before


def test_a_signing_key_that_is_not_one_stops_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from deck.output import signature

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "deck").mkdir(parents=True)
    (tmp_path / "config" / "deck" / "signing-key").write_bytes(b"short")
    signature.signing_key.cache_clear()
    try:
        with pytest.raises(deck.OutputError, match="which is not such a key"):
            signature.signing_key()
        (tmp_path / "config" / "deck" / "signing-key").unlink()
        (tmp_path / "config" / "deck" / "signing-key").symlink_to(tmp_path / "elsewhere")
        with pytest.raises(deck.OutputError, match="cannot be read"):
            signature.signing_key()
    finally:
        signature.signing_key.cache_clear()
