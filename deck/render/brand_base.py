"""The base of a deck built on a corporate template: the file without its slides, completed with
the parts PowerPoint expects."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from deck.render.assemble import RT_SLIDE, View, assemble, from_zip
from deck.render.base import core_xml, stock_view
from deck.render.package import FIXED_DATE

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@lru_cache(maxsize=4)
def brand_base(blob: bytes, lang: str, properties: tuple[tuple[str, str], ...]) -> bytes:
    """The corporate file without its slides: their parts dropped from the package (not only
    unlisted), their sections and custom shows too; a notes master added if it has none."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(_as_presentation(blob)))
    _ = prs.notes_master
    listed = prs.slides._sldIdLst
    for entry in list(listed):
        prs.part.drop_rel(entry.rId)
        listed.remove(entry)
    for slide_master in prs.slide_masters:  # a master's or a layout's link to a sample slide goes too
        for part in [slide_master.part, *(layout.part for layout in slide_master.slide_layouts)]:
            _unlink_slides(part)
    root = prs.part._element
    for extra in root.findall(f"{{{_P}}}custShowLst"):
        root.remove(extra)
    for ext in root.findall(f"{{{_P}}}extLst/{{{_P}}}ext"):
        if ext.find("{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst") is not None:
            ext.getparent().remove(ext)
    out = io.BytesIO()
    prs.save(out)
    view = _completed(from_zip(out.getvalue()))
    info = dict(properties)
    blobs = dict(view.blobs)
    blobs["/docProps/core.xml"] = core_xml(
        info.get("title", ""), info.get("subject", ""), info.get("keywords", ""), lang
    )
    return assemble(View(view.types, blobs, view.rels), [], info.get("date", FIXED_DATE))


_NEEDED = {  # parts PowerPoint expects, which some producers (LibreOffice) leave out: (owner, type) -> part
    ("/ppt/presentation.xml", "viewProps"): "/ppt/viewProps.xml",
    ("/ppt/presentation.xml", "presProps"): "/ppt/presProps.xml",
    ("/", "thumbnail"): "/docProps/thumbnail.jpeg",
    ("/", "extended-properties"): "/docProps/app.xml",
    ("/", "core-properties"): "/docProps/core.xml",
}


def _completed(view: View) -> View:
    """The package with the parts PowerPoint expects (view and presentation properties, a
    thumbnail, the document properties) taken from the stock presentation where it lacks them."""
    stock = stock_view()
    types, blobs, rels = dict(view.types), dict(view.blobs), {k: list(v) for k, v in view.rels.items()}
    for (owner, kind), name in _NEEDED.items():
        if any(r[1].rsplit("/", 1)[-1] == kind for r in rels.get(owner, [])) or name in blobs:
            continue
        reltype = next(r[1] for r in stock.rels[owner] if r[2] == name)
        used = {r[0] for r in rels.get(owner, [])}
        rid = next(f"rId{k}" for k in range(1, len(used) + 2) if f"rId{k}" not in used)
        rels.setdefault(owner, []).append((rid, reltype, name, False))
        types[name], blobs[name] = stock.types[name], stock.blobs[name]
    return View(types, blobs, rels)


def _unlink_slides(part: Any) -> None:
    """The part without its relationships to slides, nor the links (a button's jump) that use them."""
    gone = {rid for rid, rel in part.rels.items() if rel.reltype == RT_SLIDE}
    if not gone:
        return
    for node in list(part._element.iter()):
        if any(node.get(f"{{{_RT}}}{attr}") in gone for attr in ("id", "link", "embed")):
            node.getparent().remove(node)
    for rid in gone:
        part.drop_rel(rid)


def _as_presentation(blob: bytes) -> bytes:
    """A .potx read as the presentation it makes (python-pptx opens only presentations)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(blob))
    types = source.read("[Content_Types].xml")
    if b"presentationml.template.main+xml" not in types:
        return blob
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.template.main+xml", b"presentationml.presentation.main+xml")
            target.writestr(info, data)
    return out.getvalue()
