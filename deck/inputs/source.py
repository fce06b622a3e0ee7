"""Read a YAML file into plain data plus a source map (line and column of every key).

Safe loading only; duplicate keys, anchors/aliases, tabs, byte-order marks and non-UTF-8 bytes are
reported as located problems instead of being silently accepted. Unquoted ``yes``/``no``/``on``/
``off`` stay text (YAML 1.2 reading): only ``true`` and ``false`` are booleans.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deck.errors import InputError, Key, Problem
from deck.inputs import reads
from deck.inputs.halves import read_in_halves
from deck.inputs.reader import EMPTY, MAX_DEPTH, Reader, TooDeep, clean_text

MAX_BYTES = 32_000_000  # a barometer of 10,000 questions (about 9 MB of YAML) fits


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


# a tab among a line's leading blanks (matched up to that tab); lines break as str.splitlines breaks them
_TAB_INDENT = re.compile(r"(?:^|(?<=[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))[ \t]*?\t")


def _line(text: str, offset: int) -> int:
    """The number of the line (as ``str.splitlines`` counts them) that starts at ``offset``."""
    return len(text[:offset].splitlines()) + 1


def _first_lines(text: str) -> list[str]:
    """The lines of the file's first few kilobytes (a line cut at their end is still a comment, or
    has something else), or of the whole file when those are all blank or comments."""
    lines = text[:4096].splitlines()
    if any(ln.strip() and not ln.strip().startswith("#") for ln in lines):
        return lines
    return text.splitlines()


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
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in _first_lines(text)):
        raise fail("the file is empty", "start from docs/data-format.md or the example in data/")
    if "\t" in text and (
        tab := _TAB_INDENT.search(text)
    ):  # one search over the whole text; lines counted only when found
        where = _line(text, tab.start())
        raise fail("a tab is used for indentation", "indent with spaces", where, tab.end() - tab.start())
    if any(c in text for c in "\x85\u2028\u2029") and (found := re.search("[\x85\u2028\u2029]", text)):
        line_start = text.rfind("\n", 0, found.start()) + 1
        raise fail(
            f"the character U+{ord(found.group()):04X} (a line separator), which YAML reads as a line break",
            "remove it, or replace it by a space",
            _line(text, line_start),
            found.start() - line_start + 1,
        )
    problems: list[Problem] = []
    halves = read_in_halves(text, source)  # a large file: on two cores
    try:
        data = halves if halves is not None else Reader(source, problems).read(text)
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
    except TooDeep as deep:
        message = f"the file nests lists or mappings more than {MAX_DEPTH} deep"
        raise fail(message, "write it flatter", deep.mark.line + 1, deep.mark.column + 1) from None
    if data is EMPTY:
        raise fail("the file is empty", "start from docs/data-format.md or the example in data/")
    if problems:
        raise InputError(problems)
    return data


__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loaded", "SourceMap", "clean_text", "load_yaml"]
