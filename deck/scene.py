"""The neutral scene: every element in an absolute box, in points, top-left origin.

Backends draw scenes and know nothing of studies, YAML or geometry decisions.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, TypeVar

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]
ChartKind = Literal["columns", "bars", "doughnut", "line", "years"]
LANDSCAPE = 1.25  # width / height above which a box counts as landscape


V = TypeVar("V")


def quick(cls: type[V]) -> type[V]:
    """A frozen dataclass made as fast as a plain one: its generated ``__init__`` sets each field
    through ``object.__setattr__`` (frozen forbids plain assignment), twice the cost of writing the
    instance's dict directly, which this ``__init__`` does. The class stays frozen afterwards; a
    layout makes a few hundred boxes and texts per slide, so this is a tenth of laying one out."""
    names, params, defaults = [], [], {}
    for f in fields(cls):  # type: ignore[arg-type]
        assert f.init and f.default_factory is MISSING, f"{cls.__name__}.{f.name}: a plain field only"
        names.append(f.name)
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_{f.name}"] = f.default
            params.append(f"{f.name}=_{f.name}")
    assert "__slots__" not in vars(cls) and not hasattr(cls, "__post_init__")
    body = "".join(f"\n    own[{n!r}] = {n}" for n in names)
    code = f"def __init__(self, {', '.join(params)}):\n    own = self.__dict__{body}\n"
    scope: dict[str, Any] = {}
    exec(code, dict(defaults), scope)  # noqa: S102 - the parameters are the class's own field names
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@quick
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def landscape(self) -> bool:
        """Wide enough to set things side by side rather than stacked."""
        return self.w / self.h > LANDSCAPE

    def split_x(self, share: float, gap: float) -> tuple[Box, Box]:
        """A left part ``share`` of the width wide, and the rest after ``gap``."""
        left = self.w * share
        return Box(self.x, self.y, left, self.h), Box(self.x + left + gap, self.y, self.w - left - gap, self.h)

    def split_y(self, share: float, gap: float) -> tuple[Box, Box]:
        """A top part ``share`` of the height tall, and the rest after ``gap``."""
        top = self.h * share
        return Box(self.x, self.y, self.w, top), Box(self.x, self.y + top + gap, self.w, self.h - top - gap)

    def columns(self, count: int, gap: float) -> list[Box]:
        """``count`` equal columns side by side, ``gap`` apart."""
        w = (self.w - gap * (count - 1)) / count
        return [Box(self.x + i * (w + gap), self.y, w, self.h) for i in range(count)]

    def rows(self, count: int, gap: float) -> list[Box]:
        """``count`` equal rows stacked, ``gap`` apart."""
        h = (self.h - gap * (count - 1)) / count
        return [Box(self.x, self.y + i * (h + gap), self.w, h) for i in range(count)]

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def contains(self, other: Box, tol: float = 0.01) -> bool:
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.right <= self.right + tol
            and other.bottom <= self.bottom + tol
        )

    def overlaps(self, other: Box) -> bool:
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom or other.bottom <= self.y)


@quick
@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str
    radius: float = 0.0
    role: str = "shape"


@quick
@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    fill: str
    role: str = "shape"
    stroke: str | None = None  # outline colour, if any
    stroke_width: float = 0.0


@quick
@dataclass(frozen=True)
class Text:
    box: Box
    lines: tuple[tuple[str, ...], ...]  # paragraphs of wrapped lines, as laid out
    size: float
    line_height: float
    color: str
    face: str = "regular"
    align: Align = "left"
    anchor: Anchor = "top"
    role: str = "text"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(" ".join(lines) for lines in self.lines)


@quick
@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str
    point_colors: tuple[str, ...] = ()
    label_colors: tuple[str, ...] = ()
    labels: Literal["above", "below", "none"] = "above"  # where this series' data labels stand (lines)
    formats: tuple[str, ...] = ()  # each point's number format, when they differ from the chart's
    places: tuple[int, ...] = ()  # each point's decimals, as its item has them (layout's input)
    marker: Literal["circle", "square", "diamond", "triangle"] = "circle"  # lines: each series its own shape
    quiet: tuple[int, ...] = ()  # points drawn without a data label (a wedge too thin: the legend has it)


@quick
@dataclass(frozen=True)
class Chart:
    """A native chart in the deck; ``marks`` are the same chart drawn as primitives for images."""

    box: Box
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str
    label_size: float
    category_size: float
    text_color: str
    muted_color: str
    marks: tuple[Element, ...]
    plot: Box  # inner plot area, as laid out (also written as the chart's manual layout)
    alt: str = ""
    axis_max: float = 0.0  # the value axis runs from 0 to this (bars and columns)
    axis_line: str | None = None  # colour of the category axis line, if drawn
    hole: int = 0  # doughnut: the hole's diameter, % of the ring's
    separator: str | None = None  # doughnut: colour of the lines between wedges
    separator_width: float = 0.0
    line_width: float = 0.0  # line: the width of each series' line, in points
    marker: float = 0.0  # line: the diameter of each point's marker
    years: tuple[int, ...] = ()  # "years": each point's year, placed on a time axis
    year_step: int = 1  # "years": a tick label every this many years, from the first
    legend_box: Box | None = None  # the deck draws the chart's own legend here (images: a Group "chart-legend")
    legend_size: float = 0.0
    gap_width: int = 60  # gap between clusters, % of one bar's width (PowerPoint's definition)
    role: str = "chart"


@quick
@dataclass(frozen=True)
class Bitmap:
    """A picture file (a logo) scaled into its box."""

    box: Box
    path: str
    alt: str
    role: str = "logo"


@quick
@dataclass(frozen=True)
class Group:
    """Elements that form one picture (a pictogram): one alt text for all."""

    elements: tuple[Element, ...]
    alt: str
    role: str = "group"


Element = Rect | Poly | Text | Chart | Bitmap | Group


FigureRef = tuple[str, float | None, float | None]  # a figure's id, its value, or the change published instead


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    elements: tuple[Element, ...]
    background: str = "#FFFFFF"
    section: str | None = None
    template: str = ""
    figures: tuple[FigureRef, ...] = ()  # every figure shown: (id, value, change)
    alt: str = ""
    notes: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def walk(elements: tuple[Element, ...]) -> list[Element]:
    """All elements, groups and chart marks flattened (charts themselves included)."""
    out: list[Element] = []
    for element in elements:
        out.append(element)
        if isinstance(element, Group):
            out.extend(walk(element.elements))
    return out


@dataclass(frozen=True)
class Master:
    """What a deck's master, layouts and theme say, so that what a person adds by hand looks like
    the rest: the slide size, the palette by theme slot, the font, and each placeholder's box and
    text size (points). A renderer reads it; the layout makes it from the theme."""

    width: float
    height: float
    font: str
    palette: tuple[tuple[str, str], ...]  # (slot, "#RRGGBB"): dk1, lt1, dk2, lt2, accent1…6, hlink, folHlink
    title: Box  # a page's headline
    body: Box
    footer: Box
    number: Box
    date: Box
    cover_title: Box  # the title slide's
    cover_subtitle: Box
    title_size: float
    body_size: float
    footer_size: float
    cover_title_size: float
    cover_subtitle_size: float
    brand: bytes = field(default=b"", repr=False)  # a corporate template the deck is built on, if any
    brand_digest: str = ""  # its sha256, for what compares masters
    layouts: tuple[tuple[str, str], ...] = ()  # on a corporate template: deck template ("" for others) → layout

    def layout_for(self, template: str) -> str | None:
        """The corporate layout a page made by ``template`` is on (None: deck's own layouts)."""
        if not self.layouts:
            return None
        found = dict(self.layouts)
        return found.get(template) or found[""]
