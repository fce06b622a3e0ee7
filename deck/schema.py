"""JSON Schemas for editors (``# yaml-language-server: $schema=...``), generated from the models;
the layout's template names and their descriptions come from the template registry."""

from __future__ import annotations

from typing import Any

from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.study import Study
from deck.layout.template import Medium
from deck.layout.templates import AUTO, PAGES, SECTIONS, names


def _schema(model: Any, title: str) -> dict[str, Any]:
    schema: dict[str, Any] = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


_CELL = {
    "type": "object",
    "description": "A figure read from a table: {table: results.xlsx, sheet: Q1, row: ROW, column: COLUMN}.",
    "properties": {k: {"type": ["string", "number"]} for k in ("table", "sheet", "row", "column")},
    "required": ["table", "row", "column"],
    "additionalProperties": False,
}
_ROWS = {
    "type": "object",
    "description": "Every row of a table's column (or `rows`, in order): {table: answers.csv, column: Total}.",
    "properties": {
        **{k: {"type": ["string", "number"]} for k in ("table", "sheet", "column")},
        "rows": {"type": "array", "items": {"type": ["string", "number"]}},
    },
    "required": ["table", "column"],
    "additionalProperties": False,
}


def data_schema() -> dict[str, Any]:
    """The data file's schema; figures and lists may also be table references (see deck.inputs.tables)."""
    schema = _schema(Study, "deck study data file")
    defs = schema["$defs"]
    for model in ("Stat", "Wave", "Answer", "RankEntry"):
        value = defs[model]["properties"]["value"]
        defs[model]["properties"]["value"] = {"anyOf": [value, _CELL], "description": value.get("description", "")}
    for model, key in (("Breakdown", "answers"), ("Ranking", "items")):
        rows = defs[model]["properties"][key]
        defs[model]["properties"][key] = {"anyOf": [rows, _ROWS]}
    return schema


def layout_schema() -> dict[str, Any]:
    schema = _schema(LayoutSpec, "deck layout spec")
    media: list[tuple[str, Medium]] = [("SlideSpec", "slide"), ("ImageSpec", "image")]
    for entry, medium in media:
        template = schema["$defs"][entry]["properties"]["template"]
        template["enum"] = names(medium)
        template["description"] = "Template name: " + "; ".join(f"'{name}': {describe(name)}" for name in names(medium))
    return schema


def describe(name: str) -> str:
    """What a template shows, in one line, from its registry record."""
    if name == AUTO:
        order = ", ".join(t.name for t in sorted(SECTIONS.values(), key=lambda t: t.rank))
        return f"the template that suits the content ({order}, in that order of preference)"
    return SECTIONS[name].summary if name in SECTIONS else PAGES[name].summary


def template_table() -> str:
    """The docs' Markdown table of slide templates, from the registry."""
    rows = ["| template | needs in the section | shows |", "|---|---|---|"]
    rows.append(f"| `{AUTO}` | | {describe(AUTO)} |")
    rows += [f"| `{t.name}` | {t.needs} | {t.summary} |" for t in SECTIONS.values()]
    rows += [f"| `{t.name}` | (no section) | {t.summary} |" for t in PAGES.values()]
    return "\n".join(rows)
