"""LibreOffice and Poppler, to see a deck as an office suite draws it.

Used by ``deck build --review`` and by the rendering tests. Needs ``soffice`` (Debian package
``libreoffice-impress``) and ``pdftoppm``/``pdftotext``/``pdffonts`` (``poppler-utils``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from deck.errors import DeckError

INSTALL_HINT = "install LibreOffice Impress and Poppler (apt-get install libreoffice-impress poppler-utils)"


class OfficeError(DeckError):
    """LibreOffice or Poppler is missing or failed."""

    exit_code = 4


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def available() -> bool:
    return all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext", "pdffonts"))


def _run(args: list[str], timeout: float = 600) -> str:
    if shutil.which(args[0]) is None:
        raise OfficeError(f"{args[0]} not found; {INSTALL_HINT}")
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError(f"{args[0]} did not finish in {timeout:.0f} s") from None
    if done.returncode != 0:
        raise OfficeError(f"{args[0]} failed: {done.stderr.strip()[:400]}")
    return done.stdout


def to_pdf(deck: Path, outdir: Path) -> Path:
    """The deck converted by LibreOffice Impress, headless, with a private profile."""
    return to_pdfs([deck], outdir)[0]


def to_pdfs(decks: list[Path], outdir: Path) -> list[Path]:
    """Several decks converted by one LibreOffice process (it starts once); their names must differ."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deck-lo-") as profile:
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        _run(command + ["--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)])
    pdfs = [outdir / (deck.stem + ".pdf") for deck in decks]
    for deck, pdf in zip(decks, pdfs):
        if not pdf.is_file():
            raise OfficeError(f"LibreOffice wrote no PDF for {deck}")
    return pdfs


def page_count(pdf: Path) -> int:
    for line in _run(["pdfinfo", str(pdf)]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise OfficeError(f"pdfinfo gave no page count for {pdf}")


def words(pdf: Path) -> list[list[Word]]:
    """Every word Poppler finds, per page, with its box in points (origin top left)."""
    xml = _run(["pdftotext", "-bbox", str(pdf), "-"])
    root = ElementTree.fromstring(xml.replace("<!DOCTYPE", "<!--").replace('.dtd">', '.dtd"-->', 1))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        pages.append(
            [
                Word(
                    w.text or "",
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                )
                for w in page.iter("{http://www.w3.org/1999/xhtml}word")
            ]
        )
    return pages


def fonts(pdf: Path) -> set[str]:
    """Names of the fonts in the PDF, subset prefixes removed."""
    lines = _run(["pdffonts", str(pdf)]).splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in lines if line.strip()}


def page_images(
    pdf: Path, outdir: Path, dpi: int = 72, first: int | None = None, last: int | None = None
) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    stem = outdir / pdf.stem
    args = ["pdftoppm", "-png", "-r", str(dpi)]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    _run(args + [str(pdf), str(stem)])
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))
