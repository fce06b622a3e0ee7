"""The study: typed, frozen, validated data read from a data file.

The JSON Schema published by ``deck schema`` is generated from these models.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", description="A simple id: letters, digits, '-' and '_'.")
]
Unit = Annotated[
    str,
    Field(
        max_length=24,
        pattern=r"^(|[^\d\s].{0,23})$",
        description="'%' (a share, the default), '' (a count), a currency ('€', '$', '£' or a code such as 'EUR'), "
        "'/10' (a score), or a short word ('ans', 'years', 'minutes').",
    ),
]
Prose = Annotated[str, Field(min_length=1, max_length=2000)]  # any text of the study, one to 2000 characters


MAX_FIGURE = 1e15
MAX_SECTIONS = 20_000  # a barometer of thousands of questions fits; a runaway generator does not
MAX_RESPONDENTS = 10**10
MAX_ITEMS = 200  # items in one section, sources in one study


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Numeric(Model):
    """Shared checks for anything that carries a numeric value."""

    @field_validator("value", "change", mode="before", check_fields=False)
    @classmethod
    def _number(cls, value: object) -> object:
        if isinstance(value, bool):  # true and false are not figures (pydantic would read 1 and 0)
            raise ValueError("true/false is not a number; write the figure as a number, e.g. 78")
        return value

    @field_validator("value", "change", check_fields=False)
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is None:
            return value
        if not math.isfinite(value):
            raise ValueError("not a finite number (NaN and infinity are not figures)")
        if abs(value) > MAX_FIGURE:
            raise ValueError(f"{value:g} is too large to be a survey figure (at most {MAX_FIGURE:.0e})")
        return value + 0.0  # -0 is 0


def _respondents(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_RESPONDENTS:
        raise ValueError(f"{value:,} respondents is more than there are people; write the number of respondents")
    return value


class SurveyBase(Model):
    """A survey base, who was asked: the number of respondents and/or the study's base note."""

    _size = field_validator("size", mode="before")(_respondents)

    size: int | None = Field(None, ge=1, description="Number of respondents.")
    text: Prose | None = Field(None, description="The base note, verbatim.")


class Wave(Numeric):
    """An earlier measurement of the same figure: its value, or only the change since, as published."""

    value: float | None = Field(None, description="The earlier value.")
    change: float | None = Field(
        None, description="The change since then, when only the change is published (points for a %)."
    )
    year: int | None = Field(None, ge=1900, le=2200)
    label: Prose | None = Field(None, description="Wave label when it is not a year.")
    source: Slug | None = Field(None, description="Id of an entry under `sources`.")
    base: SurveyBase | None = None

    @model_validator(mode="after")
    def _named(self) -> Wave:
        if self.year is None and self.label is None:
            raise ValueError("an earlier wave needs a `year` or a `label`")
        if (self.value is None) == (self.change is None):
            raise ValueError("an earlier wave needs its `value` or, when only the change is published, its `change`")
        return self


class Stat(Numeric):
    kind: Literal["stat"]
    id: Slug
    value: float
    unit: Unit = "%"
    label: Prose = Field(description="The study's wording, read after the number.")
    short: Prose | None = Field(None, max_length=80, description="Short label for charts.")
    headline: Prose | None = Field(None, max_length=80, description="A phrase that says the number in words.")
    detail: Prose | None = None
    of: Slug | None = Field(None, description="Id of the stat whose population this one is a share of.")
    base: SurveyBase | None = None
    wave: Prose | None = Field(None, max_length=60, description="This figure's current wave, if not the section's.")
    earlier: list[Wave] = Field(default_factory=list, max_length=30, description="Earlier waves, most recent first.")


class Answer(Numeric):
    id: Slug | None = None
    label: Prose
    value: float


class Breakdown(Model):
    kind: Literal["breakdown"]
    id: Slug
    question: Prose | None = None
    unit: Literal["%"] = "%"
    answers: list[Answer] = Field(min_length=2, max_length=8)
    base: SurveyBase | None = None


class RankEntry(Numeric):
    id: Slug | None = None
    value: float
    label: Prose
    short: Prose | None = Field(None, max_length=80)
    earlier: list[Wave] = Field(default_factory=list, max_length=30, description="Earlier waves, most recent first.")


class Ranking(Model):
    kind: Literal["ranking"]
    id: Slug
    question: Prose | None = None
    unit: Unit = "%"
    order: Literal["value", "given"] = Field("value", description="'value': highest first; 'given': as written.")
    multiple: bool = Field(False, description="Several answers were possible: the items are not parts of a whole.")
    items: list[RankEntry] = Field(min_length=2, max_length=10)
    base: SurveyBase | None = None


class Quote(Model):
    kind: Literal["quote"]
    text: Prose = Field(description="The respondent's own words, in full.")
    by: Prose | None = None


class Note(Model):
    kind: Literal["note"]
    text: Prose


class Heading(Model):
    kind: Literal["heading"]
    text: Prose


Item = Annotated[Stat | Breakdown | Ranking | Quote | Note | Heading, Field(discriminator="kind")]


class Section(Model):
    id: Slug
    title: Prose
    lead: Prose | None = None
    base: SurveyBase | None = Field(
        None, description="Who was asked, for every figure of the section that has no base."
    )
    wave: Prose | None = Field(None, max_length=60, description="This section's current wave, if not the study's.")
    items: list[Item] = Field(min_length=1, max_length=MAX_ITEMS)


class Source(Model):
    text: Prose
    url: str | None = None


class Fieldwork(Model):
    start: dt.date | None = None
    end: dt.date | None = None
    label: Prose | None = None

    @model_validator(mode="after")
    def _given(self) -> Fieldwork:
        if self.label is None and self.start is None:
            raise ValueError("fieldwork needs `start` (and `end`) or a `label`")
        if self.start and self.end and self.end < self.start:
            raise ValueError("fieldwork `end` is before `start`")
        return self


class Method(Model):
    _sample = field_validator("sample", mode="before")(_respondents)
    kind: Literal["quantitative", "qualitative"]
    institute: Prose
    client: Prose | None = None
    sample: Annotated[int, Field(ge=1)] | Prose | None = Field(
        None, description="Number of respondents (2032), or as published when approximate ('about 2,000')."
    )
    population: Prose | None = None
    mode: Prose | None = None
    description: Prose | None = None
    fieldwork: Fieldwork | None = None


class Meta(Model):
    id: Slug
    title: Prose
    subtitle: Prose | None = None
    locale: str = Field("fr", pattern=r"^[a-z]{2}([_-][A-Z]{2})?$")
    date: Prose | None = None
    wave: Prose | None = Field(None, description="Label of the current wave (defaults to the fieldwork year).")
    client: Prose | None = None
    institutes: list[Prose] = Field(default_factory=list, max_length=20)


class Statistics(Model):
    """How figures are tested and flagged."""

    confidence: float = Field(0.95, description="Of the tests of changes and of the margins: 0.9, 0.95 or 0.99.")
    design_effect: float = Field(
        1.0, ge=1.0, le=10.0, description="Of a weighted sample: variances are this much larger."
    )
    small_base: int = Field(100, ge=1, description="A figure asked of fewer respondents is flagged.")
    minimum_base: int = Field(
        30, ge=1, description="A figure asked of fewer respondents is flagged as too few to read."
    )

    @field_validator("confidence")
    @classmethod
    def _level(cls, value: float) -> float:
        if value not in (0.9, 0.95, 0.99):
            raise ValueError("give 0.9, 0.95 or 0.99")
        return value


class Study(Model):
    model_config = ConfigDict(populate_by_name=True)

    meta: Meta = Field(alias="study", description="What the study is: id, title, locale, credits.")
    layout: str | None = Field(None, description="Layout spec to use, relative to this file.")
    sources: dict[Slug, Source] = Field(default_factory=dict, max_length=MAX_ITEMS)
    methodology: list[Method] = Field(default_factory=list, max_length=20)
    sections: list[Section] = Field(min_length=1, max_length=MAX_SECTIONS)
    statistics: Statistics = Field(default_factory=Statistics)

    def stats(self) -> list[Stat]:
        return [item for section in self.sections for item in section.items if isinstance(item, Stat)]

    @property
    def current_wave(self) -> str:
        """The current wave's label: the study's own, or the year its fieldwork ended."""
        if self.meta.wave:
            return self.meta.wave
        for method in self.methodology:
            if method.fieldwork and method.fieldwork.end:
                return str(method.fieldwork.end.year)
        return ""
