"""The record reader of the pack loader: checks shapes, collects problems instead of raising."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, TypeAlias

from ..errors import Loc, Problem
from ..io.yamlio import YList, YMap
from ..vocab import CHOSEN_OPS, ID_PATTERN, UNARY_VALUE_OPS, VALUE_OPS
from . import model as m

__all__ = ["ID_RE", "PLACEHOLDER_RE", "VALUE_OPS", "Reader", "RefPlace", "kind_of", "place_loc"]

ID_RE = re.compile(ID_PATTERN)
PLACEHOLDER_RE = re.compile(r"\{(answer|fact|config):([^{}]+)\}")


RefPlace: TypeAlias = Loc | tuple[YMap, str] | tuple[YList, int]


def place_loc(place: RefPlace) -> Loc:
    """The Loc of a reference's place."""
    if isinstance(place, Loc):
        return place
    container, key = place
    return container.loc_of(key)  # type: ignore[arg-type]


class Reader:
    """Checks the shape of records and collects problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (kind, id, place) references checked once everything is read; the place is a Loc,
        # or (container, key) whose Loc is made only for a reference that turns out unknown
        self.refs: list[tuple[str, str, RefPlace]] = []
        # answer comparisons, whose operands are checked against the questions at the end
        self.operands: list[m.AnswerCmp] = []

    def error(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def record(
        self, data: Any, loc: Loc, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> YMap | None:
        if not isinstance(data, YMap):
            self.error(loc, f"{what} must be a mapping, not {kind_of(data)}")
            return None
        for key in data:
            if key not in required and key not in optional:
                allowed = ", ".join(sorted(required + optional))
                self.error(data.loc_of(key), f"unknown key '{key}' in {what} (allowed: {allowed})")
        for key in required:
            if key not in data or data[key] is None:
                self.error(data.loc, f"{what} is missing '{key}'")
        return data

    def text(self, d: YMap, key: str, default: str = "") -> str:
        v = d.get(key)
        if v.__class__ is str:  # the common case first: loading is this loop, many times over
            return v
        if v is None:
            return default
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            self.error(d.loc_of(key), f"'{key}' must be text, not {kind_of(v)}")
            return default
        return str(v)

    def ident(self, d: YMap, key: str) -> str:
        v = self.text(d, key)
        if v and not ID_RE.fullmatch(v):
            self.error(d.loc_of(key), f"'{v}' is not a valid id (lowercase letters, digits, _ . -)")
        return v

    def number(self, d: YMap, key: str, default: float | None = None) -> float | None:
        v = d.get(key)
        if v is None:
            return default
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.error(d.loc_of(key), f"'{key}' must be a number, not {kind_of(v)}")
            return default
        return float(v)

    def date(self, d: YMap, key: str) -> dt.date | None:
        v = d.get(key)
        if v is None:
            return None
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        self.error(d.loc_of(key), f"'{key}' must be a date YYYY-MM-DD, not {kind_of(v)}")
        return None

    def enum(self, d: YMap, key: str, allowed: tuple[str, ...], default: str = "") -> str:
        v = self.text(d, key, default)
        if v and v not in allowed:
            self.error(d.loc_of(key), f"'{v}' is not a valid {key} (valid: {', '.join(allowed)})")
            return default
        return v

    def texts(self, d: YMap, key: str) -> tuple[str, ...]:
        v = d.get(key)
        if v is None:
            return ()
        if isinstance(v, str):
            return (v,)
        if not isinstance(v, YList):
            self.error(d.loc_of(key), f"'{key}' must be a list of text, not {kind_of(v)}")
            return ()
        out = []
        for i, item in enumerate(v):
            if item.__class__ is str:
                out.append(item)
            elif isinstance(item, bool) or not isinstance(item, str | int | float):
                self.error(v.loc_of(i), f"items of '{key}' must be text, not {kind_of(item)}")
            else:
                out.append(str(item))
        return tuple(out)

    def refs_list(self, d: YMap, key: str, kind: str) -> tuple[str, ...]:
        ids = self.texts(d, key)
        v = d.get(key)
        for i, ref in enumerate(ids):
            self.refs.append((kind, ref, (v, i) if isinstance(v, YList) else (d, key)))
        return ids

    def ref(self, d: YMap, key: str, kind: str) -> str | None:
        v = self.text(d, key)
        if not v:
            return None
        self.refs.append((kind, v, (d, key)))
        return v

    def items(self, data: Any, loc: Loc, what: str) -> Iterator[tuple[Any, Loc]]:
        if data is None:
            return
        if not isinstance(data, YList):
            self.error(loc, f"'{what}' must be a list, not {kind_of(data)}")
            return
        for i, item in enumerate(data):
            yield item, data.loc_of(i)

    def source(self, data: Any, loc: Loc) -> m.Source | None:
        d = self.record(data, loc, "source", ("title", "url"), ())
        if d is None:
            return None
        url = self.text(d, "url")
        if url and not url.startswith(("https://", "http://")):
            self.error(d.loc_of("url"), f"source url must start with https:// ('{url}')")
        return m.Source(self.text(d, "title"), url)

    def templates(self, text: str, loc: Loc) -> str:
        for kind, ref in PLACEHOLDER_RE.findall(text):
            if kind in ("answer", "fact"):
                self.refs.append(("question" if kind == "answer" else "fact", ref, loc))
        return text

    # --- conditions and values ------------------------------------------------------------

    def condition(self, data: Any, loc: Loc) -> m.Condition | None:
        if not isinstance(data, YMap) or not data:
            self.error(loc, f"a condition must be a mapping, not {kind_of(data)}")
            return None
        keys = set(data)
        if keys <= {"all"} or keys <= {"any"}:
            key = next(iter(keys))
            parts = [
                self.condition(c, cl) for c, cl in self.items(data[key], data.loc_of(key), key)
            ]
            if not parts:
                self.error(data.loc_of(key), f"'{key}' needs at least one condition")
            clean = tuple(p for p in parts if p is not None)
            return m.All(clean) if key == "all" else m.Any_(clean)
        if keys == {"not"}:
            inner = self.condition(data["not"], data.loc_of("not"))
            return m.Not(inner) if inner is not None else None
        if "answer" in keys:
            ops = keys - {"answer"}
            if len(ops) != 1 or not ops <= set(m.AREA_OPS):
                self.error(
                    data.loc,
                    f"an answer condition needs exactly one operator of {', '.join(m.AREA_OPS)}"
                    f" (found: {', '.join(sorted(ops)) or 'none'})",
                )
                return None
            op = ops.pop()
            q = self.text(data, "answer")
            self.refs.append(("question", q, data.loc_of("answer")))
            operand = self.operand(data[op], data.loc_of(op), op)
            cmp = m.AnswerCmp(q, op, operand, data.loc_of(op))
            self.refs.append(("answer-operand", f"{q}\0{op}", data.loc_of(op)))
            self.operands.append(cmp)
            return cmp
        if "chosen" in keys:
            ops = keys - {"chosen"}
            if len(ops) != 1 or not ops <= set(CHOSEN_OPS):
                self.error(data.loc, f"a chosen condition needs one of {', '.join(CHOSEN_OPS)}")
                return None
            op = ops.pop()
            area = self.text(data, "chosen")
            self.refs.append(("area", area, data.loc_of("chosen")))
            options = self.texts(data, op)
            for o in options:
                self.refs.append(("option", f"{area}.{o}", data.loc_of(op)))
            return m.Chosen(area, options, negate=op in ("ne", "not_in"), loc=data.loc_of(op))
        self.error(
            data.loc,
            "a condition is one of all, any, not, answer, chosen"
            f" (found keys: {', '.join(sorted(keys))})",
        )
        return None

    def operand(self, data: Any, loc: Loc, op: str) -> m.Operand:
        if isinstance(data, YMap):
            d = self.record(data, loc, "operand", ("fact",), ())
            if d is None:
                return ""
            fact = self.text(d, "fact")
            self.refs.append(("fact", fact, d.loc_of("fact")))
            return m.FactRef(fact)
        if isinstance(data, YList):
            return tuple(self.scalar(x, data.loc_of(i)) for i, x in enumerate(data))
        return self.scalar(data, loc)

    def scalar(self, data: Any, loc: Loc) -> m.Scalar:
        if isinstance(data, bool | int | float | str):
            return data
        if isinstance(data, dt.date):
            return data.isoformat()
        self.error(loc, f"expected a number, text or yes/no, not {kind_of(data)}")
        return ""

    def value(self, data: Any, loc: Loc) -> m.Value:
        if isinstance(data, YMap):
            if len(data) != 1:
                self.error(loc, "a value expression has exactly one key")
                return ""
            key = next(iter(data))
            if key == "answer":
                q = self.text(data, "answer")
                self.refs.append(("question", q, data.loc_of(key)))
                return m.ValueAnswer(q)
            if key == "fact":
                f = self.text(data, "fact")
                self.refs.append(("fact", f, data.loc_of(key)))
                return m.ValueFact(f)
            if key in VALUE_OPS:
                raw = data[key]
                args = (
                    [self.value(x, raw.loc_of(i)) for i, x in enumerate(raw)]
                    if isinstance(raw, YList)
                    else [self.value(raw, data.loc_of(key))]
                )
                if key in UNARY_VALUE_OPS and len(args) != 1:
                    self.error(data.loc_of(key), f"'{key}' takes one value")
                elif key not in UNARY_VALUE_OPS and len(args) < 2:
                    self.error(data.loc_of(key), f"'{key}' takes a list of two or more values")
                return m.ValueOp(key, tuple(args))
            self.error(
                data.loc_of(key),
                f"unknown value expression '{key}' (valid: answer, fact, {', '.join(VALUE_OPS)})",
            )
            return ""
        if isinstance(data, YList):
            self.error(loc, "a config value must be a scalar or an expression, not a list")
            return ""
        return self.scalar(data, loc)


def kind_of(v: object) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return "yes/no"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, str):
        return f"text '{v[:40]}'"
    return type(v).__name__
