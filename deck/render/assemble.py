"""A deck put together from its slides.

Each slide is a fragment: its own parts (the slide, its notes, its charts and their workbooks, its
pictures) with their relationships, which point either inside the fragment or at the base (the
presentation, masters, layouts, themes). A fragment can come from this build's rendering or from
the previous deck in the output folder; the package is named, ordered and written here the same way
whatever each fragment's origin, so a deck made of reused slides is byte for byte the deck a cold
build makes, and a build renders only the slides that changed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from deck.render.markup import quoteattr
from deck.render.package import FIXED_TIME, fixed_dates

RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
RT_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PRESENTATION = "/ppt/presentation.xml"
_NUMBERED = re.compile(r"^(.*?)(\d*)(\.[^./]+)$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
# after these in presentation.xml's schema order; a missing slide list goes before the first other child
_BEFORE_SLIDES = {f"{{{_P}}}{tag}" for tag in ("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst")}


@dataclass(frozen=True)
class Rel:
    rid: str
    reltype: str
    target: int | str  # a part of the same fragment (its index), a part of the base, or an external address
    external: bool = False


@dataclass(frozen=True)
class Part:
    stem: str  # the part's name without its number and extension: "/ppt/charts/chart"
    ext: str
    content_type: str
    blob: bytes
    rels: tuple[Rel, ...]


Fragment = tuple[Part, ...]  # the slide first


@dataclass
class View:
    """A package read as parts: each part's content type, bytes and relationships (``"/"`` for the
    package's own), targets as absolute part names."""

    types: dict[str, str]
    blobs: dict[str, bytes]
    rels: dict[str, list[tuple[str, str, str, bool]]]

    def base(self) -> set[str]:
        """The parts reachable from the package without passing through a slide."""
        seen: set[str] = set()
        todo = ["/"]
        while todo:
            source = todo.pop()
            for _, reltype, target, external in self.rels.get(source, ()):
                skip = source == _PRESENTATION and reltype == RT_SLIDE
                if not external and not skip and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def slides(self) -> list[str]:
        """The slides' part names in presentation order."""
        targets = {rid: target for rid, reltype, target, _ in self.rels.get(_PRESENTATION, ()) if reltype == RT_SLIDE}
        root = etree.fromstring(self.blobs[_PRESENTATION], _PARSER)
        return [targets[node.get(f"{{{_R}}}id")] for node in root.iter(f"{{{_P}}}sldId")]

    def fragment(self, slide: str, base: set[str]) -> Fragment:
        """The slide with every part it reaches that is not in the base."""
        order, index = [slide], {slide: 0}
        for name in order:  # grows while walked
            for _, reltype, target, external in _by_number(self.rels.get(name, ())):
                if external or target in base or target in index:
                    continue
                if reltype == RT_SLIDE:
                    raise ValueError(f"{slide} links to another slide, {target}")
                index[target] = len(order)
                order.append(target)
        parts = []
        for name in order:
            rels = tuple(
                Rel(rid, reltype, target if external or target in base else index[target], external)
                for rid, reltype, target, external in _by_number(self.rels.get(name, ()))
            )
            stem, _, ext = _split(name)
            parts.append(Part(stem, ext, self.types[name], self.blobs[name], rels))
        return tuple(parts)


def from_zip(blob: bytes) -> View:
    """A package file as a view."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        files = {"/" + name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    types_root = etree.fromstring(files.pop("/[Content_Types].xml"), _PARSER)
    defaults = {n.get("Extension").lower(): n.get("ContentType") for n in types_root.iter(f"{{{_TYPES}}}Default")}
    overrides = {n.get("PartName"): n.get("ContentType") for n in types_root.iter(f"{{{_TYPES}}}Override")}
    view = View({}, {}, {})
    for name, data in files.items():
        folder, base_name = posixpath.split(name)
        if posixpath.basename(folder) == "_rels" and base_name.endswith(".rels"):
            source = posixpath.join(posixpath.dirname(folder), base_name[: -len(".rels")]) or "/"
            view.rels[source] = _read_rels(data, posixpath.dirname(source) if source != "/" else "/")
        else:
            view.blobs[name] = data
            view.types[name] = overrides.get(name) or defaults[name.rsplit(".", 1)[-1].lower()]
    return view


def _read_rels(data: bytes, folder: str) -> list[tuple[str, str, str, bool]]:
    found = []
    for node in etree.fromstring(data, _PARSER).iter(f"{{{_PKG_RELS}}}Relationship"):
        external = node.get("TargetMode") == "External"
        target = node.get("Target")
        if not external:
            target = posixpath.normpath(target if target.startswith("/") else posixpath.join(folder, target))
        found.append((node.get("Id"), node.get("Type"), target, external))
    return found


def assemble(
    base_view: View, fragments: Iterable[Fragment], date: str, overrides: dict[str, bytes] | None = None
) -> bytes:
    """The package: the base's parts (``overrides`` replacing some), then each fragment as the
    next slide."""
    base = base_view.base()
    names: dict[str, str] = {}  # part name -> content type
    blobs: dict[str, bytes] = {}
    rels: dict[str, list[Rel]] = {}
    counters: dict[tuple[str, str], int] = {}
    for name in sorted(base):
        stem, number, ext = _split(name)
        counters[stem, ext] = max(counters.get((stem, ext), 0), int(number or 0))
    media: dict[tuple[str, str, bytes], str] = {}
    slides: list[str] = []
    for fragment in fragments:
        placed: list[str] = []
        for i, part in enumerate(fragment):
            key = (part.stem, part.ext, part.blob)
            if i and not part.rels and part.stem.startswith("/ppt/media/") and key in media:
                placed.append(media[key])  # the same picture on many slides is stored once
                continue
            counters[part.stem, part.ext] = counters.get((part.stem, part.ext), 0) + 1
            name = f"{part.stem}{counters[part.stem, part.ext]}{part.ext}"
            placed.append(name)
            if part.stem.startswith("/ppt/media/"):
                media[key] = name
        for name, part in zip(placed, fragment):
            if name in blobs:
                continue
            names[name], blobs[name] = part.content_type, part.blob
            rels[name] = [_placed(rel, placed) for rel in part.rels]
        slides.append(placed[0])
    for name, found in rels.items():
        for rel in found:
            if not rel.external and rel.target not in base and rel.target not in names:
                raise ValueError(f"{name} points at {rel.target}, which is not in the deck")
    if overrides:
        base_view = View(base_view.types, base_view.blobs | overrides, base_view.rels)
    return _write(base_view, base, slides, names, blobs, rels, date)


def _write(
    view: View,
    base: set[str],
    slides: list[str],
    names: dict[str, str],
    blobs: dict[str, bytes],
    rels: dict[str, list[Rel]],
    date: str,
) -> bytes:
    kept = [r for r in view.rels.get(_PRESENTATION, []) if r[1] != RT_SLIDE]
    first = 1 + max((_number(rid) for rid, *_ in kept), default=0)
    slide_rels = [(f"rId{first + k}", RT_SLIDE, name, False) for k, name in enumerate(slides)]
    types = {name: view.types[name] for name in base} | names
    parts = {name: view.blobs[name] for name in base} | blobs
    parts[_PRESENTATION] = _slide_list(view.blobs[_PRESENTATION], [rid for rid, *_ in slide_rels])
    parts["/docProps/core.xml"] = fixed_dates(parts["/docProps/core.xml"], date)
    all_rels = {name: [Rel(rid, t, target, ext) for rid, t, target, ext in view.rels.get(name, [])] for name in base}
    all_rels["/"] = [Rel(rid, t, target, ext) for rid, t, target, ext in view.rels["/"]]
    all_rels[_PRESENTATION] = [Rel(rid, t, target, ext) for rid, t, target, ext in kept + slide_rels]
    all_rels |= rels
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _put(archive, "/[Content_Types].xml", _content_types(types))
        _put(archive, "/_rels/.rels", _rels_xml(all_rels["/"], "/"))
        for name in sorted(base) + [n for n in names if n not in base]:
            _put(archive, name, parts[name])
            if all_rels.get(name):
                folder, file_name = posixpath.split(name)
                _put(archive, f"{folder}/_rels/{file_name}.rels", _rels_xml(all_rels[name], folder))
    return out.getvalue()


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name.lstrip("/"), FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _slide_list(blob: bytes, rids: list[str]) -> bytes:
    root = etree.fromstring(blob, _PARSER)
    listed = root.find(f"{{{_P}}}sldIdLst")
    if listed is None:
        listed = etree.Element(f"{{{_P}}}sldIdLst")
        children = list(root)
        at = next((i for i, child in enumerate(children) if child.tag not in _BEFORE_SLIDES), len(children))
        root.insert(at, listed)
    for child in list(listed):
        listed.remove(child)
    for k, rid in enumerate(rids):
        etree.SubElement(listed, f"{{{_P}}}sldId", {"id": str(256 + k), f"{{{_R}}}id": rid})
    if not rids:
        root.remove(listed)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _content_types(types: dict[str, str]) -> bytes:
    by_ext: dict[str, set[str]] = {}
    for name, content_type in types.items():
        by_ext.setdefault(name.rsplit(".", 1)[-1].lower(), set()).add(content_type)
    defaults = {"rels": RELS_TYPE, "xml": "application/xml"}
    for ext, found in sorted(by_ext.items()):
        if ext not in defaults and len(found) == 1 and not next(iter(found)).endswith("+xml"):
            defaults[ext] = next(iter(found))
    lines = [f"<Default Extension={quoteattr(e)} ContentType={quoteattr(t)}/>" for e, t in defaults.items()]
    lines += [
        f"<Override PartName={quoteattr(n)} ContentType={quoteattr(t)}/>"
        for n, t in sorted(types.items())
        if defaults.get(n.rsplit(".", 1)[-1].lower()) != t
    ]
    return _xml(f'<Types xmlns="{_TYPES}">{"".join(lines)}</Types>')


def _rels_xml(rels: list[Rel], folder: str) -> bytes:
    lines = []
    for rel in _by_number(rels):
        assert isinstance(rel.target, str)
        target = rel.target if rel.external else posixpath.relpath(rel.target, folder)
        mode = ' TargetMode="External"' if rel.external else ""
        attributes = f"Id={quoteattr(rel.rid)} Type={quoteattr(rel.reltype)} Target={quoteattr(target)}"
        lines.append(f"<Relationship {attributes}{mode}/>")
    return _xml(f'<Relationships xmlns="{_PKG_RELS}">{"".join(lines)}</Relationships>')


def _xml(body: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + body).encode()


def _by_number(rels: Iterable[Any]) -> list[Any]:
    """Relationships in the order of their ids' numbers, as python-pptx writes them."""

    def key(rel: Any) -> tuple[int, str]:
        rid = rel[0] if isinstance(rel, tuple) else rel.rid
        return _number(rid), rid

    return sorted(rels, key=key)


def _placed(rel: Rel, placed: list[str]) -> Rel:
    return rel if isinstance(rel.target, str) else Rel(rel.rid, rel.reltype, placed[rel.target])


def _number(rid: str) -> int:
    return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0


def _split(name: str) -> tuple[str, str, str]:
    match = _NUMBERED.match(name)
    if not match:
        return name, "", ""
    return match.group(1), match.group(2), match.group(3)


def fits(fragment: Fragment, base: set[str]) -> bool:
    """Whether a fragment can join a deck with this base: every part it shares is there."""
    return all(
        rel.external or isinstance(rel.target, int) and rel.target < len(fragment) or rel.target in base
        for part in fragment
        for rel in part.rels
    )


def slides_of(blob: bytes) -> list[Fragment]:
    """Each slide of a deck as a fragment, in order."""
    view = from_zip(blob)
    base = view.base()
    return [view.fragment(name, base) for name in view.slides()]


def canonical(fragment: Fragment) -> Fragment:
    """The fragment's parts in the order a deck file gives them back: from the slide, following
    relationships by number (so a fragment made here and one read back are the same)."""
    order = [0]
    for index in order:  # grows while walked
        for rel in _by_number(fragment[index].rels):
            if isinstance(rel.target, int) and not rel.external and rel.target not in order:
                order.append(rel.target)
    where = {old: new for new, old in enumerate(order)}

    def moved(rel: Rel) -> Rel:
        return Rel(rel.rid, rel.reltype, where[rel.target], rel.external) if isinstance(rel.target, int) else rel

    return tuple(
        Part(p.stem, p.ext, p.content_type, p.blob, tuple(moved(r) for r in _by_number(p.rels)))
        for p in (fragment[i] for i in order)
    )
