"""Read a YAML file into plain data plus a source map (line and column of every key).

Safe loading only; duplicate keys, anchors/aliases, tabs, byte-order marks and non-UTF-8 bytes are
reported as located problems instead of being silently accepted. Unquoted ``yes``/``no``/``on``/
``off`` stay text (YAML 1.2 reading): only ``true`` and ``false`` are booleans.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deck.errors import InputError, Key, Problem
from deck.inputs import reads

MAX_BYTES = 32_000_000  # a barometer of 10,000 questions (about 9 MB of YAML) fits
MAX_DEPTH = 40
_BOOL_WORDS = {"true", "false"}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


@dataclass
class SourceMap:
    """Where each key path of a loaded file stands (1-based line and column)."""

    file: Path
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def locate(self, key: Key) -> tuple[int | None, int | None]:
        while key:
            if key in self.marks:
                return self.marks[key]
            key = key[:-1]
        return self.marks.get((), (None, None))

    def problem(
        self, key: Key, message: str, hint: str | None = None, *, warning: bool = False, code: str = ""
    ) -> Problem:
        line, col = self.locate(key)
        return Problem(
            message=message,
            key=key,
            code=code,
            file=self.file,
            line=line,
            col=col,
            hint=hint,
            severity="warning" if warning else "error",
        )


@dataclass(frozen=True)
class Loaded:
    data: Any
    source: SourceMap


def load_yaml(path: Path) -> Loaded:
    """Load ``path``; raise :class:`InputError` listing every problem found in it."""
    source = SourceMap(path)

    def fail(message: str, hint: str) -> InputError:
        return InputError([Problem(message, file=path, hint=hint, code="unreadable")])

    try:
        info = path.stat()  # what the path is, before anything is read: a device or a pipe is never read
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file (a folder, a device or a pipe)", "give the path of a YAML file")
        if info.st_size > MAX_BYTES:
            raise fail(f"the file is {info.st_size:,} bytes, more than the {MAX_BYTES:,} allowed", "split it")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise fail(f"cannot read the file ({reason})", "check the path") from None
    reads.note(path, raw)
    return Loaded(_parse(raw, source), source)


_OCTAL = re.compile(r"[-+]?0[0-9]+")  # a leading zero: YAML 1.1 octal, which nobody means in a survey
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


def _too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested more than ``MAX_DEPTH`` deep, if any (walked without recursion)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
    return None


# a tab among a line's leading blanks (matched up to that tab); lines break as str.splitlines breaks them
_TAB_INDENT = re.compile(r"(?:^|(?<=[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))[ \t]*?\t")


def _line(text: str, offset: int) -> int:
    """The number of the line (as ``str.splitlines`` counts them) that starts at ``offset``."""
    return len(text[:offset].splitlines()) + 1


def _parse(raw: bytes, source: SourceMap) -> Any:
    def fail(message: str, hint: str, line: int | None = 1, col: int | None = 1) -> InputError:
        return InputError([Problem(message, file=source.file, line=line, col=col, hint=hint)])

    if len(raw) > MAX_BYTES:
        raise fail(f"the file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed", "split it")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("the file starts with a byte-order mark", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("the file is not UTF-8 text", "save it with UTF-8 encoding", line, None) from None
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise fail("the file is empty", "start from docs/data-format.md or the example in data/")
    if tab := _TAB_INDENT.search(text):  # one search over the whole text; lines counted only when found
        where = _line(text, tab.start())
        raise fail("a tab is used for indentation", "indent with spaces", where, tab.end() - tab.start())
    if found := re.search("[\x85\u2028\u2029]", text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        raise fail(
            f"the character U+{ord(found.group()):04X} (a line separator), which YAML reads as a line break",
            "remove it, or replace it by a space",
            _line(text, line_start),
            found.start() - line_start + 1,
        )
    try:
        node = yaml.compose(text, Loader=_LOADER)
        if node is None:
            raise fail("the file is empty", "start from docs/data-format.md or the example in data/")
        if deep := _too_deep(node):
            mark = deep.start_mark
            message = f"the file nests lists or mappings more than {MAX_DEPTH} deep"
            raise fail(message, "write it flatter", mark.line + 1, mark.column + 1)
    except RecursionError:
        raise fail(f"the file nests lists or mappings more than {MAX_DEPTH} deep", "write it flatter") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and (mark is None or start.line != mark.line):
            reason += f" ({context} on line {start.line + 1})"
        raise fail(
            f"not valid YAML: {reason}",
            "check indentation, colons and quotes",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    problems: list[Problem] = []
    try:
        data = _Converter(source, problems).convert(node, ())
    except RecursionError:
        raise fail(f"the file nests lists or mappings more than {MAX_DEPTH} deep", "write it flatter") from None
    if problems:
        raise InputError(problems)
    return data


class _Converter:
    def __init__(self, source: SourceMap, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, key: Key) -> Any:
        self.source.marks.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in self.seen and not isinstance(node, yaml.ScalarNode):
            self.problems.append(
                self.source.problem(
                    key, "anchors and aliases (&name, *name) are not supported", "write the value out in full"
                )
            )
            return None
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(
                self.source.problem(
                    key,
                    f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                    "data files hold plain text, numbers, lists and mappings; remove the tag",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, key + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, key)

    def _mapping(self, node: yaml.MappingNode, key: Key) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    self.source.problem(key, "merge keys (<<) are not supported", "write the keys out in full")
                )
                continue
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            child = key + (name,)
            if name in out:
                first = self.source.marks.get(child, (None, None))[0]
                self.problems.append(
                    Problem(
                        f"duplicate key '{name}' (first given on line {first})",
                        key=child,
                        code="duplicate-key",
                        file=self.source.file,
                        line=key_node.start_mark.line + 1,
                        col=key_node.start_mark.column + 1,
                        hint="keep only one; YAML would silently drop the first",
                    )
                )
                continue
            self.source.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[name] = self.convert(value_node, child)
        return out

    def _scalar(self, node: yaml.ScalarNode, key: Key) -> Any:
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in _BOOL_WORDS:
            return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if node.tag in _NUMBER_TAGS and (":" in node.value or "_" in node.value or _OCTAL.fullmatch(node.value)):
            return node.value  # YAML 1.1 reads 1:30 as 90, 1_000 as 1000 and 0132 as 90; YAML 1.2 reads text
        if node.tag == "tag:yaml.org,2002:str":  # most scalars: the text as written
            return clean_text(node.value)
        try:
            value = self.constructor.construct_object(node)
        except yaml.YAMLError as exc:
            reason = str(getattr(exc, "problem", None) or exc).splitlines()[0]
            self.problems.append(self.source.problem(key, f"unreadable value: {reason}", "write a plain value"))
            return None
        return clean_text(value) if isinstance(value, str) else value


def clean_text(text: str) -> str:
    """One text policy at the input: composed accents (NFC), and the font's narrow no-break space
    for a no-break space (the font has no U+00A0; both keep "78 %" together)."""
    return unicodedata.normalize("NFC", text).replace("\u00a0", "\u202f")
