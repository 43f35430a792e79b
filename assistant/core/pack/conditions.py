"""Evaluating conditions, value expressions and text templates over answers and facts.

Conditions are three-valued: ``True``, ``False`` or ``None`` (unknown, because a
question they look at is unanswered). Nothing here ever evaluates code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..vocab import CHOICE_KINDS
from . import model as m

__all__ = [
    "Context",
    "evaluate",
    "facts_in",
    "pack_conditions",
    "questions_in",
    "render",
    "thresholds",
    "value_of",
    "walk",
]

Tri = bool | None


@dataclass(frozen=True, slots=True)
class Context:
    """What a condition can look at."""

    pack: m.Pack
    answers: Mapping[str, m.AnswerValue]
    chosen: Mapping[str, str | None]
    config: Mapping[str, object] | None = None


def _operand(ctx: Context, operand: m.Operand) -> tuple[m.Scalar, ...]:
    items = operand if isinstance(operand, tuple) else (operand,)
    out: list[m.Scalar] = []
    for item in items:
        if isinstance(item, m.FactRef):
            value = ctx.pack.facts[item.fact].value
            if isinstance(value, tuple):
                out.extend(value)
            elif value is not None:
                out.append(value)
        else:
            out.append(item)
    return tuple(out)


def _compare(op: str, answer: m.AnswerValue, values: tuple[m.Scalar, ...]) -> bool:
    if op in ("has", "has_any"):
        members = answer if isinstance(answer, tuple) else (answer,)
        if op == "has":
            return all(v in members for v in values)
        return any(v in members for v in values)
    if op == "eq":
        return answer in values if len(values) == 1 else answer == values
    if op == "ne":
        return answer not in values if len(values) == 1 else answer != values
    if op == "in":
        return answer in values
    if op == "not_in":
        return answer not in values
    if isinstance(answer, bool) or not isinstance(answer, int | float) or not values:
        return False
    limit = values[0]
    if isinstance(limit, bool) or not isinstance(limit, int | float):
        return False
    if op == "gt":
        return answer > limit
    if op == "ge":
        return answer >= limit
    if op == "lt":
        return answer < limit
    return answer <= limit  # le


def evaluate(cond: m.Condition | None, ctx: Context) -> Tri:
    """Evaluate ``cond``; ``None`` means unknown. A missing condition holds.

    >>> import datetime as dt
    >>> pack = m.Pack("p", "P", "1", dt.date(2026, 1, 1), 1, ".")
    >>> c = m.All((m.AnswerCmp("size", "gt", 4), m.AnswerCmp("gpu", "eq", True)))
    >>> evaluate(c, Context(pack, {"size": 5}, {})) is None
    True
    >>> evaluate(c, Context(pack, {"size": 3}, {}))
    False
    """
    if cond is None:
        return True
    if isinstance(cond, m.AnswerCmp):
        answered = cond.question in ctx.answers
        if cond.op == "answered":
            return answered == bool(cond.operand)
        if not answered:
            return None
        return _compare(cond.op, ctx.answers[cond.question], _operand(ctx, cond.operand))
    if isinstance(cond, m.Chosen):
        chosen = ctx.chosen.get(cond.area)
        hit = chosen in cond.options
        return not hit if cond.negate else hit
    if isinstance(cond, m.Not):
        inner = evaluate(cond.item, ctx)
        return None if inner is None else not inner
    results = [evaluate(c, ctx) for c in cond.items]
    if isinstance(cond, m.All):
        if False in results:
            return False
        return None if None in results else True
    if True in results:
        return True
    return None if None in results else False


def walk(cond: m.Condition | None) -> Iterator[m.Condition]:
    """``cond`` and every condition nested in it, depth first."""
    if cond is None:
        return
    yield cond
    if isinstance(cond, m.All | m.Any_):
        for c in cond.items:
            yield from walk(c)
    elif isinstance(cond, m.Not):
        yield from walk(cond.item)


def facts_in(cond: m.Condition | None) -> tuple[str, ...]:
    """The fact ids a condition compares against, in order, without repeats."""
    out: dict[str, None] = {}
    for c in walk(cond):
        if isinstance(c, m.AnswerCmp):
            items = c.operand if isinstance(c.operand, tuple) else (c.operand,)
            for item in items:
                if isinstance(item, m.FactRef):
                    out[item.fact] = None
    return tuple(out)


def questions_in(cond: m.Condition | None) -> tuple[str, ...]:
    """The question ids a condition looks at, in order, without repeats."""
    out: dict[str, None] = {}
    for c in walk(cond):
        if isinstance(c, m.AnswerCmp):
            out[c.question] = None
    return tuple(out)


def areas_in(cond: m.Condition | None) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for c in walk(cond):
        if isinstance(c, m.Chosen):
            out[c.area] = None
    return tuple(out)


def pack_conditions(pack: m.Pack) -> Iterator[m.Condition | None]:
    """Every condition that decides something: relevance of questions and areas, and rules."""
    for q in pack.questions.values():
        yield q.when
    for area in pack.areas:
        yield area.when
        for o in area.options:
            for r in (*o.exclude, *o.prefer):
                yield r.when


@lru_cache(maxsize=8)
def thresholds(pack: m.Pack) -> dict[str, tuple[float, ...]]:
    """Per number question, the values its conditions compare against (facts resolved).

    The answers just below, at and just above them are the ones that can change a decision.
    """
    found: dict[str, list[float]] = {}
    for cond in pack_conditions(pack):
        for c in walk(cond):
            if not isinstance(c, m.AnswerCmp):
                continue
            items = c.operand if isinstance(c.operand, tuple) else (c.operand,)
            for item in items:
                v = pack.facts[item.fact].value if isinstance(item, m.FactRef) else item
                if isinstance(v, int | float) and not isinstance(v, bool):
                    found.setdefault(c.question, []).append(float(v))
    return {q: tuple(vs) for q, vs in found.items()}


class ValueUnknown(Exception):
    """A value expression needs an answer that has not been given."""


def value_of(value: m.Value, ctx: Context) -> m.Scalar | tuple[m.Scalar, ...]:
    """Compute a config value.

    Raises:
        ValueUnknown: when it depends on an unanswered question.
    """
    if isinstance(value, m.ValueAnswer):
        if value.question not in ctx.answers:
            raise ValueUnknown(value.question)
        return ctx.answers[value.question]
    if isinstance(value, m.ValueFact):
        fact_value = ctx.pack.facts[value.fact].value
        if fact_value is None:
            raise ValueUnknown(value.fact)
        return fact_value
    if isinstance(value, m.ValueOp):
        args = [value_of(a, ctx) for a in value.args]
        nums = [float(a) for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
        if len(nums) != len(args):
            raise ValueUnknown(f"{value.op} of non-numbers")
        result = _arith(value.op, nums)
        return int(result) if result.is_integer() else round(result, 6)
    return value


def _arith(op: str, nums: list[float]) -> float:
    if op == "add":
        return sum(nums)
    if op == "sub":
        return nums[0] - sum(nums[1:])
    if op == "mul":
        return math.prod(nums)
    if op == "div":
        out = nums[0]
        for n in nums[1:]:
            if n == 0:
                raise ValueUnknown("division by zero")
            out /= n
        return out
    if op == "min":
        return min(nums)
    if op == "max":
        return max(nums)
    if op == "round":
        return float(round(nums[0]))
    return float(math.ceil(nums[0]))  # ceil


_PLACEHOLDER = re.compile(r"\{(answer|fact|config):([^{}]+)\}")


def render(template: str, ctx: Context) -> str:
    """Fill ``{answer:ID}``, ``{fact:ID}`` and ``{config:KEY}`` placeholders.

    Unknown values render as "?" so a partial answer set still reads.
    """

    def fill(match: re.Match[str]) -> str:
        kind, ref = match.group(1), match.group(2)
        if kind == "fact":
            fact = ctx.pack.facts.get(ref)
            return fact.value_text() if fact and fact.value is not None else "?"
        if kind == "answer":
            if ref not in ctx.answers:
                return "?"
            answer = ctx.answers[ref]
            q = ctx.pack.questions.get(ref)
            if q is not None and q.kind in CHOICE_KINDS:
                ids = answer if isinstance(answer, tuple) else (answer,)
                labels = [(q.option(str(i)) or m.QuestionOption(str(i), str(i))).label for i in ids]
                return ", ".join(labels)
            return m.format_value(answer, q.unit if q is not None else "")
        config = ctx.config or {}
        return m.format_value(config[ref]) if ref in config else "?"

    return _PLACEHOLDER.sub(fill, template)
