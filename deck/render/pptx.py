"""PowerPoint backend: native shapes, text and editable charts from scenes.

Text sizes come fitted from layout; autofit is off so what opens is what was measured.
"""

from __future__ import annotations

import io
from typing import Any, assert_never

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deck.render.package import normalize_package
from deck.scene import Bitmap, Box, Chart, Element, Group, Poly, Rect, Scene, Text

EMU_PER_PT = 12700
NATURAL_LINE = 1.22  # Carlito/Calibri single line height per em (hhea ascent + descent + gap)
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_CHART_TYPE = {
    "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


def emu(points: float) -> Emu:
    return Emu(int(round(points * EMU_PER_PT)))


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


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
        data = CategoryChartData(number_format=el.number_format)
        data.categories = list(el.categories)
        for series in el.series:
            data.add_series(series.name, list(series.values))
        b = el.box
        frame = shapes.add_chart(_CHART_TYPE[el.kind], emu(b.x), emu(b.y), emu(b.w), emu(b.h), data)
        frame.name = f"chart-{el.kind}"
        chart = frame.chart
        chart.has_legend = el.legend
        chart.has_title = False
        chart.font.name = self.font
        chart.font.size = Pt(el.category_size or el.label_size)
        chart.font.color.rgb = rgb(el.text_color)
        plot = chart.plots[0]
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = el.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.font.size = Pt(el.label_size)
        labels.font.bold = True
        labels.font.name = self.font
        if el.kind == "doughnut":
            _style_doughnut(chart, el, self.font)
        elif el.kind == "line":
            _style_line(chart, el, self.font)
        else:
            _style_bars(chart, el, self.font)
        _pin_plot_area(chart, el.plot, el.box)
        _fix_axis_ids(chart)
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


def _style_bars(chart: Any, el: Chart, font: str) -> None:
    plot = chart.plots[0]
    plot.gap_width = el.gap_width
    plot.overlap = el.overlap
    plot.vary_by_categories = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    for series, spec in zip(plot.series, el.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(spec.color)
        series.data_labels.font.color.rgb = rgb(el.text_color if spec is el.series[-1] else el.muted_color)
        series.data_labels.show_value = True
        series.data_labels.font.size = Pt(el.label_size)
        series.data_labels.font.bold = True
        series.data_labels.number_format = el.number_format
        series.data_labels.number_format_is_linked = False
        series.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        color = el.text_color if spec is el.series[-1] else el.muted_color
        _own_formats(series, spec, el, color, XL_LABEL_POSITION.OUTSIDE_END, font)
    _style_axes(chart, el)


def _style_axes(chart: Any, el: Chart) -> None:
    """No gridlines, a hidden value axis from 0 to the laid-out maximum, category labels below."""
    values = chart.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale = 0
    values.maximum_scale = el.axis_max
    cats = chart.category_axis
    cats.has_major_gridlines = False
    cats.major_tick_mark = XL_TICK_MARK.NONE
    cats.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if el.axis_line:
        cats.format.line.fill.solid()
        cats.format.line.fill.fore_color.rgb = rgb(el.axis_line)
    else:
        cats.format.line.fill.background()
    cats.tick_labels.font.size = Pt(el.category_size)
    cats.tick_labels.font.color.rgb = rgb(el.text_color)
    cats.reverse_order = el.kind == "bars"  # the first category on top


def _style_line(chart: Any, el: Chart, font: str) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = False
    for series, spec in zip(plot.series, el.series):
        series.smooth = False
        series.format.line.color.rgb = rgb(spec.color)
        series.format.line.width = emu(el.line_width)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = max(2, round(el.marker))
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(spec.color)
        series.marker.format.line.color.rgb = rgb(spec.color)
        labels = series.data_labels
        labels.show_value = spec.labels != "none"
        if spec.labels != "none":
            labels.position = XL_LABEL_POSITION.ABOVE if spec.labels == "above" else XL_LABEL_POSITION.BELOW
            labels.font.size = Pt(el.label_size)
            labels.font.bold = True
            labels.font.color.rgb = rgb(el.text_color)
            labels.number_format = el.number_format
            labels.number_format_is_linked = False
            above = spec.labels == "above"
            position = XL_LABEL_POSITION.ABOVE if above else XL_LABEL_POSITION.BELOW
            _own_formats(series, spec, el, el.text_color, position, font)
    _style_axes(chart, el)


def _style_doughnut(chart: Any, el: Chart, font: str) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = True
    doughnut = plot._element
    hole = doughnut.find(qn("c:holeSize"))
    if hole is not None:
        hole.set("val", str(el.hole))
    first = doughnut.find(qn("c:firstSliceAng"))
    if first is not None:
        first.set("val", "0")
    series = plot.series[0]
    spec = el.series[0]
    for i, color in enumerate(spec.point_colors):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(color)
        if el.separator:
            point.format.line.fill.solid()
            point.format.line.fill.fore_color.rgb = rgb(el.separator)
            point.format.line.width = emu(el.separator_width)
        else:
            point.format.line.fill.background()
        color = spec.label_colors[i] if spec.label_colors else el.text_color
        fmt = spec.formats[i] if spec.formats else el.number_format
        _point_label(point, el, fmt, color, font)


def _point_label(point: Any, el: Chart, fmt: str, color: str, font: str, position: Any = None) -> None:
    """One point's own data label: its number format, colour and size (it overrides the series')."""
    label = point.data_label
    label.font.color.rgb = rgb(color)
    label.font.size = Pt(el.label_size)
    label.font.bold = True
    label.font.name = font
    label.has_text_frame = False
    if position is not None:
        label.position = position
    dl = label._dLbl
    for tag, val in (
        ("c:showLegendKey", "0"),
        ("c:showVal", "1"),
        ("c:showCatName", "0"),
        ("c:showSerName", "0"),
        ("c:showPercent", "0"),
        ("c:showBubbleSize", "0"),
    ):
        node = dl.find(qn(tag))
        if node is None:
            node = etree.SubElement(dl, qn(tag))
        node.set("val", val)
    numfmt = dl.find(qn("c:numFmt"))
    if numfmt is None:
        numfmt = etree.Element(qn("c:numFmt"))
        dl.insert(1, numfmt)
    numfmt.set("formatCode", fmt)
    numfmt.set("sourceLinked", "0")


def _own_formats(series: Any, spec: Any, el: Chart, color: str, position: Any, font: str) -> None:
    """Per-point labels where a point is written with other decimals than the chart's format."""
    for i, fmt in enumerate(spec.formats):
        if fmt != el.number_format:
            _point_label(series.points[i], el, fmt, color, font, position)


def _pin_plot_area(chart: Any, plot: Box, box: Box) -> None:
    """Write the laid-out plot area as the chart's manual inner layout."""
    area = chart._chartSpace.chart.plotArea
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, val in (
        ("c:layoutTarget", "inner"),
        ("c:xMode", "edge"),
        ("c:yMode", "edge"),
        ("c:x", (plot.x - box.x) / box.w),
        ("c:y", (plot.y - box.y) / box.h),
        ("c:w", plot.w / box.w),
        ("c:h", plot.h / box.h),
    ):
        etree.SubElement(manual, qn(tag)).set("val", f"{val:.4f}" if isinstance(val, float) else val)
    area.insert(0, layout)


def _fix_axis_ids(chart: Any) -> None:
    """python-pptx writes negative axis ids; ECMA-376 wants unsignedInt. Renumber them."""
    space = chart._chartSpace
    mapping: dict[str, str] = {}
    for node in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = node.get("val")
        if old not in mapping:
            mapping[old] = str(100000 + len(mapping) + 1)
        node.set("val", mapping[old])


def set_alt(shape: Any, text: str) -> None:
    """Alt text is the ``descr`` attribute of the shape's cNvPr."""
    for node in shape._element.iter(qn("p:cNvPr")):
        node.set("descr", text)
        break


def render_pptx(
    scenes: list[Scene], *, width: float, height: float, lang: str, font: str, properties: dict[str, str]
) -> bytes:
    """All scenes as one deck; identical input gives identical bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(width), emu(height)
    blank = prs.slide_layouts[6]
    writer = _Writer(font, lang)
    for scene in scenes:
        slide = prs.slides.add_slide(blank)
        for element in scene.elements:
            writer.draw(slide.shapes, element)
        if scene.notes:
            slide.notes_slide.notes_text_frame.text = scene.notes
    core = prs.core_properties
    core.title = properties.get("title", "")
    core.subject = properties.get("subject", "")
    core.author = core.last_modified_by = "deck"
    core.language = lang
    core.keywords = properties.get("keywords", "")
    core.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalize_package(buffer.getvalue(), properties.get("date", "2000-01-01T00:00:00Z"))
