"""Which figures' changes are real: each figure's base (its own, its section's, or the study's
sample), the test of its change since the previous wave when both waves have a base, and the
words that say it."""

from __future__ import annotations

from deck.inputs.study import Breakdown, RankEntry, Stat, Wave
from deck.layout.context import Ctx
from deck.layout.statistics import Test, largest_remainder, margin, max_margin, z_test

RISE, FALL = "↑", "↓"  # the marks of a significant change (the font draws them; colour never alone)
NNBSP = "\u202f"


def base_size(ctx: Ctx, owner: object) -> int | None:
    """The number of respondents a figure was asked of: its own base, its ranking's, its
    section's, or the study's quantitative sample."""
    own = getattr(owner, "base", None)
    if own is not None and own.size:
        return int(own.size)
    key = ctx.keys.get(id(owner))
    if key and len(key) >= 2:
        section = ctx.study.sections[int(key[1])]
        if isinstance(owner, RankEntry) and len(key) >= 4:
            ranking = section.items[int(key[3])]
            ranking_base = getattr(ranking, "base", None)
            if ranking_base is not None and ranking_base.size:
                return int(ranking_base.size)
        if section.base is not None and section.base.size:
            return int(section.base.size)
    return study_sample(ctx)


def study_sample(ctx: Ctx) -> int | None:
    return next(
        (m.sample for m in ctx.study.methodology if m.kind == "quantitative" and isinstance(m.sample, int)), None
    )


def change_test(ctx: Ctx, owner: Stat | RankEntry, wave: Wave, unit: str) -> Test | None:
    """The test of the change from ``wave`` to ``owner``: only for percentages, when both the
    figure and the wave have a base."""
    if unit != "%" or wave.value is None or wave.base is None or not wave.base.size:
        return None
    n = base_size(ctx, owner)
    if n is None:
        return None
    rules = ctx.study.statistics
    return z_test(owner.value, n, wave.value, int(wave.base.size), rules.confidence, rules.design_effect)


def marked(change: str, test: Test | None) -> str:
    """A change as shown: with its mark when it is significant, plain otherwise."""
    if test is None or not test.significant or test.change == 0:
        return change
    return f"{RISE if test.change > 0 else FALL}{NNBSP}{change}"


def test_words(ctx: Ctx, test: Test) -> str:
    """The test as the speaker notes say it: "significative, z = 3,9, p < 0,001, n = 2 032 et 2 100"."""
    ts = ctx.ts
    verdict = ts.word("significant_short") if test.significant else ts.word("not_significant")
    p = f"< {ts.number(0.001, 3)}" if test.p < 0.001 else f"= {ts.number(test.p, 3)}"
    level = ts.value(test.confidence * 100, "%")
    sizes = f"{ts.word('n')} = {ts.number(test.n)}, {ts.number(test.n_earlier)}"
    return f"{verdict} ({ts.word('test_at')} {level}{ts.colon()} z = {ts.number(test.z, 2)}, p {p}, {sizes})"


def significance_note(ctx: Ctx) -> str:
    """What the marks mean, for the footer of a page that shows a tested change."""
    ts = ctx.ts
    level = ctx.study.statistics.confidence * 100
    return f"{RISE}{FALL}{ts.colon()} {ts.word('significant')} ({ts.word('test_at')} {ts.value(float(level), '%')})"


def margin_sentence(ctx: Ctx, n: int) -> str:
    """ "Marge d’erreur maximale : ±2,2 points (à 95 %, n = 2 032)"."""
    ts = ctx.ts
    rules = ctx.study.statistics
    moe = max_margin(n, rules.confidence, rules.design_effect)
    level = ts.value(rules.confidence * 100, "%")
    return (
        f"{ts.word('margin')}{ts.colon()} ±{ts.number(moe, 1)} {ts.word('points')} "
        f"({ts.word('at')} {level}, {ts.word('n')} = {ts.number(n)})"
    )


def shown_answers(ctx: Ctx, item: Breakdown) -> list[float]:
    """A breakdown's answers as shown: when they add up to 100 but their rounded values would
    not (33.3, 33.3, 33.4 shown without decimals), rounded by largest remainder so that they do.
    The data keeps the values as given."""
    values = [a.value for a in item.answers]
    digits = ctx.places(0, item.unit, item)
    exact, shown = sum(values), sum(round(v, digits) for v in values)
    if abs(exact - 100) < 1e-6 and abs(shown - 100) > 1e-6:
        return largest_remainder(values, digits)
    return values


def rounding_note(ctx: Ctx, item: Breakdown) -> str | None:
    """The locale's note for a breakdown published as it is (99 % or 101 % in all): "Total
    différent de 100 % en raison des arrondis"."""
    total = sum(a.value for a in item.answers)
    return ctx.ts.sentence(ctx.ts.text(ctx.ts.word("rounding"))) if 0.05 < abs(total - 100) <= 3 else None


def figure_margin(ctx: Ctx, stat: Stat) -> float | None:
    """A percentage's margin of error, in points, from its base (None: not a percentage, or no base)."""
    n = base_size(ctx, stat) if stat.unit == "%" else None
    if n is None:
        return None
    rules = ctx.study.statistics
    return margin(stat.value, n, rules.confidence, rules.design_effect)


SMALL = "†"  # the mark of a figure asked of few respondents


def small_base(ctx: Ctx, owner: object) -> int | None:
    """The base of a figure asked of fewer respondents than the study's small-base threshold."""
    n = base_size(ctx, owner)
    return n if n is not None and n < ctx.study.statistics.small_base else None


def small_base_note(ctx: Ctx, n: int) -> str:
    """ "† Base faible : n = 85" (below the minimum: "† Base faible : n = 25, trop faible pour conclure")."""
    ts = ctx.ts
    return f"{SMALL}{ts.word('small_base')}{ts.colon()} {ts.word('n')} = {ts.number(n)}"
