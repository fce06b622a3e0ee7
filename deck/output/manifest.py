"""The manifest: what a build made, every figure it shows and where, written beside the outputs."""

from __future__ import annotations

import struct
from typing import Any

from deck.scene import Scene

PIXELS_PER_POINT = {"newsletter": 1.25, "square": 1.5, "social": 2.0, "poster": 1.5}  # 1200, 1080, 1920, 1200 px


def image_path(stem: str) -> str:
    return f"png/{stem}.png"


def png_size(blob: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header: what the file is, not what was asked."""
    if blob[:8] != b"\x89PNG\r\n\x1a\n" or blob[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", blob[16:24])
    return width, height


def image_entry(path: str, preset: str, scene: Scene, blob: bytes) -> dict[str, Any]:
    width, height = png_size(blob)
    return {
        "path": path,
        "section": scene.section,
        "template": scene.template,
        "preset": preset,
        "width": width,
        "height": height,
        "alt": scene.alt,
        "figures": figure_values(scene),
    }


def slide_entry(index: int, scene: Scene) -> dict[str, Any]:
    return {"index": index, "section": scene.section, "template": scene.template, "figures": figure_values(scene)}


def figure_values(scene: Scene) -> list[dict[str, Any]]:
    """Each figure's id with its value, or with its change when only the change is published."""
    return [
        {"id": fid, "value": value} if change is None else {"id": fid, "change": change}
        for fid, value, change in scene.figures
    ]
