"""The layout spec: which template shows which section, on slides and in infographics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from deck.inputs.study import Model, Slug

Color = str  # "#RRGGBB", checked by the pattern below
COLOR = r"^#[0-9A-Fa-f]{6}$"


class ThemeSpec(Model):
    """Overrides of the default theme."""

    accent: str | None = Field(None, pattern=COLOR, description="Figures, current-wave bars, rules.")
    accent_soft: str | None = Field(None, pattern=COLOR, description="Second colour of breakdowns.")
    ink: str | None = Field(None, pattern=COLOR)
    muted: str | None = Field(None, pattern=COLOR)
    earlier: str | None = Field(None, pattern=COLOR, description="Colour of earlier waves in charts.")
    card: str | None = Field(None, pattern=COLOR)
    background: str | None = Field(None, pattern=COLOR)
    headline_case: Literal["normal", "upper"] = "normal"
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
    preset: Literal["newsletter", "square", "social", "poster"] | None = Field(
        None, description="The image's size: 'newsletter' unless given; 'poster' for the poster, and only for it."
    )

    @property
    def size(self) -> str:
        """The preset, given or implied."""
        return self.preset or ("poster" if self.template == "poster" else "newsletter")


class LayoutSpec(Model):
    size: Literal["16:9"] = "16:9"
    theme: ThemeSpec = Field(default_factory=ThemeSpec)
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
