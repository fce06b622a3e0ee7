"""The YAML parser's events read into plain data, with the place of every key in a source map."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import ComposerError

from deck.errors import Key, Problem

if TYPE_CHECKING:
    from deck.inputs.source import SourceMap

MAX_DEPTH = 40
_BOOL_WORDS = {"true", "false"}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_OCTAL = re.compile(r"[-+]?0[0-9]+")  # a leading zero: YAML 1.1 octal, which nobody means in a survey
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


class TooDeep(Exception):  # noqa: N818 - not an error of its own: reported by the caller
    def __init__(self, mark: Any) -> None:
        self.mark = mark


EMPTY = object()  # a stream without a document
_SKIP = object()  # a node whose content is not read (a rejected tag, a mapping used as a key)
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_ANY_START = _IMPLICIT.get(None, [])
_STR = "tag:yaml.org,2002:str"


_BY_START = {start: tuple(found + _ANY_START) for start, found in _IMPLICIT.items() if start is not None}
_OTHERS = tuple(_ANY_START)


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives an untagged scalar (the safe loader's resolver, without its overhead)."""
    if implicit[0]:
        for tag, regexp in _BY_START.get(value[0] if value else "", _OTHERS):
            if regexp.match(value):
                return str(tag)
    return _STR


class _Frame:
    """A mapping or a sequence being read: its value, its key path and, in a mapping, the name
    of the key whose value comes next (``_SKIP`` drops that value; None: a key comes next)."""

    __slots__ = ("value", "key", "name", "skip")
    key: Any  # the key path; None for a mapping or a list used as a key
    name: Any  # a key's name, _SKIP, None; or, for a mapping used as a key, where it starts
    skip: int  # 0: read; 1: read through, inside a value not kept; 2: given as None (a rejected tag)

    def __init__(self, value: Any, key: Key | None) -> None:
        self.value, self.key, self.name, self.skip = value, key, None, 0


class Reader:
    """The parser's events read into plain data in one pass, with the place of every key: no node
    tree is built (it cost more than the parsing), and nothing recurses however deep the file."""

    def __init__(
        self, source: SourceMap, problems: list[Problem], limit: int = MAX_DEPTH, root: tuple[Key, int] = ((), 0)
    ) -> None:
        """``limit``: how deep lists and mappings may nest; ``root``: the key path the document's
        own list or mapping stands at, and how many items such a list has before (a part of a
        file's list read on its own: its items keep their places in the whole)."""
        self.source = source
        self.problems = problems
        self.limit, self.root = limit, root
        self.anchors: dict[str, tuple[Any, Any]] = {}  # anchor: (its scalar value or _SKIP, its mark)
        self.constructor = yaml.SafeLoader("")

    def read(self, text: str) -> Any:
        parser = _LOADER(text)
        try:
            parser.get_event()  # the stream starts
            if isinstance(parser.peek_event(), yaml.StreamEndEvent):
                return EMPTY
            first = parser.get_event().start_mark  # the document starts
            data = self._document(parser.get_event)
            parser.get_event()  # the document ends
            if not isinstance(parser.peek_event(), yaml.StreamEndEvent):
                found = parser.peek_event().start_mark
                raise ComposerError(
                    "expected a single document in the stream", first, "but found another document", found
                )
            return data
        finally:
            parser.dispose()

    def _document(self, next_event: Any) -> Any:  # noqa: C901 - one loop over every kind of event
        marks = self.source.marks
        stack: list[_Frame] = []
        scalar, mapping_end, sequence_end = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
        plain_value = self._plain_scalar
        limit = self.limit
        pending = None  # an event read ahead, not placed yet
        while True:
            event, pending = pending or next_event(), None
            kind = type(event)
            if kind is mapping_end or kind is sequence_end:
                done = stack.pop()
                if not stack:
                    return done.value
                if done.key is None:  # a mapping or a list used as a key: it is named "?"
                    self._named(stack[-1], "?", done.name)
                else:
                    self._place(stack[-1], None if done.skip else done.value)
                continue
            frame = stack[-1] if stack else None
            skipping = frame is not None and (frame.skip > 0 or frame.name is _SKIP)  # a value not kept
            if frame is not None and frame.name is None and type(frame.value) is dict and not skipping:
                if kind is scalar and event.tag is None and event.anchor is None and event.value != "<<":
                    name = event.value  # most keys: a plain name, given once
                    if name not in frame.value:
                        mark = event.start_mark
                        marks[frame.key + (name,)] = (mark.line + 1, mark.column + 1)
                        frame.name, pending = name, next_event()
                        if type(pending) is scalar and pending.anchor is None and len(stack) <= limit:
                            plain_value(pending, frame, len(stack))  # its value, most often: placed at once
                            pending = None
                        continue
                if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    as_key = _Frame({} if kind is yaml.MappingStartEvent else [], None)
                    as_key.skip, as_key.name = 1, event.start_mark  # read through; named where it starts
                    stack.append(as_key)
                else:
                    self._key(frame, event, kind)
                continue
            if kind is scalar and frame is not None and not skipping and event.anchor is None:
                plain_value(event, frame, len(stack))  # most values (the steps below, shortened)
                continue
            if frame is None or skipping:
                key: Key = ()
            elif type(frame.value) is list:
                key = frame.key + (len(frame.value),)
            else:
                key = frame.key + (frame.name,)
            mark = event.start_mark
            if len(stack) > limit:
                raise TooDeep(mark)
            if not skipping:
                marks.setdefault(key, (mark.line + 1, mark.column + 1))
            if kind is yaml.AliasEvent:
                value = self._alias(event, key, skipping)
            else:
                if event.anchor is not None:
                    if event.anchor in self.anchors:
                        first = self.anchors[event.anchor][1]
                        raise ComposerError(
                            f"found duplicate anchor {event.anchor!r}; first occurrence",
                            first,
                            "second occurrence",
                            mark,
                        )
                    self.anchors[event.anchor] = (_SKIP, mark)
                if kind is yaml.ScalarEvent:
                    tag = event.tag if event.tag not in (None, "!") else _resolve(event.value, event.implicit)
                    value = None if skipping else self._scalar(event, tag, key)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value if tag in _PLAIN_TAGS else _SKIP, mark)
                else:  # a mapping or a sequence starts
                    tag = event.tag
                    if tag in (None, "!"):
                        tag = "tag:yaml.org,2002:map" if kind is yaml.MappingStartEvent else "tag:yaml.org,2002:seq"
                    if frame is None and self.root[0] and kind is yaml.SequenceStartEvent:  # a part of a list
                        child = _Frame([None] * self.root[1], self.root[0])
                    else:
                        child = _Frame({} if kind is yaml.MappingStartEvent else [], key)
                    if skipping:
                        child.skip = 1
                    elif tag not in _PLAIN_TAGS:
                        self._bad_tag(tag, key)
                        child.skip = 2  # read through, given as None
                    stack.append(child)
                    continue
            if frame is None:
                return value
            self._place(frame, value)

    def _plain_scalar(self, event: Any, frame: _Frame, depth: int) -> None:
        """A scalar without anchor, read and placed as a kept mapping's value (its key's place is
        recorded already) or a list's item."""
        container = frame.value
        if type(container) is list:
            key = frame.key + (len(container),)
            mark = event.start_mark
            self.source.marks.setdefault(key, (mark.line + 1, mark.column + 1))
        if depth > self.limit:
            raise TooDeep(event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(event.value, event.implicit)
        if tag == _STR:
            value: Any = clean_text(event.value)
        else:
            value = self._scalar(
                event, tag, frame.key + ((len(container),) if type(container) is list else (frame.name,))
            )
        if type(container) is list:
            container.append(value)
        else:
            container[frame.name] = value
            frame.name = None

    def _place(self, frame: _Frame, value: Any) -> None:
        if frame.skip:
            return
        if type(frame.value) is list:
            frame.value.append(value)
            return
        if frame.name is not _SKIP:
            frame.value[frame.name] = value
        frame.name = None

    def _key(self, frame: _Frame, event: Any, kind: Any) -> None:
        """A mapping's key given as a scalar or an alias: its name, or _SKIP for a merge key."""
        mark = event.start_mark
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                self.anchors[event.anchor] = (event.value, mark)
            tag = event.tag if event.tag not in (None, "!") else _resolve(event.value, event.implicit)
            if tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    self.source.problem(frame.key, "merge keys (<<) are not supported", "write the keys out in full")
                )
                frame.name = _SKIP
                return
            self._named(frame, event.value, mark)
            return
        if event.anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", mark)
        value = self.anchors[event.anchor][0]
        self._named(frame, str(value) if value is not _SKIP else "?", mark)

    def _named(self, frame: _Frame, name: str, mark: Any) -> None:
        """The key ``name`` (given at ``mark``) comes next in ``frame``; _SKIP if given twice."""
        assert frame.key is not None
        child = frame.key + (name,)
        if name in frame.value:
            first = self.source.marks.get(child, (None, None))[0]
            self.problems.append(
                Problem(
                    f"duplicate key '{name}' (first given on line {first})",
                    key=child,
                    code="duplicate-key",
                    file=self.source.file,
                    line=mark.line + 1,
                    col=mark.column + 1,
                    hint="keep only one; YAML would silently drop the first",
                )
            )
            frame.name = _SKIP
            return
        self.source.marks[child] = (mark.line + 1, mark.column + 1)
        frame.name = name

    def _alias(self, event: Any, key: Key, skipping: bool) -> Any:
        if event.anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        value = self.anchors[event.anchor][0]
        if value is _SKIP and not skipping:
            self.problems.append(
                self.source.problem(
                    key, "anchors and aliases (&name, *name) are not supported", "write the value out in full"
                )
            )
            return None
        return value

    def _bad_tag(self, tag: str, key: Key) -> None:
        self.problems.append(
            self.source.problem(
                key,
                f"the tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                "data files hold plain text, numbers, lists and mappings; remove the tag",
            )
        )

    def _scalar(self, event: Any, tag: str, key: Key) -> Any:
        value = event.value
        if tag == _STR:  # most scalars: the text as written
            return clean_text(value)
        if tag not in _PLAIN_TAGS:
            self._bad_tag(tag, key)
            return None
        if tag == "tag:yaml.org,2002:bool" and value.lower() not in _BOOL_WORDS:
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            return value
        if tag in _NUMBER_TAGS and (":" in value or "_" in value or _OCTAL.fullmatch(value)):
            return value  # YAML 1.1 reads 1:30 as 90, 1_000 as 1000 and 0132 as 90; YAML 1.2 reads text
        if tag == "tag:yaml.org,2002:int" and value.isascii() and value.isdigit():
            return int(value)
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
        try:
            constructed = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, IndexError) as exc:  # `!!int x`, `!!float ""`: not what the tag says
            reason = str(getattr(exc, "problem", None) or exc).splitlines()[0]
            self.problems.append(self.source.problem(key, f"unreadable value: {reason}", "write a plain value"))
            return None
        return clean_text(constructed) if isinstance(constructed, str) else constructed


def clean_text(text: str) -> str:
    """One text policy at the input: composed accents (NFC), and the font's narrow no-break space
    for a no-break space (the font has no U+00A0; both keep "78 %" together)."""
    if text.isascii():  # already composed, and without a no-break space
        return text
    return unicodedata.normalize("NFC", text).replace("\u00a0", "\u202f")
