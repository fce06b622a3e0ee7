"""Numbers, units, changes, dates and free text set in the study's language: "78 %", "2 032",
"£1,377", "+8 pts", "unchanged", "11–22 May 2022", « guillemets », typographic apostrophes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_symbol

from deck.typesetting.words import LANGUAGES, WORDS

NNBSP = "\u202f"  # narrow no-break space: French spacing, and every no-break space (the font has no U+00A0)
MINUS = "\u2212"
UnitKind = Literal["percent", "count", "currency", "score", "points", "word"]
SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_QUOTES = {"fr": ("«" + NNBSP, NNBSP + "»"), "en": ("“", "”"), "de": ("„", "“"), "es": ("«", "»")}


def unit_kind(unit: str) -> UnitKind:
    """What a stat's unit is: a share, a plain count, money, a score ("/10"), points or a word."""
    if unit == "%":
        return "percent"
    if unit == "":
        return "count"
    if unit in SYMBOLS or re.fullmatch(r"[A-Z]{3}", unit):
        return "currency"
    if unit.startswith("/"):
        return "score"
    if unit in ("pt", "pts", "points"):
        return "points"
    return "word"


def check_locale(locale: str) -> str | None:
    """An error message if ``locale`` is not one deck writes (fr, en, de, es and their regions)."""
    lang = re.split(r"[_-]", locale)[0]
    if lang not in LANGUAGES:
        return f"unsupported locale '{locale}'"
    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"unknown locale '{locale}'"
    return None


@dataclass(frozen=True)
class Typesetter:
    """Formats numbers and text for one locale."""

    locale: str

    @cached_property
    def lang(self) -> str:
        return re.split(r"[_-]", self.locale)[0]

    @property
    def french(self) -> bool:
        return self.lang == "fr"

    @cached_property
    def _babel(self) -> Locale:
        return _babel_locale(self.locale)

    def word(self, key: str) -> str:
        return WORDS.get(self.lang, WORDS["en"])[key]

    # numbers and units

    def number(self, value: float, decimals: int | None = None) -> str:
        return _number(self.lang, self.locale, value, decimals)

    def value(self, value: float, unit: str, decimals: int | None = None) -> str:
        """A figure in its unit: "78 %", "78%", "1 377 €", "£1,377", "7,4/10", "12 ans"."""
        number = self.number(value, decimals)
        kind = unit_kind(unit)
        if kind == "percent":
            return number + self._percent_space() + "%"
        if kind == "currency":
            return self._money(number, unit)
        if kind == "score":
            return number + unit
        if kind == "points":
            return f"{number}{NNBSP}{self.points(value)}"
        if kind == "word":
            return f"{number}{NNBSP}{unit}"
        return number

    def _money(self, number: str, unit: str) -> str:
        code = SYMBOLS.get(unit, unit)
        symbol = unit if unit in SYMBOLS else get_currency_symbol(code, locale=self._babel)
        pattern = self._babel.currency_formats["standard"].pattern
        space = NNBSP if symbol.isalpha() else ""
        if pattern.lstrip().startswith("¤"):
            return f"{symbol}{space}{number}" if not number.startswith(MINUS) else f"{MINUS}{symbol}{space}{number[1:]}"
        return f"{number}{NNBSP}{symbol}"

    def plural(self, amount: float, one: str, other: str) -> str:
        """The word ``one`` or ``other`` (keys of the locale's words) as its plural rules say for ``amount``."""
        return self.word(one) if _plural(self.locale, abs(amount)) == "one" else self.word(other)

    def points(self, amount: float) -> str:
        """The word for percentage points, singular or plural as the locale's plural rules say."""
        return self.word("pt") if _plural(self.locale, abs(amount)) == "one" else self.word("pts")

    def change(self, diff: float, unit: str, decimals: int | None = None) -> str:
        """A change between waves: "+8 pts", "−1 pt", "+114 €", "+0,3", or "unchanged"."""
        if decimals is None:
            decimals = 0 if float(round(diff, 1)).is_integer() else 1
        diff = round(diff, decimals)
        if diff == 0:
            return self.word("stable")
        sign = "+" if diff > 0 else MINUS
        kind = unit_kind(unit)
        if kind == "percent":
            return f"{sign}{self.number(abs(diff), decimals)}{NNBSP}{self.points(abs(diff))}"
        if kind in ("score", "count"):
            return f"{sign}{self.number(abs(diff), decimals)}"
        return sign + self.value(abs(diff), unit, decimals)

    def delta(self, current: float, earlier: float, unit: str = "%", decimals: int | None = None) -> str:
        return self.change(current - earlier, unit, decimals)

    # dates

    def day(self, day: dt.date) -> str:
        return format_date(day, "long", locale=self._babel)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """A fieldwork period as the locale writes it: "11–22 May 2022", "du 22 au 27 novembre 2023"."""
        loc = self._babel
        if start == end:
            return self.day(start)
        month = format_date(end, "MMMM", locale=loc)
        same_month = (start.year, start.month) == (end.year, end.month)
        us = loc.territory == "US"
        if self.lang == "fr":
            first = (
                str(start.day)
                if same_month
                else format_date(start, "d MMMM" + (" y" if start.year != end.year else ""), locale=loc)
            )
            return f"du {first} au {format_date(end, 'd MMMM y', locale=loc)}"
        if same_month:
            if self.lang == "de":
                return f"{start.day}.–{end.day}. {month} {end.year}"
            if self.lang == "es":
                return f"del {start.day} al {end.day} de {month} de {end.year}"
            return f"{month} {start.day}–{end.day}, {end.year}" if us else f"{start.day}–{end.day} {month} {end.year}"
        if self.lang == "es":
            return f"del {self._short_day(start, end)} al {self.day(end)}"
        return f"{self._short_day(start, end)} – {self.day(end)}"

    def _short_day(self, start: dt.date, end: dt.date) -> str:
        """The start of a range, its year left out when the range ends in the same year."""
        if start.year != end.year:
            return self.day(start)
        pattern = {"de": "d. MMMM", "es": "d 'de' MMMM"}.get(
            self.lang, "MMMM d" if self._babel.territory == "US" else "d MMMM"
        )
        return format_date(start, pattern, locale=self._babel)

    # free text

    def text(self, raw: str) -> str:
        """Free text: single spaces, typographic apostrophes and quotes, French spacing rules."""
        return _typeset(self.lang, raw)

    def _percent_space(self) -> str:
        return _percent_space(self.locale)

    def quoted(self, raw: str) -> str:
        opening, closing = _QUOTES.get(self.lang, _QUOTES["en"])
        return f"{opening}{self.text(raw)}{closing}"

    def colon(self) -> str:
        return NNBSP + ":" if self.french else ":"

    def semicolon(self) -> str:
        """The separator between the entries of a list in running text: " ; " in French, "; " elsewhere."""
        return f"{NNBSP}; " if self.french else "; "

    def sentence(self, text: str) -> str:
        """``text`` ending in exactly one full stop (or its own ?, !, …)."""
        text = text.rstrip()
        return text if text.endswith((".", "!", "?", "…", "»", "”", "“")) else text + "."

    def upper(self, text: str) -> str:
        return text.upper()


@lru_cache(maxsize=65536)
def _number(lang: str, locale: str, value: float, decimals: int | None) -> str:
    """A number as the locale writes it (remembered: a large deck formats the same numbers often)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    value = round(value, decimals) + 0.0  # -0.0 prints as 0
    grouped = lang != "es" or abs(value) >= 10_000  # Spanish groups from five digits: 2032, 12.500
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=_babel_locale(locale))
    return text.replace("\u00a0", NNBSP).replace("-", MINUS)


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_MINUS = re.compile(r"(?<![\w-])-(?=\d)")
_STRAIGHT_QUOTES = re.compile(r'"([^"]+)"')
_DIGIT = re.compile(r"\d")
_FRENCH = (  # (a character the rule is about, one of which it needs; the rule; its replacement)
    (re.compile("«"), re.compile(r"«\s*"), "«" + NNBSP),
    (re.compile("»"), re.compile(r"\s*»"), NNBSP + "»"),
    (re.compile("%"), re.compile(r"(?<=\d)\s*%"), NNBSP + "%"),
    (re.compile("[;!?]"), re.compile(r"(?<=[\w\)»…%])\s*([;!?])"), NNBSP + r"\1"),
    (re.compile(":"), re.compile(r"(?<=[\w\)»…%])\s*:(?=\s|$)"), NNBSP + ":"),
    (_DIGIT, re.compile(r"(?<=\d) (?=\d{3}\b)"), NNBSP),
)


@lru_cache(maxsize=65536)
def _typeset(lang: str, raw: str) -> str:
    """Free text in ``lang``'s typography (remembered: a deck repeats its labels often). Each rule
    runs only when the text holds the character it is about."""
    text = " ".join(raw.split())
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    if "-" in text:
        text = _MINUS.sub(MINUS, text)  # "-3,3 %" is a negative number: a true minus
    if '"' in text:
        opening, closing = _QUOTES.get(lang, _QUOTES["en"])
        text = _STRAIGHT_QUOTES.sub(lambda m: opening + m.group(1).strip() + closing, text)
    if lang != "fr":
        return text
    for trigger, pattern, replacement in _FRENCH:
        if trigger.search(text):
            text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=64)
def _percent_space(locale: str) -> str:
    pattern = _babel_locale(locale).percent_formats[None].pattern
    return NNBSP if re.search(r"[\s\u00a0\u202f]%", pattern) else ""


@lru_cache(maxsize=4096)
def _plural(locale: str, amount: float) -> str:
    return str(_babel_locale(locale).plural_form(amount))


@lru_cache(maxsize=64)
def _babel_locale(locale: str) -> Locale:
    name = locale.replace("-", "_")
    return Locale.parse("en_GB" if name == "en" else name)
