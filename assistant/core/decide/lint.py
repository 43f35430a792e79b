"""Checks that go beyond validity: options no answers reach, questions that change nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..pack import model as m
from ..pack.conditions import questions_in, walk
from .engine import decide_areas, probe_values

__all__ = ["LintFinding", "lint_pack"]


@dataclass(frozen=True, slots=True, order=True)
class LintFinding:
    loc: str
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"


def _referenced_questions(pack: m.Pack) -> set[str]:
    used: set[str] = set()

    def value_refs(v: m.Value) -> None:
        if isinstance(v, m.ValueAnswer):
            used.add(v.question)
        elif isinstance(v, m.ValueOp):
            for a in v.args:
                value_refs(a)

    for q in pack.questions.values():
        used.update(questions_in(q.when))
    for area in pack.areas:
        used.update(questions_in(area.when))
        for o in area.options:
            for r in (*o.exclude, *o.prefer):
                used.update(questions_in(r.when))
            for c in o.config:
                used.update(questions_in(c.when))
                value_refs(c.value)
    if pack.existing_customer is not None:
        used.update(questions_in(pack.existing_customer))
    return used


def sample_answers(pack: m.Pack, rng: random.Random) -> dict[str, m.AnswerValue]:
    """A random answer set drawn from each question's interesting values."""
    answers: dict[str, m.AnswerValue] = {}
    for q in pack.questions.values():
        if rng.random() < 0.15:
            continue
        if q.kind == "multiple":
            k = rng.randint(1, len(q.options))
            answers[q.id] = tuple(o.id for o in rng.sample(list(q.options), k))
            continue
        values = probe_values(pack, q)
        if values:
            answers[q.id] = rng.choice(values)
    return answers


def lint_pack(pack: m.Pack, samples: int = 3000, seed: int = 7) -> list[LintFinding]:
    """Findings about options never chosen and questions that never matter.

    Reachability is searched by sampling ``samples`` answer sets (deterministic
    for a given seed) built from each question's options and the thresholds the
    rules compare against.
    """
    findings: list[LintFinding] = []
    used = _referenced_questions(pack)
    for q in pack.questions.values():
        if q.id not in used:
            findings.append(
                LintFinding(
                    str(q.loc), f"question '{q.id}' is used by no rule, so it changes no outcome"
                )
            )
    rng = random.Random(seed)
    reached: set[tuple[str, str]] = set()
    asked: set[str] = set()
    for _ in range(samples):
        result = decide_areas(pack, sample_answers(pack, rng))
        asked.update(result.relevant)
        for area_id, option_id in result.chosen.items():
            if option_id is not None:
                reached.add((area_id, option_id))
    for area in pack.areas:
        for o in area.options:
            if (area.id, o.id) not in reached and _reached_when_favoured(pack, area, o, rng):
                reached.add((area.id, o.id))
            service = pack.services.get(o.service) if o.service else None
            if service is not None and service.status.state == "discontinued":
                continue  # kept as the exam's answer, always ruled out with its status
            if (area.id, o.id) not in reached:
                findings.append(
                    LintFinding(
                        str(o.loc),
                        f"option '{area.id}.{o.id}' was chosen by none of {samples}"
                        " sampled answer sets",
                    )
                )
    for q in pack.questions.values():
        if q.id not in asked:
            findings.append(
                LintFinding(
                    str(q.loc),
                    f"question '{q.id}' was relevant in none of {samples} sampled answer sets",
                )
            )
    return sorted(findings)


def _reached_when_favoured(
    pack: m.Pack, area: m.Area, option: m.Option, rng: random.Random, tries: int = 300
) -> bool:
    """A second, directed search for an option random sampling missed: samples with the
    answers its own rules favour (and, for a closed service, an account that may use it)."""
    forced: dict[str, m.AnswerValue] = {}
    conditions: list[m.Condition | None] = [r.when for r in option.prefer]
    service = pack.services.get(option.service) if option.service else None
    if service is not None and service.status.state == "closed":
        conditions.append(pack.existing_customer)
    for cond in conditions:
        for c in walk(cond):
            if (
                isinstance(c, m.AnswerCmp)
                and c.op == "eq"
                and not isinstance(c.operand, tuple | m.FactRef)
            ):
                forced.setdefault(c.question, c.operand)
    for rule in option.exclude:  # and the answers that keep its exclusions from firing
        if isinstance(rule.when, m.AnswerCmp):
            escape = _escape(pack, rule.when)
            if escape is not None:
                forced.setdefault(rule.when.question, escape)
    if not forced:
        return False
    for _ in range(tries):
        answers = {**sample_answers(pack, rng), **forced}
        if decide_areas(pack, answers).chosen.get(area.id) == option.id:
            return True
    return False


def _escape(pack: m.Pack, c: m.AnswerCmp) -> m.AnswerValue | None:
    """An answer that makes the comparison ``c`` false, where one is easy to name."""
    operand = c.operand
    if c.op == "ne" and not isinstance(operand, tuple | m.FactRef):
        return operand
    if c.op == "not_in" and isinstance(operand, tuple) and operand:
        return operand[0]
    if c.op == "has_any" and isinstance(operand, tuple):
        q = pack.questions.get(c.question)
        free = [o.id for o in q.options if o.id not in operand] if q is not None else []
        return (free[0],) if free else None
    return None
