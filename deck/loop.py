"""The data-update loop around the build: the change report between two data files, the files a
watch follows, and the recovery of an interrupted write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deck.errors import DeckError, InputError
from deck.pipeline import load


def diff(old: Path | str, new: Path | str) -> list[dict[str, Any]]:
    """The change report between two data files: figures, changes whose sign turned, texts."""
    from deck.inputs.load import load_study
    from deck.layout.digest import digest
    from deck.output.changes import compare_data

    studies = []
    for path in (Path(old), Path(new)):
        read = load_study(path)
        if read.study is None or any(p.severity == "error" for p in read.problems):
            raise InputError(read.problems)
        studies.append(digest(read.study, read.cells))
    return compare_data(studies[0], studies[1])


def watched_files(data: Path, layout: Path | None = None) -> list[Path]:
    """The files a build of ``data`` reads: the data file, its layout spec and the logo, as far as
    they can be read (a file with mistakes still names what it can)."""
    from deck.inputs.load import DEFAULT_LAYOUT
    from deck.inputs.source import load_yaml

    files = [Path(data)]
    from deck.inputs.load import Inputs

    inputs: Inputs | None
    try:
        inputs = load(Path(data), layout)
    except InputError as error:
        inputs = error.partial if isinstance(error.partial, Inputs) else None
    except DeckError:
        inputs = None
    if inputs is not None:
        files += sorted(inputs.tables)
        files.append(inputs.spec_source.file)
        if inputs.logo:
            files.append(inputs.logo.path)
    elif layout is not None:
        files.append(Path(layout))
    else:
        try:
            named = load_yaml(Path(data)).data.get("layout")
            if isinstance(named, str):
                files.append(Path(data).parent / named)
        except (DeckError, AttributeError):
            pass
    return list(dict.fromkeys(p for p in files if p != DEFAULT_LAYOUT))


def recover(out: Path | str) -> str:
    """Finish or roll back a write that was interrupted in ``out``; says what was done."""
    from deck.output.write import output_lock

    with output_lock(Path(out)) as recovered:
        return recovered
