"""Figures read from the survey tool's tables: an XLSX workbook (percent cells, sheets) and a CSV
export (semicolons, decimal commas); a change of cell shows in the report; a missing row or sheet
is a located error naming the table and the closest labels."""

from __future__ import annotations

from pathlib import Path

import pytest

import deck
from deck.errors import InputError
from deck.loop import diff
from deck.pipeline import load

STUDY = """\
study: {{id: tables, title: Figures from tables, locale: en, institutes: [Institute]}}
sections:
  - id: usage
    title: Usage of online services
    items:
      - kind: stat
        id: booking
        value: {{table: results.xlsx, sheet: Q1, row: {row}, column: "2023"}}
        unit: "%"
        label: have booked an appointment online.
        earlier:
          - {{year: 2020, value: {{table: results.xlsx, sheet: Q1, row: Online booking, column: "2020"}}}}
      - kind: breakdown
        id: known
        answers: {{table: answers.csv, column: Total}}
"""


def _workbook(path: Path, booking: float = 0.78) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Q1"
    sheet.append(["", 2023, 2020])
    sheet.append(["Online booking", booking, 0.70])
    sheet.append(["Teleconsultation", 0.39, 0.32])
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "0%"
    book.create_sheet("Q2").append(["", "Total"])
    book.save(path)


@pytest.fixture()
def study(tmp_path: Path) -> Path:
    _workbook(tmp_path / "results.xlsx")
    (tmp_path / "answers.csv").write_text("Answer;Total\nYes, and used it;50\nYes, never used;32,5\nNo;17,5\n")
    path = tmp_path / "study.yaml"
    path.write_text(STUDY.format(row="Online booking"), encoding="utf-8")
    return path


def test_figures_come_from_their_cells(study: Path):
    inputs = load(study)
    booking = inputs.study.sections[0].items[0]
    assert booking.value == 78 and booking.earlier[0].value == 70  # percent cells read as percentages
    answers = inputs.study.sections[0].items[1].answers
    assert [(a.label, a.value) for a in answers] == [("Yes, and used it", 50), ("Yes, never used", 32.5), ("No", 17.5)]
    assert inputs.cells[("sections", 0, "items", 0, "value")] == "results.xlsx › Q1 › B2"
    assert inputs.tables == {study.parent / "results.xlsx", study.parent / "answers.csv"}


def test_a_changed_cell_is_reported_with_its_cell(study: Path, tmp_path: Path):
    first = deck.build(study, out=tmp_path / "out", images=False)
    assert first.manifest["data"]["figures"]["booking"]["value"] == 78
    _workbook(study.parent / "results.xlsx", booking=0.81)
    again = deck.build(study, out=tmp_path / "out", images=False)
    [change] = [c for c in again.changes if c["kind"] == "figure"]
    assert (change["id"], change["old"], change["new"], change["cell"]) == ("booking", 78, 81, "results.xlsx › Q1 › B2")


@pytest.mark.parametrize(
    ("row", "sheet", "message"),
    [
        ("Online bookings", "Q1", "results.xlsx › Q1 has no row 'Online bookings'; did you mean 'Online booking'?"),
        ("Online booking", "Q9", "table results.xlsx has no sheet 'Q9'; its sheets: 'Q1', 'Q2'"),
    ],
)
def test_a_missing_row_or_sheet_names_the_table_and_the_closest_labels(study: Path, row: str, sheet: str, message: str):
    study.write_text(STUDY.format(row=row).replace("sheet: Q1, row: " + row, f"sheet: {sheet}, row: {row}", 1))
    with pytest.raises(InputError) as error:
        load(study)
    found = [str(p) for p in error.value.problems]
    assert any(f"study.yaml:8:9: sections[0].items[0].value: {message}" in p for p in found), found
    assert len(found) == 1, found


def test_diff_names_the_cell(study: Path, tmp_path: Path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "study.yaml").write_text(study.read_text())
    (other / "answers.csv").write_text((study.parent / "answers.csv").read_text())
    _workbook(other / "results.xlsx", booking=0.80)
    [change] = diff(study, other / "study.yaml")
    assert change["cell"] == "results.xlsx › Q1 › B2" and (change["old"], change["new"]) == (78, 80)


def test_the_published_schema_accepts_table_references(study: Path):
    import jsonschema
    import yaml

    from deck.schema import data_schema

    jsonschema.validate(yaml.safe_load(study.read_text()), data_schema())
    bad = yaml.safe_load(study.read_text())
    bad["sections"][0]["items"][0]["value"] = {"table": "results.xlsx", "rows": 3}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, data_schema())


def test_deck_new_writes_a_data_file_that_reads_every_cell(study: Path, tmp_path: Path):
    from click.testing import CliRunner

    from deck.cli import main

    result = CliRunner().invoke(main, ["new", str(study.parent / "results.xlsx")])
    assert result.exit_code == 0, result.output
    written = study.parent / "results.yaml"
    inputs = load(written)
    [section] = inputs.study.sections  # Q2 has no figures: no section
    assert section.id == "q1" and [s.value for s in section.items] == [78, 39]
    assert [w.value for s in section.items for w in s.earlier] == [70, 32]
    again = CliRunner().invoke(main, ["new", str(study.parent / "results.xlsx")])
    assert again.exit_code == 2 and "never overwrites" in again.output
    csv = CliRunner().invoke(main, ["new", str(study.parent / "answers.csv"), "--data", str(tmp_path / "a.yaml")])
    assert csv.exit_code == 0, csv.output
    [breakdown] = load(tmp_path / "a.yaml").study.sections[0].items
    assert [a.value for a in breakdown.answers] == [50, 32.5, 17.5]
