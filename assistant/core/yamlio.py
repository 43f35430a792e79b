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
from pathlib import Path
from typing import Any

import yaml

from .errors import Loc, PackError, Problem

__all__ = ["MAX_FILE_BYTES", "YList", "YMap", "dump", "load_file", "loads"]

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


def _plain_scalar(text: str) -> Any:
    """Type a plain (unquoted) scalar as YAML 1.1 would for the types we use.

    >>> [_plain_scalar(t) for t in ("yes", "~", "12", "1.5", "2026-01-02", "v1.0")]
    [True, None, 12, 1.5, datetime.date(2026, 1, 2), 'v1.0']
    """
    if not text or text[0] in "0123456789+-.~nNtTfFyYoO":
        if text in _NULLS:
            return None
        b = _BOOLS.get(text)
        if b is not None:
            return b
        if _INT.fullmatch(text):
            return int(text.replace("_", ""))
        if _FLOAT.fullmatch(text):
            return float(text.replace("_", ""))
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        special = _SPECIAL_FLOATS.get(text.lower())
        if special is not None:
            return special
    return text

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 500_000


class YMap(dict[str, Any]):
    """A dict that knows its own place and the place of each key."""

    loc: Loc
    key_locs: dict[str, Loc]

    def loc_of(self, key: str) -> Loc:
        return self.key_locs.get(key, self.loc)


class YList(list[Any]):
    """A list that knows its own place and the place of each item."""

    loc: Loc
    item_locs: list[Loc]

    def loc_of(self, index: int) -> Loc:
        return self.item_locs[index] if 0 <= index < len(self.item_locs) else self.loc


def _loc(path: str, node: yaml.Node) -> Loc:
    return Loc(path, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[int] = set()
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(_loc(self.path, node))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            if id(node) in self.seen:
                # An alias: refuse them all, which also defuses "billion laughs" bombs.
                self.problems.append(
                    Problem(_loc(self.path, node), "YAML aliases (*name) are not allowed here")
                )
                return None
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out = YMap()
            out.loc = _loc(self.path, node)
            out.key_locs = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(
                        Problem(_loc(self.path, key_node), "YAML merge keys (<<) are not allowed")
                    )
                    continue
                key = self.build(key_node)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    self.problems.append(
                        Problem(_loc(self.path, key_node), f"duplicate key '{key}'")
                    )
                    continue
                out.key_locs[key] = _loc(self.path, value_node)
                out[key] = self.build(value_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = YList()
            items.loc = _loc(self.path, node)
            items.item_locs = []
            for item in node.value:
                items.item_locs.append(_loc(self.path, item))
                items.append(self.build(item))
            return items
        if node.tag == "tag:yaml.org,2002:str" or node.tag == "!":
            # plain scalars carry the default str tag in the base loader; quoted ones style ' or "
            quoted = isinstance(node, yaml.ScalarNode) and node.style
            return node.value if quoted else _plain_scalar(node.value)
        return self._tagged(node)

    def _tagged(self, node: yaml.Node) -> Any:
        """An explicitly tagged scalar (``!!int 3``): only the core YAML types are allowed."""
        tag = node.tag.rsplit(":", 1)[-1]
        value = node.value
        if tag == "str":
            return value
        typed = _plain_scalar(value)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(tag)
        if expected is not None and isinstance(typed, expected):
            return typed
        if tag == "float" and isinstance(typed, int):
            return float(typed)
        self.problems.append(Problem(_loc(self.path, node), f"unsupported YAML tag '{node.tag}'"))
        return None


class _TooBig(Exception):
    def __init__(self, loc: Loc) -> None:
        self.loc = loc


def loads(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document; raise :class:`PackError` with every problem found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        raise PackError([Problem(loc, f"malformed YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise PackError([Problem(Loc(path), f"malformed YAML: {exc}")]) from None
    if node is None:
        return None
    builder = _Builder(path)
    try:
        data = builder.build(node)
    except _TooBig as exc:
        raise PackError([Problem(exc.loc, "the document is too large")]) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise PackError([Problem(Loc(path), f"malformed YAML value: {exc}")]) from None
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
        raise PackError([Problem(Loc(name), f"not UTF-8 text: {exc.reason}")]) from None
    return loads(text, name)


def dump(data: Any) -> str:
    """Serialise plain data (dicts, lists, scalars) as block-style YAML."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text
