"""Pydantic's validation errors as located problems: plain words, a hint, a did-you-mean."""

from __future__ import annotations

import copy
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from deck import model as m
from deck.errors import Problem
from deck.source import Key, SourceMap
from deck.templates import did_you_mean

T = TypeVar("T", bound=BaseModel)


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


def without_bad_parts(data: Any, problems: list[Problem]) -> m.Study | None:
    """The study minus unknown keys and the list entries that hold errors, if that is valid."""
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
