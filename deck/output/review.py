"""The review page: every slide as LibreOffice renders it, next to its infographics and alt texts."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

from deck.output import office


def review_files(deck_name: str, deck_blob: bytes, manifest: dict[str, Any]) -> dict[str, bytes]:
    """``review.html`` and the slide pictures it shows, as files for the output folder."""
    return office_files(deck_name, deck_blob, manifest, review=True, pdf=False)


def office_files(
    deck_name: str, deck_blob: bytes, manifest: dict[str, Any], review: bool, pdf: bool
) -> dict[str, bytes]:
    """What LibreOffice makes of the deck, as files for the output folder: the deck as PDF
    (``pdf``: the same deck gives the same bytes), ``review.html`` and its slide pictures."""
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="deck-review-") as tmp:
        deck_path = Path(tmp) / deck_name
        deck_path.write_bytes(deck_blob)
        converted = office.to_pdf(deck_path, Path(tmp) / "pdf")
        if pdf:
            files[deck_path.stem + ".pdf"] = office.reproducible_pdf(converted.read_bytes(), deck_blob)
        if review:
            pages = office.page_images(converted, Path(tmp) / "pages", dpi=96)
            for number, page in enumerate(pages, 1):
                files[f"review/slide-{number:02d}.png"] = page.read_bytes()
            files["review.html"] = _page(manifest, len(pages)).encode("utf-8")
    return files


def _page(manifest: dict[str, Any], slide_count: int) -> str:
    esc = html.escape
    images_by_section: dict[str | None, list[dict[str, Any]]] = {}
    for image in manifest["images"]:
        images_by_section.setdefault(image["section"], []).append(image)
    rows = []
    shown: set[str] = set()
    for slide in manifest["slides"][:slide_count]:
        index, section = slide["index"], slide["section"]
        figures = ", ".join(f"{f['id']} = {f['value']:g}" for f in slide["figures"]) or "—"
        pictures = []
        for image in images_by_section.get(section, []) if section else []:
            shown.add(image["path"])
            pictures.append(_figure(image))
        rows.append(
            f"<section><h2>Slide {index} · {esc(slide['template'])}"
            f'{" · " + esc(section) if section else ""}</h2><div class="row">'
            f'<figure><img src="review/slide-{index:02d}.png" alt="Slide {index} as LibreOffice renders it">'
            f"<figcaption>Figures: {esc(figures)}</figcaption></figure>{''.join(pictures)}</div></section>"
        )
    rest = [_figure(i) for i in manifest["images"] if i["path"] not in shown]
    if rest:
        rows.append(f'<section><h2>Other images</h2><div class="row">{"".join(rest)}</div></section>')
    title = esc(manifest["title"])
    return f"""<!doctype html>
<html lang="{esc(manifest["locale"].split("_")[0])}"><head><meta charset="utf-8">
<title>Review · {title}</title>
<style>
body {{ font-family: Carlito, Calibri, sans-serif; margin: 24px; color: #1B2333; background: #F4F6F8; }}
section {{ background: white; margin: 0 0 24px; padding: 16px 20px; border-radius: 8px; }}
h2 {{ font-size: 18px; margin: 0 0 12px; }}
.row {{ display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }}
figure {{ margin: 0; max-width: 640px; }}
img {{ max-width: 640px; max-height: 900px; border: 1px solid #D5DCE3; }}
figcaption {{ font-size: 13px; color: #596273; margin-top: 6px; }}
</style></head><body>
<h1>{title}</h1>
<p>{len(manifest["slides"])} slides rendered by LibreOffice, each beside its infographics. Deck:
<a href="{esc(manifest["deck"])}">{esc(manifest["deck"])}</a>.</p>
{"".join(rows)}
</body></html>
"""


def _figure(image: dict[str, Any]) -> str:
    esc = html.escape
    return (
        f'<figure><img src="{esc(image["path"])}" alt="{esc(image["alt"])}">'
        f"<figcaption><b>{esc(image['path'])}</b> · {image['width']} × {image['height']} px<br>"
        f"Alt: {esc(image['alt'])}</figcaption></figure>"
    )
