"""Regenerate what docs/ publishes: the JSON Schemas and the README pictures.

    python scripts/make_docs.py

The slide picture is the deck as LibreOffice renders it (soffice and pdftoppm must be installed);
the infographic is deck's own PNG. Both are scaled down to keep the repository small.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SLIDES = {"docs/slide-compare.png": 3, "docs/slide-hero.png": 2}
IMAGES = {
    "docs/infographic-pictogram.png": "png/03-donnees.png",
    "docs/infographic-square.png": "png/01-usages-square.png",
}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import deck
    from deck.schema import data_schema, layout_schema

    for name, schema in (("study.schema.json", data_schema()), ("layout.schema.json", layout_schema())):
        (DOCS / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_template_table(DOCS / "layout-format.md")
    write_template_table(ROOT / "README.md")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = deck.build(ROOT / "data" / "numerique-sante-2023.yaml", out=out)
        for target, source in IMAGES.items():
            _save(Image.open(out / source), ROOT / target, 960)
        if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
            print("soffice/pdftoppm not found: slide pictures not regenerated")
            return
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(result.deck)],
            check=True,
            capture_output=True,
        )
        pdf = Path(tmp) / (result.deck.stem + ".pdf")
        for target, page in SLIDES.items():
            stem = Path(tmp) / f"page{page}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                check=True,
            )
            _save(Image.open(f"{stem}.png"), ROOT / target, 960)
    print("docs/ regenerated")


TABLE_START = "<!-- template table: generated from the registry by scripts/make_docs.py -->\n"
TABLE_END = "\n<!-- end of template table -->"


def write_template_table(doc: Path) -> None:
    """The table of templates in the layout docs, from the template registry."""
    from deck.schema import template_table

    text = doc.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)  # the markers stay
    doc.write_text(text[:start] + template_table() + text[end:], encoding="utf-8")


def _save(image: Image.Image, target: Path, width: int) -> None:
    height = round(image.height * width / image.width)
    image.convert("RGB").resize((width, height), Image.LANCZOS).save(target, optimize=True)


if __name__ == "__main__":
    main()
