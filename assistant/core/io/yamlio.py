"""The one YAML loader: safe, fast (libyaml when present) and keeping line/column marks.

Mappings come back as :class:`YMap` and sequences as :class:`YList`; both remember
where each of their entries stood, so any later check can point at the exact place.

>>> data = loads("a: 1\\nb: [x, y]\\n", "f.yaml")
>>> data["b"][1], str(data.loc_of("b")), str(data["b"].loc_of(1))
('y', 'f.yaml:2:4', 'f.yaml:2:8')
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import yaml

from ..errors import Loc, PackError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "Mark",
    "ParserMark",
    "YList",
    "YMap",
    "dump",
    "load_file",
    "loads",
    "mark_loc",
]

# Parsing is libyaml's (the base loader: no Python-side tag resolution); plain scalars are
# typed by _plain_scalar below, which is several times faster than PyYAML's resolver and
# constructor and covers what packs and projects use: null, bool, int, float, date.
try:
    _Loader: Any = yaml.CBaseLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.BaseLoader
    _Dumper = yaml.SafeDumper

_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(
    r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
# Numbers are bounded by what a double holds exactly (2**53): every number in a pack, a project
# or an answers file is a size, a count, a duration or a coordinate far below it, and beyond it
# float() would silently round (and int() of a few thousand digits raises).
MAX_NUMBER = 2**53


class _NumberError(ValueError):
    """A plain scalar that reads as a number archassist does not accept."""


def _plain_scalar(text: str) -> Any:
    """Type a plain (unquoted) scalar as YAML 1.1 would for the types we use.

    >>> [_plain_scalar(t) for t in ("yes", "~", "12", "1.5", "2026-01-02", "v1.0")]
    [True, None, 12, 1.5, datetime.date(2026, 1, 2), 'v1.0']
    >>> try:
    ...     _plain_scalar("1" * 310)
    ... except ValueError as exc:
    ...     print(exc)
    a 310-digit integer is out of range (at most 9007199254740992)
    """
    if not text or text[0] in "0123456789+-.~nNtTfFyYoO":
        if text in _NULLS:
            return None
        b = _BOOLS.get(text)
        if b is not None:
            return b
        if _INT.fullmatch(text):
            return _bounded_int(text.replace("_", ""))
        if _FLOAT.fullmatch(text):
            return _bounded_float(text.replace("_", ""))
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        if text.lower() in _SPECIAL_FLOATS:
            raise _NumberError(f"'{text}' is not a finite number")
    return text


def _bounded_int(digits: str) -> int:
    count = len(digits.lstrip("+-"))
    if count > len(str(MAX_NUMBER)):
        raise _NumberError(f"a {count}-digit integer is out of range (at most {MAX_NUMBER})")
    value = int(digits)
    if abs(value) > MAX_NUMBER:
        raise _NumberError(f"{value} is out of range (at most {MAX_NUMBER})")
    return value


def _bounded_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise _NumberError(f"{text} is out of range (at most {MAX_NUMBER})")
    return value


MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 500_000


class ParserMark(Protocol):
    """The parser's own mark of where an event started (0-based line and column)."""

    line: int
    column: int


# Where an entry stood: a Loc, (line, column) in the container's file, or the parser's mark.
# The builder keeps the parser's mark as it comes (most places are never asked for) and
# loc_of makes the Loc on demand.
Mark: TypeAlias = Loc | tuple[int, int] | ParserMark


def mark_loc(path: str, mark: Mark) -> Loc:
    """The Loc of ``mark`` in the file ``path``.

    >>> str(mark_loc("f.yaml", (3, 4))), str(mark_loc("f.yaml", Loc("g.yaml", 1, 2)))
    ('f.yaml:3:4', 'g.yaml:1:2')
    """
    if isinstance(mark, Loc):
        return mark
    if isinstance(mark, tuple):
        return Loc(path, mark[0], mark[1])
    return Loc(path, mark.line + 1, mark.column + 1)


class YMap(dict[str, Any]):
    """A dict that knows its own place and the place of each key."""

    loc: Loc
    key_locs: dict[str, Mark]

    def loc_of(self, key: str) -> Loc:
        mark = self.key_locs.get(key)
        return self.loc if mark is None else mark_loc(self.loc.path, mark)


class YList(list[Any]):
    """A list that knows its own place and the place of each item."""

    loc: Loc
    item_locs: list[Mark]

    def loc_of(self, index: int) -> Loc:
        if not 0 <= index < len(self.item_locs):
            return self.loc
        return mark_loc(self.loc.path, self.item_locs[index])


def _mark(path: str, event: Any) -> Loc:
    return Loc(path, event.start_mark.line + 1, event.start_mark.column + 1)


_MERGE = "tag:yaml.org,2002:merge"
_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (float, int),
    "bool": bool,
    "null": type(None),
}
# Plain scalars _plain_scalar may type: those starting like a number, and the words of
# null and bool; any other plain scalar is text as it stands (the fast path of the builder).
_NUMERIC_START = frozenset("0123456789+-.")
_WORDS = _NULLS | frozenset(_BOOLS)
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Builder:
    """Builds YMap/YList trees straight from libyaml's parser events.

    Working on events rather than composed nodes skips PyYAML's Python-side node
    objects and tag resolver, which were most of the load time. The loop is the hot
    path of every pack load (about 45 events per service), so it handles the common
    event, a plain scalar, inline and keeps places as (line, column) tuples.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.documents = 0

    def scalar(self, event: Any) -> Any:
        """A tagged scalar (plain ones are typed inline in :meth:`build`)."""
        try:
            return self._tagged(event)
        except _NumberError as exc:
            self.problems.append(Problem(_mark(self.path, event), str(exc)))
            return None

    def _tagged(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            return event.value if event.style else _plain_scalar(event.value)
        if tag == _MERGE:
            return event.value
        name = tag.rsplit(":", 1)[-1]
        if name == "str":
            return event.value
        typed: Any = _plain_scalar(event.value)
        expected = _TYPES.get(name)
        if expected is not None and isinstance(typed, expected):
            return float(str(typed)) if name == "float" else typed
        self.problems.append(Problem(_mark(self.path, event), f"unsupported YAML tag '{tag}'"))
        return None

    def build(self, events: Iterator[Any]) -> Any:
        """The single document in ``events`` (None when the stream is empty)."""
        root: Any = None
        # each frame: [container, pending key (mappings), key mark, key is a merge key]
        stack: list[list[Any]] = []
        count = 0
        scalar_event = yaml.ScalarEvent
        for event in events:
            if type(event) is not scalar_event:
                done = self._structure(event, stack)
                if done is True:
                    count += 1
                    if count > MAX_NODES:
                        raise _Bad(_mark(self.path, event), "the document is too large")
                elif done is not None:
                    root = done
                continue
            count += 1
            mark: Any = event.start_mark
            text = event.value
            if event.tag is not None:
                value = self.scalar(event)
            elif event.style or (text[:1] not in _NUMERIC_START and text not in _WORDS):
                value = text  # quoted, or plain text that is no number, bool or null
            else:
                value = self._plain(text, mark)
            if not stack:
                root = value
                continue
            frame = stack[-1]
            container = frame[0]
            if container.__class__ is YList:
                container.append(value)
                container.item_locs.append(mark)
            elif frame[1] is None:  # a key: its value follows
                frame[1] = value if value.__class__ is str else str(value)
                frame[2] = mark
                frame[3] = event.tag == _MERGE or (text == "<<" and not event.style)
            elif frame[3] or frame[1] in container:  # a merge key or a duplicate
                self._add(stack, value, mark)
            else:
                key = frame[1]
                frame[1] = None
                container[key] = value
                container.key_locs[key] = mark
        if count > MAX_NODES:  # scalars are counted, and checked here rather than per scalar
            raise _Bad(Loc(self.path), "the document is too large")
        return root

    def _plain(self, text: str, mark: Mark) -> Any:
        try:
            return _plain_scalar(text)
        except _NumberError as exc:
            self.problems.append(Problem(mark_loc(self.path, mark), str(exc)))
            return None

    def _structure(self, event: Any, stack: list[list[Any]]) -> Any:
        """Handle an event other than a scalar: True when it started a node (a mapping, a
        sequence, an alias), the root when it closed the outermost one, else None."""
        kind = type(event)
        if kind in _ENDS:
            done = stack.pop()[0]
            self._add(stack, done, done.loc)
            return None if stack else done
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _Bad(_mark(self.path, event), "expected a single YAML document")
            return None
        if kind in _SKIPPED:
            return None
        loc = _mark(self.path, event)
        if kind is yaml.MappingStartEvent:
            new_map = YMap()
            new_map.loc, new_map.key_locs = loc, {}
            stack.append([new_map, None, None, False])
        elif kind is yaml.SequenceStartEvent:
            new_list = YList()
            new_list.loc, new_list.item_locs = loc, []
            stack.append([new_list, None, None, False])
        elif kind is yaml.AliasEvent:
            # Refuse every alias, which also defuses "billion laughs" bombs.
            self.problems.append(Problem(loc, "YAML aliases (*name) are not allowed"))
            if stack:
                self._add(stack, None, loc)
        return True

    def _add(self, stack: list[list[Any]], value: Any, mark: Mark) -> None:
        if not stack:
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, YList):
            container.append(value)
            container.item_locs.append(mark)
            return
        if frame[1] is None:  # a mapping or sequence used as a key
            self.problems.append(
                Problem(mark_loc(self.path, mark), "a mapping key must be a plain value")
            )
            frame[1], frame[2] = "?", mark
            return
        key, key_mark, merge = frame[1], frame[2], frame[3]
        frame[1] = None
        if merge or key in container:
            key_loc = mark_loc(self.path, key_mark)
            message = "YAML merge keys (<<) are not allowed" if merge else f"duplicate key '{key}'"
            self.problems.append(Problem(key_loc, message))
        else:
            container[key] = value
            container.key_locs[key] = mark


class _Bad(Exception):
    def __init__(self, loc: Loc, message: str) -> None:
        self.loc = loc
        self.message = message


def loads(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document; raise :class:`PackError` with every problem found."""
    builder = _Builder(path)
    # The parser's own get_event until it returns None, through iter() (a C loop): cheaper
    # per event than yaml.parse's Python generator, which checks and gets each event.
    parser = _Loader(text)
    try:
        data = builder.build(iter(parser.get_event, None))
    except _Bad as exc:
        raise PackError([Problem(exc.loc, exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        raise PackError([Problem(loc, f"malformed YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise PackError([Problem(Loc(path), f"malformed YAML: {exc}")]) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise PackError(builder.problems)
    return data


def load_file(path: Path, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file, refusing files over :data:`MAX_FILE_BYTES`."""
    name = shown_as or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PackError(
                [Problem(Loc(name), f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError([Problem(Loc(name), f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # where the first bad byte is (column in bytes): a file cut inside a character, or
        # one in another encoding, points at its place rather than at 0:0
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        message = f"not UTF-8 text: {exc.reason}"
        raise PackError([Problem(Loc(name, line, col), message)]) from None
    return loads(text, name)


def _reads_back_as_text(text: str) -> bool:
    """True if :func:`loads` gives ``text`` back for it written plain (unquoted)."""
    try:
        return bool(_plain_scalar(text) == text)
    except _NumberError:
        return False


class _QuotingDumper(_Dumper):  # type: ignore[misc]
    """The safe dumper, quoting each string that :func:`_plain_scalar` would read as another
    type. PyYAML quotes what its YAML 1.1 resolver types, which takes ``1e5`` (no dot) for a
    string, and so wrote a path named ``1e5`` plain: read back as 100000.0, a project that
    could no longer be opened."""

    def represent_str(self, data: str) -> Any:
        node = super().represent_str(data)
        if node.style is None and not _reads_back_as_text(data):
            node.style = "'"
        return node


_QuotingDumper.add_representer(str, _QuotingDumper.represent_str)


def dump(data: Any) -> str:
    """Serialise plain data (dicts, lists, scalars) as block-style YAML that :func:`loads`
    reads back as the same data.

    >>> dump({"name": "1e5", "n": 100000.0, "v": "v1.0"})
    "name: '1e5'\\nn: 100000.0\\nv: v1.0\\n"
    """
    text: str = yaml.dump(
        data, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text
