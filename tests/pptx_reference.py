"""The reference for deck's chart and picture XML: the same charts made with python-pptx's API and
styled node by node, as deck once made them. deck writes these parts directly (tests compare the
bytes); this is also how the stock package deck starts from is made (``python tests/pptx_reference.py``
rewrites it)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deck.render.package import FIXED_TIME, fixed_dates
from deck.render.pptx_bars import frame_of, legend_xml
from deck.scene import Bitmap, Box, Chart

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CHART_TYPE = {
    "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "years": XL_CHART_TYPE.XY_SCATTER_LINES,
}
STOCK = Path(__file__).resolve().parent.parent / "deck" / "render" / "stock.pptx"


def chart_part(el: Chart, font: str = "Calibri") -> bytes:
    """The chart part python-pptx and deck's former styling make for ``el``."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return _Writer(font).chart(slide.shapes, el).chart.part.blob


def picture_xml(el: Bitmap) -> bytes:
    """The slide python-pptx makes with ``el`` as its one picture."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    b = el.box
    picture = slide.shapes.add_picture(el.path, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    picture.name = el.role
    set_alt(picture, el.alt)
    return slide.part.blob


def stock_package() -> bytes:
    """python-pptx's empty presentation with its notes master: the parts deck keeps as they are."""
    prs = Presentation()
    _ = prs.notes_master
    out = io.BytesIO()
    prs.save(out)
    return _fixed(out.getvalue())  # fixed dates: the same bytes whenever it is made


def _fixed(blob: bytes) -> bytes:
    """The package with fixed zip times and document dates."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("core.xml"):
                data = fixed_dates(data, "2000-01-01T00:00:00Z")
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()


def set_alt(shape: Any, text: str) -> None:
    for node in shape._element.iter(qn("p:cNvPr")):
        node.set("descr", text)
        break


class _Writer:
    def __init__(self, font: str) -> None:
        self.font = font

    def chart(self, shapes: Any, el: Chart) -> Any:
        data: Any
        if el.kind == "years":  # a time axis: x is the year
            data = XyChartData(number_format=el.number_format)
            for series in el.series:
                points = data.add_series(series.name, number_format=el.number_format)
                for year, value in zip(el.years, series.values):
                    points.add_data_point(year, value)
        else:
            data = CategoryChartData(number_format=el.number_format)
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


if __name__ == "__main__":  # rewrite the stock package from the installed python-pptx
    STOCK.write_bytes(stock_package())
    sys.exit(0)
