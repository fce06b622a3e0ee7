"""Speaker notes written as a part of the slide's fragment: the notes page python-pptx would make
(the notes master's slide image, notes and slide number placeholders), without cloning them."""

from __future__ import annotations

from deck.render.assemble import Fragment, Part, Rel, canonical
from deck.render.markup import escape
from deck.render.pptx_shapes import NAMESPACES

NOTES_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_NOTES, RT_NOTES_MASTER, RT_SLIDE = f"{_RELS}/notesSlide", f"{_RELS}/notesMaster", f"{_RELS}/slide"


def _placeholder(shape_id: int, name: str, kind: str, body: str = "") -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{kind}</p:nvPr></p:nvSpPr><p:spPr/>{body}</p:sp>"
    )


def notes_xml(text: str) -> bytes:
    paragraphs = "".join(
        f"<a:p><a:r><a:t>{escape(line)}</a:t></a:r></a:p>" if line else "<a:p/>" for line in text.split("\n")
    )
    shapes = (
        _placeholder(2, "Slide Image Placeholder 1", '<p:ph type="sldImg" idx="2"/>')
        + _placeholder(
            3,
            "Notes Placeholder 2",
            '<p:ph type="body" idx="3" sz="quarter"/>',
            f"<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody>",
        )
        + _placeholder(4, "Slide Number Placeholder 3", '<p:ph type="sldNum" idx="5" sz="quarter"/>')
    )
    tree = (
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<p:notes {NAMESPACES}><p:cSld><p:spTree>{tree}{shapes}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    ).encode()


def with_notes(fragment: Fragment, text: str, master: str) -> Fragment:
    """The slide with a notes page holding ``text``; ``master`` is the notes master's part name."""
    slide = fragment[0]
    number = 1 + max((int(r.rid[3:]) for r in slide.rels if r.rid[3:].isdigit()), default=0)
    slide = Part(
        slide.stem,
        slide.ext,
        slide.content_type,
        slide.blob,
        (*slide.rels, Rel(f"rId{number}", RT_NOTES, len(fragment))),
    )
    notes = Part(
        "/ppt/notesSlides/notesSlide",
        ".xml",
        NOTES_TYPE,
        notes_xml(text),
        (Rel("rId1", RT_NOTES_MASTER, master), Rel("rId2", RT_SLIDE, 0)),
    )
    return canonical((slide, *fragment[1:], notes))
