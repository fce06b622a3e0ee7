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
    background: str | None = None  # "#RRGGBB" when the layout paints its own, plain background
    align: str = "l"  # how its title is aligned: l, ctr, r
    pictured: bool = False  # a picture (or a gradient) behind its text: its colours cannot be checked

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
    if "/[Content_Types].xml" not in parts:
        raise _Refused("it has no [Content_Types].xml part", "open it in PowerPoint and save it again")
    types = etree.fromstring(parts["/[Content_Types].xml"], _PARSER)
    declared = " ".join(node.get("ContentType", "") for node in types).lower()
    if any(word in declared for word in _ACTIVE) or any(n.lower().endswith("vbaproject.bin") for n in parts):
        raise _Refused("it holds macros or active content", "save the template as .pptx or .potx (without macros)")
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        for rel in etree.fromstring(data, _PARSER):
            if (rel.get("TargetMode") or "").strip().lower() == "external":
                where = rel.get("Target", "")[:80]
                raise _Refused(f"it links to content outside the file ({where}), in {name}", "remove the link")
            if any(word in (rel.get("Type") or "").lower() for word in _ACTIVE):
                raise _Refused("it holds macros or active content", "save the template as .pptx or .potx")
    return parts


_ACTIVE = ("macroenabled", "vbaproject", "activex", "vbadata")  # content that runs code


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
    main_rels = _rels(parts, main)
    masters = _listed(presentation, "sldMasterIdLst", main_rels)  # in the order PowerPoint lists them
    if not masters:
        raise _Refused("it has no slide master", "open it in PowerPoint and save it again")
    layouts: list[TemplateLayout] = []
    palette: tuple[tuple[str, str], ...] = ()
    fonts = ("Calibri", "Calibri")
    for master in masters:
        if master not in parts:
            raise _Refused(f"its slide master {master} is missing", "open it in PowerPoint and save it again")
        master_rels = _rels(parts, master)
        master_root = etree.fromstring(parts[master], _PARSER)
        theme = next((t for kind, t in master_rels.values() if kind == "theme"), None)
        if theme is None or theme not in parts:
            raise _Refused(f"its slide master {master} has no theme", "open it in PowerPoint and save it again")
        if not palette:
            palette, fonts = _theme(etree.fromstring(parts[theme], _PARSER))
            palette = _seen(master_root, palette)
        inherited = _placeholders(master_root, {})
        master_drawn = _drawn(master_root)
        for target in _listed(master_root, "sldLayoutIdLst", master_rels):
            if target not in parts:
                raise _Refused(f"its master lists a layout that is missing ({target})", "save it again from PowerPoint")
            root = etree.fromstring(parts[target], _PARSER)
            c_sld = root.find(f"{{{_P}}}cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            if not name:
                raise _Refused(
                    f"its layout {target.rsplit('/', 1)[-1]} has no name", "name it in PowerPoint (Slide Master view)"
                )
            boxes = _placeholders(root, {p.kind: p.box for p in inherited})
            if not any(existing.name == name for existing in layouts):  # the first of a name, as PowerPoint lists
                shown = root.get("showMasterSp", "1") not in ("0", "false")
                drawn = (master_drawn if shown else ()) + _drawn(root)
                background = _background(root, dict(palette))
                align = _title_align(root) or _title_align(master_root) or "l"
                pictured = _pictured(root) or (_pictured(master_root) and root.find(f"{{{_P}}}cSld/{{{_P}}}bg") is None)
                kind = root.get("type", "cust")
                layouts.append(TemplateLayout(name, kind, tuple(boxes), drawn, background, align, pictured))
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


def _listed(root: etree._Element, list_tag: str, rels: dict[str, tuple[str, str]]) -> list[str]:
    """The parts a master (or layout) list names, in its order."""
    listed = root.find(f"{{{_P}}}{list_tag}")
    ids = [node.get(f"{{{_R}}}id", "") for node in listed] if listed is not None else []
    return [rels[rid][1] for rid in ids if rid in rels]


_MAPPED = ("bg1", "tx1", "bg2", "tx2")


def _seen(master: etree._Element, palette: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The palette as the master shows it: its colour map says which colours are the text and the
    background (a dark template maps the text to a light colour), and its own plain background
    wins. Returned with the slots text1 (dk1), background1 (lt1), text2 (dk2), background2 (lt2)."""
    colors = dict(palette)
    mapping = master.find(f"{{{_P}}}clrMap")
    seen = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    if mapping is not None:
        seen |= {key: mapping.get(key, seen[key]) for key in _MAPPED}
    out = dict(colors)
    for key, slot in zip(_MAPPED, ("lt1", "dk1", "lt2", "dk2")):
        if seen[key] in colors:
            out[slot] = colors[seen[key]]
    background = _background(master, out)
    if background:
        out["lt1"] = background
    return tuple((slot, out[slot]) for slot in SLOTS if slot in out)


def _background(root: etree._Element, colors: dict[str, str]) -> str | None:
    """A master's or layout's own background, when it is one plain colour."""
    bg = root.find(f"{{{_P}}}cSld/{{{_P}}}bg")
    if bg is None:
        return None
    fill = bg.find(f"{{{_P}}}bgPr/{{{_A}}}solidFill")
    node = fill[0] if fill is not None and len(fill) else bg.find(f"{{{_P}}}bgRef/*")
    if node is None:
        return None
    if node.tag == f"{{{_A}}}srgbClr" and len(node.get("val", "")) == 6:
        return "#" + node.get("val", "").upper()
    if node.tag == f"{{{_A}}}schemeClr":
        slot = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}.get(node.get("val", ""), node.get("val", ""))
        return colors.get(slot)
    return None


def _pictured(root: etree._Element) -> bool:
    """Whether a master or layout paints a picture or a gradient behind its text."""
    fill = root.find(f"{{{_P}}}cSld/{{{_P}}}bg/{{{_P}}}bgPr")
    return fill is not None and fill.find(f"{{{_A}}}solidFill") is None and fill.find(f"{{{_A}}}noFill") is None


def _title_align(root: etree._Element) -> str | None:
    """The alignment a layout's title placeholder (or a master's title style) gives its text."""
    for shape in root.iter(f"{{{_P}}}sp"):
        ph = shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            level = shape.find(f".//{{{_A}}}lstStyle/{{{_A}}}lvl1pPr")
            if level is not None and level.get("algn"):
                return level.get("algn")
    style = root.find(f"{{{_P}}}txStyles/{{{_P}}}titleStyle/{{{_A}}}lvl1pPr")
    return style.get("algn") if style is not None else None


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
