"""Cross-record checks of a loaded pack: references, diagram groups, operands, decision order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..io.yamlio import YMap
from ..vocab import CHOICE_KINDS
from . import model as m
from .conditions import walk
from .reader import Reader, kind_of, place_loc

__all__ = [
    "check_groups",
    "check_operands",
    "check_order",
    "check_refs",
    "check_renamed",
    "near",
]


def check_refs(r: Reader, tables: dict[str, dict[str, Any]], options: dict[str, m.Option]) -> None:
    known = {
        "service": tables["services"],
        "fact": tables["facts"],
        "question": tables["questions"],
        "area": tables["areas"],
        "option": options,
    }
    for kind, ref, place in r.refs:
        if kind == "answer-operand" or not ref:
            continue
        if ref not in known[kind]:
            loc = place_loc(place)
            if kind == "option":
                area, _, opt = ref.partition(".")
                valid = ", ".join(o.split(".", 1)[1] for o in options if o.startswith(area + "."))
                r.error(loc, f"unknown option '{opt}' in area '{area}' (valid: {valid})")
            else:
                r.error(loc, f"unknown {kind} '{ref}'{near(ref, known[kind])}")


def check_groups(r: Reader, areas: list[m.Area]) -> None:
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
                        f" unknown parent group '{g.parent}'{near(g.parent, known)}",
                    )
            for n in o.diagram.nodes:
                if n.group and n.group not in defined:
                    r.error(
                        o.loc,
                        f"diagram node '{n.id}' of option '{a.id}.{o.id}' is in an"
                        f" unknown group '{n.group}'{near(n.group, known)}",
                    )


def near(ref: str, table: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(table), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def check_operands(r: Reader, questions: dict[str, m.Question], facts: dict[str, m.Fact]) -> None:
    """Check that each answer condition compares against something the question can answer."""
    for cmp in r.operands:
        q = questions.get(cmp.question)
        if q is None:
            continue
        if cmp.op == "answered":
            if not isinstance(cmp.operand, bool):
                r.error(cmp.loc, "'answered' takes yes/no (true or false)")
            continue
        if cmp.op in ("gt", "ge", "lt", "le") and q.kind != "number":
            r.error(cmp.loc, f"'{cmp.op}' compares numbers but question '{q.id}' is {q.kind}")
        if cmp.op in ("has", "has_any") and q.kind != "multiple":
            r.error(cmp.loc, f"'{cmp.op}' is for multiple-choice questions; '{q.id}' is {q.kind}")
        values = cmp.operand if isinstance(cmp.operand, tuple) else (cmp.operand,)
        for v in values:
            problem = _operand_problem(q, v, facts)
            if problem:
                r.error(cmp.loc, problem)


def _operand_problem(q: m.Question, v: m.Scalar | m.FactRef, facts: dict[str, m.Fact]) -> str:
    """Why question ``q`` can never be compared with ``v`` ("" when it can)."""
    if isinstance(v, m.FactRef):
        fact = facts.get(v.fact)
        if fact is not None and q.kind == "number" and not isinstance(fact.value, int | float):
            return f"fact '{fact.id}' has no numeric value to compare with"
        return ""
    if q.kind in CHOICE_KINDS:
        if not isinstance(v, str) or q.option(v) is None:
            valid = ", ".join(o.id for o in q.options)
            return f"'{v}' is not an option of question '{q.id}' (valid: {valid})"
    elif q.kind == "number" and (isinstance(v, bool) or not isinstance(v, int | float)):
        return f"question '{q.id}' is a number; '{v}' is not"
    elif q.kind == "boolean" and not isinstance(v, bool):
        return f"question '{q.id}' is yes/no; use true or false, not '{v}'"
    return ""


def check_order(
    r: Reader, areas: list[m.Area], questions: Mapping[str, m.Question] | None = None
) -> None:
    """Conditions may only look at what is known when the engine evaluates them.

    The engine decides the areas by ``order``; just before deciding an area it asks the
    area's questions in the order of the pack. So a question's ``when`` may look at the
    answers of questions asked before it; an area's ``when`` at questions of earlier
    areas; an option's rules at questions of its own or earlier areas; and all of them
    at the choices of earlier areas only. Anything later is never known there: the
    question would stay hidden or the rule would never hold.
    """
    ordered = sorted(areas, key=lambda a: a.order)
    rank = {a.id: i for i, a in enumerate(ordered)}
    order = {a.id: a.order for a in areas}
    asked = [q for a in ordered for q in (questions or {}).values() if q.area == a.id]
    position = {q.id: i for i, q in enumerate(asked)}

    def chosen_later(c: m.Chosen, here: m.Area, who: str) -> None:
        if c.area in order and order[c.area] >= here.order:
            r.error(
                c.loc,
                f"{who} looks at the choice of '{c.area}', which is decided"
                f" later (order {order[c.area]:g} >= {here.order:g})",
            )

    def answer_later(c: m.AnswerCmp, who: str, limit: int, same_area_ok: bool) -> None:
        q = (questions or {}).get(c.question)
        if q is None or q.area not in rank:
            return
        if rank[q.area] > limit or (rank[q.area] == limit and not same_area_ok):
            r.error(
                c.loc,
                f"{who} looks at question '{q.id}', which is asked later"
                f" (in area '{q.area}', order {order[q.area]:g})",
            )

    for q in asked:
        here = ordered[rank[q.area]]
        for c in walk(q.when):
            if isinstance(c, m.Chosen):
                chosen_later(c, here, f"question '{q.id}'")
            elif isinstance(c, m.AnswerCmp):
                _asked_before(r, q, c, position)
    for a in ordered:
        for cond, who, same_area_ok in (
            (a.when, f"area '{a.id}'", False),
            *(
                (rule.when, f"a rule of option '{a.id}.{o.id}'", True)
                for o in a.options
                for rule in (*o.exclude, *o.prefer)
            ),
        ):
            for c in walk(cond):
                if isinstance(c, m.Chosen):
                    chosen_later(c, a, who)
                elif isinstance(c, m.AnswerCmp):
                    answer_later(c, who, rank[a.id], same_area_ok)


def _asked_before(r: Reader, q: m.Question, c: m.AnswerCmp, position: dict[str, int]) -> None:
    """An error when question ``q``'s condition ``c`` looks at a question not asked before."""
    if position.get(c.question, -1) < position[q.id]:
        return
    where = "is the question itself" if c.question == q.id else "is asked after it"
    r.error(c.loc, f"question '{q.id}' looks at question '{c.question}', which {where}")


def check_renamed(
    r: Reader, meta: YMap | None, questions: Mapping[str, m.Question]
) -> dict[str, str]:
    """Read ``renamed:`` of pack.yaml (old question id -> new id) for migrating projects.

    An old id must no longer be a question (else the rename would hide its answers) and
    the new id must be one.
    """
    raw = meta.get("renamed") if meta is not None else None
    if raw is None or meta is None:
        return {}
    if not isinstance(raw, YMap):
        r.error(
            meta.loc_of("renamed"),
            f"'renamed' maps old question ids to new ones, not {kind_of(raw)}",
        )
        return {}
    table: dict[str, str] = {}
    for old, new in raw.items():
        loc = raw.loc_of(old)
        if old in questions:
            r.error(loc, f"renamed question '{old}' is still a question of this pack")
        elif not isinstance(new, str) or new not in questions:
            r.error(
                loc,
                f"'{old}' is renamed to unknown question '{new}'{near(str(new), dict(questions))}",
            )
        else:
            table[str(old)] = new
    return table
