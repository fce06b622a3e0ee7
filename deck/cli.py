"""The command line: ``deck build``, ``deck check``, ``deck schema``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from deck.console import (
    bug_report,
    caused_by_interrupt,
    explain,
    fail,
    interrupted,
    report,
    say,
    summary,
    warn,
)
from deck.errors import DeckError, Interrupted

if TYPE_CHECKING:
    pass


class _Group(click.Group):
    """Reports a bug in deck as one line and a file with the details, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt as exc:
            interrupted(exc)
        except BrokenPipeError:  # the reader of the output went away (`deck check x.yaml | head -1`)
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except Exception as exc:  # a bug in deck, not a mistake in the input
            if caused_by_interrupt(exc):  # Ctrl-C inside a module's initialisation, re-raised as ImportError
                interrupted(KeyboardInterrupt())
            where = bug_report()
            say(
                f"internal error in deck ({type(exc).__name__}: {exc}); this is a bug, not your input. {where}",
                "red",
            )
            sys.exit(70)
        return None  # not reached: every branch above leaves


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _import_models() -> None:
    from deck.pipeline import import_models

    import_models()


EXIT_CODES = """\b
Exit codes:
  0    done (warnings, if any, are printed)
  1    the data file or layout spec has problems: each is printed with its place
  2    the command line is wrong (an unknown option, a missing folder)
  3    the output folder cannot be written, or holds files deck will not overwrite
  4    LibreOffice is missing (for --review)
  70   a bug in deck: one line, and the details in a file it names
  130  interrupted (Ctrl-C or SIGTERM): it says whether the previous or the new outputs are in place
"""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="deck")
def main() -> None:
    """Survey results to a PowerPoint deck and PNG infographics."""


@main.command()
@click.argument("data", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--layout", "-l", type=click.Path(path_type=Path), help="Layout spec (default: the data file's, or built-in)."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Processes: studies built at once, or a study's images drawn at once (default: one per core).",
)
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=Path("out"), show_default=True, help="Output folder."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary.")
@click.option("--review", is_flag=True, help="Also write OUT/review.html: slides as LibreOffice renders them.")
@click.option("--replace", is_flag=True, help="Replace the outputs of another study that OUT holds.")
@click.option("--keep-edited", is_flag=True, help="Move outputs edited by hand aside (name.edited-DATE) and build.")
@click.option("--no-images", is_flag=True, help="Build the deck alone; images already in OUT stay as they are.")
@click.option("--optimize", is_flag=True, help="Compress images harder (oxipng): smaller, same pixels, slower.")
@click.option("--pdf", is_flag=True, help="Also write the deck as PDF (needs LibreOffice Impress).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: nothing is written.")
@click.option(
    "--only",
    metavar="SECTION|png/NAME.png",
    help="Rebuild one section (its slides and images) or one image; leave every other output in place.",
)
def build(
    data: tuple[Path, ...],
    layout: Path | None,
    jobs: int | None,
    out: Path,
    quiet: bool,
    review: bool,
    replace: bool,
    keep_edited: bool,
    no_images: bool,
    optimize: bool,
    pdf: bool,
    strict: bool,
    only: str | None,
) -> None:
    """Build the deck and infographics of DATA (default: the example study), and say what changed
    since the previous build in OUT. Several data files (or a folder of them): each study into
    OUT/<file name>, in parallel, one line each."""
    if len(data) > 1 or (data and data[0].is_dir()):
        if layout or review or keep_edited or only or no_images or optimize or pdf:
            say(
                "several studies are built with their own layouts: no --layout, --review, --keep-edited, --no-images, "
                "--optimize, --pdf or --only",
                "red",
            )
            sys.exit(2)
        _batch(data, out, jobs, replace)
        return
    one = data[0] if data else None
    from deck.pipeline import build as run

    if (pdf or review) and shutil.which("soffice") is None:
        what = "--pdf" if pdf else "--review"
        say(f"{what} needs LibreOffice Impress, and soffice is not on the PATH", "red")
        say("install it (Debian: apt-get install libreoffice-impress poppler-utils), or build without " + what)
        sys.exit(2)
    if not str(out).strip() or _same_folder(out, Path.cwd()):
        say("--out needs a folder of its own (not empty, not the current folder)", "red")
        sys.exit(2)
    try:
        options: dict[str, Any] = {"review": review, "replace": replace, "keep_edited": keep_edited, "only": only}
        options |= {"images": not no_images, "optimize": optimize, "jobs": jobs, "pdf": pdf, "strict": strict}
        if quiet or not sys.stderr.isatty():
            result = run(one, layout, out, **options)
        else:
            from rich.progress import BarColumn, Progress, TextColumn

            with Progress(
                TextColumn("{task.description:<28}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                transient=True,
                auto_refresh=False,  # no drawing thread: image workers are forked from a single-threaded process
            ) as bar:
                task = bar.add_task("composing", total=None)

                def tick(what: str, done: int, total: int) -> None:
                    bar.update(task, description=what, completed=done, total=total, refresh=True)

                result = run(one, layout, out, progress=tick, **options)
    except DeckError as error:
        fail(error)
        return
    try:
        summary(result, out, review)
    except KeyboardInterrupt:  # the outputs are in: say so
        raise Interrupted(written=True) from None


def _batch(data: tuple[Path, ...], out: Path, jobs: int | None, replace: bool) -> None:
    from deck.batch import build_many, studies

    if not studies(data):
        say(f"no data files in {', '.join(map(str, data))}", "red")
        sys.exit(2)
    results = build_many(data, out, jobs=jobs, replace=replace)
    for r in results:
        say(f"{'ok ' if r.ok else 'FAILED'} {r.data} → {r.out}: {r.summary}", None if r.ok else "red", err=not r.ok)
    failed = [r for r in results if not r.ok]
    say(f"{len(results) - len(failed)} of {len(results)} studies built", err=False)
    if failed:
        sys.exit(max(r.exit_code for r in failed))


@main.command()
@click.argument("data", required=False, type=click.Path(path_type=Path))
@click.option("--layout", "-l", type=click.Path(path_type=Path), help="Layout spec (default: the data file's).")
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=Path("out"), show_default=True, help="Output folder."
)
@click.option("--replace", is_flag=True, help="Replace the outputs of another study that OUT holds.")
def watch(data: Path | None, layout: Path | None, out: Path, replace: bool) -> None:
    """Build DATA, then build again on every save of the data file, its layout or its logo, printing
    what changed (or the problems found) each time. Ctrl-C stops watching."""
    from watchfiles import watch as changes_of

    from deck.loop import watched_files
    from deck.pipeline import build as run
    from deck.pipeline import example_data

    data = data or example_data()
    if not str(out).strip() or _same_folder(out, Path.cwd()):
        say("--out needs a folder of its own (not empty, not the current folder)", "red")
        sys.exit(2)

    def once() -> None:
        try:
            summary(run(data, layout, out, replace=replace), out)
        except DeckError as error:
            explain(error)
        sys.stdout.flush()  # each report at once, even through a pipe

    try:
        once()
        while True:  # the files to watch change when the data file names another layout or logo
            files = {p.resolve() for p in watched_files(data, layout)}
            ready = False

            def ours(_change: object, path: str, files: set[Path] = files) -> bool:
                return Path(path).resolve() in files

            folders = {p.parent for p in files}
            for changed in changes_of(*folders, watch_filter=ours, yield_on_timeout=True, rust_timeout=300):
                if changed:
                    once()
                    ready = False
                    if {p.resolve() for p in watched_files(data, layout)} != files:
                        break
                if not ready:  # said once the watcher runs: a save from now on is seen
                    say(
                        f"watching {', '.join(str(p) for p in watched_files(data, layout))} (Ctrl-C to stop)", err=False
                    )
                    sys.stdout.flush()
                    ready = True
    except KeyboardInterrupt as exc:
        if isinstance(exc, Interrupted):  # during a build's write: say which outputs are in place
            interrupted(exc)
        say("stopped watching", err=False)


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--layout", "-l", type=click.Path(path_type=Path), help="Layout spec.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(data: Path, layout: Path | None, strict: bool) -> None:
    """Check DATA and its layout without writing anything (exit 0 valid, 1 not)."""
    _import_models()
    from deck.console import FINISHED
    from deck.pipeline import check as run

    FINISHED.append(True)  # whatever it finds: nothing is written, the process may end as soon as it is said

    try:
        warnings = run(data, layout)
    except DeckError as error:
        fail(error)
        return
    warn(warnings)
    if strict and warnings:
        click.secho(f"{len(warnings)} warning(s) with --strict.", err=True)
        sys.exit(1)
    say(f"{data}: valid", err=False)


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The report as JSON, for programs.")
def diff(old: Path, new: Path, as_json: bool) -> None:
    """What changed from data file OLD to NEW: figures, changes that turned round, texts."""
    _import_models()
    from deck.loop import diff as run

    try:
        changes = run(old, new)
    except DeckError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(changes, ensure_ascii=False, indent=2))
    else:
        report(changes, f"from {old} to {new}")


@main.command()
@click.argument("table", type=click.Path(path_type=Path))
@click.option(
    "--data", "-d", "target", type=click.Path(path_type=Path), help="Data file to write (default: TABLE.yaml)."
)
def new(table: Path, target: Path | None) -> None:
    """Write a first data file from TABLE (.xlsx or .csv): one section per sheet, every figure a
    reference to its cell. It never overwrites a file."""
    _import_models()
    from deck.inputs.starter import starter

    target = target or table.with_suffix(".yaml")
    if target.exists():
        say(f"{target} exists; deck new never overwrites a file: give another name with --data", "red")
        sys.exit(2)
    try:
        text = starter(table, target.parent)
    except DeckError as error:
        fail(error)
        return
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        say(f"{target}: cannot write the data file ({exc.strerror})", "red")
        sys.exit(3)
    say(
        f"{target}: written; give each section its title and each figure its label, then: deck check {target}",
        err=False,
    )


@main.command()
@click.argument("out", required=False, type=click.Path(path_type=Path), default=Path("out"))
def recover(out: Path) -> None:
    """Finish or roll back a build that was interrupted while writing into OUT (default: out)."""
    from deck.loop import recover as run

    if not out.is_dir():
        say(f"{out}: no such folder", "red")
        sys.exit(2)
    try:
        what = run(out)
    except DeckError as error:
        fail(error)
        return
    say(f"{out}: {what or 'nothing to recover: the outputs are complete'}", err=False)


@main.command()
@click.option("--layout", "which", flag_value="layout", help="The layout spec's schema.")
@click.option("--data", "which", flag_value="data", default=True, help="The data file's schema (default).")
def schema(which: str) -> None:
    """Print the JSON Schema of data files (or of layout specs)."""
    _import_models()
    from deck.schema import data_schema, layout_schema

    click.echo(json.dumps(layout_schema() if which == "layout" else data_schema(), ensure_ascii=False, indent=2))
