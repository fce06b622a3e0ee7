"""Load and check a data file and a layout spec; every problem located as FILE:LINE:COL."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from deck.errors import InputError, Problem
from deck.inputs import study as m
from deck.inputs.assets import Picture, check_picture
from deck.inputs.checks import check_study
from deck.inputs.layout_spec import LayoutSpec, Placement
from deck.inputs.parse import parse, without_bad_parts
from deck.inputs.source import Key, SourceMap, load_yaml
from deck.layout.templates import SECTION_TEMPLATES, all_names, choose, did_you_mean

T = TypeVar("T", bound=BaseModel)
DEFAULT_LAYOUT = Path(__file__).parent / "default_layout.yaml"


@dataclass(frozen=True)
class Inputs:
    study: m.Study
    spec: LayoutSpec
    study_source: SourceMap
    spec_source: SourceMap
    warnings: tuple[Problem, ...]
    logo: Picture | None = None


def load_study(path: Path) -> tuple[m.Study | None, SourceMap, list[Problem], Any]:
    """The study (None if its schema fails), its source map, every problem, and the raw data."""
    loaded = load_yaml(path)
    study, problems = parse(m.Study, loaded.data, loaded.source)
    if study is None:
        partial = without_bad_parts(loaded.data, problems)
        if partial is not None:  # still check the meaning of what was readable, to report all at once
            problems += [p for p in check_study(partial, loaded.source) if p not in problems]
        return None, loaded.source, problems, loaded.data
    problems += check_study(study, loaded.source)
    return study, loaded.source, problems, loaded.data


def load_spec(path: Path | None) -> tuple[LayoutSpec, SourceMap]:
    loaded = load_yaml(path or DEFAULT_LAYOUT)
    spec, problems = parse(LayoutSpec, loaded.data, loaded.source)
    if spec is None:
        raise InputError(problems)
    return spec, loaded.source


def check_spec(spec: LayoutSpec, study: m.Study, src: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    sections = {s.id: s for s in study.sections}
    placed: set[str] = set()
    shown: dict[str, list[m.Item]] = {}
    first_key: dict[str, Key] = {}
    groups: list[tuple[str, Sequence[Placement]]] = [
        ("slide", spec.slides or []),
        ("image", spec.infographics),
    ]
    for kind, entries in groups:
        field = "slides" if kind == "slide" else "infographics"
        for i, entry in enumerate(entries):
            key: Key = (field, i)
            names = all_names(kind)
            if entry.template not in names:
                problems.append(
                    src.problem(
                        key + ("template",),
                        f"unknown template '{entry.template}'",
                        did_you_mean(entry.template, names) or f"use one of: {', '.join(names)}",
                    )
                )
                continue
            section_id = entry.section
            needs_section = entry.template in SECTION_TEMPLATES or entry.template == "auto"
            if needs_section and section_id is None:
                problems.append(
                    src.problem(
                        key,
                        f"template '{entry.template}' needs a `section`",
                        f"add `section:` with one of: {', '.join(sections)}",
                    )
                )
                continue
            if section_id is None or (kind == "image" and section_id == "all"):
                continue
            if not needs_section:
                problems.append(
                    src.problem(
                        key + ("section",), f"template '{entry.template}' takes no section", "remove `section:`"
                    )
                )
                continue
            if section_id not in sections:
                problems.append(
                    src.problem(
                        key + ("section",),
                        f"unknown section '{section_id}'",
                        did_you_mean(section_id, list(sections)) or f"sections: {', '.join(sections)}",
                    )
                )
                continue
            if kind == "slide":
                placed.add(section_id)
            template = choose(sections[section_id]) if entry.template == "auto" else entry.template
            if why := SECTION_TEMPLATES[template].needs(sections[section_id]):
                problems.append(
                    src.problem(
                        key + ("template",),
                        f"template '{template}' cannot show section '{section_id}': it {why}",
                        f"try '{choose(sections[section_id])}'",
                    )
                )
            elif kind == "slide":
                first_key.setdefault(section_id, key)
                shown.setdefault(section_id, []).extend(SECTION_TEMPLATES[template].shows(sections[section_id]))
    for sid, items in shown.items():
        left = [i for i in sections[sid].items if isinstance(i, _FIGURES) and i not in items]
        if left:
            missing = ", ".join(_item_name(i) for i in left)
            problems.append(
                src.problem(
                    first_key[sid] + ("template",),
                    f"no slide shows {missing} of section '{sid}'",
                    f"'{choose(sections[sid])}' may show more, or add a slide for them",
                    warning=True,
                )
            )
    if spec.slides is not None:
        for sid in sections:
            if sid not in placed:
                problems.append(
                    src.problem(
                        ("slides",),
                        f"section '{sid}' is on no slide",
                        f"it is added after the other sections with template "
                        f"'{choose(sections[sid])}'; place it to choose where",
                        warning=True,
                    )
                )
    return problems


_FIGURES = (m.Stat, m.Breakdown, m.Ranking, m.Quote)


def _item_name(item: m.Item) -> str:
    if isinstance(item, (m.Stat, m.Breakdown, m.Ranking)):
        return f"{item.kind} '{item.id}'"
    return f"{item.kind} '{item.text[:30]}…'"


def load_inputs(data: Path, layout: Path | None = None) -> Inputs:
    """Everything read and checked; raises :class:`InputError` with all problems of both files."""
    study, study_src, problems, raw = load_study(data)
    named = raw.get("layout") if isinstance(raw, dict) else None
    if layout is None and isinstance(named, str):
        layout = Path(os.path.normpath(data.parent / named))
        if not layout.is_file():
            problems.append(
                study_src.problem(
                    ("layout",), f"layout file not found: {layout}", "give a path relative to the data file"
                )
            )
            raise InputError(problems)
    try:
        spec, spec_src = load_spec(layout)
    except InputError as error:
        raise InputError(problems + error.problems + error.warnings) from None
    logo = None
    if spec.theme.logo:
        logo, found = check_picture(spec.theme.logo, spec_src.file.parent, spec_src, ("theme", "logo"))
        problems += found
    if study is not None:
        problems += check_spec(spec, study, spec_src)
    if study is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return Inputs(study, spec, study_src, spec_src, tuple(problems), logo)
