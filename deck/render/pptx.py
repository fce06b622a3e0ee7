"""PowerPoint backend: native shapes, text and editable charts from scenes.

Text sizes come fitted from layout; autofit is off so what opens is what was measured.
"""

from __future__ import annotations

import gc
import io
import re
from dataclasses import replace as dataclass_replace
from typing import Any, assert_never

from pptx import Presentation
from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Pt

from deck.parallel import fork_map
from deck.render.assemble import Fragment, Part, Rel, assemble, canonical, fits, from_package, from_zip, replace_rels
from deck.render.base import app_xml, base_package, layout_of, placeholders_of
from deck.render.notes import RT_NOTES_MASTER, with_notes
from deck.render.package import FIXED_DATE, normalize_package
from deck.render.pptx_bars import CHART_TYPE, bar_chart_xml, chart_frame_xml, direct, frame_of, legend_xml
from deck.render.pptx_charts import (
    emu,
    fix_axis_ids,
    pin_plot_area,
    rgb,
    style_bars,
    style_doughnut,
    style_line,
    style_years,
)
from deck.render.pptx_shapes import NAMESPACES, NATURAL_LINE, ShapeXml, reading_order, writable
from deck.render.workbook import XLSX_TYPE, FastCategoryData, category_workbook
from deck.scene import Bitmap, Chart, Element, Group, Master, Poly, Rect, Scene, Text

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_CHART, RT_PACKAGE = f"{_RELS}/chart", f"{_RELS}/package"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHUNK = 64  # slides rendered in one python-pptx presentation
THUMBNAIL_WIDTH = 256  # pixels
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_CHART_TYPE = {
    "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "years": XL_CHART_TYPE.XY_SCATTER_LINES,
}


class _Writer:
    def __init__(self, font: str, lang: str) -> None:
        self.font, self.lang = font, lang

    def draw(self, shapes: Any, element: Element) -> Any:
        match element:
            case Rect():
                return self._rect(shapes, element)
            case Poly():
                return self._poly(shapes, element)
            case Text():
                return self._text(shapes, element)
            case Chart():
                return self._chart(shapes, element)
            case Bitmap():
                return self._bitmap(shapes, element)
            case Group():
                return self._group(shapes, element)
            case _:
                assert_never(element)

    def _rect(self, shapes: Any, el: Rect) -> Any:
        b = el.box
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if el.radius else MSO_SHAPE.RECTANGLE
        shape = shapes.add_shape(kind, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
        if el.radius:
            shape.adjustments[0] = min(0.5, el.radius / min(b.w, b.h))
        return _plain_fill(shape, el.fill, el.role)

    def _poly(self, shapes: Any, el: Poly) -> Any:
        (x0, y0), rest = el.points[0], el.points[1:]
        builder = shapes.build_freeform(emu(x0), emu(y0), scale=1.0)
        builder.add_line_segments([(emu(x), emu(y)) for x, y in rest], close=True)
        shape = _plain_fill(builder.convert_to_shape(), el.fill, el.role)
        if el.stroke:
            shape.line.color.rgb = rgb(el.stroke)
            shape.line.width = emu(el.stroke_width)
        return shape

    def _text(self, shapes: Any, el: Text) -> Any:
        b = el.box
        box = shapes.add_textbox(emu(b.x), emu(b.y), emu(b.w), emu(b.h))
        box.name = el.role
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = _ANCHOR[el.anchor]
        for i, paragraph in enumerate(el.paragraphs):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.alignment = _ALIGN[el.align]
            para.line_spacing = round(el.line_height / el.size / NATURAL_LINE, 3)
            run = para.add_run()
            run.text = paragraph
            self._font(run.font, el.size, el.color, el.face)
        return box

    def _font(self, font: Any, size: float, color: str, face: str) -> None:
        font.name = self.font
        font.size = Pt(size)
        font.bold = face == "bold"
        font.italic = face == "italic"
        font.color.rgb = rgb(color)
        font._rPr.set("lang", self.lang)

    def _bitmap(self, shapes: Any, el: Bitmap) -> Any:
        b = el.box
        picture = shapes.add_picture(el.path, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
        picture.name = el.role
        set_alt(picture, el.alt)
        return picture

    def _group(self, shapes: Any, el: Group) -> Any:
        group = shapes.add_group_shape()
        group.name = el.role
        for child in el.elements:
            self.draw(group.shapes, child)
        set_alt(group, el.alt)
        return group

    def _chart(self, shapes: Any, el: Chart) -> Any:
        data: Any
        if el.kind == "years":  # a time axis: x is the year
            data = XyChartData(number_format=el.number_format)
            for series in el.series:
                points = data.add_series(series.name, number_format=el.number_format)
                for year, value in zip(el.years, series.values):
                    points.add_data_point(year, value)
        else:
            data = FastCategoryData(number_format=el.number_format)
            data.categories = list(el.categories)
            for series in el.series:
                data.add_series(series.name, list(series.values))
        b = frame_of(el)
        frame = shapes.add_chart(_CHART_TYPE[el.kind], emu(b.x), emu(b.y), emu(b.w), emu(b.h), data)
        frame.name = f"chart-{el.kind}"
        chart = frame.chart
        chart.has_legend = False  # the chart's own legend, where the layout put it, is written below
        chart.has_title = False
        chart.font.name = self.font
        chart.font.size = Pt(el.category_size or el.label_size)
        chart.font.color.rgb = rgb(el.text_color)
        plot = chart.plots[0]
        if el.kind != "years":  # a scatter plot has no plot-wide labels: its points carry their own
            plot.has_data_labels = True
            labels = plot.data_labels
            labels.number_format = el.number_format
            labels.number_format_is_linked = False
            labels.show_value = True
            labels.font.size = Pt(el.label_size)
            labels.font.bold = True
            labels.font.name = self.font
        if el.kind == "years":
            style_years(chart, el, self.font)
        elif el.kind == "doughnut":
            style_doughnut(chart, el, self.font)
        elif el.kind == "line":
            style_line(chart, el, self.font)
        else:
            style_bars(chart, el, self.font)
        pin_plot_area(chart, el.plot, b)
        if el.legend_box is not None:
            legend = parse_xml(f'<c:root xmlns:c="{_C}" xmlns:a="{_A}">{legend_xml(el, self.font)}</c:root>')[0]
            chart._chartSpace.chart.plotArea.addnext(legend)
        fix_axis_ids(chart)
        set_alt(frame, el.alt)
        return frame


def _plain_fill(shape: Any, color: str, role: str) -> Any:
    shape.name = role
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(color)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def set_alt(shape: Any, text: str) -> None:
    """Alt text is the ``descr`` attribute of the shape's cNvPr."""
    for node in shape._element.iter(qn("p:cNvPr")):
        node.set("descr", text)
        break


def render_pptx(scenes: list[Scene], **options: Any) -> bytes:
    """All scenes as one deck; identical input gives identical bytes."""
    return render_deck(scenes, **options)[0]


def render_deck(
    scenes: list[Scene],
    *,
    master: Master,
    lang: str,
    properties: dict[str, str],
    reuse: dict[int, Fragment] | None = None,
    workers: int = 1,
    thumbnail: bytes | None = None,
) -> tuple[bytes, list[int]]:
    """All scenes as one deck on deck's ``master``, and the positions of the slides rendered:
    ``reuse`` gives, by position, slides already made by an earlier build, which are not rendered
    again (unless they do not fit this deck's base). The bytes are the same whichever slides were
    reused."""
    layouts = frozenset(layout_of(scene.template) for scene in scenes)
    setup = (master, lang, tuple(sorted(properties.items())), layouts)
    empty = from_zip(base_package(*setup))
    known = empty.base() | {"/"}
    reuse = {i: f for i, f in (reuse or {}).items() if fits(f, known)}
    drawn = [i for i in range(len(scenes)) if i not in reuse]
    made: dict[int, Fragment] = {}
    chunks = [drawn[start : start + CHUNK] for start in range(0, len(drawn), CHUNK)]  # flat python-pptx costs
    global _JOB
    _JOB = (scenes, setup)  # what forked workers find in their copy of this process
    gc.freeze()  # what exists now lives on: the collections look at each chunk's objects only
    try:
        for chunk, fragments in zip(chunks, fork_map(_render_chunk, chunks, workers if len(chunks) > 1 else 1)):
            made.update(zip(chunk, fragments))
    finally:
        gc.unfreeze()
        _JOB = None
    fragments = [reuse.get(i) or made[i] for i in range(len(scenes))]
    overrides = {"/docProps/app.xml": app_xml(master, len(scenes), sum(1 for s in scenes if s.notes))}
    if scenes:  # the first slide, as file browsers show the deck (``thumb``: as a previous build drew it)
        overrides["/docProps/thumbnail.jpeg"] = thumbnail or draw_thumbnail(scenes[0])
    return assemble(empty, fragments, properties.get("date", FIXED_DATE), overrides), drawn


def draw_thumbnail(scene: Scene) -> bytes:
    """The first slide, 256 pixels wide, as file browsers show a deck."""
    from PIL import Image

    from deck.render.png import render_png

    picture = Image.open(io.BytesIO(render_png(scene, THUMBNAIL_WIDTH / scene.width))).convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


_JOB: tuple[Any, ...] | None = None


def _render_chunk(chunk: list[int]) -> list[Fragment]:
    """One chunk of slides, in a presentation of its own (in a worker, or here)."""
    assert _JOB is not None
    scenes, setup = _JOB
    master, lang = setup[0], setup[1]
    fragments = _render_slides([scenes[i] for i in chunk], _presentation(setup), master, lang)
    gc.collect()  # python-pptx's parts refer to each other: free this chunk's before the next
    return fragments


def _presentation(setup: tuple[Any, ...]) -> Any:
    """An empty presentation on deck's master, the same each time: the base every slide is made on."""
    prs = Presentation(io.BytesIO(base_package(*setup)))
    _count_partnames(prs.part.package)
    return prs


def _render_slides(scenes: list[Scene], prs: Any, master: Master, lang: str) -> list[Fragment]:
    """The scenes as slides of ``prs``, taken out as fragments."""
    layouts: dict[str, Any] = {}
    for slide_master in prs.slide_masters:  # the first layout of a name, as the layout stage read them
        for layout in slide_master.slide_layouts:
            layouts.setdefault(layout.name, layout)
    roles = {name: placeholders_of(layout.part.blob) for name, layout in layouts.items()}
    font = master.font
    writer = _Writer(font, lang)
    charts: list[list[Part]] = []  # each slide's charts written directly: chart part, workbook
    for scene in scenes:
        name = master.layout_for(scene.template) or layout_of(scene.template)
        slide = _bare_slide(prs, layouts[name])
        shapes = ShapeXml(font, lang, roles[name], inherit=bool(master.brand))
        pending: list[str] = []
        charts.append([])
        for element in reading_order(scene.elements):
            if isinstance(element, Group) and element.role == "chart-legend":
                continue  # the chart draws its own legend in the deck
            if writable(element):
                pending.append(shapes.xml(element))
            elif isinstance(element, Chart) and direct(element):
                rid = f"rIdChart{len(charts[-1]) // 2 + 1}"
                pending.append(chart_frame_xml(element, shapes.take_id(), rid))
                charts[-1] += _chart_parts(element, font)
            else:
                _insert(slide, pending)
                shapes.next_id = writer.draw(slide.shapes, element).shape_id + 1
        _insert(slide, pending)
    view = from_package(prs.part.package)
    base = view.base()
    notes_master = next(t for _, kind, t, _ in view.rels["/ppt/presentation.xml"] if kind == RT_NOTES_MASTER)
    fragments = [
        _with_charts(_reproducible(view.fragment(name, base)), extra) for name, extra in zip(view.slides(), charts)
    ]
    return [with_notes(f, scene.notes, notes_master) if scene.notes else f for f, scene in zip(fragments, scenes)]


def _bare_slide(prs: Any, layout: Any) -> Any:
    """A new slide on ``layout`` with none of its placeholders: deck writes its own, filled.
    (``Slides.add_slide`` would copy every placeholder of the layout first, a third of the time
    python-pptx takes for a slide.)"""
    rid, slide = prs.part.add_slide(layout)
    prs.slides.element.add_sldId(rid)
    return slide


def _chart_parts(element: Chart, font: str) -> list[Part]:
    """A chart written directly: its part (its workbook related as rId1) and its workbook."""
    series = [(s.name, list(s.values)) for s in element.series]
    workbook = category_workbook(list(element.categories), series, element.number_format)
    return [
        Part("/ppt/charts/chart", ".xml", CHART_TYPE, bar_chart_xml(element, font), (Rel("rId1", RT_PACKAGE, 1),)),
        Part("/ppt/embeddings/Microsoft_Excel_Sheet", ".xlsx", XLSX_TYPE, workbook, ()),
    ]


def _with_charts(fragment: Fragment, extra: list[Part]) -> Fragment:
    """The slide's fragment with its directly written charts, related as rIdChart1, rIdChart2…"""
    if not extra:
        return fragment
    start = len(fragment)
    parts = list(fragment)
    links = []
    for k in range(0, len(extra), 2):
        chart, workbook = extra[k], extra[k + 1]
        parts += [replace_rels(chart, (Rel("rId1", RT_PACKAGE, start + k + 1),)), workbook]
        links.append(Rel(f"rIdChart{k // 2 + 1}", RT_CHART, start + k))
    parts[0] = replace_rels(parts[0], (*parts[0].rels, *links))
    return canonical(tuple(parts))


def _insert(slide: Any, pending: list[str]) -> None:
    """Shapes written as XML join the slide's shape tree, in drawing order."""
    if pending:
        tree = slide.shapes._spTree
        tree.extend(list(parse_xml(f"<p:spTree {NAMESPACES}>{''.join(pending)}</p:spTree>")))
        pending.clear()


def _reproducible(fragment: Fragment) -> Fragment:
    """Chart workbooks carry the time they were written: fixed, like every date in the deck."""
    return tuple(
        dataclass_replace(part, blob=normalize_package(part.blob)) if _dated(part) else part for part in fragment
    )


def _dated(part: Any) -> bool:
    """A workbook xlsxwriter wrote (deck's own carry no date)."""
    return part.ext == ".xlsx" and b"docProps/core.xml" in part.blob


def _count_partnames(package: Any) -> None:
    """python-pptx names each new part (a chart, its workbook, a notes page) by scanning every part
    of the package, which makes a deck of n slides cost n² (its issue #644). deck only adds parts,
    so a counter per name pattern, started from one scan, gives the same names in constant time."""
    counters: dict[str, int] = {}
    scan = package.next_partname

    def next_partname(tmpl: str) -> Any:
        if tmpl not in counters:
            counters[tmpl] = int(re.search(r"(\d+)\D*$", str(scan(tmpl))).group(1))  # type: ignore[union-attr]
        else:
            counters[tmpl] += 1
        return PackURI(tmpl % counters[tmpl])

    package.next_partname = next_partname
