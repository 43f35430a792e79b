"""The one loader for knowledge packs: reads, validates and cross-checks a pack folder.

Every problem is collected with its ``path:line:col`` before anything is raised, so
an author sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Loc, PackError, Problem, display_path
from ..io.yamlio import YList, YMap, load_file
from . import model as m

__all__ = ["SCHEMA_VERSION", "load_pack", "parse_condition"]

SCHEMA_VERSION = 1
MAX_PACK_FILES = 500
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
SECTIONS = ("services", "facts", "relations", "questions", "areas", "quiz")
VALUE_OPS = ("add", "sub", "mul", "div", "min", "max", "round", "ceil")
PLACEHOLDER_RE = re.compile(r"\{(answer|fact|config):([^{}]+)\}")


class _Reader:
    """Checks the shape of records and collects problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (kind, id, loc) references checked once everything is read
        self.refs: list[tuple[str, str, Loc]] = []

    def error(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def record(
        self, data: Any, loc: Loc, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> YMap | None:
        if not isinstance(data, YMap):
            self.error(loc, f"{what} must be a mapping, not {_kind(data)}")
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
        if v is None:
            return default
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            self.error(d.loc_of(key), f"'{key}' must be text, not {_kind(v)}")
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
            self.error(d.loc_of(key), f"'{key}' must be a number, not {_kind(v)}")
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
        self.error(d.loc_of(key), f"'{key}' must be a date YYYY-MM-DD, not {_kind(v)}")
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
            self.error(d.loc_of(key), f"'{key}' must be a list of text, not {_kind(v)}")
            return ()
        out = []
        for i, item in enumerate(v):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.error(v.loc_of(i), f"items of '{key}' must be text, not {_kind(item)}")
            else:
                out.append(str(item))
        return tuple(out)

    def refs_list(self, d: YMap, key: str, kind: str) -> tuple[str, ...]:
        ids = self.texts(d, key)
        v = d.get(key)
        for i, ref in enumerate(ids):
            loc = v.loc_of(i) if isinstance(v, YList) else d.loc_of(key)
            self.refs.append((kind, ref, loc))
        return ids

    def ref(self, d: YMap, key: str, kind: str) -> str | None:
        v = self.text(d, key)
        if not v:
            return None
        self.refs.append((kind, v, d.loc_of(key)))
        return v

    def items(self, data: Any, loc: Loc, what: str) -> Iterator[tuple[Any, Loc]]:
        if data is None:
            return
        if not isinstance(data, YList):
            self.error(loc, f"'{what}' must be a list, not {_kind(data)}")
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
            self.error(loc, f"a condition must be a mapping, not {_kind(data)}")
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
            self._operands.append(cmp)
            return cmp
        if "chosen" in keys:
            ops = keys - {"chosen"}
            if ops not in ({"eq"}, {"in"}, {"ne"}, {"not_in"}):
                self.error(data.loc, "a chosen condition needs one of eq, in, ne, not_in")
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

    _operands: list[m.AnswerCmp]

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
        self.error(loc, f"expected a number, text or yes/no, not {_kind(data)}")
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
                if key in ("round", "ceil") and len(args) != 1:
                    self.error(data.loc_of(key), f"'{key}' takes one value")
                elif key not in ("round", "ceil") and len(args) < 2:
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


def _kind(v: object) -> str:
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


# --- records ----------------------------------------------------------------------------------


def _status(r: _Reader, d: YMap) -> m.Status:
    raw = d.get("status")
    if raw == "available":
        return m.Status()
    if isinstance(raw, str):
        r.error(
            d.loc_of("status"),
            f"status '{raw}' must be 'available' or a mapping with state, since, note, suggest",
        )
        return m.Status()
    s = r.record(
        raw, d.loc_of("status"), "status", ("state",), ("since", "note", "suggest", "source")
    )
    if s is None:
        return m.Status()
    state = r.enum(s, "state", m.STATES, "available")
    since = r.date(s, "since")
    if state != "available" and since is None and "no date" not in r.text(s, "note").lower():
        # Never guess a date: where AWS publishes none, the note must say so.
        r.error(
            s.loc,
            f"a '{state}' status needs 'since' (the date it took effect), or a note"
            " saying that AWS gives no date",
        )
    source = r.source(s["source"], s.loc_of("source")) if "source" in s else None
    return m.Status(
        state,  # type: ignore[arg-type]
        since,
        r.text(s, "note"),
        r.refs_list(s, "suggest", "service"),
        source,
    )


def _service(r: _Reader, data: Any, loc: Loc) -> m.Service | None:
    d = r.record(
        data,
        loc,
        "service",
        ("id", "name", "category", "summary", "use_cases", "status"),
        ("short", "aliases", "domains", "icon", "drawio", "part_of", "url"),
    )
    if d is None:
        return None
    domains = r.texts(d, "domains")
    for i, dom in enumerate(domains):
        if dom not in m.DOMAINS:
            r.error(
                _item_loc(d, "domains", i),
                f"'{dom}' is not a valid domain ({', '.join(m.DOMAINS)})",
            )
    use_cases = r.texts(d, "use_cases")
    if "use_cases" in d and not use_cases:
        r.error(d.loc_of("use_cases"), "a service needs at least one use case")
    return m.Service(
        id=r.ident(d, "id"),
        name=r.text(d, "name"),
        category=r.enum(d, "category", m.CATEGORIES),
        summary=r.text(d, "summary"),
        use_cases=use_cases,
        status=_status(r, d),
        domains=domains,
        short=r.text(d, "short"),
        aliases=r.texts(d, "aliases"),
        icon=r.text(d, "icon", "generic"),
        drawio=r.text(d, "drawio"),
        part_of=r.ref(d, "part_of", "service"),
        url=r.text(d, "url"),
        loc=d.loc,
    )


def _item_loc(d: YMap, key: str, i: int) -> Loc:
    v = d.get(key)
    return v.loc_of(i) if isinstance(v, YList) else d.loc_of(key)


def _fact_value(r: _Reader, d: YMap, key: str) -> m.Scalar | tuple[m.Scalar, ...] | None:
    if key not in d or d[key] is None:
        return None
    v = d[key]
    if isinstance(v, YList):
        return tuple(r.scalar(x, v.loc_of(i)) for i, x in enumerate(v))
    if isinstance(v, YMap):
        r.error(d.loc_of(key), f"'{key}' must be a number, text, yes/no or a list of them")
        return None
    return r.scalar(v, d.loc_of(key))


def _fact(r: _Reader, data: Any, loc: Loc) -> m.Fact | None:
    d = r.record(
        data,
        loc,
        "fact",
        ("id", "about", "statement", "source", "checked"),
        ("value", "unit", "exam_notes", "domains", "terms"),
    )
    if d is None:
        return None
    notes = None
    if "exam_notes" in d:
        n = r.record(
            d["exam_notes"], d.loc_of("exam_notes"), "exam_notes", ("statement",), ("value",)
        )
        if n is not None:
            notes = m.ExamNotes(r.text(n, "statement"), _fact_value(r, n, "value"))
    source = r.source(d.get("source"), d.loc_of("source")) if d.get("source") else None
    checked = r.date(d, "checked")
    domains = r.texts(d, "domains")
    for i, dom in enumerate(domains):
        if dom not in m.DOMAINS:
            r.error(
                _item_loc(d, "domains", i),
                f"'{dom}' is not a valid domain ({', '.join(m.DOMAINS)})",
            )
    return m.Fact(
        id=r.ident(d, "id"),
        about=r.refs_list(d, "about", "service"),
        statement=r.text(d, "statement"),
        source=source or m.Source("", ""),
        checked=checked or dt.date.min,
        value=_fact_value(r, d, "value"),
        unit=r.text(d, "unit"),
        exam_notes=notes,
        domains=domains,
        terms=r.texts(d, "terms"),
        loc=d.loc,
    )


def _relation(r: _Reader, data: Any, loc: Loc) -> m.Relation | None:
    d = r.record(data, loc, "relation", ("from", "kind", "to"), ("label", "facts"))
    if d is None:
        return None
    return m.Relation(
        source=r.ref(d, "from", "service") or "",
        kind=r.enum(d, "kind", m.RELATION_KINDS),
        target=r.ref(d, "to", "service") or "",
        label=r.text(d, "label"),
        facts=r.refs_list(d, "facts", "fact"),
        loc=d.loc,
    )


def _question(r: _Reader, data: Any, loc: Loc) -> m.Question | None:
    d = r.record(
        data,
        loc,
        "question",
        ("id", "area", "text", "kind"),
        ("help", "unit", "min", "max", "step", "options", "when"),
    )
    if d is None:
        return None
    kind = r.enum(d, "kind", m.QUESTION_KINDS, "single")
    options: list[m.QuestionOption] = []
    for item, iloc in r.items(d.get("options"), d.loc_of("options"), "options"):
        o = r.record(item, iloc, "question option", ("id", "label"), ("help",))
        if o is not None:
            options.append(
                m.QuestionOption(r.ident(o, "id"), r.text(o, "label"), r.text(o, "help"))
            )
    qid = r.ident(d, "id")
    if kind in ("single", "multiple") and len(options) < 2:
        r.error(d.loc, f"question '{qid}' of kind {kind} needs at least two options")
    if kind not in ("single", "multiple") and options:
        r.error(d.loc_of("options"), f"question '{qid}' of kind {kind} takes no options")
    if kind != "number":
        for key in ("unit", "min", "max", "step"):
            if key in d:
                r.error(d.loc_of(key), f"'{key}' is only for number questions")
    seen: set[str] = set()
    for i, opt in enumerate(options):
        if opt.id in seen:
            r.error(
                _item_loc(d, "options", i), f"duplicate option id '{opt.id}' in question '{qid}'"
            )
        seen.add(opt.id)
    lo, hi = r.number(d, "min"), r.number(d, "max")
    if lo is not None and hi is not None and lo > hi:
        r.error(d.loc_of("min"), f"min {lo:g} is greater than max {hi:g}")
    area = r.ref(d, "area", "area") or ""
    return m.Question(
        id=qid,
        area=area,
        text=r.text(d, "text"),
        kind=kind,
        help=r.text(d, "help"),
        unit=r.text(d, "unit"),
        min=lo,
        max=hi,
        step=r.number(d, "step"),
        options=tuple(options),
        when=r.condition(d["when"], d.loc_of("when")) if "when" in d else None,
        loc=d.loc,
    )


def _rule(r: _Reader, data: Any, loc: Loc, what: str, scored: bool) -> m.Rule | None:
    d = r.record(data, loc, what, ("when", "because"), ("score",) if scored else ())
    if d is None:
        return None
    cond = r.condition(d.get("when"), d.loc_of("when"))
    if cond is None:
        return None
    return m.Rule(
        when=cond,
        because=r.templates(r.text(d, "because"), d.loc_of("because")),
        score=r.number(d, "score", 1.0 if scored else 0.0) or 0.0,
        loc=d.loc,
    )


def _fragment(r: _Reader, data: Any, loc: Loc) -> m.Fragment:
    d = r.record(data, loc, "diagram", (), ("nodes", "groups", "edges"))
    if d is None:
        return m.Fragment()
    nodes, groups, edges = [], [], []
    for item, iloc in r.items(d.get("nodes"), d.loc_of("nodes"), "nodes"):
        n = r.record(
            item, iloc, "diagram node", ("id",), ("label", "service", "icon", "group", "when")
        )
        if n is None:
            continue
        service = r.ref(n, "service", "service")
        if not service and not n.get("label"):
            r.error(n.loc, "a diagram node needs a label or a service")
        nodes.append(
            m.FragmentNode(
                id=r.ident(n, "id"),
                label=r.templates(r.text(n, "label"), n.loc_of("label")),
                service=service,
                icon=r.text(n, "icon"),
                group=r.text(n, "group") or None,
                when=r.condition(n["when"], n.loc_of("when")) if "when" in n else None,
            )
        )
    for item, iloc in r.items(d.get("groups"), d.loc_of("groups"), "groups"):
        g = r.record(item, iloc, "diagram group", ("id", "label"), ("parent", "style", "when"))
        if g is None:
            continue
        groups.append(
            m.FragmentGroup(
                id=r.ident(g, "id"),
                label=r.templates(r.text(g, "label"), g.loc_of("label")),
                parent=r.text(g, "parent") or None,
                style=r.text(g, "style", "default"),
                when=r.condition(g["when"], g.loc_of("when")) if "when" in g else None,
            )
        )
    for item, iloc in r.items(d.get("edges"), d.loc_of("edges"), "edges"):
        e = r.record(item, iloc, "diagram edge", ("from", "to"), ("label", "when"))
        if e is None:
            continue
        edges.append(
            m.FragmentEdge(
                source=r.text(e, "from"),
                target=r.text(e, "to"),
                label=r.templates(r.text(e, "label"), e.loc_of("label")),
                when=r.condition(e["when"], e.loc_of("when")) if "when" in e else None,
            )
        )
    return m.Fragment(tuple(nodes), tuple(groups), tuple(edges))


def _option(r: _Reader, data: Any, loc: Loc, area: str) -> m.Option | None:
    d = r.record(
        data,
        loc,
        "option",
        ("id", "title"),
        (
            "summary", "service", "score", "exclude", "prefer", "warn",
            "config", "diagram", "tradeoffs", "sources",
        ),
    )  # fmt: skip
    if d is None:
        return None
    exclude = [
        _rule(r, x, xl, "exclude rule", False)
        for x, xl in r.items(d.get("exclude"), d.loc_of("exclude"), "exclude")
    ]
    prefer = [
        _rule(r, x, xl, "prefer rule", True)
        for x, xl in r.items(d.get("prefer"), d.loc_of("prefer"), "prefer")
    ]
    warns: list[m.WarnRule] = []
    for x, xl in r.items(d.get("warn"), d.loc_of("warn"), "warn"):
        w = r.record(x, xl, "warning", ("text",), ("when", "facts"))
        if w is not None:
            warns.append(
                m.WarnRule(
                    text=r.templates(r.text(w, "text"), w.loc_of("text")),
                    when=r.condition(w["when"], w.loc_of("when")) if "when" in w else None,
                    facts=r.refs_list(w, "facts", "fact"),
                )
            )
    config: list[m.ConfigEntry] = []
    for x, xl in r.items(d.get("config"), d.loc_of("config"), "config"):
        c = r.record(
            x, xl, "config entry", ("key", "value"), ("api", "path", "unit", "note", "when")
        )
        if c is not None:
            config.append(
                m.ConfigEntry(
                    key=r.text(c, "key"),
                    value=r.value(c.get("value"), c.loc_of("value")),
                    api=r.text(c, "api"),
                    path=r.text(c, "path"),
                    unit=r.text(c, "unit"),
                    note=r.templates(r.text(c, "note"), c.loc_of("note")),
                    when=r.condition(c["when"], c.loc_of("when")) if "when" in c else None,
                )
            )
    sources = [
        r.source(x, xl) for x, xl in r.items(d.get("sources"), d.loc_of("sources"), "sources")
    ]
    return m.Option(
        id=r.ident(d, "id"),
        title=r.text(d, "title"),
        area=area,
        summary=r.text(d, "summary"),
        service=r.ref(d, "service", "service"),
        score=r.number(d, "score", 0.0) or 0.0,
        exclude=tuple(x for x in exclude if x),
        prefer=tuple(x for x in prefer if x),
        warn=tuple(warns),
        config=tuple(config),
        diagram=_fragment(r, d["diagram"], d.loc_of("diagram")) if "diagram" in d else m.Fragment(),
        tradeoffs=r.texts(d, "tradeoffs"),
        sources=tuple(s for s in sources if s),
        loc=d.loc,
    )


def _area(r: _Reader, data: Any, loc: Loc) -> m.Area | None:
    d = r.record(data, loc, "area", ("id", "title", "order", "options"), ("summary", "when"))
    if d is None:
        return None
    aid = r.ident(d, "id")
    options = [
        _option(r, x, xl, aid)
        for x, xl in r.items(d.get("options"), d.loc_of("options"), "options")
    ]
    if "options" in d and not options:
        r.error(d.loc_of("options"), f"area '{aid}' needs at least one option")
    return m.Area(
        id=aid,
        title=r.text(d, "title"),
        order=r.number(d, "order", 0.0) or 0.0,
        options=tuple(o for o in options if o),
        summary=r.text(d, "summary"),
        when=r.condition(d["when"], d.loc_of("when")) if "when" in d else None,
        loc=d.loc,
    )


def _quiz(r: _Reader, data: Any, loc: Loc) -> m.QuizItem | None:
    d = r.record(
        data,
        loc,
        "quiz item",
        ("id", "question", "choices", "answer", "explanation", "source", "topic", "domain"),
        ("facts", "exam_notes_answer"),
    )
    if d is None:
        return None
    choices = r.texts(d, "choices")
    if len(choices) < 2:
        r.error(d.loc_of("choices"), "a quiz item needs at least two choices")
    if len(set(choices)) != len(choices):
        r.error(d.loc_of("choices"), "quiz choices must be distinct")
    answer = r.number(d, "answer", 0.0)
    if answer is None or not answer.is_integer() or not 0 <= answer < len(choices):
        r.error(d.loc_of("answer"), f"'answer' must be an index from 0 to {len(choices) - 1}")
        answer = 0.0
    notes_answer = r.number(d, "exam_notes_answer")
    if notes_answer is not None and not (
        notes_answer.is_integer() and 0 <= notes_answer < len(choices)
    ):
        r.error(
            d.loc_of("exam_notes_answer"),
            f"'exam_notes_answer' must be an index from 0 to {len(choices) - 1}",
        )
        notes_answer = None
    return m.QuizItem(
        id=r.ident(d, "id"),
        question=r.text(d, "question"),
        choices=choices,
        answer=int(answer),
        explanation=r.text(d, "explanation"),
        source=r.source(d.get("source"), d.loc_of("source")) or m.Source("", ""),
        topic=r.enum(d, "topic", m.CATEGORIES),
        domain=r.enum(d, "domain", m.DOMAINS),
        facts=r.refs_list(d, "facts", "fact"),
        exam_notes_answer=int(notes_answer) if notes_answer is not None else None,
        loc=d.loc,
    )


_PARSERS: dict[str, Callable[[_Reader, Any, Loc], Any]] = {
    "services": _service,
    "facts": _fact,
    "relations": _relation,
    "questions": _question,
    "areas": _area,
    "quiz": _quiz,
}


def parse_condition(data: Any, loc: Loc) -> tuple[m.Condition | None, list[Problem]]:
    """Parse a condition on its own (for tests and tools); references are not checked."""
    r = _Reader()
    r._operands = []
    return r.condition(data, loc), r.problems


def _pack_files(root: Path) -> list[Path]:
    files = [
        p
        for p in sorted(root.rglob("*.yaml"))
        if p.name != "pack.yaml"
        and "examples" not in p.relative_to(root).parts[:-1]
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return files


def load_pack(path: Path | str) -> m.Pack:
    """Load and check the pack in folder ``path``.

    Raises:
        PackError: with every problem found, each with its ``path:line:col``.
    """
    root = Path(path)
    shown = display_path(root)
    r = _Reader()
    r._operands = []
    meta_path = root / "pack.yaml"
    if not root.is_dir():
        raise PackError(
            [Problem(Loc(shown), "not a folder (a knowledge pack is a folder with pack.yaml)")]
        )
    if not meta_path.is_file():
        raise PackError([Problem(Loc(shown), "no pack.yaml in this folder")])
    files = _pack_files(root)
    if len(files) > MAX_PACK_FILES:
        raise PackError(
            [Problem(Loc(shown), f"{len(files)} files; a pack holds at most {MAX_PACK_FILES}")]
        )

    def name(p: Path) -> str:
        return display_path(p)

    meta: YMap | None = None
    try:
        raw_meta = load_file(meta_path, name(meta_path))
        meta = r.record(
            raw_meta,
            Loc(name(meta_path), 1, 1),
            "pack.yaml",
            ("id", "title", "version", "as_of", "schema"),
            ("description", "existing_customer"),
        )
    except PackError as exc:
        r.problems.extend(exc.problems)

    records: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    for f in files:
        try:
            doc = load_file(f, name(f))
        except PackError as exc:
            r.problems.extend(exc.problems)
            continue
        if doc is None:
            continue
        if not isinstance(doc, YMap):
            r.error(
                Loc(name(f), 1, 1),
                f"a pack file must be a mapping of sections ({', '.join(SECTIONS)})",
            )
            continue
        for section, items in doc.items():
            if section not in SECTIONS:
                r.error(
                    doc.loc_of(section),
                    f"unknown section '{section}' (valid: {', '.join(SECTIONS)})",
                )
                continue
            for item, iloc in r.items(items, doc.loc_of(section), section):
                rec = _PARSERS[section](r, item, iloc)
                if rec is not None:
                    records[section].append(rec)

    tables: dict[str, dict[str, Any]] = {}
    for section in ("services", "facts", "questions", "areas", "quiz"):
        table: dict[str, Any] = {}
        for rec in records[section]:
            if rec.id in table:
                r.error(
                    rec.loc,
                    f"duplicate {section[:-1] if section != 'quiz' else 'quiz item'} id"
                    f" '{rec.id}' (first at {table[rec.id].loc})",
                )
            elif rec.id:
                table[rec.id] = rec
        tables[section] = table
    areas: dict[str, m.Area] = tables["areas"]
    option_ids: dict[str, m.Option] = {}
    for a in areas.values():
        for o in a.options:
            key = f"{a.id}.{o.id}"
            if key in option_ids:
                r.error(o.loc, f"duplicate option id '{o.id}' in area '{a.id}'")
            option_ids[key] = o

    pack_meta: dict[str, Any] = {}
    if meta is not None:
        pack_meta["id"] = r.ident(meta, "id")
        pack_meta["title"] = r.text(meta, "title")
        pack_meta["version"] = r.text(meta, "version")
        pack_meta["as_of"] = r.date(meta, "as_of") or dt.date.min
        pack_meta["description"] = r.text(meta, "description")
        schema = r.number(meta, "schema", 0.0)
        if schema != SCHEMA_VERSION:
            r.error(
                meta.loc_of("schema"),
                f"schema {schema:g} is not supported by this version of archassist"
                f" (it reads schema {SCHEMA_VERSION})"
                if schema is not None
                else "missing schema",
            )
        if "existing_customer" in meta:
            pack_meta["existing_customer"] = r.condition(
                meta["existing_customer"], meta.loc_of("existing_customer")
            )

    _check_refs(r, tables, option_ids)
    _check_groups(r, list(areas.values()))
    _check_operands(r, tables["questions"], tables["facts"])
    _check_order(r, list(areas.values()))
    if r.problems:
        raise PackError(r.problems)
    return m.Pack(
        path=str(root),
        schema=SCHEMA_VERSION,
        services=tables["services"],
        facts=tables["facts"],
        relations=tuple(records["relations"]),
        questions=tables["questions"],
        areas=tuple(sorted(areas.values(), key=lambda a: a.order)),
        quiz=tuple(tables["quiz"].values()),
        **pack_meta,
    )


def _check_refs(
    r: _Reader, tables: dict[str, dict[str, Any]], options: dict[str, m.Option]
) -> None:
    known = {
        "service": tables["services"],
        "fact": tables["facts"],
        "question": tables["questions"],
        "area": tables["areas"],
        "option": options,
    }
    for kind, ref, loc in r.refs:
        if kind == "answer-operand" or not ref:
            continue
        if ref not in known[kind]:
            if kind == "option":
                area, _, opt = ref.partition(".")
                valid = ", ".join(o.split(".", 1)[1] for o in options if o.startswith(area + "."))
                r.error(loc, f"unknown option '{opt}' in area '{area}' (valid: {valid})")
            else:
                r.error(loc, f"unknown {kind} '{ref}'{_near(ref, known[kind])}")


def _check_groups(r: _Reader, areas: list[m.Area]) -> None:
    """Diagram nodes and groups may only name groups that some option defines."""
    defined = {g.id for a in areas for o in a.options for g in o.diagram.groups}
    known = dict.fromkeys(defined)
    for a in areas:
        for o in a.options:
            for g in o.diagram.groups:
                if g.parent and g.parent not in defined:
                    r.error(
                        o.loc,
                        f"diagram group '{g.id}' of option '{a.id}.{o.id}' has an"
                        f" unknown parent group '{g.parent}'{_near(g.parent, known)}",
                    )
            for n in o.diagram.nodes:
                if n.group and n.group not in defined:
                    r.error(
                        o.loc,
                        f"diagram node '{n.id}' of option '{a.id}.{o.id}' is in an"
                        f" unknown group '{n.group}'{_near(n.group, known)}",
                    )


def _near(ref: str, table: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(table), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _check_operands(r: _Reader, questions: dict[str, m.Question], facts: dict[str, m.Fact]) -> None:
    """Check that each answer condition compares against something the question can answer."""
    for cmp in r._operands:
        q = questions.get(cmp.question)
        if q is None:
            continue
        values = cmp.operand if isinstance(cmp.operand, tuple) else (cmp.operand,)
        if cmp.op == "answered":
            if not isinstance(cmp.operand, bool):
                r.error(cmp.loc, "'answered' takes yes/no (true or false)")
            continue
        if cmp.op in ("gt", "ge", "lt", "le") and q.kind != "number":
            r.error(cmp.loc, f"'{cmp.op}' compares numbers but question '{q.id}' is {q.kind}")
        if cmp.op in ("has", "has_any") and q.kind != "multiple":
            r.error(cmp.loc, f"'{cmp.op}' is for multiple-choice questions; '{q.id}' is {q.kind}")
        for v in values:
            if isinstance(v, m.FactRef):
                fact = facts.get(v.fact)
                if (
                    fact is not None
                    and q.kind == "number"
                    and not isinstance(fact.value, int | float)
                ):
                    r.error(cmp.loc, f"fact '{fact.id}' has no numeric value to compare with")
                continue
            if q.kind in ("single", "multiple"):
                if not isinstance(v, str) or q.option(v) is None:
                    valid = ", ".join(o.id for o in q.options)
                    r.error(
                        cmp.loc, f"'{v}' is not an option of question '{q.id}' (valid: {valid})"
                    )
            elif q.kind == "number" and (isinstance(v, bool) or not isinstance(v, int | float)):
                r.error(cmp.loc, f"question '{q.id}' is a number; '{v}' is not")
            elif q.kind == "boolean" and not isinstance(v, bool):
                r.error(cmp.loc, f"question '{q.id}' is yes/no; use true or false, not '{v}'")


def _check_order(r: _Reader, areas: list[m.Area]) -> None:
    """A ``chosen`` condition may only look at areas decided earlier."""
    order = {a.id: a.order for a in areas}

    def walk(c: m.Condition | None, here: m.Area, loc: Loc) -> None:
        if c is None:
            return
        if isinstance(c, m.Chosen):
            if c.area in order and order[c.area] >= here.order:
                r.error(
                    c.loc,
                    f"area '{here.id}' looks at the choice of '{c.area}', which is decided"
                    f" later (order {order[c.area]:g} >= {here.order:g})",
                )
        elif isinstance(c, m.All | m.Any_):
            for i in c.items:
                walk(i, here, loc)
        elif isinstance(c, m.Not):
            walk(c.item, here, loc)

    for a in areas:
        walk(a.when, a, a.loc)
        for o in a.options:
            for rule in (*o.exclude, *o.prefer):
                walk(rule.when, a, rule.loc)
