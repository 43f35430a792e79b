"""Parsers for each record kind of a pack file: services, facts, relations, questions, areas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from ..errors import Loc, Problem
from ..io.yamlio import YList, YMap
from ..vocab import CHOICE_KINDS, Category, QuestionKind, RelationKind
from . import model as m
from .exams import parse_exam
from .reader import Reader

__all__ = ["PARSERS", "SECTIONS", "parse_condition"]

SECTIONS = ("services", "facts", "relations", "questions", "areas", "quiz", "exams")


def _status(r: Reader, d: YMap) -> m.Status:
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


def _service(r: Reader, data: Any, loc: Loc) -> m.Service | None:
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
        # a member, or "" with an error: a pack with errors is never returned
        category=cast(Category, r.enum(d, "category", m.CATEGORIES)),
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


def _fact_value(r: Reader, d: YMap, key: str) -> m.Scalar | tuple[m.Scalar, ...] | None:
    if key not in d or d[key] is None:
        return None
    v = d[key]
    if isinstance(v, YList):
        return tuple(r.scalar(x, v.loc_of(i)) for i, x in enumerate(v))
    if isinstance(v, YMap):
        r.error(d.loc_of(key), f"'{key}' must be a number, text, yes/no or a list of them")
        return None
    return r.scalar(v, d.loc_of(key))


def _fact(r: Reader, data: Any, loc: Loc) -> m.Fact | None:
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


def _relation(r: Reader, data: Any, loc: Loc) -> m.Relation | None:
    d = r.record(data, loc, "relation", ("from", "kind", "to"), ("label", "facts"))
    if d is None:
        return None
    return m.Relation(
        source=r.ref(d, "from", "service") or "",
        kind=cast(RelationKind, r.enum(d, "kind", m.RELATION_KINDS)),
        target=r.ref(d, "to", "service") or "",
        label=r.text(d, "label"),
        facts=r.refs_list(d, "facts", "fact"),
        loc=d.loc,
    )


def _question(r: Reader, data: Any, loc: Loc) -> m.Question | None:
    d = r.record(
        data,
        loc,
        "question",
        ("id", "area", "text", "kind"),
        ("help", "unit", "min", "max", "step", "options", "when"),
    )
    if d is None:
        return None
    # enum() returns a member or the default, so the cast is true
    kind = cast(QuestionKind, r.enum(d, "kind", m.QUESTION_KINDS, "single"))
    options: list[m.QuestionOption] = []
    for item, iloc in r.items(d.get("options"), d.loc_of("options"), "options"):
        o = r.record(item, iloc, "question option", ("id", "label"), ("help",))
        if o is not None:
            options.append(
                m.QuestionOption(r.ident(o, "id"), r.text(o, "label"), r.text(o, "help"))
            )
    qid = r.ident(d, "id")
    if kind in CHOICE_KINDS and len(options) < 2:
        r.error(d.loc, f"question '{qid}' of kind {kind} needs at least two options")
    if kind not in CHOICE_KINDS and options:
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


def _rule(r: Reader, data: Any, loc: Loc, what: str, scored: bool) -> m.Rule | None:
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


def _fragment(r: Reader, data: Any, loc: Loc) -> m.Fragment:
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


def _option(r: Reader, data: Any, loc: Loc, area: str) -> m.Option | None:
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


def _area(r: Reader, data: Any, loc: Loc) -> m.Area | None:
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


def _quiz(r: Reader, data: Any, loc: Loc) -> m.QuizItem | None:
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


PARSERS: dict[str, Callable[[Reader, Any, Loc], Any]] = {
    "services": _service,
    "facts": _fact,
    "relations": _relation,
    "questions": _question,
    "areas": _area,
    "quiz": _quiz,
    "exams": parse_exam,
}


def parse_condition(data: Any, loc: Loc) -> tuple[m.Condition | None, list[Problem]]:
    """Parse a condition on its own (for tests and tools); references are not checked."""
    r = Reader()
    return r.condition(data, loc), r.problems
