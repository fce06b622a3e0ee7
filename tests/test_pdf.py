"""`deck build --pdf`: the deck as PDF through LibreOffice, among the outputs, the same bytes for
the same deck; a clear message when LibreOffice is missing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from deck.cli import main
from deck.output import office

pytestmark = pytest.mark.xdist_group("office")

if not office.available():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must render decks: {office.INSTALL_HINT}")
    pytest.skip(f"LibreOffice/Poppler missing: {office.INSTALL_HINT}", allow_module_level=True)


def test_the_deck_as_pdf_among_the_outputs(tmp_path: Path):
    first = CliRunner().invoke(main, ["build", "--pdf", "--no-images", "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    pdf = tmp_path / "a" / "numerique-sante-2023.pdf"
    assert str(pdf) in first.output
    assert office.page_count(pdf) == 10
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert pdf.name in [f["path"] for f in manifest["files"]]
    pages = office.words(pdf)
    assert any(w.text == "Méthodologie" for w in pages[9])
    again = CliRunner().invoke(main, ["build", "--pdf", "--no-images", "--out", str(tmp_path / "b")])
    assert again.exit_code == 0
    assert (tmp_path / "b" / pdf.name).read_bytes() == pdf.read_bytes()  # no date, no random identifier
    without = CliRunner().invoke(main, ["build", "--no-images", "--out", str(tmp_path / "a")])
    assert without.exit_code == 0 and not pdf.exists()  # a PDF of an older deck never stays behind


def test_without_libreoffice_pdf_says_what_to_install(tmp_path: Path, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["build", "--pdf", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--pdf needs LibreOffice Impress" in result.output
    assert "apt-get install libreoffice-impress" in result.output and not (tmp_path / "o").exists()
