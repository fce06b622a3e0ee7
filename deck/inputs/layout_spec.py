"""The layout spec: which template shows which section, on slides and in infographics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from deck.inputs.study import Model, Slug

Color = str  # "#RRGGBB", checked by the pattern below
COLOR = r"^#[0-9A-Fa-f]{6}$"


Sizes = tuple[float, float]  # largest, smallest points


class TypeSpec(Model):
    """Text sizes by role, each [largest, smallest] in points: a text is fitted between the two."""

    title: Sizes | None = Field(None, description="The title slide's title.")
    subtitle: Sizes | None = None
    headline: Sizes | None = Field(None, description="A page's headline.")
    lead: Sizes | None = None
    footer: Sizes | None = Field(None, description="Sources, bases, notes and the page number.")
    body: Sizes | None = Field(None, description="Methodology paragraphs.")

    @field_validator("*")
    @classmethod
    def _ordered(cls, value: Sizes | None) -> Sizes | None:
        if value is not None and not 4 <= value[1] <= value[0] <= 200:
            raise ValueError("give [largest, smallest], largest first, between 4 and 200 points")
        return value


class ThemeSpec(Model):
    """The look: a shipped theme or a theme file (`use`), and colours, sizes, logo and footer
    that override it. The same keys make a theme file."""

    use: str | None = Field(
        None,
        max_length=500,
        description="'default', 'dark', 'high-contrast', or a theme file (YAML) relative to this file.",
    )
    primary: str | None = Field(None, pattern=COLOR, description="Headlines and the title.")
    accent: str | None = Field(None, pattern=COLOR, description="Figures, current-wave bars, rules.")
    accent_soft: str | None = Field(None, pattern=COLOR, description="Second colour of breakdowns.")
    ink: str | None = Field(None, pattern=COLOR, description="Text.")
    muted: str | None = Field(None, pattern=COLOR, description="Lead-ins, earlier waves, footers.")
    earlier: str | None = Field(None, pattern=COLOR, description="Colour of earlier waves in charts.")
    neutral: str | None = Field(None, pattern=COLOR, description="Third colour of breakdowns.")
    card: str | None = Field(None, pattern=COLOR, description="Behind figures and quotes.")
    rule: str | None = Field(None, pattern=COLOR, description="Thin rules and axes.")
    background: str | None = Field(None, pattern=COLOR)
    rise: str | None = Field(None, pattern=COLOR, description="A change up.")
    fall: str | None = Field(None, pattern=COLOR, description="A change down.")
    headline_case: Literal["normal", "upper"] | None = None
    font: str | None = Field(
        None,
        max_length=100,
        description="The family the deck names (measured with Carlito: Calibri's metrics); default Calibri.",
    )
    footer: str | None = Field(None, max_length=200, description="A line in every slide's footer.")
    type: TypeSpec | None = None
    logo: str | None = Field(
        None, max_length=500, description="PNG or JPEG, relative to this layout file: on the title and every footer."
    )


class Placement(Model):
    """A template placed on a page, for a section or none."""

    template: str = Field("auto", description="Template name, or 'auto' to choose from the content.")
    section: str | None = None


class SlideSpec(Placement):
    section: Slug | None = None
    title: str | None = Field(None, max_length=200, description="Replaces the section title as headline.")


class ImageSpec(Placement):
    section: str | None = Field(None, description="Section id, or 'all' for one image per section.")
    preset: Literal["newsletter", "square", "social", "portrait", "poster"] | None = Field(
        None, description="The image's size: 'newsletter' unless given; 'poster' for the poster, and only for it."
    )

    @property
    def size(self) -> str:
        """The preset, given or implied."""
        return self.preset or ("poster" if self.template == "poster" else "newsletter")


Form = Literal["png", "png@2x", "svg"]


def _png() -> list[Form]:
    return ["png"]


class LayoutSpec(Model):
    size: Literal["16:9", "4:3"] = Field(
        "16:9", description="Of deck's own slides: 16:9 or 4:3 (a `template` sets its own)."
    )
    theme: ThemeSpec = Field(default_factory=ThemeSpec)
    image_formats: list[Form] = Field(
        default_factory=_png,
        min_length=1,
        max_length=3,
        description="Each image in these formats: png (png/NAME.png), png@2x (png/NAME@2x.png, twice as dense, "
        "for high-density screens), svg (svg/NAME.svg, vector, its fonts embedded).",
    )
    margins: bool = Field(False, description="Show each percentage's margin of error beside it (±1,8 pt).")
    template: str | None = Field(
        None,
        max_length=500,
        description="A corporate PowerPoint file or template (.pptx, .potx), relative to this file: the deck is "
        "built on its masters and layouts, in its colours and fonts (the keys of `theme` still win).",
    )
    template_layouts: dict[str, str] = Field(
        default_factory=dict,
        max_length=100,
        description="Which layout of `template` each deck template uses, by the layout's name: `title`, a section "
        "template, `summary`, `methodology`, or `default` for all others. Unnamed ones are found by kind.",
    )

    @field_validator("theme", mode="before")
    @classmethod
    def _named(cls, value: object) -> object:
        """`theme: dark` is short for `theme: {use: dark}`."""
        return {"use": value} if isinstance(value, str) else value

    slides: list[SlideSpec] | None = Field(
        None,
        max_length=20_000,
        description="Slides in order. Sections not placed here are added with 'auto' (see `others`).",
    )
    others: Literal["auto", "omit"] = Field(
        "auto",
        description="Sections `slides` leaves out: 'auto' adds them after the last section; 'omit' leaves them out.",
    )
    infographics: list[ImageSpec] = Field(
        max_length=20_000,
        default_factory=lambda: [ImageSpec(section="all"), ImageSpec(template="poster", preset="poster")],
    )
