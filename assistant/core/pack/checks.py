"""Cross-record checks of a loaded pack: references, diagram groups, operands, decision order."""

from __future__ import annotations

from typing import Any

from ..errors import Loc
from . import model as m
from .reader import Reader

__all__ = ["check_groups", "check_operands", "check_order", "check_refs", "near"]


def check_refs(r: Reader, tables: dict[str, dict[str, Any]], options: dict[str, m.Option]) -> None:
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


def check_order(r: Reader, areas: list[m.Area]) -> None:
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
