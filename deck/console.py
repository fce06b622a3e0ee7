"""What the command line says: every line escaped, errors as located lines, the build's summary and
its change report, an interrupt or a bug in one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from deck.errors import DeckError, InputError, Problem, printable

if TYPE_CHECKING:
    from deck.pipeline import BuildResult

FINISHED: list[bool] = []  # set by a command that has said all and has nothing left to write or close


def say(text: object, colour: str | None = None, err: bool = True) -> None:
    """One line to the terminal, with every control or invisible character escaped: nothing a
    file contains can move the cursor, set the window title or fake a line of deck's own."""
    click.secho(printable(str(text)), fg=colour, err=err)


def fail(error: DeckError) -> None:
    explain(error)
    sys.exit(error.exit_code)


def explain(error: DeckError) -> None:
    if isinstance(error, InputError):
        warn(tuple(error.warnings))
        for problem in error.problems:
            say(problem, "red")
        count = len(error.problems)
        say(f"{count} problem{'s' * (count != 1)} found; nothing was written.")
    else:
        say(error, "red")


def warn(warnings: tuple[Problem, ...]) -> None:
    for warning in warnings:
        say(warning, "yellow")


def caused_by_interrupt(exc: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def interrupted(exc: BaseException) -> NoReturn:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while this is said changes nothing
    if getattr(exc, "written", False):
        say("interrupted; the new outputs had been moved in and are complete", "red")
    else:
        say("interrupted; nothing was written: the previous outputs are as they were", "red")
    sys.exit(130)


def bug_report() -> str:
    """The traceback, in one file per user that each report replaces (they never pile up)."""
    import os
    import traceback

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "deck" / "last-error.txt"
    details = traceback.format_exc()
    frame = traceback.extract_tb(sys.exc_info()[2])[-1]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".last-error-{os.getpid()}.txt")
        draft.write_text(details, encoding="utf-8")
        draft.replace(path)
        return f"Details: {path}"
    except OSError:
        return f"At {Path(frame.filename).name}:{frame.lineno} ({frame.name})."


def summary(result: BuildResult, out: Path, review: bool = False) -> None:
    warn(result.warnings)
    if result.recovered:
        say(result.recovered, "yellow")
    for name in result.kept:
        say(f"{out / name}: kept, although this build no longer makes it: it was changed since deck wrote it", "yellow")
    for name, aside in result.set_aside:
        say(f"{out / name}: your edited copy is now {out / aside}", "yellow")
    drawn = [name for name in result.rendered if "#" in name]
    images = len(result.rendered) - len(drawn) - (result.deck.name in result.rendered)
    say(f"{result.deck}  {result.slide_count} slides{_drawn(len(drawn), result.slide_count)}", err=False)
    folders = sorted({image.parent.name for image in result.images} or {"png"})
    for folder in folders:  # png, svg
        count = sum(1 for image in result.images if image.parent.name == folder)
        drawn_here = sum(1 for name in result.rendered if name.startswith(folder + "/"))
        say(f"{out / folder}  {count} images{_drawn(drawn_here if len(folders) > 1 else images, count)}", err=False)
    for name in result.removed:
        say(f"{out / name}  removed: this build no longer makes it", err=False)
    say(f"{out / 'manifest.json'}", err=False)
    if result.deck.with_suffix(".pdf").is_file() and any(f["path"].endswith(".pdf") for f in result.manifest["files"]):
        say(f"{result.deck.with_suffix('.pdf')}", err=False)
    if review:
        say(f"{out / 'review.html'}", err=False)
    report(result.changes, f"since the previous build in {out}")


def _drawn(count: int, total: int) -> str:
    """How many of the outputs were rendered, when not all were."""
    return "" if count == total else f" ({count} rendered, {total - count} unchanged)"


def report(changes: list[dict[str, object]] | None, since: str) -> None:
    from deck.output.changes import lines

    if changes is None:
        return
    if not changes:
        say(f"no change {since}", err=False)
        return
    say(f"{len(changes)} change{'s' * (len(changes) != 1)} {since}:", err=False)
    for line in lines(changes):
        say(f"  {line}", err=False)
