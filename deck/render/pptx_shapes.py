"""Shapes and text boxes written as DrawingML directly: the XML python-pptx would make for them,
without building it node by node (which costs a millisecond a text box). Charts and pictures,
which need parts of their own, are written by the slide (``pptx.SlideXml``)."""

from __future__ import annotations

from collections.abc import Iterator

from deck.render.markup import attr, escape
from deck.scene import Bitmap, Chart, Element, Group, Poly, Rect, Text

EMU_PER_PT = 12700
NATURAL_LINE = 1.22  # Carlito/Calibri single line height per em (hhea ascent + descent + gap)
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_EMPTY_BODY = '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody>'
NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # one fixed id: the same input, the same bytes
# shapes that only decorate (a screen reader passes them by): rules, bands, the cards behind figures
DECORATIVE = frozenset({"accent-rule", "rule", "stat-rule", "band", "stat-card", "quote-card", "axis"})
_DECORATIVE_EXT = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
    'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'
)
_FIRST, _LAST = frozenset({"headline", "title"}), frozenset({"footer", "corner"})


def reading_order(elements: tuple[Element, ...]) -> list[Element]:
    """The elements in the order a screen reader reads them (a slide's order of shapes): its title
    first, its footer and number last, each moved only past shapes it does not overlap, so that
    what is drawn over what stays the same."""
    items = list(elements)
    for element in [e for e in items if getattr(e, "role", "") in _FIRST]:
        i = j = items.index(element)
        while j > 0 and not _overlap(items[j - 1], element):
            j -= 1
        items.insert(j, items.pop(i))
    for element in reversed([e for e in items if getattr(e, "role", "") in _LAST]):
        i = j = items.index(element)
        while j < len(items) - 1 and not _overlap(items[j + 1], element):
            j += 1
        items.insert(j, items.pop(i))
    return items


def _overlap(a: Element, b: Element) -> bool:
    ax0, ay0, ax1, ay1 = _extent(a)
    bx0, by0, bx1, by1 = _extent(b)
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


class ShapeXml:
    """Writes elements as ``p:sp`` / ``p:grpSp`` XML, numbering shapes from ``next_id``."""

    def __init__(self, font: str, lang: str, placeholders: dict[str, str] | None = None, inherit: bool = False) -> None:
        """``placeholders``: the ``p:ph`` of each role the slide's layout has a placeholder for
        (a real title, the footer, the slide number, a field); ``inherit``: those take their colour
        and font from the layout (a corporate template's), only their measured size from deck."""
        self.font, self.lang = font, lang
        self.placeholders = placeholders or {}
        self.inherit = inherit
        self.next_id = 2

    def xml(self, element: Element) -> str:
        return "".join(self._parts(element))

    def chart(self, el: Chart) -> str:
        raise TypeError("a chart needs parts of its own: write it on a slide (SlideXml)")

    def picture(self, el: Bitmap) -> str:
        raise TypeError("a picture needs a part of its own: write it on a slide (SlideXml)")

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _parts(self, element: Element) -> Iterator[str]:
        match element:
            case Rect():
                yield self._rect(element)
            case Poly():
                yield self._poly(element)
            case Text():
                yield self._text(element)
            case Group():
                yield from self._group(element)
            case Chart():
                yield self.chart(element)
            case Bitmap():
                yield self.picture(element)

    def _rect(self, el: Rect) -> str:
        b = el.box
        if el.radius:
            adjust = int(min(0.5, el.radius / min(b.w, b.h)) * 100000)
            geometry = (
                f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adjust}"/></a:avLst></a:prstGeom>'
            )
        else:
            geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        return _shape(self._id(), el.role, _xfrm(emu(b.x), emu(b.y), emu(b.w), emu(b.h)), geometry, el.fill, None)

    def _poly(self, el: Poly) -> str:
        points = [(emu(x), emu(y)) for x, y in el.points]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        width, height = max(x for x, _ in points) - left, max(y for _, y in points) - top
        path = [f'<a:moveTo><a:pt x="{points[0][0] - left}" y="{points[0][1] - top}"/></a:moveTo>']
        path += [f'<a:lnTo><a:pt x="{x - left}" y="{y - top}"/></a:lnTo>' for x, y in points[1:]]
        geometry = (
            '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
            f'<a:pathLst><a:path w="{width}" h="{height}">{"".join(path)}<a:close/></a:path></a:pathLst></a:custGeom>'
        )
        line = None
        if el.stroke:
            stroke = f'<a:solidFill><a:srgbClr val="{_hex(el.stroke)}"/></a:solidFill>'
            line = f'<a:ln w="{emu(el.stroke_width)}">{stroke}</a:ln>'
        return _shape(self._id(), el.role, _xfrm(left, top, width, height), geometry, el.fill, line)

    def _text(self, el: Text) -> str:
        b = el.box
        spacing = round(round(el.line_height / el.size / NATURAL_LINE, 3) * 100000)
        bold, italic = int(el.face == "bold"), int(el.face == "italic")
        placeholder = self.placeholders.get(el.role, "")
        size = f'<a:rPr sz="{int(el.size * EMU_PER_PT) // 127}" b="{bold}" i="{italic}" lang="{attr(self.lang)}"'
        if placeholder and self.inherit:  # the template's colour and font
            run_properties = size + "/>"
        else:
            run_properties = (
                f'{size}><a:solidFill><a:srgbClr val="{_hex(el.color)}"/></a:solidFill>'
                f'<a:latin typeface="{attr(self.font)}"/></a:rPr>'
            )
        align = "" if placeholder and self.inherit else f' algn="{_ALIGN[el.align]}"'  # the template's alignment
        paragraph = f'<a:pPr{align}><a:lnSpc><a:spcPct val="{spacing}"/></a:lnSpc></a:pPr>'
        number = el.role == "corner" and len(el.paragraphs) == 1 and el.paragraphs[0].isdigit()
        if el.role == "corner" and not number:
            placeholder = ""
        run = f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">' if number else "<a:r>"
        end = "</a:fld>" if number else "</a:r>"
        paragraphs = (
            "".join(
                f"<a:p>{paragraph}{run}{run_properties}<a:t>{escape(text)}</a:t>{end}</a:p>" for text in el.paragraphs
            )
            or "<a:p/>"
        )
        kind = (
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{placeholder}</p:nvPr>'
            if placeholder
            else ('<p:cNvSpPr txBox="1"/><p:nvPr/>')
        )
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{attr(el.role)}"/>{kind}'
            f"</p:nvSpPr><p:spPr>{_xfrm(emu(b.x), emu(b.y), emu(b.w), emu(b.h))}"
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            '<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" rIns="0" tIns="0" bIns="0" '
            f'anchor="{_ANCHOR[el.anchor]}">'
            f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"
        )

    def _group(self, el: Group) -> Iterator[str]:
        shape_id = self._id()
        children = [self.xml(child) for child in el.elements]
        boxes = [_extent(child) for child in el.elements]
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        size = f'<a:off x="{left}" y="{top}"/><a:ext cx="{right - left}" cy="{bottom - top}"/>'
        child_size = f'<a:chOff x="{left}" y="{top}"/><a:chExt cx="{right - left}" cy="{bottom - top}"/>'
        yield (
            f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name="{attr(el.role)}" descr="{attr(el.alt)}"/>'
            f"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>{size}{child_size}</a:xfrm></p:grpSpPr>"
        )
        yield from children
        yield "</p:grpSp>"


def _extent(element: Element) -> tuple[int, int, int, int]:
    """An element's extent in EMU, as its XML states it: left, top, right, bottom."""
    if isinstance(element, Poly):
        xs, ys = [emu(x) for x, _ in element.points], [emu(y) for _, y in element.points]
        return min(xs), min(ys), max(xs), max(ys)
    if isinstance(element, Group):
        boxes = [_extent(child) for child in element.elements]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    b = element.box
    return emu(b.x), emu(b.y), emu(b.x) + emu(b.w), emu(b.y) + emu(b.h)


def _shape(shape_id: int, name: str, xfrm: str, geometry: str, fill: str, line: str | None) -> str:
    decorative = f">{_DECORATIVE_EXT}</p:cNvPr>" if name in DECORATIVE else "/>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(name)}"{decorative}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm}{geometry}<a:solidFill><a:srgbClr val="{_hex(fill)}"/></a:solidFill>'
        f"{line or '<a:ln><a:noFill/></a:ln>'}</p:spPr>{_EMPTY_BODY}</p:sp>"
    )


def _xfrm(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _hex(color: str) -> str:
    return color.lstrip("#").upper()
