"""Load and check a data file and a layout spec; every problem located as FILE:LINE:COL."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from deck.errors import InputError, Problem
from deck.inputs import study as m
from deck.inputs.assets import Picture, check_picture
from deck.inputs.checks import check_study, check_texts
from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.parse import parse, without_bad_parts
from deck.inputs.source import SourceMap, load_yaml

T = TypeVar("T", bound=BaseModel)
DEFAULT_LAYOUT = Path(__file__).parent / "default_layout.yaml"
LayoutCheck = Callable[[LayoutSpec, m.Study, SourceMap], list[Problem]]


@dataclass(frozen=True)
class Inputs:
    study: m.Study
    spec: LayoutSpec
    study_source: SourceMap
    spec_source: SourceMap
    warnings: tuple[Problem, ...]
    logo: Picture | None = None


def load_study(path: Path) -> tuple[m.Study | None, SourceMap, list[Problem], Any, m.Study | None]:
    """The study (None if its schema fails), its source map, every problem, the raw data, and the
    study without its bad parts (the study itself when it is valid; None when nothing is usable)."""
    loaded = load_yaml(path)
    study, problems = parse(m.Study, loaded.data, loaded.source)
    problems += [p for p in check_texts(loaded.data, loaded.source) if p.key not in {q.key for q in problems}]
    if study is None:
        partial = without_bad_parts(loaded.data, problems)
        if partial is not None:  # still check the meaning of what was readable, to report all at once
            problems += [p for p in check_study(partial, loaded.source) if p not in problems]
        return None, loaded.source, problems, loaded.data, partial
    problems += check_study(study, loaded.source)
    return study, loaded.source, problems, loaded.data, study


def load_spec(path: Path | None) -> tuple[LayoutSpec, SourceMap]:
    loaded = load_yaml(path or DEFAULT_LAYOUT)
    spec, problems = parse(LayoutSpec, loaded.data, loaded.source)
    if spec is None:
        raise InputError(problems)
    return spec, loaded.source


def load_inputs(data: Path, layout: Path | None = None, check_layout: LayoutCheck | None = None) -> Inputs:
    """Everything read and checked; raises :class:`InputError` with all problems of both files.

    ``check_layout`` checks the spec against the study (the templates live above this layer).
    """
    study, study_src, problems, raw, partial = load_study(data)
    named = raw.get("layout") if isinstance(raw, dict) else None
    from_data = layout is None and isinstance(named, str) and "\0" not in named
    if from_data:
        layout = Path(os.path.normpath(data.parent / str(named)))
        if not os.path.lexists(layout):
            problems.append(
                study_src.problem(
                    ("layout",), f"layout file not found: {layout}", "give a path relative to the data file"
                )
            )
            raise InputError(problems)
    try:
        spec, spec_src = load_spec(layout)
    except InputError as error:
        found = error.problems + error.warnings
        if from_data:  # a file that cannot be read at all: said where the data file names it
            found = [
                study_src.problem(("layout",), f"layout file {p.file}: {p.message}", p.hint)
                if p.code == "unreadable"
                else p
                for p in found
            ]
        raise InputError(problems + found) from None
    logo = None
    if spec.theme.logo:
        logo, found = check_picture(spec.theme.logo, spec_src.file.parent, spec_src, ("theme", "logo"))
        problems += found
    if study is not None and check_layout is not None:
        problems += check_layout(spec, study, spec_src)
    if study is None or any(p.severity == "error" for p in problems):
        failed = InputError(problems)
        if partial is not None:  # what is readable, for later stages to report their problems too
            failed.partial = Inputs(partial, spec, study_src, spec_src, (), logo)
        raise failed
    return Inputs(study, spec, study_src, spec_src, tuple(problems), logo)
