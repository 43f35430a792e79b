"""The ``exams`` section of a pack: exam blueprints (domains, weights, task statements).

An exam maps each task statement (``mla-1.1``) to the pack's services and facts that cover
it, so study content can be tagged by task and a coverage report can find the gaps. The
service and fact references are checked with every other reference of the pack.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import Loc
from ..io.yamlio import YMap
from . import model as m
from .reader import Reader

__all__ = ["check_exams", "parse_exam"]

# Weights are whole or decimal percentages; allow for rounding in a published table.
WEIGHT_TOLERANCE = 0.01


def _task(r: Reader, data: Any, loc: Loc) -> m.ExamTask | None:
    d = r.record(data, loc, "exam task", ("id", "name"), ("services", "facts"))
    if d is None:
        return None
    return m.ExamTask(
        id=r.ident(d, "id"),
        name=r.text(d, "name"),
        services=r.refs_list(d, "services", "service"),
        facts=r.refs_list(d, "facts", "fact"),
        loc=d.loc,
    )


def _domain(r: Reader, data: Any, loc: Loc) -> m.ExamDomain | None:
    d = r.record(data, loc, "exam domain", ("id", "name", "weight", "tasks"), ())
    if d is None:
        return None
    weight = r.number(d, "weight", 0.0) or 0.0
    if not 0 < weight <= 100:
        r.error(d.loc_of("weight"), f"a domain weight is a percentage above 0, not {weight:g}")
    tasks = [_task(r, x, xl) for x, xl in r.items(d.get("tasks"), d.loc_of("tasks"), "tasks")]
    if "tasks" in d and not tasks:
        r.error(d.loc_of("tasks"), "an exam domain needs at least one task statement")
    return m.ExamDomain(
        id=r.ident(d, "id"),
        name=r.text(d, "name"),
        weight=weight,
        tasks=tuple(t for t in tasks if t),
        loc=d.loc,
    )


def _count(r: Reader, d: YMap, key: str) -> int:
    v = r.number(d, key, 0.0) or 0.0
    if key in d and (not v.is_integer() or v <= 0):
        r.error(d.loc_of(key), f"'{key}' must be a whole number above 0, not {v:g}")
    return int(v)


def parse_exam(r: Reader, data: Any, loc: Loc) -> m.Exam | None:
    """Read one record of the ``exams`` section; problems go to ``r``."""
    d = r.record(
        data,
        loc,
        "exam",
        (
            "id", "code", "name", "status", "questions", "passing_score",
            "domains", "source", "checked",
        ),
        ("retired", "default", "duration_fact", "note"),
    )  # fmt: skip
    if d is None:
        return None
    eid = r.ident(d, "id")
    status = r.enum(d, "status", m.EXAM_STATES, "current")
    retired = r.date(d, "retired")
    if retired is not None and status != "retired":
        r.error(d.loc_of("retired"), f"exam '{eid}' has a retirement date but status {status}")
    if status == "retired" and retired is None and "no date" not in r.text(d, "note").lower():
        # Never guess a date: where none is known, the note must say so.
        r.error(d.loc, f"retired exam '{eid}' needs 'retired' (a date) or a note saying no date")
    default = d.get("default", False)
    if not isinstance(default, bool):
        r.error(d.loc_of("default"), "'default' must be yes/no (true or false)")
        default = False
    domains = [
        _domain(r, x, xl) for x, xl in r.items(d.get("domains"), d.loc_of("domains"), "domains")
    ]
    clean = tuple(x for x in domains if x)
    _check_blueprint(r, d, eid, clean)
    return m.Exam(
        id=eid,
        code=r.text(d, "code"),
        name=r.text(d, "name"),
        status=status,  # type: ignore[arg-type]
        retired=retired,
        default=default,
        questions=_count(r, d, "questions"),
        duration_fact=r.ref(d, "duration_fact", "fact") or "",
        passing_score=_count(r, d, "passing_score"),
        domains=clean,
        source=r.source(d.get("source"), d.loc_of("source")) or m.Source("", ""),
        checked=r.date(d, "checked") or dt.date.min,
        note=r.text(d, "note"),
        loc=d.loc,
    )


def _check_blueprint(r: Reader, d: YMap, eid: str, domains: tuple[m.ExamDomain, ...]) -> None:
    """Weights add up to 100; domain and task ids are unique within the exam."""
    if not domains:
        if "domains" in d:
            r.error(d.loc_of("domains"), f"exam '{eid}' needs at least one domain")
        return
    total = sum(x.weight for x in domains)
    if abs(total - 100) > WEIGHT_TOLERANCE:
        r.error(
            d.loc_of("domains"), f"the domain weights of exam '{eid}' add up to {total:g}, not 100"
        )
    seen: dict[str, Loc] = {}
    for dom in domains:
        items: list[m.ExamDomain | m.ExamTask] = [dom, *dom.tasks]
        for item in items:
            if item.id in seen:
                r.error(
                    item.loc, f"duplicate id '{item.id}' in exam '{eid}' (first at {seen[item.id]})"
                )
            else:
                seen[item.id] = item.loc


def check_exams(r: Reader, exams: dict[str, m.Exam]) -> None:
    """At most one exam is the default, and it is a current one."""
    defaults = [e for e in exams.values() if e.default]
    for extra in defaults[1:]:
        r.error(extra.loc, f"exam '{extra.id}' is a second default (first: '{defaults[0].id}')")
    for e in defaults:
        if e.status != "current":
            r.error(e.loc, f"the default exam '{e.id}' must be current, not {e.status}")
    codes: dict[str, m.Exam] = {}
    for e in exams.values():
        key = e.code.lower()
        if key in codes:
            r.error(e.loc, f"exam code '{e.code}' is also the code of '{codes[key].id}'")
        codes[key] = e
