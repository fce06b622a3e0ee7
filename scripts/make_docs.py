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
THEMES = {  # the shipped themes, each as a slide and an image of the example -> README pictures
    "dark": (4, "png/04-connaissance.png"),
    "high-contrast": (3, "png/02-pratiques.png"),
}
EXAMPLES = {  # published studies of data/examples: (data file, slide number, image) -> README pictures
    "ons-opinions-june-2022": (2, "png/03-travel-to-work.png"),
    "destatis-auszug-2024": (2, "png/01-auszugsalter.png"),
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
        examples = {}
        for name, (_, image) in EXAMPLES.items():
            examples[name] = deck.build(ROOT / "data" / "examples" / f"{name}.yaml", out=Path(tmp) / name)
            _save(Image.open(examples[name].out / image), DOCS / f"example-{name}-image.png", 960)
        if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
            print("soffice/pdftoppm not found: slide pictures not regenerated")
            return
        _slides(result.deck, Path(tmp), {ROOT / target: page for target, page in SLIDES.items()})
        layout = (ROOT / "layouts" / "default.yaml").read_text(encoding="utf-8")
        for name, (page, image) in THEMES.items():
            spec = Path(tmp) / f"theme-{name}.yaml"
            spec.write_text(layout.replace("theme:\n", f"theme:\n  use: {name}\n", 1), encoding="utf-8")
            themed = deck.build(ROOT / "data" / "numerique-sante-2023.yaml", spec, out=Path(tmp) / f"theme-{name}")
            _save(Image.open(themed.out / image), DOCS / f"theme-{name}-image.png", 960)
            _slides(themed.deck, Path(tmp), {DOCS / f"theme-{name}-slide.png": page})
        for name, (page, _) in EXAMPLES.items():
            _slides(examples[name].deck, Path(tmp), {DOCS / f"example-{name}-slide.png": page})
    print("docs/ regenerated")


def _slides(deck_file: Path, tmp: Path, pages: dict[Path, int]) -> None:
    """Slides of ``deck_file`` as LibreOffice draws them, saved where ``pages`` says."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(deck_file)],
        check=True,
        capture_output=True,
    )
    pdf = tmp / (deck_file.stem + ".pdf")
    for target, page in pages.items():
        stem = tmp / f"{deck_file.stem}-page{page}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        _save(Image.open(f"{stem}.png"), target, 960)


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
