"""The look shared by both outputs: palette, type scale, spacing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from deck.inputs.assets import Picture
from deck.inputs.layout_spec import ThemeSpec

Size = tuple[float, float]  # (largest, smallest) points: a text is fitted between the two


@dataclass(frozen=True)
class TypeScale:
    """Sizes of the texts every page shares, by role; a template's own sizes are named in its module."""

    title: Size = (52.0, 28.0)  # the title slide
    subtitle: Size = (26.0, 16.0)
    credit: Size = (16.0, 11.0)
    headline: Size = (30.0, 18.0)  # a page's headline: the largest text but for figures
    headline_compact: Size = (24.0, 15.0)  # … in a poster panel
    lead: Size = (17.0, 11.0)
    lead_compact: Size = (14.0, 10.0)
    footer: Size = (9.0, 7.0)  # sources, bases, notes, page number
    body: Size = (22.0, 11.0)  # methodology paragraphs
    small: Size = (15.0, 9.0)  # the list of sources


@dataclass(frozen=True)
class Spacing:
    """Distances in points shared by every template."""

    gap: float = 16.0  # between blocks
    slide_margin: float = 36.0
    image_margin: float = 40.0
    radius: float = 8.0  # corners of cards


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
    primary: str = "#1B2333"  # headlines and the title
    rise: str = "#1E7B45"  # a change up
    fall: str = "#B3261E"  # a change down
    footer: str = ""  # a line in every slide's footer
    font_name: str = "Calibri"  # named in the deck; measured and drawn with Carlito (same metrics)
    text_scale: float = 1.0  # how much wider than Carlito the named font may set a text (measured so)
    headline_case: str = "normal"
    logo: str | None = None  # checked picture file, absolute path
    logo_aspect: float = 1.0  # width / height
    type: TypeScale = field(default_factory=TypeScale)
    space: Spacing = field(default_factory=Spacing)


def make_theme(spec: ThemeSpec, logo: Picture | None = None) -> Theme:
    changes = spec.model_dump(exclude_none=True, exclude={"use", "logo", "type", "font"})
    if spec.font:
        changes["font_name"] = spec.font
    if spec.type is not None:
        changes["type"] = replace(TypeScale(), **spec.type.model_dump(exclude_none=True))
    if "ink" in changes and "primary" not in changes:
        changes["primary"] = changes["ink"]
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
