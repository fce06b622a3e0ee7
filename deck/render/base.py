"""The base every slide is made on: deck's own master, its two layouts and its theme.

The master carries title, body, date, footer and slide-number placeholders where deck's pages put
them; the theme carries the deck's palette and font, so that a slide or a chart added by hand
looks like the rest. "Title Slide" (the opening slide) and "Title and Content" (every other
page) are the only layouts, and a deck carries only the ones its slides use. The document
properties say what the deck is and that deck made it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from deck.render.assemble import View, assemble, from_zip
from deck.render.markup import escape, quoteattr
from deck.render.package import FIXED_DATE
from deck.render.pptx_shapes import NAMESPACES, SLIDE_NUMBER_FIELD, emu
from deck.scene import Box, Master

COVER, CONTENT = "Title Slide", "Title and Content"
LAYOUTS = {COVER: "/ppt/slideLayouts/slideLayout1.xml", CONTENT: "/ppt/slideLayouts/slideLayout2.xml"}
MASTER = "/ppt/slideMasters/slideMaster1.xml"
THEME = "/ppt/theme/theme1.xml"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT_LAYOUT, _RT_MASTER, _RT_THEME = f"{_RT}/slideLayout", f"{_RT}/slideMaster", f"{_RT}/theme"
_RT_SLIDE = f"{_RT}/slide"
_LAYOUT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_STANDARD_SIZES = {(720.0, 540.0): "screen4x3", (720.0, 405.0): "screen16x9", (720.0, 450.0): "screen16x10"}


def layout_of(template: str) -> str:
    """The layout a page made by ``template`` is on."""
    return COVER if template == "title" else CONTENT


def base_package(master: Master, lang: str, properties: tuple[tuple[str, str], ...], layouts: frozenset[str]) -> bytes:
    """An empty deck on deck's master with ``layouts``, or on the corporate template the master
    names (all its masters and layouts, none of its slides): the same arguments, the same bytes."""
    if master.brand:
        from deck.render.brand_base import brand_base

        return brand_base(master.brand, lang, properties)
    return _base(master, lang, properties, layouts)


_ROLES = {
    "title": ("headline", "title"),
    "ctrTitle": ("title", "headline"),
    "subTitle": ("subtitle",),
    "ftr": ("footer",),
    "sldNum": ("corner",),
}


def placeholders_of(layout_xml: bytes) -> dict[str, str]:
    """What each placeholder role of a slide is on this layout: the ``p:ph`` a slide's shape
    carries to inherit from the layout's (its type and index)."""
    root = etree.fromstring(layout_xml, _PARSER)
    found: dict[str, str] = {}
    for ph in root.iter(f"{{{_P}}}ph"):
        kind, idx = ph.get("type", "obj"), ph.get("idx")
        element = f'<p:ph type="{kind}"' + (f' idx="{idx}"' if idx else "") + "/>"
        for role in {
            "title": ("headline", "title"),
            "ctrTitle": ("title", "headline"),
            "subTitle": ("subtitle",),
            "ftr": ("footer",),
            "sldNum": ("corner",),
        }.get(kind, ()):
            if (
                role not in found
                or (role == "title" and kind == "ctrTitle")
                or (role == "headline" and kind == "title")
            ):
                found[role] = element
    return found


@lru_cache(maxsize=8)
def _base(master: Master, lang: str, properties: tuple[tuple[str, str], ...], layouts: frozenset[str]) -> bytes:
    view = stock_view()
    info = dict(properties)
    blobs, types, rels = dict(view.blobs), dict(view.types), {k: list(v) for k, v in view.rels.items()}
    for name in [n for n in blobs if n.startswith("/ppt/slideLayouts/")]:
        del blobs[name], types[name]
        rels.pop(name, None)
    printer = [target for _, kind, target, _ in rels["/ppt/presentation.xml"] if kind.endswith("/printerSettings")]
    rels["/ppt/presentation.xml"] = [r for r in rels["/ppt/presentation.xml"] if r[2] not in printer]  # a Mac's
    kept = [name for name in (COVER, CONTENT) if name in layouts]
    rels[MASTER] = [(f"rId{k + 1}", _RT_LAYOUT, LAYOUTS[name], False) for k, name in enumerate(kept)]
    rels[MASTER].append((f"rId{len(kept) + 1}", _RT_THEME, THEME, False))
    blobs[MASTER] = _master_xml(master, lang, len(kept))
    for name in kept:
        blobs[LAYOUTS[name]], types[LAYOUTS[name]] = _layout_xml(master, name, lang), _LAYOUT_TYPE
        rels[LAYOUTS[name]] = [("rId1", _RT_MASTER, MASTER, False)]
    blobs[THEME] = _theme_xml(blobs[THEME], master)
    blobs["/ppt/presentation.xml"] = _presentation_xml(blobs["/ppt/presentation.xml"], master)
    blobs["/docProps/core.xml"] = core_xml(
        info.get("title", ""), info.get("subject", ""), info.get("keywords", ""), lang
    )
    blobs["/docProps/app.xml"] = app_xml(master, 0, 0)
    return assemble(View(types, blobs, rels), [], info.get("date", FIXED_DATE))


@lru_cache(maxsize=1)
def stock_view() -> View:
    """python-pptx's empty presentation with its notes master (``stock.pptx``, which the tests
    check is what the installed python-pptx makes): the parts deck keeps as they are."""
    return from_zip((Path(__file__).parent / "stock.pptx").read_bytes())


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/><a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></a:xfrm>'


def _placeholder(
    shape_id: int, name: str, ph: str, box: Box | None, prompt: str, lang: str, anchor: str = "t", align: str = ""
) -> str:
    geometry = f'{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if box else ""
    insets = 'lIns="0" tIns="0" rIns="0" bIns="0"'
    body = f'<a:bodyPr vert="horz" {insets} rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    paragraph = f'<a:pPr algn="{align}"/>' if align else ""
    if "sldNum" in ph:
        run = f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{lang}"/><a:t>‹#›</a:t></a:fld>'
    else:
        run = f'<a:r><a:rPr lang="{lang}"/><a:t>{escape(prompt)}</a:t></a:r>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
        f"</p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{geometry}</p:spPr><p:txBody>{body}<a:lstStyle/>"
        f"<a:p>{paragraph}{run}</a:p></p:txBody></p:sp>"
    )


def _tree(shapes: list[str]) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm>'
        f"</p:grpSpPr>{''.join(shapes)}</p:spTree>"
    )


def _footers(master: Master, lang: str, first_id: int, layout: bool) -> list[str]:
    """Date, footer and slide number: idx 10, 11, 12 on a layout, as PowerPoint numbers them."""
    idx = (10, 11, 12) if layout else (2, 3, 4)
    return [
        _placeholder(
            first_id, "Date Placeholder", f'<p:ph type="dt" sz="half" idx="{idx[0]}"/>', master.date, "", lang
        ),
        _placeholder(
            first_id + 1,
            "Footer Placeholder",
            f'<p:ph type="ftr" sz="quarter" idx="{idx[1]}"/>',
            master.footer,
            "",
            lang,
            "b",
        ),
        _placeholder(
            first_id + 2,
            "Slide Number Placeholder",
            f'<p:ph type="sldNum" sz="quarter" idx="{idx[2]}"/>',
            master.number,
            "",
            lang,
            "b",
            "r",
        ),
    ]


def _level(size: float, bold: bool, color: str, face: str, level: int = 1, indent: int = 0) -> str:
    bullet = "<a:buNone/>" if not indent else '<a:buFont typeface="Arial"/><a:buChar char="•"/>'
    margin = f' marL="{indent}" indent="{-indent // 2}"' if indent else ' marL="0" indent="0"'
    return (
        f'<a:lvl{level}pPr{margin} algn="l" rtl="0"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{0 if level == 1 and not indent else 600}"/></a:spcBef>{bullet}'
        f'<a:defRPr sz="{int(size * 100)}" b="{int(bold)}" kern="0"><a:solidFill><a:schemeClr val="{color}"/>'
        f'</a:solidFill><a:latin typeface="+{face}-lt"/><a:ea typeface="+{face}-ea"/><a:cs typeface="+{face}-cs"/>'
        f"</a:defRPr></a:lvl{level}pPr>"
    )


def _master_xml(master: Master, lang: str, layouts: int) -> bytes:
    shapes = [
        _placeholder(2, "Title Placeholder", '<p:ph type="title"/>', master.title, "Click to edit the title", lang),
        _placeholder(3, "Text Placeholder", '<p:ph type="body" idx="1"/>', master.body, "Click to edit the text", lang),
        *_footers(master, lang, 4, layout=False),
    ]
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + k}" r:id="rId{k + 1}"/>' for k in range(layouts))
    body = "".join(_level(master.body_size - 2 * k, False, "tx1", "mn", k + 1, 342900 * k) for k in range(5))
    other = _level(master.footer_size * 2, False, "tx1", "mn")
    return _xml(
        f'<p:sldMaster {NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        f"{_tree(shapes)}</p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
        'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>"
        f"<p:txStyles><p:titleStyle>{_level(master.title_size, True, 'tx1', 'mj')}</p:titleStyle>"
        f"<p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle></p:txStyles></p:sldMaster>"
    )


def _layout_xml(master: Master, name: str, lang: str) -> bytes:
    if name == COVER:
        shapes = [
            _placeholder(
                2, "Title", '<p:ph type="ctrTitle"/>', master.cover_title, "Click to edit the title", lang, "b"
            ),
            _placeholder(
                3,
                "Subtitle",
                '<p:ph type="subTitle" idx="1"/>',
                master.cover_subtitle,
                "Click to edit the subtitle",
                lang,
            ),
        ]
        kind = "title"
        shapes[0] = shapes[0].replace(
            "<a:lstStyle/>", f"<a:lstStyle>{_level(master.cover_title_size, True, 'tx1', 'mj')}</a:lstStyle>"
        )
        shapes[1] = shapes[1].replace(
            "<a:lstStyle/>", f"<a:lstStyle>{_level(master.cover_subtitle_size, False, 'accent1', 'mn')}</a:lstStyle>"
        )
    else:
        shapes = [
            _placeholder(2, "Title", '<p:ph type="title"/>', None, "Click to edit the title", lang),
            _placeholder(3, "Content", '<p:ph idx="1"/>', None, "Click to edit the text", lang),
        ]
        kind = "obj"
    shapes += _footers(master, lang, 4, layout=True)
    return _xml(
        f'<p:sldLayout {NAMESPACES} type="{kind}" preserve="1"><p:cSld name={quoteattr(name)}>{_tree(shapes)}</p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def _theme_xml(blob: bytes, master: Master) -> bytes:
    """The stock theme with the deck's palette and font (its fill, line and effect styles kept)."""
    root = etree.fromstring(blob, _PARSER)
    root.set("name", "deck")
    scheme = root.find(f".//{{{_A}}}clrScheme")
    assert scheme is not None
    scheme.set("name", "deck")
    for slot, color in master.palette:
        node = scheme.find(f"{{{_A}}}{slot}")
        assert node is not None
        node.clear()
        etree.SubElement(node, f"{{{_A}}}srgbClr", val=color.lstrip("#").upper())
    fonts = root.find(f".//{{{_A}}}fontScheme")
    assert fonts is not None
    fonts.set("name", "deck")
    for latin in fonts.iter(f"{{{_A}}}latin"):
        latin.set("typeface", master.font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _presentation_xml(blob: bytes, master: Master) -> bytes:
    root = etree.fromstring(blob, _PARSER)
    size = root.find(f"{{{_P}}}sldSz")
    assert size is not None
    size.set("cx", str(emu(master.width)))
    size.set("cy", str(emu(master.height)))
    kind = _STANDARD_SIZES.get((master.width, master.height))
    if kind:
        size.set("type", kind)
    elif "type" in size.attrib:
        del size.attrib["type"]  # 13.333 × 7.5 in, PowerPoint's widescreen: a size of its own, no type
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def core_xml(title: str, subject: str, keywords: str, lang: str) -> bytes:
    return _xml(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject><dc:creator>deck</dc:creator>"
        f"<cp:keywords>{escape(keywords)}</cp:keywords><dc:language>{escape(lang)}</dc:language>"
        "<cp:lastModifiedBy>deck</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified></cp:coreProperties>'
    )


def app_xml(master: Master, slides: int, notes: int) -> bytes:
    """The extended properties: the application, the slide format, how many slides and notes."""
    ratio = master.width / master.height
    shape = (
        "Widescreen"
        if abs(ratio - 16 / 9) < 0.01
        else "On-screen Show (4:3)"
        if abs(ratio - 4 / 3) < 0.01
        else "Custom"
    )
    return _xml(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>deck</Application><PresentationFormat>{shape}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()
