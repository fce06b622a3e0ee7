"""Whether a theme can be read: the contrast of each text colour on what it is written on (WCAG
2.1: 4.5:1, 3:1 for large text), and whether the colours a chart sets side by side stay apart for
people with a colour-vision deficiency (simulated as Machado, Oliveira and Fernandes, 2009, at full
severity; the distance measured in CIELAB). Colour never carries meaning alone in deck: every bar,
wedge and change also has its label or sign; the check keeps the colours useful as well."""

from __future__ import annotations

from dataclasses import dataclass

from deck.layout.theme import Theme, contrast

# text colour, background, what it is, whether it is large (18 pt or more, 14 pt bold)
TEXT_PAIRS = (
    ("ink", "background", "text", False),
    ("primary", "background", "headlines", True),
    ("muted", "background", "lead-ins and footers", False),
    ("accent", "background", "figures and subheads", False),
    ("ink", "card", "text on cards", False),
    ("muted", "card", "earlier waves on cards", False),
    ("accent", "card", "figures on cards", True),
)
CHART_PAIRS = (("accent", "earlier"), ("accent", "accent_soft"), ("accent_soft", "neutral"), ("rise", "fall"))
MIN_DISTANCE = 12.0  # CIELAB ΔE76 between two colours set side by side, under every simulation
# linear-RGB matrices, severity 1.0 (Machado et al. 2009)
DEFICIENCIES = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


@dataclass(frozen=True)
class Unreadable:
    message: str
    hint: str


def theme_problems(theme: Theme) -> list[Unreadable]:
    found = []
    for fg, bg, what, large in TEXT_PAIRS:
        ratio, need = contrast(getattr(theme, fg), getattr(theme, bg)), 3.0 if large else 4.5
        if ratio < need - 1e-9:
            found.append(
                Unreadable(
                    f"{what} ({fg} {getattr(theme, fg)}) on {bg} ({getattr(theme, bg)}): contrast {ratio:.2f}:1, "
                    f"less than the {need:g}:1 readable text needs",
                    f"darken or lighten {fg} or {bg}",
                )
            )
    for a, b in CHART_PAIRS:
        for name, seen in (("normal vision", None), *((d, d) for d in DEFICIENCIES)):
            distance = delta_e(simulate(getattr(theme, a), seen), simulate(getattr(theme, b), seen))
            if distance < MIN_DISTANCE:
                found.append(
                    Unreadable(
                        f"{a} ({getattr(theme, a)}) and {b} ({getattr(theme, b)}) look alike with {name}: "
                        f"ΔE {distance:.1f}, less than {MIN_DISTANCE:g}",
                        "make one of them lighter or darker, not only of another hue",
                    )
                )
                break
    return found


def simulate(color: str, deficiency: str | None) -> tuple[float, float, float]:
    """The colour as seen with ``deficiency`` (None: as it is), in sRGB from 0 to 1."""
    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    if deficiency is None:
        return rgb[0], rgb[1], rgb[2]
    linear = [_to_linear(c) for c in rgb]
    seen = [sum(m * c for m, c in zip(row, linear)) for row in DEFICIENCIES[deficiency]]
    out = [_to_srgb(min(1.0, max(0.0, c))) for c in seen]
    return out[0], out[1], out[2]


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """CIE76 distance between two sRGB colours."""
    la, lb = _lab(a), _lab(b)
    return sum((x - y) ** 2 for x, y in zip(la, lb)) ** 0.5


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_to_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
