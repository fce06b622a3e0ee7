"""Load and check a data file and a layout spec; every problem located as FILE:LINE:COL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from deck import model as m
from deck.errors import InputError, Problem
from deck.source import Key, SourceMap, load_yaml
from deck.spec import LayoutSpec, Placement
from deck.templates import SECTION_TEMPLATES, all_names, choose, did_you_mean
from deck.typography import check_locale

T = TypeVar("T", bound=BaseModel)
DEFAULT_LAYOUT = Path(__file__).parent / "default_layout.yaml"
ROUNDING = 1.5  # points a breakdown may be off 100 through rounding


@dataclass(frozen=True)
class Inputs:
    study: m.Study
    spec: LayoutSpec
    study_source: SourceMap
    spec_source: SourceMap
    warnings: tuple[Problem, ...]


def _field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    seen = seen or set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in _types(field.annotation):
            names |= _field_names(arg, seen)
    return names


def _types(annotation: Any) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _types(arg)
    return out


def _data_key(data: Any, loc: tuple[Any, ...]) -> Key:
    """Pydantic's error location mapped onto the keys that exist in the data (union tags dropped)."""
    key: list[str | int] = []
    for part in loc:
        if (
            isinstance(data, dict)
            and part in data
            or isinstance(data, list)
            and isinstance(part, int)
            and part < len(data)
        ):
            data = data[part]
            key.append(part)
        elif (
            isinstance(data, dict)
            and isinstance(part, str)
            and "[" not in part
            and part not in data
            and not part.startswith(("function-", "literal["))
            and part != "kind"
            and data.get("kind") != part
        ):
            key.append(part)
            break
    return tuple(key)


_DOCS = {
    "Study": ("docs/data-format.md", "`study:` and `sections:`"),
    "LayoutSpec": ("docs/layout-format.md", "`slides:` and `infographics:`"),
}


def parse(model: type[T], data: Any, source: SourceMap) -> tuple[T | None, list[Problem]]:
    doc, keys = _DOCS.get(model.__name__, ("docs/", "the documented keys"))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        return None, [source.problem((), f"the file holds {kind}, not a mapping of keys", f"start with {keys}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        known = sorted(_field_names(model))
        problems = []
        for err in exc.errors():
            key = _data_key(data, tuple(err["loc"]))
            problems.append(source.problem(key, *_explain(err, key, known, doc)))
        return None, problems


def _explain(err: Any, key: Key, known: list[str], doc: str) -> tuple[str, str | None]:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        name = str(key[-1]) if key else "?"
        return f"unknown key '{name}'", did_you_mean(name, known) or f"remove it or check {doc}"
    if kind == "missing":
        return f"missing required key '{err['loc'][-1]}'", "add it"
    if kind == "union_tag_invalid":
        tags = err.get("ctx", {}).get("expected_tags", "")
        return f"unknown item kind {err.get('input', {}).get('kind')!r}", f"use one of {tags}"
    if kind == "union_tag_not_found":
        return "item has no `kind`", "add `kind:` (stat, breakdown, ranking, quote, note, heading)"
    if kind == "string_pattern_mismatch" and key and key[-1] == "id" or (key and key[-1] == "section"):
        return f"{msg}", "ids are simple slugs: letters, digits, '-' and '_'"
    return msg[0].lower() + msg[1:] if msg else kind, None


def load_study(path: Path) -> tuple[m.Study, SourceMap, list[Problem]]:
    loaded = load_yaml(path)
    study, problems = parse(m.Study, loaded.data, loaded.source)
    if study is None:
        partial = _without_bad_parts(loaded.data, problems)
        if partial is not None:  # still check the meaning of what was readable, to report all at once
            problems += [p for p in check_study(partial, loaded.source) if p not in problems]
        raise InputError(problems)
    problems += check_study(study, loaded.source)
    return study, loaded.source, problems


def _without_bad_parts(data: Any, problems: list[Problem]) -> m.Study | None:
    """The study minus unknown keys and the list entries that hold errors, if that is valid."""
    import copy

    if not isinstance(data, dict):
        return None
    pruned = copy.deepcopy(data)
    drops: list[tuple[Any, Any]] = []
    for problem in problems:
        key = _parse_path(problem.path)
        if problem.message.startswith("unknown key"):
            parent = _walk(pruned, key[:-1])
            drops.append((parent, key[-1]))
            continue
        cut = max((i for i, part in enumerate(key) if isinstance(part, int)), default=None)
        if cut is None:
            return None
        drops.append((_walk(pruned, key[:cut]), key[cut]))
    for container, part in sorted(drops, key=lambda d: d[1] if isinstance(d[1], int) else -1, reverse=True):
        try:
            if isinstance(container, dict):
                container.pop(part, None)
            elif isinstance(container, list) and isinstance(part, int) and part < len(container):
                container[part] = None
        except TypeError:
            return None
    _strip_none(pruned)
    try:
        return m.Study.model_validate(pruned)
    except ValidationError:
        return None


def _parse_path(path: str) -> list[str | int]:
    import re

    return [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", path)]


def _walk(data: Any, key: list[str | int]) -> Any:
    for part in key:
        container: Any = data
        data = container[part] if isinstance(container, (dict, list)) else None  # type: ignore[index]
    return data


def _strip_none(data: Any) -> None:
    if isinstance(data, dict):
        for value in data.values():
            _strip_none(value)
    elif isinstance(data, list):
        data[:] = [v for v in data if v is not None]
        for value in data:
            _strip_none(value)


def check_study(study: m.Study, src: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    if msg := check_locale(study.study.locale):
        problems.append(src.problem(("study", "locale"), msg, "use a code such as 'fr' or 'en'"))
    ids: dict[str, Key] = {}
    stat_ids = {s.id for s in study.stats()}
    for si, section in enumerate(study.sections):
        skey: Key = ("sections", si)
        if section.id in ids:
            problems.append(
                src.problem(skey + ("id",), f"duplicate section id '{section.id}'", "give each section its own id")
            )
        ids[section.id] = skey
        for ii, item in enumerate(section.items):
            ikey = skey + ("items", ii)
            problems += _check_item(study, item, ikey, src, stat_ids)
    return problems


def _check_item(study: m.Study, item: Any, key: Key, src: SourceMap, stat_ids: set[str]) -> list[Problem]:
    out: list[Problem] = []
    unit = getattr(item, "unit", "")
    values: list[tuple[Key, float]] = []
    if isinstance(item, m.Stat):
        values.append((key + ("value",), item.value))
        for wi, wave in enumerate(item.earlier):
            wkey = key + ("earlier", wi)
            values.append((wkey + ("value",), wave.value))
            if wave.source and wave.source not in study.sources:
                hint = (
                    did_you_mean(wave.source, list(study.sources))
                    or f"define it under `sources:` (known: {', '.join(study.sources) or 'none'})"
                )
                out.append(src.problem(wkey + ("source",), f"unknown source '{wave.source}'", hint))
        if item.of and item.of not in stat_ids:
            out.append(
                src.problem(
                    key + ("of",),
                    f"unknown stat '{item.of}'",
                    did_you_mean(item.of, sorted(stat_ids)) or "give the id of a stat",
                )
            )
    elif isinstance(item, m.Breakdown):
        values += [(key + ("answers", i, "value"), a.value) for i, a in enumerate(item.answers)]
        total = sum(a.value for a in item.answers)
        if abs(total - 100) > ROUNDING:
            listing = " + ".join(f"{a.value:g}" for a in item.answers)
            out.append(
                src.problem(
                    key + ("answers",),
                    f"answers sum to {total:g} ({listing}), not 100",
                    f"a breakdown must sum to 100 within {ROUNDING:g} points of rounding",
                )
            )
    elif isinstance(item, m.Ranking):
        values += [(key + ("items", i, "value"), e.value) for i, e in enumerate(item.items)]
    if unit == "%":
        for vkey, value in values:
            if not 0 <= value <= 100:
                out.append(src.problem(vkey, f"{value:g} is not a percentage", "use a value from 0 to 100"))
    return out


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
    """Everything read and checked; raises :class:`InputError` with all problems found."""
    study, study_src, problems = load_study(data)
    if layout is None and study.layout:
        layout = data.parent / study.layout
        if not layout.is_file():
            problems.append(
                study_src.problem(
                    ("layout",), f"layout file not found: {layout}", "give a path relative to the data file"
                )
            )
            raise InputError(problems)
    spec, spec_src = load_spec(layout)
    problems += check_spec(spec, study, spec_src)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return Inputs(study, spec, study_src, spec_src, tuple(problems))
