"""JSON Schemas for editors (``# yaml-language-server: $schema=...``), generated from the models."""

from __future__ import annotations

from typing import Any

from deck.inputs.layout_spec import LayoutSpec
from deck.inputs.study import Study


def _schema(model: Any, title: str) -> dict[str, Any]:
    schema: dict[str, Any] = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def data_schema() -> dict[str, Any]:
    return _schema(Study, "deck study data file")


def layout_schema() -> dict[str, Any]:
    return _schema(LayoutSpec, "deck layout spec")
