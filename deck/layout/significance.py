"""Which figures' changes are real: each figure's base (its own, its section's, or the study's
sample), the test of its change since the previous wave when both waves have a base, and the
words that say it."""

from __future__ import annotations

from deck.inputs.study import Breakdown, RankEntry, Stat, SurveyBase, Wave
from deck.layout.context import Ctx
from deck.layout.statistics import Test, largest_remainder, margin, max_margin, z_test

RISE, FALL = "↑", "↓"  # the marks of a significant change (the font draws them; colour never alone)
NNBSP = "\u202f"


def base_size(ctx: Ctx, owner: object) -> int | None:
    """The number of respondents a figure was asked of: its own base, its ranking's, its
    section's, or the study's quantitative sample. None when the nearest base says who was asked
    but not how many (a subgroup), or when the figure is a share of another figure's population:
    the whole sample would not be its base."""
    if getattr(owner, "of", None):
        return _size(getattr(owner, "base", None))
    chain: list[object] = [owner]
    key = ctx.keys.get(id(owner))  # where it stands: its section, and for a ranking's entry its ranking
    if key is not None and len(key) >= 4:
        section = ctx.study.sections[int(key[1])]
        chain += [section.items[int(key[3])], section] if len(key) >= 6 else [section]
    for holder in chain:
        base = getattr(holder, "base", None)
        if base is not None and (base.size or base.text):
            return _size(base)
    return study_sample(ctx)


def _size(base: SurveyBase | None) -> int | None:
    return int(base.size) if base is not None and base.size else None


def study_sample(ctx: Ctx) -> int | None:
    return next(
        (m.sample for m in ctx.study.methodology if m.kind == "quantitative" and isinstance(m.sample, int)), None
    )


def change_test(ctx: Ctx, owner: Stat | RankEntry, wave: Wave, unit: str) -> Test | None:
    """The test of the change from ``wave`` to ``owner``: only for percentages, when both the
    figure and the wave have a base."""
    if unit != "%" or wave.value is None or wave.base is None or not wave.base.size:
        return None
    n, rules = base_size(ctx, owner), ctx.study.statistics
    if n is None or min(n, wave.base.size) < rules.minimum_base:  # too few for the test's approximation
        return None
    return z_test(owner.value, n, wave.value, int(wave.base.size), rules.confidence, rules.design_effect)


def marked(change: str, test: Test | None) -> str:
    """A change as shown: with its mark when it is significant, plain otherwise."""
    if test is None or not test.significant or test.change == 0:
        return change
    return f"{RISE if test.change > 0 else FALL}{NNBSP}{change}"


def test_words(ctx: Ctx, test: Test, earlier: str = "") -> str:
    """The test as the speaker notes say it: "significative (test à 95 % : z = 5,86, p < 0,001,
    n = 2 032 (2023) et 2 100 (2020))"."""
    ts = ctx.ts
    verdict = ts.word("significant_short") if test.significant else ts.word("not_significant")
    p = f"< {ts.number(0.001, 3)}" if test.p < 0.001 else f"= {ts.number(test.p, 3)}"
    level = ts.value(test.confidence * 100, "%")
    now = ctx.study.current_wave
    sizes = (
        f"{ts.word('n')} = {ts.number(test.n)}{f' ({now})' if now else ''} {ts.word('and')} "
        f"{ts.number(test.n_earlier)}{f' ({earlier})' if earlier else ''}"
    )
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
    effect = f", {ts.word('design_effect')} {ts.number(rules.design_effect, 1)}" if rules.design_effect != 1 else ""
    return (
        f"{ts.word('margin')}{ts.colon()} ±{ts.number(moe, 1)} {ts.plural(moe, 'point', 'points')} "
        f"({ts.word('at')} {level}, {ts.word('n')} = {ts.number(n)}{effect})"
    )


def shown_answers(ctx: Ctx, item: Breakdown) -> list[float]:
    """A breakdown's answers as shown: when they add up to 100 as given (to within what their
    decimals round away) but their shown values would not (33.3, 33.3, 33.4 shown without
    decimals; 33.33333 × 3 shown with three), rounded by largest remainder so that they do. The
    data keeps the values as given."""
    values = [a.value for a in item.answers]
    digits = ctx.places(0, item.unit, item)
    exact, shown = sum(values), sum(round(v, digits) for v in values)
    if abs(exact - 100) <= 0.5 * 10**-digits and abs(shown - 100) > 1e-9:
        return largest_remainder(values, digits)
    return values


def rounding_note(ctx: Ctx, item: Breakdown) -> str | None:
    """The locale's note for a breakdown shown as published when that does not add up to 100
    (99, 101, 99,99): "Total différent de 100 % en raison des arrondis"."""
    total = round(sum(shown_answers(ctx, item)), 9)
    return ctx.ts.sentence(ctx.ts.text(ctx.ts.word("rounding"))) if total != 100 and abs(total - 100) <= 3 else None


SMALL = "†"  # the mark of a figure asked of few respondents


def small_base(ctx: Ctx, owner: object) -> int | None:
    """The base of a figure asked of fewer respondents than the study's small-base threshold."""
    n = base_size(ctx, owner)
    return n if n is not None and n < ctx.study.statistics.small_base else None


def small_base_note(ctx: Ctx, n: int, text: str | None = None) -> str:
    """ "†Base faible : n = 85" (with the base's own words when it has some), and below the
    study's minimum "…, trop peu pour conclure"."""
    ts = ctx.ts
    who = f"{ts.text(text)}, " if text else ""
    few = f", {ts.word('too_few')}" if n < ctx.study.statistics.minimum_base else ""
    return f"{SMALL}{ts.word('small_base')}{ts.colon()} {who}{ts.word('n')} = {ts.number(n)}{few}"


def figure_margin(ctx: Ctx, stat: Stat) -> float | None:
    """A percentage's margin of error, in points, from its base (None: not a percentage, no known
    base, or a figure at 0 or 100 %, where a margin of ±0 would mislead)."""
    n = base_size(ctx, stat) if stat.unit == "%" else None
    if n is None or not 0 < stat.value < 100:
        return None
    rules = ctx.study.statistics
    return margin(stat.value, n, rules.confidence, rules.design_effect)
