"""Pydantic's validation errors as located problems: plain words, a hint, a did-you-mean."""

from __future__ import annotations

import copy
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from deck.errors import Problem, did_you_mean
from deck.inputs import study as m
from deck.inputs.source import Key, SourceMap

T = TypeVar("T", bound=BaseModel)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where ``loc`` points (pydantic's location, union tags included)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    members = [t for t in _members(current) if isinstance(t, type) and issubclass(t, BaseModel)]
    return sorted({name for t in members for name in _keys(t)})


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a data file writes for ``model``'s fields (their alias where they have one)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _members(annotation: Any) -> list[Any]:
    """An annotation with Annotated and unions unwrapped into its possible types."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [t for arg in get_args(annotation) for t in _members(arg)]
    return [annotation]


def _step(annotation: Any, part: Any) -> Any:
    for member in _members(annotation):
        origin = get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            keys = _keys(member)
            if isinstance(part, str) and part in keys:
                return keys[part].annotation
            kind = member.model_fields.get("kind")
            if kind is not None and part in get_args(kind.annotation):
                return member
        elif origin is list and isinstance(part, int):
            return get_args(member)[0]
        elif origin is dict and isinstance(part, str):
            return get_args(member)[1]
    return None


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
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            key = _data_key(data, loc)
            known = _fields_at(model, loc[:-1]) if err["type"] == "extra_forbidden" else []
            message, hint = _explain(err, key, known, doc)
            code = "unknown-key" if err["type"] == "extra_forbidden" else "schema"
            problems.append(source.problem(key, message, hint, code=code))
        return None, problems


def _explain(err: Any, key: Key, known: list[str], doc: str) -> tuple[str, str | None]:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        name = str(key[-1]) if key else "?"
        hint = did_you_mean(name, known) or (f"valid keys here: {', '.join(known)}" if known else f"see {doc}")
        return f"unknown key '{name}'", hint
    if kind == "missing":
        return f"missing required key '{err['loc'][-1]}'", "add it"
    if kind == "union_tag_invalid":
        tags = err.get("ctx", {}).get("expected_tags", "")
        return f"unknown item kind {err.get('input', {}).get('kind')!r}", f"use one of {tags}"
    if kind == "union_tag_not_found":
        return "item has no `kind`", "add `kind:` (stat, breakdown, ranking, quote, note, heading)"
    slug = str(err.get("ctx", {}).get("pattern", "")).startswith("^[A-Za-z0-9][A-Za-z0-9_-]")
    if kind == "string_pattern_mismatch" and key and (slug or key[-1] in ("id", "section", "source", "of")):
        return "not a simple id", "ids are slugs: a letter or digit, then letters, digits, '-' and '_' (64 at most)"
    if kind == "too_long" and err.get("ctx", {}).get("max_length") is not None:
        most, given = err["ctx"]["max_length"], err["ctx"].get("actual_length")
        what = f"{given} entries" if isinstance(given, int) else "too many entries"
        where = key[-1] if key else ""
        hint = _TOO_MANY.get(str(where), "keep the ones that matter most, or split them into several")
        return f"{what}, more than the {most} one of these can hold", hint
    if kind in _PLAIN:
        message, hint = _PLAIN[kind]
        return message, hint
    text = msg.removeprefix("Value error, ")
    return (text[0].lower() + text[1:] if text else kind), None


_TOO_MANY = {
    "sections": "split the study into several data files, one deck each",
    "items": "split the section into several sections",
    "answers": "group the smallest answers into one (for example 'Other')",
}

_PLAIN = {
    "float_parsing": ("not a number", "write the figure as a number, e.g. 78 (no % sign, decimal point '.')"),
    "float_type": ("not a number", "write the figure as a number, e.g. 78"),
    "int_parsing": ("not a whole number", "write it as digits, e.g. 2032"),
    "int_type": ("not a whole number", "write it as digits, e.g. 2032"),
    "int_from_float": ("not a whole number", "write it without decimals"),
    "string_type": ("not text", "write text here; quote it if YAML reads it as something else"),
    "model_type": ("not a mapping of keys", "write `key: value` lines here (see the docs for the keys)"),
    "dict_type": ("not a mapping of keys", "write `key: value` lines here"),
    "model_attributes_type": ("not a mapping of keys", "write `key: value` lines here"),
    "list_type": ("not a list", "write a list: lines starting with '- ', or [a, b]"),
    "date_from_datetime_parsing": ("not a date", "write dates as YYYY-MM-DD"),
    "date_parsing": ("not a date", "write dates as YYYY-MM-DD"),
    "date_type": ("not a date", "write dates as YYYY-MM-DD"),
    "bool_type": ("not true or false", "write true or false"),
}


def without_bad_parts(data: Any, problems: list[Problem]) -> m.Study | None:
    """The study minus unknown keys and the list entries that hold errors, if that is valid."""
    if not isinstance(data, dict):
        return None
    pruned = copy.deepcopy(data)
    drops: list[tuple[Any, Any]] = []
    for problem in problems:
        key = list(problem.key)
        if problem.code == "unknown-key":
            parent = _walk(pruned, key[:-1])
            drops.append((parent, key[-1]))
            continue
        return None  # dropping a list entry would shift the places of those after it: no partial check
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
