"""A corporate template (.pptx or .potx) the deck is built on: read and checked like any input.

The file is refused, with a located problem, when it is too large, a zip bomb, macro-enabled, or
linked to anything outside itself. What deck needs of it is read here: the slide size, each
layout's name, kind and placeholders (with the boxes they inherit from their master), and the
colours and fonts of the master's theme.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from deck.errors import Problem
from deck.inputs import reads
from deck.inputs.source import Key, SourceMap

MAX_BYTES = 50_000_000  # the file
MAX_UNPACKED = 300_000_000  # all its parts, unpacked
MAX_RATIO = 200  # unpacked / packed, per part: more is a zip bomb
MAX_PARTS = 5_000
EMU_PER_PT = 12700
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


@dataclass(frozen=True)
class Placeholder:
    kind: str  # title, ctrTitle, subTitle, body, obj, dt, ftr, sldNum, pic…
    idx: int
    box: tuple[float, float, float, float] | None  # points: x, y, w, h (None: not placed anywhere)


@dataclass(frozen=True)
class TemplateLayout:
    name: str
    kind: str  # the layout's type: title, obj, titleOnly, blank, cust…
    placeholders: tuple[Placeholder, ...]
    drawn: tuple[tuple[float, float, float, float], ...] = ()  # what its master and it draw (a logo, a line)

    def find(self, *kinds: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.kind in kinds and p.box), None)


@dataclass(frozen=True)
class Brand:
    """What deck uses of a corporate template."""

    path: Path
    blob: bytes = field(repr=False)
    digest: str
    width: float  # points
    height: float
    layouts: tuple[TemplateLayout, ...]
    palette: tuple[tuple[str, str], ...]  # (slot, "#RRGGBB") of the first master's theme
    fonts: tuple[str, str]  # major (headings), minor (body) latin typefaces

    def layout(self, name: str) -> TemplateLayout | None:
        return next((layout for layout in self.layouts if layout.name == name), None)


def read_brand(name: str, base: Path, src: SourceMap, key: Key) -> tuple[Brand | None, list[Problem]]:
    """The template ``name`` (relative to ``base``), or the problems that refuse it."""

    def fail(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [src.problem(key, message, hint, code="template")]

    suffix = Path(name).suffix.lower()
    if suffix in (".pptm", ".potm"):
        return fail(f"'{name}' is a macro-enabled file", "save the template as .pptx or .potx (without macros)")
    if suffix not in (".pptx", ".potx"):
        return fail(f"'{name}' is not a .pptx or .potx file", "give a PowerPoint file or template")
    try:
        path = (base / name).resolve(strict=True)
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return fail(f"'{name}' is not a regular file", "give the path of a .pptx or .potx file")
        if info.st_size > MAX_BYTES:
            return fail(f"'{name}' is {info.st_size:,} bytes, more than {MAX_BYTES:,}", "remove large pictures")
        blob = path.read_bytes()
    except FileNotFoundError:
        return fail(f"file not found: {base / name}", "give a path relative to the layout file")
    except (OSError, RuntimeError) as exc:
        return fail(f"'{name}' cannot be read ({getattr(exc, 'strerror', None) or exc})", "check the file")
    reads.note(path, blob)
    try:
        parts = _unpack(blob)
        return _read(path, blob, parts), []
    except _Refused as refused:
        return fail(f"'{name}': {refused.args[0]}", refused.args[1])
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError) as exc:
        return fail(f"'{name}' is not a readable PowerPoint file ({exc})", "open it in PowerPoint and save it again")


class _Refused(Exception):
    pass


def _unpack(blob: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(blob))
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise _Refused(f"it has {len(members):,} parts, more than {MAX_PARTS:,}", "save it again from PowerPoint")
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise _Refused("it unpacks to more than 300 MB", "remove large pictures and media")
    for member in members:
        if member.file_size > MAX_RATIO * max(member.compress_size, 1) and member.file_size > 1_000_000:
            raise _Refused(f"its part {member.filename} unpacks {MAX_RATIO}× or more (a zip bomb)", "use another file")
    parts = {"/" + m.filename: archive.read(m) for m in members if not m.is_dir()}
    types = parts.get("/[Content_Types].xml", b"")
    if b"macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in parts):
        raise _Refused("it holds macros", "save the template as .pptx or .potx (without macros)")
    for name, data in parts.items():
        if name.endswith(".rels") and b'TargetMode="External"' in data:
            target = etree.fromstring(data, _PARSER).find(f"{{{_PKG}}}Relationship[@TargetMode='External']")
            where = target.get("Target", "") if target is not None else ""
            raise _Refused(f"it links to content outside the file ({where[:80]}), in {name}", "remove the link")
    return parts


def _rels(parts: dict[str, bytes], name: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (type, absolute target)."""
    folder, file_name = posixpath.split(name)
    data = parts.get("/_rels/.rels" if name == "/" else f"{folder}/_rels/{file_name}.rels")
    if data is None:
        return {}
    out = {}
    for rel in etree.fromstring(data, _PARSER):
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        target = "/" + target.lstrip("/")
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _read(path: Path, blob: bytes, parts: dict[str, bytes]) -> Brand:
    import hashlib

    main = next(t for kind, t in _rels(parts, "/").values() if kind == "officeDocument")
    presentation = etree.fromstring(parts[main], _PARSER)
    size = presentation.find(f"{{{_P}}}sldSz")
    if size is None:
        raise _Refused("it has no slide size", "open it in PowerPoint and save it again")
    width, height = int(size.get("cx", "0")) / EMU_PER_PT, int(size.get("cy", "0")) / EMU_PER_PT
    if not (100 <= width <= 4000 and 100 <= height <= 4000):
        raise _Refused(f"its slides are {width:.0f} × {height:.0f} pt", "use a template of a usual slide size")
    masters = [t for kind, t in _rels(parts, main).values() if kind == "slideMaster"]
    if not masters:
        raise _Refused("it has no slide master", "open it in PowerPoint and save it again")
    layouts: list[TemplateLayout] = []
    palette: tuple[tuple[str, str], ...] = ()
    fonts = ("Calibri", "Calibri")
    for master in masters:
        master_rels = _rels(parts, master)
        master_root = etree.fromstring(parts[master], _PARSER)
        inherited = _placeholders(master_root, {})
        master_drawn = _drawn(master_root)
        for kind, target in master_rels.values():
            if kind == "slideLayout" and target in parts:
                root = etree.fromstring(parts[target], _PARSER)
                c_sld = root.find(f"{{{_P}}}cSld")
                name = c_sld.get("name", "") if c_sld is not None else ""
                boxes = _placeholders(root, {p.kind: p.box for p in inherited})
                if name and not any(existing.name == name for existing in layouts):
                    shown = root.get("showMasterSp", "1") not in ("0", "false")
                    drawn = (master_drawn if shown else ()) + _drawn(root)
                    layouts.append(TemplateLayout(name, root.get("type", "cust"), tuple(boxes), drawn))
            elif kind == "theme" and not palette and target in parts:
                palette, fonts = _theme(etree.fromstring(parts[target], _PARSER))
    if not layouts:
        raise _Refused("it has no named slide layout", "open it in PowerPoint and save it again")
    return Brand(path, blob, hashlib.sha256(blob).hexdigest(), width, height, tuple(layouts), palette, fonts)


def _placeholders(
    root: etree._Element, inherited: dict[str, tuple[float, float, float, float] | None]
) -> list[Placeholder]:
    found = []
    for shape in root.iter(f"{{{_P}}}sp"):
        ph = shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        off = shape.find(f"{{{_P}}}spPr/{{{_A}}}xfrm/{{{_A}}}off")
        ext = shape.find(f"{{{_P}}}spPr/{{{_A}}}xfrm/{{{_A}}}ext")
        box: tuple[float, float, float, float] | None
        if off is not None and ext is not None and int(ext.get("cx", "0")) > 0 and int(ext.get("cy", "0")) > 0:
            box = tuple(int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))  # type: ignore[assignment]
        else:
            box = inherited.get(kind) or inherited.get(
                {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, "")
            )
        found.append(Placeholder(kind, int(ph.get("idx", "0")), box))
    return found


def _drawn(root: etree._Element) -> tuple[tuple[float, float, float, float], ...]:
    """The boxes of what a master or a layout draws itself (not its placeholders): pictures,
    shapes, groups, at the top level of its shape tree."""
    tree = root.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
    found = []
    for shape in tree if tree is not None else ():
        if shape.find(f".//{{{_P}}}nvPr/{{{_P}}}ph") is not None:
            continue
        off, ext = shape.find(f".//{{{_A}}}off"), shape.find(f".//{{{_A}}}ext[@cx]")
        if off is None or ext is None:
            continue
        box = tuple(int(v) / EMU_PER_PT for v in (off.get("x", "0"), off.get("y", "0"), ext.get("cx"), ext.get("cy")))
        if box[2] > 0 and box[3] > 0:
            found.append(box)
    return tuple(found)  # type: ignore[arg-type]


def _theme(root: etree._Element) -> tuple[tuple[tuple[str, str], ...], tuple[str, str]]:
    scheme = root.find(f".//{{{_A}}}clrScheme")
    colors = []
    for slot in SLOTS:
        node = scheme.find(f"{{{_A}}}{slot}") if scheme is not None else None
        value = None
        if node is not None and len(node):
            value = node[0].get("val") if node[0].tag == f"{{{_A}}}srgbClr" else node[0].get("lastClr")
        if value and len(value) == 6:
            colors.append((slot, "#" + value.upper()))
    major = root.find(f".//{{{_A}}}majorFont/{{{_A}}}latin")
    minor = root.find(f".//{{{_A}}}minorFont/{{{_A}}}latin")
    fonts = (
        (major.get("typeface") if major is not None else None) or "Calibri",
        (minor.get("typeface") if minor is not None else None) or "Calibri",
    )
    return tuple(colors), fonts


def unknown_layouts(brand: Brand, chosen: dict[str, str], src: SourceMap) -> list[Problem]:
    """Each layout name the spec gives that the template does not have, with the names it has."""
    names = [layout.name for layout in brand.layouts]
    return [
        src.problem(
            ("template_layouts", template),
            f"'{name}' is not a layout of {brand.path.name}",
            "its layouts are: " + ", ".join(f"'{n}'" for n in names),
            code="template",
        )
        for template, name in chosen.items()
        if name not in names
    ]
