"""Numbers and text set in the study's locale: "78 %", "2 032", "+8 pts", « guillemets »."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

NNBSP = "\u202f"  # narrow no-break space: French thousands and punctuation spacing
MINUS = "\u2212"

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "in": "en",
        "pts": "pts",
        "pt": "pt",
        "source": "Source",
        "sources": "Sources",
        "base": "Base",
        "methodology": "Méthodologie",
        "slide": "Diapositive",
        "chart_bars": "Graphique en barres",
        "chart_doughnut": "Graphique en anneau",
        "chart_ranking": "Classement",
        "pictogram": "Pictogramme",
        "people": "personnes sur 10",
        "quote": "Verbatim",
        "sample": "échantillon",
        "of": "de",
        "persons": "personnes",
        "fieldwork": "terrain réalisé",
        "from": "du",
        "to": "au",
        "for": "pour",
        "survey": "Enquête réalisée par",
        "qual": "Étude qualitative réalisée par",
        "key_figures": "Les chiffres clés",
        "among": "parmi eux",
        "infographic": "Infographie",
        "summary": "Synthèse",
        "since": "depuis",
    },
    "en": {
        "in": "in",
        "pts": "pts",
        "pt": "pt",
        "source": "Source",
        "sources": "Sources",
        "base": "Base",
        "methodology": "Methodology",
        "slide": "Slide",
        "chart_bars": "Bar chart",
        "chart_doughnut": "Doughnut chart",
        "chart_ranking": "Ranking",
        "pictogram": "Pictogram",
        "people": "people out of 10",
        "quote": "Quote",
        "sample": "sample",
        "of": "of",
        "persons": "people",
        "fieldwork": "fieldwork",
        "from": "from",
        "to": "to",
        "for": "for",
        "survey": "Survey by",
        "qual": "Qualitative study by",
        "key_figures": "Key figures",
        "among": "among them",
        "infographic": "Infographic",
        "summary": "Summary",
        "since": "since",
    },
}


@dataclass(frozen=True)
class Typesetter:
    """Formats numbers and text for one locale."""

    locale: str

    @property
    def lang(self) -> str:
        return self.locale.split("_")[0].split("-")[0]

    @property
    def french(self) -> bool:
        return self.lang == "fr"

    def word(self, key: str) -> str:
        return _WORDS.get(self.lang, _WORDS["en"])[key]

    def number(self, value: float, decimals: int | None = None) -> str:
        if decimals is None:
            decimals = 0 if float(value).is_integer() else 1
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = format_decimal(round(value, decimals), format=pattern, locale=self.locale.replace("-", "_"))
        text = text.replace("\u00a0", NNBSP).replace("-", MINUS)
        return text

    def value(self, value: float, unit: str, decimals: int | None = None) -> str:
        number = self.number(value, decimals)
        if unit != "%":
            return number
        return number + (NNBSP + "%" if self.french else "%")

    def delta(self, current: float, earlier: float) -> str:
        diff = round(current - earlier, 1)
        sign = "+" if diff > 0 else (MINUS if diff < 0 else "±")
        unit = self.word("pts") if abs(diff) >= 2 or not self.french else self.word("pt")
        return f"{sign}{self.number(abs(diff))}{NNBSP}{unit}"

    def text(self, raw: str) -> str:
        """Free text: French spacing rules, no double spaces."""
        text = " ".join(raw.split())
        if not self.french:
            return text
        text = re.sub(r"«\s*", "«" + NNBSP, text)
        text = re.sub(r"\s*»", NNBSP + "»", text)
        text = re.sub(r"(?<=\d)\s*%", NNBSP + "%", text)
        text = re.sub(r"(?<=[\w\)»…%])\s*([;!?])", NNBSP + r"\1", text)
        text = re.sub(r"(?<=[\w\)»…%])\s*:(?=\s|$)", NNBSP + ":", text)
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", NNBSP, text)
        return text

    def quoted(self, raw: str) -> str:
        body = self.text(raw)
        return f"«{NNBSP}{body}{NNBSP}»" if self.french else f"“{body}”"

    def colon(self) -> str:
        return NNBSP + ":" if self.french else ":"

    def upper(self, text: str) -> str:
        return text.upper()


def check_locale(locale: str) -> str | None:
    """Return an error message if babel does not know ``locale``."""
    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"unknown locale '{locale}'"
    return None
