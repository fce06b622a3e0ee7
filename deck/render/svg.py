"""SVG backend: the images as vectors, for print and the web, laid out exactly as the PNGs.

Each line of text is placed where the layout measured it and told its measured length, in the
fonts the PNGs are drawn with, embedded as subsets (only the glyphs the image uses), so the file
looks the same wherever it is opened. Pictures (a logo) are embedded too: one self-contained file.
"""

from __future__ import annotations

import base64
import io
import mimetypes
from functools import lru_cache
from pathlib import Path
from typing import assert_never

from deck.render.markup import escape, quoteattr
from deck.scene import Bitmap, Chart, Element, Group, Poly, Rect, Scene, Text
from deck.typesetting import metrics as tx

FAMILY = "deck-{face}"  # the embedded fonts' names: one family per face
_WEIGHT = {"bold": ' font-weight="bold"', "italic": ' font-style="italic"'}


def render_svg(scene: Scene, scale: float) -> bytes:
    """``scene`` as a standalone SVG, ``scale`` pixels per point wide and high (its viewBox in
    points)."""
    body: list[str] = []
    used: dict[str, set[str]] = {}
    for element in scene.elements:
        body.append(_element(element, used))
    fonts = "".join(_font_face(face, "".join(sorted(chars))) for face, chars in sorted(used.items()))
    w, h = scene.width, scene.height
    title = f"<title>{escape(scene.alt)}</title>" if scene.alt else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="img" '
        f'width="{_n(w * scale)}" height="{_n(h * scale)}" viewBox="0 0 {_n(w)} {_n(h)}">{title}'
        f"<style>{fonts}</style>"
        f'<rect width="{_n(w)}" height="{_n(h)}" fill="{scene.background}"/>'
    )
    return (head + "".join(body) + "</svg>\n").encode("utf-8")


def _n(value: float) -> str:
    """A coordinate, to a hundredth of a point: short, and the same for the same layout."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _element(element: Element, used: dict[str, set[str]]) -> str:
    match element:
        case Rect():
            b = element.box
            radius = f' rx="{_n(min(element.radius, b.w / 2, b.h / 2))}"' if element.radius > 0 else ""
            size = f'x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}"'
            return f'<rect {size}{radius} fill="{element.fill}"/>'
        case Poly():
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in element.points)
            stroke = (
                f' stroke="{element.stroke}" stroke-width="{_n(element.stroke_width)}" stroke-linejoin="round"'
                if element.stroke and element.stroke_width > 0
                else ""
            )
            return f'<polygon points="{points}" fill="{element.fill}"{stroke}/>'
        case Text():
            return _text(element, used)
        case Chart():
            return "<g>" + "".join(_element(mark, used) for mark in element.marks) + "</g>"
        case Bitmap():
            b = element.box
            kind = mimetypes.guess_type(element.path)[0] or "image/png"
            data = base64.b64encode(Path(element.path).read_bytes()).decode("ascii")
            return (
                f'<image x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" '
                f'preserveAspectRatio="xMidYMid meet" href="data:{kind};base64,{data}"><title>{escape(element.alt)}'
                "</title></image>"
            )
        case Group():
            alt = f"<title>{escape(element.alt)}</title>" if element.alt else ""
            return f"<g>{alt}" + "".join(_element(child, used) for child in element.elements) + "</g>"
        case _:
            assert_never(element)


def _text(el: Text, used: dict[str, set[str]]) -> str:
    """Each line where the PNG renderer sets it: the same top, baseline and measured width."""
    lines = [line for para in el.lines for line in para]
    total = len(lines) * el.line_height
    b = el.box
    top = {"top": b.y, "middle": b.y + (b.h - total) / 2, "bottom": b.bottom - total}[el.anchor]
    pad = (el.line_height - el.size * (tx.ASCENT + tx.DESCENT)) / 2
    out = []
    chars = used.setdefault(el.face, set())
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        chars.update(line)
        baseline = top + i * el.line_height + pad + el.size * tx.ASCENT
        width = tx.width(line, el.face, el.size)
        x = {"left": b.x, "center": b.x + (b.w - width) / 2, "right": b.right - width}[el.align]
        out.append(
            f'<text x="{_n(x)}" y="{_n(baseline)}" font-family="Carlito, {FAMILY.format(face=el.face)}, Calibri, '
            f'sans-serif" font-size="{_n(el.size)}"{_WEIGHT.get(el.face, "")} fill="{el.color}" '
            f'textLength="{_n(width)}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{escape(line)}</text>'
        )
    return "".join(out)


def _font_face(face: str, chars: str) -> str:
    weight = "bold" if face == "bold" else "normal"
    style = "italic" if face == "italic" else "normal"
    data = _subset(face, chars)
    return (
        f"@font-face{{font-family:{quoteattr(FAMILY.format(face=face))[1:-1]};font-weight:{weight};"
        f"font-style:{style};src:url(data:font/ttf;base64,{data}) format('truetype')}}"
    )


@lru_cache(maxsize=256)
def _subset(face: str, chars: str) -> str:
    """The face's font with only ``chars`` (and what they need), base64-encoded."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its notes on the fonts' dates are not the user's
    options = subset.Options()
    options.name_IDs = ["*"]  # the font's licence and names stay with it
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    font = subset.load_font(str(tx.font_path(face)), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
