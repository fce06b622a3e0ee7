"""A large data file read in two halves at once: its list of sections cut between two entries, the
second half read by a forked process while this one reads the rest (each half is as long to read
as the other: reading is most of a large check's time).

The cut is found in the text, so it is trusted only when the readings prove it fell between two
entries: the first half holds exactly the entries its text shows, whatever follows the list starts
where its text says (a text left open at the cut would run on into it), and neither half has a
problem, an anchor or an alias. From a cut between entries, the second half reads as the whole
file reads it, or fails. Otherwise (or for a small file, or where processes cannot be forked) the
file is read in one piece, which reports whatever is wrong exactly as it always does."""

from __future__ import annotations

import marshal
import os
import re
from typing import TYPE_CHECKING, Any

from deck.inputs.reader import MAX_DEPTH, Reader

if TYPE_CHECKING:
    from deck.inputs.source import SourceMap

LARGE = 2_000_000  # characters: a smaller file is read in one piece
SHARE = 0.55  # of the list read here: the other half is sent back too, which takes a while
_LIST = "sections"
_KEY = re.compile(rf"\n{_LIST}:[ \t]*(?:#[^\n]*)?(?=\n|$)")
_ODD = re.compile(r"\n(?:---|\.\.\.|%)")  # a second document, or a directive: never cut
# YAML's blanks are the space and the tab (a tab in an indentation is refused before): a line that
# starts with any other character, a no-break space included, starts in the first column
_END_FIRST = re.compile(r"\n(?:[^ \n#-]|-[^ \n])")  # a line in the first column, not an entry (nor a comment)
_END_INDENTED = re.compile(r"\n[^ \n#]")
_LINE = re.compile(r"^( *)([^ \n])", re.MULTILINE)


def read_in_halves(text: str, source: SourceMap, share: float = SHARE) -> Any | None:
    """The file's data, with its marks in ``source``; None when the file is not cut (read it whole).
    ``share``: about how much of the list is read here."""
    cut = _cut(text, share)
    if cut is None:
        return None
    from deck.parallel import Started, can_fork

    if not can_fork():  # both halves here, one after the other: slower than the whole
        return None
    before, at, end = cut  # the entries before the cut, where it is, where the list's text ends
    # the other half's lines as comments: every line keeps its number, and a text that keeps its
    # trailing blank lines (``|+``) ends where it ended
    here = text[:at] + "#\n" * text.count("\n", at, end) + text[end:]
    there = "\n" * text.count("\n", 0, at) + text[at:end]
    with Started(_read_part, [(there, source.file, before)], 1, aside=True) as started:
        data = _read(here, source, Reader(source, []))
        try:
            part = started.results()[0]
        except Exception:  # noqa: BLE001 - the worker died (out of memory, say): read the file whole
            part = None
    tail = _first_key(text, end)
    if (
        data is None
        or part is None
        or not isinstance(data, dict)
        or not isinstance(data.get(_LIST), list)
        or len(data[_LIST]) != before
        or tail is not None
        and source.marks.get((tail[0],)) != (tail[1], 1)
    ):
        source.marks.clear()
        return None
    items, marks = marshal.loads(part)
    data[_LIST].extend(items)
    source.marks.update(marks)
    return data


def _read(text: str, source: SourceMap, reader: Reader) -> Any | None:
    """What ``reader`` reads of ``text``; None if it finds anything amiss (or an anchor)."""
    try:
        data = reader.read(text)
    except Exception:  # noqa: BLE001 - the whole file, read again in one piece, reports it
        return None
    if reader.problems or reader.anchors:
        return None
    return data


def _read_part(task: tuple[str, Any, int]) -> bytes | None:
    """The entries of the list's second half (in a worker), and their marks, as bytes."""
    from deck.inputs.source import SourceMap

    text, file, before = task
    source = SourceMap(file)
    reader = Reader(source, [], limit=MAX_DEPTH - 1, root=((_LIST,), before))  # one level less deep on its own
    items = _read(text, source, reader)
    if not isinstance(items, list) or len(items) < before:
        return None
    source.marks.pop((), None)
    try:
        return marshal.dumps((items[before:], source.marks))
    except ValueError:  # a value marshal cannot write
        return None


def _cut(text: str, share: float = SHARE) -> tuple[int, int, int] | None:
    """Where to cut the list of sections: the number of its entries before the cut, the cut's
    offset (the start of an entry's line), and the offset where the list's text ends. The cut is at
    the entry nearest ``share`` of the list's text."""
    if len(text) < LARGE or "\r" in text or (os.cpu_count() or 1) < 2 or _odd(text):
        return None
    found = list(_KEY.finditer("\n" + text))  # the key in the first column (a line of the text's own)
    if len(found) != 1:
        return None
    start = found[0].end()  # after the key's line break, in the text
    indent = _indent(text, start)
    if indent is None:
        return None
    end = _end(text, start, indent)
    entries = _entries(text, start, end, indent)
    if len(entries) < 4:
        return None
    goal = start + (end - start) * share
    k = min(range(1, len(entries)), key=lambda i: abs(entries[i] - goal))
    return k, entries[k], end


def _odd(text: str) -> bool:
    """Whether the text has what is never cut: several documents or directives (a line starting
    with ``---``, ``...`` or ``%``)."""
    return text.startswith(("---", "...", "%")) or _ODD.search(text) is not None


def _indent(text: str, start: int) -> int | None:
    """The indentation of the list's entries: that of its first line (after blank and comment lines)."""
    found = _LINE.search(text, start)
    while found and found.group(2) == "#":
        found = _LINE.search(text, found.end())
    if found is None or not text.startswith("- ", found.start(2)) and not text.startswith("-\n", found.start(2)):
        return None
    return len(found.group(1))


def _entries(text: str, start: int, end: int, indent: int) -> list[int]:
    """The offsets of the lines that start an entry at ``indent``, between ``start`` and ``end``."""
    found, mark = [], "\n" + " " * indent + "-"
    at = text.find(mark, start - 1, end)
    while at >= 0:
        after = text[at + len(mark) : at + len(mark) + 1]
        if after in (" ", "\n", ""):
            found.append(at + 1)
        at = text.find(mark, at + 1, end)
    return found


def _end(text: str, start: int, indent: int) -> int:
    """Where the list's text ends: at the first line that starts in the first column with anything
    but a comment (or, for a list in the first column, an entry)."""
    found = (_END_FIRST if indent == 0 else _END_INDENTED).search(text, start - 1)
    return found.start() + 1 if found else len(text)


def _first_key(text: str, end: int) -> tuple[str, int] | None:
    """The key the rest of the file starts with, and its line; None when the list ends the file."""
    if end >= len(text):
        return None
    found = re.compile(r"[^:\n]*").match(text, end)
    return (found.group().strip(" ") if found else ""), text.count("\n", 0, end) + 1
