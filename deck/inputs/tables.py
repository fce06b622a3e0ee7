"""Figures read from the survey tool's own tables (CSV or XLSX), by reference from the data file.

A figure's ``value`` can be ``{table: results.xlsx, sheet: Q1, row: "Prise de RDV", column: "2023"}``,
and a breakdown's ``answers`` or a ranking's ``items`` can be ``{table: …, sheet: …, column: …}``
(every row of that column: its label and its value; ``rows: [...]`` picks and orders some). A table
has its column labels in its first row and its row labels in its first column. Cells formatted as
percentages (0.78 shown as 78 %) count as 78; texts such as "78 %" or "78,5" are read as numbers.

The references are replaced by the numbers before the study is validated, so every later check sees
plain figures; each resolved value remembers its cell (``results.xlsx › Q1 › C4``) for the change
report.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deck.errors import Problem, did_you_mean
from deck.inputs import reads
from deck.inputs.source import Key, SourceMap

MAX_TABLE_BYTES = 20_000_000
MAX_CELLS = 2_000_000
REF_KEYS = {"table", "sheet", "row", "column", "rows"}
LISTS = {"answers": "breakdown", "items": "ranking"}  # list keys a reference can fill, and their item kind
ROUNDING_SLACK = 1.5  # points a column of answers may be off 100 and still be a breakdown


@dataclass
class Table:
    name: str  # as the data file writes it, with the sheet: "results.xlsx › Q1"
    columns: list[str]
    rows: list[str]
    cells: dict[tuple[str, str], tuple[Any, str, bool]]  # (row, column) → (value, coordinate, percent format)


@dataclass
class Tables:
    """Tables read so far (each file once) and the cell of every figure taken from one."""

    base: Path
    src: SourceMap
    problems: list[Problem] = field(default_factory=list)
    cells: dict[Key, str] = field(default_factory=dict)
    files: set[Path] = field(default_factory=set)
    _cache: dict[tuple[Path, str | None], Table | str] = field(default_factory=dict)

    def resolve(self, node: Any, key: Key = ()) -> Any:
        """``node`` with every reference replaced by what it names (problems collected)."""
        if not key and not any(k and k[-1] == "table" for k in self.src.marks):
            return node  # the file names no table: nothing to replace (a study's texts are not walked)
        if isinstance(node, dict):
            if key and key[-1] in LISTS and _is_ref(node):
                return self._rows(node, key)
            if key and key[-1] == "value" and _is_ref(node):
                return self._cell(node, key)
            return {k: self.resolve(v, key + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [self.resolve(v, key + (i,)) for i, v in enumerate(node)]
        return node

    def _fail(self, key: Key, message: str, hint: str) -> None:
        self.problems.append(self.src.problem(key, message, hint, code="table"))

    def _table(self, ref: dict[str, Any], key: Key) -> Table | None:
        name = ref.get("table")
        sheet = ref.get("sheet")
        if not isinstance(name, str) or not name or "\0" in name:
            self._fail(
                key + ("table",), "a table reference needs `table:` with a file name", "name a .csv or .xlsx file"
            )
            return None
        if sheet is not None and not isinstance(sheet, str):
            sheet = str(sheet)
        path = self.base / name
        found = self._cache.get((path, sheet))
        if found is None:
            found = read_table(path, name, sheet)
            self._cache[(path, sheet)] = found
        self.files.add(path)
        if isinstance(found, str):
            self._fail(key, found, "check the table's name and sheet (relative to the data file)")
            return None
        return found

    def _cell(self, ref: dict[str, Any], key: Key) -> Any:
        if unknown := set(ref) - (REF_KEYS - {"rows"}):
            self._fail(key, f"unknown key in a table reference: {', '.join(sorted(map(str, unknown)))}", _REF_HINT)
            return None
        table = self._table(ref, key)
        if table is None:
            return None
        row, column = _label(ref.get("row")), _label(ref.get("column"))
        if row is None or column is None:
            self._fail(key, "a figure's table reference needs `row:` and `column:`", _REF_HINT)
            return None
        if not self._has(table, row, column, key):
            return None
        return self._number(table, row, column, key)

    def _rows(self, ref: dict[str, Any], key: Key) -> Any:
        if unknown := set(ref) - (REF_KEYS - {"row"}):
            self._fail(key, f"unknown key in a table reference: {', '.join(sorted(map(str, unknown)))}", _REF_HINT)
            return None
        table = self._table(ref, key)
        if table is None:
            return None
        column = _label(ref.get("column"))
        if column is None:
            self._fail(key, "a list's table reference needs `column:` (every row of it is read)", _REF_HINT)
            return None
        picked = ref.get("rows")
        rows = [_label(r) or "" for r in picked] if isinstance(picked, list) else table.rows
        out = []
        for index, row in enumerate(rows):
            if not self._has(table, row, column, key):
                return None
            value = self._number(table, row, column, key + (index, "value"))
            out.append({"label": row, "value": value})
        return out

    def _has(self, table: Table, row: str, column: str, key: Key) -> bool:
        if column not in table.columns:
            hint = did_you_mean(column, table.columns) or f"its columns: {_listing(table.columns)}"
            self._fail(key, f"{table.name} has no column '{column}'", hint)
            return False
        if row not in table.rows:
            hint = did_you_mean(row, table.rows) or f"its rows: {_listing(table.rows)}"
            self._fail(key, f"{table.name} has no row '{row}'", hint)
            return False
        return True

    def _number(self, table: Table, row: str, column: str, key: Key) -> Any:
        value, where, percent = table.cells.get((row, column), (None, "", False))
        number = as_number(value, percent)
        if number is None:
            shown = "empty" if value in (None, "") else f"'{value}'"
            self._fail(key, f"{table.name} › {where}: the cell is {shown}, not a number", "fill the cell in the table")
            return None
        self.cells[key] = f"{table.name} › {where}"
        return number


_REF_HINT = "write {table: FILE, sheet: SHEET, row: ROW, column: COLUMN} (a list: no `row`)"


def _is_ref(node: dict[Any, Any]) -> bool:
    return "table" in node and set(map(str, node)) <= REF_KEYS | {"table"}


def _label(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text.removesuffix(".0") if isinstance(value, float) else text


def _listing(labels: list[str], most: int = 8) -> str:
    shown = ", ".join(f"'{label}'" for label in labels[:most])
    return shown + (f" and {len(labels) - most} more" if len(labels) > most else "")


_NUMBER = re.compile(r"[+\-−]?\d+(?:[.,]\d+)?")


def as_number(value: Any, percent: bool) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return round(float(value) * 100, 9) if percent else float(value)
    text = str(value).strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    is_percent = text.endswith("%")
    text = text.removesuffix("%")
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text.replace(",", ".").replace("−", "-"))
    return number if is_percent or not percent else round(number * 100, 9)


def read_table(path: Path, name: str, sheet: str | None) -> Table | str:
    """The table, or why it cannot be read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return f"table file not found: {path}"
    except (OSError, RuntimeError) as exc:
        return f"table {name} cannot be opened ({getattr(exc, 'strerror', None) or exc})"
    if not stat.S_ISREG(info.st_mode):
        return f"table {name} is not a regular file"
    if info.st_size > MAX_TABLE_BYTES:
        return f"table {name} is {info.st_size:,} bytes, more than {MAX_TABLE_BYTES:,}"
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            if sheet is not None:
                return f"table {name} is a CSV file: it has no sheets (remove `sheet:`)"
            raw = path.read_bytes()
            reads.note(path, raw)
            return _csv(raw, name)
        if suffix == ".xlsx":
            raw = path.read_bytes()
            reads.note(path, raw)
            return _xlsx(io.BytesIO(raw), name, sheet)
    except (OSError, ValueError, KeyError, EOFError) as exc:  # a damaged file
        return f"table {name} cannot be read ({type(exc).__name__}: {exc})"
    return f"table {name} is not a .csv or .xlsx file (.xls and .ods: save it as .xlsx)"


def _csv(raw: bytes, name: str) -> Table | str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's own CSV export on Windows
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = list(csv.reader(io.StringIO(text), dialect))
    return _grid(
        name,
        [[(cell, f"{_column_letter(c)}{r + 1}", False) for c, cell in enumerate(row)] for r, row in enumerate(grid)],
    )


def sheet_names(path: Path) -> list[str]:
    """A workbook's sheets, in order (none when it cannot be read)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (OSError, ValueError, KeyError, EOFError):
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _xlsx(path: Path | io.BytesIO, name: str, sheet: str | None) -> Table | str:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        names = book.sheetnames
        if sheet is None:
            sheet = names[0]
        if sheet not in names:
            hint = did_you_mean(sheet, names) or f"its sheets: {_listing(names)}"
            return f"table {name} has no sheet '{sheet}'; {hint}"
        rows = []
        count = 0
        for row in book[sheet].iter_rows():
            count += len(row)
            if count > MAX_CELLS:
                return f"table {name} › {sheet} has more than {MAX_CELLS:,} cells"
            rows.append(
                [
                    (cell.value, getattr(cell, "coordinate", ""), "%" in str(getattr(cell, "number_format", "")))
                    for cell in row
                ]
            )
    finally:
        book.close()
    return _grid(f"{name} › {sheet}", rows)


def _grid(name: str, grid: list[list[tuple[Any, str, bool]]]) -> Table | str:
    grid = [row for row in grid if any(cell[0] not in (None, "") for cell in row)]
    if len(grid) < 2:
        return f"table {name} has no rows under its first row of column labels"
    header = [_label(cell[0]) or "" for cell in grid[0]]
    columns = [h for h in header[1:] if h]
    rows: list[str] = []
    cells: dict[tuple[str, str], tuple[Any, str, bool]] = {}
    for row in grid[1:]:
        label = _label(row[0][0]) if row else None
        if not label or label in rows:
            continue
        rows.append(label)
        for index, column in enumerate(header[1:], 1):
            if column and index < len(row):
                cells[(label, column)] = row[index]
    return Table(name, columns, rows, cells)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
