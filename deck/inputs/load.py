"""Load and check a data file and a layout spec; every problem located as FILE:LINE:COL."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from deck.errors import InputError, Problem
from deck.inputs import reads
from deck.inputs import study as m
from deck.inputs.assets import Picture, check_picture
from deck.inputs.brand import Brand, read_brand, unknown_layouts
from deck.inputs.checks import check_study, check_texts
from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.parse import parse, without_bad_parts
from deck.inputs.source import Key, SourceMap, load_yaml
from deck.inputs.tables import Tables
from deck.inputs.themes import resolve_theme

T = TypeVar("T", bound=BaseModel)
DEFAULT_LAYOUT = Path(__file__).parent / "default_layout.yaml"
LayoutCheck = Callable[[LayoutSpec, m.Study, SourceMap, "Brand | None"], list[Problem]]


@dataclass(frozen=True)
class Inputs:
    study: m.Study
    spec: LayoutSpec
    study_source: SourceMap
    spec_source: SourceMap
    warnings: tuple[Problem, ...]
    logo: Picture | None = None
    cells: dict[Key, str] = field(default_factory=dict)  # figures read from tables: key → "file › sheet › C4"
    tables: frozenset[Path] = frozenset()  # the table files the data file reads
    brand: Brand | None = None  # the corporate template the deck is built on


@dataclass(frozen=True)
class StudyFile:
    """A data file read: the study (None if its schema fails), where each key stands, every
    problem, the raw data, the study without its bad parts (None when nothing is usable), and the
    table cells figures were read from."""

    study: m.Study | None
    source: SourceMap
    problems: list[Problem]
    raw: Any
    partial: m.Study | None
    cells: dict[Key, str]
    tables: frozenset[Path]


Later = list[Callable[[], list[Problem]]]  # checks left for the caller to run (see ``load_inputs``)


def load_study(path: Path, later: Later | None = None) -> StudyFile:
    loaded = load_yaml(path)
    tables = Tables(path.parent, loaded.source)
    data = tables.resolve(loaded.data)
    study, problems = parse(m.Study, data, loaded.source)
    if tables.problems:  # a figure its table could not give: said once, by the table's message
        related = [t.key for t in tables.problems]  # the value's own problems and its parent's ("needs a value")
        problems = [
            p
            for p in problems
            if not any(p.key[: len(k)] == k or (k[: len(p.key)] == p.key and len(k) - len(p.key) == 1) for k in related)
        ]
        problems = tables.problems + problems
        study = None
    cells, files = dict(tables.cells), frozenset(tables.files)
    if later is not None and study is not None and not problems:  # the texts and the meaning, checked later
        valid, src = study, loaded.source
        later.append(lambda: check_texts(data, src) + check_study(valid, src))
        return StudyFile(study, loaded.source, problems, loaded.data, study, cells, files)
    problems += [p for p in check_texts(data, loaded.source) if p.key not in {q.key for q in problems}]
    if study is None:
        partial = without_bad_parts(data, problems)
        if partial is not None:  # still check the meaning of what was readable, to report all at once
            problems += [p for p in check_study(partial, loaded.source) if p not in problems]
        return StudyFile(None, loaded.source, problems, loaded.data, partial, cells, files)
    problems += check_study(study, loaded.source)
    return StudyFile(study, loaded.source, problems, loaded.data, study, cells, files)


def load_spec(path: Path | None) -> tuple[LayoutSpec, SourceMap]:
    loaded = load_yaml(path or DEFAULT_LAYOUT)
    spec, problems = parse(LayoutSpec, loaded.data, loaded.source)
    if spec is None:
        raise InputError(problems)
    return spec, loaded.source


def load_inputs(
    data: Path, layout: Path | None = None, check_layout: LayoutCheck | None = None, later: Later | None = None
) -> Inputs:
    """Everything read and checked; raises :class:`InputError` with all problems of both files.

    ``check_layout`` checks the spec against the study (the templates live above this layer).
    ``later``: a valid study's texts and meaning are not checked here but added to ``later``, for the
    caller to run meanwhile (their problems come first, before the inputs' warnings); unless the
    inputs fail anyway, when they are checked before the failure is raised.
    """
    reads.begin()
    read = load_study(data, later)
    study, study_src, problems, raw, partial = read.study, read.source, read.problems, read.raw, read.partial

    def failure(problems: list[Problem]) -> InputError:
        while later:
            problems[:0] = later.pop()()
        return InputError(problems)

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
            raise failure(problems)
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
        raise failure(problems + found) from None
    theme, found = resolve_theme(spec.theme, spec_src)
    problems += found
    spec = spec.model_copy(update={"theme": theme})
    brand = None
    if spec.template:
        brand, found = read_brand(spec.template, spec_src.file.parent, spec_src, ("template",))
        problems += found + (unknown_layouts(brand, spec.template_layouts, spec_src) if brand else [])
    elif spec.template_layouts:
        problems.append(
            spec_src.problem(("template_layouts",), "template_layouts without a template", "add `template: brand.pptx`")
        )
    logo = None
    if spec.theme.logo:
        logo, found = check_picture(spec.theme.logo, spec_src.file.parent, spec_src, ("theme", "logo"))
        problems += found
    if study is not None and check_layout is not None:
        problems += check_layout(spec, study, spec_src, brand)
    if study is None or any(p.severity == "error" for p in problems):
        failed = failure(problems)
        if partial is not None:  # what is readable, for later stages to report their problems too
            failed.partial = Inputs(partial, spec, study_src, spec_src, (), logo, read.cells, read.tables, brand)
        raise failed
    return Inputs(study, spec, study_src, spec_src, tuple(problems), logo, read.cells, read.tables, brand)
