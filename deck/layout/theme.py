"""The look shared by both outputs: palette, font files, type scale."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deck.inputs.assets import Picture
from deck.inputs.layout_spec import ThemeSpec


@dataclass(frozen=True)
class Theme:
    accent: str = "#00677F"  # 6.4:1 on white
    accent_soft: str = "#7FB8C6"  # second answer in breakdowns
    ink: str = "#1B2333"
    muted: str = "#596273"  # 6.0:1 on white
    earlier: str = "#B5BECA"  # earlier wave bars
    neutral: str = "#D3D9E0"
    card: str = "#EEF3F6"
    rule: str = "#D5DCE3"
    background: str = "#FFFFFF"
    font_name: str = "Calibri"  # named in the deck; measured and drawn with Carlito (same metrics)
    headline_case: str = "normal"
    logo: str | None = None  # checked picture file, absolute path
    logo_aspect: float = 1.0  # width / height


def make_theme(spec: ThemeSpec, logo: Picture | None = None) -> Theme:
    changes = {k: v for k, v in spec.model_dump().items() if v is not None and k != "logo"}
    if logo is not None:
        changes.update(logo=str(logo.path), logo_aspect=logo.width / logo.height)
    if "accent" in changes and "accent_soft" not in changes:
        changes["accent_soft"] = mix(changes["accent"], "#FFFFFF", 0.5)
    return replace(Theme(), **changes)


def mix(a: str, b: str, share: float) -> str:
    """``a`` blended with ``share`` of ``b``."""
    channels = [round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in channels)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours."""

    def lum(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
