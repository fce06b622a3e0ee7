"""The manifest: what a build made, every figure it shows and where, written beside the outputs."""

from __future__ import annotations

import functools
import hashlib
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deck.scene import Scene

if TYPE_CHECKING:
    from deck.inputs.study import Study
from deck.typesetting import metrics as tx

PIXELS_PER_POINT = {"newsletter": 1.25, "square": 1.5, "social": 2.0, "poster": 1.5, "portrait": 1.5}
# 1200, 1080, 1920, 1200 and 1080 px wide
FORMATS = ("png", "png@2x", "svg")  # an image as a PNG, a PNG twice as dense, an SVG


def image_path(stem: str, form: str = "png") -> str:
    """Where an image is written: png/NAME.png, png/NAME@2x.png, svg/NAME.svg."""
    return {"png": f"png/{stem}.png", "png@2x": f"png/{stem}@2x.png", "svg": f"svg/{stem}.svg"}[form]


def image_form(path: str) -> str:
    return "svg" if path.endswith(".svg") else "png@2x" if path.endswith("@2x.png") else "png"


def image_task(path: str, preset: str, scene: Scene) -> tuple[Scene, float, str]:
    """What draws the image at ``path``: its scene, pixels per point, and its format."""
    form = image_form(path)
    return scene, PIXELS_PER_POINT[preset] * (2 if form == "png@2x" else 1), form


def svg_size(blob: bytes) -> tuple[int, int]:
    """An SVG's width and height in pixels, from its root element."""
    import re

    found = re.search(rb'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"', blob[:2000])
    if found is None:
        raise ValueError("not an SVG deck wrote")
    return round(float(found.group(1))), round(float(found.group(2)))


def png_size(blob: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header: what the file is, not what was asked."""
    if blob[:8] != b"\x89PNG\r\n\x1a\n" or blob[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", blob[16:24])
    return width, height


def image_entry(path: str, preset: str, scene: Scene, blob: bytes, digest: str) -> dict[str, Any]:
    width, height = svg_size(blob) if path.endswith(".svg") else png_size(blob)
    return {
        "path": path,
        "digest": digest,
        "section": scene.section,
        "template": scene.template,
        "preset": preset,
        "width": width,
        "height": height,
        "alt": scene.alt,
        "figures": figure_values(scene),
    }


def slide_entry(index: int, scene: Scene, digest: str) -> dict[str, Any]:
    return {
        "index": index,
        "section": scene.section,
        "template": scene.template,
        "digest": digest,
        "figures": figure_values(scene),
    }


@functools.cache
def _fonts() -> str:
    digest = hashlib.sha256()
    for face in sorted(tx.FACES):
        digest.update(tx.font_path(face).read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def _renderers() -> str:
    """The backends' own code: a deck whose drawing code changed draws its pages again."""
    import deck.render

    digest = hashlib.sha256()
    for source in sorted(Path(deck.render.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def render_key(logo: Path | None) -> str:
    """What else than a scene decides how it is drawn: deck's version and drawing code, the font
    files, the logo."""
    from deck.about import VERSION

    picture = hashlib.sha256(logo.read_bytes()).hexdigest()[:16] if logo else ""
    return f"{VERSION}|{_renderers()}|{_fonts()}|{picture}"


def scene_digest(scene: object, key: str) -> str:
    """A page's fingerprint: the same scene with the same key is drawn to the same bytes."""
    return hashlib.sha256((repr(scene) + "|" + key).encode()).hexdigest()[:32]


def figure_values(scene: Scene) -> list[dict[str, Any]]:
    """Each figure's id with its value, or with its change when only the change is published."""
    return [
        {"id": fid, "value": value} if change is None else {"id": fid, "change": change}
        for fid, value, change in scene.figures
    ]


def lang_tag(locale: str) -> str:
    """The language tag the deck's text runs carry: fr → fr-FR."""
    lang = locale.replace("_", "-")
    return lang if "-" in lang else {"fr": "fr-FR", "en": "en-GB", "de": "de-DE"}.get(lang, lang)


def deck_properties(study: Study) -> dict[str, str]:
    """The deck's document properties; its date is the end of fieldwork, so that it never changes by itself."""
    meta = study.meta
    date = "2000-01-01T00:00:00Z"
    for method in study.methodology:
        if method.fieldwork and method.fieldwork.end:
            date = f"{method.fieldwork.end.isoformat()}T00:00:00Z"
            break
    return {"title": meta.title, "subject": meta.subtitle or "", "keywords": ", ".join(meta.institutes), "date": date}


def statistics_entries(ctx: Any) -> dict[str, Any]:
    """What the build computed of the survey laid out in ``ctx``: each tested change (z, p, both
    bases) and each answer shown rounded otherwise than given (both values)."""
    from deck.inputs.study import Breakdown, Ranking, Stat
    from deck.layout.figures import wave_name
    from deck.layout.significance import change_test, shown_answers

    tests, rounded = [], []
    for section in ctx.study.sections:
        for item in section.items:
            owners: list[tuple[str, Any, str]] = [(item.id, item, item.unit)] if isinstance(item, Stat) else []
            if isinstance(item, Ranking):
                owners = [(f"{item.id}.{e.id or i}", e, item.unit) for i, e in enumerate(item.items, 1)]
            for name, owner, unit in owners:
                test = change_test(ctx, owner, owner.earlier[0], unit) if owner.earlier else None
                if test is not None:
                    tests.append(
                        {
                            "figure": name,
                            "wave": wave_name(owner.earlier[0]),
                            "change": round(test.change, 6),
                            "z": round(test.z, 4),
                            "p": float(f"{test.p:.4g}"),
                            "n": test.n,
                            "n_earlier": test.n_earlier,
                            "confidence": test.confidence,
                            "significant": test.significant,
                        }
                    )
            if isinstance(item, Breakdown):
                for i, (answer, shown) in enumerate(zip(item.answers, shown_answers(ctx, item)), 1):
                    if shown != answer.value:
                        rounded.append({"figure": f"{item.id}.{answer.id or i}", "value": answer.value, "shown": shown})
    return {"tests": tests, "rounded": rounded}
