"""LibreOffice and Poppler, to see a deck as an office suite draws it.

Used by ``deck build --review`` and by the rendering tests. Needs ``soffice`` (Debian package
``libreoffice-impress``) and ``pdftoppm``/``pdftotext``/``pdffonts`` (``poppler-utils``).
"""

from __future__ import annotations

import re
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


_PDF_DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)(\))")
_XMP_DATES = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp:)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_UUID = re.compile(rb"(uuid:)([0-9a-fA-F-]{36})")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def reproducible_pdf(pdf: bytes, deck: bytes) -> bytes:
    """The PDF with the time of its conversion and its random identifiers replaced, byte for
    byte in place (every offset stays right): from the dates and a digest of the deck it shows."""
    import hashlib

    seed = hashlib.sha256(deck).hexdigest().encode()

    def same_length(value: bytes, fill: bytes) -> bytes:
        return (fill * (len(value) // len(fill) + 1))[: len(value)]

    pdf = _PDF_DATES.sub(lambda m: m.group(1) + _pdf_date(len(m.group(2))) + m.group(3), pdf)
    pdf = _XMP_DATES.sub(lambda m: m.group(1) + same_length(m.group(2), b"2000-01-01T00:00:00Z") + m.group(3), pdf)
    pdf = _UUID.sub(
        lambda m: m.group(1) + b"-".join(seed[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))), pdf
    )
    pdf = _CHECKSUM.sub(lambda m: m.group(1) + same_length(m.group(2), seed.upper()), pdf)
    return _PDF_ID.sub(
        lambda m: (
            m.group(0)
            .replace(m.group(1), same_length(m.group(1), seed.upper()))
            .replace(m.group(2), same_length(m.group(2), seed.upper()))
        ),
        pdf,
    )


def _pdf_date(length: int) -> bytes:
    """2000-01-01 at midnight UTC as a PDF date of ``length`` characters (after "D:")."""
    zones = {0: b"", 1: b"Z", 2: b"Z'", 3: b"+00", 6: b"+00'00", 7: b"+00'00'"}
    zone = zones.get(length - 14, b"Z".ljust(length - 14, b"0"))
    return (b"20000101000000" + zone)[:length]


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
