"""PowerPoint backend, charts: native, editable charts styled as laid out (their plot area pinned to
the scene's, their labels in the study's number formats)."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deck.scene import Box, Chart

EMU_PER_PT = 12700
_MARKERS = {
    "circle": XL_MARKER_STYLE.CIRCLE,
    "square": XL_MARKER_STYLE.SQUARE,
    "diamond": XL_MARKER_STYLE.DIAMOND,
    "triangle": XL_MARKER_STYLE.TRIANGLE,
}


def emu(points: float) -> Emu:
    return Emu(int(round(points * EMU_PER_PT)))


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def style_bars(chart: Any, el: Chart, font: str) -> None:
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
    """No gridlines, a hidden value axis from 0 to the laid-out maximum, category labels below; lines
    run from the plot area's left edge to its right edge, as laid out."""
    values = chart.value_axis
    if el.kind in ("line", "years"):
        between = values._element.find(qn("c:crossBetween"))
        if between is not None:
            between.set("val", "midCat")
    if el.kind == "years":
        years = chart.category_axis
        years.minimum_scale, years.maximum_scale = el.years[0], el.years[-1]
        years.major_unit = el.year_step
        years.tick_labels.number_format = "0"
        years.tick_labels.number_format_is_linked = False
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


def style_years(chart: Any, el: Chart, font: str) -> None:
    """Lines on a time axis (a scatter chart): each point labelled on its own, above or below."""
    plot = chart.plots[0]
    for series, spec in zip(plot.series, el.series):
        _line_look(series, spec, el)
        smooth = series._element.find(qn("c:smooth"))
        if smooth is not None:
            smooth.set("val", "0")
        if spec.labels != "none":
            position = XL_LABEL_POSITION.ABOVE if spec.labels == "above" else XL_LABEL_POSITION.BELOW
            for i in range(len(spec.values)):
                fmt = spec.formats[i] if spec.formats else el.number_format
                _point_label(series.points[i], el, fmt, el.text_color, font, position)
    _style_axes(chart, el)


def _line_look(series: Any, spec: Any, el: Chart) -> None:
    series.format.line.color.rgb = rgb(spec.color)
    series.format.line.width = emu(el.line_width)
    series.marker.style = _MARKERS[spec.marker]
    series.marker.size = max(2, round(el.marker))
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = rgb(spec.color)
    series.marker.format.line.color.rgb = rgb(spec.color)


def style_line(chart: Any, el: Chart, font: str) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = False
    for series, spec in zip(plot.series, el.series):
        series.smooth = False
        _line_look(series, spec, el)
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


def style_doughnut(chart: Any, el: Chart, font: str) -> None:
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
        if i in spec.quiet:  # too thin for its number, which the legend gives
            show = point.data_label._dLbl.find(qn("c:showVal"))
            if show is not None:
                show.set("val", "0")


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


def pin_plot_area(chart: Any, plot: Box, box: Box) -> None:
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


def fix_axis_ids(chart: Any) -> None:
    """python-pptx writes negative axis ids; ECMA-376 wants unsignedInt. Renumber them."""
    space = chart._chartSpace
    mapping: dict[str, str] = {}
    for node in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = node.get("val")
        if old not in mapping:
            mapping[old] = str(100000 + len(mapping) + 1)
        node.set("val", mapping[old])
