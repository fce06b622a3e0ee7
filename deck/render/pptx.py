"""PowerPoint backend: each scene written as a slide of its own, in XML, directly (native shapes
and text, editable charts with their workbooks, pictures), then the slides assembled into the deck.

Text sizes come fitted from layout; autofit is off so what opens is what was measured.
"""

from __future__ import annotations

import gc
import io
from pathlib import Path
from typing import Any

from lxml import etree

from deck.parallel import fork_map
from deck.render.assemble import Fragment, Part, Rel, View, assemble, canonical, fits, from_zip
from deck.render.base import app_xml, base_package, layout_of, placeholders_of
from deck.render.notes import RT_NOTES_MASTER, with_notes
from deck.render.package import FIXED_DATE
from deck.render.pptx_bars import CHART_TYPE, chart_frame_xml
from deck.render.pptx_charts import chart_workbook, chart_xml
from deck.render.pptx_shapes import NAMESPACES, ShapeXml, attr, emu, reading_order
from deck.render.workbook import XLSX_TYPE
from deck.scene import Bitmap, Chart, Group, Master, Scene

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_CHART, RT_PACKAGE, RT_IMAGE = f"{_RELS}/chart", f"{_RELS}/package", f"{_RELS}/image"
RT_LAYOUT = f"{_RELS}/slideLayout"
SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
CHUNK = 64  # slides rendered by one worker at a time
THUMBNAIL_WIDTH = 256  # pixels
_TREE = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'


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
    chunks = [drawn[start : start + CHUNK] for start in range(0, len(drawn), CHUNK)]
    global _JOB
    _JOB = (scenes, _Base(empty), master, lang)  # what forked workers find in their copy of this process
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
    """One chunk of slides (in a worker, or here)."""
    assert _JOB is not None
    scenes, base, master, lang = _JOB
    return _render_slides([scenes[i] for i in chunk], base, master, lang)


class _Base:
    """What every slide needs of the deck's base, read once: each layout's part by name, the
    placeholders of each, the notes master."""

    def __init__(self, view: View) -> None:
        self.layouts = layouts_by_name(view)
        self.roles = {name: placeholders_of(view.blobs[part]) for name, part in self.layouts.items()}
        rels = view.rels["/ppt/presentation.xml"]
        self.notes_master = next(t for _, kind, t, _ in rels if kind == RT_NOTES_MASTER)


def _render_slides(scenes: list[Scene], base: _Base, master: Master, lang: str) -> list[Fragment]:
    """The scenes as slides on ``base``'s layouts, each a fragment: the slide, then its parts."""
    fragments = []
    for scene in scenes:
        name = master.layout_for(scene.template) or layout_of(scene.template)
        shapes = SlideXml(master.font, lang, base.roles[name], bool(master.brand))
        fragment = _slide(scene, shapes, base.layouts[name])
        fragments.append(with_notes(fragment, scene.notes, base.notes_master) if scene.notes else fragment)
    return fragments


class SlideXml(ShapeXml):
    """Shapes, and the parts some of them need: a chart's part and workbook, a picture's image."""

    def __init__(self, font: str, lang: str, placeholders: dict[str, str], inherit: bool) -> None:
        super().__init__(font, lang, placeholders, inherit)
        self.parts: list[Part] = []  # after the slide: index 1, 2…
        self.rels: list[Rel] = []  # the slide's, beside its layout's
        self.images: dict[str, str] = {}  # a picture file's relationship, once per slide

    def chart(self, el: Chart) -> str:
        """The chart's graphic frame; its part and workbook join the slide's."""
        rid = f"rIdChart{sum(1 for r in self.rels if r.reltype == RT_CHART) + 1}"
        at = len(self.parts) + 1
        chart = Part(
            "/ppt/charts/chart", ".xml", CHART_TYPE, chart_xml(el, self.font), (Rel("rId1", RT_PACKAGE, at + 1),)
        )
        self.parts.append(chart)
        self.parts.append(Part("/ppt/embeddings/Microsoft_Excel_Sheet", ".xlsx", XLSX_TYPE, chart_workbook(el), ()))
        self.rels.append(Rel(rid, RT_CHART, at))
        return chart_frame_xml(el, self._id(), rid)

    def picture(self, el: Bitmap) -> str:
        """The picture; its image joins the slide's parts (once, however often it is shown)."""
        if el.path not in self.images:
            self.images[el.path] = f"rIdImage{len(self.images) + 1}"
            self.parts.append(Part("/ppt/media/image", ".png", "image/png", Path(el.path).read_bytes(), ()))
            self.rels.append(Rel(self.images[el.path], RT_IMAGE, len(self.parts)))
        return picture_xml(el, self._id(), self.images[el.path])


def _slide(scene: Scene, shapes: SlideXml, layout: str) -> Fragment:
    body = []
    for element in reading_order(scene.elements):
        if isinstance(element, Group) and element.role == "chart-legend":
            continue  # the chart draws its own legend in the deck
        body.append(shapes.xml(element))
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<p:sld {NAMESPACES}><p:cSld><p:spTree>{_TREE}{''.join(body)}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    ).encode()
    rels = (Rel("rId1", RT_LAYOUT, layout), *shapes.rels)
    return canonical((Part("/ppt/slides/slide", ".xml", SLIDE_TYPE, xml, rels), *shapes.parts))


def picture_xml(el: Bitmap, shape_id: int, rid: str) -> str:
    """A picture scaled into its box, its image related as ``rid``."""
    b = el.box
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{attr(el.role)}" descr="{attr(el.alt)}"/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{emu(b.x)}" y="{emu(b.y)}"/><a:ext cx="{emu(b.w)}" cy="{emu(b.h)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def layouts_by_name(view: View) -> dict[str, str]:
    """Each layout's part by its name: the first of a name, masters and layouts in PowerPoint's order."""
    found: dict[str, str] = {}
    for master in _listed(view, "/ppt/presentation.xml", "sldMasterIdLst"):
        for layout in _listed(view, master, "sldLayoutIdLst"):
            c_sld = etree.fromstring(view.blobs[layout], _PARSER).find(f"{{{_P}}}cSld")
            found.setdefault(c_sld.get("name", "") if c_sld is not None else "", layout)
    return found


def _listed(view: View, owner: str, tag: str) -> list[str]:
    targets = {rid: target for rid, _, target, external in view.rels.get(owner, ()) if not external}
    listed = etree.fromstring(view.blobs[owner], _PARSER).find(f"{{{_P}}}{tag}")
    return [targets[node.get(f"{{{_RELS}}}id")] for node in (listed if listed is not None else ())]
