"""PNG backend: draws a scene with matplotlib's Agg renderer and the package's font files."""

from __future__ import annotations

import functools
import io
import math
from functools import cache
from pathlib import Path
from typing import assert_never

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch, Patch, Polygon, Rectangle
from PIL import Image as PILImage

from deck.scene import Bitmap, Chart, Element, Group, Poly, Rect, Scene, Text
from deck.typesetting import metrics as tx

DPI = 72  # one figure point is one scene point; ``scale`` pixels per point


@cache
def _props(face: str) -> FontProperties:
    return FontProperties(fname=str(tx.font_path(face)))


def render_png(scene: Scene, scale: float) -> bytes:
    """The scene as PNG bytes, ``scale`` pixels per point; identical input gives identical bytes."""
    fig = Figure(figsize=(scene.width * scale / DPI, scene.height * scale / DPI), dpi=DPI)
    FigureCanvasAgg(fig)  # this figure's own canvas: no process-wide backend switch
    fig.patch.set_facecolor(scene.background)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)
    ax.axis("off")
    for element in scene.elements:
        _draw(ax, element, scale)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor=scene.background, metadata={"Software": None})
    return buffer.getvalue()


def _draw(ax: Axes, element: Element, scale: float) -> None:
    match element:
        case Rect():
            _rect(ax, element, scale)
        case Poly():
            _poly(ax, element, scale)
        case Text():
            _text(ax, element, scale)
        case Chart():
            _chart(ax, element, scale)
        case Bitmap():
            _bitmap(ax, element, scale)
        case Group():
            _group(ax, element, scale)
        case _:
            assert_never(element)


def _rect(ax: Axes, el: Rect, scale: float) -> None:
    b = el.box
    if el.radius:
        patch: Patch = FancyBboxPatch(
            (b.x, b.y),
            b.w,
            b.h,
            boxstyle=f"round,pad=0,rounding_size={el.radius}",
            facecolor=el.fill,
            edgecolor="none",
            linewidth=0,
        )
    else:
        patch = Rectangle((b.x, b.y), b.w, b.h, facecolor=el.fill, edgecolor="none", linewidth=0)
    ax.add_patch(patch)


def _poly(ax: Axes, el: Poly, scale: float) -> None:
    edge, width = (el.stroke, el.stroke_width * scale) if el.stroke else ("none", 0.0)
    ax.add_patch(Polygon(el.points, closed=True, facecolor=el.fill, edgecolor=edge, linewidth=width))


def _text(ax: Axes, el: Text, scale: float) -> None:
    lines = [line for para in el.lines for line in para]
    total = len(lines) * el.line_height
    b = el.box
    top = {"top": b.y, "middle": b.y + (b.h - total) / 2, "bottom": b.bottom - total}[el.anchor]
    x = {"left": b.x, "center": b.x + b.w / 2, "right": b.right}[el.align]
    pad = (el.line_height - el.size * (tx.ASCENT + tx.DESCENT)) / 2
    for i, line in enumerate(lines):
        baseline = top + i * el.line_height + pad + el.size * tx.ASCENT
        ax.text(
            x,
            baseline,
            line,
            fontproperties=_props(el.face),
            fontsize=el.size * scale,
            color=el.color,
            ha=el.align,
            va="baseline",
            parse_math=False,  # a "$" is a dollar sign, never mathematics
        )


def _chart(ax: Axes, el: Chart, scale: float) -> None:
    for mark in el.marks:
        _draw(ax, mark, scale)


@functools.lru_cache(maxsize=8)
def _pixels(path: Path, width: int, height: int) -> np.ndarray:
    """A picture decoded once per size it is drawn at, reduced to twice that size at most."""
    with PILImage.open(path) as picture:
        picture.draft("RGB", (width * 2, height * 2))  # JPEG: decode at a reduced scale
        rgba = picture.convert("RGBA")
    rgba.thumbnail((width * 2, height * 2), PILImage.Resampling.LANCZOS)
    return np.asarray(rgba)


def _bitmap(ax: Axes, el: Bitmap, scale: float) -> None:
    pixels = _pixels(Path(el.path), max(1, math.ceil(el.box.w * scale)), max(1, math.ceil(el.box.h * scale)))
    b = el.box
    limits = ax.get_xlim(), ax.get_ylim()
    ax.imshow(pixels, extent=(b.x, b.right, b.bottom, b.y), interpolation="antialiased", aspect="auto", zorder=2)
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])


def _group(ax: Axes, el: Group, scale: float) -> None:
    for child in el.elements:
        _draw(ax, child, scale)
