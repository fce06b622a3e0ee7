"""Bar and column charts written as DrawingML chart parts directly: the XML python-pptx and
deck's styling made for them (tests compare the two), at a fraction of the cost, with the same
workbook behind them for "Edit Data"."""

from __future__ import annotations

from deck.render.markup import escape
from deck.render.pptx_shapes import EMU_PER_PT, attr, emu
from deck.render.workbook import column_letter
from deck.scene import Box, Chart, Series

CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FLAGS = (
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/>'
)
CATEGORY_AXIS, VALUE_AXIS = "100001", "100002"
CHART_START = (  # every chart part's first line and root
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
)


def frame_of(chart: Chart) -> Box:
    """The chart's frame on the slide: its box, and its legend's when it has one."""
    b, legend = chart.box, chart.legend_box
    if legend is None:
        return b
    x0, y0 = min(b.x, legend.x), min(b.y, legend.y)
    return Box(x0, y0, max(b.right, legend.right) - x0, max(b.bottom, legend.bottom) - y0)


def _manual(box: Box, frame: Box) -> str:
    """``box`` as a manual layout's x, y, w, h: shares of the chart's ``frame``."""
    shares = ((box.x - frame.x) / frame.w, (box.y - frame.y) / frame.h, box.w / frame.w, box.h / frame.h)
    return "".join(f'<c:{tag} val="{value:.4f}"/>' for tag, value in zip("xywh", shares))


def legend_xml(el: Chart, font: str) -> str:
    """The chart's own legend, where the layout put it (a manual layout in the chart's frame), in
    its text size: the series' names, which stay true when the chart's data is edited."""
    if el.legend_box is None:
        return ""
    manual = _manual(el.legend_box, frame_of(el))
    return (
        '<c:legend><c:legendPos val="t"/><c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/>'
        f'{manual}</c:manualLayout></c:layout><c:overlay val="0"/>'
        f"{text_props(el.legend_size, el.text_color, font, False)}</c:legend>"
    )


def _size(points: float) -> int:
    return int(points * EMU_PER_PT) // 127


def fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>'


def text_props(size: float, color: str | None, font: str | None, bold: bool) -> str:
    inner = (fill(color) if color else "") + (f'<a:latin typeface="{attr(font)}"/>' if font else "")
    weight = ' b="1"' if bold else ""
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{_size(size)}"{weight}>{inner}</a:defRPr>'
        "</a:pPr></a:p></c:txPr>"
    )


def category_ref(el: Chart) -> str:
    """A series' categories: column A of the workbook from row 2."""
    count = len(el.categories)
    categories = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(el.categories))
    return (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${count + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{count}"/>{categories}</c:strCache></c:strRef></c:cat>'
    )


def series_name(spec: Series, index: int, row: int) -> str:
    """A series' name: row ``row`` of its column of the workbook."""
    return (
        f'<c:tx><c:strRef><c:f>Sheet1!${column_letter(2 + index)}${row}</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{escape(spec.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
    )


def plot_layout(el: Chart) -> str:
    """The laid-out plot area, as the chart's manual inner layout."""
    return (
        '<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>'
        f"{_manual(el.plot, frame_of(el))}</c:manualLayout></c:layout>"
    )


def category_axis_xml(el: Chart) -> str:
    """Category labels below (beside, for bars), no tick marks, the axis line if the theme draws one."""
    bars = el.kind == "bars"
    axis_line = f"<a:ln>{fill(el.axis_line)}</a:ln>" if el.axis_line else "<a:ln><a:noFill/></a:ln>"
    return (
        f'<c:catAx><c:axId val="{CATEGORY_AXIS}"/>'
        + ('<c:scaling><c:orientation val="maxMin"/></c:scaling>' if bars else "<c:scaling/>")
        + f'<c:delete val="0"/><c:axPos val="{"l" if bars else "b"}"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:spPr>{axis_line}</c:spPr>'
        f"{text_props(el.category_size, el.text_color, None, False)}"
        f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )


def value_axis_xml(el: Chart) -> str:
    """A hidden value axis from 0 to the laid-out maximum."""
    return (
        f'<c:valAx><c:axId val="{VALUE_AXIS}"/><c:scaling><c:max val="{float(el.axis_max)!r}"/>'
        f'<c:min val="0.0"/></c:scaling><c:delete/><c:axPos val="{"b" if el.kind == "bars" else "l"}"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{CATEGORY_AXIS}"/><c:crosses val="autoZero"/></c:valAx>'
    )


def chart_text(el: Chart, font: str, lang: bool = True) -> str:
    """The chart's text properties (its category labels' size, colour and font), and its workbook
    as ``rId1``: the end of the chart part."""
    end = '<a:endParaRPr lang="en-US"/>' if lang else "<a:endParaRPr/>"
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{_size(el.category_size or el.label_size)}">'
        f'{fill(el.text_color)}<a:latin typeface="{attr(font)}"/></a:defRPr></a:pPr>{end}</a:p></c:txPr>'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    )


def bar_chart_xml(el: Chart, font: str) -> bytes:
    """The chart part of a bar (horizontal) or column chart, its workbook as ``rId1``."""
    fmt = attr(el.number_format)
    series_xml = []
    for index, spec in enumerate(el.series):
        column = column_letter(2 + index)
        color = el.text_color if spec is el.series[-1] else el.muted_color
        own = "".join(
            f'<c:dLbl><c:idx val="{i}"/><c:numFmt formatCode="{attr(f)}" sourceLinked="0"/><c:spPr/>'
            f'{text_props(el.label_size, color, font, True)}<c:dLblPos val="outEnd"/>{FLAGS}</c:dLbl>'
            for i, f in enumerate(spec.formats)
            if f != el.number_format
        )
        values = "".join(f'<c:pt idx="{i}"><c:v>{float(v)!r}</c:v></c:pt>' for i, v in enumerate(spec.values))
        series_xml.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{series_name(spec, index, 1)}'
            f"<c:spPr>{fill(spec.color)}</c:spPr>"
            f'<c:dLbls>{own}<c:numFmt formatCode="{fmt}" sourceLinked="0"/>'
            f'{text_props(el.label_size, color, None, True)}<c:dLblPos val="outEnd"/>{FLAGS}'
            f'<c:showLeaderLines val="1"/></c:dLbls>{category_ref(el)}<c:val><c:numRef>'
            f"<c:f>Sheet1!${column}$2:${column}${len(spec.values) + 1}</c:f><c:numCache>"
            f'<c:formatCode>{escape(el.number_format)}</c:formatCode><c:ptCount val="{len(spec.values)}"/>'
            f"{values}</c:numCache></c:numRef></c:val></c:ser>"
        )
    plot_labels = (
        f'<c:dLbls><c:numFmt formatCode="{fmt}" sourceLinked="0"/>{text_props(el.label_size, None, font, True)}'
        f'<c:dLblPos val="outEnd"/>{FLAGS}<c:showLeaderLines val="1"/></c:dLbls>'
    )
    return (
        f'{CHART_START}<c:date1904 val="0"/><c:chart>'
        f'<c:autoTitleDeleted val="1"/><c:plotArea>{plot_layout(el)}<c:barChart>'
        f'<c:barDir val="{"bar" if el.kind == "bars" else "col"}"/>'
        f'<c:grouping val="clustered"/><c:varyColors val="0"/>{"".join(series_xml)}{plot_labels}'
        f'<c:gapWidth val="{el.gap_width}"/><c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/></c:barChart>'
        f"{category_axis_xml(el)}{value_axis_xml(el)}</c:plotArea>{legend_xml(el, font)}"
        f'<c:dispBlanksAs val="gap"/></c:chart>{chart_text(el, font)}'
    ).encode()


def chart_frame_xml(el: Chart, shape_id: int, rid: str) -> str:
    """The slide's graphic frame that shows the chart part related as ``rid``."""
    b = frame_of(el)
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="chart-{el.kind}" descr="{attr(el.alt)}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{emu(b.x)}" y="{emu(b.y)}"/><a:ext cx="{emu(b.w)}" cy="{emu(b.h)}"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{_C}"><c:chart xmlns:c="{_C}" r:id="{rid}"/></a:graphicData></a:graphic>'
        "</p:graphicFrame>"
    )
