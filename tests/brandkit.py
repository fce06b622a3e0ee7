"""Corporate templates made for the tests, as an organisation's own would be: their own masters
(a logo and a footer line drawn on the master), layout names, colours, fonts and placeholder
positions, and sample slides that must not survive into a deck built on them."""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _scale_x(root: etree._Element, factor: float) -> None:
    for off in root.iter(f"{{{A}}}off"):
        off.set("x", str(round(int(off.get("x")) * factor)))
    for ext in root.iter(f"{{{A}}}ext"):
        if ext.get("cx") is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _theme(prs, colors: dict[str, str], major: str, minor: str) -> None:
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot, value in colors.items():
        node = scheme.find(f"{{{A}}}{slot}")
        node.clear()
        etree.SubElement(node, f"{{{A}}}srgbClr", val=value)
    root.find(f".//{{{A}}}majorFont/{{{A}}}latin").set("typeface", major)
    root.find(f".//{{{A}}}minorFont/{{{A}}}latin").set("typeface", minor)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _samples(prs) -> None:
    for layout_index, text in ((0, "ACME sample cover — delete me"), (1, "Sample content slide — delete me")):
        slide = prs.slides.add_slide(prs.slide_layouts[layout_index])
        slide.shapes.title.text = text


def acme(path: Path, logo: Path) -> Path:
    """16:9, Calibri, red accent; a logo and a footer line on the master; renamed layouts."""
    prs = Presentation()
    factor = 16 / 9 / (4 / 3)
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    for part in [prs.slide_master, *prs.slide_layouts]:
        _scale_x(part._element, factor)
    names = {"Title Slide": "ACME Cover", "Title Only": "ACME Headline", "Title and Content": "ACME Content"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    master = prs.slide_master
    Image.new("RGB", (240, 80), (200, 16, 46)).save(logo)
    _, rid = master.part.get_or_add_image_part(str(logo))
    tree = master.shapes._spTree
    picture = CT_Picture.new_pic(90, "ACME logo", "ACME", rid, 12192000 - 1600000, 200000, 1400000, 466667)
    line = CT_Shape.new_textbox_sp(91, "ACME footer line", 400000, 6858000 - 330000, 5000000, 250000)
    tree.append(picture)
    tree.append(line)
    body = line.find(f"{{{P}}}txBody")
    paragraph = body.find(f"{{{A}}}p")
    run = etree.SubElement(paragraph, f"{{{A}}}r")
    etree.SubElement(run, f"{{{A}}}rPr", sz="800", lang="en-GB")
    etree.SubElement(run, f"{{{A}}}t").text = "ACME Research · confidential"
    _theme(
        prs,
        {"accent1": "C8102E", "accent2": "F2A0AD", "dk1": "222222", "dk2": "5A0A16", "lt2": "F4F1EE"},
        "Calibri",
        "Calibri",
    )
    _samples(prs)
    prs.save(path)
    return path


def globex(path: Path, template: bool = False) -> Path:
    """4:3, Arial, green accent; titles at the bottom of the slide on its content layouts; saved as
    a .potx when ``template``."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == 1:  # TITLE: moved down, below the body
                shape.left, shape.top, shape.width, shape.height = Emu(457200), Emu(5400000), Emu(8229600), Emu(900000)
            elif shape.placeholder_format.idx == 1 and layout.name != "Title Slide":
                shape.left, shape.top, shape.width, shape.height = Emu(457200), Emu(500000), Emu(8229600), Emu(4700000)
    _theme(prs, {"accent1": "1B7F3B", "accent2": "8CCB9B", "dk1": "102015", "lt2": "EEF5EF"}, "Arial", "Arial")
    _samples(prs)
    out = io.BytesIO()
    prs.save(out)
    blob = out.getvalue()
    if template:  # the main part's content type is a template's
        import zipfile

        source = zipfile.ZipFile(io.BytesIO(blob))
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    data = data.replace(b"presentation.main+xml", b"template.main+xml")
                target.writestr(info, data)
        blob = fixed.getvalue()
    path.write_bytes(blob)
    return path


def nightsky(path: Path) -> Path:
    """16:9 with a navy background painted on the master while its colour scheme keeps dark text
    (as many dark templates do), and an "Agenda" button on the master that jumps to a sample slide."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    factor = 16 / 9 / (4 / 3)
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    for part in [prs.slide_master, *prs.slide_layouts]:
        _scale_x(part._element, factor)
    master = prs.slide_master
    c_sld = master._element.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:solidFill><a:srgbClr val="0B1F3A"/></a:solidFill>'
        "<a:effectLst/></p:bgPr></p:bg>"
    )
    c_sld.insert(0, bg)
    _theme(prs, {"accent1": "F28C28", "accent2": "5DADE2", "dk1": "000000", "lt1": "FFFFFF"}, "Calibri", "Calibri")
    _samples(prs)
    rid = master.part.relate_to(prs.slides[0].part, RT.SLIDE)
    button = CT_Shape.new_textbox_sp(92, "Agenda", 11000000, 6300000, 1000000, 300000)
    master.shapes._spTree.append(button)
    c_nv = button.find(f".//{{{P}}}cNvPr")
    link = etree.SubElement(c_nv, f"{{{A}}}hlinkClick", action="ppaction://hlinksldjump")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    prs.save(path)
    return path


def oddities(path: Path) -> Path:
    """4:3 with what real templates do and deck must cope with: a band along the foot of the
    master under the footer row, the slide number at the top of the content layout, a layout
    with its title in a left-hand column, the subtitle above the title on the title layout, and
    a package as LibreOffice writes one (its title layout of type "tx", no view properties, no
    thumbnail)."""
    import zipfile

    prs = Presentation()
    master = prs.slide_master
    band = CT_Shape.new_autoshape_sp(93, "Band", "rect", 0, 6858000 - 300000, 9144000, 300000)
    master.shapes._spTree.append(band)
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            kind, idx = shape.placeholder_format.type, shape.placeholder_format.idx
            if layout.name == "Title and Content" and idx == 12:  # the number, top right
                shape.left, shape.top, shape.width, shape.height = Emu(7000000), Emu(150000), Emu(1700000), Emu(300000)
            if layout.name == "Title Only" and kind == 1:  # a title column on the left
                shape.left, shape.top, shape.width, shape.height = Emu(457200), Emu(600000), Emu(2000000), Emu(5200000)
            if layout.name == "Title Slide" and idx == 1:  # the subtitle above the title
                shape.left, shape.top, shape.width, shape.height = Emu(685800), Emu(1000000), Emu(7772400), Emu(600000)
            if layout.name == "Title Slide" and kind == 3:  # the (centred) title below it
                shape.left, shape.top, shape.width, shape.height = Emu(685800), Emu(1800000), Emu(7772400), Emu(1470025)
    _theme(prs, {"accent1": "7A1F5C", "accent2": "E0A3C8"}, "Calibri", "Calibri")
    _samples(prs)
    out = io.BytesIO()
    prs.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in ("ppt/viewProps.xml", "docProps/thumbnail.jpeg"):
                continue
            if info.filename.endswith(".rels"):
                data = re.sub(rb'<Relationship [^>]*(viewProps|thumbnail)"[^>]*/>', b"", data)
            if info.filename == "ppt/slideLayouts/slideLayout1.xml":  # LibreOffice's title layout
                data = data.replace(b'type="title"', b'type="tx"', 1).replace(b'type="ctrTitle"', b'type="title"')
            target.writestr(info, data)
    return path
