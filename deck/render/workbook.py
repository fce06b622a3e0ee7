"""The workbook behind a chart, written directly: the same sheet python-pptx lays out (categories
down column A, one series per column; or, on a time axis, one block of rows per series), as a
small, reproducible xlsx that PowerPoint opens for "Edit Data", at a tenth of the cost."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from deck.render.markup import escape, quoteattr
from deck.render.package import FIXED_TIME

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def category_workbook(categories: list[str], series: list[tuple[str, list[Any]]], number_format: str) -> bytes:
    """Categories down column A from row 2, one series per column from B, its name in row 1."""
    rows = [[_text_cell(f"{column_letter(2 + k)}1", name) for k, (name, _) in enumerate(series)]]
    for i, category in enumerate(categories):
        row = i + 2
        cells = [_text_cell(f"A{row}", category)]
        for k, (_, values) in enumerate(series):
            value = values[i] if i < len(values) else None
            if value is not None:
                cells.append(_number_cell(f"{column_letter(2 + k)}{row}", value))
        rows.append(cells)
    return _workbook(rows, number_format)


def xy_workbook(years: list[int], series: list[tuple[str, list[Any]]], number_format: str) -> bytes:
    """Series on a time axis, one block of rows each, as python-pptx lays them out: the name in
    column B, then each point's year in A and value in B, then a blank row."""
    rows: list[list[str]] = []
    for name, values in series:
        rows.append([_text_cell(f"B{len(rows) + 1}", name)])
        for year, value in zip(years, values):
            row = len(rows) + 1
            rows.append([f'<c r="A{row}" s="2"><v>{int(year)}</v></c>', _number_cell(f"B{row}", value)])
        rows.append([])
    return _workbook(rows[:-1], number_format)


def _number_cell(ref: str, value: Any) -> str:
    return f'<c r="{ref}" s="1"><v>{float(value)!r}</v></c>'


def _workbook(rows: list[list[str]], number_format: str) -> bytes:
    """One sheet of ``rows``, numbers in ``number_format`` (style 1) or as whole numbers (style 2)."""
    sheet_rows = "".join(f'<row r="{n}">{"".join(cells)}</row>' for n, cells in enumerate(rows, 1) if cells)
    sheet = f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>{sheet_rows}</sheetData></worksheet>'
    styles = (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode='
        f"{quoteattr(number_format)}/></numFmts>"
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    files = {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_DOC}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/styles.xml": styles,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # the deck's own zip compresses it
        for name, text in files.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode())
    return out.getvalue()


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def column_letter(number: int) -> str:
    """A worksheet column's letters: 1 → A, 27 → AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
