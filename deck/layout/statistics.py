"""Survey statistics, written out (no statistics library at build time): the margin of error of
a proportion, the two-proportion z-test of a change between waves, and rounding that adds up."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z = {0.9: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004}  # two-sided critical values


def margin(percent: float, n: int, confidence: float = 0.95, design_effect: float = 1.0) -> float:
    """The margin of error, in points, of a proportion of ``percent`` % among ``n`` respondents
    (simple random sample, times the design effect of a weighted one)."""
    p = min(max(percent / 100, 0.0), 1.0)
    return Z[confidence] * math.sqrt(p * (1 - p) / n * design_effect) * 100


def max_margin(n: int, confidence: float = 0.95, design_effect: float = 1.0) -> float:
    """The largest margin of error of a sample of ``n``: that of a proportion of 50 %."""
    return margin(50.0, n, confidence, design_effect)


@dataclass(frozen=True)
class Test:
    """A change between two waves, tested: each wave's proportion and base, z, the two-sided p,
    and whether the change is significant at ``confidence``."""

    current: float  # %
    earlier: float
    n: int
    n_earlier: int
    z: float
    p: float
    confidence: float

    @property
    def significant(self) -> bool:
        return self.p < 1 - self.confidence

    @property
    def change(self) -> float:
        return self.current - self.earlier


def z_test(
    current: float, n: int, earlier: float, n_earlier: int, confidence: float = 0.95, design_effect: float = 1.0
) -> Test:
    """The two-proportion z-test (pooled proportion) of ``current`` % among ``n`` against
    ``earlier`` % among ``n_earlier``, the variance times the design effect."""
    p1, p2 = current / 100, earlier / 100
    pooled = (p1 * n + p2 * n_earlier) / (n + n_earlier)
    variance = pooled * (1 - pooled) * (1 / n + 1 / n_earlier) * design_effect
    z = (p1 - p2) / math.sqrt(variance) if variance > 0 else 0.0
    p = math.erfc(abs(z) / math.sqrt(2))
    return Test(current, earlier, n, n_earlier, z, p, confidence)


def largest_remainder(values: list[float], decimals: int = 0, total: float = 100.0) -> list[float]:
    """``values`` rounded to ``decimals`` so that they add up to ``total`` (when their exact sum
    is ``total``): each rounded down, then the units left over given to the largest remainders
    (ties to the first, so the same input gives the same output)."""
    scale = 10**decimals
    scaled = [v * scale for v in values]
    floors = [math.floor(s + 1e-9) for s in scaled]
    left = round(total * scale) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order[: max(0, left)]:
        floors[i] += 1
    return [f / scale for f in floors]
