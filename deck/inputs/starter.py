"""``deck new TABLE``: a first data file written from the institute's delivery, one section per
question block (a sheet of a workbook, or the CSV file), every figure a reference to its cell."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from deck.errors import InputError, Problem
from deck.inputs.tables import ROUNDING_SLACK, Table, as_number, read_table, sheet_names


def starter(table: Path, data_folder: Path) -> str:
    """The YAML text of a data file that reads every figure of ``table``; paths relative to
    ``data_folder`` (where the data file will be)."""
    name = _relative(table, data_folder)
    sheets: list[str | None] = list(sheet_names(table)) if table.suffix.lower() == ".xlsx" else [None]
    sections = []
    taken: set[str] = set()
    for sheet in sheets:
        found = read_table(table, name, sheet)
        if isinstance(found, str):
            if len(sheets) == 1:
                raise InputError([Problem(found, file=table, hint="give a .csv or .xlsx table")])
            continue
        section = _section(found, name, sheet, taken)
        if section:
            sections.append(section)
    if not sections:
        raise InputError([Problem("no sheet holds a table of figures", file=table, hint="see docs/data-format.md")])
    study = {
        "study": {
            "id": _slug(table.stem, set()),
            "title": table.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Study",
            "locale": "en",
            "institutes": ["Institute"],
        },
        "sections": sections,
    }
    head = (
        f"# A first data file, written by `deck new` from {name}: every figure reads its cell.\n"
        "# Write the study's title, locale and institutes, each section's title and each figure's label;\n"
        "# then `deck check` this file. See docs/data-format.md.\n"
    )
    return head + yaml.safe_dump(study, allow_unicode=True, sort_keys=False, width=100)


def _section(table: Table, name: str, sheet: str | None, taken: set[str]) -> dict[str, Any] | None:
    numeric = [c for c in table.columns if all(_value(table, r, c) is not None for r in table.rows)]
    if not numeric or not table.rows:
        return None
    years = sorted((c for c in numeric if re.fullmatch(r"(19|20)\d\d", c)), reverse=True)
    current = years[0] if years else numeric[0]
    ref: dict[str, Any] = {"table": name, **({"sheet": sheet} if sheet else {})}
    title = sheet or Path(name).stem
    sid = _slug(title, taken)
    values = [_value(table, r, current) or 0.0 for r in table.rows]
    if len(table.rows) >= 2 and abs(sum(values) - 100) <= ROUNDING_SLACK and len(table.rows) <= 8:
        item: dict[str, Any] = {"kind": "breakdown", "id": f"{sid}-answers", "answers": {**ref, "column": current}}
        return {"id": sid, "title": title, "items": [item]}
    items = []
    used: set[str] = set()
    for row in table.rows[:200]:
        stat: dict[str, Any] = {
            "kind": "stat",
            "id": _slug(f"{sid}-{row}", used),
            "value": {**ref, "row": row, "column": current},
            "label": row,
        }
        earlier = [{"year": int(y), "value": {**ref, "row": row, "column": y}} for y in years[1:]]
        if earlier:
            stat["earlier"] = earlier
        items.append(stat)
    return {"id": sid, "title": title, "items": items}


def _value(table: Table, row: str, column: str) -> float | None:
    value, _, percent = table.cells.get((row, column), (None, "", False))
    return as_number(value, percent)


def _slug(text: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50] or "section"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(path.resolve())
