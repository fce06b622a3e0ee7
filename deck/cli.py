"""The command line: ``deck build``, ``deck check``, ``deck schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from deck.errors import DeckError, InputError, Problem


def _fail(error: DeckError) -> None:
    if isinstance(error, InputError):
        _warn(tuple(error.warnings))
        for problem in error.problems:
            click.secho(str(problem), fg="red", err=True)
        count = len(error.problems)
        click.secho(f"{count} problem{'s' * (count != 1)} found; nothing was written.", err=True)
    else:
        click.secho(str(error), fg="red", err=True)
    sys.exit(error.exit_code)


def _warn(warnings: tuple[Problem, ...]) -> None:
    for warning in warnings:
        click.secho(str(warning), fg="yellow", err=True)


class _Group(click.Group):
    """Reports a bug in deck as one line and a file with the details, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.secho("interrupted; the previous outputs are as they were", fg="red", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug in deck, not a mistake in the input
            import tempfile
            import traceback

            with tempfile.NamedTemporaryFile("w", prefix="deck-error-", suffix=".txt", delete=False) as report:
                traceback.print_exc(file=report)
            click.secho(
                f"internal error in deck ({type(exc).__name__}: {exc}); this is a bug, not your input. "
                f"Details: {report.name}",
                fg="red",
                err=True,
            )
            sys.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deck")
def main() -> None:
    """Survey results to a PowerPoint deck and PNG infographics."""


@main.command()
@click.argument("data", required=False, type=click.Path(path_type=Path))
@click.option(
    "--layout", "-l", type=click.Path(path_type=Path), help="Layout spec (default: the data file's, or built-in)."
)
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=Path("out"), show_default=True, help="Output folder."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary.")
@click.option("--review", is_flag=True, help="Also write OUT/review.html: slides as LibreOffice renders them.")
def build(data: Path | None, layout: Path | None, out: Path, quiet: bool, review: bool) -> None:
    """Build the deck and infographics of DATA (default: the example study)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from deck.pipeline import build as run

    if not str(out).strip() or str(out) == ".":
        click.secho("--out needs a folder of its own (not empty, not the current folder)", fg="red", err=True)
        sys.exit(2)
    try:
        if quiet or not sys.stderr.isatty():
            result = run(data, layout, out, review=review)
        else:
            with Progress(
                TextColumn("{task.description:<28}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                transient=True,
            ) as bar:
                task = bar.add_task("composing", total=None)

                def tick(what: str, done: int, total: int) -> None:
                    bar.update(task, description=what, completed=done, total=total)

                result = run(data, layout, out, progress=tick, review=review)
    except DeckError as error:
        _fail(error)
        return
    _warn(result.warnings)
    click.echo(f"{result.deck}  {result.slide_count} slides")
    click.echo(f"{out / 'png'}  {len(result.images)} images")
    click.echo(f"{out / 'manifest.json'}")
    if review:
        click.echo(f"{out / 'review.html'}")


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--layout", "-l", type=click.Path(path_type=Path), help="Layout spec.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(data: Path, layout: Path | None, strict: bool) -> None:
    """Check DATA and its layout without writing anything (exit 0 valid, 1 not)."""
    from deck.pipeline import check as run

    try:
        warnings = run(data, layout)
    except DeckError as error:
        _fail(error)
        return
    _warn(warnings)
    if strict and warnings:
        click.secho(f"{len(warnings)} warning(s) with --strict.", err=True)
        sys.exit(1)
    click.echo(f"{data}: valid")


@main.command()
@click.option("--layout", "which", flag_value="layout", help="The layout spec's schema.")
@click.option("--data", "which", flag_value="data", default=True, help="The data file's schema (default).")
def schema(which: str) -> None:
    """Print the JSON Schema of data files (or of layout specs)."""
    from deck.schema import data_schema, layout_schema

    click.echo(json.dumps(layout_schema() if which == "layout" else data_schema(), ensure_ascii=False, indent=2))
