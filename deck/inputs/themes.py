"""Themes: a shipped one by name or a theme file, under the overrides the layout spec writes."""

from __future__ import annotations

from pathlib import Path

from deck.errors import InputError, Problem
from deck.inputs.layout_spec import ThemeSpec
from deck.inputs.parse import parse
from deck.inputs.source import SourceMap, load_yaml

THEMES = Path(__file__).resolve().parent.parent / "themes"
SHIPPED = ("default", "dark", "high-contrast")


def theme_file(name: str, base: Path) -> Path:
    """Where the theme ``name`` is: shipped, or a file relative to ``base``."""
    return THEMES / f"{name}.yaml" if name in SHIPPED else base / name


def resolve_theme(spec: ThemeSpec, src: SourceMap) -> tuple[ThemeSpec, list[Problem]]:
    """The theme the spec asks for (``use``) with the spec's own keys over it; problems located in
    the spec, or in the theme file for what is wrong inside it."""
    if spec.use is None:
        return spec, []
    path = theme_file(spec.use, src.file.parent)
    if not path.is_file():
        shipped = ", ".join(SHIPPED)
        message = f"theme '{spec.use}' not found: it is not a shipped theme ({shipped}), nor a file ({path})"
        return spec, [src.problem(("theme", "use"), message, f"use one of {shipped}, or the path of a theme file")]
    try:
        loaded = load_yaml(path)
    except InputError as error:
        return spec, error.problems
    base, problems = parse(ThemeSpec, loaded.data, loaded.source)
    if base is None:
        return spec, problems
    if base.use is not None:
        message = "a theme file cannot itself use another theme"
        return spec, [loaded.source.problem(("use",), message, "write the colours it takes out in full")]
    values = base.model_dump(exclude_none=True, exclude={"use"})
    if base.logo:  # a theme file's logo stands beside the theme file
        values["logo"] = str((path.parent / base.logo).resolve())
    own = spec.model_dump(exclude_none=True, exclude={"use"})
    sizes = values.pop("type", {}) | own.pop("type", {})
    merged = values | own | ({"type": sizes} if sizes else {})
    return ThemeSpec.model_validate(merged | {"use": spec.use}), []
