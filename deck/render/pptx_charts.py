"""Doughnut, line and time-axis charts written as DrawingML chart parts directly, like bars and
columns (``pptx_bars``): the XML python-pptx and deck's styling made for them, node for node (tests
compare the bytes with python-pptx's), with the workbook behind each for "Edit Data"."""

from __future__ import annotations

from deck.render.markup import escape
from deck.render.pptx_bars import (
    CATEGORY_AXIS,
    CHART_START,
    FLAGS,
    VALUE_AXIS,
    bar_chart_xml,
    category_axis_xml,
    category_ref,
    chart_text,
    fill,
    legend_xml,
    plot_layout,
    series_name,
    text_props,
    value_axis_xml,
)
from deck.render.pptx_shapes import attr, emu
from deck.render.workbook import category_workbook, column_letter, xy_workbook
from deck.scene import Chart, Series

_POSITION = {"above": "t", "below": "b"}
_HIDDEN = FLAGS.replace('<c:showVal val="1"/>', '<c:showVal val="0"/>')
_END = '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/><c:showDLblsOverMax val="0"/></c:chart>'


def chart_xml(el: Chart, font: str) -> bytes:
    """The chart part of any chart of the deck, its workbook related as ``rId1``."""
    if el.kind in ("bars", "columns"):
        return bar_chart_xml(el, font)
    if el.kind == "doughnut":
        return _doughnut(el, font)
    if el.kind == "line":
        return _line(el, font)
    return _years(el, font)


def chart_workbook(el: Chart) -> bytes:
    """The workbook behind the chart: the sheet its series refer to."""
    if el.kind == "years":
        return xy_workbook(list(el.years), [(s.name, list(s.values)) for s in el.series], el.number_format)
    return category_workbook(list(el.categories), [(s.name, list(s.values)) for s in el.series], el.number_format)


def _point_label(i: int, fmt: str, size: float, color: str, font: str, position: str = "", show: bool = True) -> str:
    """One point's own data label: its number format, colour and size (they override the series')."""
    flags = FLAGS if show else _HIDDEN
    where = f'<c:dLblPos val="{position}"/>' if position else ""
    return (
        f'<c:dLbl><c:idx val="{i}"/><c:numFmt formatCode="{attr(fmt)}" sourceLinked="0"/><c:spPr/>'
        f"{text_props(size, color, font, True)}{where}{flags}</c:dLbl>"
    )


def _plot_labels(el: Chart, font: str) -> str:
    return (
        f'<c:dLbls><c:numFmt formatCode="{attr(el.number_format)}" sourceLinked="0"/>'
        f'{text_props(el.label_size, None, font, True)}{FLAGS}<c:showLeaderLines val="1"/></c:dLbls>'
    )


def _numbers(values: tuple[float, ...] | tuple[int, ...] | list[int], fmt: str, ref: str) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f"<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>{escape(fmt)}</c:formatCode>"
        f'<c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef>'
    )


def _doughnut(el: Chart, font: str) -> bytes:
    spec = el.series[0]
    if el.separator:
        line = f'<a:ln w="{emu(el.separator_width)}">{fill(el.separator)}</a:ln>'
    else:
        line = "<a:ln><a:noFill/></a:ln>"
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:spPr>{fill(color)}{line}</c:spPr></c:dPt>'
        for i, color in enumerate(spec.point_colors)
    )
    labels = "".join(
        _point_label(
            i,
            spec.formats[i] if spec.formats else el.number_format,
            el.label_size,
            spec.label_colors[i] if spec.label_colors else el.text_color,
            font,
            show=i not in spec.quiet,  # too thin for its number, which the legend gives
        )
        for i in range(len(spec.point_colors))
    )
    own = f'<c:dLbls>{labels}{_HIDDEN}<c:showLeaderLines val="1"/></c:dLbls>' if labels else ""
    series = (
        f'<c:ser><c:idx val="0"/><c:order val="0"/>{series_name(spec, 0, 1)}{points}{own}{category_ref(el)}'
        f"<c:val>{_numbers(spec.values, el.number_format, f'Sheet1!$B$2:$B${len(spec.values) + 1}')}</c:val></c:ser>"
    )
    return (
        f"{CHART_START}"
        '<c:date1904 val="0"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f"{plot_layout(el)}<c:doughnutChart><c:varyColors/>{series}{_plot_labels(el, font)}"
        f'<c:firstSliceAng val="0"/><c:holeSize val="{el.hole}"/></c:doughnutChart></c:plotArea>'
        f"{legend_xml(el, font)}{_END}{chart_text(el, font, lang=False)}"
    ).encode()


def _marked(spec: Series, el: Chart) -> str:
    """A line series' line and markers."""
    return (
        f'<c:spPr><a:ln w="{emu(el.line_width)}">{fill(spec.color)}</a:ln></c:spPr>'
        f'<c:marker><c:symbol val="{spec.marker}"/><c:size val="{max(2, round(el.marker))}"/>'
        f"<c:spPr>{fill(spec.color)}<a:ln>{fill(spec.color)}</a:ln></c:spPr></c:marker>"
    )


def _line(el: Chart, font: str) -> bytes:
    series = []
    for index, spec in enumerate(el.series):
        column = column_letter(2 + index)
        if spec.labels == "none":
            labels = f'<c:dLbls>{_HIDDEN}<c:showLeaderLines val="1"/></c:dLbls>'
        else:
            position = _POSITION[spec.labels]
            own = "".join(
                _point_label(i, f, el.label_size, el.text_color, font, position)
                for i, f in enumerate(spec.formats)
                if f != el.number_format
            )
            labels = (
                f'<c:dLbls>{own}<c:numFmt formatCode="{attr(el.number_format)}" sourceLinked="0"/>'
                f'{text_props(el.label_size, el.text_color, None, True)}<c:dLblPos val="{position}"/>{FLAGS}'
                '<c:showLeaderLines val="1"/></c:dLbls>'
            )
        ref = f"Sheet1!${column}$2:${column}${len(spec.values) + 1}"
        series.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{series_name(spec, index, 1)}{_marked(spec, el)}'
            f"{labels}{category_ref(el)}<c:val>{_numbers(spec.values, el.number_format, ref)}</c:val>"
            '<c:smooth val="0"/></c:ser>'
        )
    return (
        f"{CHART_START}"
        '<c:date1904 val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f'{plot_layout(el)}<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(series)}'
        f'{_plot_labels(el, font)}<c:marker val="1"/><c:smooth val="0"/>'
        f'<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/></c:lineChart>'
        f"{category_axis_xml(el)}{value_axis_xml(el)}</c:plotArea>{legend_xml(el, font)}{_END}{chart_text(el, font)}"
    ).encode()


def _years(el: Chart, font: str) -> bytes:
    """Lines on a time axis (a scatter chart): each point labelled on its own, above or below."""
    series = []
    start = 0  # each series' block of rows in the workbook: its name, then its points, then a blank row
    for index, spec in enumerate(el.series):
        labels = ""
        if spec.labels != "none":
            position = _POSITION[spec.labels]
            labels = "".join(
                _point_label(
                    i,
                    spec.formats[i] if spec.formats else el.number_format,
                    el.label_size,
                    el.text_color,
                    font,
                    position,
                )
                for i in range(len(spec.values))
            )
            labels = f'<c:dLbls>{labels}{_HIDDEN}<c:showLeaderLines val="1"/></c:dLbls>'
        first, last = start + 2, start + 1 + len(spec.values)
        name = series_name(spec, 0, start + 1)  # column B, above its block of rows
        series.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{name}{_marked(spec, el)}{labels}'
            f"<c:xVal>{_numbers(el.years[: len(spec.values)], el.number_format, f'Sheet1!$A${first}:$A${last}')}"
            "</c:xVal>"
            f"<c:yVal>{_numbers(spec.values, el.number_format, f'Sheet1!$B${first}:$B${last}')}</c:yVal>"
            '<c:smooth val="0"/></c:ser>'
        )
        start += len(spec.values) + 2
    axis_line = f"<a:ln>{fill(el.axis_line)}</a:ln>" if el.axis_line else "<a:ln><a:noFill/></a:ln>"
    time_axis = (
        f'<c:valAx><c:axId val="{CATEGORY_AXIS}"/><c:scaling><c:max val="{float(el.years[-1])!r}"/>'
        f'<c:min val="{float(el.years[0])!r}"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="low"/><c:spPr>{axis_line}</c:spPr>'
        f"{text_props(el.category_size, el.text_color, None, False)}"
        f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/>'
        f'<c:majorUnit val="{float(el.year_step)!r}"/></c:valAx>'
    )
    value_axis = (
        f'<c:valAx><c:axId val="{VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{float(el.axis_max)!r}"/><c:min val="0.0"/></c:scaling><c:delete/><c:axPos val="l"/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{CATEGORY_AXIS}"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="midCat"/></c:valAx>'
    )
    return (
        f"{CHART_START}"
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f'{plot_layout(el)}<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
        f'{"".join(series)}<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/></c:scatterChart>'
        f"{time_axis}{value_axis}</c:plotArea>{legend_xml(el, font)}{_END}{chart_text(el, font)}"
    ).encode()
